"""More live question kinds, for the labs :mod:`~dlviz.core.practice.live_kinds`
does not cover: the 2-D and image GANs, the autoencoder and the VAE, batch
normalization and dropout, transfer learning, the character GPT and two-stage
detection. Each reads the snapshot the lab shows (made on the engine's thread by the
lab's own code) and computes its answer with the lab's functions; see
:mod:`dlviz.core.practice.live`. Imported (so registered) by ``live_kinds``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np
import torch

from dlviz.core.practice.live import (
    apart,
    box_iou_draft,
    finite,
    live_kind,
    need,
    num,
    pick,
    vector,
)
from dlviz.core.practice.model import CHOICE, NEAR_MISS, Draft, Link, NoQuestion

GAP = 0.01  # choices shown with three decimals stay apart (as in live_kinds)
IMAGE_GANS = ("dcgan", "cgan")
AUTOENCODERS = ("autoencoder", "vae")


def whole(value: int, wrong: Sequence[tuple[float, str]], lo: int = 0,
          hi: int | None = None) -> list[tuple[int, str]]:
    """Three wrong whole numbers (a count), distinct from the answer and each other,
    within ``[lo, hi]``; neighbours fill up when the classic mistakes coincide."""
    kept: list[tuple[int, str]] = []
    for candidate, mistake in [*wrong, *((value + d, NEAR_MISS)
                                         for d in (1, -1, 2, -2, 3, -3, 4, 5))]:
        c = int(round(candidate))
        if (c != value and lo <= c and (hi is None or c <= hi) and len(kept) < 3
                and all(c != k[0] for k in kept)):
            kept.append((c, mistake))
    return kept


# -- generative models: D's outputs and the GAN losses ---------------------------------
def _raw(loss: str, shown: float) -> float:
    """D's raw output (a logit for the log losses) from the value the lab shows."""
    from dlviz.core.gan.losses import uses_probability

    if not uses_probability(loss):
        return shown
    shown = min(max(shown, 1e-7), 1.0 - 1e-7)
    return math.log(shown / (1.0 - shown))


def _d_loss(loss: str, real: float, fake: float) -> float:
    """D's loss for one real sample scored ``real`` and one fake scored ``fake``, by
    the lab's own loss function."""
    from dlviz.core.gan.losses import discriminator_loss

    r = torch.tensor([_raw(loss, real)], dtype=torch.float64)
    f = torch.tensor([_raw(loss, fake)], dtype=torch.float64)
    return float(discriminator_loss(loss, r, f))


def _g_loss(loss: str, fake: float) -> float:
    from dlviz.core.gan.losses import generator_loss

    return float(generator_loss(loss, torch.tensor([_raw(loss, fake)],
                                                   dtype=torch.float64)))


_D_PAIR = {
    # (the opening names where the two values come from) + the question
    "map": ("At step {step}, D's map shows D = {a} at {pa}, where real data lies, "
            "and D = {b} at {pb}, where generated points lie. "),
    "means": ("At step {step}, D's mean output is D(x) = {a} on the real batch and "
              "D(G(z)) = {b} on the generated batch. "),
}
_D_ASK = {
    "log": ("What is D's loss for a real sample and a generated one scored so, "
            "−log D(x) − log(1 − D(G(z)))?",
            "−log({a}) − log(1 − {b}) = {answer}"),
    "lsgan": ("What is D's least-squares loss for a real sample and a generated one "
              "scored so, ½(D(x) − 1)² + ½·D(G(z))²?",
              "½·({a} − 1)² + ½·{b}² = {answer}"),
}


