"""Metric history of one run: step-indexed series for the curves, bounded in memory."""

from __future__ import annotations

import numpy as np


class Series:
    """A growing (step, value) series; halves its resolution past ``capacity``."""

    def __init__(self, capacity: int = 20000):
        self.capacity = capacity
        self._x = np.empty(1024)
        self._y = np.empty(1024)
        self._n = 0
        self._stride = 1
        self._skipped = 0

    def append(self, x: float, y: float) -> None:
        self._skipped += 1
        if self._skipped < self._stride:
            return
        self._skipped = 0
        if self._n == len(self._x):
            self._x = np.resize(self._x, 2 * self._n)
            self._y = np.resize(self._y, 2 * self._n)
        self._x[self._n], self._y[self._n] = x, y
        self._n += 1
        if self._n >= self.capacity:
            keep = slice(0, self._n, 2)
            kept = len(range(*keep.indices(self._n)))
            self._x[:kept], self._y[:kept] = self._x[keep], self._y[keep]
            self._n = kept
            self._stride *= 2

    @property
    def x(self) -> np.ndarray:
        return self._x[: self._n]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self._n]

    def __len__(self) -> int:
        return self._n


class History:
    """All series of a run, by metric name (``loss``, ``acc``, ``val_loss`` ...)."""

    def __init__(self) -> None:
        self.series: dict[str, Series] = {}

    def add(self, step: int, metrics: dict[str, float]) -> None:
        series = self.series
        for name, value in metrics.items():
            found = series.get(name)
            if found is None:  # not setdefault: that built a Series for every value
                found = series[name] = Series()
            found.append(step, value)

    def get(self, name: str) -> Series | None:
        return self.series.get(name)

    def last(self, name: str) -> float | None:
        s = self.series.get(name)
        return float(s.y[-1]) if s is not None and len(s) else None

    def to_rows(self) -> list[dict[str, float]]:
        """One row per step that has any metric, for CSV export."""
        rows: dict[float, dict[str, float]] = {}
        for name, s in self.series.items():
            for x, y in zip(s.x, s.y):
                rows.setdefault(float(x), {"step": float(x)})[name] = float(y)
        return [rows[k] for k in sorted(rows)]
