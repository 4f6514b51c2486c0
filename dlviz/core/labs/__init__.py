"""The lab registry: every lab module in this package registers its cards here.

Lab modules are discovered (every module of this package except ``base``), so adding a
lab means adding one module that defines ``LABS: list[LabSpec]``; the picker, the CLI
and the tests all read :func:`all_labs`.
"""

from __future__ import annotations

import importlib
import pkgutil

from dlviz.core.labs.base import CHAPTERS, LabSpec, LabTask, SupervisedTask
from dlviz.core.metric_names import declare_metrics

__all__ = [
    "CHAPTERS",
    "LabSpec",
    "LabTask",
    "SupervisedTask",
    "all_labs",
    "get_lab",
    "register_lab",
    "unregister_lab",
]

_REGISTRY: dict[str, LabSpec] | None = None


def _discover() -> dict[str, LabSpec]:
    found: dict[str, LabSpec] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for spec in getattr(module, "LABS", ()):
            if spec.key in found:
                raise RuntimeError(f"lab key {spec.key!r} registered twice")
            if spec.chapter not in CHAPTERS:
                raise RuntimeError(
                    f"lab {spec.key!r} names unknown chapter {spec.chapter!r}"
                )
            found[spec.key] = spec
            declare_metrics(spec.metrics)
    return found


def all_labs() -> list[LabSpec]:
    """Every lab, in chapter order, then by year and title."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _discover()
    order = list(CHAPTERS)
    return sorted(
        _REGISTRY.values(), key=lambda s: (order.index(s.chapter), s.year, s.title)
    )


def get_lab(key: str) -> LabSpec:
    """The lab called ``key``; KeyError lists the known keys."""
    labs = {spec.key: spec for spec in all_labs()}
    if key not in labs:
        raise KeyError(f"no lab {key!r}; known: {', '.join(sorted(labs))}")
    return labs[key]


def register_lab(spec: LabSpec) -> None:
    """Add a lab made at run time (a user's own model, :mod:`dlviz.core.usermodel`);
    a lab of the same key made at run time is replaced, a built-in one never is."""
    all_labs()
    assert _REGISTRY is not None
    if spec.chapter not in CHAPTERS:
        raise ValueError(f"lab {spec.key!r} names unknown chapter {spec.chapter!r}")
    old = _REGISTRY.get(spec.key)
    if old is not None and spec.key not in _RUNTIME:
        raise ValueError(f"lab key {spec.key!r} is a built-in lab")
    _REGISTRY[spec.key] = spec
    _RUNTIME.add(spec.key)


def unregister_lab(key: str) -> None:
    """Remove a lab added by :func:`register_lab` (no error when it is gone)."""
    if key in _RUNTIME and _REGISTRY is not None:
        _REGISTRY.pop(key, None)
    _RUNTIME.discard(key)


_RUNTIME: set[str] = set()
