"""UI test fixtures: a real main window, closed after each test, and a check that no
engine thread or top-level window outlives its test."""

from __future__ import annotations

import time

import pytest
import torch

from dlviz.ui.worker import QtThreadRunner


@pytest.fixture(scope="session", autouse=True)
def _warm_imports(qapp):
    from dlviz.ui.app import warm_up_imports
    from dlviz.ui.gui_gc import collect_on_gui_thread

    warm_up_imports()
    collect_on_gui_thread(qapp)  # as the app does: no Qt object dies on a worker
    qapp.setOrganizationName("dlviz-tests")


def _shown_windows() -> dict[int, object]:
    """The shown top-level windows, by their C++ address. Asked of the QWindow list,
    not of every QWidget: a QWindow goes synchronously with its widget, so the list
    never holds a half-deleted widget (asking ``topLevelWidgets()`` for visibility
    crashed now and then in teardown)."""
    import shiboken6
    from PySide6.QtGui import QGuiApplication

    return {shiboken6.getCppPointer(w)[0]: w
            for w in QGuiApplication.topLevelWindows() if w.isVisible()}


@pytest.fixture(autouse=True)
def no_leaks(qapp):
    """Fail a test that leaves an engine thread running or a window open."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    before = set(_shown_windows())
    yield
    leaked_threads = [r for r in QtThreadRunner.live if r.is_running()]
    for runner in list(QtThreadRunner.live):
        runner.stop()
    # finish the test's deleteLater()s before looking at what is still shown
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = [w for key, w in _shown_windows().items() if key not in before]
    names = []
    if left:  # rare: name and close the widgets behind the windows left open
        handles = {id(w) for w in left}
        for widget in QApplication.topLevelWidgets():
            handle = widget.windowHandle()
            if handle is not None and id(handle) in handles and widget.isVisible():
                names.append(type(widget).__name__)
                widget.close()
    assert not leaked_threads, f"engine threads still running: {leaked_threads}"
    assert not left, f"windows left open: {names or [w.title() for w in left]}"


@pytest.fixture
def window(qtbot):
    from dlviz.ui.main_window import MainWindow

    win = MainWindow(torch.device("cpu"), torch.get_num_threads(), lab="mlp2d")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.session.state == "ready", timeout=20000)
    yield win
    win.close()


def wait_steps(qtbot, win, steps: int, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: win.session.step >= steps, timeout=timeout)


def settle(qtbot, ms: int = 100) -> None:
    qtbot.wait(ms)
    time.sleep(0)
