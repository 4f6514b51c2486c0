"""Question kinds and question sets.

A :class:`Kind` is one generator: ``make(rng, lab, hparams) -> Draft``. Each chapter
module registers its kinds with :func:`kind` (the package imports them all);
:func:`question_set` draws a deterministic set for one lab (or a chapter's mixed set)
from a seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from dlviz.core.practice.model import Draft, NoQuestion, Question, finish

Maker = Callable[[random.Random, str, dict], Draft]


@dataclass(frozen=True)
class Kind:
    """One kind of generated question.

    ``labs`` are the labs whose networks the question is about (the first is used
    when the set is not for one lab); ``make`` builds a draft for one of them.
    """

    key: str
    chapter: str
    labs: tuple[str, ...]
    make: Maker
    #: False: about the lab's settings; a live kind (:mod:`.live`) is about the run.
    live = False

    def question(self, seed: int | str, lab: str | None = None,
                 hparams: dict | None = None) -> Question:
        rng = random.Random(f"{self.key}|{seed}")
        if lab not in self.labs:
            lab, hparams = rng.choice(self.labs), None
        draft = self.make(rng, lab, lab_settings(lab, hparams))
        return finish(draft, self.key, self.chapter, rng)


KINDS: dict[str, Kind] = {}
#: A lab with fewer kinds of its own gets its chapter's other kinds too.
OWN_KINDS_WANTED = 5


def lab_settings(lab: str, hparams: dict | None) -> dict:
    """The lab's settings in force (its defaults where ``hparams`` is silent), so a
    question is about the network the lab shows."""
    from dlviz.core.labs import get_lab
    from dlviz.core.params import ParamError

    try:
        return get_lab(lab).resolve(dict(hparams or {}))
    except (KeyError, ParamError):
        return dict(hparams or {})


def kind(key: str, chapter: str, labs: tuple[str, ...]) -> Callable[[Maker], Maker]:
    """Register ``make`` as the kind ``key`` of ``chapter``."""

    def register(make: Maker) -> Maker:
        if key in KINDS:
            raise RuntimeError(f"question kind {key!r} registered twice")
        KINDS[key] = Kind(key, chapter, tuple(labs), make)
        return make

    return register


def kinds_for(chapter: str | None = None, lab: str | None = None) -> list[Kind]:
    """Kinds of ``chapter`` (all chapters when None), only those about ``lab`` when
    it is given."""
    return [k for k in KINDS.values()
            if (chapter is None or k.chapter == chapter)
            and (lab is None or lab in k.labs)]


def question_set(
    seed: int,
    count: int = 10,
    lab: str | None = None,
    chapter: str | None = None,
    hparams: dict | None = None,
    live=None,
) -> list[Question]:
    """``count`` questions, the same for the same arguments.

    With ``lab``, the kinds about that lab (its ``hparams`` give the network on
    screen), topped up with its chapter's other kinds when it has fewer than
    :data:`OWN_KINDS_WANTED`; otherwise the mixed set of ``chapter``. Kinds are
    used in turn (in a seeded order) so a set covers as many kinds as it can.

    ``live`` (a :class:`~dlviz.core.practice.live.Live`: the snapshot the lab shows
    and its step) adds the questions about the current run of that lab, first in
    each turn; without it, or before the lab has trained, there are none.
    """
    if lab is not None:
        kinds = kinds_for(lab=lab)
        if chapter is not None:
            kinds = [k for k in kinds if k.chapter == chapter]
        if len(kinds) < OWN_KINDS_WANTED:
            kinds += [k for k in kinds_for(_chapter_of(lab)) if k not in kinds]
    else:
        kinds = kinds_for(chapter)
    running = _live_kinds(live, lab, chapter)
    if not kinds and not running:
        return []
    rng = random.Random(f"set|{seed}|{lab}|{chapter}")
    order = list(kinds)
    rng.shuffle(order)
    rng.shuffle(running)
    order = running + order
    out: list[Question] = []
    attempt = 0
    failures = 0
    while len(out) < count and failures < 4 * len(order):
        current = order[attempt % len(order)]
        attempt += 1
        try:
            if current.live:
                out.append(current.question(f"{seed}:{attempt}", lab, live=live))
            else:
                out.append(current.question(f"{seed}:{attempt}", lab,
                                            hparams if lab is not None else None))
        except NoQuestion:
            failures += 1
    return out


def _live_kinds(live, lab: str | None, chapter: str | None) -> list:
    """The live kinds about the run ``live`` shows that belong in this set."""
    if live is None or not live.available:
        return []
    from dlviz.core.practice.live import live_kinds_for

    if lab is not None:
        return live_kinds_for(chapter, lab) if lab == live.lab else []
    return live_kinds_for(chapter, live.lab)


def _chapter_of(lab: str) -> str | None:
    from dlviz.core.labs import get_lab

    try:
        return get_lab(lab).chapter
    except KeyError:
        return None
