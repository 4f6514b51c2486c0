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

    warm_up_imports()
    qapp.setOrganizationName("dlviz-tests")


@pytest.fixture(autouse=True)
def no_leaks(qapp):
    """Fail a test that leaves an engine thread running or a window open."""
    from PySide6.QtWidgets import QApplication

    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    leaked_threads = [r for r in QtThreadRunner.live if r.is_running()]
    for runner in list(QtThreadRunner.live):
        runner.stop()
    import shiboken6

    # a widget of the test may be half-deleted (deleteLater): ask only live ones
    visible = [
        w
        for w in QApplication.topLevelWidgets()
        if id(w) not in before and shiboken6.isValid(w) and w.isVisible()
    ]
    for w in visible:
        w.close()
    assert not leaked_threads, f"engine threads still running: {leaked_threads}"
    assert not visible, f"windows left open: {[type(w).__name__ for w in visible]}"


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
