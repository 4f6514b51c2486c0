"""The stage: the centre of the window, showing one lab's snapshots.

Each lab names its stage by ``LabSpec.stage``; a stage module in this package defines
``STAGES = {"name": StageClass}`` and is discovered like the labs. Several labs share
one stage (every CNN uses the image-classifier stage), so a new architecture reuses
views instead of copying them.

Contract
--------
* ``show_snapshot(snapshot)`` is called by the window's redraw timer (~30 Hz) with the
  newest snapshot only; it must update existing plot items in place (``setData``,
  ``setImage(..., autoLevels=False)``), never rebuild widgets.
* The stage never runs torch. To ask the model something (predict a drawing, compute an
  attribution) it emits ``requested(kind, data)``; the engine answers in the worker
  thread and the window calls ``show_result(kind, data)``.
* ``panels()`` names the stage's views, for zooming one panel to the full window,
  lesson scenes and export.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from dlviz.core.labs.base import LabSpec


class Stage(QWidget):
    """Base class of every lab stage."""

    #: (kind, data) — ask the engine to run ``task.handle(kind, data)``.
    requested = Signal(str, dict)

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Draw the newest snapshot (numpy data made by ``LabTask.snapshot``)."""

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        """Show the answer to a request this stage made."""

    def panels(self) -> dict[str, QWidget]:
        """The stage's views by a stable English name."""
        return {}

    def reset(self) -> None:
        """A new run started (reset or new settings): clear run-specific state."""

    def shutdown(self) -> None:
        """The stage is closing: stop timers, disconnect from external signals."""
