"""A message banner at the top of the stage: divergence, errors, out-of-memory, and
work in progress (a long request, a GIF being encoded) with a progress bar and Cancel.

Messages never block (no modal box pops up mid-lesson); details and actions are one
click away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

_COLOURS = {
    "info": ("#E3F2FD", "#0D47A1"),
    "warning": ("#FFF3E0", "#8A4B00"),
    "error": ("#FDECEA", "#8B1A10"),
}


class MessageBar(QWidget):
    """Shows one message with optional details and an optional action button."""

    action_triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("message_text")
        self.progress = QProgressBar()
        self.progress.setObjectName("message_progress")
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.details_button = QPushButton()
        self.action_button = QPushButton()
        self.action_button.setObjectName("message_action")
        self.close_button = QPushButton("✕")
        self.close_button.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.action_button)
        layout.addWidget(self.details_button)
        layout.addWidget(self.close_button)
        self.details_button.clicked.connect(self._show_details)
        self.action_button.clicked.connect(self._on_action)
        self.close_button.clicked.connect(self.hide)
        self.kind = "info"
        self.details = ""
        self._action = ""
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.details_button.setText(self.tr("Details…"))
        self.close_button.setToolTip(self.tr("Dismiss"))

    def show_message(
        self,
        text: str,
        kind: str = "info",
        details: str = "",
        action: str = "",
        action_text: str = "",
    ) -> None:
        self.kind, self.details, self._action = kind, details, action
        bg, fg = _COLOURS.get(kind, _COLOURS["info"])
        self.setStyleSheet(
            f"#message_bar {{ background: {bg}; border: 2px solid {fg}; "
            f"border-radius: 4px; }} "
            f"#message_text {{ color: {fg}; font-weight: bold; }}"
        )
        self.label.setText(text)
        self.details_button.setVisible(bool(details))
        self.action_button.setVisible(bool(action))
        self.action_button.setText(action_text)
        self.progress.hide()
        self.show()

    def show_progress(
        self,
        text: str,
        fraction: float | None = None,
        action: str = "",
        action_text: str = "",
    ) -> None:
        """Work in progress: ``text``, a progress bar (busy when ``fraction`` is
        None) and an optional action (Cancel)."""
        self.show_message(text, "info", action=action, action_text=action_text)
        self.set_progress(fraction, text)
        self.progress.show()

    def set_progress(self, fraction: float | None, text: str | None = None) -> None:
        """Update the progress bar (and the text) of a :meth:`show_progress`."""
        if fraction is None:
            self.progress.setRange(0, 0)  # busy
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(round(100 * min(1.0, max(0.0, fraction))))
        if text is not None and text != self.label.text():
            self.label.setText(text)

    @property
    def action(self) -> str:
        """The action of the message shown ("" when it has none)."""
        return self._action

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _show_details(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Details"))
        box.setText(self.label.text())
        box.setDetailedText(self.details)
        box.setIcon(QMessageBox.Icon.Warning)
        box.open()

    def _on_action(self) -> None:
        self.action_triggered.emit(self._action)
        self.hide()
