"""Chapter "optim": one optimizer step computed by torch's own optimizers, dropout,
weight decay and the vanishing gradient of stacked sigmoids."""

from __future__ import annotations

import random

import torch
import torch.nn.functional as F  # noqa: N812

from dlviz.core.practice.model import CHOICE, NUMBER, TRUE_FALSE, Draft, Link
from dlviz.core.practice.registry import kind

LABS = ("optimizers",)
RULE = "update rule"


def run_steps(name: str, w0: float, grads: list[float], **options) -> list[float]:
    """Weights after each step of torch's optimizer ``name`` on one scalar weight
    whose gradient is given for each step."""
    w = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, name)([w], **options)
    out = []
    for g in grads:
        opt.zero_grad()
        w.grad = torch.tensor([g], dtype=torch.float64)
        opt.step()
        out.append(float(w.detach()[0]))
    return out


def _pick(rng: random.Random, values) -> float:
    return float(rng.choice(values))


@kind("optim.sgd", "optim", LABS)
def sgd_step(rng: random.Random, lab: str, hp: dict) -> Draft:
    w, g = _pick(rng, (0.5, 1.0, 2.0, -1.0)), _pick(rng, (0.4, -0.6, 1.2, 2.0))
    lr = _pick(rng, (0.1, 0.05, 0.5))
    value = run_steps("SGD", w, [g], lr=lr)[0]
    return Draft(
        "Plain SGD with learning rate {lr}: the weight is {w} and its gradient is "
        "{g}. What is the weight after one step?",
        dict(lr=lr, w=w, g=g), value, "w − η·g = {w} − {lr}·{g} = {answer}",
        Link(lab, panel=RULE),
        [(w + lr * g, "Gradient descent goes against the gradient: subtract."),
         (w - g, "The step is scaled by the learning rate."),
         (w - lr, "The step is η times the gradient, not η.")],
        solution_args=dict(answer=value))


@kind("optim.momentum", "optim", LABS)
def momentum_steps(rng: random.Random, lab: str, hp: dict) -> Draft:
    w = _pick(rng, (1.0, 2.0, 0.0))
    g1, g2 = _pick(rng, (1.0, 0.5, 2.0)), _pick(rng, (1.0, -0.5, 0.5))
    lr, mu = _pick(rng, (0.1, 0.2)), _pick(rng, (0.9, 0.5))
    w1, w2 = run_steps("SGD", w, [g1, g2], lr=lr, momentum=mu)
    v2 = mu * g1 + g2
    return Draft(
        "SGD with momentum {mu} and learning rate {lr} (PyTorch's form v ← μv + g, "
        "w ← w − ηv): w = {w}, the gradients of two steps are {g1} then {g2}. What "
        "is w after the second step? (three decimals)",
        dict(mu=mu, lr=lr, w=w, g1=g1, g2=g2), w2,
        "v₁ = {g1}, w₁ = {w1}; v₂ = {mu}·{g1} + {g2} = {v2}, w₂ = {w1} − {lr}·{v2} "
        "= {answer}",
        Link(lab, panel=RULE),
        [(w - lr * (g1 + g2), "Momentum adds μ·v, not the full old gradient."),
         (w1 - lr * g2, "The second step also carries μ times the first velocity.")],
        solution_args=dict(w1=w1, v2=v2, answer=w2))


@kind("optim.adam", "optim", LABS)
def adam_first_step(rng: random.Random, lab: str, hp: dict) -> Draft:
    w = _pick(rng, (1.0, 0.5, -1.0))
    g = _pick(rng, (0.01, 0.5, 4.0, -2.0))
    lr = _pick(rng, (0.1, 0.01))
    value = run_steps("Adam", w, [g], lr=lr)[0]
    m, v = 0.1 * g, 0.001 * g * g
    raw = w - lr * m / (v**0.5 + 1e-8)
    return Draft(
        "Adam (β₁ = 0.9, β₂ = 0.999, learning rate {lr}) makes its first step: "
        "w = {w}, gradient {g}. What is w after the step (with the bias correction)?",
        dict(lr=lr, w=w, g=g), value,
        "m̂ = m/(1 − β₁) = g, v̂ = v/(1 − β₂) = g², so the step is η·g/|g| = η: "
        "w = {answer}, whatever the size of the gradient.",
        Link(lab, panel=RULE),
        [(raw, "Without the bias correction m and v are too small at the start."),
         (w - lr * g, "That is plain SGD: Adam divides by √v̂.")], digits=4,
        solution_args=dict(answer=value))


