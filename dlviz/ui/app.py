"""Starting the desktop application.

The window comes first: :func:`start_app` imports only torch, Qt and the window
itself, shows the window, and a :class:`StartupLoader` then loads the rest behind it
on the GUI thread, one small step per timer tick, saying in the status bar what it is
loading: the labs (which fill the picker), torch's optimizer machinery, scikit-learn,
captum and the step recorder, and last the first lab (its build starts on the worker
thread only after every import is done).

No first import may happen on a worker thread: PySide6 hooks every import, and a
first-time import in a worker racing one on the GUI thread can crash the interpreter.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch  # noqa: F401 - imported before Qt, as the app always did
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from dlviz.core.device import choose_device, configure_threads
from dlviz.ui.gui_gc import collect_on_gui_thread, freeze_startup_objects

#: Modules a lab's task may import lazily on its worker thread; imported here first.
DEFERRED_MODULES: dict[str, tuple[str, ...]] = {
    # optimizers import torch._dynamo on their first step
    "torch": ("torch._dynamo", "torch.optim"),
    "sklearn": ("sklearn.datasets",),
    "captum": ("captum.attr", "dlviz.core.explain.attributions"),
    "trace": ("dlviz.core.trace",),
}
DEFAULT_LAB = "mlp2d"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with the organisation name for settings."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("dlviz")
    app.setOrganizationName("dlviz")
    app.setApplicationDisplayName("dlviz")
    collect_on_gui_thread(app)
    font = app.font()
    if font.pointSizeF() < 11:
        font.setPointSizeF(11)
        app.setFont(font)
    return app


def import_modules(names: tuple[str, ...]) -> None:
    """Import ``names`` (on the GUI thread); an optional one that is missing is
    skipped (the feature that needs it says so when used)."""
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def warm_up_imports(freeze: bool = True) -> None:
    """Import at once, on the GUI thread and before any worker starts, everything
    :class:`StartupLoader` loads step by step (tests and benchmarks use this), then
    leave what exists out of later full collections as the app does (``freeze``;
    not in a notebook, whose own objects would be frozen with them)."""
    from dlviz.core.labs import all_labs

    all_labs()
    for names in DEFERRED_MODULES.values():
        import_modules(names)
    if freeze:
        freeze_startup_objects()


@dataclass
class LoadStep:
    """One step of the start-up: a name (for tests), the status text, the work."""

    name: str
    text: str
    run: Callable[[], None]


class StartupLoader(QObject):
    """Loads the rest of the app behind the shown window, one step per timer tick.

    The first step waits for the window's first paint. ``done`` lists what happened
    in order (``"painted"``, then the step names); ``finished`` is emitted after the
    last step (the first lab is open and building on its worker thread).
    """

    finished = Signal()
    #: Longest wait for the first paint (a window that is never exposed).
    paint_timeout_ms = 2000

    def __init__(self, window, lab: str | None = None):
        super().__init__(window)
        self.window = window
        self.lab = lab
        self.done: list[str] = []
        self.times: dict[str, float] = {}
        self.steps = self._steps()
        self._started = False

    def _steps(self) -> list[LoadStep]:
        texts = {
            "labs": self.tr("Loading labs…"),
            "torch": self.tr("Loading PyTorch optimizers…"),
            "sklearn": self.tr("Loading scikit-learn…"),
            "captum": self.tr("Loading captum (attributions)…"),
            "trace": self.tr("Loading the step recorder…"),
        }
        steps = [LoadStep("labs", texts["labs"], self._load_labs)]
        steps += [
            LoadStep(name, texts[name], lambda names=names: import_modules(names))
            for name, names in DEFERRED_MODULES.items()
        ]
        steps.append(LoadStep("lab", self.tr("Opening the lab…"), self._open_lab))
        return steps

    # -- driving -------------------------------------------------------------------
    def start(self) -> None:
        """Run the steps after the window's first paint (or a timeout)."""
        self.window.installEventFilter(self)
        QTimer.singleShot(self.paint_timeout_ms, self._begin)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self._mark("painted")
            self.window.removeEventFilter(self)
            # let this paint reach the screen before the first import blocks
            QTimer.singleShot(0, self._begin)
        return False

    def _begin(self) -> None:
        if self._started:
            return
        self._started = True
        self.window.removeEventFilter(self)
        self._next()

    def _next(self) -> None:
        if not self.window.isVisible():
            return  # closed while loading: open no lab, start no thread
        if not self.steps:
            self.window.statusBar().clearMessage()
            self._mark("finished")
            self.finished.emit()
            return
        step = self.steps.pop(0)
        bar = self.window.statusBar()
        bar.showMessage(step.text)
        bar.repaint()  # the message shows while the step blocks the GUI thread
        step.run()
        self._mark(step.name)
        QTimer.singleShot(0, self._next)  # input and paints get in between steps

    def _mark(self, name: str) -> None:
        self.done.append(name)
        self.times[name] = time.perf_counter()

    # -- steps ---------------------------------------------------------------------
    def _load_labs(self) -> None:
        self.window.refresh_labs()

    def _open_lab(self) -> None:
        freeze_startup_objects()  # full collections stay cheap (dlviz.ui.gui_gc)
        self.window.finish_loading(first_lab(self.lab))


