"""The compare window: two runs of a lab side by side, in lockstep.

Two instances of the lab's stage (one per side) are fed from the pair's snapshots
through their own :class:`~dlviz.session.shown.ShownSnapshot`, the one path to a
stage. Below them: one plot of both runs' losses (A solid, B dashed, legend below)
and, for the 2-D classifier labs, where the two decision boundaries disagree. The
preset's question is on top with a Reveal button; the transport acts on both runs
(Space plays and pauses); Keep A / Keep B end the comparison and hand that run to
the main window (:mod:`dlviz.ui.classroom.compare` does the handing over). The
rewind row scrubs both runs back to the same step (the pair records them together:
:attr:`dlviz.session.compare.CompareSession.rewind`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.compare import GRAD_KEY, Preset
from dlviz.core.labs.base import LabSpec
from dlviz.core.metric_names import metric_label
from dlviz.session.compare import SIDES, CompareSession
from dlviz.session.engine import SPEEDS
from dlviz.session.shown import ShownSnapshot
from dlviz.ui import theme
from dlviz.ui.compare.bars import PairBarsView
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import PanelDeck, Role
from dlviz.ui.kit.deck import min_panel_size
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.base import Stage
from dlviz.ui.trace import StepThroughPanel
from dlviz.ui.views.base import PlotView
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.heatmap import HeatmapView

REDRAW_MS = 33
#: The panel a many-panel stage shows first in a comparison (else its main view).
PREFERRED_PANELS = ("decision boundary",
                    # a recurrent net: input, target and prediction (its gradient
                    # through time is in the shared views, on one scale)
                    "series")
CURVES_EVERY_S = 0.25
#: Stages that show class probabilities over the plane: a disagreement map applies.
MAP_STAGES = ("classifier2d",)
#: Below this a gradient through time is drawn as this (a log scale).
GRAD_FLOOR = 1e-12


def disagreement(probs_a: np.ndarray, probs_b: np.ndarray) -> tuple[np.ndarray, float]:
    """How differently two nets classify each point of the plane: the total
    variation distance ½·Σ|p_A − p_B| (0: the same probabilities, 1: certain of
    different classes), and the share of the plane where their classes differ."""
    tv = 0.5 * np.abs(probs_a - probs_b).sum(-1)
    share = float((probs_a.argmax(-1) != probs_b.argmax(-1)).mean())
    return tv.astype(np.float32), share


def _main_panel(deck: PanelDeck | None) -> QWidget | None:
    """The deck's main view (before its first layout: the panel added as MAIN)."""
    if deck is None:
        return None
    view = deck.main_view()
    if view is None:
        entries = getattr(deck, "_entries", [])
        view = next((e["widget"] for e in entries if e.get("role") is Role.MAIN),
                    None)
    return view


def _panel_title(stage: Stage, name: str, widget: QWidget | None,
                 names: dict[str, str] | None = None) -> str:
    """What the panel chooser calls panel ``name``: the stage's (translated) tab
    title of it, else the panel's plot title, else ``names[name]`` (panels their
    stages leave untitled), else its English name."""
    deck = stage.deck
    if deck is not None and widget is not None:
        title = next((e.get("title", "") for e in getattr(deck, "_entries", [])
                      if e.get("widget") is widget), "")
        if isinstance(title, str) and title and title != name:
            return title
    title = getattr(widget, "_title", "")  # a plot's title (a string)
    if isinstance(title, str) and title:
        return title
    return (names or {}).get(name, name)


def _least_width(stage: Stage) -> int:
    """The narrowest ``stage`` can be without cutting text: its minimum size, its
    controls (a control row wraps, but a control wider than the row is cut) and
    the titles of the panels it shows (a plot's title does not wrap)."""
    need = stage.minimumSizeHint().width()
    controls = getattr(stage, "controls", None)
    if controls is not None and controls.isVisibleTo(stage):
        layout = controls.layout()
        for i in range(layout.count() if layout is not None else 0):
            widget = layout.itemAt(i).widget()
            if widget is not None and widget.isVisibleTo(stage):
                need = max(need, widget.sizeHint().width() + 8)
    for view in stage.findChildren(PlotView):
        title = view.plot_item.titleLabel
        if view.isVisibleTo(stage) and title.isVisible() and title.text:
            need = max(need, int(title.item.boundingRect().width()) + 8)
    return need


def _retranslate_quiet(root: QWidget) -> None:
    """Call ``retranslate_ui()`` on ``root`` and the widgets under it that have one
    but do not react to LanguageChange themselves (the stages and their parts).
    A main window's Language menu does this for its own window only, so the
    compare window, a window of its own, does it for its two stages."""
    for widget in [root, *root.findChildren(QWidget)]:
        method = getattr(widget, "retranslate_ui", None)
        if method is None or _reacts_to_language(type(widget)):
            continue
        method()


