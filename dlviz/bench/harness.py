"""Alternating A/B blocks and medians."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Row:
    """One line of the results table."""

    group: str
    name: str
    value: float
    target: str
    ok: bool | None
    detail: str = ""
    extra: dict = field(default_factory=dict)


def alternate(
    run_a: Callable[[], float],
    run_b: Callable[[], float],
    blocks: int = 6,
    warmup: int = 1,
) -> tuple[float, float, float]:
    """Run ``warmup`` + ``blocks`` alternating blocks; each callable returns a
    per-unit time. Returns (median A, median B, median of per-pair B/A)."""
    for _ in range(warmup):
        run_a()
        run_b()
    a_times, b_times, ratios = [], [], []
    for i in range(blocks):
        # alternate the order too, so neither side always runs second
        if i % 2 == 0:
            a, b = run_a(), run_b()
        else:
            b, a = run_b(), run_a()
        a_times.append(a)
        b_times.append(b)
        ratios.append(b / a)
    return statistics.median(a_times), statistics.median(b_times), statistics.median(
        ratios
    )


def per_step(fn: Callable[[], object], seconds: float) -> Callable[[], float]:
    """A block that calls ``fn`` for about ``seconds`` and returns time per call."""

    def block() -> float:
        n = 0
        start = time.perf_counter()
        end = start + seconds
        while True:
            fn()
            n += 1
            now = time.perf_counter()
            if now >= end:
                return (now - start) / n

    return block


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]
