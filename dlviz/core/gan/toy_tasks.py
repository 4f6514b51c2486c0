"""Lab tasks of the toy GANs: a 1-D GAN (Goodfellow et al.'s picture) and a 2-D GAN.

The metric ``loss`` reported for the shared curves is ``d_loss + g_loss``; the two
parts are reported too (``d_loss``, ``g_loss``).
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.gan.losses import optimal_discriminator, uses_probability
from dlviz.core.gan.targets import (
    EXTENT_2D,
    Target2D,
    covered_modes,
    decode_points,
    encode_points,
    high_quality_share,
    make_target_1d,
)
from dlviz.core.gan.toy import ToyGan, gaussian_kde, noise_grid_lines
from dlviz.core.train.task import LabTask

#: Settings applied by the preset buttons of the 2-D GAN (merged into the hparams).
PRESETS_2D: dict[str, dict[str, Any]] = {
    # The generator learns 50× faster than the discriminator: it chases whatever
    # region D currently likes and piles all its samples on one spot.
    "collapse": {
        "target": "ring",
        "loss": "nonsaturating",
        "lr": 5e-3,
        "lr_d": 1e-4,
        "d_steps": 1,
    },
    # Balanced learning rates let D keep up and keep pushing G onto every mode.
    "fix": {
        "target": "ring",
        "loss": "nonsaturating",
        "lr": 1e-3,
        "lr_d": 1e-3,
        "d_steps": 1,
    },
}


class ToyGanTask(LabTask):
    """Shared machinery of the 1-D and 2-D toy GAN labs."""

    dim = 2
    n_display = 1000

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self.build_data()
        self.build_gan()

    history_length = 4000
    history_points = 400

    # -- building ------------------------------------------------------------------
    def build_data(self) -> None:
        raise NotImplementedError

    def sample_real(self, n: int) -> torch.Tensor:
        raise NotImplementedError

    def build_gan(self) -> None:
        self.gan = ToyGan(
            self.dim, self.sample_real, self.hparams, self.device, self.generator
        )
        self.samples_per_step = self.gan.batch_size
        self.steps_per_epoch = 1
        fixed = torch.Generator().manual_seed(int(self.hparams.get("seed", 0)) + 99)
        self.fixed_noise = self._noise(self.n_display, fixed)
        self.history: deque[tuple[int, float, float]] = deque(
            maxlen=self.history_length
        )

    def record_history(self) -> None:
        """Remember (step, d_loss, g_loss) for the loss panel of the stage."""
        self.history.append(
            (self.step, self.gan.last["d_loss"], self.gan.last["g_loss"])
        )

    def history_arrays(self) -> dict[str, np.ndarray]:
        """The recent losses, thinned to at most ``history_points`` points."""
        if not self.history:
            empty = np.zeros(0, dtype=np.float32)
            return {"history_steps": empty, "history_d": empty, "history_g": empty}
        data = np.asarray(self.history, dtype=np.float32)
        stride = max(1, int(np.ceil(len(data) / self.history_points)))
        data = data[::stride]
        return {
            "history_steps": data[:, 0],
            "history_d": data[:, 1],
            "history_g": data[:, 2],
        }

    def _noise(self, n: int, generator: torch.Generator) -> torch.Tensor:
        from dlviz.core.gan.models import sample_noise

        z = sample_noise(n, self.gan.noise_dim, self.gan.noise, generator)
        return z.to(self.device)

    # -- LabTask -------------------------------------------------------------------
    def modules(self) -> dict[str, nn.Module]:
        return {"generator": self.gan.G, "discriminator": self.gan.D}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"generator": self.gan.opt_g, "discriminator": self.gan.opt_d}

    def train_step(self) -> dict[str, float]:
        self.remember_finite()
        metrics = self.gan.train_step()
        self.step += 1
        self.record_history()
        return metrics

    def trace_step(self):
        """One recorded training step: the D step(s), then the G step."""
        self.remember_finite()
        trace = self.gan.trace_step(name=type(self).__name__)
        self.step += 1
        self.record_history()
        return trace

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "step":
            return self.manual_step(str(payload.get("which", "both")))
        if kind == "preset":
            return self.apply_preset(str(payload["name"]))
        raise ValueError(f"{type(self).__name__} does not handle {kind!r} requests")

    def manual_step(self, which: str) -> dict:
        """One discriminator step (``D``), one generator step (``G``) or both."""
        if which not in ("D", "G", "both"):
            raise ValueError("which must be 'D', 'G' or 'both'")
        with self.finite_or_restored():
            if which in ("D", "both"):
                self.gan.d_step()
            if which in ("G", "both"):
                self.gan.g_step()
                self.step += 1
            self.record_history()
            metrics = self.gan.metrics()
        return {"which": which, "metrics": metrics, "snapshot": self.snapshot()}

    def apply_preset(self, name: str) -> dict:
        raise ValueError(f"{type(self).__name__} has no presets")

    @property
    def d_is_probability(self) -> bool:
        return uses_probability(self.gan.loss)


class Gan1dTask(ToyGanTask):
    """A generator learns a 1-D distribution; shows D(x), the optimal D and z → x."""

    dim = 1
    n_grid = 200
    n_lines = 40

    def build_data(self) -> None:
        self.target = make_target_1d(self.hparams["target"])
        self.x_grid = np.linspace(-4.0, 4.0, self.n_grid).astype(np.float32)
        self.p_data = self.target.pdf(self.x_grid).astype(np.float32)
        self.support = self.target.support(2.0)
        self._support_mask = (self.x_grid >= self.support[0]) & (
            self.x_grid <= self.support[1]
        )
        self._grid_tensor = torch.from_numpy(self.x_grid).unsqueeze(1).to(self.device)

    def sample_real(self, n: int) -> torch.Tensor:
        return self.target.sample(n, self.generator)

    def build_gan(self) -> None:
        super().build_gan()
        half = 1.0 if self.gan.noise == "uniform" else 2.5
        z = torch.zeros(self.n_lines, self.gan.noise_dim)
        z[:, 0] = torch.linspace(-half, half, self.n_lines)
        self.line_noise = z.to(self.device)

    def densities(self) -> tuple[np.ndarray, np.ndarray]:
        """(generator density on the grid, D on the grid)."""
        fake = self.gan.generate(self.fixed_noise).cpu().numpy().ravel()
        p_g = gaussian_kde(fake, self.x_grid.astype(np.float64)).astype(np.float32)
        d = self.gan.d_values(self._grid_tensor).cpu().numpy().astype(np.float32)
        return p_g, d

    def d_gap(self, d: np.ndarray) -> float:
        """max |D(x) − ½| over the data's support (mean ± 2σ of each component)."""
        return float(np.abs(d[self._support_mask] - 0.5).max())

    def evaluate(self) -> dict[str, float]:
        _, d = self.densities()
        fake = self.gan.generate(self.fixed_noise).cpu().numpy()
        covered = covered_modes(fake, self.target.centres, self.target.radius)
        return {"d_gap": self.d_gap(d), "modes": float(covered.sum())}

    def snapshot(self) -> dict[str, Any]:
        p_g, d = self.densities()
        z_lines_x = self.gan.generate(self.line_noise).cpu().numpy().ravel()
        return {
            "x": self.x_grid,
            "p_data": self.p_data,
            "p_g": p_g,
            "d": d,
            "d_optimal": optimal_discriminator(self.p_data, p_g).astype(np.float32),
            "d_is_probability": self.d_is_probability,
            "d_gap": self.d_gap(d),
            "support": self.support,
            "z_lines_z": self.line_noise[:, 0].cpu().numpy(),
            "z_lines_x": z_lines_x.astype(np.float32),
            "loss_kind": self.gan.loss,
            **self.history_arrays(),
        }


