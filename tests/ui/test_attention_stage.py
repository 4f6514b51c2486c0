"""The attention stages show real snapshots and the answers to their requests."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.attention import Seq2SeqStage, TransformerStage


def _task(key: str, **hp):
    torch.set_num_threads(1)
    task = get_lab(key).create({"samples": 300, **hp}, torch.device("cpu"))
    task.train_step()
    task.evaluate()
    return task


@pytest.fixture
def make_stage(qtbot):
    stages = []

    def make(key: str):
        stage = stage_class(get_lab(key).stage)(get_lab(key))
        qtbot.addWidget(stage)
        stage.resize(1024, 768)
        stage.show()
        qtbot.waitExposed(stage)
        stages.append(stage)
        return stage

    yield make
    for stage in stages:
        stage.shutdown()


def test_registered():
    assert stage_class("seq2seq") is Seq2SeqStage
    assert stage_class("transformer") is TransformerStage


def test_seq2seq_matrix_and_beam(make_stage, qtbot):
    task = _task("seq2seq")
    stage = make_stage("seq2seq")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    np.testing.assert_array_equal(stage.matrix.image.image, snap["attention"])
    assert snap["source"] in stage.result_text
    assert "BLEU" in stage.metrics_text
    # the sample and the metrics are in the (wrapping) caption, not a wide label
    assert "BLEU" in stage.caption.text() and stage.caption.wordWrap()
    assert len(stage.alignment.data) == int(snap["alignment"].sum())
    stage.beam_spin.setValue(2)
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.beam_button.click()
    kind, data = blocker.args
    assert kind == "beam" and data["k"] == 2
    stage.show_result(kind, task.handle(kind, data))
    text = stage.beam_text.text()
    assert "step 1" in text and "best:" in text
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.sample_spin.setValue(4)
    kind, data = blocker.args
    answer = task.handle(kind, data)
    # as the session delivers it: the snapshot as the live one, the rest as the result
    stage.show_snapshot(answer.pop("snapshot"))
    stage.show_result(kind, answer)
    assert stage.snapshot["index"] == 4


def test_transformer_heads_and_steps(make_stage, qtbot):
    task = _task("transformer", d_model=32, heads=4, layers=2, ffn=64)
    stage = make_stage("transformer")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert len(stage.heads) == 4 and stage.layer_spin.maximum() == 2
    assert stage.kind_combo.count() == 3
    np.testing.assert_array_equal(stage.heads[2].image.image,
                                  snap["encoder_attention"][0, 2])
    stage.kind_combo.setCurrentIndex(stage.kind_combo.findData("decoder"))
    stage.layer_spin.setValue(2)
    np.testing.assert_array_equal(stage.heads[1].image.image,
                                  snap["decoder_attention"][1, 1])
    qtbot.waitUntil(stage.mask_view.isVisible)
    stage.query_spin.setValue(3)
    stage.head_spin.setValue(2)
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.steps_button.click()
    kind, data = blocker.args
    assert data == {"index": snap["index"], "kind": "decoder", "layer": 1, "head": 1,
                    "query": 3}
    stage.show_result(kind, task.handle(kind, data))
    text = stage.steps_text.text()
    assert "−∞" in text and "softmax" in text


def test_transformer_steps_follow_the_controls(make_stage, qtbot):
    """Another attention, layer, head or query token asks for its numbers again; an
    answer for an older choice is dropped (no encoder keys in decoder mode)."""
    task = _task("transformer", d_model=32, heads=4, layers=2, ffn=64)
    stage = make_stage("transformer")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.steps_button.click()
    kind, data = blocker.args
    encoder_answer = task.handle(kind, data)
    stage.show_result(kind, encoder_answer)
    assert stage._steps["key_tokens"] == snap["src_tokens"]
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.kind_combo.setCurrentIndex(stage.kind_combo.findData("decoder"))
    kind, data = blocker.args
    assert data["kind"] == "decoder"
    assert stage._steps is None  # the encoder table is gone at once
    assert "Step through" in stage.steps_text.text()
    stage.show_result(kind, encoder_answer)  # a late answer for the old choice
    assert stage._steps is None
    stage.show_result(kind, task.handle(kind, data))
    assert stage._steps["kind"] == "decoder"
    assert stage._steps["key_tokens"] == snap["dec_tokens"]
    for change in (lambda: stage.head_spin.setValue(3),
                   lambda: stage.query_spin.setValue(2),
                   lambda: stage.layer_spin.setValue(2)):
        with qtbot.waitSignal(stage.requested) as blocker:
            change()
        kind, data = blocker.args
        stage.show_result(kind, task.handle(kind, data))
    assert {k: stage._steps[k] for k in ("kind", "layer", "head", "query")} == {
        "kind": "decoder", "layer": 1, "head": 2, "query": 2}
    # the same choice again: nothing asked, the table stays
    with qtbot.assertNotEmitted(stage.requested):
        stage.show_snapshot(task.snapshot())
    assert stage._steps is not None
    stage.reset()
    with qtbot.assertNotEmitted(stage.requested):
        stage.head_spin.setValue(1)  # after a reset only the button asks


def test_transformer_caption_shows_the_score_range(make_stage):
    """Scores QKᵀ/√d at step 0 and now, and for the attention shown."""
    from dlviz.ui.stages.attention import signed

    task = _task("transformer", d_model=32, heads=4, layers=2, ffn=64)
    stage = make_stage("transformer")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    text = stage.caption.text()
    lo, hi = snap["init_score_range"]
    assert f"step 0: [{signed(lo)}, {signed(hi)}] (σ {snap['init_score_std']:.2f})" \
        in text
    lo, hi = snap["score_range"]
    assert f"now: [{signed(lo)}, {signed(hi)}]" in text
    stage.kind_combo.setCurrentIndex(stage.kind_combo.findData("cross"))
    lo, hi, std = snap["score_ranges"]["cross"]
    assert (f"cross-attention (decoder → encoder): [{signed(lo)}, {signed(hi)}] "
            f"(σ {std:.2f})") in stage.caption.text()


def test_transformer_classification_only_encoder(make_stage):
    task = _task("transformer", task="sentiment", d_model=16, heads=2, layers=1,
                 ffn=32)
    stage = make_stage("transformer")
    stage.show_snapshot(task.snapshot())
    assert stage.kind_combo.count() == 1
    assert not stage.mask_view.isVisible()
    assert "causal mask" not in stage.panels()
    assert "val accuracy" in stage.metrics_text


def test_laid_out_by_the_deck(make_stage, qtbot):
    """Main views: the attention matrix, the heads; panel names are kept; every
    head has a colour bar; the stage never asks for more than a 1024 px window."""
    task = _task("transformer", d_model=32, heads=4, layers=2, ffn=64)
    stage = make_stage("transformer")
    stage.show_snapshot(task.snapshot())
    qtbot.waitUntil(lambda: stage.deck.main_view() is stage.heads_box)
    assert set(stage.panels()) == {"heads", "causal mask", "positional encoding",
                                   "step-through"}
    assert all(view.colorbar is not None for view in stage.heads)
    assert stage.minimumSizeHint().width() < 1024
    s2s = make_stage("seq2seq")
    s2s.show_snapshot(_task("seq2seq").snapshot())
    qtbot.waitUntil(lambda: s2s.deck.main_view() is s2s.matrix)
    assert set(s2s.panels()) == {"attention matrix", "beam search"}
    assert s2s.matrix.colorbar is not None
    assert s2s.minimumSizeHint().width() < 1024


def test_token_ticks_thin_to_the_room(qtbot):
    from dlviz.ui.stages.attention import attention_view

    view = attention_view()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    tokens = [f"w{i}" for i in range(40)]
    view.set_data(np.zeros((5, 40)), levels=(0.0, 1.0))
    view.set_ticks(x=tokens, y=tokens[:5], fit=True)
    qtbot.wait(50)
    wide = len(view.plot_item.getAxis("bottom")._tickLevels[0])
    view.resize(250, 300)
    qtbot.waitUntil(lambda: view.plot_item.getAxis("bottom")._tickLevels[0]
                    and len(view.plot_item.getAxis("bottom")._tickLevels[0]) < wide)
    assert len(view.plot_item.getAxis("bottom")._tickLevels[0]) < 40


def test_dark_theme_lifts_the_low_end(make_stage):
    from dlviz.ui import theme

    stage = make_stage("seq2seq")
    saved = theme.STYLE.sequential
    try:
        theme.set_colormaps(sequential="magma")
        theme.set_dark(True)
        stage.matrix.apply_style()
        low = stage.matrix.image.lut[0] if not callable(stage.matrix.image.lut) \
            else stage.matrix._lookup_table()[0]
        assert sum(int(c) for c in low[:3]) > 3 * 40  # not black on black
    finally:
        theme.set_dark(False)
        theme.set_colormaps(sequential=saved)
        stage.matrix.apply_style()
