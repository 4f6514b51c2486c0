"""Chapter "attention": scaled dot-product weights, multi-head attention's
parameters, positional encodings, the causal mask and the course's BLEU (all from
:mod:`dlviz.core.attention`)."""

from __future__ import annotations

import math
import random

import torch

from dlviz.core.attention.bleu import clipped_matches, course_bleu
from dlviz.core.attention.layers import (
    MultiHeadAttention,
    causal_mask,
    positional_encoding,
    scaled_dot_product,
)
from dlviz.core.practice.model import NUMBER, Draft, Link, NoQuestion
from dlviz.core.practice.registry import kind

LABS = ("transformer", "seq2seq")


def _vectors(rng: random.Random, count: int, dim: int) -> list[list[float]]:
    return [[float(rng.choice((-1, 0, 1, 2))) for _ in range(dim)]
            for _ in range(count)]


def _show(vector: list[float]) -> str:
    return "(" + ", ".join(f"{v:g}" for v in vector) + ")"


def _attention(rng: random.Random):
    dim = rng.choice((2, 4))
    q = _vectors(rng, 1, dim)
    keys = _vectors(rng, 3, dim)
    tq = torch.tensor([q], dtype=torch.float64)
    tk = torch.tensor([keys], dtype=torch.float64)
    _, weights = scaled_dot_product(tq, tk, tk)
    scores = [sum(a * b for a, b in zip(q[0], k)) for k in keys]
    return dim, q[0], keys, scores, weights[0, 0].tolist()


def _panel(lab: str) -> str:
    return "heads" if lab == "transformer" else "attention matrix"


@kind("attention.weight", "attention", LABS)
def attention_weight(rng: random.Random, lab: str, hp: dict) -> Draft:
    dim, q, keys, scores, weights = _attention(rng)
    j = rng.randrange(3)
    value = weights[j]
    listing = ", ".join(f"k{i} = {_show(k)}" for i, k in enumerate(keys))
    unscaled = torch.softmax(torch.tensor(scores, dtype=torch.float64), 0)[j]
    return Draft(
        "Scaled dot-product attention, d = {d}: query q = {q}, keys {keys}. What "
        "weight does the query give to k{j}? (three decimals)",
        dict(d=dim, q=_show(q), keys=listing, j=j), value,
        "scores q·k = {scores}; divided by √{d}; softmax → {weights}: weight "
        "{answer}",
        Link(lab, panel=_panel(lab)),
        [(float(unscaled), "Divide the scores by √d before the softmax."),
         (scores[j] / math.sqrt(dim), "That is the scaled score before the "
          "softmax.")],
        form=NUMBER,
        solution_args=dict(scores=", ".join(f"{s:g}" for s in scores),
                           weights=", ".join(f"{w:.3f}" for w in weights),
                           answer=value))


@kind("attention.argmax", "attention", LABS)
def strongest_key(rng: random.Random, lab: str, hp: dict) -> Draft:
    for _ in range(20):
        dim, q, keys, scores, weights = _attention(rng)
        ranked = sorted(weights)
        if ranked[-1] - ranked[-2] > 1e-6:
            break
    else:
        raise NoQuestion("a tie")
    best = max(range(3), key=lambda i: weights[i])
    listing = ", ".join(f"k{i} = {_show(k)}" for i, k in enumerate(keys))
    norms = [math.sqrt(sum(v * v for v in k)) for k in keys]
    longest = max(range(3), key=lambda i: norms[i])
    return Draft(
        "Query q = {q}, keys {keys}. Which key gets the largest attention weight?",
        dict(q=_show(q), keys=listing), f"k{best}",
        "q·k = {scores}; the largest score gets the largest softmax weight: "
        "k{best} ({weight})",
        Link(lab, panel=_panel(lab)),
        [(f"k{longest}", "The longest key is not the most similar one: compare q·k."),
         *[(f"k{i}", "Its score q·k is smaller.") for i in range(3)]],
        solution_args=dict(scores=", ".join(f"{s:g}" for s in scores), best=best,
                           weight=f"{weights[best]:.3f}"))


