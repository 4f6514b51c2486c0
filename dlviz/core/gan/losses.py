"""GAN objectives, written on the discriminator's raw outputs (logits or scores).

=================  ======================================  ===========================
loss               discriminator minimises                 generator minimises
=================  ======================================  ===========================
``minimax``        −log D(x) − log(1 − D(G(z)))            log(1 − D(G(z)))
``nonsaturating``  same as minimax                         −log D(G(z))
``lsgan``          ½(D(x) − 1)² + ½ D(G(z))²               ½(D(G(z)) − 1)²
``wgan``           D(G(z)) − D(x), weights clipped         −D(G(z))
``wgan-gp``        D(G(z)) − D(x) + λ(‖∇D(x̂)‖ − 1)²        −D(G(z))
=================  ======================================  ===========================

For the first two D(·) = sigmoid(logit); the others use the raw output. Every term is
a mean over the batch. Softplus forms keep the logs finite for large logits.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F

LOSSES: tuple[str, ...] = ("minimax", "nonsaturating", "lsgan", "wgan", "wgan-gp")

#: The name shown for each loss (English; the interface translates it with tr_core).
LOSS_NAMES: dict[str, str] = {
    "minimax": "Minimax",
    "nonsaturating": "Non-saturating",
    "lsgan": "Least squares (LSGAN)",
    "wgan": "Wasserstein (WGAN)",
    "wgan-gp": "Wasserstein with gradient penalty (WGAN-GP)",
}

#: What D (the critic) and G minimise, as formulas: E is the mean over the batch;
#: for the first two D(·) is a probability (the sigmoid of D's output), for the
#: others D's raw output. Symbols only, so they read the same in every language.
LOSS_FORMULAS: dict[str, tuple[str, str]] = {
    "minimax": (
        "L_D = −E[log D(x)] − E[log(1 − D(G(z)))]",
        "L_G = E[log(1 − D(G(z)))]",
    ),
    "nonsaturating": (
        "L_D = −E[log D(x)] − E[log(1 − D(G(z)))]",
        "L_G = −E[log D(G(z))]",
    ),
    "lsgan": (
        "L_D = ½E[(D(x) − 1)²] + ½E[D(G(z))²]",
        "L_G = ½E[(D(G(z)) − 1)²]",
    ),
    "wgan": (
        "L_D = E[D(G(z))] − E[D(x)], |w| ≤ c",
        "L_G = −E[D(G(z))]",
    ),
    "wgan-gp": (
        "L_D = E[D(G(z))] − E[D(x)] + λE[(‖∇D(x̂)‖ − 1)²]",
        "L_G = −E[D(G(z))]",
    ),
}


def loss_name(loss: str) -> str:
    """The English name of ``loss`` (the id itself when unknown)."""
    return LOSS_NAMES.get(loss, loss)


def loss_formulas(loss: str) -> str:
    """``"L_D = …; L_G = …"``: what the two networks minimise under ``loss``."""
    if loss not in LOSS_FORMULAS:
        return ""
    return "; ".join(LOSS_FORMULAS[loss])


def describe_loss(loss: str) -> str:
    """The name and the formulas: ``"Least squares (LSGAN): L_D = …; L_G = …"``."""
    formulas = loss_formulas(loss)
    return f"{loss_name(loss)}: {formulas}" if formulas else loss_name(loss)


def uses_probability(loss: str) -> bool:
    """True when the discriminator's output is a logit read through a sigmoid."""
    return loss in ("minimax", "nonsaturating")


def discriminator_loss(
    loss: str, real_out: torch.Tensor, fake_out: torch.Tensor
) -> torch.Tensor:
    """The discriminator's (critic's) loss without any gradient penalty."""
    if uses_probability(loss):
        # −log σ(r) = softplus(−r);  −log(1 − σ(f)) = softplus(f)
        return F.softplus(-real_out).mean() + F.softplus(fake_out).mean()
    if loss == "lsgan":
        return 0.5 * ((real_out - 1) ** 2).mean() + 0.5 * (fake_out**2).mean()
    if loss in ("wgan", "wgan-gp"):
        return fake_out.mean() - real_out.mean()
    raise ValueError(f"unknown GAN loss {loss!r}; choose from {', '.join(LOSSES)}")


def generator_loss(loss: str, fake_out: torch.Tensor) -> torch.Tensor:
    """The generator's loss on the discriminator's outputs for generated samples."""
    if loss == "minimax":
        # log(1 − σ(f)) = −softplus(f): saturates (flat) where D rejects the fakes
        return -F.softplus(fake_out).mean()
    if loss == "nonsaturating":
        return F.softplus(-fake_out).mean()
    if loss == "lsgan":
        return 0.5 * ((fake_out - 1) ** 2).mean()
    if loss in ("wgan", "wgan-gp"):
        return -fake_out.mean()
    raise ValueError(f"unknown GAN loss {loss!r}; choose from {', '.join(LOSSES)}")


def gradient_penalty(
    critic: Callable[[torch.Tensor], torch.Tensor],
    real: torch.Tensor,
    fake: torch.Tensor,
    generator: torch.Generator | None = None,
    eps: torch.Tensor | None = None,
) -> torch.Tensor:
    """WGAN-GP's mean of (‖∇ₓ D(x̂)‖₂ − 1)² at x̂ = ε·real + (1 − ε)·fake.

    ``eps`` (one value per sample) is drawn uniformly from [0, 1] unless given.
    The result keeps the graph, so it can be added to the critic's loss.
    """
    if eps is None:
        eps = torch.rand(real.shape[0], generator=generator).to(real.device)
    eps = eps.reshape(-1, *([1] * (real.dim() - 1)))
    mixed = (eps * real + (1 - eps) * fake.detach()).requires_grad_(True)
    out = critic(mixed)
    (grad,) = torch.autograd.grad(out.sum(), mixed, create_graph=True)
    norms = grad.flatten(1).norm(dim=1)
    return ((norms - 1) ** 2).mean()


def clip_weights(module: torch.nn.Module, clip: float) -> None:
    """Clamp every parameter of ``module`` into [−clip, clip] (the original WGAN)."""
    with torch.no_grad():
        for p in module.parameters():
            p.clamp_(-clip, clip)


def optimal_discriminator(
    p_data: np.ndarray, p_g: np.ndarray, floor: float = 1e-12
) -> np.ndarray:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)); ½ where both densities vanish."""
    p_data = np.asarray(p_data, dtype=np.float64)
    p_g = np.asarray(p_g, dtype=np.float64)
    total = p_data + p_g
    out = np.full_like(total, 0.5)
    mask = total > floor
    out[mask] = p_data[mask] / total[mask]
    return out


def discriminator_display(loss: str, out: torch.Tensor) -> torch.Tensor:
    """What a plot shows for D: sigmoid(logit) for the log losses, raw otherwise."""
    return torch.sigmoid(out) if uses_probability(loss) else out
