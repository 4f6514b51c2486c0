"""Starting the desktop application."""

from __future__ import annotations

import os
import sys

import torch
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dlviz.core.device import choose_device, configure_threads


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with the organisation name for settings."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("dlviz")
    app.setOrganizationName("dlviz")
    app.setApplicationDisplayName("dlviz")
    font = app.font()
    if font.pointSizeF() < 11:
        font.setPointSizeF(11)
        app.setFont(font)
    return app


def warm_up_imports() -> None:
    """Import, on the GUI thread and before any worker starts, the modules torch and
    the labs would otherwise import lazily inside a worker thread.

    PySide6 hooks every import; a first-time import in a worker racing an import on
    the GUI thread can crash the interpreter, so no first import happens in a worker.
    """
    import importlib

    import torch._dynamo  # noqa: F401 - optimizers import it lazily on first use
    import torch.optim  # noqa: F401

    from dlviz.core.labs import all_labs

    all_labs()
    for name in (
        "sklearn.datasets",
        "captum.attr",
        "dlviz.core.trace",
        "dlviz.core.explain.attributions",
    ):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def run_app(device_name: str | None = None, lab: str | None = None) -> int:
    """Open the main window and run the event loop; returns the exit code."""
    app = create_application()
    warm_up_imports()
    from dlviz.ui.main_window import MainWindow

    try:
        device = choose_device(device_name)
    except ValueError as exc:
        QMessageBox.warning(None, "dlviz", f"{exc}. Using the CPU instead.")
        device = torch.device("cpu")
    threads = configure_threads()
    window = MainWindow(device, threads, lab=lab)
    window.show()
    if os.environ.get("DLVIZ_EXIT_AFTER_PAINT"):
        _quit_after_first_paint(window)
    return app.exec()


class _FirstPaint(QObject):
    """Closes the app once the window has painted (start-up benchmark)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, obj.close)
        return False


def _quit_after_first_paint(window) -> None:
    window._first_paint = _FirstPaint(window)
    window.installEventFilter(window._first_paint)
