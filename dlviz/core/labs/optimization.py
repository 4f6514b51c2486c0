"""Chapter "optim": optimizers racing on a two-dimensional loss surface.

Every optimizer of the course (the real ``torch.optim`` classes, made by
:func:`dlviz.core.train.optim.build_optimizer`) moves its own point ``(x, y)``
downhill on the same surface from the same start. One training step is one step of
every optimizer. The snapshot holds the log-scaled surface (computed once), the paths
so far, the current losses and each optimizer's update rule with its current numbers.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.core.optim_surfaces import SURFACES, Surface, surface_grid
from dlviz.core.params import ParamSpec
from dlviz.core.polyline import grid_thin_to
from dlviz.core.train.optim import OPTIMIZERS, build_optimizer

#: Optimizers whose step length is about η whatever the gradient's size.
ADAPTIVE = ("Adagrad", "RMSprop", "Adam")
#: Groups the user can race; the chosen "Optimizer" is always added.
OPTIMIZER_SETS: dict[str, tuple[str, ...]] = {
    "all": OPTIMIZERS,
    "SGD, momentum, Nesterov": ("SGD", "SGD+momentum", "Nesterov"),
    "adaptive": ("Adagrad", "RMSprop", "Adadelta", "Adam"),
    "SGD, momentum, Adam": ("SGD", "SGD+momentum", "Adam"),
    "SGD vs Adam": ("SGD", "Adam"),
}
SCHEDULES = ("constant", "step decay", "cosine")
#: Most points kept per path: the newest ``RECENT_POINTS`` exactly, the older ones
#: thinned (:class:`PathBuffer`), so a path always reaches back to its start.
MAX_PATH = 2000
RECENT_POINTS = 500
#: The older part of a path is thinned to a grid of this many cells across the
#: map (a few cells a pixel on any screen).
PATH_CELLS = 2000
GRID_SIZE = 128
RUNNING, DIVERGED, LEFT_MAP = "", "diverged", "left the map"


def schedule_factor(kind: str, step: int, period: int) -> float:
    """Multiplier of η after ``step`` steps: constant, halved every ``period`` steps
    (step decay), or a half cosine from 1 to 0 over ``period`` steps."""
    if kind == "step decay":
        return 0.5 ** (step // period)
    if kind == "cosine":
        return 0.5 * (1.0 + math.cos(math.pi * min(step, period) / period))
    return 1.0


class SurfacePoint(nn.Module):
    """One optimizer's position: the parameter ``xy``; its forward is the loss."""

    def __init__(self, surface: Surface, start: tuple[float, float]):
        super().__init__()
        self.surface = surface
        self.xy = nn.Parameter(torch.tensor(start, dtype=torch.float64))

    def forward(self) -> torch.Tensor:
        return self.surface.value(self.xy)


class PathBuffer:
    """A path from its start in at most ``cap`` points, appended without
    reallocating. When it is full, the points before the newest ``recent`` are
    thinned to those that enter another cell of a grid of ``cell`` (x, y) — a
    converging optimizer's thousands of tiny steps collapse, its turns and zigzags
    stay — down to at most half of the room left (cells grow if needed). The start
    is never dropped; the newest ``recent`` points are kept exactly."""

    def __init__(self, start: np.ndarray, cap: int = MAX_PATH,
                 cell: tuple[float, float] = (0.0, 0.0), recent: int = RECENT_POINTS):
        if not 0 < recent < cap - 2:
            raise ValueError(f"recent must be between 0 and cap - 2, not {recent}")
        self.cap, self.cell, self.recent = cap, cell, recent
        self.data = np.empty((cap, 2), dtype=np.float32)
        self.data[0] = start
        self.n = 1

    def append(self, point: np.ndarray) -> None:
        if self.n == self.cap:
            self._compact()
        self.data[self.n] = point
        self.n += 1

    def _compact(self) -> None:
        split = self.n - self.recent
        room = (self.cap - self.recent) // 2
        older = grid_thin_to(self.data[:split], self.cell, room)
        k = len(older)
        self.data[:k] = older
        self.data[k : k + self.recent] = self.data[split : self.n].copy()
        self.n = k + self.recent

    def copy(self) -> np.ndarray:
        return self.data[: self.n].copy()


