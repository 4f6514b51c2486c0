"""Lab tasks of the image GANs on the bundled digits (upsampled to 16×16): a DCGAN and
a conditional GAN that draws the digit it is asked for.

A fixed batch of noise is fed to the generator for every snapshot, so each cell of the
sample grid shows the same z over time. For the conditional GAN, row r of the grid is
the digit r and each column keeps its own z.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.gan.losses import (
    discriminator_display,
    discriminator_loss,
    generator_loss,
    gradient_penalty,
)
from dlviz.core.gan.models import DCDiscriminator, DCGenerator, sample_noise
from dlviz.core.gan.toy import _gan_optimizer
from dlviz.core.train.task import LabTask

IMAGE_SIZE = 16
IMAGE_LOSSES: tuple[str, ...] = ("minimax", "nonsaturating", "lsgan", "wgan-gp")

#: What each network minimises, by loss and role (D is the raw logit or score).
LOSS_FORMULAS: dict[tuple[str, str], str] = {
    ("minimax", "D"): "L_D = −mean log σ(D(x))\n      − mean log(1 − σ(D(G(z))))",
    ("nonsaturating", "D"): "L_D = −mean log σ(D(x))\n      − mean log(1 − σ(D(G(z))))",
    ("lsgan", "D"): "L_D = ½·mean (D(x) − 1)² + ½·mean D(G(z))²",
    ("wgan-gp", "D"): "L_D = mean D(G(z)) − mean D(x)\n      + λ·mean (‖∇D(x̂)‖ − 1)²",
    ("minimax", "G"): "L_G = mean log(1 − σ(D(G(z))))",
    ("nonsaturating", "G"): "L_G = −mean log σ(D(G(z)))",
    ("lsgan", "G"): "L_G = ½·mean (D(G(z)) − 1)²",
    ("wgan-gp", "G"): "L_G = −mean D(G(z))",
}


def loss_formula(role: str, loss: str, value: float) -> str:
    """The formula ``role`` (``"D"`` or ``"G"``) minimises, with its value."""
    rule = LOSS_FORMULAS.get((loss, role), f"L_{role} ({loss})")
    return f"{rule}\nbatch loss L_{role} = {value:.4f}"


class ImageGanTask(LabTask):
    """DCGAN (``conditional = False``) or conditional GAN on 16×16 digits."""

    conditional = False
    grid_cols = 8

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        x_train, y_train, _, _ = load_digits_images(IMAGE_SIZE, 0.1, int(hp["seed"]))
        self.x_train, self.y_train = x_train.to(device), y_train.to(device)
        n_classes = 10 if self.conditional else 0
        self.loss = hp["loss"]
        self.noise_dim, self.d_steps = int(hp["noise_dim"]), int(hp["d_steps"])
        self.gp_weight = float(hp.get("gp_weight", 10.0))
        self.G = DCGenerator(self.noise_dim, n_classes, int(hp["width"])).to(device)
        self.D = DCDiscriminator(n_classes, int(hp["width"])).to(device)
        self.opt_g = _gan_optimizer(hp["optimizer"], self.G, hp["lr"])
        self.opt_d = _gan_optimizer(hp["optimizer"], self.D, hp["lr_d"])
        n = len(self.x_train)
        self.batch_size = min(int(hp["batch_size"]), n)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, n // self.batch_size)
        fixed = torch.Generator().manual_seed(int(hp["seed"]) + 99)
        rows = 10 if self.conditional else 8
        z = sample_noise(self.grid_cols, self.noise_dim, "normal", fixed)
        if self.conditional:
            self.fixed_noise = z.repeat(rows, 1).to(device)
            self.fixed_labels = torch.arange(10).repeat_interleave(self.grid_cols)
            self.fixed_labels = self.fixed_labels.to(device)
        else:
            more = sample_noise(rows * self.grid_cols, self.noise_dim, "normal", fixed)
            self.fixed_noise, self.fixed_labels = more.to(device), None
        self.grid_rows = rows
        self.real_examples = self.x_train[: self.grid_cols, 0].cpu().numpy()
        self.last = {"d_loss": 0.0, "g_loss": 0.0, "d_real": 0.5, "d_fake": 0.5}

    # -- LabTask -------------------------------------------------------------------
    def modules(self) -> dict[str, nn.Module]:
        return {"generator": self.G, "discriminator": self.D}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"generator": self.opt_g, "discriminator": self.opt_d}

    def _labels(self, n: int) -> torch.Tensor | None:
        if not self.conditional:
            return None
        return torch.randint(10, (n,), generator=self.generator).to(self.device)

    def _real_batch(self) -> tuple[torch.Tensor, torch.Tensor | None]:
        idx = torch.randint(
            len(self.x_train), (self.batch_size,), generator=self.generator
        )
        idx = idx.to(self.device)
        labels = self.y_train[idx] if self.conditional else None
        return self.x_train[idx], labels

    def _noise(self, n: int) -> torch.Tensor:
        return sample_noise(n, self.noise_dim, "normal", self.generator).to(self.device)

    def d_step(self, rec: Any = None) -> float:
        """One discriminator update on a real batch and a batch of fakes.

        ``rec`` is an open :class:`~dlviz.core.trace.TraceRecorder` (role ``"D"``)
        when the step is recorded; the numbers are the same either way.
        """
        real, labels = self._real_batch()
        if rec is not None:
            real = rec.input(real, role="D", target=labels)
        with torch.no_grad():
            fake = self.G(self._noise(len(real)), labels)
        if rec is not None:
            # a second input of D: the diagram then shows the fakes entering D
            fake = rec.input(fake, role="D", target=labels)
        real_out, fake_out = self.D(real, labels), self.D(fake, labels)
        loss = discriminator_loss(self.loss, real_out, fake_out)
        if self.loss == "wgan-gp":

            def critic(x: torch.Tensor) -> torch.Tensor:
                return self.D(x, labels)

            loss = loss + self.gp_weight * gradient_penalty(
                critic, real, fake, self.generator
            )
        self.opt_d.zero_grad(set_to_none=True)
        if rec is None:
            loss.backward()
            self.opt_d.step()
        else:
            scores = torch.cat([real_out, fake_out])
            event = rec.loss(
                loss, role="D", kind=f"D loss ({self.loss})", output=scores,
                target=self._score_targets(len(real_out), len(fake_out)),
            )
            event.formula = loss_formula("D", self.loss, float(loss.detach()))
            rec.backward(loss)
            rec.update(self.opt_d, role="D")
        self.last["d_loss"] = float(loss.detach())
        self.last["d_real"] = float(
            discriminator_display(self.loss, real_out.detach()).mean()
        )
        self.last["d_fake"] = float(
            discriminator_display(self.loss, fake_out.detach()).mean()
        )
        return self.last["d_loss"]

    def g_step(self, rec: Any = None) -> float:
        """One generator update through the discriminator (D is not updated)."""
        labels = self._labels(self.batch_size)
        z = self._noise(self.batch_size)
        if rec is not None:
            z = rec.input(z, role="G", target=labels)
        fake = self.G(z, labels)
        fake_out = self.D(fake, labels)
        loss = generator_loss(self.loss, fake_out)
        self.opt_g.zero_grad(set_to_none=True)
        if rec is None:
            loss.backward()
            self.opt_g.step()
        else:
            event = rec.loss(
                loss, role="G", kind=f"G loss ({self.loss})", output=fake_out,
                target=self._score_targets(len(fake_out), 0),
            )
            event.formula = loss_formula("G", self.loss, float(loss.detach()))
            rec.backward(loss)
            rec.update(self.opt_g, role="G")
        self.last["g_loss"] = float(loss.detach())
        return self.last["g_loss"]

    def train_step(self) -> dict[str, float]:
        self.G.train()
        self.remember_finite()
        for _ in range(self.d_steps):
            self.d_step()
        self.g_step()
        self.step += 1
        return self.metrics()

    def _score_targets(self, n_real: int, n_fake: int) -> torch.Tensor | None:
        """What the loss asks D to say: 1 for real, 0 for fake (none for WGAN)."""
        if self.loss.startswith("wgan"):
            return None
        return torch.cat([torch.ones(n_real), torch.zeros(n_fake)]).to(self.device)

    def trace_step(self):
        """One recorded training step: the D step(s) (parts ``D`` or ``D1``, ``D2``
        ...), then the G step (part ``G``); the same updates as :meth:`train_step`.
        """
        from dlviz.core.trace import TraceRecorder

        self.G.train()
        self.remember_finite()
        with TraceRecorder({"D": self.D, "G": self.G}, name=type(self).__name__) as rec:
            for i in range(self.d_steps):
                rec.begin_part("D" if self.d_steps == 1 else f"D{i + 1}")
                self.d_step(rec)
            rec.begin_part("G")
            self.g_step(rec)
        self.step += 1
        metrics = self.metrics()
        rec.trace.metrics.update(metrics)
        # the recorder sums the losses of all D parts; show the last one, as trained
        rec.trace.role_losses.update(D=metrics["d_loss"], G=metrics["g_loss"])
        return rec.trace

    def metrics(self) -> dict[str, float]:
        d, g = self.last["d_loss"], self.last["g_loss"]
        return {
            "loss": d + g,
            "d_loss": d,
            "g_loss": g,
            "d_real": self.last["d_real"],
            "d_fake": self.last["d_fake"],
        }

    @torch.no_grad()
    def generate(self, z: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        """Images from the generator in eval mode (batch norm uses running stats)."""
        was = self.G.training
        self.G.eval()
        out = self.G(z, labels)
        self.G.train(was)
        return out

    def snapshot(self) -> dict[str, Any]:
        images = self.generate(self.fixed_noise, self.fixed_labels)[:, 0].cpu().numpy()
        labels = (
            self.fixed_labels.cpu().numpy()
            if self.conditional
            else np.full(len(images), -1, dtype=np.int64)
        )
        return {
            "samples": images.astype(np.float32),
            "labels": labels,
            "rows": self.grid_rows,
            "cols": self.grid_cols,
            "real": self.real_examples.astype(np.float32),
            "conditional": self.conditional,
            "d_real": self.last["d_real"],
            "d_fake": self.last["d_fake"],
            "loss_kind": self.loss,
            "step": self.step,
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "step":
            which = str(payload.get("which", "both"))
            if which not in ("D", "G", "both"):
                raise ValueError("which must be 'D', 'G' or 'both'")
            with self.finite_or_restored():
                if which in ("D", "both"):
                    self.d_step()
                if which in ("G", "both"):
                    self.g_step()
                    self.step += 1
            return {
                "which": which,
                "metrics": self.metrics(),
                "snapshot": self.snapshot(),
            }
        if kind == "generate":
            return self.generate_digits(
                int(payload.get("digit", 0)), int(payload.get("count", 8))
            )
        raise ValueError(f"{type(self).__name__} does not handle {kind!r} requests")

    def generate_digits(self, digit: int, count: int = 8) -> dict:
        """``count`` new images; for the conditional GAN, of the digit asked for."""
        count = max(1, min(count, 64))
        labels = None
        if self.conditional:
            if not 0 <= digit <= 9:
                raise ValueError("digit must be between 0 and 9")
            labels = torch.full((count,), digit, dtype=torch.long, device=self.device)
        images = self.generate(self._noise(count), labels)[:, 0].cpu().numpy()
        return {"digit": digit, "images": images.astype(np.float32)}


class ConditionalGanTask(ImageGanTask):
    """The label is fed to both networks: G draws the digit asked for."""

    conditional = True
