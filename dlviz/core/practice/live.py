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

from dlviz.core.practice.model import (
    CHOICE,
    NEAR_MISS,
    Draft,
    Link,
    NoQuestion,
    Question,
    finish,
)

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


def box_iou_draft(rng: random.Random, lab: str, boxes: np.ndarray, gt: np.ndarray,
                  prompt: str, panel: str, where: str, gap: float,
                  true_box_mistake: str = "") -> Draft:
    """"What is the IoU of this box and the ground-truth box it overlaps most?" for
    one of ``boxes`` (x1, y1, x2, y2) against ``gt``, by the labs' ``box_iou``; the
    distractors divide by the sum of the areas or by the smaller box, and with
    ``true_box_mistake`` (its explanation) by the ground-truth box's area."""
    import torch

    from dlviz.core.vision.boxes import box_iou

    if not len(boxes) or not len(gt):
        raise NoQuestion("no box to ask about")
    ious = box_iou(torch.as_tensor(boxes, dtype=torch.float64),
                   torch.as_tensor(gt, dtype=torch.float64)).numpy()
    pairs = [(i, int(ious[i].argmax())) for i in range(len(boxes))
             if ious[i].max() > 0.05]
    i, j = pick(rng, pairs)
    value = float(ious[i, j])
    a, b = boxes[i].astype(np.float64), gt[j].astype(np.float64)
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area_a, area_b = (a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])
    wrong = [(inter / (area_a + area_b), "The union counts the overlap once: "
              "subtract it."),
             (inter / max(1e-9, min(area_a, area_b)), "Divide by the union, not the "
              "smaller box.")]
    if true_box_mistake:
        wrong.append((inter / area_b, true_box_mistake))
    return Draft(
        prompt, dict(a=vector(a, 1), b=vector(b, 1)), value,
        "intersection {inter}; union {area_a} + {area_b} − {inter}; IoU = {answer}",
        Link(lab, panel=panel), apart(value, wrong, gap, 0.0, 1.0), form=CHOICE,
        solution_args=dict(inter=inter, area_a=area_a, area_b=area_b, answer=value),
        digits=2, where={where: i, "truth": j})
