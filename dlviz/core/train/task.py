"""The trainable task of a lab: what the worker thread drives.

A :class:`LabTask` owns the models, data and optimizers of one lab and is only ever
touched from the worker thread; :class:`SupervisedTask` is the common single-network
case. (Lab cards, :class:`~dlviz.core.labs.base.LabSpec`, build these.)
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.train.optim import build_optimizer


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python, numpy and torch; return a torch generator for batch sampling."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    gen = torch.Generator()
    gen.manual_seed(seed)
    return gen


class LabTask(ABC):
    """A trainable lab. Lives in the worker thread; everything it returns is numpy.

    Subclasses set ``samples_per_step`` and ``steps_per_epoch`` and implement
    :meth:`train_step`, :meth:`evaluate`, :meth:`snapshot`, :meth:`trace_step`.
    """

    #: Preferred rate of view snapshots while training (Hz).
    snapshot_hz: float = 30.0
    #: Seconds of wall time between validation passes while training.
    eval_interval_s: float = 0.5
    #: A loss above this many times its recent median counts as diverged
    #: (``0`` disables the check, e.g. for losses that are not bounded below).
    explode_factor: float = 100.0
    #: The recent level used for that check is never taken below this.
    explode_floor: float = 1.0
    #: The stage's request being answered (a :class:`~dlviz.session.jobs.RequestJob`
    #: set by the engine during :meth:`handle`, else None): a long answer checks
    #: ``current_request.cancelled`` / ``check()`` between its own steps.
    current_request = None

    def __init__(self, hparams: dict, device: torch.device):
        self.hparams = dict(hparams)
        self.device = device
        self.generator = seed_everything(int(hparams.get("seed", 0)))
        self.step = 0
        self.samples_per_step = int(hparams.get("batch_size", 1))
        self.steps_per_epoch = 1
        self._backup: list | None = None
        self._backup_step = -1

    # -- what subclasses provide -------------------------------------------------
    @abstractmethod
    def modules(self) -> dict[str, nn.Module]:
        """The networks of this lab by role (``{"model": net}`` or D and G)."""

    @abstractmethod
    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        """The optimizers by role, matching :meth:`modules`."""

    @abstractmethod
    def train_step(self) -> dict[str, float]:
        """One batch: forward, loss, backward, update. Returns at least ``loss``."""

    def evaluate(self) -> dict[str, float]:
        """Validation metrics (``val_loss``, ``val_acc`` ...); empty when none apply."""
        return {}

    def snapshot(self) -> dict[str, Any]:
        """Small numpy data for this lab's stage (a few maps, ≤128 px, a few curves)."""
        return {}

    def trace_step(self):
        """Perform one training step while recording it; return the Trace."""
        raise NotImplementedError(f"{type(self).__name__} has no step-through trace")

    def handle(self, kind: str, payload: dict) -> dict:
        """Answer a request from the stage (a drawn digit, an attribution ...)."""
        raise ValueError(f"{type(self).__name__} does not handle {kind!r} requests")

    # -- shared machinery ----------------------------------------------------------
    @property
    def epoch(self) -> float:
        return self.step / max(1, self.steps_per_epoch)

    def parameters(self) -> list[nn.Parameter]:
        return [p for m in self.modules().values() for p in m.parameters()]

    def remember_finite(self) -> None:
        """Copy the current weights aside; call at the start of each training step.

        Two copies rotate: the weights before this step and before the previous one.
        A loss is computed *from* the weights before its step, so when a step's loss
        diverges those weights are already bad and :meth:`restore_finite` goes back
        to the copy before the previous step. Calls within one step record once.
        """
        if self._backup_step == self.step:
            return
        self._backup_step = self.step
        params = [p.detach() for p in self.parameters()]
        with torch.no_grad():
            if self._backup is None:
                self._backup = [[p.clone() for p in params], None]
                return
            current, previous = self._backup
            if previous is None:
                previous = [p.clone() for p in params]
            else:
                torch._foreach_copy_(previous, params)
            self._backup = [previous, current]

    def forget_finite(self) -> None:
        """Drop the remembered weights (the networks were rebuilt or restarted)."""
        self._backup = None
        self._backup_step = -1

    @contextmanager
    def finite_or_restored(self) -> Iterator[None]:
        """Remember the weights, run the block (a manual step outside the engine's
        divergence check), and put the last good weights back if it left any weight
        non-finite."""
        self.remember_finite()
        yield
        if not self.weights_finite():
            self.restore_finite()

    def weights_finite(self) -> bool:
        """True when every weight is a finite number (one fused check)."""
        params = [p.detach() for p in self.parameters()]
        if not params:
            return True
        with torch.no_grad():
            norms = torch._foreach_norm(params)
            return bool(torch.isfinite(torch.stack(norms)).all())

    def restore_finite(self) -> None:
        """Put back the last weights known to be good; clear optimizer state."""
        if self._backup is None:
            return
        current, previous = self._backup
        for saved in (previous, current):
            if saved is None:
                continue
            with torch.no_grad():
                torch._foreach_copy_([p.detach() for p in self.parameters()], saved)
            if self.weights_finite():
                break
        for opt in self.optimizers().values():
            opt.state.clear()

    def state_dict(self) -> dict:
        """Weights and optimizer state of every role, for saving a session."""
        return {
            "step": self.step,
            "modules": {k: m.state_dict() for k, m in self.modules().items()},
            "optimizers": {k: o.state_dict() for k, o in self.optimizers().items()},
        }

    def load_state_dict(self, state: dict) -> None:
        modules, optims = self.modules(), self.optimizers()
        if set(state["modules"]) != set(modules):
            raise ValueError("the saved networks do not match this lab")
        for key, module in modules.items():
            module.load_state_dict(state["modules"][key])
        for key, opt in optims.items():
            if key in state.get("optimizers", {}):
                opt.load_state_dict(state["optimizers"][key])
        self.step = int(state.get("step", 0))