def _d_pair_draft(lab: str, loss: str, opening: str, real: float, fake: float,
                  args: dict, panel: str, where: dict) -> Draft:
    from dlviz.core.gan.losses import uses_probability

    if uses_probability(loss):
        ask, solution = _D_ASK["log"]
        if not (0.02 < real < 0.98 and 0.02 < fake < 0.98):
            raise NoQuestion("D is too sure here to compute by hand")
        wrong = [(-math.log(real), "The generated sample's term −log(1 − D(G(z))) "
                  "counts too."),
                 (-math.log(1 - fake), "The real sample's term −log D(x) counts "
                  "too."),
                 (-math.log(real) - math.log(fake), "For a generated sample D should "
                  "say 0: its term is −log(1 − D(G(z))), not −log D(G(z))."),
                 (-math.log10(real) - math.log10(1 - fake), "The loss uses the "
                  "natural logarithm.")]
    elif loss == "lsgan":
        ask, solution = _D_ASK["lsgan"]
        wrong = [(0.5 * (real - 1) ** 2, "The generated sample's term ½·D(G(z))² "
                  "counts too."),
                 (0.5 * real**2 + 0.5 * (fake - 1) ** 2, "D should say 1 for real "
                  "and 0 for generated samples, not the other way round."),
                 ((real - 1) ** 2 + fake**2, "Each squared term has a factor ½.")]
    else:
        raise NoQuestion("a Wasserstein critic's loss is not asked about")
    value = _d_loss(loss, real, fake)
    finite(value)
    return Draft(
        opening + ask, dict(a=num(real), b=num(fake), **args), value, solution,
        Link(lab, panel=panel), apart(value, wrong, GAP, 0.0), form=CHOICE,
        solution_args=dict(answer=value), where=where)


_G_MEAN = {
    "nonsaturating": ("At step {step}, D's mean output on the generated batch is "
                      "D(G(z)) = {d}. What is the generator's loss for a sample "
                      "scored so, with the non-saturating loss L_G = −log D(G(z))?",
                      "−log D = −log({d}) = {answer}"),
    "minimax": ("At step {step}, D's mean output on the generated batch is "
                "D(G(z)) = {d}. What is the generator's loss for a sample scored "
                "so, with the minimax loss L_G = log(1 − D(G(z)))?",
                "log(1 − D) = log(1 − {d}) = {answer}"),
    "lsgan": ("At step {step}, D's mean output on the generated batch is "
              "D(G(z)) = {d}. What is the generator's loss for a sample scored so, "
              "with the least-squares loss L_G = ½(D(G(z)) − 1)²?",
              "½·({d} − 1)² = {answer}"),
}


def _g_draft(lab: str, loss: str, prompt: str, solution: str, fake: float,
             args: dict, panel: str, where: dict) -> Draft:
    value = _g_loss(loss, fake)
    finite(value)
    if loss == "lsgan":
        wrong = [(0.5 * fake**2, "G wants D to say 1 for its samples: "
                  "½(D(G(z)) − 1)²."),
                 ((fake - 1) ** 2, "The squared term has a factor ½."),
                 (0.5 * (fake - 1), "The gap to 1 is squared.")]
    else:
        if not 0.02 < fake < 0.98:
            raise NoQuestion("D is too sure here to compute by hand")
        other = math.log(1 - fake) if loss == "nonsaturating" else -math.log(fake)
        wrong = [(other, "That is the other generator loss: minimax log(1 − D), "
                  "non-saturating −log D."),
                 (-math.log(1 - fake), "−log(1 − D) is the discriminator's loss for "
                  "a fake, not the generator's."),
                 (math.log(fake), "Mind the sign: the generator minimises its "
                  "loss.")]
    return Draft(prompt, dict(d=num(fake), **args), value, solution,
                 Link(lab, panel=panel), apart(value, wrong, GAP), form=CHOICE,
                 solution_args=dict(answer=value), where=where)


#: The generator's loss of a sample where D has a value (the templates of
#: ``generative.live_generator_loss``, so one translation serves both).
_G_LOSS = {
    "nonsaturating": ("At step {step} the discriminator gives D(x) = {d} at x = {x}. "
                      "A generated sample lands there: what is its generator loss "
                      "with the non-saturating loss L_G = −log D(G(z))?",
                      "−log D = −log({d}) = {answer}"),
    "minimax": ("At step {step} the discriminator gives D(x) = {d} at x = {x}. A "
                "generated sample lands there: what is its generator loss with the "
                "minimax loss L_G = log(1 − D(G(z)))?",
                "log(1 − D) = log(1 − {d}) = {answer}"),
}


