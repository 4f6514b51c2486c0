"""A GAN on 1-D or 2-D toy data: two MLPs, their optimizers, and what the views show.

``ToyGan`` does k discriminator steps per generator step, with separate learning rates;
``d_step`` and ``g_step`` can also be called alone for the step-D / step-G buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from dlviz.core.gan.losses import (
    clip_weights,
    discriminator_display,
    discriminator_loss,
    generator_loss,
    gradient_penalty,
)
from dlviz.core.gan.models import mlp, sample_noise
from dlviz.core.train.optim import build_optimizer


class ToyGan:
    """Generator and discriminator for points of dimension ``dim``.

    Parameters
    ----------
    dim
        1 or 2.
    sample_real
        ``sample_real(n) -> (n, dim)`` tensor of target samples.
    hp
        ``noise_dim``, ``noise`` (normal/uniform), ``g_width``, ``g_depth``,
        ``d_width``, ``d_depth``, ``loss``, ``d_steps``, ``lr`` (generator),
        ``lr_d``, ``optimizer``, ``batch_size``, ``clip``, ``gp_weight``.
    """

    def __init__(
        self,
        dim: int,
        sample_real: Callable[[int], torch.Tensor],
        hp: dict,
        device: torch.device,
        generator: torch.Generator,
    ):
        self.dim, self.sample_real, self.device, self.rng = (
            dim,
            sample_real,
            device,
            generator,
        )
        self.loss = hp["loss"]
        self.noise_dim, self.noise = int(hp["noise_dim"]), hp["noise"]
        self.d_steps = int(hp["d_steps"])
        self.batch_size = int(hp["batch_size"])
        self.clip = float(hp.get("clip", 0.01))
        self.gp_weight = float(hp.get("gp_weight", 0.1))
        self.G = mlp(self.noise_dim, hp["g_width"], hp["g_depth"], dim).to(device)
        self.D = mlp(dim, hp["d_width"], hp["d_depth"], 1, slope=0.2).to(device)
        self.opt_g = _gan_optimizer(hp["optimizer"], self.G, hp["lr"])
        self.opt_d = _gan_optimizer(hp["optimizer"], self.D, hp["lr_d"])
        self.last = {"d_loss": 0.0, "g_loss": 0.0}

    def noise_batch(self, n: int) -> torch.Tensor:
        return sample_noise(n, self.noise_dim, self.noise, self.rng).to(self.device)

    def critic(self, x: torch.Tensor) -> torch.Tensor:
        return self.D(x).squeeze(1)

    def d_step(self, rec: Any = None) -> float:
        """One discriminator update on a fresh real and a fresh fake batch.

        ``rec`` is an open :class:`~dlviz.core.trace.TraceRecorder` (role ``"D"``)
        when the step is recorded; the numbers are the same either way.
        """
        real = self.sample_real(self.batch_size).to(self.device)
        if rec is not None:
            real = rec.input(real, role="D")
        with torch.no_grad():
            fake = self.G(self.noise_batch(self.batch_size))
        loss = discriminator_loss(self.loss, self.critic(real), self.critic(fake))
        if self.loss == "wgan-gp":
            loss = loss + self.gp_weight * gradient_penalty(
                self.critic, real, fake, self.rng
            )
        self.opt_d.zero_grad(set_to_none=True)
        if rec is None:
            loss.backward()
            self._d_update()
        else:
            rec.loss(loss, role="D", kind=f"D loss ({self.loss})")
            rec.backward(loss)
            rec.update(self.opt_d, role="D", step=self._d_update)
        self.last["d_loss"] = float(loss.detach())
        return self.last["d_loss"]

    def _d_update(self) -> None:
        self.opt_d.step()
        if self.loss == "wgan":
            clip_weights(self.D, self.clip)

    def g_step(self, rec: Any = None) -> float:
        """One generator update through the (fixed) discriminator."""
        z = self.noise_batch(self.batch_size)
        if rec is not None:
            z = rec.input(z, role="G")
        fake = self.G(z)
        loss = generator_loss(self.loss, self.critic(fake))
        self.opt_g.zero_grad(set_to_none=True)
        if rec is None:
            loss.backward()
            self.opt_g.step()
        else:
            rec.loss(loss, role="G", kind=f"G loss ({self.loss})")
            rec.backward(loss)
            rec.update(self.opt_g, role="G")
        self.last["g_loss"] = float(loss.detach())
        return self.last["g_loss"]

    def trace_step(self, name: str = "GAN"):
        """k discriminator steps then one generator step, recorded (parts D, G)."""
        from dlviz.core.trace import TraceRecorder

        with TraceRecorder({"D": self.D, "G": self.G}, name=name) as rec:
            for i in range(self.d_steps):
                rec.begin_part("D" if self.d_steps == 1 else f"D{i + 1}")
                self.d_step(rec)
            rec.begin_part("G")
            self.g_step(rec)
        rec.trace.metrics.update(self.metrics())
        return rec.trace

    def train_step(self) -> dict[str, float]:
        """k discriminator steps, then one generator step."""
        for _ in range(self.d_steps):
            self.d_step()
        self.g_step()
        return self.metrics()

    def metrics(self) -> dict[str, float]:
        d, g = self.last["d_loss"], self.last["g_loss"]
        return {"loss": d + g, "d_loss": d, "g_loss": g}

    @torch.no_grad()
    def generate(self, z: torch.Tensor) -> torch.Tensor:
        return self.G(z.to(self.device))

    @torch.no_grad()
    def d_values(self, x: torch.Tensor) -> torch.Tensor:
        """D as plotted: a probability for the log losses, the raw score otherwise."""
        return discriminator_display(self.loss, self.critic(x.to(self.device)))

    def generator_gradients(self, fake: torch.Tensor) -> np.ndarray:
        """∂(generator loss)/∂x at each generated point (per-sample loss, not mean)."""
        x = fake.detach().clone().requires_grad_(True)
        per_sample = generator_loss(self.loss, self.critic(x)) * len(x)
        (grad,) = torch.autograd.grad(per_sample, x)
        return grad.cpu().numpy()


def _gan_optimizer(
    name: str, module: torch.nn.Module, lr: float
) -> torch.optim.Optimizer:
    """The chosen optimizer; Adam gets β₁ = 0.5 as in the DCGAN paper."""
    opt = build_optimizer(name, module.parameters(), lr)
    if name == "Adam":
        for group in opt.param_groups:
            group["betas"] = (0.5, 0.999)
    return opt


def gaussian_kde(samples: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """1-D Gaussian kernel density of ``samples`` on an evenly spaced ``grid``.

    Silverman's bandwidth; computed by binning the samples on the grid and smoothing
    the histogram with a sampled Gaussian (fast enough for 30 snapshots a second).
    Mass outside the grid is dropped.
    """
    samples = np.asarray(samples, dtype=np.float64).ravel()
    grid = np.asarray(grid, dtype=np.float64)
    n = len(samples)
    spread = samples.std()
    iqr = np.subtract(*np.percentile(samples, [75, 25]))
    scale = min(spread, iqr / 1.349) if iqr > 0 else spread
    bw = max(0.9 * scale * n ** (-0.2), 0.02)
    dx = float(grid[1] - grid[0])
    edges = np.concatenate([grid - dx / 2, [grid[-1] + dx / 2]])
    counts, _ = np.histogram(samples, edges)
    # a diverged generator spreads samples far apart: never build a kernel wider
    # than the grid (it would take gigabytes); normalise by the full Gaussian
    full_half = 4 * bw / dx
    half = int(min(np.ceil(full_half), len(grid)))
    offsets = np.arange(-half, half + 1) * dx
    kernel = np.exp(-0.5 * (offsets / bw) ** 2)
    if half < full_half:
        kernel /= bw * np.sqrt(2 * np.pi) / dx
    else:
        kernel /= kernel.sum()
    smooth = np.convolve(counts, kernel, mode="full")[half : half + len(grid)]
    return smooth / (n * dx)


def noise_grid_lines(noise: str, n_lines: int = 13, n_points: int = 40) -> np.ndarray:
    """A regular grid of the 2-D noise space as lines: (2·n_lines, n_points, 2).

    Spans [−2, 2]² for normal noise and [−1, 1]² for uniform noise.
    """
    half = 1.0 if noise == "uniform" else 2.0
    ticks = np.linspace(-half, half, n_lines)
    along = np.linspace(-half, half, n_points)
    rows = np.stack(np.broadcast_arrays(along[None, :], ticks[:, None]), -1)
    cols = rows[..., ::-1]
    return np.concatenate([rows, cols]).astype(np.float32)
