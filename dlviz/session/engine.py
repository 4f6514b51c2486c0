"""The engine: owns one lab's task and runs it where the runner puts it (a worker
thread).

Commands are posted from any thread and handled between batches, so pause, stop and
reset take effect within one batch. :meth:`Engine.request_stop` sets the stop flag at
once (checked before every command and every batch) and cancels the request being
answered, so a stopping engine ends after its current batch or request. A stage's
request runs on the engine's thread between training steps (torch never runs on two
threads with the same model) and can be cancelled: see :mod:`dlviz.session.jobs`.
Results go to a :class:`Mailbox` that the GUI polls. The engine never imports Qt.

A lab that runs a user's own code (its factory has ``runs_user_code``; see
:func:`dlviz.core.usermodel.make_lab`) can hang in that code, where no stop flag is
ever checked. A Python thread cannot be killed, but while the engine is inside the
user's code (a flag set around every command and batch, under a lock)
:meth:`Engine.interrupt_user_code` raises :class:`UserCodeInterrupted` in the worker
thread (``PyThreadState_SetAsyncExc``): the step ends with its traceback, the engine
pauses and stays usable. :meth:`Engine.request_stop` interrupts at once. Code stuck
inside C (a ``time.sleep``, a library call) only sees the exception when it returns
to Python; :meth:`Engine.user_code_seconds` tells the interface it is still stuck.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch

from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.core.train.loop import StepReport, check_step, training_loop
from dlviz.session.jobs import (
    JobCancelled,
    RequestFailure,
    RequestJob,
    RequestProgress,
    RequestResult,
)
from dlviz.session.messages import (
    Failure,
    Mailbox,
    Progress,
    Result,
    Status,
    TraceReady,
)

#: Steps per second for the speed control; ``0`` means as fast as possible.
SPEEDS: tuple[float, ...] = (0.0, 100.0, 30.0, 10.0, 3.0, 1.0)


class UserCodeInterrupted(BaseException):
    """Raised in the worker thread to end a user's code that does not return.

    A BaseException, like KeyboardInterrupt, so ``except Exception`` in the user's
    code does not swallow it."""


@dataclass
class Command:
    name: str
    payload: dict[str, Any] = field(default_factory=dict)


class Engine:
    """Runs one lab. ``pump`` does the work; :class:`~dlviz.session.runner` decides
    on which thread.

    Parameters
    ----------
    spec, hparams, device
        What to build, validated by the session.
    run_id
        Stamped on every message so the GUI can drop stale ones.
    clock
        Injected for tests.
    """

    progress_hz = 30.0
    #: Seconds of recent steps over which ``samples_per_s`` is measured.
    rate_window_s = 2.0

    def __init__(
        self,
        spec: LabSpec,
        hparams: dict,
        device: torch.device,
        run_id: int,
        mailbox: Mailbox | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ):
        self.spec = spec
        self.hparams = dict(hparams)
        self.device = device
        self.run_id = run_id
        self.mailbox = mailbox or Mailbox()
        self.clock = clock
        self.task: LabTask | None = None
        self.running = False
        #: The stop flag: set by ``stop`` or :meth:`request_stop` (any thread);
        #: once set the engine does no more work after its current batch.
        self.stopped = False
        self.steps_per_second = 0.0
        #: Requests posted and not yet answered, by job id (any thread reads it).
        self._requests: dict[int, RequestJob] = {}
        self._requests_lock = threading.Lock()
        self._commands: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._loop = None
        self._pending = self._empty_progress()
        self._last_emit = -1e9
        self._next_step_at = 0.0
        self._idle_s = 0.0  # waited for the speed limit since the last message
        # (time, samples) of the steps of the last ``rate_window_s`` and their sum:
        # each step appends one and drops the expired ones, O(1) amortized
        self._rate_window: deque[tuple[float, int]] = deque()
        self._rate_samples = 0
        #: The lab runs a user's own code (its builds and steps can be interrupted).
        self.runs_user_code = bool(getattr(spec.factory, "runs_user_code", False))
        self._user_lock = threading.Lock()
        self._in_user_code = False
        self._user_code_since = 0.0
        self._user_thread: int | None = None
        self.post("reset")

    # -- commands (any thread) -----------------------------------------------------
    def post(self, name: str, **payload: Any) -> None:
        self._commands.put(Command(name, payload))

    def submit_request(self, kind: str, data: dict, job_id: int) -> RequestJob:
        """Post a stage's request; the returned job cancels it (its answer is
        then dropped, and the task may stop early: ``task.current_request``)."""
        job = RequestJob(job_id, kind, self._request_progress(job_id))
        with self._requests_lock:
            self._requests[job_id] = job
        self.post("request", kind=kind, data=data, job=job)
        return job

    def request_stop(self) -> None:
        """Stop from any thread: set the stop flag, cancel every request, wake the
        worker. The run ends after the batch or request in progress."""
        self.stopped = True
        with self._requests_lock:
            jobs = list(self._requests.values())
        for job in jobs:
            job.cancel()
        self.post("stop")
        self.interrupt_user_code()  # a user's step that never returns ends now

    # -- a user's code that does not return (any thread) ------------------------------
    def user_code_seconds(self) -> float:
        """How long the worker has been inside the user's code (0.0 when it is not)."""
        with self._user_lock:
            if not self._in_user_code:
                return 0.0
            return time.monotonic() - self._user_code_since

    def interrupt_user_code(self) -> bool:
        """Raise :class:`UserCodeInterrupted` in the worker thread if it is inside the
        user's code now; True when it was delivered. Python code ends at its next
        line; code inside C only when it returns to Python."""
        with self._user_lock:
            thread = self._user_thread
            if not self._in_user_code or thread is None:
                return False
            if thread == threading.get_ident():
                return False  # a synchronous runner: never interrupt the caller
            done = ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(thread), ctypes.py_object(UserCodeInterrupted)
            )
            return bool(done)

    def _run_user_code(self, fn: Callable, *args: Any) -> Any:
        with self._user_lock:
            self._user_thread = threading.get_ident()
            self._user_code_since = time.monotonic()
            self._in_user_code = True
        try:
            return fn(*args)
        finally:
            with self._user_lock:
                self._in_user_code = False
            _checkpoint()  # an interrupt delivered just now is raised here, inside

    # -- the worker side -----------------------------------------------------------
    def run(self) -> None:
        """Block handling commands and training until ``stop``; for a worker thread."""
        while not self.stopped:
            try:
                self.pump(block=True)
            except UserCodeInterrupted as exc:  # delivered as the guard was left
                self._interrupted(exc)
        self.running = False
        self._loop = None

    def pump(self, block: bool = False, max_steps: int = 1) -> int:
        """Handle pending commands, then train up to ``max_steps`` batches if running.

        With ``block`` the call waits for a command while idle or throttled.
        Returns the number of batches trained.
        """
        self._drain(block)
        trained = 0
        while self.running and not self.stopped and trained < max_steps:
            wait = self._next_step_at - self.clock()
            if wait > 0:
                if block:
                    since = self.clock()
                    self._drain(block=True, timeout=wait)
                    self._idle_s += self.clock() - since
                    continue
                break
            self._guard(self._train_one)
            trained += 1
            if self.steps_per_second > 0:
                self._next_step_at = self.clock() + 1.0 / self.steps_per_second
            if not self._commands.empty():
                self._drain(block=False)
        self._flush(force=not self.running)
        return trained

    def _drain(self, block: bool, timeout: float | None = None) -> None:
        idle = not self.running
        while not self.stopped:
            try:
                if block and (idle or timeout is not None):
                    cmd = self._commands.get(timeout=timeout)
                else:
                    cmd = self._commands.get_nowait()
            except queue.Empty:
                return
            self._guard(self._handle, cmd)
            block, timeout = False, None

    def _handle(self, cmd: Command) -> None:
        name, payload = cmd.name, cmd.payload
        if name == "request":
            self._request(payload)
            return
        if self.task is None and name not in ("stop", "reset", "speed", "to_cpu",
                                              "move"):
            raise RuntimeError(
                "The lab could not be built. Change its settings and press Reset."
            )
        if name == "stop":
            self.running = False
            self.stopped = True
            self._loop = None
            self._status("stopped")
        elif name == "play":
            if not self.running:
                self.running = True
                self._status("running")
        elif name == "pause":
            if self.running:
                self.running = False
                self._flush(force=True)
                self._status("paused")
        elif name == "step":
            self.running = False
            for _ in range(int(payload.get("count", 1))):
                if self.stopped or not self._train_one():
                    break
            self._flush(force=True)
            self._status("paused")
        elif name == "trace":
            self.running = False
            self._trace()
        elif name == "reset":
            self.running = False
            self._build()
        elif name == "speed":
            self.steps_per_second = float(payload["steps_per_second"])
            self._next_step_at = 0.0
        elif name == "to_cpu":
            self._move_to(torch.device("cpu"))
        elif name == "move":
            self._move_to(torch.device(payload["device"]))
        elif name == "load_state":
            self.task.load_state_dict(payload["state"])
            self._loop = None
            self._snapshot_now()
            self._status("paused", "Session loaded.")
        elif name == "save_state":
            callback = payload["callback"]
            callback(self.task.state_dict())
        else:
            raise ValueError(f"unknown engine command {name!r}")

    # -- requests ------------------------------------------------------------------
    def _request(self, payload: dict) -> None:
        """Answer a stage's request unless it was cancelled; a cancelled request's
        answer (or error) is dropped."""
        kind = payload["kind"]
        job: RequestJob | None = payload.get("job")
        if job is None:  # posted directly (scripts, benchmarks): not cancellable
            job = RequestJob(0, kind)
        task = self.task
        try:
            if job.cancelled:
                return
            if task is None:
                raise RuntimeError(
                    "The lab could not be built. Change its settings and press Reset."
                )
            task.current_request = job
            step_before = task.step
            try:
                data = task.handle(kind, payload.get("data", {}))
            finally:
                task.current_request = None
            if job.cancelled:
                return
            data = self._progress_of_request(task, step_before, data)
            if job.id:
                self.mailbox.put(RequestResult(self.run_id, kind, data, job=job.id))
            else:
                self.mailbox.put(Result(self.run_id, kind, data))
        except JobCancelled:
            return
        except Exception as exc:  # noqa: BLE001 - every error must reach the user
            if not job.cancelled:
                self._fail(exc, job.id)
        finally:
            with self._requests_lock:
                self._requests.pop(job.id, None)

    def _progress_of_request(self, task, step_before: int, data):
        """A request that trained (a manual D/G step) is progress like a training
        step: its step, metrics and snapshot reach the history, counters and curves
        through the mailbox; the result keeps only its own answer."""
        if not isinstance(data, dict) or not data.get("metrics"):
            return data
        if task.step <= step_before or data.get("hparams"):
            return data
        data = dict(data)
        metrics = {k: float(v) for k, v in data["metrics"].items()
                   if isinstance(v, (int, float))}
        report = StepReport(task.step, task.epoch, metrics,
                            task.samples_per_step, 0.0)
        report.snapshot = data.pop("snapshot", None)
        self._record(report)
        self._flush(force=True)
        return data

    def _request_progress(self, job_id: int) -> Callable[[float, str], None]:
        def report(fraction: float, text: str) -> None:
            self.mailbox.put(RequestProgress(self.run_id, job_id, fraction, text))

        return report

    # -- work --------------------------------------------------------------------
    def _build(self) -> None:
        self._loop = None
        self._pending = self._empty_progress()
        self.task = None
        self.task = self.spec.factory(dict(self.hparams), self.device)
        n_params = sum(p.numel() for p in self.task.parameters())
        self._snapshot_now()
        self._status("ready", info={"parameters": n_params, "device": str(self.device)})

    def _snapshot_now(self) -> None:
        task = self.task
        validation = task.evaluate()  # first: snapshots may reuse its results
        progress = Progress(
            run_id=self.run_id,
            step=task.step,
            epoch=task.epoch,
            samples_per_s=0.0,
            metrics={},
            val_points=[],
            snapshot=task.snapshot(),
            snapshot_step=task.step,
        )
        if validation:
            progress.val_points.append((task.step, validation))
        self.mailbox.put(progress)

    def _train_one(self) -> bool:
        """One batch through the training generator; False when it diverged."""
        if self._loop is None:
            self._loop = training_loop(self.task, clock=self.clock)
        report: StepReport = next(self._loop)
        self._record(report)
        if report.diverged:
            self._loop = None
            self.running = False
            self._flush(force=True)
            self._status("diverged", report.diverged)
            return False
        self._flush()
        return True

    def _trace(self) -> None:
        task = self.task
        trace = task.trace_step()
        metrics = dict(getattr(trace, "metrics", {}) or {})
        problem = check_step(task, metrics) if metrics else None
        self.mailbox.put(TraceReady(self.run_id, trace))
        if metrics:
            report = StepReport(
                task.step, task.epoch, metrics, task.samples_per_step, 0.0
            )
            report.validation = task.evaluate()
            report.snapshot = task.snapshot()
            self._record(report)
        self._flush(force=True)
        self._status("diverged" if problem else "paused", problem or "")

    def _record(self, report: StepReport) -> None:
        now = self.clock()
        window = self._rate_window
        window.append((now, report.samples))
        self._rate_samples += report.samples
        while now - window[0][0] > self.rate_window_s:
            self._rate_samples -= window.popleft()[1]
        pending = self._pending
        pending.step, pending.epoch = report.step, report.epoch
        pending.metrics = report.metrics
        pending.points.append((report.step, report.metrics))
        if report.validation:
            pending.val_points.append((report.step, report.validation))
        if report.snapshot is not None:
            pending.snapshot, pending.snapshot_step = report.snapshot, report.step
        # samples after the oldest step were trained in the time since it ended
        span = now - window[0][0]
        if len(window) > 1 and span > 0:
            pending.samples_per_s = (self._rate_samples - window[0][1]) / span

    def flush(self) -> None:
        """Deliver pending progress now (the synchronous runner calls it)."""
        self._flush(force=True)

    def _flush(self, force: bool = False) -> None:
        now = self.clock()
        pending = self._pending
        if not (pending.points or pending.snapshot is not None or pending.val_points):
            return
        if force or now - self._last_emit >= 1.0 / self.progress_hz:
            if now > self._last_emit:
                pending.idle_share = min(1.0, self._idle_s / (now - self._last_emit))
            self._idle_s = 0.0
            self.mailbox.put(pending)
            self._pending = self._empty_progress()
            self._last_emit = now

    def _empty_progress(self) -> Progress:
        return Progress(self.run_id, 0, 0.0, 0.0, {})

    def _move_to(self, device: torch.device) -> None:
        """Rebuild the task on ``device`` with its weights, optimizer state and step
        (the GPU ran out of memory, or the user chose another device); a running
        run keeps running."""
        state = _to_cpu(self.task.state_dict()) if self.task is not None else None
        self.device = device
        self._build()
        if state is not None:
            self.task.load_state_dict(state)
            self._snapshot_now()
        where = "the CPU" if device.type == "cpu" else str(device)
        self._status("running" if self.running else "paused",
                     f"Continuing on {where}.", info={"device": str(device)})

    def _status(self, state: str, message: str = "", info: dict | None = None) -> None:
        self.mailbox.put(Status(self.run_id, state, message, info or {}))

    def _guard(self, fn: Callable, *args: Any) -> Any:
        """Run ``fn``; report any exception as a Failure and pause, never die."""
        since = time.monotonic()
        try:
            if self.runs_user_code:
                return self._run_user_code(fn, *args)
            return fn(*args)
        except UserCodeInterrupted as exc:
            self._interrupted(exc, time.monotonic() - since)
            return None
        except Exception as exc:  # noqa: BLE001 - every error must reach the user
            self._fail(exc)
            return None

    def _interrupted(self, exc: UserCodeInterrupted, seconds: float = 0.0) -> None:
        """The user's code was interrupted: say so with its traceback and pause (a
        stopping engine says nothing; its messages would be dropped anyway)."""
        self.running = False
        self._loop = None
        if self.stopped:
            return
        details = "".join(traceback.format_exception(exc))
        text = (f"Your model's step was stopped after {seconds:.0f} s (it had not "
                "finished). Details… shows the line it was running.")
        self.mailbox.put(Failure(self.run_id, text, details, "interrupted"))
        self._status("error", text)

    def _fail(self, exc: Exception, job: int = 0) -> None:
        """Report ``exc`` (being handled) as a Failure and pause."""
        self.running = False
        self._loop = None
        kind = "out_of_memory" if _is_oom(exc) else "error"
        text = f"{type(exc).__name__}: {exc}"
        details = traceback.format_exc()
        if job:
            failure = RequestFailure(self.run_id, text, details, kind, job=job)
        else:
            failure = Failure(self.run_id, text, details, kind)
        self.mailbox.put(failure)
        self._status("error", text)


def _checkpoint() -> None:
    """A Python call: the interpreter raises a pending asynchronous exception on
    entering it."""


def _is_oom(exc: BaseException) -> bool:
    oom = getattr(torch.cuda, "OutOfMemoryError", None)
    if oom is not None and isinstance(exc, oom):
        return True
    return "out of memory" in str(exc).lower()


def _to_cpu(obj: Any) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_cpu(v) for v in obj)
    return obj
