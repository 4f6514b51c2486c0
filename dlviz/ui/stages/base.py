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
* To change the lab's settings (a preset button) it calls :meth:`request_settings`;
  the window applies them as the hyperparameter panel would: validated, the run
  restarts with them and the panel shows them
  (:mod:`dlviz.ui.classroom.stage_settings`).

Layout (the kit)
----------------
A stage calls :meth:`Stage.use_frame` and adds its panels to ``self.deck`` with a
role (:class:`dlviz.ui.kit.Role`), its controls to ``self.controls`` and its
explanation to ``self.caption``; the deck does the layout for the screen, the
presentation scale and the language. The window adds its loss and metric curves to
the deck returned by :meth:`Stage.curves_deck`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dlviz.core.labs.base import LabSpec
from dlviz.ui.kit import Caption, CaptionHolder, ControlRow, PanelDeck


class Stage(QWidget):
    """Base class of every lab stage."""

    #: (kind, data) — ask the engine to run ``task.handle(kind, data)``.
    requested = Signal(str, dict)
    #: settings for the open lab (see :meth:`request_settings`).
    settings_requested = Signal(dict)

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec

    deck: PanelDeck | None = None

    def use_frame(self, deck: QWidget | None = None) -> PanelDeck:
        """Lay the stage out as controls (top, wrapping), the panel deck (or
        ``deck``: any widget holding decks, e.g. a tab widget of them) and a caption
        (bottom, wrapping). Returns ``self.deck``."""
        self.controls = ControlRow()
        self.caption = Caption()
        if self.deck is None:
            self.deck = PanelDeck()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.controls)
        layout.addWidget(deck if deck is not None else self.deck, 1)
        # live numbers in the caption must not lay the whole window out each frame
        self.caption_holder = CaptionHolder(self.caption)
        layout.addWidget(self.caption_holder)
        self.controls.hide()
        self.caption.hide()
        self.caption_holder.hide()
        return self.deck

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def curves_deck(self) -> PanelDeck | None:
        """The deck that shows the window's loss and metric curves (None: the window
        shows them below the stage)."""
        return self.deck

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Draw the newest snapshot (numpy data made by ``LabTask.snapshot``)."""

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        """Show the answer to a request this stage made."""

    def request_settings(self, values: dict[str, Any]) -> None:
        """Ask the window to use ``values`` as the lab's settings (the others stay):
        the run restarts with them and the settings panel shows them."""
        self.settings_requested.emit(dict(values))

    def panels(self) -> dict[str, QWidget]:
        """The stage's views by a stable English name."""
        return self.deck.panels() if self.deck is not None else {}

    def reset(self) -> None:
        """A new run started (reset or new settings): clear run-specific state."""

    def shutdown(self) -> None:
        """The stage is closing: stop timers, disconnect from external signals."""
