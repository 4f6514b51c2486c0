"""BLEU: how many n-grams of the predictions also occur in the references.

:func:`corpus_bleu` is BLEU-4 of Papineni et al. (2002): clipped n-gram precisions
summed over the whole corpus, their geometric mean, times the brevity penalty
exp(1 - r/c) when the predictions are shorter in total (c) than the references (r).
:func:`course_bleu` is the per-sentence variant of the course notes (d2l):
exp(min(0, 1 - len_label/len_pred)) · Π p_n^(1/2^n).

Sequences are strings (one token per character) or lists of tokens.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


def ngrams(tokens: Sequence, n: int) -> Counter:
    """Counts of the n-grams (as tuples) of ``tokens``."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def clipped_matches(
    prediction: Sequence, reference: Sequence, n: int
) -> tuple[int, int]:
    """(matches, total): n-grams of the prediction found in the reference, each
    counted at most as often as the reference has it, and all n-grams of the
    prediction."""
    pred, ref = ngrams(prediction, n), ngrams(reference, n)
    matches = sum(min(count, ref[gram]) for gram, count in pred.items())
    return matches, sum(pred.values())


def corpus_bleu(
    predictions: Sequence[Sequence], references: Sequence[Sequence], max_n: int = 4
) -> float:
    """Corpus BLEU-``max_n`` with uniform weights and the brevity penalty; in [0, 1].

    Returns 0 when some n-gram order has no match at all (no smoothing).
    """
    if len(predictions) != len(references):
        raise ValueError("need one reference per prediction")
    matches = [0] * max_n
    totals = [0] * max_n
    pred_len = ref_len = 0
    for pred, ref in zip(predictions, references):
        pred_len += len(pred)
        ref_len += len(ref)
        for n in range(1, max_n + 1):
            m, t = clipped_matches(pred, ref, n)
            matches[n - 1] += m
            totals[n - 1] += t
    if pred_len == 0 or min(matches) == 0:
        return 0.0
    log_precision = sum(math.log(m / t) for m, t in zip(matches, totals)) / max_n
    brevity = 1.0 if pred_len > ref_len else math.exp(1.0 - ref_len / pred_len)
    return brevity * math.exp(log_precision)


def course_bleu(prediction: Sequence, reference: Sequence, k: int = 4) -> float:
    """Sentence BLEU as in the course notes: exp(min(0, 1 - len_ref/len_pred)) times
    Π_{n=1..k} p_n^(1/2^n), where p_n is the clipped n-gram precision."""
    if len(prediction) == 0:
        return 0.0
    score = math.exp(min(0.0, 1.0 - len(reference) / len(prediction)))
    for n in range(1, k + 1):
        m, t = clipped_matches(prediction, reference, n)
        if t == 0:
            continue
        score *= (m / t) ** (0.5**n)
    return score
