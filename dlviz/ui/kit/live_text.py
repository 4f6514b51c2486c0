"""One line of text that changes many times a second — a live counter, the step
a timeline shows — without laying the window out each time.

A QLabel asks its parent's layout to lay out again on every ``setText``, and each
layout that runs asks the one above it: a step counter changing thirty times a
second laid out the whole main window (and every panel of the stage) thirty times
a second. :class:`LiveText` holds its label alone, without a layout, so the request
stops there; it asks for more room only when its text grows wider than the widest
so far (a smaller font, a new language or :meth:`LiveText.refit` starts afresh).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class LiveText(QWidget):
    """A label (:attr:`label`) in a holder that keeps its size while the text
    changes. ``typical`` is a text whose width it takes at least (``"00.0000"`` for
    a counter), so the first numbers do not widen it either."""

    def __init__(self, text: str = "", typical: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(text, self)
        self.typical = typical
        self._hint = QSize(0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.refit()

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        if text != self.label.text():
            self.label.setText(text)
            # measuring the label's hint lays its text out: only for a text wider
            # than any so far (a plain advance is cheap to compare)
            advance = self.label.fontMetrics().horizontalAdvance(text)
            if advance > self._widest:
                self._widest = advance
                self._grow()

    def _needed(self) -> QSize:
        hint = self.label.sizeHint()
        typical = self.label.fontMetrics().horizontalAdvance(self.typical)
        return QSize(max(hint.width(), typical), hint.height())

    def _grow(self) -> None:
        need = self._needed()
        wanted = QSize(max(need.width(), self._hint.width()), need.height())
        if wanted != self._hint:
            self._hint = wanted
            self.updateGeometry()

    def refit(self) -> None:
        """Size to the text now (it may shrink)."""
        self._widest = self.label.fontMetrics().horizontalAdvance(self.label.text())
        self._hint = self._needed()
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._hint)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._hint)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self.label.setFont(self.font())  # before measuring, whatever the order
            self.refit()
        elif event.type() == QEvent.Type.LanguageChange:
            self.refit()
        super().changeEvent(event)
