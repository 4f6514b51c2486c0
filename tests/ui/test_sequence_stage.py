"""The sequence stage shows a real snapshot; the time cursor changes the equations."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages._steady import SteadyRange
from dlviz.ui.stages.sequence import SequenceStage, nice_levels


def deliver(stage, kind: str, result: dict) -> None:
    """A task's answer as the session delivers it: a snapshot that came with it
    becomes the live one (``show_snapshot``), the rest goes to ``show_result``."""
    result = dict(result)
    snapshot = result.pop("snapshot", None)
    if snapshot is not None:
        stage.show_snapshot(snapshot)
    stage.show_result(kind, result)


def _task(key: str, **hp):
    torch.set_num_threads(1)
    task = get_lab(key).create({"length": 40, "hidden": 12, **hp}, torch.device("cpu"))
    task.train_step()
    return task


@pytest.fixture
def make_stage(qtbot):
    stages = []

    def make(key: str) -> SequenceStage:
        stage = SequenceStage(get_lab(key))
        qtbot.addWidget(stage)
        stage.resize(1024, 768)
        stage.show()
        qtbot.waitExposed(stage)
        stages.append(stage)
        return stage

    yield make
    for stage in stages:
        stage.shutdown()


def test_registered_for_the_labs():
    for key in ("rnn", "lstm", "gru"):
        assert stage_class(get_lab(key).stage) is SequenceStage


@pytest.mark.parametrize("key", ["rnn", "lstm", "gru"])
def test_time_cursor_changes_the_equations(make_stage, key):
    task = _task(key)
    stage = make_stage(key)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert set(stage.heatmaps) == set(snap["gate_names"])
    image = stage.heatmaps["h"].image.image
    np.testing.assert_array_equal(image, snap["gates"]["h"])
    assert stage.time_slider.maximum() == 39
    assert stage.unit_spin.maximum() == 11
    stage.time_slider.setValue(5)
    first = stage.equations.text()
    assert first.startswith("t = 6, unit 0")
    # the text is the core's, with the numbers of this step
    expected = task.handle("gate_equations", {"t": 5, "unit": 0})["text"]
    assert first == expected
    stage.time_slider.setValue(30)
    second = stage.equations.text()
    assert second.startswith("t = 31") and second != first
    assert stage.time_label.text() == "time step t = 31"
    assert all(line.value() in (30.5, 31.0) for line in stage.cursor_lines)
    stage.unit_spin.setValue(3)
    assert stage.equations.text().startswith("t = 31, unit 3")
    assert "‖g‖" in stage.clip_text and "‖g‖" in stage.caption_text()


def test_comparison_and_sample_requests(make_stage, qtbot):
    task = _task("lstm")
    stage = make_stage("lstm")
    stage.show_snapshot(task.snapshot())
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.compare_button.click()
    kind, data = blocker.args
    assert kind == "compare_gradients"
    stage.show_result(kind, task.handle(kind, data))
    assert {"fresh_rnn", "fresh_lstm", "fresh_gru", "current"} <= set(
        stage.gradients.curves)
    y = stage.gradients.curves["fresh_rnn"].yData
    assert len(y) == 40 and np.all(y > 0)
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.sample_spin.setValue(7)
    kind, data = blocker.args
    assert (kind, data) == ("choose_sample", {"index": 7})
    deliver(stage, kind, task.handle(kind, data))
    assert stage.snapshot["sample"] == 7
    stage.reset()
    assert stage.equations.text() == ""


@pytest.mark.parametrize("task_name", ["forecast", "copy", "parity"])
def test_other_tasks_draw(make_stage, task_name):
    task = _task("gru", task=task_name)
    stage = make_stage("gru")
    stage.show_snapshot(task.snapshot())
    target = stage.series.curves["target"].yData
    assert np.isfinite(target).sum() >= 1


def test_clipping_label_reports_both_norms(make_stage):
    task = _task("rnn", clip_threshold=0.001)
    stage = make_stage("rnn")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    text = stage.clip_text
    assert "clipped to 0.001" in text
    assert f"{snap['grad_norm']:.3g}" in text
    assert text in stage.caption_text()


def test_laid_out_by_the_deck(make_stage, qtbot):
    """The gates are the main view; every gate has a colour bar with its range; the
    heatmap axes are labelled up to the end of the matrix; panel names are kept."""
    from dlviz.ui.views.heatmap import HeatmapView

    task = _task("lstm")
    stage = make_stage("lstm")
    stage.show_snapshot(task.snapshot())
    qtbot.waitUntil(lambda: stage.deck.main_view() is stage.gate_grid)
    names = set(stage.panels())
    assert {"gate f", "gate h", "series", "gradient through time",
            "equations"} <= names
    for view in stage.heatmaps.values():
        assert isinstance(view, HeatmapView) and view.colorbar is not None
    assert stage.heatmaps["f"].colorbar.levels() == (0.0, 1.0)
    assert stage.heatmaps["h"].colorbar.levels() == (-1.0, 1.0)
    qtbot.waitUntil(lambda: stage.heatmaps["f"].width() > 150)
    ticks = stage.heatmaps["f"].plot_item.getAxis("bottom")._tickLevels[0]
    assert ticks and ticks[-1][0] > 30  # 40 steps: labels reach the end
    # labels do not run together: at least one label height apart
    rows = stage.heatmaps["f"].plot_item.getAxis("left")._tickLevels[0]
    view_h = stage.heatmaps["f"].plot_item.getViewBox().height()
    assert len(rows) * 12 <= view_h


def test_language_switch_relabels(make_stage):
    task = _task("gru")
    stage = make_stage("gru")
    stage.show_snapshot(task.snapshot())
    before = stage.caption_text()
    stage.retranslate_ui()
    assert stage.caption_text() == before
    assert stage.heatmaps["z"].plot_item.titleLabel.text.startswith("z")


def test_view_grid_picks_columns_and_scrolls_when_too_small():
    from dlviz.ui.views.grid import best_columns

    assert best_columns(6, 580, 480, (218, 155)) == (2, True)
    assert best_columns(4, 580, 480, (218, 155)) == (2, True)
    assert best_columns(1, 580, 480, (218, 155)) == (1, True)
    assert best_columns(16, 580, 480, (218, 155))[1] is False  # the grid scrolls


def test_steady_range_grows_at_once_and_shrinks_late(monkeypatch):
    import dlviz.ui.stages._steady as steady

    now = [100.0]
    monkeypatch.setattr(steady.time, "monotonic", lambda: now[0])
    r = SteadyRange(pad=(0.0, 0.0), use=0.5, shrink_after_s=1.0)
    assert r.update(0.0, 1.0) == (0.0, 1.0)
    assert r.update(0.2, 0.9) is None  # inside and using most of it: no change
    assert r.update(-1.0, 0.5) == (-1.0, 1.0)  # grows, keeping what was shown
    assert r.update(0.0, 0.2) is None  # small, but not for long yet
    now[0] += 0.5
    assert r.update(0.0, 0.2) is None
    assert r.update(0.0, 1.5) == (-1.0, 1.5)  # out again: grows at once
    assert r.update(0.0, 0.2) is None
    now[0] += 1.01
    assert r.update(0.0, 0.2) == (0.0, 0.2)  # small for a second: shrinks


def test_cell_state_levels_are_nice_and_cover_the_values():
    assert nice_levels(0.8) == (-1.0, 1.0)
    assert nice_levels(1.2) == (-1.5, 1.5)
    assert nice_levels(2.5) == (-3.0, 3.0)
    assert nice_levels(6.0) == (-7.0, 7.0)
    assert nice_levels(8.0) == (-10.0, 10.0)
    assert nice_levels(0.0) == (-1.0, 1.0)
    for m in np.geomspace(1e-3, 1e3, 50):
        lo, hi = nice_levels(m)
        assert lo == -hi and m <= hi <= 1.5 * m * (1 + 1e-9)


def test_live_caption_text_changes_without_moving_the_panels(make_stage, qtbot):
    """The caption's numbers change every frame: the panels above keep their
    geometry while the text needs as many lines, and the caption is never cut."""
    task = _task("lstm")
    stage = make_stage("lstm")
    stage.show_snapshot(task.snapshot())
    qtbot.wait(20)
    deck_geometry = stage.deck.geometry()
    holder = stage.caption_holder
    for _ in range(3):
        task.train_step()
        stage.show_snapshot(task.snapshot())
        qtbot.wait(10)
        assert stage.deck.geometry() == deck_geometry
        needed = stage.caption.heightForWidth(holder.width())
        assert stage.caption.height() >= needed  # nothing cut
        assert holder.height() == stage.caption.height()
    # a longer text wraps onto more lines: the holder grows, the deck gives way
    stage.set_caption(stage.caption.text() + "<br>" + "long words " * 60)
    qtbot.wait(20)
    assert holder.height() >= stage.caption.heightForWidth(holder.width())
    assert stage.deck.geometry().height() < deck_geometry.height()
    stage.set_caption("")
    qtbot.wait(20)
    assert not holder.isVisible()
