"""Practice mode: exam questions generated from the labs' own networks and code.

Generators (one module per chapter) compute every answer with the functions the
labs use (convolution arithmetic, the zoo's networks, IoU and NMS, BLEU, softmax
with temperature, the recurrent cells, the optimizers) and are deterministic from a
seed. No Qt here: the interface translates the English templates.

Importing this package is light (the window imports it before its first paint); the
chapter modules, which import torch and the labs, load on first use of
:func:`kinds_for`, :func:`question_set` or :data:`KINDS`.
"""

from __future__ import annotations

from typing import Any

from dlviz.core.practice import live as _live
from dlviz.core.practice import registry
from dlviz.core.practice.live import Live, LiveKind
from dlviz.core.practice.model import (
    CHOICE,
    NUMBER,
    TRUE_FALSE,
    Link,
    NoQuestion,
    Question,
    fmt,
)
from dlviz.core.practice.registry import Kind

__all__ = [
    "CHOICE",
    "KINDS",
    "NUMBER",
    "TRUE_FALSE",
    "Kind",
    "Link",
    "Live",
    "LiveKind",
    "NoQuestion",
    "Question",
    "fmt",
    "kinds_for",
    "live_kinds_for",
    "load_kinds",
    "question_set",
]


def load_kinds() -> dict[str, Kind]:
    """Import the chapter modules (they register their kinds); the registry."""
    from dlviz.core.practice import (  # noqa: F401 - imported to register
        attention,
        cnn,
        generative,
        live_kinds,
        metric,
        mlp,
        optim,
        rnn,
        tools,
        vision,
    )

    return registry.KINDS


def kinds_for(chapter: str | None = None, lab: str | None = None) -> list[Kind]:
    """Kinds of ``chapter`` (all when None), only those about ``lab`` if given."""
    load_kinds()
    return registry.kinds_for(chapter, lab)


def live_kinds_for(chapter: str | None = None,
                   lab: str | None = None) -> list[LiveKind]:
    """Kinds about the current run of ``chapter``'s labs (only ``lab``'s if given)."""
    load_kinds()
    return _live.live_kinds_for(chapter, lab)


def question_set(seed: int, count: int = 10, lab: str | None = None,
                 chapter: str | None = None, hparams: dict | None = None,
                 live: Live | None = None) -> list[Question]:
    """See :func:`dlviz.core.practice.registry.question_set`."""
    load_kinds()
    return registry.question_set(seed, count, lab, chapter, hparams, live)


def __getattr__(name: str) -> Any:
    if name == "KINDS":
        return load_kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
