"""Frames that redraw only what changed (issue 14): the autoencoder's latent points
moved in place, the distillation's digit and title set only on a change, the
bars' brushes shared per colour. What is shown must equal a full redraw."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
import torch

from dlviz.ui import theme
from dlviz.ui.stages.gen_images import LatentView
from dlviz.ui.views.bars import BarsView
from tests.ui.stage_helpers import make_stage, trained_task

torch.set_num_threads(1)


def _brush_names(item) -> list[str]:
    return [b.color().name() for b in item.data["brush"]]


def test_latent_points_move_in_place_and_restyle_on_new_labels(qtbot):
    view = LatentView()
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    labels = np.array([0, 1, 2, 3])
    view.set_points("codes", rng.normal(size=(4, 2)), labels, size=5)
    item = view.layers["codes"]
    styled = item.data["sourceRect"].copy()
    moved = rng.normal(size=(4, 2)).astype(np.float32)
    view.set_points("codes", moved, labels, size=5)
    assert view.layers["codes"] is item
    np.testing.assert_allclose(np.c_[item.getData()], moved)
    assert item.data["sourceRect"].tolist() == styled.tolist()  # kept its symbols
    # the bounds follow the moved points (the view range and culling use them)
    assert item.dataBounds(0) == (moved[:, 0].min(), moved[:, 0].max())
    # other labels: every point restyled in its class colour, as a full update does
    view.set_points("codes", moved, np.array([3, 3, 0, 1]), size=5)
    assert _brush_names(item) == [
        pg.mkColor(theme.class_color(c)).name() for c in (3, 3, 0, 1)]
    # another size too
    view.set_points("codes", moved, np.array([3, 3, 0, 1]), size=9)
    assert item.opts["size"] == 9


def test_autoencoder_latent_matches_snapshot_after_updates(qtbot):
    task = trained_task("autoencoder", 5)
    stage = make_stage(qtbot, "autoencoder")
    for _ in range(3):
        task.train_step()
        snap = task.snapshot()
        stage.show_snapshot(snap)
        item = stage.latent.layers["codes"]
        np.testing.assert_allclose(np.c_[item.getData()], snap["latent"], rtol=1e-6)
        assert _brush_names(item) == [
            pg.mkColor(theme.class_color(int(c))).name()
            for c in snap["latent_labels"]]


def test_distillation_digit_and_title_follow_the_snapshot(qtbot):
    task = trained_task("distillation", 3)
    stage = make_stage(qtbot, "distillation")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    shown = stage.sample_view.image.image.copy()
    stage.show_snapshot(dict(snap))  # the same digit: nothing to redraw
    np.testing.assert_array_equal(stage.sample_view.image.image, shown)
    other = dict(snap, sample_image=1.0 - snap["sample_image"],
                 sample_label=(int(snap["sample_label"]) + 1) % 10,
                 temperature=snap["temperature"] * 2)
    stage.show_snapshot(other)
    assert not np.array_equal(stage.sample_view.image.image, shown)
    captions = [c.toPlainText() for c in stage.sample_view._captions if c.isVisible()]
    assert captions == [str(other["sample_label"])]
    assert stage.targets.plot_item.titleLabel.text == (
        f"Soft targets, T = {other['temperature']:g}")


def test_bars_share_one_brush_per_colour(qtbot):
    view = BarsView(y_range=(0, 1))
    qtbot.addWidget(view)
    view.set_values([0.1, 0.5, 0.3], highlight=2)
    brushes = view.bars.opts["brushes"]
    assert brushes[0] is brushes[1]
    assert brushes[2].color().name() == pg.mkColor(theme.PALETTE[3]).name()
    view.set_values([0.2, 0.4], colors=[theme.PALETTE[1], theme.PALETTE[1]])
    assert [b.color().name() for b in view.bars.opts["brushes"]] == [
        pg.mkColor(theme.PALETTE[1]).name()] * 2


@pytest.mark.parametrize("key", ["autoencoder", "distillation", "transfer"])
def test_live_caption_changes_without_moving_the_panels(qtbot, key):
    """These captions carry numbers of every snapshot: they change in place (no
    window re-layout), never cut, and a longer text still gets its lines."""
    task = trained_task(key, 2)
    stage = make_stage(qtbot, key)
    stage.resize(1024, 700)
    stage.show()
    stage.show_snapshot(task.snapshot())
    qtbot.wait(20)
    deck_geometry = stage.deck.geometry()
    holder = stage.caption_holder
    assert holder.label is stage.caption and stage.caption.text()
    task.train_step()
    stage.show_snapshot(task.snapshot())
    qtbot.wait(10)
    assert stage.deck.geometry() == deck_geometry
    assert stage.caption.height() >= stage.caption.heightForWidth(holder.width())
    stage.set_caption(stage.caption.text() + "<br>" + "long words " * 60)
    qtbot.wait(20)
    assert holder.height() >= stage.caption.heightForWidth(holder.width())
    assert stage.deck.geometry().height() < deck_geometry.height()
