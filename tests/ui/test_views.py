"""The shared views draw what they are given and keep their ranges sensible."""

import numpy as np

from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.image_grid import ImageGridView, tile


def test_tile_places_each_map_and_normalises():
    maps = np.stack([np.full((3, 4), i, np.float32) for i in range(5)])
    maps[0, 0, 0] = 10
    out, columns = tile(maps, gap=1)
    assert columns == 3 and out.shape == (2 * 3 + 1, 3 * 4 + 2)
    assert out[0, 0] == 1.0 and np.isnan(out[3, 0])  # the gap row
    raw, _ = tile(maps, columns=5, normalize_each=False)
    assert raw[0, 5 * 1 + 0] == 1.0 and raw.shape == (3, 24)


def test_curves_grow_their_range_and_leave_a_stage_range_alone(qtbot):
    view = CurvesView("loss")
    qtbot.addWidget(view)
    view.set_curve("loss", np.arange(100), np.linspace(2, 0, 100))
    (x0, x1), (y0, y1) = view.plot_item.getViewBox().viewRange()
    assert x0 <= 0 and x1 >= 99 and y0 <= 0 and y1 >= 2
    before = view._view()
    view.set_curve("loss", np.arange(110), np.linspace(2, 0, 110))
    assert view._view() == before  # still inside: the axes are not re-laid out
    view.set_curve("loss", np.arange(1000), np.linspace(2, 0, 1000))
    assert view._view()[0][1] >= 999
    assert view.curves["loss"].opts["pen"].widthF() == 2
    view.set_curve("loss", np.arange(5000), np.zeros(5000))
    assert view.curves["loss"].opts["pen"].widthF() == 1  # many points: thin pen

    fixed = CurvesView("density")
    qtbot.addWidget(fixed)
    fixed.plot_item.setXRange(-4, 4, padding=0)
    fixed.set_curve("p", np.linspace(-3, 3, 50), np.linspace(0, 5, 50))
    (x0, x1), (y0, y1) = fixed.plot_item.getViewBox().viewRange()
    assert (x0, x1) == (-4, 4) and y1 >= 5


def test_heatmap_levels_and_ticks(qtbot):
    view = HeatmapView("attention", diverging=True)
    qtbot.addWidget(view)
    values = np.array([[-2.0, 1.0], [0.5, 0.0]])
    view.set_data(values)
    assert view.image.levels.tolist() == [-2.0, 2.0]  # symmetric for signed data
    view.set_ticks(["a", "b"], ["x", "y"])
    ticks = view.plot_item.getAxis("bottom")._tickLevels[0]
    assert [t[1] for t in ticks] == ["a", "b"]


def test_bars_highlight_and_image_grid_captions(qtbot):
    bars = BarsView("p", y_range=(0, 1))
    qtbot.addWidget(bars)
    bars.set_values([0.1, 0.7, 0.2], highlight=1)
    brushes = bars.bars.opts["brushes"]
    assert brushes[1] != brushes[0]
    grid = ImageGridView("digits", normalize_each=False, gray=True)
    qtbot.addWidget(grid)
    grid.set_maps(np.zeros((6, 8, 8)), captions=list("012345"), columns=3)
    visible = [c.toPlainText() for c in grid._captions if c.isVisible()]
    assert visible == list("012345")
    grid.set_maps(np.zeros((2, 8, 8)), captions=["a", "b"], columns=2)
    assert sum(c.isVisible() for c in grid._captions) == 2
