"""The training loop as a generator: one ``next()`` is one batch.

The caller (the session engine, in the worker thread) decides when to pull the next
batch, so pausing and stopping take effect between batches. Each report carries the
batch metrics, and — at most ``task.snapshot_hz`` times a second — a view snapshot and,
every ``task.eval_interval_s`` seconds, validation metrics.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dlviz.core.train.task import LabTask

#: Share of the training time that view snapshots and validation may take: the
#: capture rate drops below ``task.snapshot_hz`` when a snapshot is expensive.
SNAPSHOT_BUDGET = 0.05
EVAL_BUDGET = 0.03


class Diverged(RuntimeError):
    """Training produced a non-finite loss or weights."""


@dataclass
class StepReport:
    """What one batch produced."""

    step: int
    epoch: float
    metrics: dict[str, float]
    samples: int
    seconds: float
    snapshot: dict[str, Any] | None = None
    validation: dict[str, float] = field(default_factory=dict)
    diverged: str | None = None


def _finite(metrics: dict[str, float]) -> bool:
    return all(math.isfinite(v) for v in metrics.values())


class DivergenceGuard:
    """Detects a step that diverged: a non-finite metric, or a loss that jumped far
    above its recent level (``task.explode_factor`` times the median of the last
    losses, never less than ``task.explode_floor``).

    On divergence the last weights that gave a sane loss are restored.
    """

    window = 20

    def __init__(self, task: LabTask):
        self.task = task
        self.recent: list[float] = []

    def check(self, metrics: dict[str, float]) -> str | None:
        task = self.task
        problem = None
        if not (_finite(metrics) and task.weights_finite()):
            bad = ", ".join(
                f"{k} = {v}" for k, v in metrics.items() if not math.isfinite(v)
            )
            problem = (
                f"Training diverged at step {task.step}: "
                f"{bad or 'the weights'} is not a finite number."
            )
        elif "loss" in metrics and task.explode_factor:
            loss = abs(metrics["loss"])
            if self.recent:
                level = max(
                    sorted(self.recent)[len(self.recent) // 2], task.explode_floor
                )
                if loss > task.explode_factor * level:
                    problem = (
                        f"Training diverged at step {task.step}: the loss "
                        f"jumped to {loss:.3g}, more than "
                        f"{task.explode_factor:g}× its recent level."
                    )
            if problem is None:
                self.recent = (self.recent + [loss])[-self.window :]
        if problem is None:
            return None
        task.restore_finite()
        return (
            problem + " The weights from before that step were restored. "
            "Try a smaller learning rate."
        )


def check_step(task: LabTask, metrics: dict[str, float]) -> str | None:
    """One-off check of a single recorded step: non-finite loss or weights."""
    if _finite(metrics) and task.weights_finite():
        return None
    task.restore_finite()
    return (
        f"Training diverged at step {task.step}: the loss or the weights are not "
        "finite numbers. The last good weights were restored. "
        "Try a smaller learning rate."
    )


def training_loop(
    task: LabTask,
    clock: Callable[[], float] = time.perf_counter,
    capture: bool = True,
) -> Iterator[StepReport]:
    """Train ``task`` forever, one batch per ``next()``; stop on divergence.

    With ``capture`` false no snapshots are taken (benchmarks of the bare loop).
    """
    guard = DivergenceGuard(task)
    min_snapshot_gap = 1.0 / task.snapshot_hz if task.snapshot_hz > 0 else math.inf
    snapshot_gap, eval_gap = min_snapshot_gap, task.eval_interval_s
    last_snapshot = -math.inf
    last_eval = -math.inf
    while True:
        start = clock()
        metrics = task.train_step()
        problem = guard.check(metrics)
        now = clock()
        report = StepReport(
            step=task.step,
            epoch=task.epoch,
            metrics=metrics,
            samples=task.samples_per_step,
            seconds=now - start,
        )
        if problem:
            report.diverged = problem
            report.validation = task.evaluate()
            report.snapshot = task.snapshot() if capture else None
            yield report
            return
        if capture and now - last_eval >= eval_gap:
            report.validation = task.evaluate()
            last_eval = clock()
            # validation may take at most EVAL_BUDGET of the training time
            eval_gap = max(task.eval_interval_s, (last_eval - now) / EVAL_BUDGET)
            now = last_eval
        if capture and now - last_snapshot >= snapshot_gap:
            report.snapshot = task.snapshot()
            last_snapshot = clock()
            cost = last_snapshot - now
            snapshot_gap = max(min_snapshot_gap, cost / SNAPSHOT_BUDGET)
        yield report
