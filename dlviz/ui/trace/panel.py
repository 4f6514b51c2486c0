"""The step-through panel: walk one recorded training step forward and backward.

Navigation is over the recorded list of events, so stepping back is free; nothing
here runs torch. "Record a new step" only emits ``record_requested`` (the window
asks the engine for a new trace and calls :meth:`StepThroughPanel.set_trace`).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.trace import Trace
from dlviz.ui.trace.diagram import PHASE_COLORS, ArchitectureDiagram, phase_name
from dlviz.ui.trace.inspector import EventInspector, _font, is_font_change
from dlviz.ui.views.bars import BarsView

PHASE_NAMES = {
    "input": "Input",
    "forward": "Forward",
    "loss": "Loss",
    "backward": "Backward",
    "update": "Update",
}


class StepThroughPanel(QWidget):
    """Diagram, transport, inspector and gradient norms of one recorded step."""

    #: The user wants a new step recorded (the window forwards it to the engine).
    record_requested = Signal()
    #: The current event changed (its index).
    event_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.trace: Trace | None = None
        self.index = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.start_button = QPushButton()
        self.back_button = QPushButton()
        self.step_button = QPushButton()
        self.end_button = QPushButton()
        self.record_button = QPushButton()
        # the position label shows the hint of clear() (else the initial text)
        self._cleared = False
        self.phase_label = QLabel("–")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setMinimumWidth(110)
        self.position_label = QLabel()
        # long event titles must not widen the window: elide by layout instead
        self.position_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.position_label.setWordWrap(True)  # a long name takes a second line
        self.start_button.clicked.connect(self.go_start)
        self.back_button.clicked.connect(self.step_back)
        self.step_button.clicked.connect(self.step_forward)
        self.end_button.clicked.connect(self.go_end)
        self.record_button.clicked.connect(self.record_requested)
        for button in (self.start_button, self.back_button, self.step_button,
                       self.end_button, self.record_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        #: the navigation row; the window may move it into its tab bar's corner
        #: (it then gives its height to the inspector)
        self.header = QWidget()
        transport = QHBoxLayout(self.header)
        transport.setContentsMargins(0, 0, 0, 0)
        for widget in (self.start_button, self.back_button, self.step_button,
                       self.end_button):
            transport.addWidget(widget)
        transport.addSpacing(12)
        transport.addWidget(self.phase_label)
        transport.addStretch(1)
        transport.addWidget(self.record_button)

        self.diagram = ArchitectureDiagram()
        self.diagram.node_clicked.connect(self.jump_to_node)
        self.diagram.setMinimumWidth(150)
        self.grad_norms = BarsView("", "‖∂L/∂W‖", log=True)
        self._norm_rows: list[dict] = []
        self.inspector = EventInspector(
            extra_panels=[(self.grad_norms, "gradient norms")]
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.diagram)
        split.addWidget(self.inspector)
        self.splitter = split
        #: the user dragged the handle: keep their split from then on
        self._user_split = False
        split.splitterMoved.connect(self._on_split_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        # which event: its own full-width line (wraps; the header has no room)
        layout.addWidget(self.position_label)
        layout.addWidget(split, 1)
        self._update_buttons()
        self.apply_fonts()
        self.retranslate_ui()

    #: The diagram's share of the width (the inspector gets the rest); less on a
    #: narrow stage, where the three tensor panes need the room.
    DIAGRAM_SHARE = 0.26
    NARROW_DIAGRAM_SHARE = 0.2

    def _on_split_moved(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._user_split:
            width = self.splitter.width()
            share = self.DIAGRAM_SHARE if width >= 1000 else self.NARROW_DIAGRAM_SHARE
            diagram = int(width * share)
            self.splitter.setSizes([diagram, width - diagram])

    def apply_fonts(self) -> None:
        """Text sizes relative to the application font (presentation mode)."""
        self.phase_label.setFont(_font(1, bold=True))
        self.position_label.setFont(_font(-1))

    def retranslate_ui(self) -> None:
        # symbols only: the row leaves its room to the event's name (tooltips and
        # the Training menu name the keys)
        self.start_button.setText("|◀")
        self.back_button.setText("◀")
        self.step_button.setText("▶")
        self.end_button.setText("▶|")
        self.record_button.setText(self.tr("Record a step"))
        self.start_button.setToolTip(self.tr("First event (Home)"))
        self.back_button.setToolTip(self.tr("Previous event (←)"))
        self.step_button.setToolTip(self.tr("Next event (→)"))
        self.end_button.setToolTip(self.tr("Last event (End)"))
        self.record_button.setToolTip(self.tr("Train one step while recording it"))
        for button in (self.start_button, self.back_button, self.step_button,
                       self.end_button, self.record_button):
            button.setMinimumWidth(
                button.fontMetrics().horizontalAdvance(button.text()) + 18
            )
        self.grad_norms.plot_item.setLabel("bottom", self.tr("layer (forward order)"))
        self.grad_norms.set_title(self.tr("Gradient norm per layer"))
        self.inspector.deck.set_title(self.grad_norms, self.tr("Gradient norms"))
        event = self.current_event
        if event is None:
            if self.trace is None:
                self.position_label.setText(self._empty_text())
        else:
            self._show_labels(event)
            self._highlight_norm(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif is_font_change(event):
            self.apply_fonts()
            self.retranslate_ui()
        super().changeEvent(event)

    def _empty_text(self) -> str:
        if self._cleared:
            return self.tr("No step yet — press T")
        return self.tr("No step recorded yet")

    # -- data -----------------------------------------------------------------------
    def clear(self) -> None:
        """Forget the shown step (a new run started or another lab opened)."""
        self.trace = None
        self.index = -1
        self.diagram.scene().clear()
        self.diagram.boxes.clear()
        self.diagram.current = None
        self._norm_rows = []
        self.grad_norms.set_values([], [])
        self.splitter.widget(1).setVisible(False)
        self.phase_label.setText("–")
        self.phase_label.setStyleSheet("")
        self._cleared = True
        self.position_label.setText(self._empty_text())
        self._update_buttons()

    def set_trace(self, trace: Trace) -> None:
        """Show a newly recorded step, starting at its first event."""
        self.trace = trace
        self.splitter.widget(1).setVisible(True)
        self.diagram.set_trace(trace)
        self._norm_rows = [r for r in trace.gradient_norms()
                           if math.isfinite(r["weight"]) and r["weight"] > 0]
        self.grad_norms.set_values([r["weight"] for r in self._norm_rows],
                                   self._norm_labels())
        self.index = -1
        self.jump_to(0)

    @property
    def current_event(self):
        if self.trace is None or not 0 <= self.index < len(self.trace.events):
            return None
        return self.trace.events[self.index]

    # -- navigation -----------------------------------------------------------------
    def jump_to(self, index: int) -> None:
        if self.trace is None or not self.trace.events:
            return
        index = max(0, min(index, len(self.trace.events) - 1))
        self.index = index
        event = self.trace.events[index]
        self._show_labels(event)
        color = PHASE_COLORS.get(event.phase, "#dddddd")
        self.phase_label.setStyleSheet(
            f"background: {color}; border-radius: 6px; padding: 4px 10px;"
        )
        self.diagram.highlight(event.role, event.path, event.phase)
        self.inspector.show_event(event, self.trace)
        self._highlight_norm(event)
        self._update_buttons()
        self.event_changed.emit(index)

    def _show_labels(self, event) -> None:
        self.phase_label.setText(phase_name(event.phase))
        shown = [event.role if event.role != "model" else "", event.part]
        if shown[1] == shown[0] or shown[1] in event.title:
            shown[1] = ""  # never "Adam · Adam"
        details = "".join(f" · {x}" for x in shown if x and x not in event.title)
        self.position_label.setText(
            f"  {self.index + 1} / {len(self.trace.events)}   {event.title}{details}"
        )
        self.position_label.setToolTip(event.path)

    def step_forward(self) -> None:
        self.jump_to(self.index + 1)

    def step_back(self) -> None:
        self.jump_to(self.index - 1)

    def go_start(self) -> None:
        self.jump_to(0)

    def go_end(self) -> None:
        if self.trace is not None:
            self.jump_to(len(self.trace.events) - 1)

    def jump_to_node(self, role: str, path: str) -> None:
        """Go to the event of that box in the current phase (forward otherwise)."""
        if self.trace is None:
            return
        current = self.current_event
        phase = current.phase if current is not None else "forward"
        candidates = [e for e in self.trace.events if e.role == role and e.path == path]
        if not candidates:
            return
        same_phase = [e for e in candidates if e.phase == phase]
        chosen = (same_phase or [e for e in candidates if e.phase == "forward"]
                  or candidates)[0]
        self.jump_to(chosen.index)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        actions = {
            Qt.Key.Key_Right: self.step_forward,
            Qt.Key.Key_Left: self.step_back,
            Qt.Key.Key_Home: self.go_start,
            Qt.Key.Key_End: self.go_end,
        }
        action = actions.get(event.key())
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def _update_buttons(self) -> None:
        n = len(self.trace.events) if self.trace is not None else 0
        self.start_button.setEnabled(n > 0 and self.index > 0)
        self.back_button.setEnabled(n > 0 and self.index > 0)
        self.step_button.setEnabled(n > 0 and self.index < n - 1)
        self.end_button.setEnabled(n > 0 and self.index < n - 1)

    def _highlight_norm(self, event) -> None:
        rows = self._norm_rows
        if not rows:
            return
        highlight = next(
            (i for i, r in enumerate(rows)
             if r["role"] == event.role and r["path"] == event.path), None
        )
        self.grad_norms.set_values([r["weight"] for r in rows], self._norm_labels(),
                                   highlight)
        if highlight is None:
            self.grad_norms.set_title(self.tr("Gradient norm per layer"))
        else:
            row = rows[highlight]
            self.grad_norms.set_title(
                self.tr("Layer {0}: {1}").format(
                    highlight + 1, f"{row['weight']:.2g}"
                )
            )

    def _norm_labels(self) -> list[str]:
        return [str(i + 1) for i in range(len(self._norm_rows))]
