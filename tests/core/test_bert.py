"""BERT-style pre-training: the 15 % / 80-10-10 masking, the three embeddings, the
encoder it reuses, the two phases of the lab, its step-through and the measured gain
of pre-training on few labels."""

from __future__ import annotations

import pytest
import torch

from dlviz.core.attention.bert import (
    CLS_ID,
    IGNORE,
    KEPT,
    MASK_ID,
    MASKED,
    NOT_CHOSEN,
    PAD_ID,
    RANDOM,
    SEP_ID,
    MiniBert,
    chosen_count,
    encode_sentences,
    mask_tokens,
    sentiment_word_vocab,
    unigram_loss,
)
from dlviz.core.attention.data import make_sentiment
from dlviz.core.attention.transformer import EncoderBlock
from dlviz.core.labs import get_lab
from dlviz.core.labs.bert import finetune_comparison
from dlviz.core.metric_names import is_reported_metric

torch.set_num_threads(1)
CPU = torch.device("cpu")
SMALL = {"pretrain_steps": 4, "examples": 8, "corpus": 300, "d_model": 16,
         "ffn": 32, "heads": 2, "layers": 1, "batch_size": 16}


@pytest.mark.parametrize("n, k", [(3, 1), (5, 1), (7, 1), (10, 2), (12, 2), (30, 4),
                                  (100, 15)])
def test_chosen_count_is_fifteen_percent_rounded_at_least_one(n, k):
    assert chosen_count(n) == k
    assert int(chosen_count(torch.tensor([n]))[0]) == k


def _corpus(n=4000, seed=0):
    vocab = sentiment_word_vocab()
    texts, _ = make_sentiment(n, seed)
    return vocab, encode_sentences(texts, vocab)


def test_masking_chooses_words_only_and_follows_the_80_10_10_rule():
    vocab, ids = _corpus()
    gen = torch.Generator().manual_seed(0)
    inputs, labels, actions = mask_tokens(ids, len(vocab), gen)
    words = ids >= vocab.first_word
    chosen = actions != NOT_CHOSEN
    # [CLS], [SEP] and padding are never chosen; each sentence has its count
    assert not chosen[~words].any()
    assert ids[:, 0].eq(CLS_ID).all() and (ids == SEP_ID).sum() == len(ids)
    assert torch.equal(chosen.sum(1), chosen_count(words.sum(1)))
    # labels: the original word where chosen, ignored elsewhere
    assert torch.equal(labels[chosen], ids[chosen])
    assert (labels[~chosen] == IGNORE).all()
    # inputs: [MASK], a random word, or the word itself; the rest untouched
    assert (inputs[actions == MASKED] == MASK_ID).all()
    assert torch.equal(inputs[actions == KEPT], ids[actions == KEPT])
    assert torch.equal(inputs[~chosen], ids[~chosen])
    rand = inputs[actions == RANDOM]
    assert (rand >= vocab.first_word).all() and (rand < len(vocab)).all()
    # the shares over ~6000 chosen words
    n = int(chosen.sum())
    assert n > 5000
    share = {a: float((actions == a).sum()) / n for a in (MASKED, RANDOM, KEPT)}
    assert share[MASKED] == pytest.approx(0.8, abs=0.02)
    assert share[RANDOM] == pytest.approx(0.1, abs=0.015)
    assert share[KEPT] == pytest.approx(0.1, abs=0.015)
    # the same generator state gives the same masking
    again = mask_tokens(ids, len(vocab), torch.Generator().manual_seed(0))
    assert torch.equal(again[0], inputs) and torch.equal(again[2], actions)


def test_input_is_layer_norm_of_token_plus_segment_plus_position():
    vocab, ids = _corpus(8)
    torch.manual_seed(0)
    model = MiniBert(len(vocab), 16, 2, 2, 32)
    emb = model.embeddings
    token, segment, position = emb.parts(ids)
    assert torch.equal(token, emb.token.weight[ids])
    assert torch.equal(segment, emb.segment.weight[0].expand_as(segment))  # one A
    assert torch.equal(position[3, 5], emb.position.weight[5])  # learned positions
    torch.testing.assert_close(emb(ids), emb.norm(token + segment + position))
    # the encoder is the Transformer lab's own blocks
    assert all(isinstance(b, EncoderBlock) for b in model.encoder)
    assert float(emb.token.weight[PAD_ID].detach().abs().sum()) == 0.0


def test_padding_does_not_change_the_real_positions():
    vocab = sentiment_word_vocab()
    torch.manual_seed(1)
    model = MiniBert(len(vocab), 16, 2, 2, 32).eval()
    short = encode_sentences([["good", "movie"]], vocab)
    padded = torch.cat([short, torch.full((1, 4), PAD_ID)], 1)
    with torch.no_grad():
        a, _ = model.encode(short)
        b, _ = model.encode(padded)
        torch.testing.assert_close(b[:, : short.shape[1]], a)
        torch.testing.assert_close(model.classify(padded), model.classify(short))


def test_unigram_loss_is_the_entropy_of_word_frequencies():
    vocab = sentiment_word_vocab()
    ids = encode_sentences([["good", "good", "bad", "the"]], vocab)
    p = torch.tensor([0.5, 0.25, 0.25])
    assert unigram_loss(ids, len(vocab), vocab.first_word) == pytest.approx(
        float(-(p * p.log()).sum()))


