"""Keyboard shortcuts: the Training and Help menus and the ``?`` overlay listing
every action of the window with its keys (in the interface language)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from dlviz.ui.classroom._menus import add_action, menu

#: Window actions (made by the main window) and the menu each belongs in.
WINDOW_ACTION_MENUS = {
    "play": "training",
    "step": "training",
    "reset": "training",
    "trace": "training",
    "filter": "view",
    "quit": "file",
    "first_event": "training",
    "previous_event": "training",
    "next_event": "training",
    "last_event": "training",
}


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu title, action text, keys) of every action with a shortcut.

    Actions appear under the first menu holding them, the rest under "Other".
    """
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(group: str, action: QAction) -> None:
        if id(action) in seen or action.isSeparator() or action.menu() is not None:
            return
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts()
        ]
        if not keys:
            return
        seen.add(id(action))
        text = action.text().replace("&", "")
        rows.append((group, text, ", ".join(keys)))

    def walk(group: str, actions) -> None:
        for action in actions:
            sub = action.menu()
            if sub is not None:
                walk(group, sub.actions())
            else:
                add(group, action)

    for bar_action in window.menuBar().actions():
        m = bar_action.menu()
        if m is not None:
            walk(m.title().replace("&", ""), m.actions())
    other = QCoreApplication.translate("ShortcutOverlay", "Other")
    for action in window.actions():
        add(other, action)
    return rows


class ShortcutOverlay(QWidget):
    """A translucent sheet over the window listing the shortcuts; any key or click
    closes it."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("shortcut_overlay")
        self.window_ = window
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label = QLabel()
        self.label.setObjectName("shortcut_table")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        self.label.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.hide()
        window.installEventFilter(self)

    def rows(self) -> list[tuple[str, str, str]]:
        return shortcut_rows(self.window_)

    def refresh(self) -> None:
        """The table of shortcuts in as many columns as the window's height needs,
        so the whole list fits at any size and font scale."""
        rows: list[tuple[str, str, str]] = []
        group = None
        for g, text, keys in self.rows():
            if g != group:
                group = g
                rows.append(("group", g, ""))
            rows.append(("row", text, keys))
        line = self.label.fontMetrics().height() + 10
        height = max(200, self.window_.height() - 4 * line)
        per_column = max(6, height // line)
        columns = [rows[i:i + per_column] for i in range(0, len(rows), per_column)]
        cells = []
        for column in columns:
            body = []
            for kind, text, keys in column:
                if kind == "group":
                    body.append(f"<tr><td colspan='2'><b><u>{html.escape(text)}"
                                f"</u></b></td></tr>")
                else:
                    body.append(f"<tr><td align='right'><b>{html.escape(keys)}</b>"
                                f"</td><td>{html.escape(text)}</td></tr>")
            cells.append("<td valign='top'><table cellspacing='0' cellpadding='3'>"
                         + "".join(body) + "</table></td>")
        self.label.setText(
            "<div style='color:#ffffff'>"
            f"<h2 align='center'>{html.escape(self.tr('Keyboard shortcuts'))}</h2>"
            "<table cellspacing='12'><tr>" + "".join(cells) + "</tr></table>"
            f"<p align='center'><i>{html.escape(self.tr('Press any key to close'))}"
            "</i></p></div>"
        )

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # every key (Esc included) closes the overlay first
            return True
        return super().event(event)

    def open(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        self.refresh()
        self.setGeometry(self.window_.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.open()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 215))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
            return
        self.hide()
        event.accept()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        window = getattr(self, "window_", None)  # gone while the window is destroyed
        if window is not None and watched is window and kind == QEvent.Type.Resize:
            if self.isVisible():
                self.setGeometry(window.rect())
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self.refresh()
        super().changeEvent(event)


class ShortcutsController(QObject):
    """Puts the window's own actions into menus and adds Help → shortcuts."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("shortcuts")
        self.window = window
        own = getattr(window, "actions_by_name", {})
        for name, menu_name in WINDOW_ACTION_MENUS.items():
            if name in own:
                menu(window, menu_name).addAction(own[name])
        self.overlay = ShortcutOverlay(window)
        self.show_action = add_action(
            window, "help", "shortcuts", ["?", "F1"], self.overlay.toggle
        )
        window.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.show_action.setText(self.tr("Keyboard shortcuts"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False


def install(window: QMainWindow) -> ShortcutsController:
    return ShortcutsController(window)
