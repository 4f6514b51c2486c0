"""Chapter 9: recurrent networks — RNN, LSTM and GRU with every gate visible.

One task class serves the three labs; it trains a :class:`SequenceModel` on freshly
generated batches (adding problem, sine forecasting, copy, reverse, parity), clips
gradients when asked and reports the norm before and after.

Ordinary training steps and evaluation run torch's fused ``nn.RNN/LSTM/GRU`` kernel,
which shares its parameter objects with the gate-level cells (same numbers and
gradients; tests/core/test_sequence_lab.py); a GRU trained on the CPU, where torch
has no fused GRU kernel, runs :func:`~dlviz.core.rnn.cells.fast_gru` (its own
backward pass, same numbers). The gate-level cells run only where
gates must be seen: the step-through trace (one event per cell call), the gradient
through time ‖∂L/∂h_t‖ and the comparison of cells; snapshots replay the gates of
one sample with :func:`~dlviz.core.rnn.cells.replay_gates`.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.core.params import ParamSpec
from dlviz.core.rnn.cells import PRE_ACTIVATED, RECORDED, replay_gates
from dlviz.core.rnn.equations import gate_equations
from dlviz.core.rnn.tasks import (
    ADDING_BASELINE_MSE,
    IGNORE,
    TASKS,
    SequenceModel,
    make_batch,
    task_accuracy,
    task_info,
    task_loss,
)
from dlviz.core.train.optim import build_optimizer

#: Hidden units and time steps shown in the gate heatmaps at most.
MAX_UNITS_SHOWN = 32
MAX_STEPS_SHOWN = 200


def grad_norm(parameters: list[nn.Parameter]) -> float:
    """Euclidean norm of all gradients together (0 when there are none)."""
    grads = [p.grad.detach().reshape(-1) for p in parameters if p.grad is not None]
    if not grads:
        return 0.0
    return float(torch.linalg.vector_norm(torch.cat(grads)))


def hidden_gradients(
    model: SequenceModel, x: torch.Tensor, y: torch.Tensor, loss_fn
) -> tuple[torch.Tensor, np.ndarray, float]:
    """Forward with recording, backward, and ‖∂L/∂h_t‖ of layer 0 (forward direction).

    Returns the model output, the (T,) norms and the loss. Parameter gradients are
    left untouched (autograd is asked only for the hidden states).
    """
    out = model(x, record=True)
    loss = loss_fn(out, y)
    steps = model.rnn.hidden_steps["l0"]
    grads = torch.autograd.grad(loss, steps, allow_unused=True)
    norms = np.array(
        [0.0 if g is None else float(torch.linalg.vector_norm(g)) for g in grads],
        dtype=np.float32,
    )
    return out.detach(), norms, float(loss.detach())


class SequenceTask(LabTask):
    """Train one recurrent cell kind (``cell_kind``) on a generated sequence task."""

    cell_kind = "lstm"
    snapshot_hz = 15.0
    eval_interval_s = 1.0
    #: Seconds between refreshes of the gradient-through-time curve.
    grad_interval_s = 1.0
    #: Validation samples (fixed) and nominal samples per epoch (data are fresh).
    n_val = 256
    samples_per_epoch = 10000

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self.info = task_info(hp["task"])
        self.length = int(hp["length"])
        self.model = SequenceModel(
            self.cell_kind, self.info.input_size, int(hp["hidden"]),
            self.info.output_size, int(hp["layers"]), bool(hp["bidirectional"]),
            self.info.per_step,
        ).to(device)
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.parameters(), hp["lr"], hp["weight_decay"]
        )
        self.batch_size = int(hp["batch_size"])
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, self.samples_per_epoch // self.batch_size)
        self.clip = bool(hp["clip"])
        self.clip_threshold = float(hp["clip_threshold"])
        val_gen = torch.Generator().manual_seed(int(hp["seed"]) + 1)
        x_val, y_val = make_batch(self.info.name, self.n_val, self.length, val_gen)
        self.x_val, self.y_val = x_val.to(device), y_val.to(device)
        self.sample = 0
        self.last_grad_norm = math.nan
        self.last_grad_norm_clipped = math.nan
        self._grad_h = np.zeros(self.length, np.float32)
        self._grad_step = -1
        self._grad_time = -math.inf
        self._shown: dict[str, np.ndarray] = {}

    # -- training ----------------------------------------------------------------
    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    def loss_of(self, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return task_loss(self.info, out, y)

    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """A fresh batch drawn with the task's seeded generator."""
        x, y = make_batch(self.info.name, self.batch_size, self.length, self.generator)
        return x.to(self.device), y.to(self.device)

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        out = self.model(x, fused=True)  # same parameters as the gate-level cells
        loss = self.loss_of(out, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        before, after = self._clip_now()
        self.optimizer.step()
        self.step += 1
        metrics = {
            "loss": float(loss.detach()),
            "grad_norm": before,
            "grad_norm_clipped": after,
        }
        if self.info.classification:
            metrics["acc"] = task_accuracy(self.info, out.detach(), y)
        return metrics

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        self.model.eval()
        out = self.model(self.x_val, fused=True)
        self.model.train()
        metrics = {"val_loss": float(self.loss_of(out, self.y_val))}
        if self.info.classification:
            metrics["val_acc"] = task_accuracy(self.info, out, self.y_val)
        return metrics

    def _clip_now(self) -> tuple[float, float]:
        """Clip the gradients when asked; return their norm before and after."""
        params = list(self.model.parameters())
        before = grad_norm(params)
        if self.clip and math.isfinite(before):
            nn.utils.clip_grad_norm_(params, self.clip_threshold)
            after = grad_norm(params)
        else:
            after = before
        self.last_grad_norm, self.last_grad_norm_clipped = before, after
        return before, after

    def trace_step(self):
        """One recorded step: one forward event per time step and layer (the cells
        are called once per step); clipping runs between backward and update."""
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        trace = record_supervised_step(
            self.model, x, y, self.loss_of, self.optimizer, name="model",
            before_update=self._clip_now,
        )
        self.step += 1
        trace.metrics["grad_norm"] = self.last_grad_norm
        trace.metrics["grad_norm_clipped"] = self.last_grad_norm_clipped
        return trace

    # -- views -------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        x = self.x_val[self.sample : self.sample + 1]
        y = self.y_val[self.sample : self.sample + 1]
        now = time.perf_counter()
        refresh = self._grad_step != self.step and (
            now - self._grad_time >= self.grad_interval_s or self._grad_step < 0
        )
        self.model.eval()
        try:
            if refresh:
                _, self._grad_h, _ = hidden_gradients(self.model, x, y, self.loss_of)
                self._grad_step, self._grad_time = self.step, now
            with torch.no_grad():
                out = self.model(x, fused=True)
                sample_loss = float(self.loss_of(out, y))
                record = replay_gates(self.model.rnn.cell(0, 0), x)
        finally:
            self.model.train()
        units = min(self.model.rnn.hidden_size, MAX_UNITS_SHOWN)
        steps = min(self.length, MAX_STEPS_SHOWN)

        def heat(name: str) -> np.ndarray:
            return record[name][0, :steps, :units].T.float().cpu().numpy()

        gates = {name: heat(name) for name in RECORDED[self.cell_kind]}
        pre = {f"pre_{g}": heat(f"pre_{g}") for g in PRE_ACTIVATED[self.cell_kind]}
        self._shown = {**gates, **pre}
        target, prediction = self._series(out[0], y[0])
        return {
            "cell": self.cell_kind,
            "task": self.info.name,
            "classification": self.info.classification,
            "length": self.length,
            "steps_shown": steps,
            "hidden_size": self.model.rnn.hidden_size,
            "units_shown": units,
            "sample": self.sample,
            "n_samples": self.n_val,
            "gate_names": RECORDED[self.cell_kind],
            "gates": gates,
            "preacts": pre,
            "input": x[0, :steps].float().cpu().numpy(),
            "input_labels": self.info.input_labels,
            "target": target[:steps],
            "prediction": prediction[:steps],
            "sample_loss": sample_loss,
            "grad_h": self._grad_h[:steps].copy(),
            "grad_step": self._grad_step,
            "grad_norm": self.last_grad_norm,
            "grad_norm_clipped": self.last_grad_norm_clipped,
            "clip": self.clip,
            "clip_threshold": self.clip_threshold,
            "baseline_mse": (
                ADDING_BASELINE_MSE if self.info.name == "adding" else math.nan
            ),
        }

    def _series(
        self, out: torch.Tensor, y: torch.Tensor
    ) -> tuple[np.ndarray, np.ndarray]:
        """Target and prediction of one sample as (T,) arrays, NaN where none."""
        target = np.full(self.length, np.nan, np.float32)
        prediction = np.full(self.length, np.nan, np.float32)
        info = self.info
        if info.per_step and info.classification:
            scored = (y != IGNORE).cpu().numpy()
            target[scored] = y.cpu().numpy()[scored]
            prediction[scored] = out.argmax(-1).cpu().numpy()[scored]
        elif info.per_step:
            target[:] = y[:, 0].cpu().numpy()
            prediction[:] = out[:, 0].cpu().numpy()
        elif info.classification:
            target[-1] = float(y)
            prediction[-1] = float(out.argmax(-1))
        else:
            target[-1] = float(y[0])
            prediction[-1] = float(out[0])
        return target, prediction

    # -- requests from the stage ---------------------------------------------------
    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "gate_equations":
            if not self._shown:
                self.snapshot()
            t = int(payload.get("t", 0))
            unit = int(payload.get("unit", 0))
            lines = gate_equations(self.cell_kind, self._shown, t, unit)
            return {"t": t, "unit": unit, "lines": lines, "text": "\n".join(lines)}
        if kind == "choose_sample":
            index = int(payload.get("index", 0))
            if not 0 <= index < self.n_val:
                raise ValueError(f"sample must be in 0..{self.n_val - 1}")
            self.sample = index
            self._grad_step = -1
            return {"sample": index, "snapshot": self.snapshot()}
        if kind == "compare_gradients":
            return self.compare_gradients(
                int(payload.get("batch", 16)), int(payload.get("seed", 0))
            )
        return super().handle(kind, payload)

    def compare_gradients(self, batch: int = 16, seed: int = 0) -> dict[str, Any]:
        """‖∂L/∂h_t‖ of fresh RNN, LSTM and GRU (same size) and of the trained model
        on one batch of the current task; norms over the whole (batch, units) slice.
        """
        gen = torch.Generator().manual_seed(seed)
        x, y = make_batch(self.info.name, batch, self.length, gen)
        x, y = x.to(self.device), y.to(self.device)
        result: dict[str, Any] = {"t": np.arange(1, self.length + 1)}
        rnn = self.model.rnn
        for kind in ("rnn", "lstm", "gru"):
            torch.manual_seed(seed)
            fresh = SequenceModel(
                kind, self.info.input_size, rnn.hidden_size, self.info.output_size,
                rnn.num_layers, rnn.bidirectional, self.info.per_step,
            ).to(self.device)
            result[kind] = hidden_gradients(fresh, x, y, self.loss_of)[1]
        self.model.eval()
        try:
            result["trained"] = hidden_gradients(self.model, x, y, self.loss_of)[1]
        finally:
            self.model.train()
        result["trained_cell"] = self.cell_kind
        result["step"] = self.step
        return result


class RnnTask(SequenceTask):
    cell_kind = "rnn"


class LstmTask(SequenceTask):
    cell_kind = "lstm"


class GruTask(SequenceTask):
    cell_kind = "gru"


PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec("task", "Task", "choice", "adding", choices=TASKS, group="data",
              help="Adding problem, sine forecast, copy, reverse or parity."),
    ParamSpec("length", "Sequence length", "int", 100, minimum=4, maximum=200,
              group="data", help="Time steps per sequence: longer is harder."),
    ParamSpec("hidden", "Hidden units", "int", 32, minimum=1, maximum=256,
              help="Size of the hidden state h (and of c for the LSTM)."),
    ParamSpec("layers", "Layers", "int", 1, minimum=1, maximum=4,
              help="Recurrent layers stacked on each other."),
    ParamSpec("bidirectional", "Bidirectional", "bool", False,
              help="Also read the sequence backwards and join both directions."),
    ParamSpec("clip", "Gradient clipping", "bool", True, group="training",
              help="Rescale the gradient when its norm exceeds the threshold."),
    ParamSpec("clip_threshold", "Clipping threshold", "float", 1.0, minimum=1e-3,
              maximum=1000.0, log=True, group="training",
              help="Largest gradient norm allowed when clipping is on."),
)

