"""The frame of a stage: a row of controls that wraps, the panel deck, a caption.

* :class:`FlowLayout` — controls flow onto a second line instead of widening the
  window (a stage's controls never set the window's minimum width).
* :class:`Caption` — explanatory text under the panels: wraps, follows the
  application font (presentation scale), never cut.
* :class:`CaptionHolder` — holds a caption whose text changes every frame (live
  numbers) without laying the window out again: ``QLabel.setText`` asks its parent's
  layout for a new geometry every time, and under a stage that lays out (and
  repaints) the whole main window — 3–5 ms a frame for a caption showing a loss. The
  holder sizes the caption itself and asks for a new height only when the wrapped
  text needs more or fewer lines.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt override
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._do_layout(QRect(0, 0, width, 0), test=True)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._do_layout(rect, test=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(),
                            margins.top() + margins.bottom())

    def _do_layout(self, rect: QRect, test: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(),
                             -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        space = self.spacing()
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x + width > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + space, 0
            if not test:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + space
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


class ControlRow(QWidget):
    """A stage's controls; they wrap onto more lines when the stage is narrow."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self.flow.addWidget(widget)
        self._reveal()

    def _reveal(self) -> None:
        """Show the row once it holds controls — only inside its stage: a row
        without a parent would pop up as a window of its own."""
        if self.parentWidget() is not None:
            self.show()

    def group(self, *widgets: QWidget) -> QWidget:
        """Widgets that stay together on one line (a label and its field)."""
        from PySide6.QtWidgets import QHBoxLayout

        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        self.flow.addWidget(box)
        self._reveal()
        return box

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self.flow.heightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.width() if self.width() > 50 else 600
        return QSize(width, self.flow.heightForWidth(width))


class Caption(QLabel):
    """Explanatory text under a stage's panels: wraps, never cut, never widens."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMargin(2)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Set the text; unchanged text does nothing, and a caption in a
        :class:`CaptionHolder` is refitted there (no window relayout)."""
        if text == self.text():
            return
        super().setText(text)
        self._refit_holder()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt override
        """Show or hide; the holder follows (a hidden holder gets no Show event
        from its child, so it is told)."""
        super().setVisible(visible)
        self._refit_holder()

    def _refit_holder(self) -> None:
        holder = self.parentWidget()
        if isinstance(holder, CaptionHolder):
            holder.refit()


class CaptionHolder(QWidget):
    """Holds one wrapping label at its full width and the height its text needs.

    A taller text gets its room at once; a shorter one gives room back only when
    it has stayed shorter for ``SHRINK_AFTER_MS`` (or the holder is resized): a
    live caption whose text alternates between one and two lines would otherwise
    lay out the whole window on every frame."""

    SHRINK_AFTER_MS = 1000

    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self._height = 0
        self._shrink = QTimer(self)
        self._shrink.setSingleShot(True)
        self._shrink.setInterval(self.SHRINK_AFTER_MS)
        self._shrink.timeout.connect(lambda: self.refit(shrink=True))
        label.installEventFilter(self)

    def needed_height(self) -> int:
        if self.label.isHidden():
            return 0
        width = max(1, self.width())
        height = self.label.heightForWidth(width)
        return height if height >= 0 else self.label.sizeHint().height()

    def refit(self, shrink: bool = False) -> None:
        """Follow the text: a new height only when the line count changed (a
        smaller one after a while, see the class)."""
        shown = not self.label.isHidden()
        if shown != (not self.isHidden()):
            self.setVisible(shown)
            shrink = True
        height = self.needed_height()
        if height < self._height and not shrink:
            if not self._shrink.isActive():
                self._shrink.start()
            height = self._height
        if height != self._height:
            self._height = height
            self.setFixedHeight(height)
        self.label.setGeometry(0, 0, self.width(), height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.label.sizeHint().width(), self._height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.refit(shrink=event.size().width() != event.oldSize().width())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.label and event.type() in (
            QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.FontChange,
        ):
            self.refit(shrink=True)
        return False