@kind("attention.mha_params", "attention", ("transformer",))
def multi_head_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    d = int(hp.get("d_model", rng.choice((16, 32, 64))))
    heads = int(hp.get("heads", rng.choice([h for h in (1, 2, 4, 8) if d % h == 0])))
    with torch.device("meta"):
        layer = MultiHeadAttention(d, heads)
    value = sum(p.numel() for p in layer.parameters())
    return Draft(
        "Multi-head attention with model width d = {d} and {h} heads (projections "
        "W_Q, W_K, W_V and W_O, with bias): how many parameters?",
        dict(d=d, h=heads), value,
        "4 projections of d×d + d: 4·({d}·{d} + {d}) = {answer}; the heads split d, "
        "they add no weights",
        Link(lab, panel="heads"),
        [(heads * value, "The heads share the d×d projections (each gets d/h "
          "columns)."), (4 * d * d, "Each projection has a bias too."),
         (3 * (d * d + d), "The output projection W_O counts too.")],
        solution_args=dict(answer=value))


@kind("attention.positional", "attention", ("transformer",))
def positional(rng: random.Random, lab: str, hp: dict) -> Draft:
    d = 4
    pos = rng.randint(1, 5)
    index = rng.randrange(d)
    value = float(positional_encoding(pos + 1, d)[pos, index])
    i = index // 2
    func = "sin" if index % 2 == 0 else "cos"
    return Draft(
        "Sinusoidal positional encoding with d = {d}: what is PE[{pos}, {index}]? "
        "(three decimals)",
        dict(d=d, pos=pos, index=index), value,
        "PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(…): "
        "{func}({pos} / 10000^({two_i}/{d})) = {answer}",
        Link(lab, panel="positional encoding"), form=NUMBER,
        solution_args=dict(func=func, two_i=2 * i, answer=value))


@kind("attention.causal", "attention", ("transformer",))
def causal(rng: random.Random, lab: str, hp: dict) -> Draft:
    length = rng.choice((4, 5, 6, 8, 10))
    value = int(causal_mask(length).sum())
    return Draft(
        "A decoder's causal mask for a sequence of {n} tokens: how many of the {n}×{n} "
        "query–key pairs are masked (a token may not look ahead)?",
        dict(n=length), value, "the pairs above the diagonal: {n}·({n} − 1)/2 = "
        "{answer}", Link(lab, panel="causal mask"),
        [(length * (length + 1) // 2, "A token may look at itself: the diagonal "
          "stays."), (length * length - length, "Only the pairs above the diagonal "
          "are masked."), (length * length // 2, "Half of the pairs plus or minus "
          "the diagonal: count them.")],
        solution_args=dict(answer=value))


SENTENCES = (
    ("the cat sat on the mat", "the cat is on the mat"),
    ("a dog runs in the park", "the dog runs in the park"),
    ("he reads a good book today", "he reads a book today"),
    ("we like green tea", "we like green tea very much"),
)


@kind("attention.bleu", "attention", ("seq2seq",))
def bleu(rng: random.Random, lab: str, hp: dict) -> Draft:
    pred, ref = rng.choice(SENTENCES)
    p, r = pred.split(), ref.split()
    value = course_bleu(p, r, k=2)
    p1, t1 = clipped_matches(p, r, 1)
    p2, t2 = clipped_matches(p, r, 2)
    bp = math.exp(min(0.0, 1 - len(r) / len(p)))
    return Draft(
        "Prediction \"{pred}\", reference \"{ref}\". What is the course's BLEU with "
        "1- and 2-grams: BP·p₁^(1/2)·p₂^(1/4)? (three decimals)",
        dict(pred=pred, ref=ref), value,
        "p₁ = {p1}/{t1}, p₂ = {p2}/{t2}, BP = exp(min(0, 1 − {lr}/{lp})) = {bp}: "
        "BLEU = {answer}",
        Link(lab, panel="beam search"), form=NUMBER,
        solution_args=dict(p1=p1, t1=t1, p2=p2, t2=t2, lr=len(r), lp=len(p), bp=bp,
                           answer=value))