@dataclass
class Racer:
    """One optimizer on the surface, with what its last step used."""

    name: str
    point: SurfacePoint
    optimizer: torch.optim.Optimizer
    scheduler: torch.optim.lr_scheduler.LRScheduler
    path: PathBuffer
    loss: float
    status: str = RUNNING
    grad: np.ndarray | None = None
    before: np.ndarray | None = None
    steps: int = 0
    lr_used: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class OptimizerRaceTask(LabTask):
    """Several optimizers, one point each, on one 2-D surface."""

    explode_factor = 0.0  # the saddle is not bounded below; racers stop themselves
    eval_interval_s = 1e9

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self.surface = SURFACES[hp["surface"]]
        names = set(OPTIMIZER_SETS[hp["optimizers"]]) | {hp["optimizer"]}
        self.names = [n for n in OPTIMIZERS if n in names]
        self.selected = hp["optimizer"]
        self.noise = float(hp["noise"]) + self.surface.gradient_noise
        self.samples_per_step = 1
        start = (
            (float(hp["start_x"]), float(hp["start_y"]))
            if hp["custom_start"]
            else self.surface.start
        )
        grid = surface_grid(self.surface, GRID_SIZE)
        self.grid = grid
        self._static = {
            "surface": grid.log_values,
            "extent": grid.extent,
            "levels": grid.levels,
            "loss_floor": grid.lowest,
            "surface_name": self.surface.name,
            "formula": self.surface.formula,
            "critical_points": np.asarray(self.surface.critical_points, np.float32),
            "critical_kind": self.surface.critical_kind,
            "names": list(self.names),
            "selected": self.selected,
        }
        self.restart(start)

    # -- set-up ----------------------------------------------------------------------
    def base_lr(self, name: str) -> float:
        """η of ``name`` before the schedule: Adadelta needs none (η = 1); the
        adaptive methods get the learning rate times the adaptive scale."""
        if name == "Adadelta":
            return 1.0
        lr = float(self.hparams["lr"])
        return lr * float(self.hparams["adaptive_scale"]) if name in ADAPTIVE else lr

    def restart(self, start: tuple[float, float]) -> None:
        """Every optimizer back to ``start``, fresh state; the step count goes on."""
        hp = self.hparams
        self.start = (float(start[0]), float(start[1]))
        self.racers: list[Racer] = []
        for name in self.names:
            point = SurfacePoint(self.surface, self.start).to(self.device)
            opt = build_optimizer(
                name, point.parameters(), self.base_lr(name), hp["weight_decay"]
            )
            if name in ("SGD+momentum", "Nesterov"):
                opt.param_groups[0]["momentum"] = float(hp["momentum"])
            kind, period = hp["schedule"], int(hp["schedule_steps"])
            scheduler = torch.optim.lr_scheduler.LambdaLR(
                opt, lambda t, k=kind, n=period: schedule_factor(k, t, n)
            )
            with torch.no_grad():
                loss = float(point())
            x0, x1, y0, y1 = self.grid.extent
            cell = ((x1 - x0) / PATH_CELLS, (y1 - y0) / PATH_CELLS)
            path = PathBuffer(np.asarray(self.start, dtype=np.float32), cell=cell)
            self.racers.append(Racer(name, point, opt, scheduler, path, loss))
        self.forget_finite()

    def modules(self) -> dict[str, nn.Module]:
        return {r.name: r.point for r in self.racers}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {r.name: r.optimizer for r in self.racers}

    # -- training --------------------------------------------------------------------
    def _noise(self) -> torch.Tensor | None:
        if self.noise <= 0:
            return None
        xi = torch.randn(2, generator=self.generator, dtype=torch.float64)
        return (self.noise * xi).to(self.device)

    def _objective(self, racer: Racer, noise: torch.Tensor | None) -> torch.Tensor:
        """The loss whose gradient the optimizer sees: ``f(θ) + noise·θ`` adds the
        noise vector to the true gradient."""
        loss = racer.point()
        if noise is not None:
            loss = loss + (noise * racer.point.xy).sum()
        return loss

    def _after_step(self, racer: Racer, before: torch.Tensor) -> None:
        xy = racer.point.xy
        racer.grad = xy.grad.detach().cpu().numpy().copy()
        racer.before = before.cpu().numpy()
        racer.steps += 1
        racer.lr_used = float(racer.optimizer.param_groups[0]["lr"])
        racer.scheduler.step()
        x, y = xy.detach().cpu().tolist()
        if not (math.isfinite(x) and math.isfinite(y)):
            racer.status = DIVERGED
        elif not self.surface.contains(x, y, margin=0.25):
            racer.status = LEFT_MAP
        if racer.status != RUNNING:
            with torch.no_grad():
                xy.copy_(before)
            return
        racer.loss = float(self.surface.function(x, y))
        racer.path.append(np.array((x, y), dtype=np.float32))

    def _step_racer(self, racer: Racer, noise: torch.Tensor | None, rec) -> None:
        """One traced step of one racer."""
        before = racer.point.xy.detach().clone()
        racer.optimizer.zero_grad(set_to_none=True)
        objective = self._objective(racer, noise)
        rec.loss(objective, role=racer.name, kind=f"{self.surface.name} surface")
        rec.backward(objective)
        rec.update(racer.optimizer, role=racer.name)
        self._after_step(racer, before)

    def train_step(self) -> dict[str, float]:
        self.remember_finite()
        noise = self._noise()
        running = [r for r in self.racers if r.status == RUNNING]
        if running:
            befores = [r.point.xy.detach().clone() for r in running]
            for racer in running:
                racer.point.xy.grad = None
            # the points are independent: one backward fills every gradient
            total = sum(self._objective(r, noise) for r in running)
            total.backward()
            for racer, before in zip(running, befores):
                racer.optimizer.step()
                self._after_step(racer, before)
        self.step += 1
        return self.metrics()

    def metrics(self) -> dict[str, float]:
        """``loss``: the mean over the optimizers; ``loss_<name>`` for each one."""
        losses = {f"loss_{r.name}": r.loss for r in self.racers}
        mean = float(np.mean(list(losses.values()))) if losses else 0.0
        return {"loss": mean, **losses}

    def trace_step(self):
        from dlviz.core.trace import TraceRecorder

        self.remember_finite()
        noise = self._noise()
        running = [r for r in self.racers if r.status == RUNNING]
        points = {r.name: r.point for r in running}
        with TraceRecorder(points, "optimizers", roles="optimizer") as rec:
            for racer in running:
                rec.begin_part(racer.name)
                self._step_racer(racer, noise, rec)
        self.step += 1
        rec.trace.metrics.update(self.metrics())
        return rec.trace

    # -- views -----------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        racers = self.racers
        return {
            **self._static,
            "step": self.step,
            "start": np.asarray(self.start, dtype=np.float32),
            "paths": [r.path.copy() for r in racers],
            "points": np.array(
                [r.path.data[r.path.n - 1] for r in racers], dtype=np.float32
            ).reshape(-1, 2),
            "losses": np.array([r.loss for r in racers], dtype=np.float64),
            "lrs": np.array(
                [r.optimizer.param_groups[0]["lr"] for r in racers], dtype=np.float64
            ),
            "status": [r.status for r in racers],
            "rules": [describe_update(r, self.noise) for r in racers],
            "noise": self.noise,
        }

    def handle(self, kind: str, payload: dict) -> dict:
        """``restart`` ``{"x", "y"}``: every optimizer starts again from there."""
        if kind == "restart":
            x, y = float(payload["x"]), float(payload["y"])
            if not self.surface.contains(x, y, margin=0.0):
                raise ValueError("the start point must lie on the map")
            self.restart((x, y))
            return {"snapshot": self.snapshot()}
        return super().handle(kind, payload)


