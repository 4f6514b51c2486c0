"""One-off background jobs of the window (opening a session file, encoding a GIF) and
the "working… Cancel" banner of a stage's long request.

:class:`Job` is a small QThread-based job rather than superqt's ``thread_worker``:
superqt runs workers on the global ``QThreadPool``, which can only be joined as a whole
(``waitForDone``), while a window must join exactly its own jobs when it closes and a
QThread must never be destroyed while it runs. A :class:`Job` owns one named QThread,
is kept alive in :attr:`Job.live` until that thread has ended and been joined, and
follows the engine's shutdown path: cancel (a flag the function checks), ``wait()``,
never ``terminate()``. Its outcome reaches the GUI thread through queued signals; a
cancelled job never delivers its result.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from dlviz.session.jobs import CancelToken, JobCancelled
from dlviz.ui.worker import QtThreadRunner

_CONTEXT = "dlviz.jobs"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class _JobThread(QThread):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:  # the job's own thread
        self._job._run_in_thread()


class Job(QObject):
    """Run ``fn(token)`` once on its own QThread.

    ``fn`` may call ``token.check()`` / read ``token.cancelled`` between units of
    work and ``token.progress(fraction)``; it returns the result or raises.

    Signals (GUI thread, after the thread ended): ``succeeded(result)``,
    ``failed(text, details)``, ``cancelled()``, then always ``done()``;
    ``progressed(fraction)`` while it runs.
    """

    succeeded = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()
    done = Signal()
    progressed = Signal(float)

    #: Every job whose thread may still run (never garbage-collected while it does).
    live: set[Job] = set()

    def __init__(self, fn: Callable[[CancelToken], Any], name: str, owner: Any = None):
        super().__init__()
        self.fn = fn
        self.name = name
        #: Who joins it (the window); see :func:`finish_jobs`.
        self.owner = owner
        self.token = CancelToken(self._report)
        self.outcome = ""  # "done", "failed" or "cancelled" once finished
        self.result: Any = None
        self._error: tuple[str, str] | None = None
        self._thread = _JobThread(self)
        self._thread.setObjectName(f"dlviz-job-{name}")
        self._thread.finished.connect(self._finish)

    def _report(self, fraction: float, _text: str) -> None:  # the job's thread
        self.progressed.emit(fraction)

    def start(self) -> Job:
        Job.live.add(self)
        self._thread.start()
        return self

    def _run_in_thread(self) -> None:
        try:
            self.token.check()
            self.result = self.fn(self.token)
        except JobCancelled:
            pass
        except Exception as exc:  # noqa: BLE001 - reported to the user
            self._error = (f"{type(exc).__name__}: {exc}", traceback.format_exc())

    # -- GUI thread ----------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the function to stop; whatever it returns is dropped."""
        self.token.cancel()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def wait(self, timeout: float | None = None) -> bool:
        """Join the thread, at most ``timeout`` seconds; True when it ended (its
        outcome is then delivered at once)."""
        thread = self._thread
        if thread is None:
            return True
        if timeout is None:
            ended = thread.wait()
        else:
            ended = thread.wait(max(0, int(timeout * 1000)))
        if ended:
            self._finish()
        return ended

    def _finish(self) -> None:
        if self.outcome or self._thread is None:
            return
        if self._thread.isRunning():  # a late queued signal; wait() finishes it
            self._thread.wait()
        if self.token.cancelled:
            self.outcome, self.result = "cancelled", None
            self.cancelled.emit()
        elif self._error is not None:
            self.outcome = "failed"
            self.failed.emit(*self._error)
        else:
            self.outcome = "done"
            self.succeeded.emit(self.result)
        self._thread.deleteLater()
        self._thread = None
        Job.live.discard(self)
        self.done.emit()
        # Qt deletes it from the event loop, never inside this slot (which the last
        # Python reference may be dropping right now)
        self.deleteLater()


def finish_jobs(owner: Any, timeout: float = 2.0) -> list[Job]:
    """Cancel ``owner``'s jobs and join them, at most ``timeout`` seconds in all
    (they check their flag, so they end within one unit of work). Returns the jobs
    still running then: they stay in :attr:`Job.live` and :func:`join_everything`
    waits for them."""
    import time

    jobs = [job for job in list(Job.live) if job.owner is owner]
    for job in jobs:
        job.cancel()
    deadline = time.monotonic() + timeout
    return [j for j in jobs if not j.wait(max(0.0, deadline - time.monotonic()))]


def join_everything(owner: Any) -> None:
    """Closing the window: cancel and join its jobs, then stop and join every engine
    run (the current one and stopped ones still finishing). Nothing is terminated;
    a job that ignores its flag is waited for."""
    for job in finish_jobs(owner):
        job.wait()
    QtThreadRunner.join_all()


class RequestWatcher(QObject):
    """Shows "working…" with Cancel in the window's message bar while a stage's
    request takes longer than :attr:`show_after_s`; Cancel drops its answer.

    It polls the window's current session (so it follows lab switches without
    connecting to each session) a few times a second.
    """

    ACTION = "cancel_request"
    show_after_s = 0.5
    poll_ms = 100

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.bar = window.message_bar
        self.bar.action_triggered.connect(self._on_action)
        self.timer = QTimer(self)
        self.timer.setInterval(self.poll_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _showing(self) -> bool:
        return self.bar.isVisible() and self.bar.action == self.ACTION

    def check(self) -> None:
        session = getattr(self.window, "session", None)
        pending = session.oldest_request() if session is not None else None
        if pending is None or pending.age() < self.show_after_s:
            if pending is None and self._showing():
                self.bar.hide()
            return
        text = _tr("Working…")
        if pending.text:
            text = f"{text} {pending.text}"
        if self._showing():
            self.bar.set_progress(pending.fraction, text)
        elif not (self.bar.isVisible() and self.bar.progress.isVisible()):
            # over an older message, but never over other work (a GIF encoding)
            self.bar.show_progress(
                text, pending.fraction, action=self.ACTION, action_text=_tr("Cancel")
            )

    def _on_action(self, action: str) -> None:
        session = getattr(self.window, "session", None)
        if action == self.ACTION and session is not None:
            session.cancel_request()
            self.window.statusBar().showMessage(_tr("Request cancelled."), 4000)
