"""The seam between the main window and the classroom features.

A classroom feature (a module of this package with ``install(window)``) sees the
window only as a :class:`ClassroomHost`: the members below, nothing else. It never
sets attributes on the window: ``install`` returns the feature's object, and the
window keeps it in :attr:`ClassroomHost.features` under the module's name (or the
module's ``FEATURE`` constant), where other features and tests find it
(``window.features["rewind"]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import Qt, SignalInstance
    from PySide6.QtWidgets import QDockWidget, QStatusBar, QTabWidget, QWidget

    from dlviz.core.labs import LabSpec
    from dlviz.session.lab_session import LabSession
    from dlviz.session.shown import ShownSnapshot
    from dlviz.ui.classroom._menus import WindowMenus
    from dlviz.ui.stages.base import Stage
    from dlviz.ui.views.curves import CurvesView
    from dlviz.ui.widgets.message_bar import MessageBar


class ClassroomHost(Protocol):
    """What the main window offers the classroom features."""

    # -- signals -----------------------------------------------------------------
    #: A lab was opened (its key); ``session``, ``stage`` and ``spec`` are set.
    lab_opened: SignalInstance
    #: The stage drew a snapshot (its step): live, rewound or a GIF frame.
    snapshot_shown: SignalInstance
    #: The device choice or the open lab's device changed.
    device_changed: SignalInstance

    # -- what is open --------------------------------------------------------------
    spec: LabSpec | None
    session: LabSession | None  # None for a tool (no training)
    stage: Stage | None
    #: What the stage shows (live or a held step); the only way to put a snapshot
    #: on the stage (then :meth:`draw_stage`).
    shown: ShownSnapshot
    #: The interface language of this window ("en", "zh_CN").
    language: str
    #: ``"auto"`` (each lab chooses) or the device every lab uses (``"cuda"`` …).
    device_choice: str

    # -- parts of the window a feature may use -------------------------------------
    menus: WindowMenus
    features: dict[str, Any]
    message_bar: MessageBar
    loss_curves: CurvesView
    metric_curves: CurvesView
    curves_box: QWidget  # holds the curves for a stage without a deck
    tabs: QTabWidget  # "Training" (lab_splitter) and "Step through"
    lab_splitter: QWidget
    step_through: QWidget
    actions_by_name: dict  # the window's own actions (play, step, reset …)

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def add_dock(
        self, dock: QDockWidget, area: Qt.DockWidgetArea | None = None
    ) -> None:
        """Add ``dock`` to the window (under the stage unless ``area`` says)."""

    # -- commands ----------------------------------------------------------------------
    def open_lab(self, key: str, hparams: dict | None = None) -> None: ...

    def refresh_labs(self) -> None:
        """List the labs again in the picker: one registered at run time (a user's
        own model, :func:`dlviz.core.labs.register_lab`) appears, one removed goes."""

    def apply_hparams(self, values: dict) -> None: ...

    def set_device_choice(self, choice: str) -> None:
        """Train on ``choice`` from now on (the open lab moves there)."""

    def draw_stage(self) -> bool:
        """Draw what :attr:`shown` holds now, if it changed."""

    def update_curves(self) -> None: ...

    def set_language(self, lang: str) -> None:
        """Follow ``lang``: notes, curve legends and texts drawn from snapshots."""

    # -- lookups ---------------------------------------------------------------------
    def curve_label(self, name: str) -> str:
        """The translated legend label of metric ``name``."""

    def curve_color(self, name: str) -> str:
        """The colour of metric ``name``'s curve (a theme colour)."""
