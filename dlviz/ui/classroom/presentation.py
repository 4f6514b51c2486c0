"""Presentation mode, themes, colormaps and zooming one panel to the whole window.

F5 toggles presentation mode: full screen, a larger interface font (1.0×–2.5×,
remembered), thicker lines and larger markers in the plots, and no chrome except the
transport bar. F zooms the panel under the mouse (or the focused one) to fill the
window; Esc restores it, and a second Esc leaves presentation mode.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QActionGroup, QCursor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from dlviz.session.shown import ShownSnapshot
from dlviz.ui import theme
from dlviz.ui.classroom._menus import add_action, menu
from dlviz.ui.kit import PanelDeck
from dlviz.ui.settings import Settings, clamp_font_scale
from dlviz.ui.views.base import PlotView

FONT_STEP = 0.25
#: The application font before any presentation scaling (shared by every window).
_BASE_FONT: QFont | None = None


def base_font() -> QFont:
    global _BASE_FONT
    if _BASE_FONT is None:
        _BASE_FONT = QFont(QApplication.font())
    return QFont(_BASE_FONT)


def restyle_views(root: QWidget) -> None:
    """Call ``apply_style()`` on every plot view under ``root``."""
    for view in root.findChildren(PlotView):
        view.apply_style()
    shown = getattr(root, "shown", None)
    if isinstance(shown, ShownSnapshot):
        shown.invalidate()  # redraw the snapshot with the new colours


def restyle_all_windows() -> None:
    for widget in QApplication.topLevelWidgets():
        restyle_views(widget)


def _deck_of(panel: QWidget) -> PanelDeck | None:
    """The panel deck that lays ``panel`` out, if any."""
    parent = panel.parentWidget()
    while parent is not None:
        if isinstance(parent, PanelDeck) and parent.owns(panel):
            return parent
        parent = parent.parentWidget()
    return None


class PanelZoom:
    """Shows one panel alone by hiding everything around it, then restores it."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self.panel: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._tab_bars: list[QWidget] = []

    def panels(self) -> dict[str, QWidget]:
        w = self.window
        found: dict[str, QWidget] = {}
        stage = getattr(w, "stage", None)
        if stage is not None:
            found.update(stage.panels())
        for name in ("loss_curves", "metric_curves", "step_through"):
            widget = getattr(w, name, None)
            if widget is not None:
                found[name.replace("_", " ")] = widget
        return found

    def target(self) -> QWidget | None:
        """The panel under the mouse, else the focused one, else the main one."""
        panels = [p for p in self.panels().values() if p.isVisible()]
        for start in (
            QApplication.widgetAt(QCursor.pos()),
            QApplication.focusWidget(),
        ):
            widget = start
            while widget is not None and widget is not self.window:
                if widget in panels:
                    return widget
                widget = widget.parentWidget()
        tabs = getattr(self.window, "tabs", None)
        if tabs is not None and tabs.currentWidget() is getattr(
            self.window, "step_through", None
        ):
            return self.window.step_through
        return panels[0] if panels else None

    def zoom(self, panel: QWidget) -> None:
        if self.panel is not None:
            self.restore()
        self.panel = panel
        self._deck = _deck_of(panel)
        if self._deck is not None:
            self._deck.set_filter(only=panel)  # the deck shows it alone
        child = panel
        parent = panel.parentWidget()
        while parent is not None:
            if isinstance(parent, QStackedWidget):
                tab_widget = parent.parentWidget()
                if isinstance(tab_widget, QTabWidget):
                    tab_widget.setCurrentWidget(child)
                    bar = tab_widget.tabBar()
                    if bar.isVisible():
                        bar.hide()
                        self._tab_bars.append(bar)
                else:
                    parent.setCurrentWidget(child)
            else:
                for sibling in parent.findChildren(
                    QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
                ):
                    if sibling is child or sibling.isWindow():
                        continue
                    if parent is self.window and not isinstance(
                        sibling, QDockWidget
                    ) and sibling is not self.window.statusBar():
                        continue  # keep the menu bar and the transport bar
                    if sibling.isVisible() and not isinstance(sibling, QTabWidget):
                        sibling.hide()
                        self._hidden.append(sibling)
            if parent is self.window:
                break
            child, parent = parent, parent.parentWidget()

    def restore(self) -> None:
        for widget in reversed(self._hidden + self._tab_bars):
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden, self._tab_bars = [], []
        self.panel = None
        deck, self._deck = getattr(self, "_deck", None), None
        if deck is not None and shiboken6.isValid(deck):
            deck.set_filter()
        spec = getattr(self.window, "spec", None)
        box = getattr(self.window, "curves_box", None)
        stage = getattr(self.window, "stage", None)
        if spec is not None and box is not None:
            in_deck = stage is not None and stage.curves_deck() is not None
            box.setVisible(spec.trainable and not in_deck)  # as open_lab left it

    @property
    def zoomed(self) -> bool:
        return self.panel is not None


