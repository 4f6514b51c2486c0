"""The Siamese and distillation stages with real snapshots of their labs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.ui.stages.metric import slider_temperature, temperature_position
from tests.ui.stage_helpers import make_stage as _stage
from tests.ui.stage_helpers import save_shots as _shots
from tests.ui.stage_helpers import trained_task

torch.set_num_threads(1)





def deliver(stage, kind: str, result: dict) -> None:
    """A task's answer as the session delivers it: a snapshot that came with it
    becomes the live one (``show_snapshot``), the rest goes to ``show_result``."""
    result = dict(result)
    snapshot = result.pop("snapshot", None)
    if snapshot is not None:
        stage.show_snapshot(snapshot)
    stage.show_result(kind, result)


def test_siamese_stage_shows_embeddings_histograms_and_pairs(qtbot):
    task = _task("siamese", steps=30)
    stage = _stage(qtbot, "siamese")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    points = stage.scatter.layers["val"].data
    assert len(points) == len(snap["labels"])
    np.testing.assert_allclose(points["x"], snap["embedding"][:, 0])
    _, counts = stage.hist.items["pos"].getData()
    assert counts.sum() == len(snap["pos_dist"])
    assert stage.hist.lines["margin"].value() == pytest.approx(snap["margin"])
    assert stage.hist.lines["threshold"].value() == pytest.approx(snap["threshold"])
    # the margin and the threshold are labelled on their lines
    assert stage.hist.lines["margin"].label.toPlainText() == (
        f"margin {snap['margin']:.2f}")
    assert stage.hist.lines["threshold"].label.toPlainText().startswith("threshold")
    assert f"{snap['pair_distance']:.3f}" in stage.caption.text()
    assert "Verification accuracy" in stage.caption.text()
    tag = stage.class_tags[int(snap["labels"][0])]
    assert tag.isVisible()
    # a legend of the class colours, beside the data
    names = [label.text for _sample, label in stage.scatter.class_legend.items]
    assert names == [str(c) for c in range(10)]
    assert set(stage.panels()) == {"embedding", "distances", "pair"}
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.next_button.click()
    assert blocker.args == ["pair", {"offset": 1}]
    answer = task.handle(*blocker.args)
    deliver(stage, "pair", answer)
    assert answer["snapshot"]["pair_index"] == 1
    assert f"{answer['snapshot']['pair_distance']:.3f}" in stage.caption.text()
    for _ in range(3):  # updates in place
        stage.show_snapshot(task.snapshot())
    assert len(stage.hist.plot_item.legend.items) == 2
    _shots(qtbot, stage, "siamese")


def test_temperature_slider_is_log_scaled():
    assert slider_temperature(0) == pytest.approx(0.25)
    assert slider_temperature(200) == pytest.approx(50.0)
    assert slider_temperature(temperature_position(4.0)) == pytest.approx(4.0, rel=0.03)


def test_distillation_stage_bars_slider_and_curves(qtbot):
    task = _task("distillation", steps=12)
    stage = _stage(qtbot, "distillation")
    snap = task.snapshot()
    with qtbot.waitSignal(stage.requested) as first:
        stage.show_snapshot(snap)
    assert first.args[0] == "temperature"
    # the soft targets: hard label, teacher and student side by side per class
    np.testing.assert_allclose(stage.targets.heights("teacher"), snap["teacher_soft"])
    np.testing.assert_allclose(stage.targets.heights("hard"), snap["hard_label"])
    np.testing.assert_allclose(stage.targets.heights("student"), snap["student_soft"])
    legend = [label.text for _sample, label in stage.targets.legend.items]
    assert legend == ["hard label", "teacher", "student"]
    _, ys = stage.curves.curves["distilled"].getData()
    np.testing.assert_allclose(ys, snap["history_acc"])
    # the teacher's accuracy is a labelled line, not a legend entry
    assert stage.curves.teacher.value() == pytest.approx(snap["teacher_acc"])
    assert stage.curves.teacher.label.toPlainText().startswith("teacher ")
    assert "71,754" in stage.caption.text()
    # the accuracy race stands in for the window's metric curves
    from dlviz.ui.views.curves import CurvesView

    metrics = CurvesView()
    stage.curves_deck().add(metrics, "curves", "metric curves", "Metrics")
    assert not stage.deck.owns(metrics)
    assert set(stage.panels()) == {"soft targets", "temperature", "accuracy"}
    # moving the slider asks the task for the teacher's softmax at that T
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.slider.setValue(stage.slider.maximum())
    kind, data = blocker.args
    assert kind == "temperature" and data["T"] == pytest.approx(50.0)
    stage.show_result(kind, task.handle(kind, data))
    heights = stage.explorer.bars.opts["height"]
    assert heights.max() - heights.min() < 0.2  # flat at T = 50
    assert "entropy" in stage.slider_label.text()
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.next_button.click()
    assert blocker.args == ["sample", {"offset": 1}]
    with qtbot.waitSignal(stage.requested) as again:  # the explorer follows
        deliver(stage, "sample", task.handle(*blocker.args))
    assert again.args[0] == "temperature"
    assert stage._snapshot["sample_index"] == 1
    _shots(qtbot, stage, "distillation")


def _task(key: str, steps: int = 5, **hp):
    return trained_task(key, steps, **hp)


def test_siamese_stage_draws_the_mined_triplet_with_its_margin_circle(qtbot):
    task = _task("siamese", steps=30, loss="triplet", mining="semi-hard")
    stage = _stage(qtbot, "siamese")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    tri, m = snap["triplet"], snap["margin"]
    overlay = stage.scatter.triplet
    a, p, n = tri["points"]
    xs, ys = overlay.line_ap.getData()
    np.testing.assert_allclose([xs[0], ys[0], xs[1], ys[1]], [a[0], a[1], p[0], p[1]],
                               rtol=1e-5)
    xs, ys = overlay.line_an.getData()
    np.testing.assert_allclose([xs[1], ys[1]], [n[0], n[1]], rtol=1e-5)
    # the circle around the anchor has radius d(a, p) + m, and says so
    xs, ys = overlay.circle.getData()
    radius = np.hypot(xs - a[0], ys - a[1])
    np.testing.assert_allclose(radius, tri["d_ap"] + m, rtol=1e-4)
    assert overlay.circle.isVisible() and overlay.radius_label.isVisible()
    assert overlay.radius_label.toPlainText() == f"d(a,p) + m = {tri['d_ap'] + m:.2f}"
    assert [t.toPlainText() for t in overlay.letters] == ["a", "p", "n"]
    # the caption has the triplet's loss; the margin line leaves the histogram
    text = stage.caption.text()
    assert "semi-hard" in text and f"{tri['d_an']:.3f}" in text
    assert f"{tri['loss']:.3f}" in text
    assert not stage.hist.lines["margin"].isVisible()
    assert stage.next_button.text() == "Next anchor ▶"
    # the viewer holds the three digits, labelled a, p, n
    assert stage._pair_shown[1:] == tuple(
        f"{k} · {c}" for k, c in zip("apn", tri["labels"], strict=True))
    # the view holds the whole circle
    view = stage.scatter.plot_item.viewRange()
    r = tri["d_ap"] + m
    assert view[0][0] <= a[0] - r and a[0] + r <= view[0][1]
    _shots(qtbot, stage, "siamese_triplet")
    # back to pairs: the overlay goes, the margin line returns
    plain = trained_task("siamese", 2)
    stage.show_snapshot(plain.snapshot())
    assert not overlay.line_ap.isVisible() and not overlay.circle.isVisible()
    assert stage.hist.lines["margin"].isVisible()
    assert stage.next_button.text() == "Next pair ▶"


def test_triplet_circle_is_left_out_where_the_plane_is_a_projection(qtbot):
    task = _task("siamese", steps=3, loss="triplet", embed_dim=8)
    stage = _stage(qtbot, "siamese")
    stage.show_snapshot(task.snapshot())
    overlay = stage.scatter.triplet
    assert overlay.line_an.isVisible() and not overlay.circle.isVisible()
    assert "only for a 2-D Euclidean embedding" in stage.caption.text()
