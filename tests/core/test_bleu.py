"""BLEU against hand-worked examples."""

import math

import pytest

from dlviz.core.attention.bleu import clipped_matches, corpus_bleu, course_bleu


def test_clipped_matches_counts_each_reference_ngram_once():
    # "the the the" against "the cat": only one "the" can match.
    assert clipped_matches("the the the".split(), "the cat".split(), 1) == (1, 3)


def test_corpus_bleu_hand_worked_two_sentences():
    predictions = ["the cat sat on the mat".split(), "a b c d e".split()]
    references = ["the cat is on the mat".split(), "a b c d e f g".split()]
    # Sentence 1: 1-grams 5/6 (the×2, cat, on, mat), 2-grams 3/5 (the cat, on the,
    # the mat), 3-grams 1/4 (on the mat), 4-grams 0/3.
    # Sentence 2: every n-gram matches: 5/5, 4/4, 3/3, 2/2.
    # Corpus: p1 = 10/11, p2 = 7/9, p3 = 4/7, p4 = 2/5; c = 11, r = 13.
    brevity = math.exp(1 - 13 / 11)
    expected = brevity * (10 / 11 * 7 / 9 * 4 / 7 * 2 / 5) ** 0.25
    assert expected == pytest.approx(0.52864, abs=1e-5)
    assert corpus_bleu(predictions, references) == pytest.approx(expected, rel=1e-12)


def test_corpus_bleu_perfect_and_zero():
    assert corpus_bleu(["2026-11-23"], ["2026-11-23"]) == pytest.approx(1.0)
    # No 4-gram in common: BLEU-4 without smoothing is 0.
    assert corpus_bleu(["abcx"], ["abcd"]) == 0.0
    assert corpus_bleu([""], ["abcd"]) == 0.0


def test_corpus_bleu_no_brevity_penalty_when_longer():
    # Prediction longer than reference: penalty 1, precisions shrink instead.
    pred, ref = "abcdef", "abcde"
    p = [5 / 6, 4 / 5, 3 / 4, 2 / 3]
    expected = math.prod(p) ** 0.25
    assert corpus_bleu([pred], [ref]) == pytest.approx(expected)


def test_course_bleu_matches_the_notes_example():
    # Course notes: prediction ABBCD, label ABCDEF gives p1 = 4/5, p2 = 3/4,
    # p3 = 1/3, p4 = 0; with k = 2 the score is exp(1 - 6/5)·(4/5)^(1/2)·(3/4)^(1/4).
    expected = math.exp(1 - 6 / 5) * (4 / 5) ** 0.5 * (3 / 4) ** 0.25
    assert course_bleu("ABBCD", "ABCDEF", k=2) == pytest.approx(expected)
    assert course_bleu("ABBCD", "ABCDEF", k=4) == 0.0
    assert course_bleu("ABCDEF", "ABCDEF") == pytest.approx(1.0)


def test_corpus_bleu_needs_one_reference_each():
    with pytest.raises(ValueError):
        corpus_bleu(["a"], [])
