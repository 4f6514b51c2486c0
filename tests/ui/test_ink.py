"""Ink on the stage: strokes per panel in panel coordinates, zoom, eraser, clear,
blank screen, exports and lesson scenes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from dlviz.session.lesson import load_lesson, save_lesson
from dlviz.ui.classroom.export import render_image
from dlviz.ui.classroom.ink import (
    ERASER_RADIUS,
    INK_WIDTHS,
    Stroke,
    ink_color,
    stroke_hit,
)

PANEL = "decision boundary"


def _near(color: QColor, target: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(color.getRgb()[:3], target.getRgb()[:3])
    )


def _draw(qtbot, overlay, points) -> None:
    qtbot.mousePress(overlay, Qt.MouseButton.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(overlay, p)
    qtbot.mouseRelease(overlay, Qt.MouseButton.LeftButton, pos=points[-1])


def _horizontal_line(overlay, y_frac=0.5):
    w, h = overlay.width(), overlay.height()
    y = int(h * y_frac)
    return [QPoint(int(w * f), y) for f in (0.2, 0.35, 0.5, 0.65, 0.8)]


def test_stroke_geometry_helpers():
    stroke = Stroke("blue", 4.0, [(0.0, 0.5), (1.0, 0.5)])
    assert stroke_hit(stroke, QPointF(50, 55), 100, 100, 6)
    assert not stroke_hit(stroke, QPointF(50, 60), 100, 100, 6)
    dot = Stroke("blue", 4.0, [(0.5, 0.5)])
    assert stroke_hit(dot, QPointF(52, 52), 100, 100, 3)
    assert Stroke.from_dict(stroke.to_dict()) == stroke


def test_draw_on_a_panel_while_it_trains_and_export_it(qtbot, window):
    ink = window.features["ink"]
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert ink.drawing and ink.palette.isVisible()
    overlay = ink.overlays[PANEL]
    panel = window.stage.panels()[PANEL]
    assert overlay.parentWidget() is panel and overlay.size() == panel.size()
    window.toggle_play()  # the stage keeps training under the ink
    _draw(qtbot, overlay, _horizontal_line(overlay))
    strokes = ink.strokes[PANEL]
    assert len(strokes) == 1 and len(strokes[0].points) == 5
    assert strokes[0].color == "vermillion" and strokes[0].width == INK_WIDTHS[1]
    assert all(abs(y - 0.5) < 0.01 for _x, y in strokes[0].points)
    assert abs(strokes[0].points[0][0] - 0.2) < 0.01
    qtbot.wait(150)
    centre = overlay.mapTo(window, QPoint(overlay.width() // 2, overlay.height() // 2))
    red = ink_color("vermillion")
    assert _near(window.grab().toImage().pixelColor(centre), red)
    # an export of the panel (render_image, what File ▸ Export uses) shows it too
    image = render_image(panel, panel.width(), panel.height())
    assert _near(image.pixelColor(panel.width() // 2, panel.height() // 2), red)
    window.toggle_play()
    # pen off: the stage gets the mouse again, the ink stays
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert not ink.drawing and not ink.palette.isVisible()
    assert overlay.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert len(ink.strokes[PANEL]) == 1


def test_ink_stays_with_a_zoomed_panel(qtbot, window):
    ink = window.features["ink"]
    ink.set_pen(True)
    overlay = ink.overlays[PANEL]
    small = overlay.size()
    _draw(qtbot, overlay, _horizontal_line(overlay, 0.25))
    window.features["presentation"].zoom_panel(window.stage.panels()[PANEL])
    qtbot.wait(100)
    big = overlay.size()
    assert big.width() > small.width() * 1.2  # the panel fills the stage now
    y = ink.strokes[PANEL][0].points[0][1]  # a quarter down (to a pixel)
    assert abs(y - 0.25) < 0.01
    point = overlay.mapTo(window, QPoint(big.width() // 2, round(y * big.height())))
    assert _near(window.grab().toImage().pixelColor(point), ink_color("vermillion"))
    window.features["presentation"].back()
    ink.set_pen(False)


def test_colours_widths_eraser_clear_and_keys(qtbot, window):
    ink = window.features["ink"]
    ink.set_color("blue")
    assert ink.drawing  # choosing a colour takes the pen
    ink.actions["width_2"].trigger()
    overlay = ink.overlays[PANEL]
    _draw(qtbot, overlay, _horizontal_line(overlay, 0.3))
    _draw(qtbot, overlay, _horizontal_line(overlay, 0.7))
    assert [s.color for s in ink.strokes[PANEL]] == ["blue", "blue"]
    assert ink.strokes[PANEL][0].width == INK_WIDTHS[2]
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert ink.eraser
    y = int(overlay.height() * 0.3) + int(ERASER_RADIUS / 2)
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton,
                     pos=QPoint(overlay.width() // 2, y))
    assert len(ink.strokes[PANEL]) == 1  # the upper line is gone
    assert abs(ink.strokes[PANEL][0].points[0][1] - 0.7) < 0.01
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert not any(ink.strokes.values())
    _draw(qtbot, overlay, _horizontal_line(overlay))
    qtbot.keyClick(window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert not any(ink.strokes.values())
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert not ink.drawing and not ink.eraser


def test_blank_screen_with_b_and_period(qtbot, window):
    ink = window.features["ink"]
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert ink.blank.isVisible() and ink.blank.geometry() == window.rect()
    image = window.grab().toImage()
    for x, y in ((5, 5), (image.width() // 2, image.height() // 2)):
        assert image.pixelColor(x, y) == QColor(0, 0, 0)
    qtbot.keyClick(window, Qt.Key.Key_Period)
    assert not ink.blank.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Period)
    assert ink.blank.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert not ink.blank.isVisible()


def test_ink_is_saved_in_a_scene_and_comes_back(qtbot, window, monkeypatch, tmp_path):
    from dlviz.ui.classroom import scenes as scenes_module

    ink, lessons = window.features["ink"], window.features["lessons"]
    ink.set_pen(True)
    _draw(qtbot, ink.overlays[PANEL], _horizontal_line(ink.overlays[PANEL]))
    ink.set_pen(False)
    monkeypatch.setattr(scenes_module, "ask_scene_text", lambda p, t: ("Inked", ""))
    lessons.actions["save_scene"].trigger()
    ink.clear()
    lessons.actions["save_scene"].trigger()  # a second scene without ink
    out = tmp_path / "inked.json"
    save_lesson(lessons.lesson, out)
    lessons.close_lesson()
    loaded = load_lesson(out)
    first, second = loaded.scenes
    assert list(first.ink) == [PANEL] and len(first.ink[PANEL][0]["points"]) == 5
    assert second.ink == {}
    lessons.set_lesson(loaded, 0)
    assert len(ink.strokes[PANEL]) == 1
    assert abs(ink.strokes[PANEL][0].points[2][0] - 0.5) < 0.01
    lessons.show_scene(1)
    assert not any(ink.strokes.values())  # each scene shows its own ink
    lessons.close_lesson()


def test_a_new_lab_starts_clean(qtbot, window):
    ink = window.features["ink"]
    ink.set_pen(True)
    _draw(qtbot, ink.overlays[PANEL], _horizontal_line(ink.overlays[PANEL]))
    window.open_lab("convmath")
    assert not any(ink.strokes.values())
    assert PANEL not in ink.overlays
    assert all(o.parentWidget() is p for o, p in
               ((ink.overlays[n], w) for n, w in ink.panels().items()))
    ink.set_pen(False)


def test_palette_fits_projector_and_laptop_in_both_languages(qtbot, window):
    """The pen's tool strip: nothing cut, inside the window, at 1024×768 with the
    ×1.5 font and at 1280×800, English and Chinese."""
    import os

    from PySide6.QtWidgets import QApplication

    from dlviz.tools.walk import cut_texts

    ink = window.features["ink"]
    ink.set_pen(True)
    overlay = ink.overlays[PANEL]
    _draw(qtbot, overlay, _horizontal_line(overlay, 0.4))
    out = os.environ.get("DLVIZ_SHOTS", "")
    base = QApplication.font()
    try:
        for lang in ("en", "zh_CN"):
            window.features["language"].switch(lang)
            for (w, h), scale in (((1024, 768), 1.5), ((1280, 800), 1.0)):
                font = base.__class__(base)
                font.setPointSizeF(base.pointSizeF() * scale)
                QApplication.setFont(font)
                window.resize(w, h)
                qtbot.wait(150)
                if out:
                    window.grab().save(f"{out}/ink_{lang}_{w}x{h}.png")
                assert cut_texts(ink.palette) == [], (lang, w)
                strip = _in_window(window, ink.palette)
                assert window.rect().contains(strip), (lang, w)
                assert ink.palette.isVisible()
                # every tool shows (none behind the toolbar's » button) …
                assert all(b.isVisible() and ink.palette.rect().contains(b.geometry())
                           for b in ink.palette.buttons.values()), (lang, w)
                # … and the strip covers neither the tabs nor any control
                tabs = window.tabs.tabBar()
                assert tabs.isVisible() and tabs.width() > 0
                assert not strip.intersects(_in_window(window, tabs)), (lang, w)
                covered = [c.objectName() or type(c).__name__
                           for c in _controls(window)
                           if strip.intersects(_in_window(window, c))]
                assert covered == [], (lang, w, covered)
        # a zoomed panel (presentation's F) keeps the strip, beside it
        window.features["presentation"].zoom_panel(window.stage.panels()[PANEL])
        qtbot.wait(100)
        assert ink.palette.isVisible()
        assert not _in_window(window, ink.palette).intersects(
            _in_window(window, window.stage.panels()[PANEL]))
        window.features["presentation"].back()
    finally:
        QApplication.setFont(base)
        window.features["language"].switch("en")
        ink.set_pen(False)


def _in_window(window, widget):
    from PySide6.QtCore import QRect

    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _controls(window):
    """The window's visible controls outside the ink strip."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTabBar,
    )

    kinds = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit,
             QTabBar)
    palette = window.features["ink"].palette
    return [c for c in window.findChildren(QWidget)
            if isinstance(c, kinds) and c.isVisible() and c.window() is window
            and not palette.isAncestorOf(c) and c is not palette]


def test_teaching_keys_are_bound_once_and_in_the_menus(qtbot, window):
    from PySide6.QtGui import QKeySequence

    owners: dict[str, list[str]] = {}
    for action in window.actions():
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.objectName())
    ours = ["P", "E", "C", "Shift+Del", "B", ".", "Alt+F5", "Ctrl+Shift+E"]
    for key in ours:
        text = QKeySequence(key).toString()
        assert len(owners.get(text, [])) == 1, (key, owners.get(text))
    menus = window.menus.menus
    ink_menu = next(a.menu() for a in menus["view"].actions()
                    if a.menu() is not None and a.menu().objectName() == "menu_ink")
    assert window.features["ink"].actions["pen"] in ink_menu.actions()
    assert window.features["presenter"].action in menus["view"].actions()
    assert window.features["lesson_editor"].action in menus["lesson"].actions()
