"""A heatmap's image renders exactly as pyqtgraph renders it, its colour table made
once per lookup table."""

import numpy as np
import pyqtgraph as pg
import pytest

from dlviz.ui.views import heatmap
from dlviz.ui.views.heatmap import HeatmapView


def plain_render(values, lut, levels):
    """The QImage that pyqtgraph's own ImageItem makes of ``values``."""
    item = pg.ImageItem()
    item.setLookupTable(lut)
    item.setImage(values, autoLevels=False, levels=levels)
    item.render()
    return item.qimage


@pytest.mark.parametrize("diverging", [False, True])
def test_heatmap_image_is_pyqtgraphs_image(qtbot, diverging):
    view = HeatmapView(diverging=diverging)
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    values = rng.normal(size=(7, 11)).astype(np.float32)
    values[0, 0], values[1, 1] = 50.0, -50.0  # outside the levels: clipped
    levels = (-1.5, 2.0)
    view.set_data(values, levels=levels)
    view.image.render()
    ours = view.image.qimage
    theirs = plain_render(values, view.image.lut, levels)
    assert ours.format() == theirs.format() == ours.Format.Format_Indexed8
    assert ours.colorTable() == theirs.colorTable()
    assert ours == theirs  # same indices, same colours
    # the colour table is made once and reused for the next frame
    table = heatmap.color_table(view.image.lut)
    view.set_data(values[::-1].copy(), levels=levels)
    view.image.render()
    assert heatmap.color_table(view.image.lut) is table
    assert view.image.qimage == plain_render(values[::-1].copy(), view.image.lut,
                                             levels)


def test_heatmap_with_nans_is_left_to_pyqtgraph(qtbot):
    view = HeatmapView()
    qtbot.addWidget(view)
    values = np.arange(12, dtype=np.float32).reshape(3, 4)
    values[1, 2] = np.nan  # transparent there: pyqtgraph's own colour image
    view.set_data(values, levels=(0.0, 11.0))
    view.image.render()
    ours = view.image.qimage
    assert ours.format() != ours.Format.Format_Indexed8
    assert ours == plain_render(values, view.image.lut, (0.0, 11.0))
    assert ours.pixelColor(2, 1).alpha() == 0
