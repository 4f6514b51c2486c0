"""How often the window may draw while a lab trains: a budget of the GUI thread's time.

Training runs on a worker thread but shares Python's GIL with the GUI thread: while
the GUI thread draws (pyqtgraph paints in Python), the worker waits. So drawing at a
fixed 30 Hz slows a lab whose frame is expensive, or whose steps are tiny, by much more
than the design allows (≤ 15 %). The window instead asks :class:`RedrawBudget` before
each redraw: a token bucket over the GUI thread's CPU time, refilled at ``share`` of
the wall time. A cheap frame redraws at the timer's full rate; an expensive one as
often as the share allows (an 8 ms frame with an 8 % share: ~10 times a second).

Everything the GUI thread does counts (drawing, painting, input), measured with
``time.thread_time`` on the GUI thread; no Qt here.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class RedrawBudget:
    """Allow a redraw while the GUI thread has used at most ``share`` of the time.

    Parameters
    ----------
    share
        The GUI thread's share of the wall time that drawing may use.
    burst_s
        Unused budget saved up while idle, at most this many seconds of CPU time
        (a single expensive frame after a pause is drawn at once).
    max_debt_s
        Overspending counted at most this many seconds: a long job on the GUI
        thread (an export) holds drawing back for at most ``max_debt_s / share``.
    clock, cpu_clock
        Wall clock and this thread's CPU clock (injected for tests).
    """

    def __init__(
        self,
        share: float = 0.08,
        burst_s: float = 0.05,
        max_debt_s: float = 0.1,
        clock: Callable[[], float] = time.perf_counter,
        cpu_clock: Callable[[], float] = time.thread_time,
    ):
        self.share = share
        self.burst_s = burst_s
        self.max_debt_s = max_debt_s
        self.clock = clock
        self.cpu_clock = cpu_clock
        self.debt = 0.0
        self._last = (clock(), cpu_clock())

    def allows(self) -> bool:
        """Charge the GUI time used since the last call; True when drawing now
        keeps the GUI thread within its share."""
        now, cpu = self.clock(), self.cpu_clock()
        last_now, last_cpu = self._last
        self._last = (now, cpu)
        used = max(0.0, cpu - last_cpu)
        earned = self.share * max(0.0, now - last_now)
        self.debt = min(self.max_debt_s,
                        max(-self.burst_s, self.debt + used - earned))
        return self.debt <= 0.0

    def reset(self) -> None:
        """Start afresh (training starts): what the GUI did before is not charged,
        and the saved-up burst is full, so the first frames of a run are drawn."""
        self.debt = -self.burst_s
        self._last = (self.clock(), self.cpu_clock())
