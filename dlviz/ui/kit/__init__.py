"""The stage kit: every stage is built from these pieces.

* :mod:`~dlviz.ui.kit.deck` — :class:`PanelDeck` lays out panels declared with a
  :class:`Role` (main, secondary, curves) for the room it has;
* :mod:`~dlviz.ui.kit.frame` — :class:`ControlRow` (wrapping controls) and
  :class:`Caption` (wrapping text);
* :mod:`~dlviz.ui.kit.live_text` — :class:`LiveText`, a line of text that changes
  many times a second without laying out the window;
* :mod:`~dlviz.ui.kit.axes` — tick labels of at most four significant digits;
* the panels themselves are the views of :mod:`dlviz.ui.views` (titled, themed,
  with colour bars and legends outside the data).
"""

from dlviz.ui.kit.deck import PanelDeck, Role, min_panel_size, plan_slots
from dlviz.ui.kit.frame import Caption, CaptionHolder, ControlRow, FlowLayout
from dlviz.ui.kit.live_text import LiveText

__all__ = [
    "Caption",
    "CaptionHolder",
    "ControlRow",
    "FlowLayout",
    "LiveText",
    "PanelDeck",
    "Role",
    "min_panel_size",
    "plan_slots",
]
