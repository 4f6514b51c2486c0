"""The interface language: English or Simplified Chinese, switchable at run time.

The translations are Qt ``.qm`` files built from ``resources/i18n/*.ts`` by
``python -m dlviz.tools.translations build``. Installing a translator sends
``QEvent.LanguageChange`` to every widget; widgets retranslate in ``changeEvent``.
The language defaults to the saved choice, else to the system locale.
"""

from __future__ import annotations

import logging
import weakref

import shiboken6
from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QApplication, QWidget

from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import add_action, menu
from dlviz.ui.settings import LANGUAGES, Settings

log = logging.getLogger(__name__)

#: Language code -> its name in that language (shown untranslated, as is usual).
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    """``"zh_CN"`` when the system locale is Chinese, else ``"en"``."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def current_language() -> str:
    """The language whose translators are installed now."""
    return _current


def set_application_language(lang: str) -> bool:
    """Install the translators of ``lang`` (``"en"`` removes them).

    Returns False when the translation file is missing or unreadable; the interface
    then stays in English.
    """
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    new: list[QTranslator] = []
    ok = True
    if lang != "en":
        from dlviz.ui.qm import ensure_qm

        ours = QTranslator(app)
        path = ensure_qm(lang)
        if path is None or not ours.load(str(path)):
            log.warning("no usable translation for %s", lang)
            ok = False
        else:
            new.append(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qtbase = QTranslator(app)
            if qtbase.load(f"qtbase_{lang}", qt_dir):
                new.append(qtbase)
    if not ok:
        lang = "en"
    for translator in _installed:
        QApplication.removeTranslator(translator)
    _installed.clear()
    for translator in new:
        QApplication.installTranslator(translator)
        _installed.append(translator)
    _current = lang
    # QApplication posts LanguageChange to each window: deliver it now, so every
    # widget shows the new language when this function returns
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    QLocale.setDefault(QLocale("zh_CN" if lang == "zh_CN" else "en_US"))
    return ok


def _retranslate_quiet_widgets(root: QWidget) -> None:
    """Call ``retranslate_ui()`` on widgets that have one but do not react to
    LanguageChange themselves (stages written before the hook existed)."""
    for widget in [root, *root.findChildren(QWidget)]:
        method = getattr(widget, "retranslate_ui", None)
        if method is None:
            continue
        if "changeEvent" not in _own_attrs(type(widget)):
            try:
                method()
            except Exception:  # a half-built stage must not break the switch
                log.exception("retranslate_ui failed in %s", type(widget).__name__)


def _own_attrs(cls: type) -> set[str]:
    """Attributes defined by ``cls`` or its Python (non-Qt) base classes."""
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith(("PySide6", "shiboken6", "pyqtgraph")):
            continue
        names.update(vars(klass))
    return names


class LanguageController(QObject):
    """The Language menu of one main window."""

    # Every window's controller, so a switch reaches them all without walking
    # ``QApplication.topLevelWidgets()`` (which may hold a widget being deleted).
    _all: weakref.WeakSet[LanguageController] = weakref.WeakSet()

    def __init__(self, window: ClassroomHost, settings: Settings | None = None):
        super().__init__(window)
        LanguageController._all.add(self)
        self.setObjectName("language")
        self.window = window
        self.settings = settings or Settings()
        language_menu = menu(window, "language")
        group = QActionGroup(self)
        self.actions_by_lang = {}
        for lang in LANGUAGES:
            action = language_menu.addAction(LANGUAGE_NAMES[lang])
            action.setCheckable(True)
            action.setData(lang)
            group.addAction(action)
            action.triggered.connect(self._on_language_action)
            self.actions_by_lang[lang] = action
        language_menu.addSeparator()
        self.toggle_action = add_action(
            window, "language", "switch_language", "Ctrl+L", self.toggle
        )
        window.installEventFilter(self)
        lang = self.settings.language or system_language()
        if lang != current_language():
            set_application_language(lang)
        self._adopt(current_language())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        other = "en" if current_language() == "zh_CN" else "zh_CN"
        self.toggle_action.setText(
            self.tr("Switch to {0}").format(LANGUAGE_NAMES[other])
        )

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def switch(self, lang: str) -> None:
        """Show the whole interface (every window) in ``lang`` and remember it."""
        if lang != current_language():
            set_application_language(lang)
        self.settings.language = lang
        for controller in list(LanguageController._all):
            if shiboken6.isValid(controller) and shiboken6.isValid(controller.window):
                controller._adopt(current_language())

    def toggle(self) -> None:
        self.switch("en" if current_language() == "zh_CN" else "zh_CN")

    def _on_language_action(self) -> None:
        action = self.sender()
        if action is not None:
            self.switch(action.data())

    def _adopt(self, lang: str) -> None:
        """Make this window follow ``lang`` (notes, legends, quiet widgets)."""
        self.actions_by_lang[lang].setChecked(True)
        _retranslate_quiet_widgets(self.window)
        self.window.set_language(lang)
        self.retranslate_ui()


def install(window: ClassroomHost) -> LanguageController:
    return LanguageController(window)
