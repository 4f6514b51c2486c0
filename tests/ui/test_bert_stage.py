"""The BERT stage draws a real snapshot of the lab: the masked sentence with the fate
of every chosen word, the model's words at each chosen position, the embeddings, the
heads, the pre-training loss and the two fine-tuning curves."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.core.attention.bert import KEPT, MASKED, NOT_CHOSEN, RANDOM
from dlviz.core.labs.bert import METHODS
from dlviz.ui.stages.bert import ACTION_COLORS, COLORS, BertStage
from tests.ui.stage_helpers import make_stage, save_shots, trained_task

torch.set_num_threads(1)

SMALL = {"pretrain_steps": 6, "examples": 8, "corpus": 300, "d_model": 16,
         "ffn": 32, "heads": 2, "layers": 2, "batch_size": 16}


@pytest.fixture
def stage(qtbot):
    s = make_stage(qtbot, "bert")
    s.resize(1280, 800)
    s.show()
    qtbot.waitExposed(s)
    return s


def deliver(stage, task, kind, data):
    """Answer a request as the session does: its snapshot as the live one."""
    answer = task.handle(kind, data)
    snapshot = answer.pop("snapshot", None)
    if snapshot is not None:
        stage.show_snapshot(snapshot)
    stage.show_result(kind, answer)


def test_pretraining_snapshot_shows_masking_predictions_and_inputs(qtbot, stage):
    task = trained_task("bert", steps=3, **SMALL)
    task.evaluate()
    snap = task.snapshot()
    assert isinstance(stage, BertStage) and snap["phase"] == "pretrain"
    stage.show_snapshot(snap)
    # one bar chart per chosen position: the top words and their probabilities,
    # the original word's bar in the highlight colour when it is among them
    assert len(stage.predictions) == len(snap["chosen"]) >= 1
    for view, top in zip(stage.predictions, snap["top"]):
        np.testing.assert_allclose(view.bars.opts["width"], top["probs"])
        assert list(view._labels) == top["words"]
    # the sentence: every chosen token in its fate's colour, the others plain
    text = stage.sentence.text()
    for action in (MASKED, RANDOM, KEPT):
        present = bool((snap["actions"] == action).any())
        assert (ACTION_COLORS[action] in text.split("<br>")[0]) == present
    assert "[CLS]" in text and "[SEP]" in text
    assert int((snap["actions"] != NOT_CHOSEN).sum()) == len(snap["chosen"])
    # embeddings: token | segment | position | sum, on one symmetric scale
    image = stage.embeddings.image.image
    parts = snap["embeddings"]
    d = parts.shape[-1]
    np.testing.assert_allclose(image[:, :d], parts[0])
    np.testing.assert_allclose(image[:, 3 * (d + 1):], parts.sum(0), rtol=1e-5)
    lo, hi = stage.embeddings.image.levels
    assert -lo == hi > 0 and stage.embeddings.colorbar is not None
    # heads of layer 1, then of layer 2
    assert len(stage.heads) == 2
    np.testing.assert_allclose(stage.heads[1].image.image, snap["attention"][0, 1])
    stage.layer_spin.setValue(2)
    np.testing.assert_allclose(stage.heads[0].image.image, snap["attention"][1, 0])
    # the pre-training curve and its frequency baseline; the caption counts the
    # last batch's masking
    xs, ys = stage.pretrain.curves["loss"].getData()
    np.testing.assert_allclose(ys, snap["mlm_loss"])
    assert stage.baseline.value() == pytest.approx(snap["unigram_loss"])
    counts = snap["mask_counts"]
    caption = stage.caption.text()
    assert f"{int(counts[1:].sum())} of {snap['mask_words']} words chosen" in caption
    assert f"{int(counts[MASKED])} → [MASK]" in caption
    assert f"step {snap['step']} of 6" in caption
    assert "starts after step 6" in stage.finetune.plot_item.titleLabel.text


def test_finetuning_curves_and_requests(qtbot, stage):
    task = trained_task("bert", steps=12, **SMALL)
    task.evaluate()
    snap = task.snapshot()
    assert snap["phase"] == "finetune"
    stage.show_snapshot(snap)
    for i, method in enumerate(METHODS):
        xs, ys = stage.finetune.curves[method].getData()
        np.testing.assert_allclose(xs, snap["ft_steps"])
        np.testing.assert_allclose(ys, snap["ft_acc"][i])
    legend = [label.text for _, label in stage.finetune.legend.items]
    assert legend == ["pre-trained, fine-tuned", "from scratch"]
    caption = stage.caption.text()
    assert "Fine-tuning step 6 on 8 labelled sentences (500 held out)" in caption
    assert f"{snap['class_probs'][0, 1]:.2f} (pre-trained)" in caption
    # the window's curves: coloured and named by network
    assert stage.curve_style("val_acc_scratch") == (
        COLORS["scratch"], "validation accuracy (from scratch)")
    assert stage.curve_style("val_acc") == (
        COLORS["pretrained"], "validation accuracy (pre-trained)")
    assert stage.curve_style("loss") is None  # masked words, then sentiment
    assert stage.curve_style("grad_norm") is None
    # another sentence, another masking: requests answered with a snapshot
    asked = []
    stage.requested.connect(lambda kind, data: asked.append((kind, data)))
    stage.sample_spin.setValue(7)
    assert asked[-1] == ("select", {"index": 7})
    deliver(stage, task, "select", {"index": 7})
    assert stage.snapshot["index"] == 7
    assert stage.snapshot["tokens"][1:-1] == task.val_words[7]
    before = stage.snapshot["actions"].copy()
    changed = False
    for _ in range(6):  # a new draw (the same one now and then on a short sentence)
        stage.remask_button.click()
        assert asked[-1] == ("remask", {})
        deliver(stage, task, "remask", {})
        changed |= not np.array_equal(stage.snapshot["actions"], before)
    assert changed
    save_shots(qtbot, stage, "bert")
