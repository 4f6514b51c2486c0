"""The character GPT: causal, its sampling maths, its texts, and the lab trains."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import dlviz
from dlviz.core.attention.charlm import (
    TEXTS,
    CharCorpus,
    CharGPT,
    Sampling,
    load_text,
    reshape_distribution,
    text_path,
)
from dlviz.core.labs import get_lab

CPU = torch.device("cpu")
SMALL = {"d_model": 16, "heads": 2, "layers": 1, "ffn": 32, "context": 16}


def test_no_future_leakage():
    """Changing a later character changes no earlier logit (the causal mask)."""
    torch.manual_seed(0)
    model = CharGPT(20, d_model=32, n_heads=4, layers=2, context=16).eval()
    ids = torch.randint(0, 20, (1, 16))
    changed = ids.clone()
    changed[0, 9] = (ids[0, 9] + 1) % 20
    with torch.no_grad():
        a, weights = model(ids)
        b, _ = model(changed)
    torch.testing.assert_close(a[0, :9], b[0, :9], rtol=0, atol=0)
    assert not torch.allclose(a[0, 9:], b[0, 9:])  # from position 9 on it sees it
    for w in weights:  # (1, heads, T, T): nothing right of the diagonal
        upper = torch.triu(torch.ones(16, 16, dtype=torch.bool), 1)
        assert float(w[0][:, upper].abs().max()) == 0.0
        torch.testing.assert_close(w.sum(-1), torch.ones(1, 4, 16))


def _logits(*probs: float) -> torch.Tensor:
    return torch.log(torch.tensor(probs, dtype=torch.float64)).float()


P = (0.5, 0.3, 0.15, 0.05)


@pytest.mark.parametrize("sampling, expected", [
    (Sampling(), P),
    # temperature ½: p² renormalised (sharper)
    (Sampling(temperature=0.5), tuple(np.square(P) / np.square(P).sum())),
    # temperature 2: √p renormalised (flatter)
    (Sampling(temperature=2.0), tuple(np.sqrt(P) / np.sqrt(P).sum())),
    # top-k 2: the two most likely, renormalised
    (Sampling(top_k=2), (0.625, 0.375, 0.0, 0.0)),
    # top-p 0.7: 0.5 is short of 0.7, 0.5 + 0.3 reaches it: two kept
    (Sampling(top_p=0.7), (0.625, 0.375, 0.0, 0.0)),
    # top-p 0.9: 0.8 is short, 0.95 reaches it: three kept
    (Sampling(top_p=0.9), (0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0.0)),
    # top-p 0.4: the most likely alone already reaches it
    (Sampling(top_p=0.4), (1.0, 0.0, 0.0, 0.0)),
    # top-k 3 then top-p 0.6 of the renormalised three: 0.526 < 0.6 → two kept
    (Sampling(top_k=3, top_p=0.6), (0.625, 0.375, 0.0, 0.0)),
])
def test_reshaped_distribution_matches_hand_computation(sampling, expected):
    shaped = reshape_distribution(_logits(*P), sampling)
    np.testing.assert_allclose(shaped.numpy(), expected, atol=1e-6)


def test_temperature_sharpens_and_flattens_and_order_does_not_matter():
    logits = _logits(0.05, 0.5, 0.15, 0.3)  # shuffled order
    cold = reshape_distribution(logits, Sampling(temperature=0.1)).numpy()
    hot = reshape_distribution(logits, Sampling(temperature=10.0)).numpy()
    assert cold[1] > 0.99  # nearly greedy
    assert hot.max() - hot.min() < 0.1  # nearly uniform
    k2 = reshape_distribution(logits, Sampling(top_k=2)).numpy()
    np.testing.assert_allclose(k2, (0.0, 0.625, 0.0, 0.375), atol=1e-6)
    clamped = Sampling.of({"temperature": 0, "top_k": -3, "top_p": 7})
    assert clamped == Sampling(0.01, 0, 1.0)
    assert Sampling.of({"top_k": 5}, Sampling(0.5)) == Sampling(0.5, 5, 1.0)


def test_corpus_split_batches_and_unigram_baseline():
    corpus = CharCorpus("aab" * 10 + "ba" * 8, 0.25)
    assert corpus.itos == ["a", "b"]
    # a quarter of 46 is 12: at least 16 are held out
    assert len(corpus.val_ids) == 16 and corpus.val_text == "ba" * 8
    # training part: 20 a, 10 b → add-one: 21/32, 11/32
    probs = corpus.unigram_probs()
    np.testing.assert_allclose(probs, (21 / 32, 11 / 32))
    expected = math.exp(-(8 * math.log(21 / 32) + 8 * math.log(11 / 32)) / 16)
    assert corpus.unigram_perplexity() == pytest.approx(expected)
    x, y = corpus.batch(5, 4, torch.Generator().manual_seed(0))
    assert x.shape == y.shape == (5, 4)
    torch.testing.assert_close(x[:, 1:], y[:, :-1])  # shifted by one
    xv, yv = corpus.val_windows(5)
    assert xv.shape == (3, 5)
    torch.testing.assert_close(xv.reshape(-1)[1:], yv.reshape(-1)[:-1])
    assert corpus.encode("abz") == [0, 1] and corpus.unknown("azzy") == ["z", "y"]


@pytest.mark.parametrize("lang", TEXTS)
def test_texts_ship_with_the_package(lang):
    path = text_path(lang)
    # found where notes are found: resources/ in a checkout, dlviz/resources when
    # installed (the package data takes every file under resources/)
    assert path.parent == dlviz.resources_dir() / "text" and path.is_file()
    text = load_text(lang)
    assert len(text) > 2000
    if lang == "zh_CN":
        assert sum("\u4e00" <= c <= "\u9fff" for c in text) > 0.7 * len(text)
    else:
        assert text.isascii()


def _task(**hp):
    torch.set_num_threads(1)
    return get_lab("charlm").create({**SMALL, **hp}, CPU)


def test_lab_requests_reshape_and_sample():
    task = _task()
    snap = task.snapshot()
    assert snap["prompt"] == "The network "
    assert snap["kept"] == snap["vocab"] == len(task.corpus)
    np.testing.assert_allclose(snap["top_model"], snap["top_shaped"], atol=1e-6)
    assert snap["attention"].shape == (1, 2, len("The network "))
    # a new prompt and top-k 3: the snapshot is about them
    answer = task.handle("prompt", {"text": "a network", "top_k": 3,
                                    "temperature": 0.5})
    snap = answer["snapshot"]
    assert snap["prompt"] == "a network" and snap["kept"] == 3
    assert snap["context_tokens"] == list("a network")
    assert snap["top_shaped"][3:].sum() == 0 and snap["top_shaped"].sum() == \
        pytest.approx(1.0, abs=1e-5)
    # top-k 1 samples the most likely character: greedy
    answer = task.handle("sample", {"top_k": 1})
    assert answer["char"] == snap["top_tokens"][0]
    assert answer["probability"] == pytest.approx(1.0)
    assert answer["text"] == "a network" + answer["char"]
    assert answer["snapshot"]["prompt"] == answer["text"]
    assert answer["attention"].shape == (1, 2, len("a network"))
    # the context is the last 16 characters; unknown ones are left out, and said
    long = "The network learns the network " + "中"
    snap = task.handle("prompt", {"text": long})["snapshot"]
    assert len(snap["context_tokens"]) == 16 and snap["unknown"] == ["中"]


def test_lab_reports_perplexity_and_a_sample():
    task = _task(text="zh_CN")
    metrics = task.train_step()
    assert metrics["perplexity"] == pytest.approx(math.exp(metrics["loss"]))
    val = task.evaluate()
    assert val["val_perplexity"] == pytest.approx(math.exp(val["val_loss"]))
    # untrained: about as unsure as a uniform choice over the alphabet
    assert 0.5 * len(task.corpus) < val["val_perplexity"] < 2 * len(task.corpus)
    snap = task.snapshot()
    assert snap["prompt"] == "神经网络" and len(snap["sample"]) == 80
    assert snap["val_metrics"] == val


#: README: at the defaults, one thread, after 1 minute of training (1,440 steps at
#: the 24 steps/s measured on one thread) the held-out perplexity of the English
#: essay is 7.3 (unigram baseline 19.4, uniform 55).
STEPS_1MIN = 1440
PPL_1MIN = 7.3


@pytest.mark.slow
def test_lab_trains_well_below_the_unigram_baseline():
    torch.set_num_threads(1)
    task = get_lab("charlm").create({}, CPU)
    baseline = task.unigram
    assert baseline == pytest.approx(19.4, abs=0.1)
    for _ in range(STEPS_1MIN):
        task.train_step()
    ppl = task.evaluate()["val_perplexity"]
    assert ppl < 0.5 * baseline
    assert ppl == pytest.approx(PPL_1MIN, rel=0.15)


@pytest.mark.slow
def test_chinese_essay_beats_the_unigram_baseline_after_a_short_training():
    """README: the Chinese essay (11,400 characters, 784 different) starts at a
    held-out perplexity of about 790 (uniform 784, unigram 335) and is at about 120
    after 100 steps, under half the unigram baseline; longer training memorises the
    training part and the held-out perplexity rises again."""
    torch.set_num_threads(1)
    task = get_lab("charlm").create({"text": "zh_CN"}, CPU)
    assert len(task.corpus) == 784 and task.unigram == pytest.approx(335.4, abs=0.5)
    assert task.evaluate()["val_perplexity"] == pytest.approx(794, rel=0.05)
    for _ in range(100):
        task.train_step()
    ppl = task.evaluate()["val_perplexity"]
    assert ppl < 0.45 * task.unigram
    assert ppl == pytest.approx(119, rel=0.15)