@kind("optim.weight_decay", "optim", LABS)
def weight_decay(rng: random.Random, lab: str, hp: dict) -> Draft:
    w, g = _pick(rng, (1.0, 2.0, -3.0)), _pick(rng, (0.5, -0.5, 1.0))
    lr, lam = _pick(rng, (0.1, 0.5)), _pick(rng, (0.01, 0.1))
    value = run_steps("SGD", w, [g], lr=lr, weight_decay=lam)[0]
    return Draft(
        "SGD with learning rate {lr} and L2 weight decay λ = {lam}: w = {w}, the "
        "loss gradient is {g}. What is w after one step? (four decimals)",
        dict(lr=lr, lam=lam, w=w, g=g), value,
        "w − η(g + λw) = {w} − {lr}·({g} + {lam}·{w}) = {answer}",
        Link(lab, panel=RULE), form=NUMBER, digits=4,
        solution_args=dict(answer=value))


@kind("optim.dropout", "optim", LABS)
def dropout_scale(rng: random.Random, lab: str, hp: dict) -> Draft:
    p = _pick(rng, (0.2, 0.25, 0.5, 0.8))
    x = _pick(rng, (1.0, 2.0, 3.0))
    with torch.random.fork_rng(devices=[]):  # leaves the global generator alone
        torch.manual_seed(rng.randrange(2**31))
        torch_out = F.dropout(torch.full((256,), x, dtype=torch.float64), p,
                              training=True)
    value = float(torch_out[torch_out != 0][0])
    return Draft(
        "Dropout with p = {p} while training (PyTorch's inverted dropout): a unit "
        "with value {x} is kept. What value does it pass on?",
        dict(p=p, x=x), value, "x / (1 − p) = {x} / (1 − {p}) = {answer}",
        Link(lab, panel=RULE),
        [(x * (1 - p), "Scaling by (1 − p) is done at test time in the original "
          "dropout; PyTorch divides while training instead."),
         (x, "Kept units are scaled so the expected sum stays the same."),
         (x * p, "p is the chance to drop, not to keep.")], form=CHOICE,
        solution_args=dict(answer=value))


@kind("optim.vanishing", "optim", LABS + ("mlp2d",))
def vanishing_gradient(rng: random.Random, lab: str, hp: dict) -> Draft:
    n = rng.choice((3, 5, 10))
    x = torch.zeros(1, requires_grad=True)
    torch.sigmoid(x).backward()
    best = float(x.grad[0])  # σ'(0) = 0.25, the largest slope of the sigmoid
    value = best**n
    return Draft(
        "The sigmoid's slope is at most {best}. Through {n} sigmoid layers (weights "
        "1), at most what factor of the gradient reaches the first layer?",
        dict(best=best, n=n), value,
        "σ'(x) = σ(x)(1 − σ(x)) ≤ 0.25, so the product of {n} slopes is at most "
        "0.25^{n} = {answer}: the gradient vanishes.",
        Link(lab, panel=RULE) if lab == "optimizers"
        else Link(lab, "0", "backward"),
        [(best * n, "The chain rule multiplies the slopes, it does not add them."),
         (0.5**n, "The sigmoid's slope is at most 0.25, not 0.5."),
         (best, "Each of the layers multiplies by its slope.")], digits=6,
        solution_args=dict(answer=value))


@kind("optim.momentum_first", "optim", LABS)
def momentum_first_step(rng: random.Random, lab: str, hp: dict) -> Draft:
    w, g = _pick(rng, (1.0, 2.0)), _pick(rng, (0.5, 1.0, -1.0))
    lr, mu = _pick(rng, (0.1, 0.2)), _pick(rng, (0.9, 0.5))
    with_mom = run_steps("SGD", w, [g], lr=lr, momentum=mu)[0]
    plain = run_steps("SGD", w, [g], lr=lr)[0]
    truth = abs(with_mom - plain) < 1e-12
    return Draft(
        "True or false: starting from zero velocity, the first step of SGD with "
        "momentum {mu} equals the first step of plain SGD.",
        dict(mu=mu), truth,
        "PyTorch sets v₁ = g on the first step, so both move w by η·g "
        "({w} → {answer}); momentum only changes later steps.",
        Link(lab, panel=RULE), form=TRUE_FALSE,
        solution_args=dict(w=w, answer=with_mom))
