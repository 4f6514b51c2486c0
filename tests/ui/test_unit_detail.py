"""The CNN stage's "One unit" page and the colour lab's RGB views, fed with real
answers of real tasks."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPointF

from dlviz.core.labs import get_lab
from dlviz.core.labs.colour_cnn import CLASS_NAMES
from dlviz.ui.stages.image_classifier import UNIT, ImageClassifierStage
from dlviz.ui.views.image_grid import tile
from dlviz.ui.views.unit_detail import fmt, grid_unit, shown_rows, sum_line

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def task():
    torch.set_num_threads(1)
    task = get_lab("lenet5").create({"activation": "ReLU", "pooling": "max",
                                     "batch_size": 16}, CPU)
    for _ in range(5):
        task.train_step()
    return task


def _stage(qtbot, key: str, size=(1280, 800)) -> tuple[ImageClassifierStage, list]:
    stage = ImageClassifierStage(get_lab(key))
    qtbot.addWidget(stage)
    stage.resize(*size)
    sent: list[tuple[str, dict]] = []
    stage.requested.connect(lambda kind, data: sent.append((kind, data)))
    return stage, sent


class _Click:
    def __init__(self, pos: QPointF):
        self._pos = pos

    def scenePos(self) -> QPointF:  # noqa: N802 - pyqtgraph's event API
        return self._pos


def _answer(stage, task, sent) -> dict:
    kind, payload = next(item for item in reversed(sent) if item[0] == "explain_unit")
    data = task.handle(kind, payload)
    stage.show_result(kind, data)
    return data


def test_grid_unit_finds_the_cell_of_a_tiled_map():
    maps = np.zeros((6, 10, 10), np.float32)
    tiled, columns = tile(maps, gap=1)
    assert columns == 3 and tiled.shape == (21, 32)
    assert grid_unit(11 + 7.5, 11 + 2.5, 6, 10, 10, columns, 1) == (4, 2, 7)
    assert grid_unit(0.2, 0.2, 6, 10, 10, columns, 1) == (0, 0, 0)
    assert grid_unit(10.5, 3, 6, 10, 10, columns, 1) is None  # the gap
    assert grid_unit(-0.5, 3, 6, 10, 10, columns, 1) is None
    assert grid_unit(5, 25, 6, 10, 10, columns, 1) is None  # below the last row


def test_click_on_a_feature_map_works_the_unit_out(qtbot, task):
    stage, sent = _stage(qtbot, "lenet5")
    stage.show()
    snap = task.snapshot()
    stage.show_snapshot(snap)
    stage.layer_combo.setCurrentIndex(2)  # the second convolution: 6 inputs
    layer = snap["layers"][2]
    grid = stage.feature_panel.grid
    h, w = snap["feature_maps"][layer].shape[-2:]
    columns, gap = grid._layout[2], max(1, w // 8)
    # tile 5, row 3, column 4
    r, c = divmod(5, columns)
    point = QPointF(c * (w + gap) + 4.5, r * (h + gap) + 3.5)
    stage._on_map_click(stage.feature_panel,
                        _Click(grid.plot_item.getViewBox().mapViewToScene(point)),
                        "sample")
    kind, payload = sent[-1]
    assert kind == "explain_unit"
    assert payload == {"layer": layer, "channel": 5, "row": 3, "col": 4,
                       "index": stage.sample_index}
    assert stage.tabs.currentIndex() == UNIT
    assert [s.value() for s in stage.unit_spins] == [5, 3, 4]
    data = _answer(stage, task, sent)
    panel = stage.unit_panel
    # the sum line: Σ + b = value → ReLU → out, checked against the layer
    line = panel.sum_line.text()
    assert f"<b>{fmt(data['value'])}</b>" in line and "ReLU" in line
    assert fmt(data["actual"]) in line
    assert data["value"] == pytest.approx(snap["feature_maps"][layer][5, 3, 4],
                                          abs=1e-5)
    rows = panel.view.rows
    assert 1 <= len(rows) <= 3 and rows == sorted(shown_rows(data, len(rows)))
    visible = [item for item in panel.view.images if item.isVisible()]
    assert len(visible) == 3 * len(rows)
    np.testing.assert_allclose(visible[1].image, data["kernels"][rows[0]])
    np.testing.assert_allclose(visible[2].image, data["products"][rows[0]])
    # the colour strips carry their numbers
    legend = panel.view.legend_numbers()
    assert fmt(float(data["patches"][rows].min())) in legend
    # the readout gives one cell's numbers: input × weight = product
    panel.view.cell_clicked.emit(0, 1, 2)
    x, k = data["patches"][rows[0], 1, 2], data["kernels"][rows[0], 1, 2]
    assert f"{x:.4g} × {k:.4g}".replace("-", "−") in panel.readout.text()
    # the softmax with every number
    softmax = stage.softmax_panel.label.text()
    for p in data["softmax"]["probs"]:
        assert f"{p:.3f}" in softmax
    assert f"{data['softmax']['exp_sum']:.4g}" in softmax
    # a click on the unit's map picks another unit of the same channel
    stage.unit_output.clicked.emit(7, 1)
    assert sent[-1][1] == {"layer": layer, "channel": 5, "row": 7, "col": 1,
                           "index": stage.sample_index}


def test_numbers_in_the_cells_when_they_fit(qtbot, task):
    stage, sent = _stage(qtbot, "lenet5", size=(1900, 1000))
    stage.show()
    snap = task.snapshot()
    stage.show_snapshot(snap)
    stage.choose_unit(snap["layers"][0], 2, 10, 12)
    data = _answer(stage, task, sent)
    view = stage.unit_panel.view
    qtbot.waitUntil(lambda: bool(view.shown_numbers()), timeout=3000)
    row = view.rows[0]
    expected = [fmt(float(v)) for v in data["patches"][row].ravel()]
    assert view.shown_numbers()[: len(expected)] == expected
    # too small for the numbers: the cells are drawn without them
    stage.resize(700, 450)
    qtbot.waitUntil(lambda: not view.shown_numbers(), timeout=3000)
    assert view.images[0].isVisible()


def test_pooling_unit_and_its_window(qtbot, task):
    stage, sent = _stage(qtbot, "lenet5")
    stage.show()
    snap = task.snapshot()
    stage.show_snapshot(snap)
    layer = snap["layers"][1]  # max pooling
    stage.choose_unit(layer, 3, 2, 5)
    data = _answer(stage, task, sent)
    assert data["kind"] == "maxpool"
    line = stage.unit_panel.sum_line.text()
    assert f"<b>{fmt(data['value'])}</b>" in line
    assert stage.unit_panel.view._mark.isVisible()
    # the window on the input: 2×2 from (4, 10)
    assert stage.unit_input.mark.rect().getRect() == (10.0, 4.0, 2.0, 2.0)
    assert stage.unit_output.mark.rect().getRect() == (5.0, 2.0, 1.0, 1.0)


def test_sum_line_names_the_hidden_channels_and_batch_norm():
    unit = {"kind": "conv", "value": 1.5, "sum": 1.4, "bias": 0.1, "actual": 1.5,
            "channel_sums": np.array([1.0, 0.3, 0.1]), "in_channels": np.arange(3),
            "padding_mask": np.zeros((3, 3), bool),
            "after": [{"kind": "BatchNorm2d", "input": 1.5, "output": 0.25,
                       "mean": 1.0, "var": 4.0, "eps": 1e-5, "gamma": 1.0,
                       "beta": 0.0, "actual": 0.25},
                      {"kind": "ReLU", "input": 0.25, "output": 0.25,
                       "actual": 0.25}]}
    line = sum_line(unit, [0])
    assert "Σ = 1.40 + b (0.10) = <b>1.50</b>" in line
    assert "BN (x − 1.00) / √(4.00 + ε) × 1.00 + 0.00 = 0.25" in line
    assert line.index("BN") < line.index("ReLU")


def test_colour_lab_shows_rgb(qtbot):
    task = get_lab("colour_shapes").create({"batch_size": 16}, CPU)
    task.train_step()
    stage, sent = _stage(qtbot, "colour_shapes")
    stage.show()
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert not stage.tabs.isTabVisible(1)  # no drawing page
    np.testing.assert_array_equal(stage.sample_view.base.image,
                                  snap["image"].transpose(1, 2, 0))
    assert stage.channels_view._layout[1] == 3  # R, G, B
    tiles = stage.channels_view.image.image
    assert tiles.shape[1] == 3 * 32 + 2 * 4  # one row: R, G, B
    np.testing.assert_array_equal(tiles[:32, :32], snap["image"][0])
    np.testing.assert_array_equal(tiles[:32, -32:], snap["image"][2])
    stage._draw_slow_views()
    assert stage.filters._layout[1:] == (30, 10)  # 3 rows of the 10 kernels
    assert stage.rgb_filters.image.image.ndim == 3
    assert stage.bars._labels[:2] == ("red disc", "red square")
    assert stage.class_combo.count() == 10  # "predicted" and the nine classes
    assert f"true {CLASS_NAMES[snap['label']]}" in stage.caption.text()
    stage.choose_unit("conv_1_1", 0, 4, 4)
    data = _answer(stage, task, sent)
    view = stage.unit_panel.view
    names = [label for _, label in view.plot_item.getAxis("left")._tickLevels[0]]
    assert set(names) <= {"R", "G", "B"} and names
    assert data["reads_image"] and list(data["in_channels"]) == [0, 1, 2]
