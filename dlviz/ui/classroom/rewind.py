"""The rewind timeline: scrub back through the current run's snapshots.

Every snapshot the session delivers is recorded in a bounded
:class:`~dlviz.session.rewind.RewindBuffer`. Moving the slider shows an older snapshot
on the stage (every stage draws from snapshots, so it replays as it was) while live
drawing is suspended; "Live" returns. Moments can be bookmarked by name and jumped to.
The timeline is a dock under the stage, toggled in View ▸ Rewind timeline.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QSlider,
    QWidget,
)

from dlviz.session.rewind import RewindBuffer
from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import classroom_menu, texts_of
from dlviz.ui.kit import LiveText

_CONTEXT = "dlviz.classroom"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def ask_bookmark_name(parent: QWidget, step: int) -> str | None:
    """Ask for a bookmark name (replaced in tests)."""
    text, ok = QInputDialog.getText(
        parent, _tr("Bookmark"), _tr("Name of this moment:"), text=f"step {step}"
    )
    return text if ok else None


class RewindTimeline(QObject):
    """Records the run and drives the timeline dock of one window."""

    def __init__(self, window: ClassroomHost, buffer: RewindBuffer | None = None):
        super().__init__(window)
        self.window = window
        self.buffer = buffer or RewindBuffer()
        #: Step shown while rewound; None while live.
        self.rewound_step: int | None = None
        self._session = None
        self._build()
        window.lab_opened.connect(self._on_lab_opened)
        if window.spec is not None:
            self._on_lab_opened(window.spec.key)

    # -- widgets -----------------------------------------------------------------------
    def _build(self) -> None:
        bar = QWidget()
        bar.setObjectName("rewind_bar")
        # opaque: its slider and step move with every snapshot, and a see-through
        # bar has the main window repaint the area under it each time
        bar.setAutoFillBackground(True)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(6, 2, 6, 2)
        self.live_button = QPushButton()
        self.live_button.setObjectName("rewind_live")
        self.live_button.setCheckable(True)
        self.live_button.setChecked(True)
        self.live_button.clicked.connect(self.go_live)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("rewind_slider")
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._on_slider)
        self.step_label = LiveText(typical="live · step 000000")
        self.bookmark_button = QPushButton()
        self.bookmark_button.setObjectName("rewind_bookmark")
        self.bookmark_button.clicked.connect(self.bookmark_here)
        self.bookmarks = QComboBox()
        self.bookmarks.setObjectName("rewind_bookmarks")
        self.bookmarks.setMinimumWidth(140)
        self.bookmarks.activated.connect(self._on_bookmark_chosen)
        layout.addWidget(self.live_button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.step_label)
        layout.addWidget(self.bookmark_button)
        layout.addWidget(self.bookmarks)
        self.dock = QDockWidget()
        self.dock.setObjectName("rewind_dock")
        self.dock.setWidget(bar)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        # one slim row: no title bar (View → Rewind timeline shows and hides it)
        self.dock.setTitleBarWidget(QWidget())
        self.window.add_dock(self.dock, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.toggle_action = self.dock.toggleViewAction()
        self.toggle_action.setObjectName("view_rewind")
        classroom_menu(self.window, "View").addAction(self.toggle_action)
        texts_of(self.window).add(lambda _text: self.retranslate_ui(), "")
        self.markers: list[pg.InfiniteLine] = []
        for view in (self.window.loss_curves, self.window.metric_curves):
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#CC79A7"))
            line.setZValue(20)
            line.hide()
            view.plot_item.addItem(line, ignoreBounds=True)
            self.markers.append(line)

    def retranslate_ui(self) -> None:
        self.dock.setWindowTitle(_tr("Rewind timeline"))
        self.toggle_action.setText(_tr("Rewind timeline"))
        self.live_button.setText(_tr("● Live"))
        self.live_button.setToolTip(_tr("Show the run as it trains"))
        self.slider.setToolTip(_tr("Drag back to see the lab as it was"))
        self.bookmark_button.setText(_tr("Bookmark"))
        self.bookmark_button.setToolTip(_tr("Name this moment to come back to it"))
        self._update_bookmarks()
        self._update_label()

    # -- session wiring ----------------------------------------------------------------
    def _on_lab_opened(self, _key: str) -> None:
        self._disconnect()
        self.buffer.clear()
        self.rewound_step = None
        session = self.window.session
        if session is not None:
            session.snapshot_changed.connect(self._on_snapshot)
            session.run_reset.connect(self._on_run_reset)
            self._session = session
        self.dock.widget().setEnabled(session is not None)
        self._sync_slider()
        self._update_bookmarks()
        self._update_label()

    def _disconnect(self) -> None:
        if self._session is not None:
            self._session.snapshot_changed.disconnect(self._on_snapshot)
            self._session.run_reset.disconnect(self._on_run_reset)
            self._session = None

    def _on_run_reset(self) -> None:
        self.buffer.clear()
        self.go_live()
        self._update_bookmarks()

    def _on_snapshot(self, snapshot: dict) -> None:
        session = self.window.session
        if session is None:
            return
        self.buffer.add(session.snapshot_step, snapshot)
        self._sync_slider()
        if self.rewound_step is None:
            self._update_label()

    def _sync_slider(self) -> None:
        """Range: one position per frame, plus the last position meaning live."""
        n = len(self.buffer)
        self.slider.blockSignals(True)
        self.slider.setRange(0, n)
        if self.rewound_step is None or not n:
            self.slider.setValue(n)
        else:
            self.slider.setValue(self.buffer.index_of_step(self.rewound_step))
        self.slider.blockSignals(False)

    # -- scrubbing ---------------------------------------------------------------------
    @property
    def is_live(self) -> bool:
        return self.rewound_step is None

    def _on_slider(self, value: int) -> None:
        if value >= len(self.buffer):
            self.go_live()
        else:
            self.show_index(value)

    def show_index(self, index: int) -> None:
        """Show the frame at ``index`` on the stage and hold it there."""
        if not len(self.buffer) or self.window.stage is None:
            return
        index = max(0, min(index, len(self.buffer) - 1))
        frame = self.buffer.frame(index)
        self.rewound_step = frame.step
        self.window.shown.hold(frame.snapshot, frame.step)
        self.window.draw_stage()
        self.live_button.setChecked(False)
        for line in self.markers:
            line.setPos(frame.step)
            line.show()
        self._sync_slider()
        self._update_label()

    def show_step(self, step: int) -> None:
        if len(self.buffer):
            self.show_index(self.buffer.index_of_step(step))

    def go_live(self) -> None:
        """Return to the live run: the newest snapshot, and drawing resumes."""
        self.rewound_step = None
        self.window.shown.release()
        self.window.draw_stage()
        self.live_button.setChecked(True)
        for line in self.markers:
            line.hide()
        self._sync_slider()
        self._update_label()

    def redisplay(self) -> None:
        """Draw again what the timeline says the stage should show."""
        if self.rewound_step is None:
            self.go_live()
        else:
            self.show_step(self.rewound_step)

    def _update_label(self) -> None:
        session = self.window.session
        if self.rewound_step is not None:
            text = _tr("step {0} · rewound").format(self.rewound_step)
        elif session is not None:
            text = _tr("live · step {0}").format(max(session.snapshot_step, 0))
        else:
            text = ""
        self.step_label.setText(text)

    # -- bookmarks ---------------------------------------------------------------------
    def current_step(self) -> int | None:
        if self.rewound_step is not None:
            return self.rewound_step
        return self.buffer.frames[-1].step if len(self.buffer) else None

    def bookmark_here(self) -> None:
        step = self.current_step()
        if step is None:
            return
        name = ask_bookmark_name(self.window, step)
        if name is None:
            return
        self.buffer.add_bookmark(name, step)
        self._update_bookmarks()

    def _update_bookmarks(self) -> None:
        self.bookmarks.clear()
        marks = self.buffer.bookmarks_by_step()
        self.bookmarks.addItem(_tr("Bookmarks ({0})").format(len(marks)), None)
        for name, step in marks:
            self.bookmarks.addItem(f"{name} — {step}", step)
        self.bookmarks.setEnabled(bool(marks))

    def _on_bookmark_chosen(self, index: int) -> None:
        step = self.bookmarks.itemData(index)
        if step is not None:
            self.show_step(int(step))
        self.bookmarks.setCurrentIndex(0)


def install(window: ClassroomHost) -> RewindTimeline:
    return RewindTimeline(window)
