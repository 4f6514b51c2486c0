"""The window's menu bar, shared by the classroom features.

Menus are created once per window in a fixed order (File, Training, View, Language,
Help) so the bar looks the same whichever feature asks first. Actions are also added
to the window itself, so their shortcuts keep working while presentation mode hides
the menu bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

MENU_ORDER = ("file", "training", "view", "language", "help")


class MenuTitles(QObject):
    """Keeps the menu titles translated (the window's LanguageChange events)."""

    def __init__(self, window: QMainWindow, menus: dict[str, QMenu]):
        super().__init__(window)
        self.menus = menus
        window.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        titles = {
            "file": self.tr("&File"),
            "training": self.tr("&Training"),
            "view": self.tr("&View"),
            "language": self.tr("&Language"),
            "help": self.tr("&Help"),
        }
        for name, menu in self.menus.items():
            menu.setTitle(titles[name])
            menu.menuAction().setVisible(not menu.isEmpty())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False


def menu(window: QMainWindow, name: str) -> QMenu:
    """The menu ``name`` (one of :data:`MENU_ORDER`) of ``window``, created on first
    use together with the others."""
    titles: MenuTitles | None = getattr(window, "classroom_menu_titles", None)
    if titles is None:
        bar = window.menuBar()
        menus = {}
        for key in MENU_ORDER:
            m = bar.addMenu("")
            m.setObjectName(f"menu_{key}")
            menus[key] = m
        titles = MenuTitles(window, menus)
        window.classroom_menu_titles = titles
        window.classroom_menus = menus
    m = titles.menus[name]
    m.menuAction().setVisible(True)
    return m


def add_action(
    window: QMainWindow,
    menu_name: str | None,
    name: str,
    keys: str | list[str] | None,
    slot=None,
    checkable: bool = False,
) -> QAction:
    """A window-wide action with shortcut ``keys``, in menu ``menu_name``.

    The action is registered in ``window.classroom_actions[name]`` (the window's own
    ``actions_by_name`` belongs to the window, which retranslates only its own).
    """
    action = QAction(window)
    action.setObjectName(f"action_{name}")
    if keys:
        keys = [keys] if isinstance(keys, str) else keys
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setCheckable(checkable)
    if slot is not None:
        action.triggered.connect(slot)
    window.addAction(action)
    if menu_name is not None:
        menu(window, menu_name).addAction(action)
    registry = getattr(window, "classroom_actions", None)
    if registry is None:
        registry = window.classroom_actions = {}
    registry[name] = action
    return action
