"""Axis ranges that follow live data without moving on every frame.

Setting a plot's range re-lays out and redraws its axes, often the largest part of a
frame. :class:`SteadyRange` grows at once (to hold the old range and the new data)
and shrinks only when the data have used less than a share of it for a while, so a
value that wobbles, or snapshots that alternate, leave the axis alone.
"""

from __future__ import annotations

import time


class SteadyRange:
    """A range (lo, hi) for data (lo, hi) with ``pad`` (shares of the data's span
    added below and above)."""

    def __init__(self, pad: tuple[float, float] = (0.05, 0.1), use: float = 0.5,
                 shrink_after_s: float = 1.0):
        self.pad = pad
        self.use = use
        self.shrink_after_s = shrink_after_s
        self.range: tuple[float, float] | None = None
        self._small_since: float | None = None

    def _padded(self, lo: float, hi: float) -> tuple[float, float]:
        span = max(hi - lo, 1e-9)
        return lo - self.pad[0] * span, hi + self.pad[1] * span

    def update(self, lo: float, hi: float) -> tuple[float, float] | None:
        """The new range when it must change for data ``lo … hi``, else None."""
        wanted = self._padded(lo, hi)
        if self.range is None:
            self.range, self._small_since = wanted, None
            return self.range
        r_lo, r_hi = self.range
        if lo < r_lo or hi > r_hi:  # grow at once, keeping what was shown
            self.range = (min(wanted[0], r_lo), max(wanted[1], r_hi))
            self._small_since = None
            return self.range
        if (wanted[1] - wanted[0]) >= self.use * (r_hi - r_lo):
            self._small_since = None
            return None
        now = time.monotonic()
        if self._small_since is None:
            self._small_since = now
        if now - self._small_since < self.shrink_after_s:
            return None
        self.range, self._small_since = wanted, None
        return self.range

    def reset(self) -> None:
        self.range, self._small_since = None, None