# -- the update rules with numbers ----------------------------------------------------
def _vec(v: np.ndarray | torch.Tensor) -> str:
    if isinstance(v, torch.Tensor):
        v = v.detach().cpu().numpy()
    return "(" + ", ".join(f"{float(c):.4g}" for c in np.ravel(v)) + ")"


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospace font (combining accents take none)."""
    return sum(not unicodedata.combining(c) for c in text)


def _lines(rows: list[tuple[str, str]]) -> list[str]:
    width = max(_width(left) for left, _ in rows)
    return [f"{left}{' ' * (width - _width(left))}  = {right}" for left, right in rows]


def _hyper(name: str, group: dict) -> str:
    """The optimizer's fixed hyperparameters on one line."""
    if name in ("SGD+momentum", "Nesterov"):
        return f"μ = {group['momentum']:g}"
    if name == "Adagrad":
        return f"ε = {group['eps']:g}"
    if name == "RMSprop":
        return f"α = {group['alpha']:g}   ε = {group['eps']:g}"
    if name == "Adadelta":
        return f"ρ = {group['rho']:g}   ε = {group['eps']:g}"
    if name == "Adam":
        b1, b2 = group["betas"]
        return f"β₁ = {b1:g}   β₂ = {b2:g}   ε = {group['eps']:g}"
    return ""