def first_lab(requested: str | None) -> str:
    """The lab to open: the one asked for, else the one open last time, else the
    MLP playground."""
    from dlviz.core.labs import all_labs

    if requested:
        return requested
    from dlviz.ui.settings import Settings

    remembered = Settings().last_lab
    if remembered in {spec.key for spec in all_labs()}:
        return remembered
    return DEFAULT_LAB


def device_choice(device_name: str | None) -> str:
    """The window's device choice from ``--device``: ``"auto"`` (None or ``auto``:
    each lab picks, see :func:`~dlviz.core.device.device_for_lab`) or a device this
    machine has (raises ``ValueError`` with the reason when it lacks it)."""
    if not device_name or device_name == "auto":
        return "auto"
    return str(choose_device(device_name))


def start_app(device_name: str | None = None, lab: str | None = None):
    """Show the main window and start loading the rest behind it.

    Returns ``(window, loader)``; :func:`run_app` then runs the event loop.
    """
    create_application()
    from dlviz.ui.main_window import MainWindow

    try:
        device = device_choice(device_name)
    except ValueError as exc:
        QMessageBox.warning(None, "dlviz", f"{exc}. Using the CPU instead.")
        device = "cpu"
    threads = configure_threads()
    window = MainWindow(device, threads, loading=True)
    loader = StartupLoader(window, lab)
    window.show()
    if os.environ.get("DLVIZ_EXIT_AFTER_PAINT"):
        _quit_after_first_paint(window)  # the start-up benchmark: nothing loads
    else:
        loader.start()
        if os.environ.get("DLVIZ_EXIT_AFTER_LOADED"):
            _quit_when_ready(window, loader)
    return window, loader


def run_app(device_name: str | None = None, lab: str | None = None) -> int:
    """Open the main window and run the event loop; returns the exit code."""
    app = create_application()
    window, loader = start_app(device_name, lab)
    code = app.exec()
    del window, loader
    from dlviz.ui.worker import QtThreadRunner

    if QtThreadRunner.any_abandoned_running():
        # a user model's step is stuck in C code: its QThread cannot be joined nor
        # destroyed while running, so the process ends here (settings are saved)
        from PySide6.QtCore import QSettings

        QSettings().sync()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


# -- start-up benchmark hooks ---------------------------------------------------------
def seconds_since_launch() -> float | None:
    """Seconds since this process started: from ``DLVIZ_T0`` (the parent's
    ``time.time()`` at launch) or, on Linux, from /proc."""
    t0 = os.environ.get("DLVIZ_T0")
    if t0:
        return time.time() - float(t0)
    try:
        with open("/proc/self/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _report(what: str) -> None:
    seconds = seconds_since_launch()
    if seconds is not None:
        print(f"dlviz-startup: {what} {seconds:.3f} s", file=sys.stderr, flush=True)


class _FirstPaint(QObject):
    """Closes the app once the window has painted (start-up benchmark)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            _report("painted")
            QTimer.singleShot(0, obj.close)
        return False


def _quit_after_first_paint(window) -> None:
    window._first_paint = _FirstPaint(window)
    window.installEventFilter(window._first_paint)


def _quit_when_ready(window, loader: StartupLoader) -> None:
    """Close once every step ran and the first lab's build is ready."""

    def check() -> None:
        session = window.session
        if session is None or session.state not in ("building", "idle"):
            _report("ready")
            window.close()
        else:
            QTimer.singleShot(20, check)

    loader.finished.connect(check)
