"""Lab tasks of the autoencoder and the VAE on 8×8 digits with a 2-D latent space.

Losses are per image and averaged over the batch: ``recon`` is the binary
cross-entropy summed over the 64 pixels, ``kl`` the KL divergence of the encoder's
Gaussian from N(0, I) (zero for the plain autoencoder); ``loss = recon + β·kl``.

Anomaly detection: the digit ``held_out`` is left out of training; the reconstruction
errors of validation images of seen digits and of the unseen digit are histogrammed,
with a threshold at the 95th percentile of the seen ones.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.gan.models import (
    Autoencoder,
    kl_to_standard_normal,
    reconstruction_error,
    reparameterize,
)
from dlviz.core.train.optim import build_optimizer
from dlviz.core.train.task import LabTask

HELD_OUT_CHOICES: tuple[str, ...] = ("none",) + tuple(str(d) for d in range(10))


def tile_images(images: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """(rows·cols, h, w) → one (rows·h, cols·w) image; row 0 on top."""
    n, h, w = images.shape
    padded = np.zeros((rows * cols, h, w), dtype=images.dtype)
    padded[: min(n, rows * cols)] = images[: rows * cols]
    return (
        padded.reshape(rows, cols, h, w)
        .transpose(0, 2, 1, 3)
        .reshape(rows * h, cols * w)
    )


class AutoencoderTask(LabTask):
    """A plain autoencoder (``variational = False``) or a VAE on 8×8 digits."""

    variational = False
    #: summed per-image cross-entropy is clamped by torch, so a diverged run
    #: plateaus ~30× above its start: a 10× jump already means divergence
    explode_factor = 10.0
    manifold_tiles = 12
    n_prior = 16
    anomaly_interval_s = 0.5
    n_bins = 30

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        xt, yt, xv, yv = load_digits_images(8, hp["val_fraction"], int(hp["seed"]))
        held = hp["held_out"]
        self.held_out = -1 if held == "none" else int(held)
        keep = yt != self.held_out
        self.x_train, self.y_train = xt[keep].to(device), yt[keep].to(device)
        self.x_val, self.y_val = xv.to(device), yv.to(device)
        self.beta = float(hp.get("beta", 1.0))
        self.model = Autoencoder(64, int(hp["hidden"]), 2, self.variational).to(device)
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.parameters(), hp["lr"], hp["weight_decay"]
        )
        n = len(self.x_train)
        self.batch_size = min(int(hp["batch_size"]), n)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, n // self.batch_size)
        self._order = torch.randperm(n, generator=self.generator)
        self._cursor = 0
        shown = [int(np.flatnonzero(yv.numpy() == d)[0]) for d in range(10)]
        self.shown = self.x_val[shown]
        fixed = torch.Generator().manual_seed(int(hp["seed"]) + 99)
        self.prior_noise = torch.randn(self.n_prior, 2, generator=fixed).to(device)
        self.prior_uniform = torch.rand(self.n_prior, 2, generator=fixed).to(device)
        self._anomaly: dict[str, Any] = {}
        self._anomaly_time = -1e9

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    def next_batch(self) -> torch.Tensor:
        n = len(self.x_train)
        if self._cursor + self.batch_size > n:
            self._order = torch.randperm(n, generator=self.generator)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self.batch_size].to(self.device)
        self._cursor += self.batch_size
        return self.x_train[idx]

    def losses(
        self, x: torch.Tensor, x_in: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(total, reconstruction, KL), each a batch mean of per-image sums."""
        loss, rec, kl, _ = self._forward(x, x_in)
        return loss, rec, kl

    def _forward(
        self, x: torch.Tensor, x_in: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """(total, reconstruction, KL, reconstructed images).

        ``x_in`` is what the network reads (the recorder's copy of ``x`` when a
        step is traced); ``x`` is the target. The VAE draws ε from the task's
        generator, so a traced step uses the same noise as an untraced one.
        """
        recon, mu, logvar = self.model(x if x_in is None else x_in, self.generator)
        rec = reconstruction_error(recon, x).mean()
        if logvar is None:
            kl = torch.zeros((), device=x.device)
        else:
            kl = kl_to_standard_normal(mu, logvar).mean()
        return rec + self.beta * kl, rec, kl, recon.view_as(x)

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x = self.next_batch()
        self.remember_finite()
        loss, rec, kl = self.losses(x)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.step += 1
        return {
            "loss": float(loss.detach()),
            "recon": float(rec.detach()),
            "kl": float(kl.detach()),
        }

    def trace_step(self):
        """One recorded training step of the encoder and the decoder.

        One role, ``"model"``: the diagram is one column from the input through
        the encoder (``encoder.*``) to the code and through the decoder
        (``decoder.*``) to the loss; for the VAE an edge from the encoder's output
        to the loss is the KL term. The loss event holds ``recon`` and ``kl`` in
        its scalars; the metrics are those of :meth:`train_step`.
        """
        from dlviz.core.trace import TraceRecorder

        self.model.train()
        x = self.next_batch()
        self.remember_finite()
        with TraceRecorder({"model": self.model}, name=type(self).__name__) as rec:
            traced_x = rec.input(x, role="model")
            if self.variational:
                loss, recon_loss, kl, recon = self._traced_vae_forward(x, traced_x, rec)
            else:
                loss, recon_loss, kl, recon = self._forward(x, traced_x)
            value = float(loss.detach())
            metrics = {
                "loss": value,
                "recon": float(recon_loss.detach()),
                "kl": float(kl.detach()),
            }
            kind = "VAE loss" if self.variational else "Reconstruction loss"
            event = rec.loss(loss, role="model", kind=kind, output=recon, target=x)
            event.scalars.update(metrics)
            event.formula = self.loss_formula(metrics)
            self.optimizer.zero_grad(set_to_none=True)
            rec.backward(loss)
            rec.update(self.optimizer, role="model")
        self.step += 1
        rec.trace.metrics.update(metrics)
        return rec.trace

    def _traced_vae_forward(
        self, x: torch.Tensor, x_in: torch.Tensor, rec
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """:meth:`_forward` of the VAE, recording the sampling z = μ + σ·ε between
        the encoder and the decoder and the KL term before the loss (same numbers,
        same noise)."""
        from dlviz.core.trace import formulas

        mu, logvar = self.model.encode(x_in)
        replay = torch.Generator(device=self.generator.device)
        replay.set_state(self.generator.get_state())
        z = reparameterize(mu, logvar, self.generator)
        eps = torch.randn(mu.shape, generator=replay).to(mu.device)  # the ε drawn
        sigma = torch.exp(0.5 * logvar)
        text, sample = formulas.reparameterization(mu, logvar, eps, z)
        rec.operation(
            "sample z", z, kind="z = μ + σ·ε", formula=text, scalars=sample,
            tensors={"mu": mu, "sigma": sigma, "eps": eps},
            backward=lambda event: formulas.reparameterization_backward(
                event, sample["eps"], sample["sigma"]),
        )
        recon = self.model.decode(z)
        rec_loss = reconstruction_error(recon, x).mean()
        kl = kl_to_standard_normal(mu, logvar).mean()
        text, numbers = formulas.kl_term(mu, logvar, kl)
        rec.operation(
            "KL", kl, kind="KL divergence", formula=text, scalars=numbers,
            tensors={"mu": mu, "sigma": sigma},
            backward=lambda event: formulas.kl_term_backward(event, numbers),
        )
        return rec_loss + self.beta * kl, rec_loss, kl, recon.view_as(x)

    def loss_formula(self, metrics: dict[str, float]) -> str:
        """The loss with this batch's numbers, for the step-through inspector."""
        bce = "BCE = −Σ_pixels [x·log x̂ + (1 − x)·log(1 − x̂)]"
        if not self.variational:
            return f"L = BCE(x̂, x), mean over the batch\n{bce}\n" + (
                f"batch loss L = {metrics['loss']:.4f}"
            )
        return (
            "L = BCE(x̂, x) + β·KL, means over the batch\n"
            f"{bce}\nKL(N(μ, σ²) ‖ N(0, I)) = ½·Σ (μ² + σ² − log σ² − 1)\n"
            f"L = {metrics['recon']:.4f} + {self.beta:g}·{metrics['kl']:.4f}"
            f" = {metrics['loss']:.4f}"
        )

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        self.model.eval()
        mu, logvar = self.model.encode(self.x_val)
        rec = reconstruction_error(self.model.decode(mu), self.x_val).mean()
        kl = kl_to_standard_normal(mu, logvar).mean() if logvar is not None else 0.0
        self.model.train()
        rec, kl = float(rec), float(kl)
        return {"val_loss": rec + self.beta * kl, "val_recon": rec, "val_kl": kl}

    @torch.no_grad()
    def reconstruction_errors(self, x: torch.Tensor) -> np.ndarray:
        """Per-image error of the deterministic reconstruction (the mean code)."""
        mu, _ = self.model.encode(x)
        return reconstruction_error(self.model.decode(mu), x).cpu().numpy()

    def latent_box(self, codes: np.ndarray) -> tuple[float, float, float, float]:
        """Latent range of the manifold: ±2 for a VAE, the codes' spread else."""
        if self.variational:
            return (-2.0, 2.0, -2.0, 2.0)
        lo = np.percentile(codes, 2, axis=0)
        hi = np.percentile(codes, 98, axis=0)
        hi = np.maximum(hi, lo + 1e-3)
        return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))

    @torch.no_grad()
    def anomaly(self) -> dict[str, Any]:
        """Error histograms of seen vs unseen digits (redone every 0.5 s at most)."""
        now = time.monotonic()
        if self._anomaly and now - self._anomaly_time < self.anomaly_interval_s:
            return self._anomaly
        errors = self.reconstruction_errors(self.x_val)
        unseen = (self.y_val == self.held_out).cpu().numpy()
        seen_err, unseen_err = errors[~unseen], errors[unseen]
        threshold = float(np.percentile(seen_err, 95))
        top = float(np.percentile(errors, 99.5)) if len(errors) else 1.0
        edges = np.linspace(0.0, max(top, threshold * 1.2, 1e-3), self.n_bins + 1)
        seen_counts, _ = np.histogram(np.clip(seen_err, 0, edges[-1]), edges)
        unseen_counts, _ = np.histogram(np.clip(unseen_err, 0, edges[-1]), edges)
        detected = float((unseen_err > threshold).mean()) if len(unseen_err) else 0.0
        self._anomaly = {
            "err_edges": edges.astype(np.float32),
            "err_seen": seen_counts.astype(np.int64),
            "err_unseen": unseen_counts.astype(np.int64),
            "err_threshold": threshold,
            "anomaly_detected": detected,
            "anomaly_false_alarms": float((seen_err > threshold).mean()),
        }
        self._anomaly_time = now
        return self._anomaly

    @torch.no_grad()
    def snapshot(self) -> dict[str, Any]:
        self.model.eval()
        codes, logvar = self.model.encode(self.x_val)
        codes_np = codes.cpu().numpy().astype(np.float32)
        box = self.latent_box(codes_np)
        t = self.manifold_tiles
        gx = torch.linspace(box[0], box[1], t, device=self.device)
        gy = torch.linspace(box[3], box[2], t, device=self.device)  # top row: max z₂
        grid = torch.stack(torch.meshgrid(gy, gx, indexing="ij")[::-1], -1).reshape(
            -1, 2
        )
        tiles = self.model.decode(grid).view(-1, 8, 8).cpu().numpy()
        recons = self.model.decode(self.model.encode(self.shown)[0]).view(-1, 8, 8)
        if self.variational:
            prior_z = self.prior_noise
        else:
            lo = torch.tensor([box[0], box[2]], device=self.device)
            hi = torch.tensor([box[1], box[3]], device=self.device)
            prior_z = lo + (hi - lo) * self.prior_uniform
        prior = self.model.decode(prior_z).view(-1, 8, 8).cpu().numpy()
        self.model.train()
        snap = {
            "latent": codes_np,
            "latent_labels": self.y_val.cpu().numpy(),
            "held_out": self.held_out,
            "variational": self.variational,
            "manifold": tile_images(tiles, t, t).astype(np.float32),
            "manifold_extent": box,
            "manifold_tiles": t,
            "inputs": self.shown[:, 0].cpu().numpy().astype(np.float32),
            "recons": recons.cpu().numpy().astype(np.float32),
            "prior_samples": prior.astype(np.float32),
        }
        if logvar is not None:  # the VAE: each code's log σ² too (its KL term)
            snap["latent_logvar"] = logvar.cpu().numpy().astype(np.float32)
        if self.held_out >= 0:
            snap.update(self.anomaly())
        return snap


class VaeTask(AutoencoderTask):
    """The encoder outputs a Gaussian; codes are sampled by reparameterisation."""

    variational = True