def test_lab_pretrains_then_finetunes_beside_a_twin_from_scratch():
    task = get_lab("bert").create(SMALL, CPU)
    assert torch.equal(task.model.classifier.weight, task.scratch.classifier.weight)
    scratch_before = [p.detach().clone() for p in task.scratch.parameters()]
    pretrained = {id(p) for g in task.optimizer.param_groups for p in g["params"]}
    assert id(task.model.classifier.weight) not in pretrained
    assert id(task.model.mlm[-1].weight) in pretrained
    for _ in range(4):
        assert task.phase == "pretrain"
        assert set(task.evaluate()) == {"val_loss", "val_mlm_acc"}
        metrics = task.train_step()
        assert set(metrics) == {"loss", "mlm_acc"}
    # pre-training leaves the twin as it was
    for p, q in zip(task.scratch.parameters(), scratch_before):
        assert torch.equal(p, q)
    assert task.phase == "finetune"
    metrics = task.train_step()
    assert set(metrics) == {"loss", "acc", "loss_scratch", "acc_scratch"}
    assert task.optimizer.param_groups[0]["lr"] == pytest.approx(0.0003)
    # pre-training moved the masked-word head, fine-tuning the classifier
    tuned = {id(p) for g in task.optimizer.param_groups for p in g["params"]}
    assert id(task.model.classifier.weight) in tuned
    assert id(task.model.mlm[-1].weight) not in tuned
    assert id(task.model.embeddings.token.weight) in tuned
    assert set(task.pretrain_result) == {"mlm_val_loss", "mlm_val_acc"}
    val = task.evaluate()
    assert set(val) == {"val_loss", "val_acc", "val_loss_scratch", "val_acc_scratch"}
    spec = get_lab("bert")
    assert all(is_reported_metric(k, spec.metrics) for k in {**metrics, **val})
    # the labelled examples hold both classes, half each
    assert int(task.y_t.sum()) == 4


def test_a_run_saved_while_finetuning_loads_into_a_new_task():
    task = get_lab("bert").create(SMALL, CPU)
    for _ in range(6):
        task.train_step()
    state = task.state_dict()
    fresh = get_lab("bert").create(SMALL, CPU)
    fresh.load_state_dict(state)
    assert fresh.phase == "finetune" and fresh.step == 6
    assert fresh.optimizer.state_dict()["state"].keys() == state["optimizers"][
        "model"]["state"].keys()
    x = task.x_v[:4]
    torch.testing.assert_close(fresh.model.classify(x), task.model.classify(x))


def test_snapshot_tells_the_masking_and_predictions_of_the_shown_sentence():
    task = get_lab("bert").create(SMALL, CPU)
    task.train_step()
    snap = task.snapshot()
    n = len(snap["tokens"])
    assert snap["tokens"][0] == "[CLS]" and snap["tokens"][-1] == "[SEP]"
    assert snap["tokens"][1:-1] == task.val_words[0]
    assert len(snap["chosen"]) == chosen_count(n - 2)
    for top in snap["top"]:
        pos = top["position"]
        assert snap["actions"][pos] != NOT_CHOSEN
        assert list(top["probs"]) == sorted(top["probs"], reverse=True)
        word = snap["tokens"][pos]
        j = snap["word_names"].index(word)
        assert top["p_original"] == pytest.approx(float(snap["word_probs"][pos, j]))
    assert snap["embeddings"].shape == (3, n, 16)
    assert snap["attention"].shape == (1, 2, n, n)
    torch.testing.assert_close(torch.from_numpy(snap["attention"]).sum(-1),
                               torch.ones(1, 2, n))
    counts = snap["mask_counts"]
    assert counts.sum() == snap["mask_words"] > 0
    # the shown masking stays until asked for another
    assert (task.snapshot()["actions"] == snap["actions"]).all()
    task.handle("remask", {})
    assert task.draw == 1
    assert task.handle("select", {"index": 3})["index"] == 3 and task.draw == 0


def test_snapshots_and_evaluation_change_no_training_number():
    plain = get_lab("bert").create(SMALL, CPU)
    watched = get_lab("bert").create(SMALL, CPU)
    for _ in range(8):  # both phases
        a, b = plain.train_step(), watched.train_step()
        assert a == b
        watched.snapshot()
        watched.evaluate()
        watched.handle("remask", {})
    for p, q in zip(plain.model.parameters(), watched.model.parameters()):
        assert torch.equal(p, q)


def test_finetuning_step_through_equals_the_plain_step():
    plain = get_lab("bert").create(SMALL, CPU)
    traced = get_lab("bert").create(SMALL, CPU)
    for _ in range(SMALL["pretrain_steps"]):
        plain.train_step()
        traced.trace_step()
    metrics = plain.train_step()
    trace = traced.trace_step()
    assert trace.metrics["loss"] == pytest.approx(metrics["loss"], rel=1e-5)
    assert trace.metrics["loss_scratch"] == pytest.approx(metrics["loss_scratch"])
    for role in ("model", "scratch"):
        for p, q in zip(plain.modules()[role].parameters(),
                        traced.modules()[role].parameters()):
            torch.testing.assert_close(q, p, rtol=1e-5, atol=1e-6)
    assert {"forward", "loss", "backward", "update"} <= {e.phase for e in trace.events}


@pytest.mark.slow
def test_pretraining_beats_scratch_on_few_labels():
    """The README's numbers: default settings, seed 0, 300 fine-tuning steps."""
    result = finetune_comparison({"seed": 0}, finetune_steps=300)
    print(result)
    assert result["mlm_val_loss"] < result["unigram_loss"] - 0.1
    assert result["pretrained"] >= 0.9 and result["scratch"] <= 0.8
    assert result["pretrained"] >= result["scratch"] + 0.15