class PresentationController(QObject):
    """Presentation mode, theme and colormap actions of one main window."""

    def __init__(self, window: QMainWindow, settings: Settings | None = None):
        super().__init__(window)
        self.setObjectName("presentation")
        self.window = window
        self.settings = settings or Settings()
        self.presenting = False
        self.font_scale = self.settings.font_scale
        self.zoom = PanelZoom(window)
        self._saved: dict = {}
        a = {}
        a["presentation"] = add_action(
            window, "view", "presentation", "F5", self.toggle, checkable=True
        )
        a["larger"] = add_action(
            window, "view", "font_larger", ["Ctrl++", "Ctrl+="], self.larger
        )
        a["smaller"] = add_action(
            window, "view", "font_smaller", "Ctrl+-", self.smaller
        )
        view = menu(window, "view")
        view.addSeparator()
        a["zoom"] = add_action(window, "view", "zoom_panel", "F", self.zoom_panel)
        a["back"] = add_action(window, "view", "back", "Esc", self.back)
        a["back"].setEnabled(False)
        view.addSeparator()
        a["dark"] = add_action(
            window, "view", "dark_theme", "Ctrl+Shift+D", self.set_dark, checkable=True
        )
        self.sequential_menu = view.addMenu("")
        self.diverging_menu = view.addMenu("")
        a["next_sequential"] = add_action(
            window, None, "next_sequential_map", "Ctrl+M", self.next_sequential
        )
        a["next_diverging"] = add_action(
            window, None, "next_diverging_map", "Ctrl+Shift+M", self.next_diverging
        )
        self.sequential_menu.addAction(a["next_sequential"])
        self.sequential_menu.addSeparator()
        self.diverging_menu.addAction(a["next_diverging"])
        self.diverging_menu.addSeparator()
        self.map_actions: dict[str, object] = {}
        for maps, sub, diverging in (
            (theme.SEQUENTIAL_MAPS, self.sequential_menu, False),
            (theme.DIVERGING_MAPS, self.diverging_menu, True),
        ):
            group = QActionGroup(self)
            for name in maps:
                act = sub.addAction(name)
                act.setCheckable(True)
                act.setData((name, diverging))
                group.addAction(act)
                act.triggered.connect(self._on_map_action)
                self.map_actions[name] = act
        view.addSeparator()
        self.actions = a
        self._restore_saved_look()
        window.installEventFilter(self)
        window.lab_opened.connect(self._remember_lab)
        self.retranslate_ui()

    def _remember_lab(self, key: str) -> None:
        """Store the open lab, so the next start can open it again."""
        self.settings.last_lab = key

    # -- translation --------------------------------------------------------------
    def retranslate_ui(self) -> None:
        a = self.actions
        a["presentation"].setText(self.tr("Presentation mode"))
        a["larger"].setText(self.tr("Larger text (presentation)"))
        a["smaller"].setText(self.tr("Smaller text (presentation)"))
        a["zoom"].setText(self.tr("Zoom the panel under the mouse"))
        a["back"].setText(self.tr("Back: restore the panel or leave presentation"))
        a["dark"].setText(self.tr("Dark theme"))
        a["next_sequential"].setText(self.tr("Next colour map"))
        a["next_diverging"].setText(self.tr("Next signed-value colour map"))
        self.sequential_menu.setTitle(self.tr("Colour map"))
        self.diverging_menu.setTitle(self.tr("Colour map for signed values"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind == QEvent.Type.Close and watched is self.window:
            self.zoom.restore()
            if self.presenting:
                self._apply_scale(1.0)
                self.presenting = False
        return False

    # -- presentation mode --------------------------------------------------------
    def toggle(self) -> None:
        if self.presenting:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        if self.presenting:
            return
        w = self.window
        self.presenting = True
        self._saved = {
            "maximized": w.isMaximized(),
            "fullscreen": w.isFullScreen(),
            "menu": w.menuBar().isVisible(),
            "status": w.statusBar().isVisible(),
            "docks": [d for d in w.findChildren(QDockWidget) if d.isVisible()],
        }
        for dock in self._saved["docks"]:
            dock.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        self._apply_scale(self.font_scale)
        w.showFullScreen()
        self._sync()

    def leave(self) -> None:
        if not self.presenting:
            return
        w = self.window
        self.zoom.restore()
        self.presenting = False
        self._apply_scale(1.0)
        saved = self._saved
        if not saved.get("fullscreen"):
            if saved.get("maximized"):
                w.showMaximized()
            else:
                w.showNormal()
        w.menuBar().setVisible(saved.get("menu", True))
        w.statusBar().setVisible(saved.get("status", True))
        for dock in saved.get("docks", []):
            if shiboken6.isValid(dock):
                dock.show()
        self._sync()

    def larger(self) -> None:
        self.set_font_scale(self.font_scale + FONT_STEP)

    def smaller(self) -> None:
        self.set_font_scale(self.font_scale - FONT_STEP)

    def set_font_scale(self, scale: float) -> None:
        """Set (and remember) the presentation scale; applied at once if presenting."""
        self.font_scale = clamp_font_scale(scale)
        self.settings.font_scale = self.font_scale
        if self.presenting:
            self._apply_scale(self.font_scale)

    def _apply_scale(self, scale: float) -> None:
        font = base_font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        QApplication.setFont(font)
        theme.set_presentation_scale(scale)
        restyle_all_windows()

    # -- zoom ---------------------------------------------------------------------
    def zoom_panel(self, panel: QWidget | None = None) -> None:
        """Zoom ``panel`` (default: the one under the mouse) to fill the window;
        pressed again on a zoomed panel, restore it."""
        if self.zoom.zoomed and panel is None:
            self.zoom.restore()
        else:
            panel = panel or self.zoom.target()
            if panel is not None:
                self.zoom.zoom(panel)
        self._sync()

    def back(self) -> None:
        """Esc: restore a zoomed panel, else leave presentation mode."""
        if self.zoom.zoomed:
            self.zoom.restore()
        elif self.presenting:
            self.leave()
        self._sync()

    def _sync(self) -> None:
        self.actions["presentation"].setChecked(self.presenting)
        self.actions["back"].setEnabled(self.presenting or self.zoom.zoomed)

    # -- theme and colormaps ------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        theme.set_dark(dark)
        self.settings.theme = "dark" if dark else "light"
        self.actions["dark"].setChecked(dark)
        restyle_all_windows()

    def set_colormap(self, name: str) -> None:
        """Use ``name`` for heatmaps (sequential) or signed values (diverging)."""
        if name in theme.DIVERGING_MAPS:
            theme.set_colormaps(diverging=name)
            self.settings.diverging_map = name
        else:
            theme.set_colormaps(sequential=name)
            self.settings.sequential_map = name
        self._check_maps()
        restyle_all_windows()

    def next_sequential(self) -> None:
        maps = theme.SEQUENTIAL_MAPS
        self.set_colormap(maps[(maps.index(theme.STYLE.sequential) + 1) % len(maps)])

    def next_diverging(self) -> None:
        maps = theme.DIVERGING_MAPS
        self.set_colormap(maps[(maps.index(theme.STYLE.diverging) + 1) % len(maps)])

    def _on_map_action(self) -> None:
        action = self.sender()
        if action is not None:
            self.set_colormap(action.data()[0])

    def _check_maps(self) -> None:
        for name in (theme.STYLE.sequential, theme.STYLE.diverging):
            if name in self.map_actions:
                self.map_actions[name].setChecked(True)

    def _restore_saved_look(self) -> None:
        dark = self.settings.theme == "dark"
        seq, div = self.settings.sequential_map, self.settings.diverging_map
        changed = False
        if seq in theme.SEQUENTIAL_MAPS and seq != theme.STYLE.sequential:
            theme.set_colormaps(sequential=seq)
            changed = True
        if div in theme.DIVERGING_MAPS and div != theme.STYLE.diverging:
            theme.set_colormaps(diverging=div)
            changed = True
        if dark != theme.STYLE.dark:
            theme.set_dark(dark)
            changed = True
        self.actions["dark"].setChecked(dark)
        self._check_maps()
        if changed:
            restyle_all_windows()


def install(window: QMainWindow) -> PresentationController:
    return PresentationController(window)
