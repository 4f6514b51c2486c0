"""The main window: lab picker, stage, inspector, transport bar and status bar."""

from __future__ import annotations

import time

import torch
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.device import DeviceChoice, describe_device, device_for_lab
from dlviz.core.labs import LabSpec, all_labs, get_lab
from dlviz.core.metric_names import metric_color_slot, metric_label
from dlviz.core.params import ParamError
from dlviz.session.lab_session import LabSession
from dlviz.session.messages import Failure
from dlviz.session.shown import ShownSnapshot
from dlviz.ui import theme
from dlviz.ui.classroom._menus import WindowMenus
from dlviz.ui.i18n import tr_core
from dlviz.ui.jobs import RequestWatcher, join_everything
from dlviz.ui.redraw_budget import RedrawBudget
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.base import Stage
from dlviz.ui.trace import StepThroughPanel
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.widgets.hyperparams import HyperparamPanel
from dlviz.ui.widgets.lab_picker import LabPicker
from dlviz.ui.widgets.message_bar import MessageBar
from dlviz.ui.widgets.notes_panel import NotesPanel
from dlviz.ui.widgets.transport import TransportBar
from dlviz.ui.worker import QtThreadRunner

REDRAW_MS = 33  # ~30 Hz


class KeyRouter(QObject):
    """Keeps the transport and step-through keys working wherever focus is, except
    where a widget needs the key itself: text fields type (they claim their keys),
    and lists, combo boxes, sliders and tab bars keep their arrow keys."""

    NAVIGATION = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                  Qt.Key.Key_Home, Qt.Key.Key_End}
    KEEPS_ARROWS = (QAbstractItemView, QComboBox, QAbstractSlider, QTabBar)

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        # Qt drops the filter when this object (a child of the window) is deleted
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.ShortcutOverride
                and event.key() in self.NAVIGATION
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and isinstance(watched, self.KEEPS_ARROWS)
                and watched.isVisible() and watched.hasFocus()):
            event.accept()  # the widget gets its arrow key, not the shortcut
        return False
CURVES_EVERY_S = 0.1
#: However expensive a stage, a training lab shows a new frame at least this often.
MAX_FRAME_GAP_S = 0.25
#: A run whose engine waits for the speed limit at least this share of the time
#: draws every change: the worker has the time the drawing takes.
IDLE_DRAWS_ALL = 0.5


