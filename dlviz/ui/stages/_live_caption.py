"""A stage caption whose live numbers change every frame without re-laying out the
window.

``QLabel.setText`` asks its parent's layout for a new geometry every time; under a
stage that means the whole main window is laid out again (about 1–2 ms a frame
for a caption that shows a loss or a distance). :func:`keep_caption_in_place`
moves the stage's caption into a holder without a layout: the holder sizes the
caption itself and asks the window for a new height only when the wrapped text
needs more or fewer lines. The caption stays the same :class:`QLabel`
(``stage.caption``), so its text, style and translations are unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class CaptionHolder(QWidget):
    """Holds one wrapping label at its full width and the height its text needs."""

    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self._height = 0
        label.installEventFilter(self)

    def needed_height(self) -> int:
        if self.label.isHidden():
            return 0
        width = max(1, self.width())
        height = self.label.heightForWidth(width)
        return height if height >= 0 else self.label.sizeHint().height()

    def refit(self) -> None:
        """Follow the text: a new height only when the line count changed."""
        shown = not self.label.isHidden()
        if shown != (not self.isHidden()):
            self.setVisible(shown)
        height = self.needed_height()
        if height != self._height:
            self._height = height
            self.setFixedHeight(height)
        self.label.setGeometry(0, 0, self.width(), height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.label.sizeHint().width(), self._height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.refit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.label and event.type() in (
            QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.FontChange,
        ):
            self.refit()
        return False


def keep_caption_in_place(stage) -> CaptionHolder:
    """Put ``stage.caption`` (after ``use_frame``) into a :class:`CaptionHolder`
    at the caption's place in the stage's layout; returns the holder. Call
    :meth:`CaptionHolder.refit` after changing the caption's text."""
    caption = stage.caption
    layout = stage.layout()
    index = layout.indexOf(caption)
    layout.removeWidget(caption)
    holder = CaptionHolder(caption)
    layout.insertWidget(index, holder)
    return holder
