"""The window's menu bar, shared by the classroom features.

The window owns one :class:`WindowMenus` (``window.menus``, see
:class:`~dlviz.ui.classroom._host.ClassroomHost`). Menus are created once per window
in a fixed order (File, Training, View, Language, Help) so the bar looks the same
whichever feature asks first; other menus (Lesson …) go before Help. Actions are also
added to the window itself, so their shortcuts keep working while presentation mode
hides the menu bar.

The module functions (:func:`classroom_menu`, :func:`add_window_action`,
:func:`texts_of`, :func:`menu`, :func:`add_action`) are what features call; the
translation tool reads their string arguments (``dlviz/tools/translations.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

MENU_ORDER = ("file", "training", "view", "language", "help")
_CONTEXT = "dlviz.classroom"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


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


class Texts(QObject):
    """English source texts of one window's classroom widgets, re-translated when
    the language changes."""

    def __init__(self, window):
        super().__init__(window)
        self._items: list[tuple[object, str]] = []
        window.installEventFilter(self)

    def add(self, setter, text: str) -> None:
        self._items.append((setter, text))
        setter(_tr(text))

    def retranslate(self) -> None:
        for setter, text in self._items:
            try:
                setter(_tr(text))
            except RuntimeError:  # the widget is gone
                pass

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


class WindowMenus(QObject):
    """The menus, window-wide actions and translated texts of one main window.

    ``menus`` holds the menus by key (``"file"`` … ``"help"``, then others by their
    lower-case title: ``"lesson"``); ``actions`` the classroom actions by name (the
    window's own ``actions_by_name`` belong to the window, which retranslates only
    its own); ``texts`` re-translates what features registered.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("window_menus")
        self._window = window
        self.menus: dict[str, QMenu] = {}
        self.actions: dict[str, QAction] = {}
        self.texts = Texts(window)
        self._titles: MenuTitles | None = None

    def _shared(self) -> None:
        """Create the shared menus, in their order, on first use."""
        if self._titles is not None:
            return
        bar = self._window.menuBar()
        shared = {}
        for key in MENU_ORDER:
            m = bar.addMenu("")
            m.setObjectName(f"menu_{key}")
            shared[key] = m
        self.menus.update(shared)
        self._titles = MenuTitles(self._window, shared)

    def menu(self, title: str) -> QMenu:
        """The top-level menu ``title`` (``"file"``/``"File"`` … or a new one such as
        ``"Lesson"``, created once before Help with its title translated)."""
        self._shared()
        key = title.lower()
        found = self.menus.get(key)
        if found is None:
            bar = self._window.menuBar()
            found = QMenu(bar)
            found.setObjectName(f"menu_{key}")
            bar.insertMenu(self.menus["help"].menuAction(), found)
            self.texts.add(found.setTitle, f"&{title}")
            self.menus[key] = found
        found.menuAction().setVisible(True)
        return found

    def add_action(
        self,
        menu_name: str | None,
        name: str,
        keys: str | list[str] | None,
        slot=None,
        checkable: bool = False,
    ) -> QAction:
        """A window-wide action ``name`` with shortcut ``keys``, in menu
        ``menu_name`` (none when None), registered in :attr:`actions`."""
        window = self._window
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
            self.menu(menu_name).addAction(action)
        self.actions[name] = action
        return action


def menus_of(window) -> WindowMenus:
    """The window's :class:`WindowMenus` (``window.menus``)."""
    return window.menus


def menu(window: QMainWindow, name: str) -> QMenu:
    """The menu ``name`` (one of :data:`MENU_ORDER`) of ``window``."""
    return menus_of(window).menu(name)


def add_action(
    window: QMainWindow,
    menu_name: str | None,
    name: str,
    keys: str | list[str] | None,
    slot=None,
    checkable: bool = False,
) -> QAction:
    """A window-wide action with shortcut ``keys``, in menu ``menu_name`` (its text
    is set by the feature, which retranslates it)."""
    return menus_of(window).add_action(menu_name, name, keys, slot, checkable)


def classroom_menu(window, title: str) -> QMenu:
    """The window's top-level menu called ``title`` (File, View, Lesson ...)."""
    return menus_of(window).menu(title)


def add_window_action(
    window, menu: QMenu | None, name: str, text: str, keys: str | None, slot
) -> QAction:
    """A window-wide action (listed by the shortcut overlay) with translated text."""
    menus = menus_of(window)
    action = menus.add_action(None, name, keys, slot)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if menu is not None:
        menu.addAction(action)
    menus.texts.add(action.setText, text)
    return action


def texts_of(window) -> Texts:
    return menus_of(window).texts
