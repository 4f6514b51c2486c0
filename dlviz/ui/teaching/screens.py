"""Which screen shows the stage (the projector) and which the presenter window.

Pure logic over screen geometries ``(x, y, width, height)`` so it can be tested
without a second monitor; :mod:`dlviz.ui.classroom.presenter` feeds it
``QGuiApplication.screens()``.
"""

from __future__ import annotations

from dataclasses import dataclass

Geometry = tuple[int, int, int, int]


@dataclass(frozen=True)
class Assignment:
    """Screen indices: the stage goes full screen on ``projector``, the presenter
    window on ``presenter`` (the same index when there is only one screen)."""

    projector: int
    presenter: int

    @property
    def two_screens(self) -> bool:
        return self.projector != self.presenter


def default_projector(
    geometries: list[Geometry], window_screen: int = 0, remembered: str = "",
    names: list[str] | None = None,
) -> int:
    """The screen to project on: the one chosen last time (by name) if it is
    connected, else the largest screen other than the one the window is on."""
    if not geometries:
        raise ValueError("no screens")
    if remembered and names and remembered in names:
        return names.index(remembered)
    others = [i for i in range(len(geometries)) if i != window_screen]
    if not others:
        return window_screen
    return max(others, key=lambda i: (geometries[i][2] * geometries[i][3], -i))


def assign_screens(geometries: list[Geometry], projector: int) -> Assignment:
    """The presenter window goes on the largest screen that is not the projector
    (the laptop); with one screen both share it."""
    if not geometries:
        raise ValueError("no screens")
    if not 0 <= projector < len(geometries):
        raise ValueError(f"no screen {projector}")
    others = [i for i in range(len(geometries)) if i != projector]
    if not others:
        return Assignment(projector, projector)
    presenter = max(others, key=lambda i: (geometries[i][2] * geometries[i][3], -i))
    return Assignment(projector, presenter)


def describe_screen(index: int, name: str, geometry: Geometry) -> str:
    """``"2: HDMI-1 (1024×768)"`` — how a screen is listed in the chooser (the word
    for the primary screen is added by the caller, translated)."""
    return f"{index + 1}: {name or '?'} ({geometry[2]}×{geometry[3]})"
