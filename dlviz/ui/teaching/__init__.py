"""Helpers of the teaching features (ink, presenter view, lesson editor) that need no
window: screen assignment and lookups of other classroom features."""

from __future__ import annotations


def feature(window, name: str):
    """The classroom feature ``name`` of ``window`` (``"lessons"``, ``"presentation"``),
    or None: from the window's feature registry where it has one, else the attribute
    the feature sets on the window."""
    registry = getattr(window, "features", None)
    if isinstance(registry, dict) and registry.get(name) is not None:
        return registry[name]
    return getattr(window, name, None)