#: The colour scale of D's map for the log losses spans at least ½ ± this.
MIN_HALF_SPAN = 0.02


def probability_levels(heat: np.ndarray) -> tuple[float, float]:
    """Colour levels of a map of probabilities: centred on ½ (D cannot tell), as wide
    as the map's values need (2nd–98th percentile), at least ½ ± MIN_HALF_SPAN and
    at most [0, 1].

    Fixed levels (0, 1) paint a D that stays within a few hundredths of ½ — early on,
    or when D learns slowly (the mode-collapse preset) — in one flat colour.
    """
    lo, hi = np.percentile(heat, [2, 98])
    half = max(abs(float(hi) - 0.5), abs(float(lo) - 0.5), MIN_HALF_SPAN)
    half = min(half, 0.5)
    return 0.5 - half, 0.5 + half


class Gan2dTask(ToyGanTask):
    """A generator learns a 2-D distribution: ring, grid, spiral, moons, drawing.

    A drawing is a setting like the others: ``target = "drawn"`` with the points in
    ``target_points`` (text, :func:`~dlviz.core.gan.targets.encode_points`), so a
    run rebuilt with other settings keeps it.
    """

    dim = 2
    n_heat = 48
    n_arrows = 64
    snapshot_hz = 20.0

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        lo_x, hi_x, lo_y, hi_y = EXTENT_2D
        gx = np.linspace(lo_x, hi_x, self.n_heat, dtype=np.float32)
        gy = np.linspace(lo_y, hi_y, self.n_heat, dtype=np.float32)
        mesh = np.stack(np.meshgrid(gx, gy), -1).reshape(-1, 2)
        self._heat_points = torch.from_numpy(mesh).to(self.device)

    def build_data(self) -> None:
        drawn = decode_points(self.hparams.get("target_points", ""))
        self.target = Target2D(self.hparams["target"], drawn if len(drawn) else None)
        fixed = torch.Generator().manual_seed(int(self.hparams.get("seed", 0)) + 7)
        self.real_display = self.target.sample(self.n_display, fixed).numpy()

    def sample_real(self, n: int) -> torch.Tensor:
        return self.target.sample(n, self.generator)

    def build_gan(self) -> None:
        super().build_gan()
        lines = noise_grid_lines(self.gan.noise)
        self._grid_shape = lines.shape[:2]
        flat = torch.zeros(lines.shape[0] * lines.shape[1], self.gan.noise_dim)
        flat[:, : min(2, self.gan.noise_dim)] = torch.from_numpy(
            lines.reshape(-1, 2)[:, : self.gan.noise_dim]
        )
        self._grid_noise = flat.to(self.device)

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "set_target_points":
            return self.set_target_points(np.asarray(payload["points"], np.float64))
        return super().handle(kind, payload)

    def set_target_points(self, points: np.ndarray) -> dict:
        """Train on the drawn points from now on: a new run (step 0, fresh networks)
        whose settings say so — ``hparams`` carries ``target = "drawn"`` and the
        points, so the session's settings (the Target box) show the drawing and a
        rebuild with other settings keeps it."""
        if points.ndim != 2 or points.shape[1] != 2 or len(points) < 1:
            raise ValueError("points must be an (N, 2) array with N ≥ 1")
        changes = {"target": "drawn", "target_points": encode_points(points)}
        self.restart(changes)
        return {
            "target": "drawn",
            "n_points": len(points),
            "hparams": changes,
            "snapshot": self.snapshot(),
        }

    def apply_preset(self, name: str) -> dict:
        """Rebuild the networks with a preset's settings; returns what changed."""
        if name not in PRESETS_2D:
            raise ValueError(
                f"unknown preset {name!r}; choose from {', '.join(PRESETS_2D)}"
            )
        changes = dict(PRESETS_2D[name])
        self.restart(changes)
        return {"preset": name, "hparams": changes, "snapshot": self.snapshot()}

    def restart(self, changes: dict[str, Any]) -> None:
        """Apply ``changes`` to the settings and start again at step 0 with the
        same seed (as a new run with these settings would)."""
        self.hparams.update(changes)
        self.generator.manual_seed(int(self.hparams.get("seed", 0)))
        torch.manual_seed(int(self.hparams.get("seed", 0)))
        self.step = 0
        self.forget_finite()
        self.build_data()
        self.build_gan()

    def coverage(self, fake: np.ndarray) -> np.ndarray:
        return covered_modes(fake, self.target.centres, self.target.radius)

    def evaluate(self) -> dict[str, float]:
        fake = self.gan.generate(self.fixed_noise).cpu().numpy()
        return {
            "modes": float(self.coverage(fake).sum()),
            "quality": high_quality_share(
                fake, self.target.centres, self.target.radius
            ),
        }

    def snapshot(self) -> dict[str, Any]:
        fake_t = self.gan.generate(self.fixed_noise)
        fake = fake_t.cpu().numpy().astype(np.float32)
        heat = self.gan.d_values(self._heat_points).cpu().numpy()
        heat = heat.reshape(self.n_heat, self.n_heat).astype(np.float32)
        if self.d_is_probability:
            levels = probability_levels(heat)
        else:
            lo, hi = np.percentile(heat, [2, 98])
            levels = (float(lo), float(max(hi, lo + 1e-6)))
        origins = fake_t[: self.n_arrows]
        grad = self.gan.generator_gradients(origins)
        norms = np.linalg.norm(grad, axis=1)
        scale = 0.5 / max(float(norms.max()), 1e-12)
        warped = self.gan.generate(self._grid_noise).cpu().numpy()
        covered = self.coverage(fake)
        return {
            "real": self.real_display.astype(np.float32),
            "fake": fake,
            "d_grid": heat,
            "d_extent": EXTENT_2D,
            "d_levels": levels,
            "d_is_probability": self.d_is_probability,
            "arrow_origins": origins.cpu().numpy().astype(np.float32),
            "arrow_vectors": (-grad * scale).astype(np.float32),
            "arrow_norms": norms.astype(np.float32),
            "warped_grid": warped.reshape(*self._grid_shape, 2).astype(np.float32),
            "warped_exact": self.gan.noise_dim == 2,
            "mode_centres": self.target.centres,
            "mode_radius": float(self.target.radius),
            "modes_covered": covered,
            "n_modes_covered": int(covered.sum()),
            "n_modes": int(self.target.n_modes),
            "target": self.target.name,
            "loss_kind": self.gan.loss,
            **self.history_arrays(),
        }
