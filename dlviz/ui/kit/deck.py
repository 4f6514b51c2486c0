"""The layout contract of every stage: panels declared with a role, laid out by size.

A stage does not place its panels by hand. It adds them to a :class:`PanelDeck` with a
role — the **main** view, **secondary** views, and the **curves** (the window hands
its loss and metric curves to the stage's deck) — and the deck arranges them for the
room it has:

* the main view gets the most room (:data:`MAIN_SHARE` of the width beside a column
  of slots on a landscape area, of the height above a row of slots on a tall one);
* the other panels fill as many *slots* as fit at a readable size
  (:func:`min_panel_size`, which grows with the presentation font scale); the curves
  keep a slot of their own when there are two or more;
* a slot with more panels than room shows them side by side, one above the other,
  or — when neither fits at the readable size — as tabs (nothing is squeezed into a
  strip);
* double-clicking a panel's tab, or :meth:`PanelDeck.promote`, makes it the main view.

The arrangement is recomputed when the deck is resized or the style changes, and
only re-parents widgets when the plan actually changes, so a redraw never re-lays
out. :func:`plan_slots` is the pure rule, tested without widgets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlviz.ui import theme

#: The readable minimum of a plot or image panel at font scale 1 (pixels).
BASE_PANEL = (210, 150)
#: The main view's share of the width (landscape) or height (portrait).
MAIN_SHARE = 0.58
#: At most this many slots beside the main view.
MAX_SLOTS = 3
#: Spacing between panels (pixels).
SPACING = 4


class Role(str, Enum):
    MAIN = "main"
    SECONDARY = "secondary"
    CURVES = "curves"


def font_scale() -> float:
    """The presentation font scale now in force (1.0 in normal mode)."""
    base = theme.BASE_STYLE.font_pt or 1.0
    return max(1.0, theme.STYLE.font_pt / base)


def min_panel_size(scale: float | None = None) -> tuple[int, int]:
    """The smallest readable panel: larger text needs larger panels (the axes and
    title take more of them)."""
    scale = font_scale() if scale is None else scale
    grow = math.sqrt(max(1.0, scale))
    return int(BASE_PANEL[0] * grow), int(BASE_PANEL[1] * grow)


@dataclass(frozen=True)
class Plan:
    """Where each panel goes: ``landscape`` (slots in a column on the right) or not
    (slots in a row below); ``slots`` holds panel indices (into the non-main panels)."""

    landscape: bool
    slots: tuple[tuple[int, ...], ...]


def plan_slots(
    roles: list[Role], width: int, height: int, minimum: tuple[int, int],
    side: str = "auto",
) -> Plan:
    """Assign the non-main panels (``roles``, in declaration order) to slots.

    The number of slots is what fits at ``minimum`` along the side of the main view;
    the curves get the last slot when there are at least two slots; panels that do
    not get a slot of their own share the last slot of their kind (it folds them
    into tabs when they do not fit side by side).
    """
    n = len(roles)
    landscape = {"right": True, "below": False}.get(side, width >= height * 1.15)
    if n == 0:
        return Plan(landscape, ())
    along = height if landscape else width
    size = minimum[1] if landscape else minimum[0]
    fit = max(1, min(MAX_SLOTS, n, int((along + SPACING) // (size * 1.25 + SPACING))))
    curves = [i for i, r in enumerate(roles) if r is Role.CURVES]
    others = [i for i, r in enumerate(roles) if r is not Role.CURVES]
    if fit == 1 or not curves or not others:
        return Plan(landscape, _spread(others + curves, fit))
    return Plan(landscape, _spread(others, fit - 1) + (tuple(curves),))


def _spread(indices: list[int], slots: int) -> tuple[tuple[int, ...], ...]:
    """One index per slot; the rest share the last slot."""
    indices = [i for i in indices]
    if not indices:
        return ()
    slots = max(1, min(slots, len(indices)))
    head = [(i,) for i in indices[: slots - 1]]
    return tuple(head + [tuple(indices[slots - 1 :])])


class Slot(QWidget):
    """Holds one or more panels: side by side, stacked, or as tabs — whichever
    keeps every shown panel at the readable minimum."""

    promote_requested = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.panels: list[tuple[QWidget, str]] = []
        self.mode = ""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._container: QWidget | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.arrange)

    def set_panels(self, panels: list[tuple[QWidget, str]]) -> None:
        self._release()
        self.panels = list(panels)
        self.mode = ""
        self.arrange()

    def titles_changed(self) -> None:
        if isinstance(self._container, QTabWidget):
            for i, (_panel, title) in enumerate(self.panels):
                self._container.setTabText(i, title)

    def choose_mode(self) -> str:
        k = len(self.panels)
        if k <= 1:
            return "single"
        w, h = min_panel_size()
        if self.width() >= k * w + (k - 1) * SPACING:
            return "row"
        if self.height() >= k * h + (k - 1) * SPACING:
            return "column"
        return "tabs"

    def arrange(self) -> None:
        mode = self.choose_mode()
        if mode == self.mode and self._container is not None:
            return
        current = self.current_panel()
        self._release()
        self.mode = mode
        if mode == "single":
            container = QWidget()
            box = QVBoxLayout(container)
            box.setContentsMargins(0, 0, 0, 0)
            for panel, _title in self.panels:
                box.addWidget(panel)
                panel.show()
        elif mode in ("row", "column"):
            container = QSplitter(
                Qt.Orientation.Horizontal if mode == "row" else Qt.Orientation.Vertical
            )
            container.setChildrenCollapsible(False)
            container.setHandleWidth(SPACING)
            for i, (panel, _title) in enumerate(self.panels):
                container.addWidget(panel)
                container.setStretchFactor(i, 1)
                panel.show()
            # equal shares: a panel with a wide legend or title must not squeeze
            # its neighbour below the readable minimum
            container.setSizes([1000] * len(self.panels))
        else:
            container = QTabWidget()
            container.setDocumentMode(True)
            container.setUsesScrollButtons(True)
            container.tabBarDoubleClicked.connect(self._on_tab_double_click)
            for panel, title in self.panels:
                container.addTab(panel, title)  # the tab widget shows the current
            if current is not None:
                container.setCurrentWidget(current)
        self._container = container
        self._layout.addWidget(container)
        container.show()

    def current_panel(self) -> QWidget | None:
        if isinstance(self._container, QTabWidget):
            return self._container.currentWidget()
        return None

    def show_panel(self, panel: QWidget) -> None:
        """Bring ``panel`` to the front (when the slot shows tabs)."""
        if isinstance(self._container, QTabWidget):
            self._container.setCurrentWidget(panel)

    def _on_tab_double_click(self, index: int) -> None:
        if 0 <= index < len(self.panels):
            self.promote_requested.emit(self.panels[index][0])

    def _release(self) -> None:
        """Take the panels out of the current container (kept alive, parentless
        until the next container adopts them)."""
        for panel, _title in self.panels:
            panel.setParent(self)
            panel.hide()
        if self._container is not None:
            self._layout.removeWidget(self._container)
            self._container.deleteLater()
            self._container = None

    def take_all(self) -> None:
        self._release()
        self.panels = []

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.choose_mode() != self.mode:
            self._timer.start()


class PanelDeck(QWidget):
    """The panels of a stage (or of one tab of a stage), laid out by role and size."""

    def __init__(self, parent: QWidget | None = None, side: str = "auto",
                 main_share: float = MAIN_SHARE):
        super().__init__(parent)
        self.setObjectName("panel_deck")
        #: where the slots go: "right", "below", or "auto" (by the deck's shape)
        self.side = side
        self._entries: list[dict] = []  # {"widget", "role", "name", "title"}
        self._main: QWidget | None = None
        self._slots: list[Slot] = []
        self._plan: Plan | None = None
        self._only: QWidget | None = None
        self._hidden: set[int] = set()
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(SPACING)
        self._main_holder = QWidget()
        main_box = QVBoxLayout(self._main_holder)
        main_box.setContentsMargins(0, 0, 0, 0)
        self._side = QSplitter()
        self._side.setChildrenCollapsible(False)
        self._side.setHandleWidth(SPACING)
        for widget in (self._main_holder, self._side):
            widget.setSizePolicy(QSizePolicy.Policy.Ignored,
                                 QSizePolicy.Policy.Ignored)
        self._box.addWidget(self._main_holder, int(main_share * 100))
        self._box.addWidget(self._side, int((1 - main_share) * 100))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.relayout)

    # -- declaring panels ----------------------------------------------------------
    def add(self, widget: QWidget, role: Role | str, name: str,
            title: str = "") -> QWidget:
        """Add ``widget`` as a panel; ``name`` is its stable English name (zoom,
        lessons, export), ``title`` the translated text of its tab."""
        role = Role(role)
        if role is Role.MAIN and any(e["role"] is Role.MAIN for e in self._entries):
            raise ValueError("a deck has one main view")
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._entries.append(
            {"widget": widget, "role": role, "name": name, "title": title or name}
        )
        widget.setParent(self)
        widget.hide()
        self._plan = None
        self._timer.start()
        return widget

    def remove(self, widget: QWidget) -> None:
        """Take ``widget`` out of the deck (the caller owns it again)."""
        self._entries = [e for e in self._entries if e["widget"] is not widget]
        for slot in self._slots:
            slot.take_all()
        widget.setParent(None)
        self._plan = None
        self.relayout()

    def set_title(self, widget: QWidget, title: str) -> None:
        for entry in self._entries:
            if entry["widget"] is widget:
                entry["title"] = title
        for slot in self._slots:
            slot.panels = [(w, self._title(w)) for w, _t in slot.panels]
            slot.titles_changed()

    def _title(self, widget: QWidget) -> str:
        return next(e["title"] for e in self._entries if e["widget"] is widget)

    def panels(self) -> dict[str, QWidget]:
        return {e["name"]: e["widget"] for e in self._entries}

    def main_view(self) -> QWidget | None:
        return self._main

    def promote(self, widget: QWidget) -> None:
        """Make ``widget`` the main view; the old main view takes its place."""
        entries = self._entries
        new = next((e for e in entries if e["widget"] is widget), None)
        old = next((e for e in entries if e["role"] is Role.MAIN), None)
        if new is None or new is old:
            return
        if old is not None:
            old["role"], new["role"] = new["role"], Role.MAIN
            i, j = entries.index(old), entries.index(new)
            entries[i], entries[j] = entries[j], entries[i]
        else:
            new["role"] = Role.MAIN
        self._plan = None
        self.relayout()

    def reveal(self, widget: QWidget) -> None:
        """Make sure ``widget`` is shown (bring its tab to the front)."""
        for slot in self._slots:
            if any(w is widget for w, _t in slot.panels):
                slot.show_panel(widget)

    def set_filter(self, only: QWidget | None = None,
                   hidden: set[QWidget] | frozenset = frozenset()) -> None:
        """Show only ``only`` (zoomed to the whole deck), or every panel but
        ``hidden`` (lesson scenes, panel zoom); ``set_filter()`` shows all again."""
        self._only = only
        self._hidden = {id(w) for w in hidden}
        self._plan = None
        self.relayout()

    @property
    def filtered(self) -> bool:
        return self._only is not None or bool(self._hidden)

    def owns(self, widget: QWidget) -> bool:
        return any(e["widget"] is widget for e in self._entries)

    # -- layout --------------------------------------------------------------------
    def _shown_entries(self) -> list[dict]:
        if self._only is not None:
            return [e for e in self._entries if e["widget"] is self._only]
        return [e for e in self._entries if id(e["widget"]) not in self._hidden]

    def relayout(self) -> None:
        entries = self._shown_entries()
        for entry in self._entries:
            if entry not in entries:
                for slot in self._slots:
                    slot.take_all()
                entry["widget"].setParent(self)
                entry["widget"].hide()
        main = next((e for e in entries if e["role"] is Role.MAIN), None)
        others = [e for e in entries if e is not main]
        if main is None and others:
            main, others = others[0], others[1:]
        plan = plan_slots([e["role"] for e in others], max(self.width(), 1),
                          max(self.height(), 1), min_panel_size(), self.side)
        if plan == self._plan and (main and main["widget"]) is self._main:
            for slot in self._slots:
                slot.arrange()
            return
        self._plan = plan
        for slot in self._slots:
            slot.take_all()
        holder_box = self._main_holder.layout()
        if self._main is not None and self._main.parent() is self._main_holder:
            holder_box.removeWidget(self._main)
            self._main.setParent(self)
            self._main.hide()
        self._main = main["widget"] if main else None
        if self._main is not None:
            holder_box.addWidget(self._main)
            self._main.show()
        while len(self._slots) < len(plan.slots):
            slot = Slot()
            slot.promote_requested.connect(self.promote)
            self._side.addWidget(slot)
            self._slots.append(slot)
        for slot in self._slots[len(plan.slots):]:
            slot.hide()
        self._box.setDirection(QBoxLayout.Direction.LeftToRight if plan.landscape
                               else QBoxLayout.Direction.TopToBottom)
        self._side.setOrientation(Qt.Orientation.Vertical if plan.landscape
                                  else Qt.Orientation.Horizontal)
        self._side.setVisible(bool(plan.slots))
        for slot, indices in zip(self._slots, plan.slots):
            slot.show()
            slot.set_panels([(others[i]["widget"], others[i]["title"])
                             for i in indices])
        if plan.slots:
            sizes = [1] * len(plan.slots)
            total = self._side.height() if plan.landscape else self._side.width()
            self._side.setSizes([max(1, total // len(sizes))] * len(sizes))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._timer.start()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._plan = None
            self._timer.start()
        super().changeEvent(event)