def describe_update(racer: Racer, noise: float = 0.0) -> str:
    """The update rule of ``racer``'s optimizer with the numbers of its last step
    (plain text, one relation per line, for a monospace panel)."""
    opt, name = racer.optimizer, racer.name
    group = opt.param_groups[0]
    lr = float(group["lr"])
    head = [f"{name}   t = {racer.steps}   η = {lr:.4g}"]
    hyper = _hyper(name, group)
    if hyper:
        head.append(hyper)
    p = racer.point.xy
    state = opt.state.get(p, {})
    stateful = name not in ("SGD",)
    if racer.grad is None or racer.before is None or (stateful and not state):
        # before the first step, or after a rollback cleared the optimizer state
        return "\n".join([*head, "", *_RULES[name]])
    after = p.detach().cpu().numpy()
    grad = racer.grad + group.get("weight_decay", 0.0) * racer.before
    g_label = "g = ∇L(θₜ) + ξ" if noise > 0 else "g = ∇L(θₜ)"
    rows = [("θₜ", _vec(racer.before)), (g_label, _vec(grad))]
    if name in ("SGD+momentum", "Nesterov"):
        rows.append(("b = μ·b + g", _vec(state.get("momentum_buffer"))))
        step = "η·(g + μ·b)" if name == "Nesterov" else "η·b"
    elif name in ("Adagrad", "RMSprop"):
        if name == "Adagrad":
            s = state["sum"]
            rows.append(("s = s + g²", _vec(s)))
        else:
            s = state["square_avg"]
            rows.append(("s = α·s + (1−α)·g²", _vec(s)))
        rows.append(("η/(√s + ε)", _vec(lr / (s.sqrt() + group["eps"]))))
        step = "η·g/(√s + ε)"
    elif name == "Adadelta":
        delta = (racer.before - after) / max(racer.lr_used, 1e-300)
        rows.append(("s = ρ·s + (1−ρ)·g²", _vec(state["square_avg"])))
        rows.append(("Δθ = √(u + ε)/√(s + ε)·g", _vec(delta)))
        rows.append(("u = ρ·u + (1−ρ)·Δθ²", _vec(state["acc_delta"])))
        step = "η·Δθ"
    elif name == "Adam":
        b1, b2 = group["betas"]
        m, v, t = state["exp_avg"], state["exp_avg_sq"], float(state["step"])
        rows.append(("m = β₁·m + (1−β₁)·g", _vec(m)))
        rows.append(("v = β₂·v + (1−β₂)·g²", _vec(v)))
        rows.append(("m̂ = m/(1 − β₁ᵗ)", _vec(m / (1 - b1**t))))
        rows.append(("v̂ = v/(1 − β₂ᵗ)", _vec(v / (1 - b2**t))))
        step = "η·m̂/(√v̂ + ε)"
    else:
        step = "η·g"
    rows.append((f"θₜ₊₁ = θₜ − {step}", _vec(after)))
    rows.append(("θₜ₊₁ − θₜ", _vec(after - racer.before)))
    rows.append(("L(θₜ₊₁)", f"{racer.loss:.6g}"))
    return "\n".join([*head, *_lines(rows)])


