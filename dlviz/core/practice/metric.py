"""Chapter "metric": Siamese distances and losses (:mod:`dlviz.core.metric.siamese`)
and distillation's soft targets and loss (:mod:`dlviz.core.metric.distill`)."""

from __future__ import annotations

import random

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812

from dlviz.core.metric.distill import distillation_loss, entropy, softmax_t
from dlviz.core.metric.siamese import contrastive_loss, pair_distance
from dlviz.core.practice.model import NUMBER, TRUE_FALSE, Draft, Link
from dlviz.core.practice.registry import kind


def _vector(rng: random.Random, dim: int = 3) -> list[float]:
    return [float(rng.choice((-1, 0, 1, 2, 3))) for _ in range(dim)]


def _show(vector) -> str:
    return "(" + ", ".join(f"{v:g}" for v in vector) + ")"


def _t(values) -> torch.Tensor:
    return torch.tensor([values], dtype=torch.float64)


@kind("metric.euclidean", "metric", ("siamese",))
def euclidean(rng: random.Random, lab: str, hp: dict) -> Draft:
    a, b = _vector(rng), _vector(rng)
    value = float(pair_distance(_t(a), _t(b), "euclidean")[0])
    squared = sum((x - y) ** 2 for x, y in zip(a, b))
    return Draft(
        "The twin network embeds two images as a = {a} and b = {b}. What is their "
        "Euclidean distance?",
        dict(a=_show(a), b=_show(b)), value,
        "√(Σ (a_i − b_i)²) = √{sq} = {answer}", Link(lab, panel="distances"),
        [(squared, "Take the square root of the sum of squares."),
         (sum(abs(x - y) for x, y in zip(a, b)), "That is the L1 (city-block) "
          "distance.")],
        solution_args=dict(sq=squared, answer=value))


@kind("metric.cosine", "metric", ("siamese",))
def cosine(rng: random.Random, lab: str, hp: dict) -> Draft:
    a, b = _vector(rng), _vector(rng)
    if not any(a) or not any(b):
        a, b = [1.0, 2.0, 0.0], [2.0, 1.0, 1.0]
    value = float(F.cosine_similarity(_t(a), _t(b))[0])
    distance = float(pair_distance(_t(a), _t(b), "cosine")[0])
    return Draft(
        "Embeddings a = {a} and b = {b}: what is their cosine similarity? (three "
        "decimals)",
        dict(a=_show(a), b=_show(b)), value,
        "a·b / (‖a‖‖b‖) = {answer}; the cosine distance is 1 − {answer} = {distance}",
        Link(lab, panel="distances"), form=NUMBER,
        solution_args=dict(answer=value, distance=distance))


@kind("metric.contrastive", "metric", ("siamese",))
def contrastive(rng: random.Random, lab: str, hp: dict) -> Draft:
    d = float(rng.choice((0.5, 1.0, 1.5, 2.5)))
    margin = float(hp.get("margin", rng.choice((1.0, 2.0))))
    same = rng.random() < 0.5
    value = float(contrastive_loss(torch.tensor([d]), torch.tensor([float(same)]),
                                   margin))
    pull, push = 0.5 * d * d, 0.5 * max(0.0, margin - d) ** 2
    return Draft(
        "Contrastive loss ½·y·d² + ½·(1 − y)·max(0, m − d)² with margin m = {m}: a "
        "positive pair (same class, y = 1) is at distance d = {d}. What is its loss?"
        if same else
        "Contrastive loss ½·y·d² + ½·(1 − y)·max(0, m − d)² with margin m = {m}: a "
        "negative pair (different classes, y = 0) is at distance d = {d}. What is "
        "its loss?",
        dict(m=margin, d=d), value,
        "½·{d}² = {answer}" if same else "½·max(0, {m} − {d})² = {answer}",
        Link(lab, panel="pair"),
        [(push if same else pull, "y = 1 for a positive pair pulls it together; "
          "y = 0 pushes a negative pair past the margin."),
         (d * d, "The loss has a factor ½.")],
        solution_args=dict(answer=value))


