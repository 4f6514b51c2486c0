"""Presentation mode, themes, colormaps, panel zoom and the shortcut overlay, on a
real main window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from dlviz.ui import theme
from dlviz.ui.settings import Settings
from dlviz.ui.views.base import PlotView


@pytest.fixture(autouse=True)
def temp_settings(tmp_path, monkeypatch):
    """Every window of these tests stores its settings in a temporary file."""
    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    yield
    theme.set_dark(False)


OUR_ACTIONS = {
    "presentation",
    "font_larger",
    "font_smaller",
    "zoom_panel",
    "back",
    "dark_theme",
    "next_sequential_map",
    "next_diverging_map",
    "switch_language",
    "shortcuts",
}


def press(qtbot, window, keys: str) -> None:
    """Type ``keys`` (a QKeySequence string) into the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())


def test_f5_toggles_presentation(qtbot, window):
    window.loss_curves.set_curve("probe", np.arange(5.0), np.ones(5), color="#000000")
    probe = window.loss_curves.curves["probe"]
    normal_width = probe.opts["pen"].widthF()
    normal_font = QApplication.font().pointSizeF()
    normal_axis = window.loss_curves.plot_item.getAxis("bottom").style["tickFont"]
    normal_axis_pt = normal_axis.pointSizeF()
    assert window.picker_dock.isVisible() and window.menuBar().isVisible()

    press(qtbot, window, "F5")
    controller = window.features["presentation"]
    assert controller.presenting
    assert not window.picker_dock.isVisible()
    assert not window.inspector_dock.isVisible()
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.transport_bar.isVisible()
    scale = controller.font_scale
    assert QApplication.font().pointSizeF() == pytest.approx(normal_font * scale)
    assert probe.opts["pen"].widthF() > normal_width
    bigger_axis = window.loss_curves.plot_item.getAxis("bottom").style["tickFont"]
    assert bigger_axis.pointSizeF() > normal_axis_pt
    assert theme.STYLE.marker_size > theme.BASE_STYLE.marker_size

    press(qtbot, window, "F5")
    assert not controller.presenting
    assert window.picker_dock.isVisible() and window.inspector_dock.isVisible()
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert QApplication.font().pointSizeF() == pytest.approx(normal_font)
    assert probe.opts["pen"].widthF() == pytest.approx(normal_width)

    controller.enter()
    press(qtbot, window, "Esc")
    assert not controller.presenting
    assert QApplication.font().pointSizeF() == pytest.approx(normal_font)


def test_font_scale_is_clamped_and_remembered(qtbot, window):
    controller = window.features["presentation"]
    base = QApplication.font().pointSizeF()
    controller.set_font_scale(2.0)
    assert Settings().font_scale == 2.0
    controller.enter()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 2.0)
    controller.larger()
    controller.larger()
    controller.larger()
    assert controller.font_scale == 2.5  # upper bound
    assert QApplication.font().pointSizeF() == pytest.approx(base * 2.5)
    controller.leave()
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    for _ in range(10):
        controller.smaller()
    assert controller.font_scale == 1.0 and Settings().font_scale == 1.0
    controller.set_font_scale(1.75)
    # a new controller (a new window, a new run) starts from the stored scale
    assert Settings().font_scale == 1.75
    assert type(controller)(window, Settings()).font_scale == 1.75


def test_dark_and_light_theme_change_plot_backgrounds(qtbot, window):
    views = window.findChildren(PlotView)
    assert views
    window.features["presentation"].set_dark(True)
    for view in views:
        assert view.backgroundBrush().color().name() == "#000000"
    assert QApplication.palette().window().color().lightness() < 60
    axis = window.loss_curves.plot_item.getAxis("left")
    assert axis.textPen().color().lightness() > 200
    assert Settings().theme == "dark"
    window.features["presentation"].set_dark(False)
    for view in views:
        assert view.backgroundBrush().color().name() == "#ffffff"
    assert QApplication.palette().window().color().lightness() > 200
    assert Settings().theme == "light"


def test_colormaps_default_colour_blind_safe_and_switch(qtbot, window):
    assert theme.STYLE.sequential in ("viridis", "cividis")
    before = theme.STYLE.sequential
    press(qtbot, window, "Ctrl+M")
    assert theme.STYLE.sequential != before
    assert Settings().sequential_map == theme.STYLE.sequential
    expected = theme.lookup_table()
    assert np.array_equal(expected, theme._lut(theme.STYLE.sequential))
    window.features["presentation"].set_colormap("CET-D3")
    assert theme.STYLE.diverging == "CET-D3"
    window.features["presentation"].set_colormap(before)
    window.features["presentation"].set_colormap("CET-D1")
    with pytest.raises(ValueError):
        theme.set_colormaps(sequential="jet")


def test_f_zooms_panel_and_escape_restores(qtbot, window):
    panel = window.stage.panels()["decision boundary"]
    qtbot.waitUntil(lambda: panel.isVisible())
    before = panel.size()
    window.features["presentation"].zoom_panel(panel)
    zoom = window.features["presentation"].zoom
    assert zoom.panel is panel
    assert not window.picker_dock.isVisible()
    assert not window.loss_curves.isVisible()
    assert not window.tabs.tabBar().isVisible()
    assert panel.isVisible()
    qtbot.waitUntil(lambda: panel.width() > before.width())
    assert panel.height() > before.height()
    press(qtbot, window, "Esc")
    assert zoom.panel is None
    assert window.picker_dock.isVisible() and window.loss_curves.isVisible()
    assert window.tabs.tabBar().isVisible()

    # F on the focused panel zooms it; the step-through panel and curves count too
    window.loss_curves.setFocus()
    qtbot.waitUntil(window.loss_curves.hasFocus, timeout=2000)
    press(qtbot, window, "F")
    assert zoom.panel is window.loss_curves
    press(qtbot, window, "Esc")
    window.features["presentation"].zoom_panel(window.step_through)
    assert window.tabs.currentWidget() is window.step_through
    assert not window.lab_splitter.isVisible()
    window.features["presentation"].back()
    assert zoom.panel is None and window.tabs.tabBar().isVisible()


def test_question_mark_overlay_lists_every_action(qtbot, window):
    overlay = window.features["shortcuts"].overlay
    assert not overlay.isVisible()
    press(qtbot, window, "?")
    assert overlay.isVisible()
    text = overlay.label.text()
    assert overlay.label.sizeHint().height() <= window.height()  # fits the window
    ours = [
        *window.actions_by_name.values(),
        *(
            a
            for name, a in window.menus.actions.items()
            if name in OUR_ACTIONS
        ),
    ]
    # play, step, reset, trace, filter, quit and the four step-through keys
    assert len(ours) == 10 + len(OUR_ACTIONS)
    assert all(a.shortcuts() for a in ours)
    actions = [a for a in window.actions() if a.shortcuts()]
    for action in actions:
        assert action.text().replace("&", "") in text
        keys = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText)
        assert keys in text
    # every menu entry with a shortcut is listed too
    names = {row[1] for row in overlay.rows()}
    assert {"Presentation mode", "Play / pause", "Keyboard shortcuts"} <= names
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


def test_last_lab_is_remembered(qtbot, window):
    assert Settings().last_lab == "mlp2d"
    window.open_lab("mlp_digits")
    assert Settings().last_lab == "mlp_digits"
