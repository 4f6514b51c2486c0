"""The inspector of one trace event: tensors, statistics, histogram, formula.

A :class:`TensorPane` shows one sampled tensor as whatever fits its shape: a grid of
maps for (C, H, W) activations and conv kernels, a heatmap for matrices and long
vectors, bars for short vectors. The inspector places panes side by side: input and
output for a forward event, activation and gradient for a backward event, before,
after and delta for an update.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.trace import Trace, TraceEvent
from dlviz.core.trace.sampling import TensorRecord
from dlviz.ui.kit import Caption, PanelDeck, Role
from dlviz.ui.trace.diagram import node_name, phase_name
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.histogram import HistogramView
from dlviz.ui.views.image_grid import ImageGridView

_CONTEXT = "dlviz.trace"
#: The step-through's text is this much larger than the application font (which
#: presentation mode scales), so it grows with Ctrl+= like the rest.
FONT_FACTOR = 12 / 11
MAX_BARS = 64
MAX_PANES = 3


def display_kind(sample: np.ndarray) -> str:
    """``"grid"``, ``"heatmap"``, ``"bars"`` or ``"value"`` for a sampled tensor."""
    if sample.ndim == 0 or sample.size == 1:
        return "value"
    if sample.ndim == 1:
        return "bars" if sample.size <= MAX_BARS else "heatmap"
    if sample.ndim == 2:
        return "heatmap"
    if sample.ndim == 3 and sample.shape[1] * sample.shape[2] == 1:
        return "bars"
    return "grid"


def _font(delta: float = 0, bold: bool = False, mono: bool = False) -> QFont:
    """The application font (scaled by presentation mode) ``delta`` points larger."""
    base = QApplication.font().pointSizeF()
    base = base if base > 0 else 11.0
    font = QFont("DejaVu Sans Mono") if mono else QFont(QApplication.font())
    font.setPointSizeF(base * FONT_FACTOR + delta * base / 11.0)
    font.setBold(bold)
    return font


def is_font_change(event: QEvent) -> bool:
    # the application font reaches a widget without a font of its own as a
    # FontChange (ApplicationFontChange goes to event(), not changeEvent())
    return event.type() in (QEvent.Type.ApplicationFontChange,
                            QEvent.Type.FontChange)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def format_short_stats(record: TensorRecord) -> str:
    """The statistics that fit under a small pane: norm and spread (the rest is in
    the pane's tooltip)."""
    return f"‖·‖ {record.norm:.3g}   σ {record.stats['std']:.2g}"


def format_stats(record: TensorRecord) -> str:
    s = record.stats
    return _tr(
        "mean {0}   std {1}   min {2}   max {3}   zeros {4}%   ‖·‖ {5}"
    ).format(f"{s['mean']:.3g}", f"{s['std']:.3g}", f"{s['min']:.3g}",
             f"{s['max']:.3g}", f"{100 * s['zero_fraction']:.0f}",
             f"{record.norm:.3g}")


class TensorPane(QWidget):
    """One tensor: a caption, the fitting view, its statistics."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.stack = QStackedWidget()
        self.grid = ImageGridView(diverging=False, normalize_each=True)
        self.signed_grid = ImageGridView(diverging=True, normalize_each=False)
        self.heatmap = HeatmapView()
        self.bars = BarsView()
        self.value = QLabel()
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for view in (self.grid, self.signed_grid, self.heatmap, self.bars, self.value):
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self.stack.addWidget(view)
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored,
                                 QSizePolicy.Policy.Ignored)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.caption.setSizePolicy(policy)
        self.stats = QLabel()  # one line; the full statistics in its tooltip
        self.stats.setSizePolicy(QSizePolicy.Policy.Ignored,
                                 QSizePolicy.Policy.Preferred)
        self.apply_fonts()
        layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.stats)
        # the pane's statistics are in its tooltip (the room goes to the tensor);
        # the inspector's text lists the norms that matter for the event
        self.stats.hide()
        self.kind = ""

    def apply_fonts(self) -> None:
        self.caption.setFont(_font(-2, bold=True))
        self.value.setFont(_font(8, bold=True))
        self.stats.setFont(_font(-1))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if is_font_change(event):
            self.apply_fonts()
        super().changeEvent(event)

    def show_tensor(self, caption: str, record: TensorRecord, signed: bool) -> None:
        sample = np.asarray(record.sample, dtype=np.float32)
        if sample.ndim == 4:  # conv kernels: the first input channel of each filter
            sample = sample[:, 0]
        self.kind = display_kind(sample)
        shape = "×".join(map(str, record.shape)) or _tr("scalar")
        self.caption.setText(f"{caption} [{shape}]")
        self.stats.setText(format_short_stats(record))
        self.stats.setToolTip(format_stats(record))
        self.setToolTip(format_stats(record))
        if self.kind == "value":
            self.value.setText(f"{float(sample.ravel()[0]):.5g}")
            self.stack.setCurrentWidget(self.value)
        elif self.kind == "bars":
            values = sample.ravel()
            self.bars.set_values(values, [str(i) for i in range(len(values))])
            self.stack.setCurrentWidget(self.bars)
        elif self.kind == "heatmap":
            self.heatmap.set_diverging(signed)
            self.heatmap.set_data(sample if sample.ndim == 2 else sample[None, :])
            self.stack.setCurrentWidget(self.heatmap)
        else:
            view = self.signed_grid if signed else self.grid
            view.set_maps(sample.reshape(-1, *sample.shape[-2:]))
            self.stack.setCurrentWidget(view)


def panes_for(event: TraceEvent, trace: Trace | None) -> list[tuple[str, str, bool]]:
    """(caption, tensor key, signed) of the panes to show for ``event``.

    The key may name a tensor of the paired forward event as ``"forward:<key>"``.
    """
    t = event.tensors
    if event.phase == "input":
        return [(_tr("Input batch (first sample)"), "output", False)]
    if event.phase == "forward":
        if "input" not in t and "output" in t:  # an operation (the VAE's sampling)
            symbols = {"mu": "μ", "sigma": "σ", "eps": "ε ~ N(0, I)"}
            keys = [k for k in t if k != "output"][: MAX_PANES - 1]
            out = "z" if "eps" in t else _tr("Output")
            panes = [(symbols.get(k, k), k, True) for k in keys]
            return panes + [(out, "output", True)]
        panes = [(_tr("Input"), "input", False), (_tr("Output"), "output", False)]
        return [p for p in panes if p[1] in t]
    if event.phase == "loss":
        if "teacher_soft" in t:  # distillation: the soft targets at T
            panes = [(_tr("Teacher soft targets p_t"), "teacher_soft", False),
                     (_tr("Student p_s"), "student_soft", False),
                     (_tr("Network output"), "output", True)]
        else:
            panes = [(_tr("Network output"), "output", True),
                     (_tr("Target"), "target", False)]
        return [p for p in panes if p[1] in t]
    if event.phase == "backward":
        panes = []
        if event.pair >= 0 and trace is not None and event.path != "input":
            panes.append((_tr("Activation (forward)"), "forward:output", False))
        elif event.path == "input":
            panes.append((_tr("Input"), "forward:output", False))
        panes.append((_tr("Gradient ∂L/∂output"), "grad_output", True))
        grads = [k for k in t if k.startswith("grad.")]
        if grads:
            name = "grad.weight" if "grad.weight" in grads else grads[0]
            panes.append((_tr("Gradient ∂L/∂{0}").format(name[5:]), name, True))
        elif "grad_input" in t:
            panes.append((_tr("Gradient ∂L/∂input"), "grad_input", True))
        return panes
    if event.phase == "update":
        names = sorted({k.split(".")[0] for k in t if k.endswith(".before")},
                       key=lambda n: (n != "weight", n))
        name = names[0] if names else "weight"
        return [(_tr("Before"), f"{name}.before", True),
                (_tr("After"), f"{name}.after", True),
                (_tr("Δ = after − before"), f"{name}.delta", True)]
    return []


class EventInspector(QWidget):
    """Everything about the current event: its tensors (the main view), their
    histogram, the formula with the numbers, and the facts of the layer.

    ``extra_panels`` (e.g. the gradient norms per layer) join the inspector's deck.
    """

    def __init__(self, parent: QWidget | None = None,
                 extra_panels: list[tuple[QWidget, str]] | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tensors = QWidget()
        row = QHBoxLayout(self.tensors)
        row.setContentsMargins(0, 0, 0, 0)
        self.panes = [TensorPane() for _ in range(MAX_PANES)]
        for pane in self.panes:
            row.addWidget(pane, 1)
        self.histogram = HistogramView()
        self.formula = Caption()
        self.formula.setTextFormat(Qt.TextFormat.PlainText)
        self.formula.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.extra = Caption()
        self.extra.setTextFormat(Qt.TextFormat.PlainText)
        self.deck = PanelDeck(side="below")
        self.deck.add(self.tensors, Role.MAIN, "tensors")
        self.deck.add(self.histogram, Role.SECONDARY, "histogram")
        for widget, name in extra_panels or []:
            self.deck.add(widget, Role.SECONDARY, name)
        # the step-through's own header names the event; the title is kept for
        # an inspector shown on its own
        self.title.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.deck, 1)
        layout.addWidget(self.formula)
        layout.addWidget(self.extra)
        self._event: TraceEvent | None = None
        self._trace: Trace | None = None
        self.apply_fonts()
        self.retranslate_ui()

    def apply_fonts(self) -> None:
        self.title.setFont(_font(2, bold=True))
        # a monospaced formula is wide: one size down keeps its lines whole
        self.formula.setFont(_font(-2, mono=True))
        self.extra.setFont(_font(-2))
        self._fit_formula()

    def retranslate_ui(self) -> None:
        self.histogram.set_title(self.tr("Values"))
        self.histogram.plot_item.setLabel("bottom", self.tr("value"))
        self.deck.set_title(self.tensors, self.tr("Tensors"))
        self.deck.set_title(self.histogram, self.tr("Values"))
        if self._event is not None:
            self.show_event(self._event, self._trace)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif is_font_change(event):
            self.apply_fonts()
        super().changeEvent(event)

    def title_text(self, event: TraceEvent, trace: Trace | None) -> str:
        """Phase · the box's short name [full module path] (kind), the optimizer
        of an update, the network or optimizer, the part of the step."""
        name = event.path
        graph = trace.graphs.get(event.role) if trace is not None else None
        if graph is not None and event.path in graph.order():
            name = node_name(graph.node(event.path))
        if event.path == "input":
            name = phase_name("input")
        who = name if name == event.path else f"{name}  [{event.path}]"
        if event.kind not in name and event.path not in ("input",):
            who += f" ({event.kind})"
        if event.call:
            who += f" t={event.call}"
        segments = [phase_name(event.phase), who]
        if event.optimizer:
            segments.append(self.tr("{0} step").format(event.optimizer))
        if event.role != "model":
            if trace is not None and trace.roles == "optimizer":
                segments.append(self.tr("optimizer {0}").format(event.role))
            else:
                segments.append(self.tr("network {0}").format(event.role))
        if event.part and event.part != event.role:
            segments.append(event.part)
        return " · ".join(segments)

    def show_event(self, event: TraceEvent, trace: Trace | None = None) -> None:
        self._event, self._trace = event, trace
        self.title.setText(self.title_text(event, trace))
        self.title.setToolTip(f"{event.path} ({event.kind})")
        forward = (trace.events[event.pair] if trace is not None and event.pair >= 0
                   else None)
        shown: list[TensorRecord] = []
        specs = panes_for(event, trace)
        for pane, spec in zip(self.panes, specs + [None] * MAX_PANES):
            record = None
            if spec is not None:
                caption, key, signed = spec
                source = forward if key.startswith("forward:") else event
                key = key.removeprefix("forward:")
                record = source.tensors.get(key) if source is not None else None
            pane.setVisible(record is not None)
            if record is not None:
                pane.show_tensor(caption, record, signed)
                shown.append(record)
        if shown:
            self.histogram.set_samples("values", shown[-1].sample)
        self.formula.setText(event.formula)
        self._fit_formula()
        self.extra.setText(self._extra_text(event))

    #: The formula never takes more than this share of the inspector's height.
    FORMULA_SHARE = 0.22

    def _fit_formula(self) -> None:
        """A long formula (a cell's equations, a conv's sizes) in a smaller font, so
        the tensors keep their room."""
        width, room = self.formula.width(), self.height() * self.FORMULA_SHARE
        for delta in (-2, -3, -4, -5):
            self.formula.setFont(_font(delta, mono=True))
            if width <= 0 or room <= 0 or self.formula.heightForWidth(width) <= room:
                break

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_formula()

    def _extra_text(self, event: TraceEvent) -> str:
        lines = []
        if event.input_shapes and event.phase == "forward":
            shapes = ", ".join("×".join(map(str, s)) for s in event.input_shapes)
            outs = ", ".join("×".join(map(str, s)) for s in event.output_shapes)
            lines.append(self.tr("shapes: {0} → {1}").format(shapes, outs))
        if event.params:
            lines.append(self.tr("parameters: {0} ({1} without bias)").format(
                f"{event.params:,}", f"{event.params_no_bias:,}"))
        norms = [f"‖{k}‖ = {v:.3g}" for k, v in event.norms.items()
                 if event.phase == "backward"]
        if norms:
            lines.append("   ".join(norms))
        if event.phase == "update":
            state = sorted({k.split(".", 1)[1] for k in event.tensors
                            if k.count(".") >= 1 and k.split(".", 1)[1]
                            not in ("before", "after", "delta")})
            parts = []
            if "lr" in event.scalars:
                parts.append(self.tr("learning rate η = {0}").format(
                    f"{event.scalars['lr']:g}"))
            sizes = [(k[: -len(".delta")], r.norm) for k, r in event.tensors.items()
                     if k.endswith(".delta")]
            for name, norm in sizes[:2]:
                before = event.tensors.get(f"{name}.before")
                step = f"‖Δ{name}‖ = {norm:.3g}"
                if before is not None:
                    step += f" (‖{name}‖ = {before.norm:.3g})"
                parts.append(step)
            if parts:
                lines.append("   ".join(parts))
            if state:
                lines.append(self.tr("optimizer state: {0}").format(", ".join(state)))
        if event.phase == "loss" and "loss" in event.scalars:
            lines.append(f"loss = {event.scalars['loss']:.5f}")
        return "\n".join(lines)
