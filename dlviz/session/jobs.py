"""One-off jobs that can be cancelled: the token a job checks, and the messages of a
stage's request (answered by the engine between training steps). No Qt here.

Cancellation is cooperative: whoever cancels sets the token; the job may check it
(``token.cancelled``, ``token.check()``, ``token.sleep()``) and stop early, and its
result is dropped either way, so a job that never checks only costs time on its own
thread. The GUI never waits for one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from dlviz.session.messages import Failure, Result


class JobCancelled(Exception):
    """Raised by :meth:`CancelToken.check` in a job that was cancelled."""


class CancelToken:
    """A thread-safe cancel flag with throttled progress reports.

    Parameters
    ----------
    report
        Called with ``(fraction, text)`` from the job's thread when it reports
        progress; at most every ``report_every_s`` seconds (and always for 1.0).
    """

    report_every_s = 0.1

    def __init__(self, report: Callable[[float, str], None] | None = None):
        self._event = threading.Event()
        self._report = report
        self._last_report = -1e9

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` when cancelled; call it between work units."""
        if self._event.is_set():
            raise JobCancelled

    def sleep(self, seconds: float) -> bool:
        """Wait ``seconds`` or until cancelled; True when cancelled."""
        return self._event.wait(seconds)

    def progress(self, fraction: float, text: str = "") -> None:
        """Report how far the job is (0..1); throttled, safe from any thread."""
        if self._report is None:
            return
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_report < self.report_every_s:
            return
        self._last_report = now
        self._report(min(1.0, max(0.0, float(fraction))), text)


class RequestJob(CancelToken):
    """A stage's request while the engine answers it.

    During :meth:`~dlviz.core.train.task.LabTask.handle` the engine puts it on the
    task as ``task.current_request``, so a long answer (integrated gradients, a beam
    search) may check ``cancelled`` or report ``progress`` between its own steps.
    """

    def __init__(
        self,
        job_id: int,
        kind: str,
        report: Callable[[float, str], None] | None = None,
    ):
        super().__init__(report)
        self.id = job_id
        self.kind = kind


@dataclass
class RequestResult(Result):
    """The answer to request ``job``."""

    job: int = 0


@dataclass
class RequestFailure(Failure):
    """Request ``job`` raised."""

    job: int = 0


@dataclass
class RequestProgress:
    """How far request ``job`` is (an event; the session updates its pending list)."""

    run_id: int
    job: int
    fraction: float
    text: str = ""


@dataclass
class PendingRequest:
    """A request the session waits for (shown as "working…" when it takes long)."""

    job: RequestJob
    kind: str
    sent_at: float
    fraction: float | None = None
    text: str = ""

    def age(self, now: float | None = None) -> float:
        return (time.monotonic() if now is None else now) - self.sent_at
