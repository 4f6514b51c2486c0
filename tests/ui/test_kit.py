"""The stage kit: layout rule, deck behaviour, wrapping controls, readable ticks."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from dlviz.ui import theme
from dlviz.ui.kit import ControlRow, PanelDeck, Role, min_panel_size, plan_slots
from dlviz.ui.kit.axes import ReadableAxis, format_tick, power_of_ten, readable_range
from dlviz.ui.views.curves import CurvesView

S, C = Role.SECONDARY, Role.CURVES


# -- the layout rule -------------------------------------------------------------
def test_plan_gives_curves_their_own_slot_and_folds_the_rest():
    plan = plan_slots([S, S, S, C, C], 1000, 560, (220, 160))
    assert plan.landscape
    assert plan.slots == ((0, 1, 2), (3, 4))  # two slots fit 560 px at 160×1.25
    tall = plan_slots([S, S, S, C, C], 1000, 900, (220, 160))
    assert tall.slots == ((0,), (1, 2), (3, 4))


def test_plan_with_room_for_one_slot_puts_everything_in_it():
    plan = plan_slots([S, C], 900, 150, (220, 160))
    assert plan.slots == ((0, 1),)


def test_plan_goes_below_on_a_tall_area_or_when_asked():
    assert not plan_slots([S], 500, 900, (220, 160)).landscape
    assert not plan_slots([S], 900, 500, (220, 160), side="below").landscape
    assert plan_slots([], 900, 500, (220, 160)).slots == ()


def test_minimum_panel_grows_with_the_font_scale():
    assert min_panel_size(1.0) == (210, 150)
    w, h = min_panel_size(2.25)
    assert (w, h) == (315, 225)


# -- the deck --------------------------------------------------------------------
def _plot(title: str) -> pg.PlotWidget:
    view = pg.PlotWidget(title=title)
    view.setObjectName(title)
    return view


@pytest.fixture
def deck(qtbot):
    deck = PanelDeck()
    qtbot.addWidget(deck)
    deck.main = _plot("main")
    deck.others = [_plot(f"p{i}") for i in range(3)]
    deck.add(deck.main, Role.MAIN, "main")
    for i, view in enumerate(deck.others):
        deck.add(view, Role.SECONDARY, f"p{i}", f"Panel {i}")
    return deck


def _settle(qtbot, deck, w, h):
    deck.resize(w, h)
    deck.show()
    qtbot.wait(50)


def test_main_view_gets_the_most_room_and_nothing_is_squeezed(qtbot, deck):
    _settle(qtbot, deck, 1000, 560)
    assert deck.main.width() > 0.5 * deck.width()
    shown = [v for v in deck.others if v.isVisible()]
    assert shown, "at least one secondary panel is shown"
    minimum = min_panel_size()
    for view in shown:
        assert view.width() >= minimum[0] and view.height() >= minimum[1] * 0.9
    hidden = [v for v in deck.others if not v.isVisible()]
    assert hidden, "the panels that do not fit fold into tabs"


def test_a_small_deck_folds_panels_into_tabs_instead_of_strips(qtbot, deck):
    _settle(qtbot, deck, 700, 300)
    for view in [deck.main, *deck.others]:
        if view.isVisible():
            assert view.height() >= 0.9 * min_panel_size()[1]


def test_promote_swaps_the_main_view(qtbot, deck):
    _settle(qtbot, deck, 1000, 560)
    deck.promote(deck.others[2])
    qtbot.wait(20)
    assert deck.main_view() is deck.others[2]
    assert deck.others[2].width() > 0.5 * deck.width()
    if deck.main.isVisible():
        assert deck.others[2].width() > deck.main.width()


def test_filter_shows_one_panel_alone_and_restores(qtbot, deck):
    _settle(qtbot, deck, 1000, 560)
    deck.set_filter(only=deck.others[1])
    qtbot.wait(20)
    assert deck.others[1].isVisible() and not deck.main.isVisible()
    assert deck.others[1].width() >= deck.width() - 10
    deck.set_filter(hidden={deck.others[0]})
    qtbot.wait(20)
    assert deck.main.isVisible() and not deck.others[0].isVisible()
    deck.set_filter()
    qtbot.wait(20)
    assert deck.main.isVisible() and deck.main_view() is deck.main


def test_panels_are_named_and_removable(qtbot, deck):
    assert list(deck.panels()) == ["main", "p0", "p1", "p2"]
    view = deck.others[0]
    deck.remove(view)
    assert "p0" not in deck.panels() and view.parent() is None
    view.deleteLater()
    with pytest.raises(ValueError):
        deck.add(_plot("second main"), Role.MAIN, "x")


# -- wrapping controls -------------------------------------------------------------
def test_control_row_wraps_instead_of_widening(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    row = ControlRow(holder)
    buttons = [QPushButton(f"A fairly long control {i}") for i in range(6)]
    row.add(*buttons)
    row.resize(400, row.heightForWidth(400))
    holder.show()
    qtbot.wait(20)
    assert row.heightForWidth(400) > row.heightForWidth(4000)
    assert row.minimumSizeHint().width() < 400
    assert all(b.geometry().right() <= 400 for b in buttons)


# -- ticks ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, spacing, text",
    [
        (8.50503349313, 1e-11, "8.505"),
        (0.125, 0.025, "0.125"),
        (1234.5678, 100, "1235"),
        (150000, 50000, "1.5×10⁵"),
        (0.0003, 0.0001, "3×10⁻⁴"),
        (-0.0, 0.1, "0"),
        (2.5, 0.5, "2.5"),
    ],
)
def test_tick_labels_have_at_most_four_significant_digits(value, spacing, text):
    assert format_tick(value, spacing) == text


def test_log_ticks_are_powers_of_ten():
    assert power_of_ten(-3) == "10⁻³"
    assert power_of_ten(2) == "10²"
    axis = ReadableAxis("left")
    axis.setLogMode(True)
    assert axis.tickStrings([-3.0, 0.0], 1.0, 1.0) == ["10⁻³", "10⁰"]
    assert "x0.001" not in axis.labelString()


def test_flat_data_gets_a_sensible_range():
    lo, hi = readable_range(8.505, 8.505)
    assert lo < 8.505 < hi and hi - lo == pytest.approx(2 * 0.002 * 8.505)
    assert readable_range(43.2, 44.5) == (43.2, 44.5)  # a real change stays
    assert readable_range(0.0, 0.0) == (-0.5, 0.5)
    assert readable_range(0.0, 2.0) == (0.0, 2.0)


# -- curves ----------------------------------------------------------------------------
def test_curves_forget_the_old_run_range_and_keep_the_legend_outside(qtbot):
    import numpy as np

    view = CurvesView("Loss")
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.set_curve("loss", np.arange(2027), np.linspace(0.77, -0.04, 2027))
    (x0, x1), _ = view.plot_item.getViewBox().viewRange()
    assert x1 > 2000
    view.clear_curves()
    assert not view.curves
    view.set_curve("loss", np.arange(282), np.linspace(2.4, 0.1, 282))
    qtbot.wait(50)
    (x0, x1), (y0, y1) = view.plot_item.getViewBox().viewRange()
    assert x1 < 400 and y0 <= 0.1 and y1 >= 2.4  # the new run fills the plot
    # the legend is a row of the plot's layout, not an overlay on the data
    assert view.legend.parentItem() is not view.plot_item.getViewBox()
    assert view.legend.scene() is view.plot_item.scene()
    legend_box = view.legend.sceneBoundingRect()
    data_box = view.plot_item.getViewBox().sceneBoundingRect()
    assert not legend_box.intersects(data_box)


def test_flat_curve_ticks_are_short(qtbot):
    import numpy as np

    view = CurvesView("Loss")
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.set_curve("loss", np.arange(3), np.full(3, 8.50503349313))
    qtbot.wait(20)
    axis = view.plot_item.getAxis("left")
    _, (lo, hi) = view.plot_item.getViewBox().viewRange()
    levels = axis.tickValues(lo, hi, 300)
    strings = axis.tickStrings(levels[0][1], 1.0, levels[0][0])
    assert strings and all(len(s) <= 6 for s in strings)


def test_theme_colours_only_in_kit():
    # the kit takes its colours from the theme; it defines none of its own
    import inspect

    from dlviz.ui.kit import deck, frame

    for module in (deck, frame):
        assert "#" not in "".join(
            line for line in inspect.getsource(module).splitlines()
            if not line.strip().startswith("#") and '"#' in line
        )
    assert theme.STYLE.foreground


def test_labels_in_a_caption_wrap(qtbot):
    from dlviz.ui.kit import Caption

    caption = Caption("word " * 60)
    qtbot.addWidget(caption)
    caption.resize(200, caption.heightForWidth(200))
    assert caption.wordWrap() and caption.heightForWidth(200) > 3 * \
        caption.fontMetrics().height()
    assert isinstance(caption, QLabel)
    assert caption.alignment() is not None and Qt.TextFormat.RichText


def test_bar_labels_are_thinned_to_the_width(qtbot):
    from dlviz.ui.views.bars import BarsView

    view = BarsView("norms")
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    view.set_values(list(range(1, 32)), [str(i) for i in range(1, 32)])
    qtbot.wait(20)
    ticks = view.plot_item.getAxis("bottom")._tickLevels[0]
    assert 2 <= len(ticks) < 31  # thinned, not run together
    view.resize(2000, 200)
    qtbot.wait(20)
    assert len(view.plot_item.getAxis("bottom")._tickLevels[0]) == 31


# -- colours come from the theme -------------------------------------------------
#: Stage modules whose colours all come from dlviz.ui.theme (roles, PALETTE, pen()).
def _stage_modules() -> list[str]:
    """Every module of the stage package: new stages are scanned too."""
    import pkgutil

    import dlviz.ui.stages as stages

    return sorted(info.name for info in pkgutil.iter_modules(stages.__path__))


THEMED_STAGES = _stage_modules()
#: A raw colour or an ad-hoc pen in source text.
RAW_COLOUR = r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|\bmkPen\(|\bQPen\("


def raw_colours(source: str) -> list[str]:
    """The lines of ``source`` with a raw hex colour or an ad-hoc pen."""
    import re

    return [f"{n}: {line.strip()}" for n, line in enumerate(source.splitlines(), 1)
            if re.search(RAW_COLOUR, line)]


def test_raw_colours_are_found():
    assert raw_colours('GT = "#FFFFFF"\nok = theme.role("truth_box")\n') == [
        '1: GT = "#FFFFFF"']
    assert raw_colours("pen=pg.mkPen(MARK, width=2)")
    assert raw_colours("painter.setPen(QPen(_LINE, 1))")
    assert not raw_colours("pen=theme.pen('mark')  # see issue #12")


@pytest.mark.parametrize("module", THEMED_STAGES)
def test_stage_modules_take_their_colours_from_the_theme(module):
    import importlib
    import inspect

    source = inspect.getsource(importlib.import_module(f"dlviz.ui.stages.{module}"))
    assert not raw_colours(source), f"raw colours in {module}: {raw_colours(source)}"


def test_roles_have_a_colour_for_each_theme():
    for name, (light, dark) in theme.ROLES.items():
        assert pg.mkColor(light).isValid() and pg.mkColor(dark).isValid(), name
        assert theme.role(name, dark=False) == light
        assert theme.role(name, dark=True) == dark
    was = theme.STYLE.dark
    try:
        theme.STYLE.dark = True
        assert theme.role("right") == theme.ROLES["right"][1]
    finally:
        theme.STYLE.dark = was
    # a role name makes a pen of the role's colour
    assert theme.pen("mark").color().name() == theme.role("mark").lower()
    with pytest.raises(KeyError):
        theme.role("no such role")


def test_a_caption_alternating_between_line_counts_keeps_its_height(qtbot):
    """A live caption that is one line, then two, then one … must not lay the
    window out on every frame: it grows at once and shrinks only after a while."""
    from dlviz.core.labs import get_lab
    from dlviz.ui.stages.base import Stage

    stage = Stage(get_lab("mlp2d"))
    stage.use_frame()
    qtbot.addWidget(stage)
    stage.resize(600, 400)
    stage.show()
    qtbot.waitExposed(stage)
    long, short = "Two lines of caption text, at least. " * 3, "One line."
    stage.set_caption(short)
    one_line = stage.caption_holder.height()
    stage.set_caption(long)
    two_lines = stage.caption_holder.height()
    assert two_lines > one_line  # taller at once
    heights = set()
    for _ in range(10):
        for text in (short, long):
            stage.set_caption(text)
            heights.add(stage.caption_holder.height())
        qtbot.wait(20)
    assert heights == {two_lines}
    stage.set_caption(short)
    qtbot.waitUntil(lambda: stage.caption_holder.height() == one_line, timeout=3000)


def test_a_stage_caption_shown_after_starting_empty_gets_its_height(qtbot):
    from dlviz.core.labs import get_lab
    from dlviz.ui.stages.base import Stage

    stage = Stage(get_lab("mlp2d"))
    stage.use_frame()
    qtbot.addWidget(stage)
    stage.resize(600, 400)
    stage.show()
    assert not stage.caption_holder.isVisible()
    stage.set_caption("A caption that arrives after the first, empty one. " * 3)
    assert stage.caption_holder.isVisible() and stage.caption.isVisible()
    needed = stage.caption.heightForWidth(stage.caption_holder.width())
    assert stage.caption_holder.height() == needed > 0
    before = stage.caption_holder.height()
    stage.set_caption("Short.")  # fewer lines: the holder shrinks to them, later
    assert stage.caption_holder.height() == before
    qtbot.waitUntil(lambda: 0 < stage.caption_holder.height() < before,
                    timeout=3000)
    stage.set_caption("")
    assert not stage.caption_holder.isVisible()