_TRAINING = {"lr": 0.01, "batch_size": 64, "optimizer": "Adam"}

LABS = [
    LabSpec(
        key="rnn",
        title="Recurrent network (RNN)",
        chapter="rnn",
        year=1990,
        teaches="One hidden state carried through time, and why its gradient vanishes.",
        stage="sequence",
        factory=RnnTask,
        heavy=True,
        params=PARAMS,
        training_defaults=_TRAINING,
        authors="Elman",
        idea="h_t = tanh(W·x_t + U·h_{t−1} + b): the same weights at every step.",
        paper="Finding structure in time (1990)",
    ),
    LabSpec(
        key="lstm",
        title="Long short-term memory (LSTM)",
        chapter="rnn",
        year=1997,
        teaches="Forget, input and output gates guard a cell state that keeps memory.",
        stage="sequence",
        factory=LstmTask,
        heavy=True,
        params=PARAMS,
        training_defaults=_TRAINING,
        authors="Hochreiter, Schmidhuber",
        idea="An additive cell state c_t = f⊙c_{t−1} + i⊙g lets memory last.",
        paper="Long short-term memory (1997)",
    ),
    LabSpec(
        key="gru",
        title="Gated recurrent unit (GRU)",
        chapter="rnn",
        year=2014,
        teaches="Update and reset gates: an LSTM with fewer parts and no cell state.",
        stage="sequence",
        factory=GruTask,
        heavy=True,
        params=PARAMS,
        training_defaults=_TRAINING,
        authors="Cho et al.",
        idea="h_t = (1 − z)⊙h̃ + z⊙h_{t−1}: the update gate mixes old and new.",
        paper="Learning phrase representations using RNN encoder-decoder (2014)",
    ),
]