_RULES: dict[str, list[str]] = {
    "SGD": ["θ ← θ − η·g"],
    "SGD+momentum": ["b ← μ·b + g", "θ ← θ − η·b"],
    "Nesterov": ["b ← μ·b + g", "θ ← θ − η·(g + μ·b)"],
    "Adagrad": ["s ← s + g²", "θ ← θ − η·g/(√s + ε)"],
    "RMSprop": ["s ← α·s + (1−α)·g²", "θ ← θ − η·g/(√s + ε)"],
    "Adadelta": [
        "s ← ρ·s + (1−ρ)·g²",
        "Δθ = √(u + ε)/√(s + ε)·g",
        "u ← ρ·u + (1−ρ)·Δθ²",
        "θ ← θ − η·Δθ",
    ],
    "Adam": [
        "m ← β₁·m + (1−β₁)·g",
        "v ← β₂·v + (1−β₂)·g²",
        "θ ← θ − η·m̂/(√v̂ + ε)",
    ],
}


LABS = [
    LabSpec(
        key="optimizers",
        title="Optimizers on a loss surface",
        chapter="optim",
        year=1951,
        teaches="SGD, momentum, Nesterov, Adagrad, RMSprop, Adadelta and Adam race "
        "downhill from the same start.",
        stage="optimizers",
        factory=OptimizerRaceTask,
        authors="Robbins, Monro (SGD); Polyak; Nesterov; Duchi; Hinton; Zeiler; "
        "Kingma, Ba",
        idea="Each optimizer turns the same gradients into different steps.",
        paper="A Stochastic Approximation Method (1951)",
        params=(
            ParamSpec(
                "surface",
                "Loss surface",
                "choice",
                "Rosenbrock",
                choices=tuple(SURFACES),
                group="data",
                help="The function of (x, y) the optimizers minimise.",
            ),
            ParamSpec(
                "noise",
                "Gradient noise",
                "float",
                0.0,
                minimum=0.0,
                maximum=100.0,
                group="data",
                help="Std of random noise added to every gradient, like mini-batches.",
            ),
            ParamSpec(
                "custom_start",
                "Own start point",
                "bool",
                False,
                group="data",
                help="Start at (start x, start y), not at the surface's usual start.",
            ),
            ParamSpec("start_x", "Start x", "float", -1.0, -10.0, 10.0, group="data"),
            ParamSpec("start_y", "Start y", "float", 2.0, -10.0, 10.0, group="data"),
            ParamSpec(
                "optimizers",
                "Optimizers shown",
                "choice",
                "all",
                choices=tuple(OPTIMIZER_SETS),
                help="Which optimizers race; the chosen Optimizer is always shown.",
            ),
            ParamSpec(
                "momentum",
                "Momentum μ",
                "float",
                0.9,
                minimum=0.0,
                maximum=0.999,
                help="Share of the previous step kept by SGD+momentum and Nesterov.",
            ),
            ParamSpec(
                "adaptive_scale",
                "Adaptive η ×",
                "float",
                10.0,
                minimum=0.01,
                maximum=1000.0,
                log=True,
                help="Adagrad, RMSprop and Adam use this times the learning rate.",
            ),
            ParamSpec(
                "schedule",
                "Learning-rate schedule",
                "choice",
                "constant",
                choices=SCHEDULES,
                group="training",
                help="Step decay halves η every period; cosine lowers it to 0.",
            ),
            ParamSpec(
                "schedule_steps",
                "Schedule period (steps)",
                "int",
                500,
                minimum=1,
                maximum=100000,
                group="training",
            ),
        ),
        training_defaults={"lr": 0.002, "batch_size": 1, "optimizer": "Adam"},
    ),
]