class MainWindow(QMainWindow):
    """One window, one open lab at a time.

    The classroom features (:mod:`dlviz.ui.classroom`) see it as a
    :class:`~dlviz.ui.classroom._host.ClassroomHost` and live in :attr:`features`.
    """

    #: False pauses drawing (the session is still polled); used by benchmarks.
    draw_enabled = True

    #: A lab was opened (its key); classroom features listen to it.
    lab_opened = Signal(str)
    #: The stage drew a snapshot (its step): live, rewound or a GIF frame.
    snapshot_shown = Signal(int)
    #: The device choice (``auto``, ``cpu``, ``cuda``, ``mps``) or the device of
    #: the open lab changed; the Device menu follows it.
    device_changed = Signal()

    def __init__(
        self,
        device: torch.device | str = "auto",
        threads: int = 1,
        lab: str | None = None,
        *,
        loading: bool = False,
    ):
        """``device`` is the user's choice: ``"auto"`` (per lab, see
        :func:`~dlviz.core.device.device_for_lab`) or a device every lab uses."""
        super().__init__()
        self.setObjectName("dlviz_main")
        #: run_app shows the window with ``loading`` true, loads the rest behind it
        #: and then calls :meth:`finish_loading` (see dlviz/ui/app.py)
        self.loading = loading
        self._lab_after_loading: tuple[str, dict | None] | None = None
        #: ``auto`` or a device name (``--device``, the Device menu)
        self.device_choice = device if isinstance(device, str) else str(device)
        #: where the open lab trains, and why (None before a lab is open)
        self.device_reason: DeviceChoice | None = None
        self.device = (
            torch.device("cpu") if self.device_choice == "auto"
            else torch.device(self.device_choice)
        )
        self.threads = threads
        #: the installed classroom features by name (``features["rewind"]``)
        self.features: dict[str, object] = {}
        #: the menus and window-wide actions the classroom features share
        self.menus = WindowMenus(self)
        self.session: LabSession | None = None
        self.language = "en"
        self.stage: Stage | None = None
        self.spec: LabSpec | None = None
        self._last_curves = 0.0
        #: what the stage shows (live or a rewound step); the only source of the
        #: snapshots the stage draws
        self.shown = ShownSnapshot()
        self._build()
        self.retranslate_ui()
        self.redraw_budget = RedrawBudget()
        self._undrawn_change = False  # polled, not drawn yet (over budget)
        self._last_draw = 0.0
        self.redraw_timer = QTimer(self)
        self.redraw_timer.setInterval(REDRAW_MS)
        self.redraw_timer.timeout.connect(self.redraw)
        self.redraw_timer.start()
        #: "working… Cancel" in the message bar while a stage's request takes long
        self.request_watcher = RequestWatcher(self)
        from dlviz.ui.classroom import install_all

        install_all(self)
        if not loading:
            self.open_lab(lab or "mlp2d")

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self._size_to_screen()
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.picker = LabPicker(fill=not self.loading)
        self.picker.lab_chosen.connect(self.open_lab)
        self.picker_dock = QDockWidget()
        self.picker_dock.setObjectName("picker_dock")
        self.picker_dock.setWidget(self.picker)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.picker_dock)

        self.hyperparams = HyperparamPanel()
        self.hyperparams.changed.connect(self._on_hparams)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.hyperparams)
        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setMargin(8)
        self.notes = NotesPanel()
        self.inspector = QTabWidget()
        self.inspector.setMinimumWidth(210)
        self.inspector.addTab(scroll, "")
        self.inspector.addTab(self.notes, "")
        self.inspector.addTab(self.card, "")
        self.inspector_dock = QDockWidget()
        self.inspector_dock.setObjectName("inspector_dock")
        self.inspector_dock.setWidget(self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)

        self.message_bar = MessageBar()
        self.message_bar.action_triggered.connect(self._on_message_action)
        self.stage_holder = QWidget()
        self.stage_layout = QVBoxLayout(self.stage_holder)
        self.stage_layout.setContentsMargins(0, 0, 0, 0)
        self.loss_curves = CurvesView()
        self.loss_curves.setObjectName("loss_curves")
        self.metric_curves = CurvesView()
        self.metric_curves.setObjectName("metric_curves")
        # the curves live in the stage's deck (the kit lays them out); this box
        # holds them only for a stage without a deck
        curves = QWidget()
        self.curves_box = curves
        curves_layout = QHBoxLayout(curves)
        curves_layout.setContentsMargins(0, 0, 0, 0)
        curves_layout.addWidget(self.loss_curves)
        curves_layout.addWidget(self.metric_curves)
        self.lab_splitter = QSplitter(Qt.Orientation.Vertical)
        self.lab_splitter.addWidget(self.stage_holder)
        self.lab_splitter.addWidget(curves)
        self.lab_splitter.setStretchFactor(0, 3)
        self.lab_splitter.setStretchFactor(1, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.lab_splitter, "")
        self.step_through = StepThroughPanel()
        self.tabs.addTab(self.step_through, "")
        # the step-through's navigation shares the tab bar's row
        self.tabs.setCornerWidget(self.step_through.header, Qt.Corner.TopRightCorner)
        self.step_through.header.setVisible(False)  # the window opens on Training
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.step_through.record_requested.connect(self.record_trace)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(4, 4, 4, 4)
        central_layout.addWidget(self.message_bar)
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.transport = TransportBar()
        self.transport.play_toggled.connect(self.toggle_play)
        self.transport.step_clicked.connect(self.step_once)
        self.transport.reset_clicked.connect(self.reset)
        self.transport.trace_clicked.connect(self.record_trace)
        self.transport.speed_changed.connect(self._on_speed)
        self.transport_bar = QToolBar()
        self.transport_bar.setObjectName("transport_bar")
        self.transport_bar.setMovable(False)
        self.transport_bar.addWidget(self.transport)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.transport_bar)

        self.device_label = QLabel()
        self.state_label = QLabel()
        self.statusBar().addPermanentWidget(self.state_label)
        self.statusBar().addPermanentWidget(self.device_label)
        self._make_actions()

    def _make_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        spec = [
            ("play", "Space", self.toggle_play),
            ("step", "S", self.step_once),
            ("reset", "R", self.reset),
            ("trace", "T", self.record_trace),
            ("filter", "Ctrl+F", self._focus_filter),
            ("quit", "Ctrl+Q", self.close),
            ("first_event", "Home", self._step_through_key),
            ("previous_event", "Left", self._step_through_key),
            ("next_event", "Right", self._step_through_key),
            ("last_event", "End", self._step_through_key),
        ]
        for name, keys, slot in spec:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setObjectName(f"action_{name}")
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action
        self.key_router = KeyRouter(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("dlviz — deep learning lab bench"))
        self.picker_dock.setWindowTitle(self.tr("Labs"))
        self.inspector_dock.setWindowTitle(self.tr("Inspector"))
        self.inspector.setTabText(0, self.tr("Settings"))
        self.inspector.setTabText(1, self.tr("Notes"))
        self.inspector.setTabText(2, self.tr("About"))
        self.tabs.setTabText(0, self.tr("Training"))
        self.tabs.setTabText(1, self.tr("Step through"))
        self.loss_curves.set_title(self.tr("Loss"))
        self.metric_curves.set_title(self.tr("Metrics"))
        self.loss_curves.plot_item.setLabel("bottom", self.tr("step"))
        self.metric_curves.plot_item.setLabel("bottom", self.tr("step"))
        texts = {
            "play": self.tr("Play / pause"),
            "step": self.tr("Step one batch"),
            "reset": self.tr("Reset"),
            "trace": self.tr("Record a step to walk through"),
            "filter": self.tr("Filter labs"),
            "quit": self.tr("Quit"),
            "first_event": self.tr("Step through: first event"),
            "previous_event": self.tr("Step through: previous event"),
            "next_event": self.tr("Step through: next event"),
            "last_event": self.tr("Step through: last event"),
        }
        for name, action in self.actions_by_name.items():
            action.setText(texts[name])
        self._show_device()
        deck = self.stage.curves_deck() if self.stage is not None else None
        if deck is not None and deck.owns(self.loss_curves):
            deck.set_title(self.loss_curves, self.tr("Loss"))
            deck.set_title(self.metric_curves, self.tr("Metrics"))
        self._show_card()
        self._show_state()

    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        self.step_through.header.setVisible(page is self.step_through)
        # the hidden page's focus must not fall through to the lab filter (where
        # Space would type instead of starting training): the new page takes it
        self._keep_focus_on_page()
        QTimer.singleShot(0, self._keep_focus_on_page)

    def _keep_focus_on_page(self) -> None:
        page = self.tabs.currentWidget()
        focus = QApplication.focusWidget()
        if page is not None and (focus is None or not focus.isVisible()
                                 or focus is self.picker.filter):
            page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            page.setFocus()

    def _step_through_key(self) -> None:
        """Home / ← / → / End walk the recorded step (shown if it is hidden)."""
        name = self.sender().objectName().removeprefix("action_")
        if self.step_through.trace is None:
            return
        self.tabs.setCurrentWidget(self.step_through)
        {
            "first_event": self.step_through.go_start,
            "previous_event": self.step_through.step_back,
            "next_event": self.step_through.step_forward,
            "last_event": self.step_through.go_end,
        }[name]()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    _docks_sized = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            # narrow docks on laptop screens leave the stage the room it needs
            side = max(210, min(300, self.width() // 6))
            self.resizeDocks(
                [self.picker_dock, self.inspector_dock],
                [side, side],
                Qt.Orientation.Horizontal,
            )

    # -- labs ----------------------------------------------------------------------
    def refresh_labs(self) -> None:
        """List the labs again in the picker (a lab registered or removed at run
        time: a user's own model)."""
        self.picker.set_labs(all_labs())

    def open_lab(self, key: str, hparams: dict | None = None) -> None:
        """Close the current lab (its run is stopped and joined) and open ``key``.

        ``hparams`` (validated by the caller; lesson scenes, saved sessions) are used
        for the first build instead of the defaults.
        """
        if self.loading:  # opened by finish_loading, once the imports are done
            self._lab_after_loading = (key, hparams)
            return
        spec = get_lab(key)
        if self.spec is not None and self.spec.key == key:
            return
        self._close_lab()
        self.spec = spec
        self.picker.select(key)
        self.stage = stage_class(spec.stage)(spec)
        self.stage.requested.connect(self._on_stage_request)
        self.stage_layout.addWidget(self.stage)
        self.message_bar.hide()
        self.transport.clear_counters()
        self.transport.set_trainable(spec.trainable)
        self.inspector.setTabVisible(0, spec.trainable)
        self._place_curves(spec.trainable)
        self.tabs.setTabVisible(1, spec.trainable)
        self.step_through.clear()
        if spec.trainable:
            self.device_reason = device_for_lab(spec, self.device_choice)
            self.device = self.device_reason.device
            self.session = LabSession(spec, QtThreadRunner, self.device, hparams)
            self._connect_session(self.session)
            self.hyperparams.set_lab(spec, self.session.hparams)
            self.session.start()
            self._on_speed(self.transport.speed.currentData())
        self.notes.show_note(spec.key, self.language)
        self._show_card()
        self._show_state()
        self._show_device()
        self.device_changed.emit()
        self.stage.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stage.setFocus()  # keys go to the transport, not the lab filter
        self.lab_opened.emit(spec.key)

    def finish_loading(self, key: str) -> None:
        """End of start-up (run_app): open ``key``, or the lab asked for while the
        modules were loading (a menu, a scene). Until now no lab was opened, so no
        worker thread could import a module for the first time."""
        self.loading = False
        key, hparams = self._lab_after_loading or (key, None)
        self._lab_after_loading = None
        self.open_lab(key, hparams)

    def _place_curves(self, trainable: bool) -> None:
        """The loss and metric curves join the stage's deck as curve panels (or the
        box below a stage without a deck)."""
        deck = self.stage.curves_deck() if self.stage is not None else None
        if trainable and deck is not None:
            # the metric panel joins once the lab reports a metric (an optimizer
            # race reports losses only: no panel that stays empty)
            self.curves_box.hide()
            deck.add(self.loss_curves, "curves", "loss curves", self.tr("Loss"))
        else:
            self._take_curves_back()
            self.curves_box.setVisible(trainable)

    def _take_curves_back(self) -> None:
        layout = self.curves_box.layout()
        for view in (self.loss_curves, self.metric_curves):
            if view.parentWidget() is not self.curves_box:
                deck = self.stage.curves_deck() if self.stage is not None else None
                if deck is not None and deck.owns(view):
                    deck.remove(view)
                layout.addWidget(view)
                view.show()

    def _size_to_screen(self) -> None:
        """Open at most 1280×800, and never larger than the screen we are on."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        width = min(1280, int(area.width() * 0.94))
        height = min(800, int(area.height() * 0.92))
        self.resize(width, height)

    def _connect_session(self, session: LabSession) -> None:
        session.snapshot_changed.connect(self._on_snapshot)
        session.status_changed.connect(self._on_status)
        session.failed.connect(self._on_failure)
        session.trace_ready.connect(self._on_trace)
        session.result_ready.connect(self._on_result)
        session.run_reset.connect(self._on_run_reset)
        session.hparams_changed.connect(self._on_session_hparams)

    def _close_lab(self) -> None:
        if self.session is not None:
            session = self.session
            self.session = None
            for signal, slot in (
                (session.snapshot_changed, self._on_snapshot),
                (session.status_changed, self._on_status),
                (session.failed, self._on_failure),
                (session.trace_ready, self._on_trace),
                (session.result_ready, self._on_result),
                (session.run_reset, self._on_run_reset),
                (session.hparams_changed, self._on_session_hparams),
            ):
                signal.disconnect(slot)
            # never blocks the GUI: a busy run finishes in the background and
            # join_everything joins it when the window closes
            session.shutdown(timeout=session.stop_wait_s)
        if self.stage is not None:
            self._take_curves_back()
            self.stage.shutdown()
            self.stage.requested.disconnect(self._on_stage_request)
            self.stage_layout.removeWidget(self.stage)
            self.stage.hide()  # never flash up as a top-level window
            self.stage.setParent(None)
            self.stage.deleteLater()
            self.stage = None
        self.loss_curves.clear_curves()
        self.metric_curves.clear_curves()
        self.shown.clear()
        self.spec = None

    def _show_card(self) -> None:
        spec = self.spec
        if spec is None:
            self.card.setText("")
            return
        rows = [f"<h2>{tr_core(spec.title)}</h2>", f"<p>{tr_core(spec.teaches)}</p>"]
        facts = [
            (self.tr("Year"), str(spec.year) if spec.year else ""),
            (self.tr("Authors"), spec.authors),
            (self.tr("Idea"), tr_core(spec.idea)),
            (self.tr("Paper"), spec.paper),
        ]
        if self.session is not None and "parameters" in self.session.info:
            facts.append(
                (self.tr("Parameters here"), f"{self.session.info['parameters']:,}")
            )
        rows += [f"<p><b>{k}:</b> {v}</p>" for k, v in facts if v]
        self.card.setText("".join(rows))

    # -- commands --------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.session is not None:
            self.session.toggle()

    def step_once(self) -> None:
        if self.session is not None:
            self.session.step_once()

    def reset(self) -> None:
        if self.session is not None:
            self.message_bar.hide()
            self.session.reset()

    def record_trace(self) -> None:
        if self.session is not None:
            self.session.record_trace()
            self.tabs.setCurrentWidget(self.step_through)

    def _focus_filter(self) -> None:
        self.picker.filter.setFocus()
        self.picker.filter.selectAll()

    def _on_speed(self, steps_per_second: float) -> None:
        if self.session is not None:
            self.session.set_speed(float(steps_per_second or 0.0))

    def _on_hparams(self, values: dict) -> None:
        if self.session is None:
            return
        try:
            self.session.set_hparams(values)
        except ParamError as exc:
            key = next(iter(values))
            self.hyperparams.show_error(key, tr_core(exc.reason).format(**exc.values))
            return
        self.message_bar.hide()
        self._on_speed(self.transport.speed.currentData())

    def apply_hparams(self, values: dict) -> None:
        """Use ``values`` (validated; raises ParamError) for the open lab: the run
        restarts when they differ, and the panel shows them."""
        if self.session is None:
            return
        self.session.set_hparams(values)
        self.hyperparams.set_values(self.session.hparams)
        self.message_bar.hide()
        self._on_speed(self.transport.speed.currentData())

    def _on_stage_request(self, kind: str, data: dict) -> None:
        if self.session is not None:
            self.session.request(kind, data)

    def _on_message_action(self, action: str) -> None:
        if action == "to_cpu" and self.session is not None:
            self.session.continue_on_cpu()
            self.session.play()
            self.device = torch.device("cpu")
            self.device_reason = DeviceChoice(self.device, "out_of_memory")
            self.retranslate_ui()
            self.device_changed.emit()

    # -- device ------------------------------------------------------------------------
    def set_device_choice(self, choice: str) -> None:
        """Use ``choice`` (``auto``, ``cpu``, ``cuda``, ``mps``) from now on; the
        open lab moves there with its weights and goes on (the Device menu)."""
        self.device_choice = choice
        if self.spec is not None and self.session is not None:
            self.device_reason = device_for_lab(self.spec, choice)
            self.device = self.device_reason.device
            self.session.move_to(self.device)
        self._show_device()
        self.device_changed.emit()

    def _show_device(self) -> None:
        """The status bar says where the lab trains and why (the GPU's name, the
        measured speed-up and the torch threads in the tooltip)."""
        reason = self.device_reason
        device = self.device
        names = {"cpu": self.tr("CPU"), "cuda": self.tr("CUDA"), "mps": self.tr("MPS")}
        name = names.get(device.type, device.type)
        if self.session is None:
            why = self.tr("no training in this lab") if self.spec else ""
        elif reason is None or reason.reason == "chosen":
            why = self.tr("your choice")
        else:
            why = {
                "no_gpu": self.tr("no GPU on this machine"),
                "light": self.tr("measured slower on a GPU"),
                "heavy": self.tr("measured faster on a GPU"),
                "out_of_memory": self.tr("the GPU ran out of memory"),
            }.get(reason.reason, reason.reason)
        if self.session is None:
            text = why  # a tool: nothing runs on a device
        else:
            text = f"{name} — {why}"
        if text:
            text = self.tr("{0} · torch threads: {1}").format(text, self.threads)
        else:  # starting up: no lab yet
            text = self.tr("torch threads: {0}").format(self.threads)
        self.device_label.setText(text)
        tip = [describe_device(device)]
        if reason is not None and reason.measured:
            tip.append(
                self.tr("Measured on an H200 for this lab: CUDA runs at {0} the "
                        "speed of one CPU thread.").format(reason.measured)
            )
        tip.append(self.tr("Training → Device chooses another device."))
        self.device_label.setToolTip("\n".join(tip))

    # -- session events ---------------------------------------------------------------
    def _on_status(self, state: str, message: str) -> None:
        self.transport.set_running(state == "running")
        if state == "diverged":
            self.message_bar.show_message(
                self.tr(
                    "Training diverged: the loss is no longer a finite number. "
                    "Training was paused and the last finite weights were kept. "
                    "Try a smaller learning rate."
                ),
                "warning",
                details=message,
            )
        elif state == "ready":
            self._show_card()
        self._show_state()

    def _on_failure(self, failure: Failure) -> None:
        if failure.kind == "out_of_memory":
            self.message_bar.show_message(
                self.tr("The GPU ran out of memory. Training was paused."),
                "error",
                details=failure.details,
                action="to_cpu",
                action_text=self.tr("Continue on the CPU"),
            )
        else:
            self.message_bar.show_message(
                self.tr("Something went wrong: {0}").format(failure.text),
                "error",
                details=failure.details,
            )

    def _on_session_hparams(self, values: dict) -> None:
        """Show the settings in force (new ones, or old ones that were put back)."""
        self.hyperparams.set_values(values)

    def _on_trace(self, trace) -> None:
        self.step_through.set_trace(trace)

    def _on_result(self, kind: str, data: dict) -> None:
        # a preset's new settings reach the panel through hparams_changed, and the
        # restart through run_reset (the session handles both)
        if self.stage is not None:
            self.stage.show_result(kind, data)

    def _on_snapshot(self, snapshot: dict) -> None:
        if self.session is not None:
            self.shown.live(snapshot, self.session.snapshot_step)

    def _on_run_reset(self) -> None:
        self.shown.release()
        self.loss_curves.clear_curves()
        self.metric_curves.clear_curves()
        if self.stage is not None:
            self.stage.reset()
        self.step_through.clear()

    def _show_state(self) -> None:
        session = self.session
        if session is None:
            self.state_label.setText(self.tr("Tool") if self.spec else "")
            return
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
        self.state_label.setText(names.get(session.state, session.state))

    # -- redraw (GUI thread, ~30 Hz) -----------------------------------------------
    def redraw(self) -> None:
        session = self.session
        if session is None:
            return
        changed = session.poll()
        self._undrawn_change = self._undrawn_change or changed
        if not self.draw_enabled:
            return
        # while a lab trains, drawing may take only its share of the GUI thread
        # (which shares the GIL with the worker); paused, or held back by the speed
        # limit (the worker mostly waits), every change is drawn
        now = time.perf_counter()
        if session.state != "running" or session.idle_share >= IDLE_DRAWS_ALL:
            self.redraw_budget.reset()
        elif (not self.redraw_budget.allows()
              and now - self._last_draw < MAX_FRAME_GAP_S):
            return  # over budget, and a frame was shown recently enough
        changed, self._undrawn_change = self._undrawn_change, False
        if changed:
            self.transport.show_counters(
                session.epoch,
                session.step,
                session.samples_per_s,
                session.metrics,
                session.validation,
            )
        if self.draw_stage():
            self._last_draw = now
        if changed and (now - self._last_curves >= CURVES_EVERY_S
                        or session.state != "running"):
            self._last_curves = now
            self.update_curves()

    def draw_stage(self) -> bool:
        """Draw what :attr:`shown` says the stage should show, if it changed
        (the timer calls this; an export calls it to draw a frame at once)."""
        snapshot = self.shown.take()
        if snapshot is None or self.stage is None:
            return False
        self.stage.show_snapshot(snapshot)
        step = self.shown.step
        self.snapshot_shown.emit(-1 if step is None else int(step))
        return True

    @property
    def live_stage(self) -> bool:
        """False while the rewind timeline holds an older step on the stage."""
        return self.shown.is_live

    def update_curves(self) -> None:
        if self.session is None:
            return
        for name, series in self.session.history.series.items():
            if not len(series):
                continue
            view = self.loss_curves if "loss" in name else self.metric_curves
            if view is self.metric_curves:
                self._show_metric_curves()
            color, label = self.curve_style(name)
            view.set_curve(
                name,
                series.x,
                series.y,
                color=color,
                dashed=name.startswith("val_"),
                label=label,
            )

    def curve_label(self, name: str) -> str:
        """The translated legend label of metric ``name``."""
        return tr_core(metric_label(name))

    def curve_color(self, name: str) -> str:
        """The colour of metric ``name``'s curve (its palette slot, from core)."""
        return theme.class_color(metric_color_slot(name))

    def curve_style(self, name: str) -> tuple[str, str]:
        """Colour and label of curve ``name``: the stage's own where it colours its
        runs (one optimizer, one colour), else the metric's."""
        style = getattr(self.stage, "curve_style", None)
        default = (self.curve_color(name), self.curve_label(name))
        return (style(name) or default) if style is not None else default

    def relabel_curves(self) -> None:
        """Legend entries are set when a curve is first drawn; translate them again."""
        for view in (self.loss_curves, self.metric_curves):
            if getattr(view, "legend", None) is None:
                continue
            for key, curve in view.curves.items():
                label = view.legend.getLabel(curve)
                if label is not None:
                    label.setText(self.curve_style(key)[1])
            view.style_legend()

    def set_language(self, lang: str) -> None:
        """Follow ``lang`` (the Language menu): notes, curve legends, and the texts
        stages draw from snapshots."""
        changed = lang != self.language
        self.language = lang
        if changed:
            self.notes.set_language(lang)
        self.relabel_curves()
        self.shown.invalidate()  # texts drawn from the snapshot follow at once

    def add_dock(
        self, dock: QDockWidget, area: Qt.DockWidgetArea | None = None
    ) -> None:
        """Add a classroom feature's dock (under the stage unless ``area`` says)."""
        self.addDockWidget(area or Qt.DockWidgetArea.BottomDockWidgetArea, dock)

    def _show_metric_curves(self) -> None:
        deck = self.stage.curves_deck() if self.stage is not None else None
        if deck is not None and self.metric_curves.parentWidget() is self.curves_box:
            deck.add(self.metric_curves, "curves", "metric curves",
                     self.tr("Metrics"))

    # -- shutdown --------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.redraw_timer.stop()
        self._close_lab()
        join_everything(self)  # jobs (session files, GIFs) and every engine thread
        super().closeEvent(event)

