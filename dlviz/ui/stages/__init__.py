"""Stage registry: modules in this package define ``STAGES = {name: StageClass}``."""

from __future__ import annotations

import importlib
import pkgutil

from dlviz.ui.stages.base import Stage

_STAGES: dict[str, type[Stage]] | None = None


def all_stages() -> dict[str, type[Stage]]:
    global _STAGES
    if _STAGES is None:
        found: dict[str, type[Stage]] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name.startswith("_") or info.name == "base":
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            for name, cls in getattr(module, "STAGES", {}).items():
                if name in found:
                    raise RuntimeError(f"stage {name!r} registered twice")
                found[name] = cls
        _STAGES = found
    return _STAGES


def stage_class(name: str) -> type[Stage]:
    stages = all_stages()
    if name not in stages:
        raise KeyError(f"no stage {name!r}; known: {', '.join(sorted(stages))}")
    return stages[name]
