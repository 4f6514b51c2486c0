"""Messages from the engine (worker thread) to the session (GUI thread), and the
mailbox.

Progress is delivered latest-wins: a newer progress message merges into a pending one
(metric points are kept, the snapshot is replaced), so a slow interface never makes the
worker queue up work. Every other event (status, errors, traces, results) is kept in
order. Run ids only grow: once a run's message has arrived, messages of older runs are
dropped, and a newer run's progress replaces an older run's pending one whole (their
points and snapshots belong to different weights). Everything here is plain Python and
numpy.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Progress:
    """Training progress since the last delivered message."""

    run_id: int
    step: int
    epoch: float
    samples_per_s: float
    metrics: dict[str, float]
    #: (step, metrics) of every batch since the last message, for the curves.
    points: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    #: (step, validation metrics) since the last message.
    val_points: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    snapshot: dict[str, Any] | None = None
    snapshot_step: int = -1
    #: Share of the time since the previous message that the engine waited for
    #: the speed limit (0 at full speed): the window may draw freely when high.
    idle_share: float = 0.0

    def merge(self, newer: Progress) -> Progress:
        """Combine with a newer message of the same run (newer counters win)."""
        newer.points = self.points + newer.points
        newer.val_points = self.val_points + newer.val_points
        if newer.snapshot is None:
            newer.snapshot, newer.snapshot_step = self.snapshot, self.snapshot_step
        return newer


@dataclass
class Status:
    """The run changed state: ``ready``, ``running``, ``paused``, ``diverged``,
    ``error``, ``stopped``."""

    run_id: int
    state: str
    message: str = ""
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class Failure:
    """An exception in the worker, reported to the user with its details."""

    run_id: int
    text: str
    details: str
    kind: str = "error"  # "error" or "out_of_memory"


@dataclass
class TraceReady:
    """A recorded training step for the step-through views."""

    run_id: int
    trace: Any


@dataclass
class Result:
    """The answer to a stage's request (prediction on a drawing, an attribution ...)."""

    run_id: int
    kind: str
    data: dict[str, Any]


Event = Status | Failure | TraceReady | Result


class Mailbox:
    """Thread-safe hand-over from the worker to the GUI: latest-wins progress plus
    an ordered list of events."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._events: list[Event] = []
        #: The newest run heard from; anything older is stale.
        self._run_id: int | None = None

    def put(self, message: Progress | Event) -> None:
        with self._lock:
            if self._run_id is not None and message.run_id < self._run_id:
                return  # a stale run: never let it replace or follow the current one
            if self._run_id is not None and message.run_id > self._run_id:
                self._events = [e for e in self._events if e.run_id >= message.run_id]
            self._run_id = message.run_id
            if isinstance(message, Progress):
                pending = self._progress
                if pending is not None and pending.run_id == message.run_id:
                    message = pending.merge(message)
                self._progress = message
            else:
                self._events.append(message)

    def take(self) -> tuple[Progress | None, list[Event]]:
        """Everything pending: the merged progress and the events, in order."""
        with self._lock:
            progress, events = self._progress, self._events
            self._progress, self._events = None, []
        return progress, events
