"""The transfer-learning stage draws a real snapshot of the lab: the three accuracy
curves, the filters, the slider, the sweep of the number of examples."""

from __future__ import annotations

import numpy as np
import torch

from dlviz.core.labs.transfer import METHODS, sweep
from dlviz.ui.stages.transfer import COLORS, EXAMPLE_STOPS
from tests.ui.stage_helpers import make_stage, save_shots, trained_task

torch.set_num_threads(1)


def _shown(qtbot, task):
    stage = make_stage(qtbot, "transfer")
    stage.resize(1280, 800)
    stage.show()
    qtbot.waitExposed(stage)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    return stage, snap


def test_stage_draws_curves_filters_and_caption(qtbot):
    task = trained_task("transfer", steps=12, examples=20)
    stage, snap = _shown(qtbot, task)
    for i, method in enumerate(METHODS):
        xs, ys = stage.curves.curves[method].getData()
        np.testing.assert_allclose(xs, [0, 5, 10])
        np.testing.assert_allclose(ys, snap["acc"][i])
    legend = [label.text for _, label in stage.curves.legend.items]
    assert legend == ["from scratch", "frozen + new head", "fine-tuned"]
    # filters: pre-trained (= frozen), fine-tuned, from scratch; one signed scale
    image = stage.filters.image.image
    assert stage.filters.colorbar is not None
    np.testing.assert_allclose(image[:5, :5], snap["filters"]["pretrained"][0])
    # two rows of four per network: the fine-tuned filters start the third row
    third = 2 * (5 + 1)
    np.testing.assert_allclose(image[third : third + 5, :5],
                               snap["filters"]["finetune"][0])
    np.testing.assert_allclose(image[third + 6 : third + 11, 6:11],
                               snap["filters"]["finetune"][5])
    lo, hi = stage.filters.image.levels
    assert -lo == hi > 0
    caption = stage.caption.text()
    assert "20 labelled examples" in caption and "179 held out" in caption
    first = ["—" if r < 0 else str(r) for r in snap["reached"]]
    assert f"scratch {first[0]}, frozen {first[1]}, fine-tuned {first[2]}" in caption
    assert f"{100 * snap['pretrain_acc']:.1f} %" in caption
    change = 100 * snap["filter_change"]["finetune"]
    assert f"filters moved {change:.1f} %" in caption
    # the slider shows the lab's number and asks for a new one when moved
    assert EXAMPLE_STOPS[stage.slider.value()] == 20
    assert "20" in stage.examples_label.text()
    asked = []
    stage.settings_requested.connect(asked.append)
    stage.slider.setValue(EXAMPLE_STOPS.index(500))
    assert asked == [{"examples": 500}]
    # the window's curves: coloured and named by way
    assert stage.curve_style("val_acc_frozen") == (
        COLORS["frozen"], "validation accuracy (frozen)")
    # the loss panel holds only training losses: named by the way alone
    assert stage.curve_style("loss") == (COLORS["finetune"], "fine-tuned")
    assert stage.curve_style("loss_scratch")[0] == COLORS["scratch"]
    assert stage.curve_style("grad_norm") is None
    save_shots(qtbot, stage, "transfer")


def test_sweep_is_requested_then_drawn_on_a_log_axis(qtbot):
    task = trained_task("transfer", steps=2, examples=50)
    stage, _snap = _shown(qtbot, task)
    assert "not measured" in stage.needed.plot_item.titleLabel.text.lower()
    requests = []
    stage.requested.connect(lambda kind, data: requests.append(kind))
    stage.measure_button.click()
    assert requests == ["sweep"]
    result = sweep(task.hparams, torch.device("cpu"), sizes=(10, 50), steps=3)
    stage.show_result("sweep", result)
    for i, method in enumerate(METHODS):
        xs, ys = stage.needed.curves[method].getData()
        np.testing.assert_allclose(xs, np.log10([10, 50]))
        np.testing.assert_allclose(ys, result["acc"][i])
    assert stage.marker.value() == np.log10(50)
    assert "3 steps" in stage.needed.plot_item.titleLabel.text
    # a new run whose settings were not measured clears it
    stage.reset()
    stage.show_snapshot(trained_task("transfer", steps=1, lr=0.01).snapshot())
    assert not stage.needed.curves
    # accuracy runs from 0 to 1 on both plots, whatever the data
    for view in (stage.curves, stage.needed):
        low, high = view.plot_item.getViewBox().viewRange()[1]
        assert low < 0 < 0.98 < 1 < high < 1.05