class SupervisedTask(LabTask):
    """A single network trained on (x, y) tensors held on the device.

    Subclasses call :meth:`setup` from ``__init__`` with the model, the data and the
    loss; classification accuracy is reported when ``classification`` is true.
    """

    classification: bool = True

    def setup(
        self,
        model: nn.Module,
        x_train: torch.Tensor,
        y_train: torch.Tensor,
        x_val: torch.Tensor,
        y_val: torch.Tensor,
        criterion: nn.Module | None = None,
        extra_loss: Callable[[], torch.Tensor] | None = None,
    ) -> None:
        hp = self.hparams
        self.model = model.to(self.device)
        self.x_train, self.y_train = x_train.to(self.device), y_train.to(self.device)
        self.x_val, self.y_val = x_val.to(self.device), y_val.to(self.device)
        self.criterion = criterion if criterion is not None else nn.CrossEntropyLoss()
        self.extra_loss = extra_loss
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.parameters(), hp["lr"], hp["weight_decay"]
        )
        n = len(self.x_train)
        self.batch_size = min(int(hp["batch_size"]), n)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, n // self.batch_size)
        self._order = torch.randperm(n, generator=self.generator)
        self._cursor = 0

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The next shuffled mini-batch; reshuffles at each epoch."""
        n = len(self.x_train)
        if self._cursor + self.batch_size > n:
            self._order = torch.randperm(n, generator=self.generator)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self.batch_size].to(self.device)
        self._cursor += self.batch_size
        return self.transform_batch(self.x_train[idx]), self.y_train[idx]

    def transform_batch(self, x: torch.Tensor) -> torch.Tensor:
        """Hook for data augmentation of a training batch (identity by default)."""
        return x

    def loss_of(self, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        loss = self.criterion(out, y)
        if self.extra_loss is not None:
            loss = loss + self.extra_loss()
        return loss

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        out = self.model(x)
        loss = self.loss_of(out, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.step += 1
        metrics = {"loss": float(loss.detach())}
        acc = self.accuracy_of(out.detach(), y)
        if acc is not None:
            metrics["acc"] = acc
        return metrics

    def accuracy_of(self, out: torch.Tensor, y: torch.Tensor) -> float | None:
        """The share of ``out`` that predicts ``y`` (None where it does not apply:
        regression); a task with other outputs overrides it."""
        if not self.classification:
            return None
        return float((out.argmax(1) == y).float().mean())

    @torch.no_grad()
    def predict(self, x: torch.Tensor, chunk: int = 2048) -> torch.Tensor:
        """Model outputs in eval mode, in chunks, without gradients."""
        was_training = self.model.training
        self.model.eval()
        outs = [self.model(x[i : i + chunk]) for i in range(0, len(x), chunk)]
        self.model.train(was_training)
        return torch.cat(outs) if outs else torch.empty(0)

    def evaluate(self) -> dict[str, float]:
        out = self.predict(self.x_val)
        metrics = {"val_loss": float(self.criterion(out, self.y_val))}
        acc = self.accuracy_of(out, self.y_val)
        if acc is not None:
            metrics["val_acc"] = acc
        return metrics

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        trace = record_supervised_step(
            self.model, x, y, self.loss_of, self.optimizer, name="model"
        )
        self.step += 1
        return trace
