"""Questions from the current run: generated from the values the lab shows now.

A live kind reads the snapshot the stage draws (made on the engine's thread by the
lab's own ``snapshot()``: the current weights, gate values, attention maps, masks
...) and the step it was taken at. Its answer is the lab's own computed value (or is
computed from the snapshot with the functions the lab uses), and its prompt states
the step. No snapshot, or a lab that has not trained a step yet: no question
(:class:`~dlviz.core.practice.model.NoQuestion`). No Qt here; the interface runs
these on a background job with the snapshot it shows.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from dlviz.core.practice.model import NEAR_MISS, Draft, NoQuestion, Question, finish

#: The run must have trained at least this many steps before it is asked about.
MIN_STEP = 1


@dataclass(frozen=True)
class Live:
    """What the lab shows now: its key, the snapshot and the step it is of."""

    lab: str
    snapshot: dict[str, Any] | None
    step: int | None

    @property
    def available(self) -> bool:
        return (self.snapshot is not None and self.step is not None
                and self.step >= MIN_STEP)


LiveMaker = Callable[[random.Random, str, dict, int], Draft]


@dataclass(frozen=True)
class LiveKind:
    """One kind of question about the current run (``make(rng, lab, snapshot,
    step) -> Draft``)."""

    key: str
    chapter: str
    labs: tuple[str, ...]
    make: LiveMaker
    live = True

    def question(self, seed: int | str, lab: str | None = None,
                 hparams: dict | None = None, live: Live | None = None) -> Question:
        """A question about ``live`` (raises NoQuestion when its values are not
        there: another lab, no snapshot, not trained yet)."""
        if live is None or live.lab not in self.labs or (lab and lab != live.lab):
            raise NoQuestion(f"{self.key}: no run of these labs is shown")
        if not live.available:
            raise NoQuestion(f"{self.key}: the lab has not trained yet")
        rng = random.Random(f"{self.key}|{seed}|{live.step}")
        draft = self.make(rng, live.lab, live.snapshot, int(live.step))
        draft.args.setdefault("step", str(int(live.step)))
        q = finish(draft, self.key, self.chapter, rng)
        # a negative value inside a worked formula goes in brackets: 0.7·(-0.19)
        solution = {k: f"({v})" if k != "answer" and v.startswith("-") else v
                    for k, v in q.solution_args.items()}
        return replace(q, solution_args=solution, step=int(live.step))


LIVE_KINDS: dict[str, LiveKind] = {}


def live_kind(key: str, chapter: str,
              labs: tuple[str, ...]) -> Callable[[LiveMaker], LiveMaker]:
    """Register ``make`` as the live kind ``key`` of ``chapter``."""

    def register(make: LiveMaker) -> LiveMaker:
        if key in LIVE_KINDS:
            raise RuntimeError(f"live question kind {key!r} registered twice")
        LIVE_KINDS[key] = LiveKind(key, chapter, tuple(labs), make)
        return make

    return register


def live_kinds_for(chapter: str | None = None,
                   lab: str | None = None) -> list[LiveKind]:
    """Live kinds of ``chapter`` (all when None), only those about ``lab``."""
    return [k for k in LIVE_KINDS.values()
            if (chapter is None or k.chapter == chapter)
            and (lab is None or lab in k.labs)]


# -- helpers for the live generators ---------------------------------------------------
def need(snapshot: dict, *keys: str) -> list[Any]:
    """The snapshot's values of ``keys``; NoQuestion when one is missing."""
    values = []
    for key in keys:
        value = snapshot.get(key)
        if value is None:
            raise NoQuestion(f"the snapshot has no {key!r}")
        values.append(value)
    return values


def finite(*values: float) -> None:
    if not all(math.isfinite(float(v)) for v in values):
        raise NoQuestion("a value of the run is not finite")


def apart(value: float, wrong: Sequence[tuple[float, str]], gap: float,
          lo: float = -math.inf, hi: float = math.inf) -> list[tuple[float, str]]:
    """Three wrong choices at least ``gap`` from the answer and from each other (a
    student works with the rounded numbers of the prompt), within ``[lo, hi]`` (a
    probability, an IoU); near misses fill up when the classic mistakes coincide."""
    kept: list[tuple[float, str]] = []

    def add(candidate: float, mistake: str) -> None:
        if (math.isfinite(candidate) and lo <= candidate <= hi and len(kept) < 3
                and all(abs(candidate - other) >= gap
                        for other in [value, *(k[0] for k in kept)])):
            kept.append((candidate, mistake))

    for candidate, mistake in wrong:
        add(candidate, mistake)
    scale = max(abs(value), 0.5)
    for step in (0.2, -0.2, 0.4, -0.4, 0.1, -0.1, 0.6, -0.6, 0.05, -0.05):
        add(round(value + step * scale, 3), NEAR_MISS)
    return kept


def pick(rng: random.Random, options: Sequence[Any]) -> Any:
    if not len(options):
        raise NoQuestion("nothing to ask about in this snapshot")
    return options[rng.randrange(len(options))]


def num(value: float, digits: int = 3) -> str:
    """A value of the run as the prompt shows it (fixed decimals, so the student
    computes with what is shown)."""
    text = f"{float(value):.{digits}f}"
    return "0" if text.strip("-0.") == "" else text


def vector(values: np.ndarray | Sequence[float], digits: int = 3) -> str:
    return "(" + ", ".join(num(v, digits) for v in np.ravel(values)) + ")"