@kind("metric.triplet", "metric", ("siamese",))
def triplet(rng: random.Random, lab: str, hp: dict) -> Draft:
    d_ap = float(rng.choice((0.5, 1.0, 2.0)))
    d_an = float(rng.choice((0.8, 1.5, 2.5)))
    margin = float(rng.choice((0.5, 1.0)))
    anchor = torch.zeros(1, 1, dtype=torch.float64)
    value = float(F.triplet_margin_loss(anchor, anchor + d_ap, anchor - d_an,
                                        margin=margin))
    return Draft(
        "Triplet loss max(0, d(a, p) − d(a, n) + m) with margin m = {m}: the "
        "positive is {dap} from the anchor, the negative {dan}. What is the loss?",
        dict(m=margin, dap=d_ap, dan=d_an), value,
        "max(0, {dap} − {dan} + {m}) = {answer}", Link(lab, panel="embedding"),
        [(d_ap - d_an + margin, "The loss is never negative: max(0, …)."),
         (max(0.0, d_an - d_ap + margin), "The positive's distance comes first."),
         (max(0.0, d_ap - d_an), "The margin is added.")],
        solution_args=dict(answer=value))


def _logits(rng: random.Random) -> list[float]:
    return [float(v) for v in rng.sample((4, 2, 1, 0, -1, 3), 4)]


@kind("metric.soft_target", "metric", ("distillation",))
def soft_target(rng: random.Random, lab: str, hp: dict) -> Draft:
    z = _logits(rng)
    t = float(rng.choice((1.0, 2.0, 4.0, 5.0)))
    k = max(range(4), key=lambda i: z[i])
    value = float(softmax_t(torch.tensor(z, dtype=torch.float64), t)[k])
    plain = float(torch.softmax(torch.tensor(z, dtype=torch.float64), 0)[k])
    return Draft(
        "The teacher's logits for four classes are {z}. After softmax at temperature "
        "T = {t}, what is the probability of class {k} (the largest)? (three "
        "decimals)",
        dict(z=", ".join(f"{v:g}" for v in z), t=t, k=k), value,
        "softmax(z / T): e^({zk}/{t}) / Σ e^(z_j/{t}) = {answer} (at T = 1 it is "
        "{plain}: a higher T gives a softer target)",
        Link(lab, panel="soft targets"), form=NUMBER,
        solution_args=dict(zk=f"{z[k]:g}", plain=plain, answer=value))


@kind("metric.temperature", "metric", ("distillation",))
def temperature_flatter(rng: random.Random, lab: str, hp: dict) -> Draft:
    z = _logits(rng)
    low, high = sorted(rng.sample((1.0, 2.0, 4.0, 8.0), 2))
    first, second = (high, low) if rng.random() < 0.5 else (low, high)
    p = [softmax_t(torch.tensor(z, dtype=torch.float64), t).numpy()
         for t in (first, second)]
    h = entropy(np.stack(p))
    truth = bool(h[0] > h[1])
    return Draft(
        "True or false: for the teacher's logits {z}, the soft targets at T = {a} "
        "are flatter (higher entropy) than at T = {b}.",
        dict(z=", ".join(f"{v:g}" for v in z), a=first, b=second), truth,
        "entropy at T = {a}: {ha}; at T = {b}: {hb}. Dividing the logits by a larger "
        "T shrinks their differences, so the distribution flattens.",
        Link(lab, panel="temperature"), form=TRUE_FALSE,
        solution_args=dict(ha=float(h[0]), hb=float(h[1])))


@kind("metric.t_squared", "metric", ("distillation",))
def t_squared(rng: random.Random, lab: str, hp: dict) -> Draft:
    t = float(rng.choice((2.0, 4.0, 5.0)))
    alpha = float(rng.choice((0.5, 0.7, 0.9)))
    student = torch.tensor([[1.0, 0.0, -1.0]], dtype=torch.float64)
    teacher = torch.tensor([[2.0, 1.0, -2.0]], dtype=torch.float64)
    label = torch.tensor([0])
    value = float(distillation_loss(student, teacher, label, t, alpha))
    kl = float(distillation_loss(student, teacher, label, t, 1.0)) / (t * t)
    ce = float(distillation_loss(student, teacher, label, t, 0.0))
    return Draft(
        "Distillation with T = {t} and α = {a}: the KL divergence between the "
        "softened teacher and student outputs is {kl}, the student's cross-entropy "
        "with the hard label is {ce}. What is the total loss α·T²·KL + (1 − α)·CE?",
        dict(t=t, a=alpha, kl=f"{kl:.4f}", ce=f"{ce:.4f}"), value,
        "{a}·{t}²·{kl} + (1 − {a})·{ce} = {answer}; T² keeps the soft term's "
        "gradients as large as at T = 1",
        Link(lab, panel="temperature"),
        [(alpha * kl + (1 - alpha) * ce, "Forgetting T²: the soft gradients shrink "
          "by 1/T²."), (alpha * t * kl + (1 - alpha) * ce, "The factor is T², not "
          "T."), (alpha * t * t * kl + ce, "The hard term is weighted by 1 − α.")],
        digits=4, solution_args=dict(answer=value))