def _point(x: float, y: float) -> str:
    return vector((x, y), 2)


@live_kind("generative.live_d_map", "generative", ("gan2d",))
def live_d_map(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """D's map of the 2-D GAN at a point of the data and a point of the generated
    cloud: D's loss on the pair, or the generator's loss of a sample there."""
    heat, extent, real, fake, loss = need(snap, "d_grid", "d_extent", "real", "fake",
                                          "loss_kind")
    heat = np.asarray(heat, dtype=np.float64)
    rows, cols = heat.shape
    gx = np.linspace(extent[0], extent[1], cols, dtype=np.float32)
    gy = np.linspace(extent[2], extent[3], rows, dtype=np.float32)

    def cell(points: np.ndarray) -> tuple[int, int]:
        """The grid point of D's map nearest to one of ``points``."""
        p = np.asarray(points[rng.randrange(len(points))], dtype=np.float64)
        return int(np.abs(gy - p[1]).argmin()), int(np.abs(gx - p[0]).argmin())

    if not len(real) or not len(fake):
        raise NoQuestion("no samples shown")
    (rr, rc), (fr, fc) = cell(real), cell(fake)
    d_real, d_fake = float(heat[rr, rc]), float(heat[fr, fc])
    where = dict(real=(rr, rc), fake=(fr, fc),
                 real_xy=(float(gx[rc]), float(gy[rr])),
                 fake_xy=(float(gx[fc]), float(gy[fr])))
    pa, pb = _point(gx[rc], gy[rr]), _point(gx[fc], gy[fr])
    if loss in _G_LOSS and snap.get("d_is_probability") and rng.random() < 0.5:
        prompt, solution = _G_LOSS[loss]
        return _g_draft(lab, loss, prompt, solution, d_fake, dict(x=pb), "samples",
                        where)
    return _d_pair_draft(lab, loss, _D_PAIR["map"], d_real, d_fake,
                         dict(pa=pa, pb=pb), "samples", where)


@live_kind("generative.live_d_means", "generative", IMAGE_GANS)
def live_d_means(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The image GAN's mean D outputs on the real and the generated batch (the
    status line): D's loss of a pair scored so, or G's loss of a sample scored so."""
    real, fake, loss = need(snap, "d_real", "d_fake", "loss_kind")
    real, fake = float(real), float(fake)
    finite(real, fake)
    if loss in _G_MEAN and rng.random() < 0.5:
        prompt, solution = _G_MEAN[loss]
        return _g_draft(lab, loss, prompt, solution, fake, {}, "samples",
                        dict(batch="fake"))
    return _d_pair_draft(lab, loss, _D_PAIR["means"], real, fake, {}, "samples",
                         dict(batch="both"))


# -- generative models: autoencoder and VAE --------------------------------------------
@live_kind("generative.live_pixel_bce", "generative", AUTOENCODERS)
def live_pixel_bce(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """One pixel's term of the reconstruction loss (binary cross-entropy) for a
    shown digit and its reconstruction, by the lab's own loss."""
    from dlviz.core.gan.models import reconstruction_error

    inputs, recons = need(snap, "inputs", "recons")
    inputs, recons = np.asarray(inputs), np.asarray(recons)
    grey = [(k, r, c) for k, r, c in zip(*np.nonzero((inputs > 0.05)
                                                      & (inputs < 0.95)))
            if 0.02 < recons[k, r, c] < 0.98]
    k, r, c = (int(v) for v in pick(rng, grey))
    x, xh = float(inputs[k, r, c]), float(recons[k, r, c])
    value = float(reconstruction_error(
        torch.tensor([[xh]], dtype=torch.float64),
        torch.tensor([[x]], dtype=torch.float64)))
    finite(value)
    wrong = [(-x * math.log(xh), "The term (1 − x)·log(1 − x̂) counts too: the "
              "pixel is grey, not black."),
             ((x - xh) ** 2, "That is the squared error; the loss is the binary "
              "cross-entropy."),
             (-(xh * math.log(x) + (1 - xh) * math.log(1 - x)), "The target x "
              "weighs the logarithms of the reconstruction x̂, not the other way "
              "round."),
             (-(x * math.log10(xh) + (1 - x) * math.log10(1 - xh)), "The "
              "cross-entropy uses the natural logarithm.")]
    return Draft(
        "At step {step}, pixel (row {r}, column {c}) of the shown digit {k} has the "
        "value x = {x}, and the network's reconstruction gives x̂ = {xh}. What is "
        "this pixel's term of the reconstruction loss, "
        "−[x·log x̂ + (1 − x)·log(1 − x̂)]?",
        dict(r=str(r + 1), c=str(c + 1), k=str(k), x=num(x), xh=num(xh)), value,
        "−[{x}·ln {xh} + (1 − {x})·ln(1 − {xh})] = {answer}",
        Link(lab, panel="reconstructions"), apart(value, wrong, GAP, 0.0),
        form=CHOICE, solution_args=dict(answer=value),
        where=dict(digit=k, row=r, col=c))


@live_kind("generative.live_manifold_code", "generative", AUTOENCODERS)
def live_manifold_code(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The code a tile of the manifold panel decodes (the lab's evenly spaced
    grid over the latent box, top row the largest z₂)."""
    box, tiles = need(snap, "manifold_extent", "manifold_tiles")
    t = int(tiles)
    if t < 3:
        raise NoQuestion("too few tiles")
    x0, x1, y0, y1 = (float(v) for v in box)
    finite(x0, x1, y0, y1)
    gx = torch.linspace(x0, x1, t)  # as the lab spaces them
    gy = torch.linspace(y1, y0, t)  # the top row: the largest z₂
    r, c = rng.randrange(t), rng.randrange(t)
    z = (float(gx[c]), float(gy[r]))

    def code(a: float, b: float) -> str:
        return vector((a, b), 3)

    value = code(*z)
    dx, dy = (x1 - x0) / (t - 1), (y1 - y0) / (t - 1)
    wrong = [(code(x0 + c * (x1 - x0) / t, y1 - r * (y1 - y0) / t),
              "{t} tiles span the range with {t} − 1 gaps."),
             (code(z[0], y0 + r * dy), "The top row shows the largest z₂."),
             (code(x0 + r * dx, y1 - c * dy), "The column gives z₁, the row z₂."),
             (code(z[1], z[0]), "z₁ runs left to right, z₂ bottom to top.")]
    return Draft(
        "At step {step}, the decoded grid panel shows a {t}×{t} grid of codes spread "
        "evenly over z₁ ∈ [{x0}, {x1}] (left to right) and z₂ ∈ [{y0}, {y1}] (bottom "
        "to top; the first and last tiles on the ends). Which code z = (z₁, z₂) does "
        "the tile in row {r}, column {c} (from the top left, from 1) show?",
        dict(t=str(t), x0=num(x0), x1=num(x1), y0=num(y0), y1=num(y1),
             r=str(r + 1), c=str(c + 1)), value,
        "z₁ = {x0} + ({c} − 1)·({x1} − {x0})/({t} − 1), z₂ = {y1} − ({r} − 1)·"
        "({y1} − {y0})/({t} − 1): z = {answer}",
        Link(lab, panel="manifold"), [w for w in wrong if w[0] != value],
        form=CHOICE, solution_args=dict(answer=value),
        where=dict(row=r, col=c, z=z))


@live_kind("generative.live_vae_kl", "generative", ("vae",))
def live_vae_kl(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The KL term of one validation digit's code, from the mean and log-variance
    the encoder gives it now (the lab's ``kl_to_standard_normal``)."""
    from dlviz.core.gan.models import kl_to_standard_normal

    mu_all, logvar_all, labels = need(snap, "latent", "latent_logvar", "latent_labels")
    i = rng.randrange(len(mu_all))
    mu = np.asarray(mu_all[i], dtype=np.float64)
    lv = np.asarray(logvar_all[i], dtype=np.float64)
    value = float(kl_to_standard_normal(torch.tensor(mu)[None],
                                        torch.tensor(lv)[None])[0])
    finite(value)
    sigma = np.exp(0.5 * lv)
    wrong = [(2 * value, "The KL term has a factor ½."),
             (float(0.5 * np.sum(mu * mu + sigma - lv - 1)), "It is σ² = e^(log σ²) "
              "that enters, not σ."),
             (float(0.5 * np.sum(mu * mu + np.exp(lv) - lv)), "Each dimension "
              "subtracts 1: a code with μ = 0, σ = 1 costs nothing."),
             (float(0.5 * np.sum(mu * mu)), "The variance terms count too: only "
              "σ² = 1 makes them vanish.")]
    return Draft(
        "At step {step} the encoder gives validation digit {i} (a {digit}) the mean "
        "μ = {mu} and log-variance log σ² = {lv}. What is its KL term "
        "KL(N(μ, σ²) ‖ N(0, 1)) = ½·Σ(μ² + σ² − log σ² − 1)?",
        dict(i=str(i), digit=str(int(labels[i])), mu=vector(mu), lv=vector(lv)),
        value, "½·Σ(μ² + e^(log σ²) − log σ² − 1) over both dimensions = {answer}",
        Link(lab, panel="latent"), apart(value, wrong, GAP, 0.0), form=CHOICE,
        solution_args=dict(answer=value), where=dict(code=i))


# -- optimization: batch normalization and dropout -------------------------------------
_RUNNING = {
    "mean": ("At step {step}, unit 1 of BN layer {layer} had the batch mean "
             "μ_B = {batch} and the running mean {before} before the step; the "
             "momentum is m = {m} (PyTorch's convention: the weight of the new "
             "batch). What is the running mean after the step?",
             "(1 − m)·running + m·μ_B = {keep}·{before} + {m}·{batch} = {answer}"),
    "var": ("At step {step}, unit 1 of BN layer {layer} had the batch variance "
            "σ²_B = {batch} (biased, over the batch of {n}) and the running variance "
            "{before} before the step; the momentum is m = {m} (PyTorch's "
            "convention: the weight of the new batch). What is the running variance "
            "after the step?",
            "(1 − m)·running + m·σ²_B·n/(n − 1) = {keep}·{before} + {m}·{batch}·{n}/"
            "{n1} = {answer}"),
}


@live_kind("optim.live_running_stat", "optim", ("batchnorm",))
def live_running_stat(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """BN's momentum update of a running statistic, the lab's numbers of the step."""
    before, batch, after, m, n, steps = need(
        snap, "stats_before", "stats_batch", "stats_after", "momentum", "batch_size",
        "steps")
    if not len(steps) or int(steps[-1]) != step or not len(after):
        raise NoQuestion("the statistics shown are of another step")
    layer = rng.randrange(len(after))
    which = rng.choice(("mean", "var"))
    m, n = float(m), int(n)
    b0, (mu, var, unbiased), b1 = before[layer], batch[layer], after[layer]
    k = 0 if which == "mean" else 1
    old, value = float(b0[k]), float(b1[k])
    new = float(mu) if which == "mean" else float(unbiased)
    if not math.isclose((1 - m) * old + m * new, value, rel_tol=1e-4, abs_tol=1e-6):
        raise NoQuestion("the update shown is not the momentum rule")
    finite(old, value, new)
    shown = float(mu) if which == "mean" else float(var)
    wrong = [((1 - m) * new + m * old, "m weighs the new batch, 1 − m the running "
              "value."),
             (new, "The running value is a moving average: it keeps (1 − m) of the "
              "old one.")]
    if which == "var":
        wrong.insert(0, ((1 - m) * old + m * float(var), "The running variance takes "
                         "the unbiased batch variance: σ²_B·n/(n − 1)."))
    prompt, solution = _RUNNING[which]
    return Draft(
        prompt, dict(layer=str(layer + 1), batch=num(shown, 4), before=num(old, 4),
                     m=f"{m:g}", n=str(n)), value, solution,
        Link(lab, panel="numbers"), apart(value, wrong, 0.001), form=CHOICE,
        digits=4, solution_args=dict(keep=f"{1 - m:g}", n1=str(n - 1), answer=value),
        where=dict(layer=layer, stat=which))


@live_kind("optim.live_dropout", "optim", ("batchnorm",))
def live_dropout(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """Inverted dropout in train mode: the kept unit's value, scaled by 1/(1 − p)."""
    (probe,) = need(snap, "probe")
    drop = probe.get("dropout")
    if not drop or drop["unit"] < 0 or not 0 < drop["p"] < 1:
        raise NoQuestion("dropout is off or kept no active unit")
    p, x, y = float(drop["p"]), float(drop["x"]), float(drop["y"])
    if not math.isclose(x / (1 - p), y, rel_tol=1e-4, abs_tol=1e-6):
        raise NoQuestion("the kept value is not x / (1 − p)")
    finite(x, y)
    wrong = [(x * (1 - p), "Inverted dropout scales the kept units up, by "
              "1/(1 − p), in train mode."),
             (x, "In train mode the kept units are scaled by 1/(1 − p); only eval "
              "mode passes x as it is."),
             (x / p, "Divide by the keep probability 1 − p, not by p.")]
    return Draft(
        "At step {step}, dropout with p = {p} (train mode) keeps unit {u} of the "
        "first hidden layer for the shown digit; the unit's input is x = {x}. What "
        "is its output?",
        dict(p=f"{p:g}", u=str(int(drop["unit"]) + 1), x=num(x)), y,
        "y = x / (1 − p) = {x} / (1 − {p}) = {answer}",
        Link(lab, panel="numbers"), apart(y, wrong, GAP), form=CHOICE,
        solution_args=dict(answer=y), where=dict(unit=int(drop["unit"])))


# -- convolutional networks: transfer learning -----------------------------------------
_GAIN = {
    ("finetune", "scratch"): (
        "At step {step}, the accuracy curves' last points (step {rec}) on the {n} "
        "validation digits 5–9 are: fine-tuned {pa}, trained from scratch {pb}. How "
        "many more of the digits does the fine-tuned network classify correctly than "
        "the one trained from scratch?"),
    ("frozen", "scratch"): (
        "At step {step}, the accuracy curves' last points (step {rec}) on the {n} "
        "validation digits 5–9 are: frozen features with a new head {pa}, trained "
        "from scratch {pb}. How many more of the digits does the network with frozen "
        "features classify correctly than the one trained from scratch?"),
    ("finetune", "frozen"): (
        "At step {step}, the accuracy curves' last points (step {rec}) on the {n} "
        "validation digits 5–9 are: fine-tuned {pa}, frozen features with a new head "
        "{pb}. How many more of the digits does the fine-tuned network classify "
        "correctly than the one with frozen features?"),
}


@live_kind("cnn.live_transfer_gain", "cnn", ("transfer",))
def live_transfer_gain(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """How many more validation digits one way classifies right than another, from
    the accuracies the curves show at their last point."""
    methods, steps, acc, size = need(snap, "methods", "steps", "acc", "val_size")
    acc = np.asarray(acc, dtype=np.float64)
    if not len(steps) or acc.shape[1] != len(steps):
        raise NoQuestion("no accuracy recorded yet")
    n = int(size)
    right = {m: int(round(float(acc[i, -1]) * n)) for i, m in enumerate(methods)}
    a, b = rng.choice(list(_GAIN))
    value = right[a] - right[b]
    pa, pb = float(acc[methods.index(a), -1]), float(acc[methods.index(b), -1])
    wrong = [(round(100 * (pa - pb)), "That is the difference in percentage "
              "points: multiply the accuracies by the {n} digits."),
             (right[a], "That is how many the first way gets right, not how many "
              "more."),
             (-value, "Mind the order: the first way minus the second.")]
    return Draft(
        _GAIN[a, b],
        dict(rec=str(int(steps[-1])), n=str(n), pa=num(pa), pb=num(pb)), value,
        "{pa}·{n} − {pb}·{n} = {ra} − {rb} = {answer}",
        Link(lab, panel="accuracy"), whole(value, wrong, lo=-n, hi=n), form=CHOICE,
        solution_args=dict(ra=str(right[a]), rb=str(right[b]), answer=value),
        where=dict(a=a, b=b, rec=int(steps[-1])))


# -- attention: the character GPT's sampling -------------------------------------------
def _char(text: str) -> str:
    """A character as the next-character panel shows it (space, newline, tab)."""
    return {" ": "␣", "\n": "↵", "\t": "⇥"}.get(text, text)


def _chars(tokens: Sequence[str]) -> str:
    return ", ".join(f"'{_char(t)}'" for t in tokens)


def _context(snap: dict) -> str:
    prompt = "".join(_char(c) for c in str(snap.get("prompt", "")))
    return prompt if len(prompt) <= 24 else "…" + prompt[-23:]


@live_kind("attention.live_sampling", "attention", ("charlm",))
def live_sampling(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The probability of a next character after softmax at temperature T and
    top-k, from the model's probabilities shown (the lab's reshape_distribution)."""
    from dlviz.core.attention.charlm import Sampling, reshape_distribution

    tokens, probs = need(snap, "top_tokens", "top_model")
    probs = np.asarray(probs, dtype=np.float64)
    k = rng.choice((2, 3))
    if len(probs) <= k or probs[k - 1] - probs[k] < 1e-4 or probs[k - 1] < 1e-3:
        raise NoQuestion("no clear top k")
    t = rng.choice((0.5, 2.0))
    shaped = reshape_distribution(torch.log(torch.as_tensor(probs)),
                                  Sampling(t, k)).double().numpy()
    c = rng.randrange(k)
    value = float(shaped[c])
    top = probs[:k]
    finite(value)
    wrong = [(top[c] / top.sum(), "The temperature divides the logits: use "
              "p^(1/T) before renormalising."),
             (top[c] ** t / (top**t).sum(), "Divide the logits by T, not multiply: "
              "the power is 1/T."),
             (float(probs[c]), "Top-k renormalises the kept probabilities to sum "
              "to 1.")]
    return Draft(
        "At step {step}, after the prompt '{prompt}' the model's {k} most likely "
        "next characters {chars} have the probabilities {probs} (softmax at T = 1). "
        "Sampling at temperature T = {t} with top-k = {k}: what is the probability "
        "of '{c}'?",
        dict(prompt=_context(snap), k=str(k), chars=_chars(tokens[:k]),
             probs=vector(top, 3), t=f"{t:g}", c=_char(tokens[c])), value,
        "p^(1/T) = {powered}; renormalised over the top {k}: {answer}",
        Link(lab, panel="next character"), apart(value, wrong, GAP, 0.0, 1.0),
        form=CHOICE,
        solution_args=dict(powered=vector(top ** (1 / t), 3), answer=value),
        where=dict(char=c, temperature=t, top_k=k))


@live_kind("attention.live_top_p", "attention", ("charlm",))
def live_top_p(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """How many next characters nucleus sampling keeps at top-p, from the model's
    probabilities shown (the rule of the lab's reshape_distribution: the characters
    whose mass above them is below p)."""
    tokens, probs = need(snap, "top_tokens", "top_model")
    probs = np.asarray(probs, dtype=np.float64)
    before = np.cumsum(probs) - probs  # the mass above each character
    options = []
    for p in (0.5, 0.6, 0.7, 0.8, 0.9):
        crossed = np.flatnonzero(before >= p)
        # the crossing must be among the shown characters, and not a near tie
        if len(crossed) and crossed[0] <= 8 and np.abs(before - p).min() > 2e-3:
            options.append(p)
    p = pick(rng, options)
    # reshape_distribution's rule on the shown head of the distribution (the mass
    # above each character is all there; renormalising the shown ones would not be)
    kept = 1 + int((before[1:] < p).sum())
    shown = min(len(probs), kept + 2)
    wrong = [(kept - 1, "The character that crosses p is kept too."),
             (kept + 1, "Stop at the first character at which the running sum "
              "reaches p."),
             (int((probs >= 1 - p).sum()), "Top-p adds the largest probabilities "
              "until they reach p; it does not compare each one with 1 − p.")]
    return Draft(
        "At step {step}, after the prompt '{prompt}' the model's most likely next "
        "characters {chars} have the probabilities {probs} (softmax at T = 1). With "
        "top-p = {p} (nucleus sampling), how many characters are kept?",
        dict(prompt=_context(snap), chars=_chars(tokens[:shown]),
             probs=vector(probs[:shown], 3), p=f"{p:g}"), kept,
        "running sums {sums}: the characters up to the one that reaches {p} are "
        "kept: {answer}",
        Link(lab, panel="next character"), whole(kept, wrong, lo=1, hi=len(probs)),
        form=CHOICE,
        solution_args=dict(sums=vector(np.cumsum(probs[:shown]), 3), answer=kept),
        where=dict(top_p=p))


# -- detection: two-stage --------------------------------------------------------------
@live_kind("vision.live_proposal_iou", "vision", ("two_stage",))
def live_proposal_iou(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The IoU of a region the first stage proposes and the ground-truth box it
    overlaps most (the lab's box_iou)."""
    boxes, gt = need(snap, "proposals", "gt_boxes")
    if not len(boxes) or not len(gt):
        raise NoQuestion("no proposals")
    return box_iou_draft(
        rng, lab, boxes, gt,
        "At step {step} the first stage proposes the region {a} (x1, y1, x2, y2) "
        "near the ground-truth box {b}. What is their IoU?", "proposals", "proposal",
        GAP, true_box_mistake="Divide by the union, not by the true box.")


@live_kind("vision.live_rpn_nms", "vision", ("two_stage",))
def live_rpn_nms(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """How many of the RPN's best candidates survive NMS at the lab's threshold (the
    lab's nms; greedy NMS on the best m decides them as on all candidates)."""
    from dlviz.core.vision.boxes import box_iou, nms

    if snap.get("pipeline") != "faster":
        raise NoQuestion("only Faster R-CNN's RPN proposes candidates")
    boxes, scores, t = need(snap, "candidates", "candidate_scores", "rpn_nms")
    t = float(t)
    options = []
    for m in (4, 5):  # three would leave too few wrong counts
        if len(boxes) < m:
            break
        b = torch.as_tensor(boxes[:m])
        iou = box_iou(b, b).numpy()
        off = iou[~np.eye(m, dtype=bool)]
        # no IoU at the threshold to within the rounding of the shown boxes
        if np.abs(off - t).min() > 0.02:
            options.append((m, b, iou))
    m, b, iou = pick(rng, options)
    s = torch.as_tensor(scores[:m])
    keep = sorted(int(i) for i in nms(b, s, t))
    value = len(keep)
    # the classic mistakes: a removed box still removes others; suppressing the
    # boxes that overlap less than the threshold
    naive = sum(1 for j in range(m) if not any(iou[i, j] > t for i in range(j)))
    low = [0]
    for j in range(1, m):
        if all(iou[i, j] > t for i in low):
            low.append(j)
    wrong = [(naive, "Greedy NMS: a box removed by a better one no longer removes "
              "others."),
             (len(low), "NMS removes the boxes that overlap a kept box more than "
              "the threshold, not less."),
             (m, "Overlapping candidates do not all survive: NMS keeps the best of "
              "each cluster.")]
    pairs = ", ".join(f"{i + 1}–{j + 1}: {num(iou[i, j], 2)}"
                      for i in range(m) for j in range(i + 1, m))
    return Draft(
        "At step {step} the RPN's {m} best-scored candidates are {boxes} (x1, y1, x2, "
        "y2; best first, objectness {scores}). NMS at the IoU threshold {t} runs over "
        "them: how many survive?",
        dict(m=str(m), boxes=", ".join(vector(x, 1) for x in b.numpy()),
             scores=vector(s.numpy(), 3), t=f"{t:g}"), value,
        "IoU of the pairs: {pairs}; in score order, a box is dropped when it overlaps "
        "a kept one more than {t}: kept {kept} → {answer}",
        Link(lab, panel="proposals"), whole(value, wrong, lo=1, hi=m), form=CHOICE,
        solution_args=dict(pairs=pairs, kept=", ".join(str(i + 1) for i in keep),
                           answer=value),
        where=dict(candidates=m, keep=keep))
