"""A fading frame over a stage panel: practice mode's "Show me" marks where the
answer is without hiding the other panels.

The frame is drawn in the theme's highlight colour on a transparent overlay (mouse
events pass through), follows the panel when it moves or resizes, holds for a moment
and fades out, then removes itself.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QRect,
    Qt,
    QVariantAnimation,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget
from shiboken6 import isValid

#: How long the frame shows (ms), the last part of it fading.
DURATION_MS = 3200
#: Share of the time at full strength before the fade starts.
HOLD = 0.45


class PanelHighlight(QWidget):
    """A frame over ``target`` that fades out (kept in :attr:`target`)."""

    def __init__(self, target: QWidget, duration_ms: int = DURATION_MS):
        top = target.window()
        super().__init__(top)
        self.setObjectName("practice_highlight")
        self.target = target
        self.strength = 1.0
        #: True once it has stopped (it is deleted soon after).
        self.done = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fade = QVariantAnimation(self)
        self.fade.setDuration(duration_ms)
        self.fade.setStartValue(1.0)
        self.fade.setKeyValueAt(HOLD, 1.0)
        self.fade.setEndValue(0.0)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self.fade.valueChanged.connect(self._set_strength)
        self.fade.finished.connect(self.finish)
        target.installEventFilter(self)
        target.destroyed.connect(self.finish)
        self._place()
        self.setVisible(target.isVisible())
        self.raise_()
        self.fade.start()

    def _set_strength(self, value) -> None:
        self.strength = float(value)
        self.update()

    def _place(self) -> None:
        target, top = self.target, self.parentWidget()
        if top is None:
            return
        corner = target.mapTo(top, QPoint(0, 0))
        self.setGeometry(QRect(corner, target.size()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.target and event.type() in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
            if self.strength > 0.0:  # the panel came (back) into view
                self.show()
                self.raise_()
        elif watched is self.target and event.type() == QEvent.Type.Hide:
            self.hide()
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        width = max(3, round(self.fontMetrics().height() / 4))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colour)
        fill.setAlphaF(0.10 * self.strength)
        painter.fillRect(self.rect(), fill)
        colour.setAlphaF(self.strength)
        pen = QPen(colour, width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = width // 2 + 1
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()

    def finish(self, *_args) -> None:
        """Stop and go away (the fade ended, the panel closed, or a newer one)."""
        if self.done:
            return
        self.done = True
        if self.fade.state() == QVariantAnimation.State.Running:
            self.fade.stop()
        self.strength = 0.0
        if isValid(self.target):
            self.target.removeEventFilter(self)
        self.hide()
        self.deleteLater()


def bring_into_view(widget: QWidget) -> None:
    """Make ``widget`` seen: the tabs holding it come to the front and the scroll
    areas around it scroll to it."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        area = parent.parentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(widget)
        child, parent = parent, parent.parentWidget()
