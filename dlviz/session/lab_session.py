"""The evented state of one open lab, and the commands on it. No Qt here.

The GUI calls the commands (play, pause, step, trace, reset ...), polls the session at
its redraw rate, and listens to the signals. Messages of an older run are dropped by
run id, so after a reset or a lab switch nothing stale is ever shown.

The GUI never waits long for a thread: a reset, new settings or a lab switch stop the
old run with a short timeout (:attr:`LabSession.stop_wait_s`) and let it finish in the
background. A stage's request is a cancellable job (:meth:`LabSession.request`,
:meth:`LabSession.cancel_request`); the answer of a cancelled one never lands.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

import torch
from psygnal import Signal

from dlviz.core.labs.base import LabSpec
from dlviz.core.params import ParamError
from dlviz.session.engine import Engine
from dlviz.session.history import History
from dlviz.session.jobs import PendingRequest, RequestProgress
from dlviz.session.messages import Failure, Progress, Result, Status, TraceReady
from dlviz.session.runner import Runner

_RUN_IDS = itertools.count(1)
_JOB_IDS = itertools.count(1)


class LabSession:
    """One lab: its hyperparameters, its run, its history and its latest snapshot."""

    status_changed = Signal(str, str)  # state, message
    progress = Signal(object)  # Progress (merged since the last poll)
    snapshot_changed = Signal(object)  # dict
    failed = Signal(object)  # Failure
    trace_ready = Signal(object)  # Trace
    result_ready = Signal(str, object)  # kind, data
    hparams_changed = Signal(object)  # dict
    run_reset = Signal()
    request_finished = Signal(int, str)  # job id, "done" | "failed" | "cancelled"

    #: Seconds the GUI thread waits for a stopped run before letting it finish in
    #: the background (reset, new settings, lab switch).
    stop_wait_s = 0.1

    def __init__(
        self,
        spec: LabSpec,
        runner_factory: Callable[[], Runner],
        device: torch.device,
        hparams: dict | None = None,
    ):
        self.spec = spec
        self.device = device
        self._runner_factory = runner_factory
        self.hparams = spec.resolve(hparams)
        self.runner: Runner | None = None
        self.engine: Engine | None = None
        self.run_id = 0
        self.state = "idle"
        self.message = ""
        self.info: dict[str, Any] = {}
        self.history = History()
        self.snapshot: dict[str, Any] | None = None
        self.snapshot_step = -1
        self.step = 0
        self.epoch = 0.0
        self.samples_per_s = 0.0
        #: Share of the time the engine waits for the speed limit (see Progress).
        self.idle_share = 0.0
        self.metrics: dict[str, float] = {}
        self.validation: dict[str, float] = {}
        self.trace = None
        #: Requests waiting for their answer, by job id (oldest first).
        self.requests: dict[int, PendingRequest] = {}

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        """Build the task (in the runner) with the current hyperparameters."""
        self.shutdown(timeout=self.stop_wait_s)
        self._launch()

    def _launch(self) -> None:
        self.cancel_request()  # answers for the old run are of no use
        self.run_id = next(_RUN_IDS)
        self.history = History()
        self.snapshot, self.snapshot_step = None, -1
        self.step, self.epoch, self.samples_per_s = 0, 0.0, 0.0
        self.metrics, self.validation, self.trace = {}, {}, None
        self.engine = Engine(self.spec, self.hparams, self.device, self.run_id)
        self.runner = self._runner_factory()
        self._set_state("building", "")
        self.run_reset.emit()
        self.runner.start(self.engine)

    def shutdown(self, timeout: float | None = None) -> None:
        """Stop the run and wait for its thread, at most ``timeout`` seconds
        (``None``: until it ended; otherwise the runner joins it later). Safe to
        call twice."""
        self.cancel_request()
        self._stop_current(timeout)
        self._drop_fallback(timeout)

    def _stop_current(self, timeout: float | None = stop_wait_s) -> None:
        if self.runner is not None:
            self.runner.stop(timeout)
        self.runner, self.engine = None, None

    # -- keeping the previous run while new settings build -----------------------------
    _RUN_FIELDS = (
        "hparams", "engine", "runner", "run_id", "state", "message", "info",
        "history", "snapshot", "snapshot_step", "step", "epoch", "samples_per_s",
        "idle_share", "metrics", "validation", "trace",
    )  # fmt: skip
    _fallback: dict[str, Any] | None = None

    def _drop_fallback(self, timeout: float | None = stop_wait_s) -> None:
        fallback, self._fallback = self._fallback, None
        if fallback is not None and fallback["runner"] is not None:
            fallback["runner"].stop(timeout)

    def _restore_fallback(self, failure: Failure) -> None:
        """The new settings could not be built: back to the previous run (paused)."""
        self._stop_current()
        fallback, self._fallback = self._fallback, None
        for name, value in fallback.items():
            setattr(self, name, value)
        self.hparams_changed.emit(dict(self.hparams))
        self.failed.emit(
            Failure(
                self.run_id,
                f"{failure.text} (these settings were not applied; "
                "the previous run continues)",
                failure.details,
                failure.kind,
            )
        )
        self._set_state("paused", self.message)
        if self.snapshot is not None:
            self.snapshot_changed.emit(self.snapshot)

    # -- commands ----------------------------------------------------------------
    def play(self) -> None:
        self._post("play")

    def pause(self) -> None:
        self._post("pause")

    def toggle(self) -> None:
        self.pause() if self.state == "running" else self.play()

    def step_once(self, count: int = 1) -> None:
        self._post("step", count=count)

    def record_trace(self) -> None:
        """Train one step while recording it for the step-through views."""
        self._post("trace")

    def reset(self) -> None:
        """Re-initialise with the same seed: identical weights and batches."""
        self.start()

    def set_speed(self, steps_per_second: float) -> None:
        self._post("speed", steps_per_second=steps_per_second)

    def request(self, kind: str, data: dict | None = None) -> int:
        """Ask the task (between training steps, on the engine's thread); returns
        the job id. The answer comes as ``result_ready``, then ``request_finished``."""
        if self.engine is None:
            return 0
        job_id = next(_JOB_IDS)
        job = self.engine.submit_request(kind, data or {}, job_id)
        self.requests[job_id] = PendingRequest(job, kind, time.monotonic())
        return job_id

    def cancel_request(self, job_id: int | None = None) -> None:
        """Stop waiting for request ``job_id`` (all when None): the task is told (it
        may stop early) and its answer, when it comes, is dropped."""
        ids = list(self.requests) if job_id is None else [job_id]
        for job in ids:
            pending = self.requests.pop(job, None)
            if pending is not None:
                pending.job.cancel()
                self.request_finished.emit(job, "cancelled")

    def oldest_request(self) -> PendingRequest | None:
        """The request waited for longest (None when none is pending)."""
        return next(iter(self.requests.values()), None)

    def continue_on_cpu(self) -> None:
        """After the GPU ran out of memory: rebuild on the CPU with the weights."""
        self.device = torch.device("cpu")
        self._post("to_cpu")

    def move_to(self, device: torch.device) -> None:
        """Go on training on ``device``: the task is rebuilt there with its weights,
        optimizer state and step (the run, its history and its rewind stay)."""
        if device == self.device:
            return
        self.device = device
        if self.engine is None:
            return
        self._post("move", device=str(device))

    def set_hparams(self, values: dict) -> None:
        """Validate and apply new hyperparameters and restart (raises ParamError)."""
        merged = dict(self.hparams)
        merged.update(values)
        resolved = self.spec.resolve(merged)
        if resolved == self.hparams:
            return
        live = set(getattr(self.spec.factory, "live_hparams", ()))
        changed = {k: v for k, v in resolved.items() if self.hparams.get(k) != v}
        if set(changed) <= live and self.engine is not None and self.state in (
            "ready", "running", "paused"
        ):
            # settings the running task applies itself: no rebuild, no retraining
            self.hparams = resolved
            self.hparams_changed.emit(dict(resolved))
            self.request("set_hparams", changed)
            return
        built = self.state not in ("idle", "building", "error")
        if self._fallback is None and self.engine is not None and built:
            # keep the previous run, paused, until the new settings have been built
            self.engine.post("pause")
            self._fallback = {name: getattr(self, name) for name in self._RUN_FIELDS}
            self._fallback["info"] = dict(self.info)
            self.runner, self.engine = None, None
        else:
            self._stop_current()
        self.hparams = resolved
        self.hparams_changed.emit(dict(resolved))
        self._launch()

    def _post(self, name: str, **payload: Any) -> None:
        if self.engine is not None:
            self.engine.post(name, **payload)

    # -- messages from the engine --------------------------------------------------
    def poll(self) -> bool:
        """Apply everything the engine delivered since the last poll.

        Returns True when anything changed. Called by the GUI's redraw timer.
        """
        if self.engine is None:
            return False
        progress, events = self.engine.mailbox.take()
        changed = False
        if progress is not None and progress.run_id == self.run_id:
            self._apply_progress(progress)
            changed = True
        for event in events:
            if getattr(event, "run_id", None) != self.run_id:
                continue
            changed = True
            if isinstance(event, RequestProgress):
                pending = self.requests.get(event.job)
                if pending is not None:
                    pending.fraction, pending.text = event.fraction, event.text
                continue
            job = getattr(event, "job", 0)
            if job and self.requests.pop(job, None) is None:
                continue  # a cancelled request: its answer is dropped
            if isinstance(event, Status):
                if event.state == "ready":
                    self._drop_fallback()
                self.info.update(event.info)
                self._set_state(event.state, event.message)
            elif isinstance(event, Failure):
                if self._fallback is not None and self.state == "building" and not job:
                    self._restore_fallback(event)
                    return True
                self.failed.emit(event)
                if job:
                    self.request_finished.emit(job, "failed")
            elif isinstance(event, TraceReady):
                self.trace = event.trace
                self.trace_ready.emit(event.trace)
            elif isinstance(event, Result):
                self._apply_result(event)
                if job:
                    self.request_finished.emit(job, "done")
        return changed

    def _apply_result(self, event: Result) -> None:
        """A result carries only its own answer: a snapshot that came with it (the
        task changed: a manual step, a new target) becomes the live snapshot — shown
        through the one path to the stage, never drawn over a rewound step."""
        data = event.data
        snapshot = None
        if isinstance(data, dict) and "snapshot" in data:
            data = dict(data)
            snapshot = data.pop("snapshot")
        if isinstance(data, dict) and data.get("hparams"):
            self._task_restarted(data, snapshot)
        elif snapshot is not None:
            self.snapshot, self.snapshot_step = snapshot, self.step
            self.snapshot_changed.emit(snapshot)
        if isinstance(data, dict) and data.get("applied_hparams"):
            # settings the task changed in itself (a stage's slider)
            self.hparams.update(data["applied_hparams"])
            self.hparams_changed.emit(dict(self.hparams))
        self.result_ready.emit(event.kind, data)

    def _task_restarted(self, data: dict, snapshot: dict | None = None) -> None:
        """The task rebuilt itself with new settings (a preset) and starts again at
        step 0: the old run's history and counters go, as after a reset."""
        self.hparams.update(data["hparams"])
        self.history = History()
        self.step, self.epoch, self.samples_per_s = 0, 0.0, 0.0
        self.metrics, self.validation, self.trace = {}, {}, None
        self.run_reset.emit()
        self.hparams_changed.emit(dict(self.hparams))
        if snapshot is not None:
            self.snapshot, self.snapshot_step = snapshot, 0
            self.snapshot_changed.emit(snapshot)

    def _apply_progress(self, p: Progress) -> None:
        for step, metrics in p.points:
            self.history.add(step, metrics)
        for step, metrics in p.val_points:
            self.history.add(step, metrics)
            self.validation = dict(metrics)
        if p.points:
            self.step, self.epoch = p.step, p.epoch
            self.metrics = dict(p.metrics)
            self.samples_per_s = p.samples_per_s
            self.idle_share = p.idle_share
        elif p.snapshot is not None:
            # a snapshot without training (a reset, a loaded session): its step counts
            self.step, self.epoch = p.step, p.epoch
        if p.snapshot is not None:
            self.snapshot, self.snapshot_step = p.snapshot, p.snapshot_step
            self.snapshot_changed.emit(p.snapshot)
        self.progress.emit(p)

    def _set_state(self, state: str, message: str) -> None:
        self.state, self.message = state, message
        self.status_changed.emit(state, message)


__all__ = ["LabSession", "ParamError"]