def _reacts_to_language(cls: type) -> bool:
    """Whether ``cls`` (or a Python base of it) overrides ``changeEvent``."""
    return any("changeEvent" in vars(klass) for klass in cls.__mro__
               if not klass.__module__.startswith(("PySide6", "shiboken6",
                                                   "pyqtgraph")))


class CompareWindow(QWidget):
    """Runs and shows one comparison. ``language`` returns the interface
    language (the presets' texts follow it)."""

    #: The teacher keeps this side's run ("A" or "B").
    keep_requested = Signal(str)
    #: The teacher saves this side's run as an ordinary session file.
    save_requested = Signal(str)
    #: The teacher saves the comparison (both runs) as one session file.
    save_both_requested = Signal()
    #: The teacher exports the comparison (both runs and the curves) as a PNG.
    export_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        spec_a: LabSpec,
        hparams_a: dict,
        spec_b: LabSpec,
        hparams_b: dict,
        device: torch.device,
        preset: Preset | None = None,
        language: Callable[[], str] = lambda: "en",
        threaded: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.specs = {"A": spec_a, "B": spec_b}
        self.preset = preset
        self.language = language
        self.session = CompareSession(spec_a, hparams_a, spec_b, hparams_b, device,
                                      threaded=threaded)
        self.stages: dict[str, Stage] = {}
        self.shown = {side: ShownSnapshot() for side in SIDES}
        self.side_titles: dict[str, QLabel] = {}
        self.side_status: dict[str, QLabel] = {}
        self.traces: dict[str, StepThroughPanel] = {}
        self._closing = False
        self._last_curves = 0.0
        self._curves_dirty = False
        self._syncing_trace = False
        self._captions: list[QWidget] = []
        #: stage controls hidden while one panel is shown, and whether they were
        #: shown before
        self._kept_hidden: set[QWidget] = set()
        self._controls_shown: dict[QWidget, bool] = {}
        self._focused = False
        self._sized: tuple[int, int] | None = None
        self._arrange_timer = QTimer(self)
        self._arrange_timer.setSingleShot(True)
        self._arrange_timer.setInterval(0)
        self._arrange_timer.timeout.connect(self._arrange)
        self._build()
        self._connect()
        self.retranslate_ui()
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self.session.start()
        self.timer.start()

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.question = QLabel()
        self.question.setObjectName("compare_question")
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("compare_reveal")
        self.reveal_button.clicked.connect(self.reveal)
        self.answer = QLabel()
        self.answer.setObjectName("compare_answer")
        self.answer.setWordWrap(True)
        self.answer.hide()
        self.watch = QLabel()
        self.watch.setWordWrap(True)
        #: what a save or an export did (shown for a while)
        self.notice = QLabel()
        self.notice.setObjectName("compare_notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(8000)
        self._notice_timer.timeout.connect(self.notice.hide)
        # a stage of many panels shows one of them in both runs (the teacher's
        # choice), so the two stay legible side by side
        self.panel_label = QLabel()
        self.panel_box = QComboBox()
        self.panel_box.setObjectName("compare_panel")
        self.panel_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.panel_box.setMinimumContentsLength(14)
        self.panel_box.setSizePolicy(QSizePolicy.Policy.Maximum,
                                     QSizePolicy.Policy.Fixed)
        header = QHBoxLayout()
        header.addWidget(self.question, 1)
        header.addWidget(self.panel_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.panel_box, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        self._header = header  # the save/export button joins it once built

        self.stage_split = QSplitter(Qt.Orientation.Horizontal)
        self.stage_split.setChildrenCollapsible(False)
        for side in SIDES:
            spec = self.specs[side]
            stage = stage_class(spec.stage)(spec)
            stage.setObjectName(f"compare_stage_{side}")
            self.stages[side] = stage
            title, status = QLabel(), QLabel()
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            title.setWordWrap(True)
            # the stages' captions explain the lab, which the class has seen in
            # the main window: here the space goes to the two runs
            caption = getattr(stage, "caption", None)
            if caption is not None:
                caption.hide()
                caption.installEventFilter(self)
                self._captions.append(caption)
            self.side_titles[side], self.side_status[side] = title, status
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(2, 2, 2, 2)
            status.setWordWrap(True)
            layout.addWidget(title)
            layout.addWidget(status)
            layout.addWidget(stage, 1)
            self.stage_split.addWidget(box)

        # the curves of both runs and, where it teaches, the disagreement map
        self.deck = PanelDeck()
        self.curves = CurvesView()
        self.curves.setObjectName("compare_curves")
        self.deck.add(self.curves, Role.MAIN, "loss curves")
        self.map_view: HeatmapView | None = None
        if all(self.specs[s].stage in MAP_STAGES for s in SIDES):
            self.map_view = HeatmapView(colorbar=True)
            self.map_view.setObjectName("compare_disagreement")
            self.map_view.plot_item.invertY(False)  # y up, as the decision maps
            self.deck.add(self.map_view, Role.SECONDARY, "disagreement")
        self._map_share = 0.0
        #: both runs' gradient norm per layer on one scale, added once both
        #: sides' snapshots report them (labs with one network)
        self.grad_view: PairBarsView | None = None
        #: recurrent labs: both runs' gradient through time on one log scale
        self.time_view: CurvesView | None = None

        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.stage_split)
        self.body.addWidget(self.deck)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 1)
        self.deck.setMinimumHeight(min_panel_size()[1])

        # the step-through of both runs: the same event in both
        trace_page = QWidget()
        trace_row = QHBoxLayout(trace_page)
        trace_row.setContentsMargins(0, 0, 0, 0)
        for side in SIDES:
            panel = StepThroughPanel()
            panel.setObjectName(f"compare_trace_{side}")
            panel.record_requested.connect(self.record_trace)
            panel.event_changed.connect(
                lambda index, s=side: self._sync_trace(s, index))
            self.traces[side] = panel
            trace_row.addWidget(panel, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.body, "")
        self.tabs.addTab(trace_page, "")

        self.play_button = QPushButton()
        self.play_button.setObjectName("compare_play")
        self.step_button = QPushButton()
        self.trace_button = QPushButton()
        self.reset_button = QPushButton()
        self.speed_label = QLabel()
        self.speed = QComboBox()
        for sps in SPEEDS:
            self.speed.addItem("", sps)
        self.step_label = QLabel()
        self.step_label.setObjectName("compare_step")
        self.keep_a = QPushButton()
        self.keep_a.setObjectName("compare_keep_A")
        self.keep_b = QPushButton()
        self.keep_b.setObjectName("compare_keep_B")
        # saving a run and exporting the picture: one button, its menu
        self.file_button = QToolButton()
        self.file_button.setObjectName("compare_file")
        self.file_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.file_menu = QMenu(self.file_button)
        self.save_both_action = self.file_menu.addAction(
            "", self.save_both_requested.emit)
        self.save_both_action.setObjectName("compare_save_both")
        self.save_actions = {
            side: self.file_menu.addAction(
                "", lambda s=side: self.save_requested.emit(s))
            for side in SIDES
        }
        self.file_menu.addSeparator()
        self.export_action = self.file_menu.addAction("", self.export_requested.emit)
        self.file_button.setMenu(self.file_menu)
        self.file_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # in the header, where the question's text wraps to make room (the
        # transport row is full at 1024 px with the presentation font)
        self._header.addWidget(self.file_button, 0, Qt.AlignmentFlag.AlignTop)
        for button in (self.play_button, self.step_button, self.trace_button,
                       self.reset_button, self.keep_a, self.keep_b):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        transport = QHBoxLayout()
        for widget in (self.play_button, self.step_button, self.trace_button,
                       self.reset_button, self.speed_label, self.speed):
            transport.addWidget(widget)
        transport.addWidget(self.step_label, 1)
        transport.addWidget(self.keep_a)
        transport.addWidget(self.keep_b)

        # rewind: both runs back to the same step
        self.rewound_step: int | None = None
        self.live_button = QPushButton()
        self.live_button.setObjectName("compare_rewind_live")
        self.live_button.setCheckable(True)
        self.live_button.setChecked(True)
        self.live_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.live_button.clicked.connect(self.go_live)
        self.rewind_slider = QSlider(Qt.Orientation.Horizontal)
        self.rewind_slider.setObjectName("compare_rewind_slider")
        self.rewind_slider.setRange(0, 0)
        self.rewind_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rewind_slider.valueChanged.connect(self._on_rewind_slider)
        self.rewind_label = QLabel()
        self.rewind_label.setObjectName("compare_rewind_step")
        rewind_row = QHBoxLayout()
        rewind_row.addWidget(self.live_button)
        rewind_row.addWidget(self.rewind_slider, 1)
        rewind_row.addWidget(self.rewind_label)
        self.rewind_marker = pg.InfiniteLine(angle=90, movable=False,
                                             pen=theme.pen("mark"))
        self.rewind_marker.setZValue(20)
        self.rewind_marker.hide()
        self.curves.plot_item.addItem(self.rewind_marker, ignoreBounds=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.answer)
        layout.addWidget(self.watch)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(rewind_row)
        layout.addLayout(transport)
        self.question.setVisible(self.preset is not None)
        self.reveal_button.setVisible(self.preset is not None)
        self.watch.hide()
        self._fill_panels()

    def _fill_panels(self) -> None:
        panels = self.stages["A"].panels()
        self.panel_box.addItem("", "")  # every panel
        for name in panels:
            self.panel_box.addItem("", name)
        many = len(panels) > 1
        self.panel_label.setVisible(many)
        self.panel_box.setVisible(many)
        if many:
            main = _main_panel(self.stages["A"].deck)
            first = next((n for n in PREFERRED_PANELS if n in panels),
                         next((n for n, w in panels.items() if w is main), ""))
            self.panel_box.setCurrentIndex(max(0, self.panel_box.findData(first)))
            self.show_panel(first)
        self.panel_box.currentIndexChanged.connect(
            lambda _i: self.show_panel(self.panel_box.currentData()))

    def show_panel(self, name: str) -> None:
        """Show only panel ``name`` of both stages, without the stages' controls
        ("" or a panel a stage lacks: all of that stage's panels and controls)."""
        self._focused = bool(name)
        for stage in self.stages.values():
            if stage.deck is None:
                continue
            widget = stage.panels().get(name) if name else None
            stage.deck.set_filter(only=widget)
            controls = getattr(stage, "controls", None)
            if controls is None:
                continue
            if widget is not None:
                self._kept_hidden.add(controls)
                controls.installEventFilter(self)
                self._controls_shown[controls] = controls.isVisibleTo(stage) or (
                    self._controls_shown.get(controls, False))
                controls.hide()
            elif controls in self._kept_hidden:
                self._kept_hidden.discard(controls)
                controls.setVisible(self._controls_shown.get(controls, False))
        self._sized = None  # the arrangement may change
        self._arrange_timer.start()

    def _connect(self) -> None:
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(self.step_once)
        self.trace_button.clicked.connect(self.record_trace)
        self.reset_button.clicked.connect(self.reset)
        self.speed.currentIndexChanged.connect(
            lambda _i: self.session.set_speed(float(self.speed.currentData())))
        self.keep_a.clicked.connect(lambda: self.keep_requested.emit("A"))
        self.keep_b.clicked.connect(lambda: self.keep_requested.emit("B"))
        self.space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self.space.setContext(Qt.ShortcutContext.WindowShortcut)
        self.space.activated.connect(self.toggle_play)
        # Ctrl+S saves the comparison, as File ▸ Save session does a single run
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.save_shortcut.activated.connect(self.save_both_requested.emit)
        for side in SIDES:
            session, stage = self.session.side(side), self.stages[side]
            session.snapshot_changed.connect(
                lambda snap, s=side: self._on_snapshot(s, snap))
            session.run_reset.connect(lambda s=side: self._on_run_reset(s))
            session.trace_ready.connect(lambda trace, s=side: self._on_trace(s, trace))
            session.result_ready.connect(
                lambda kind, data, st=stage: st.show_result(kind, data))
            stage.requested.connect(
                lambda kind, data, s=side: self.session.request(s, kind, data))

    # -- texts -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        lang = self.language()
        p = self.preset
        lab = tr_core(self.specs["A"].title)
        if p is not None:
            self.setWindowTitle(self.tr("Compare: {0} — {1}").format(
                lab, p.name.get(lang)))
            self.question.setText(p.question.get(lang))
            self.answer.setText(self.tr("Answer: {0}").format(p.answer.get(lang)))
            self.watch.setText(self.tr("Watch: {0}").format(p.watch.get(lang)))
        else:
            self.setWindowTitle(self.tr("Compare: {0}").format(lab))
        self.reveal_button.setText(
            self.tr("Hide answer") if self.answer.isVisible() else self.tr("Reveal"))
        labels = self._side_labels()
        for side in SIDES:
            self.side_titles[side].setText(self.tr("{0} — {1}").format(
                self._side_name(side), labels[side]))
        self.panel_label.setText(self.tr("Show:"))
        self._title_panels()
        self.tabs.setTabText(0, self.tr("Side by side"))
        self.tabs.setTabText(1, self.tr("Step through"))
        self.step_button.setText(self.tr("Step"))
        self.trace_button.setText(self.tr("Step through"))
        self.trace_button.setToolTip(self.tr(
            "Train one recorded step of both runs and show them event by event."))
        self.reset_button.setText(self.tr("Reset both"))
        self.speed_label.setText(self.tr("Speed:"))
        for i, sps in enumerate(SPEEDS):
            text = self.tr("fastest") if sps == 0 else self.tr("{0} steps/s").format(
                f"{sps:g}")
            self.speed.setItemText(i, text)
        self.file_button.setText(self.tr("Save…"))
        self.file_button.setToolTip(self.tr(
            "Save both runs (or one) as a session file, or export the comparison "
            "as a PNG."))
        self.save_both_action.setText(self.tr("Save the comparison (both runs)…"))
        for side in SIDES:
            self.save_actions[side].setText(
                self.tr("Save run {0} as a session…").format(self._side_name(side)))
        self.export_action.setText(self.tr("Export both runs as PNG…"))
        self.live_button.setText(self.tr("● Live"))
        self.live_button.setToolTip(self.tr("Show both runs as they train"))
        self.rewind_slider.setToolTip(self.tr(
            "Drag back to see both runs as they were at the same step"))
        self._rewind_text()
        self.keep_a.setText(self.tr("Keep A"))
        self.keep_b.setText(self.tr("Keep B"))
        self.keep_a.setToolTip(self.tr(
            "End the comparison and continue run A in the main window."))
        self.keep_b.setToolTip(self.tr(
            "End the comparison and continue run B in the main window."))
        self.deck.set_title(self.curves, self.tr("Loss"))
        self.curves.set_title(self.tr("Loss (B dashed)"))
        self.curves.plot_item.setLabel("bottom", self.tr("step"))
        if self.curves.curves:  # legends in the new language
            self.curves.clear_curves()
            self._curves_dirty = True
        if self.map_view is not None:
            # a short tab title: the gradients' tab shares the narrow column
            self.deck.set_title(self.map_view, self.tr("A ≠ B"))
            self._title_map()
        self._title_grads()
        self._show_state()

    def _title_panels(self) -> None:
        """The panel chooser's items: the stage's titles of its panels."""
        stage = self.stages["A"]
        panels = stage.panels()
        for i in range(self.panel_box.count()):
            name = self.panel_box.itemData(i)
            text = (_panel_title(stage, name, panels.get(name), self._panel_names())
                    if name else self.tr("All panels"))
            self.panel_box.setItemText(i, text)

    def _panel_names(self) -> dict[str, str]:
        """Panels some stages add without a title, by their English names."""
        return {
            "draw": self.tr("Drawing"),
            "drawing feature maps": self.tr("Feature maps of the drawing"),
            "attributions": self.tr("Attributions"),
            "softmax": self.tr("Softmax"),
            "unit": self.tr("Unit"),
            "transposed convolution": self.tr("Transposed convolution"),
        }

    def _side_name(self, side: str) -> str:
        return self.tr("A") if side == "A" else self.tr("B")

    def _side_labels(self) -> dict[str, str]:
        """What distinguishes each side: the preset's labels, else the settings
        (and lab) that differ."""
        lang = self.language()
        if self.preset is not None:
            return {"A": self.preset.label_a.get(lang),
                    "B": self.preset.label_b.get(lang)}
        hp = {s: self.session.side(s).hparams for s in SIDES}
        params = {p.key: p for p in self.specs["A"].all_params()}
        differ = [k for k in hp["A"] if hp["A"].get(k) != hp["B"].get(k)]
        out = {}
        for side in SIDES:
            parts = []
            if self.specs["A"].key != self.specs["B"].key:
                parts.append(tr_core(self.specs[side].title))
            for key in differ:
                p = params.get(key)
                if p is not None:
                    from dlviz.ui.compare.dialog import format_value

                    parts.append(f"{tr_core(p.label)} = "
                                 f"{format_value(p, hp[side][key])}")
            out[side] = ", ".join(parts) or self.tr("the same settings")
        return out

    @staticmethod
    def _curve_label(metric: str) -> str:
        return tr_core(metric_label(metric))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            # the stages first: the panel chooser shows their panels' titles
            for stage in self.stages.values():
                _retranslate_quiet(stage)
            self.retranslate_ui()
            for shown in self.shown.values():
                shown.invalidate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LanguageChange:
            # the stages that retranslate themselves have now done so (Qt hands
            # the change to the children after this window's changeEvent)
            self._title_panels()
        return handled

    # -- layout ------------------------------------------------------------------------
    def arrangement(self, width: int) -> tuple[Qt.Orientation, Qt.Orientation]:
        """(body, stages) orientations for a window ``width`` px wide.

        Three columns — stage A, stage B, then the curves above the disagreement
        map — when a third of the width holds a stage: the stages get the full
        height. Otherwise the curves go below the stages, side by side where half
        the width holds one, else one above the other.
        """
        need = max(min_panel_size()[0],
                   max(_least_width(s) for s in self.stages.values()))
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        # a stage of one or two panels (a decision map) fits a third of the width;
        # one with many panels and controls (a recurrent net) needs half of it
        few = self._focused or all(len(s.panels()) <= 2
                                   for s in self.stages.values())
        if few and width >= 3 * (need + 12):
            return horizontal, horizontal
        if width >= 2 * (need + 12):
            return vertical, horizontal
        return vertical, vertical

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and (
                watched in self._captions or watched in self._kept_hidden):
            # a stage re-shows its caption (or controls) when retranslated
            if watched in self._kept_hidden:
                self._controls_shown[watched] = True
            watched.hide()
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange_timer.start()  # once the layout gave the splitters their sizes

    def _arrange(self) -> None:
        body, stages = self.arrangement(self.width())
        size = (self.width(), self.height())
        if size != self._sized:  # a new window size: the shares afresh
            self._sized = size
            self.stage_split.setOrientation(stages)
            self.body.setOrientation(body)
            self.deck.side = "below" if body == Qt.Orientation.Horizontal else "right"
            self.deck.relayout()
            wide = body == Qt.Orientation.Horizontal
            total = max(3, self.body.width() if wide else self.body.height())
            first = int(total * (0.7 if wide else 0.6))
            self.body.setSizes([first, total - first])
            along = self.stage_split.orientation() == Qt.Orientation.Horizontal
            span = max(2, self.stage_split.width() if along
                       else self.stage_split.height())
            if wide:
                span = first
            self.stage_split.setSizes([span // 2, span - span // 2])

    def size_to_screen(self) -> None:
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        self.resize(min(1280, int(area.width() * 0.94)),
                    min(800, int(area.height() * 0.92)))

    # -- commands ----------------------------------------------------------------------
    def toggle_play(self) -> None:
        self.session.toggle()
        self._show_state()

    def step_once(self) -> None:
        self.session.step_once()

    def record_trace(self) -> None:
        self.session.record_trace()
        self.tabs.setCurrentIndex(1)

    def reset(self) -> None:
        self.session.reset()

    def show_notice(self, text: str) -> None:
        """Say what a save or an export did, for a few seconds."""
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    def export_widget(self) -> QWidget:
        """What an export draws: both runs and the shared views (the side-by-side
        page), or both step-throughs when that page is shown."""
        return self.tabs.currentWidget()

    def reveal(self) -> None:
        show = not self.answer.isVisible()
        self.answer.setVisible(show)
        self.watch.setVisible(show)
        self.reveal_button.setText(
            self.tr("Hide answer") if show else self.tr("Reveal"))

    # -- from the sessions ----------------------------------------------------------
    def _on_snapshot(self, side: str, snapshot: dict) -> None:
        self.shown[side].live(snapshot, self.session.side(side).snapshot_step)

    def _on_run_reset(self, side: str) -> None:
        if self.rewound_step is not None:
            self.go_live()
        self.shown[side].clear()
        self.stages[side].reset()
        if self.grad_view is not None:
            self.grad_view.clear_pair()
        if self.time_view is not None:
            self.time_view.clear_curves()
        self.traces[side].clear()
        self.curves.clear_curves()  # the other side's come back from its history
        self._curves_dirty = True

    def _on_trace(self, side: str, trace) -> None:
        self.traces[side].set_trace(trace)

    def _sync_trace(self, side: str, index: int) -> None:
        """The same event in both step-throughs."""
        if self._syncing_trace:
            return
        other = self.traces["B" if side == "A" else "A"]
        if other.trace is None or other.index == index:
            return
        self._syncing_trace = True
        try:
            other.jump_to(index)
        finally:
            self._syncing_trace = False

    # -- redraw (GUI thread, ~30 Hz) ------------------------------------------------
    def redraw(self) -> None:
        frames = len(self.session.rewind)
        changed = self.session.poll()
        self._curves_dirty = self._curves_dirty or changed
        if changed or len(self.session.rewind) != frames:
            self._sync_rewind()
        self.draw_stages()
        now = time.perf_counter()
        running = self.session.running
        if self._curves_dirty and (now - self._last_curves >= CURVES_EVERY_S
                                   or not running):
            self._last_curves = now
            self._curves_dirty = False
            self.update_curves()
        if changed:
            self._show_state()

    def draw_stages(self) -> bool:
        """Draw what changed on either stage (the one path to ``show_snapshot``)."""
        drew = False
        for side in SIDES:
            snapshot = self.shown[side].take()
            if snapshot is not None:
                self.stages[side].show_snapshot(snapshot)
                drew = True
        if drew and self.map_view is not None:
            self._draw_map()
        if drew:
            self._draw_grads()
        return drew

    def _draw_grads(self) -> None:
        """A's and B's gradient norm per layer, side by side on one log scale (a
        recurrent net: their gradient through time, ‖∂L/∂h_t‖, on one scale)."""
        a, b = (self.shown[s].current() for s in SIDES)
        if not a or not b:
            return
        if "grad_h" in a and "grad_h" in b:
            self._draw_time(a["grad_h"], b["grad_h"])
            return
        if GRAD_KEY not in a or GRAD_KEY not in b:
            return
        (labels_a, norms_a), (_labels_b, norms_b) = a[GRAD_KEY], b[GRAD_KEY]
        if len(norms_a) != len(norms_b):
            return  # different architectures: no layer to layer comparison
        if self.grad_view is None:
            self.grad_view = PairBarsView()
            self.grad_view.setObjectName("compare_gradients")
            self.deck.add(self.grad_view, Role.SECONDARY, "gradients")
            self._title_grads()
        self.grad_view.set_pair(norms_a, norms_b, labels_a)

    def _draw_time(self, grad_a: np.ndarray, grad_b: np.ndarray) -> None:
        if self.time_view is None:
            self.time_view = CurvesView(log_y=True)
            self.time_view.setObjectName("compare_gradient_time")
            self.time_view.plot_item.setMouseEnabled(x=False, y=False)
            self.deck.add(self.time_view, Role.SECONDARY, "gradient through time")
            self._title_grads()
        palette = theme.PALETTE
        decades = []
        for side, grad in (("A", grad_a), ("B", grad_b)):
            values = np.clip(np.asarray(grad, dtype=np.float64), GRAD_FLOOR, None)
            t = np.arange(1, len(values) + 1)
            self.time_view.set_curve(side, t, values, color=palette[
                0 if side == "A" else 1], dashed=side == "B",
                label=self._side_name(side))
            if len(values):
                decades += [np.log10(values.min()), np.log10(values.max())]
        if decades:
            # whole decades: the log axis then labels its ends (1e-3, 0.01 …)
            lo, hi = np.floor(min(decades)), np.ceil(max(decades))
            self.time_view.plot_item.setYRange(lo, max(hi, lo + 1), padding=0)
            self.time_view.plot_item.setXRange(1, max(2, len(grad_a)), padding=0.02)

    def _title_grads(self) -> None:
        if self.time_view is not None:
            view = self.time_view
            self.deck.set_title(view, self.tr("Gradients"))
            view.set_title(self.tr("Gradient vs t"))
            view.plot_item.setLabel("bottom", "t")
            view.plot_item.setLabel("left", "‖∂L/∂h_t‖")
            if view.curves:  # the legend in the new language
                view.clear_curves()
                self._draw_grads()
            view.setToolTip(self.tr(
                "How much the loss depends on the hidden state at each "
                "time step t, A solid and B dashed on one logarithmic scale."))
        view = self.grad_view
        if view is None:
            return
        self.deck.set_title(view, self.tr("Gradients"))
        view.set_title(self.tr("Gradient per layer"))
        view.plot_item.setLabel("bottom", self.tr("layer"))
        view.set_side_names({s: self._side_name(s) for s in SIDES})
        view.setToolTip(self.tr(
            "The size (norm) of the last step's gradient of each weight layer, from "
            "the input to the output, A and B on one logarithmic scale: a bar one "
            "decade shorter is a gradient ten times smaller."))

    def _draw_map(self) -> None:
        a, b = (self.shown[s].current() for s in SIDES)
        if not a or not b:
            return
        key = "probs" if "probs" in a and "probs" in b else "values"
        if key not in a or key not in b or a[key].shape != b[key].shape:
            return  # one side classifies, the other regresses: nothing to compare
        if key == "probs":
            values, self._map_share = disagreement(a["probs"], b["probs"])
            levels = (0.0, 1.0)
        else:  # regression: how far apart the two predicted surfaces are
            values = np.abs(np.asarray(a["values"]) - np.asarray(b["values"]))
            values = values.reshape(values.shape[:2])
            self._map_share = None
            levels = (0.0, max(float(values.max()), 1e-6))
        self.map_view.set_data(values, levels=levels, extent=a["extent"])
        self._title_map()

    def _title_map(self) -> None:
        if self._map_share is None:
            self.map_view.set_title(self.tr("|A − B| of the predicted value"))
            self.map_view.setToolTip(self.tr(
                "Colour: how far apart the values A and B predict at each point "
                "of the plane."))
            return
        self.map_view.set_title(self.tr("A ≠ B on {0:.0%}").format(self._map_share))
        self.map_view.setToolTip(self.tr(
            "Colour: how differently A and B classify each point of the plane, "
            "half the summed difference of their class probabilities (0: the "
            "same, 1: each sure of a different class)."))

    def update_curves(self) -> None:
        palette = theme.PALETTE
        names: list[str] = []
        for side in SIDES:
            for name in self.session.side(side).history.series:
                # a lab's built-in twin (batch norm the other way) repeats
                # what the other run shows: the two runs' own losses only
                if "loss" in name and "twin" not in name and name not in names:
                    names.append(name)
        for side in SIDES:
            series = self.session.side(side).history.series
            for name in names:
                data = series.get(name)
                if data is None or not len(data):
                    continue
                color = palette[names.index(name) % len(palette)]
                key = f"{side}:{name}"
                new = key not in self.curves.curves
                self.curves.set_curve(key, data.x, data.y, color=color,
                                      dashed=side == "B", label=self._curve_label(name))
                if new and side == "B":
                    # one legend entry a metric: the title says B is dashed
                    self.curves.legend.removeItem(self.curves.curves[key])

    def _show_state(self) -> None:
        names = {
            "building": self.tr("building…"),
            "ready": self.tr("ready"),
            "running": self.tr("training"),
            "paused": self.tr("paused"),
            "diverged": self.tr("diverged"),
            "error": self.tr("error"),
            "stopped": self.tr("stopped"),
            "idle": self.tr("idle"),
        }
        for side in SIDES:
            session = self.session.side(side)
            loss = session.metrics.get("loss")
            text = names.get(session.state, session.state)
            if loss is not None:
                text = self.tr("{0} · loss {1:.3g}").format(text, loss)
            self.side_status[side].setText(text)
            tip = session.message if session.state in ("diverged", "error") else ""
            self.side_status[side].setToolTip(tip)
        self.step_label.setText(self.tr("step {0}").format(self.session.step))
        self.play_button.setText(
            self.tr("Pause") if self.session.running else self.tr("Play"))

    # -- rewind ------------------------------------------------------------------------
    @property
    def is_live(self) -> bool:
        return self.rewound_step is None

    def _sync_rewind(self) -> None:
        """Slider range: one position per recorded pair, the last meaning live."""
        n = len(self.session.rewind)
        slider = self.rewind_slider
        slider.blockSignals(True)
        slider.setRange(0, n)
        if self.rewound_step is None or not n:
            slider.setValue(n)
        else:
            slider.setValue(self.session.rewind.index_of_step(self.rewound_step))
        slider.blockSignals(False)
        self._rewind_text()

    def _on_rewind_slider(self, value: int) -> None:
        if value >= len(self.session.rewind):
            self.go_live()
        else:
            self.show_rewind_index(value)

    def show_rewind_index(self, index: int) -> None:
        """Show both runs as they were at the recorded step ``index`` and hold
        them there (training goes on; "Live" comes back)."""
        rewind = self.session.rewind
        if not len(rewind):
            return
        frame = rewind.frame(max(0, min(index, len(rewind) - 1)))
        self.rewound_step = frame.step
        for side in SIDES:
            self.shown[side].hold(frame.snapshot[side], frame.step)
        self.draw_stages()
        self.live_button.setChecked(False)
        self.rewind_marker.setPos(frame.step)
        self.rewind_marker.show()
        self._sync_rewind()

    def show_rewind_step(self, step: int) -> None:
        if len(self.session.rewind):
            self.show_rewind_index(self.session.rewind.index_of_step(step))

    def go_live(self) -> None:
        """Back to both live runs."""
        self.rewound_step = None
        for side in SIDES:
            self.shown[side].release()
        self.draw_stages()
        self.live_button.setChecked(True)
        self.rewind_marker.hide()
        self._sync_rewind()

    def _rewind_text(self) -> None:
        # live: the Live button and the transport's step say it all
        self.rewind_label.setText(
            self.tr("step {0} · rewound").format(self.rewound_step)
            if self.rewound_step is not None else "")

    # -- closing -----------------------------------------------------------------------
    def shutdown(self, timeout: float | None = 0.1) -> bool:
        """Stop both runs and the worker (at most ``timeout`` seconds of waiting;
        a busy worker ends after its batch). True when the worker has ended."""
        self.timer.stop()
        ended = self.session.shutdown(timeout)
        if not self._closing:
            self._closing = True
            for stage in self.stages.values():
                stage.shutdown()
        return ended

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        self.closed.emit()
        super().closeEvent(event)
