"""Closing the window mid-training and switching labs mid-training: every engine
thread is joined (at once or, when busy, in the background and at the latest when the
window closes), Qt never warns, and no snapshot of a stopped run is drawn."""

from __future__ import annotations

import threading

import pytest
import torch

from dlviz.session.messages import Mailbox, Progress
from dlviz.ui.worker import QtThreadRunner


def _wait_ready(qtbot, win, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: win.session.state in ("ready", "error"), timeout=timeout)
    assert win.session.state == "ready", win.message_bar.text()


class QtEventLoopErrors(Exception):
    """Python exceptions raised inside Qt's event loop (virtual overrides)."""


@pytest.mark.slow
def test_closing_the_window_while_training_20_times(qtbot, qt_messages):
    with qtbot.capture_exceptions() as exceptions:
        _close_while_training(qtbot, qt_messages, times=20)
    if exceptions:
        raise QtEventLoopErrors(
            f"{len(exceptions)} exceptions in the event loop, first: "
            f"{exceptions[0][1]!r}"
        )


def _close_while_training(qtbot, qt_messages, times: int) -> None:
    from dlviz.ui.main_window import MainWindow

    for i in range(times):
        win = MainWindow(torch.device("cpu"), 1, lab="mlp2d")
        qtbot.addWidget(win)
        win.show()
        _wait_ready(qtbot, win)
        win.toggle_play()
        target = 1 + i % 4  # close at different moments of the run
        qtbot.waitUntil(lambda w=win, n=target: w.session.step >= n, timeout=20000)
        win.close()
        assert not [r for r in QtThreadRunner.live if r.is_running()], i
        assert not QtThreadRunner.live, f"runner not discarded after close {i}"
    qtbot.wait(50)  # let deferred deletes run while the handler listens
    assert not qt_messages.messages, qt_messages.messages


class _SnapshotLedger:
    """Which run produced each snapshot dict (recorded as the engine posts it)."""

    def __init__(self, monkeypatch):
        self.run_of: dict[int, tuple[int, dict]] = {}
        self.drawn: list[tuple[str, int, int]] = []
        original = Mailbox.put
        ledger = self

        def put(mailbox, message):
            if isinstance(message, Progress) and message.snapshot is not None:
                ledger.run_of[id(message.snapshot)] = (
                    message.run_id,
                    message.snapshot,
                )
            original(mailbox, message)

        monkeypatch.setattr(Mailbox, "put", put)

    def watch(self, win) -> None:
        """Wrap the new stage's show_snapshot to check each drawn snapshot."""
        stage = win.stage
        original = stage.show_snapshot
        ledger = self

        def show_snapshot(snapshot):
            run_id = ledger.run_of.get(id(snapshot), (None,))[0]
            ledger.drawn.append((win.spec.key, run_id, win.session.run_id))
            assert stage is win.stage, "a closed stage was drawn"
            assert run_id == win.session.run_id, "a stale snapshot was drawn"
            return original(snapshot)

        stage.show_snapshot = show_snapshot


@pytest.mark.slow
def test_switching_labs_while_training_never_draws_a_stale_snapshot(
    window, qtbot, qt_messages, monkeypatch
):
    ledger = _SnapshotLedger(monkeypatch)
    window.lab_opened.connect(lambda _key: ledger.watch(window))
    ledger.watch(window)
    for key in ("mlp2d", "lenet5", "lstm", "gan2d", "transformer", "mlp_digits"):
        window.open_lab(key)
        _wait_ready(qtbot, window)
        window.toggle_play()
        qtbot.waitUntil(lambda: window.session.step >= 3, timeout=60000)
        old_engine, old_runner = window.session.engine, window.session.runner
        qtbot.wait(100)  # a few redraws of this run
        drawn = [d for d in ledger.drawn if d[0] == key]
        assert drawn, f"{key}: no snapshot was drawn while training"
        window.open_lab("convmath" if key != "convmath" else "mlp2d")
        # the stop flag is set at once; the GUI waits ~100 ms at most, and a run
        # still in a batch then ends in the background, tracked until joined
        assert old_engine.stopped
        assert old_runner in QtThreadRunner.live or not old_runner.is_running()
        qtbot.waitUntil(lambda r=old_runner: not r.is_running(), timeout=10000)
        qtbot.wait(100)  # redraws after the switch: nothing of the old run
    assert not [r for r in QtThreadRunner.live if r.is_running()]
    assert {key for key, _, _ in ledger.drawn} >= {"lenet5", "lstm", "gan2d"}
    assert not qt_messages.messages, qt_messages.messages


def test_a_slow_build_never_blocks_a_lab_switch(window, qtbot, monkeypatch):
    """A build that takes seconds (a big network) runs on the engine thread: a lab
    switch meanwhile returns at once, the build finishes in the background, its
    snapshot is never drawn, and closing the window joins it."""
    import time
    from dataclasses import replace

    spec = window.session.spec
    building = threading.Event()

    def slow_factory(hparams, device):
        building.set()
        time.sleep(1.5)
        return spec.factory(hparams, device)

    monkeypatch.setattr(window.session, "spec", replace(spec, factory=slow_factory))
    ledger = _SnapshotLedger(monkeypatch)
    window.reset()
    qtbot.waitUntil(building.is_set, timeout=10000)
    old_runner = window.session.runner
    begin = time.perf_counter()
    window.open_lab("mlp_digits")
    assert time.perf_counter() - begin < 1.0, "the switch waited for the build"
    assert old_runner in QtThreadRunner.live and old_runner.is_running()
    ledger.watch(window)
    _wait_ready(qtbot, window)
    qtbot.waitUntil(lambda: not old_runner.is_running(), timeout=20000)
    qtbot.wait(100)
    assert all(key == "mlp_digits" for key, _, _ in ledger.drawn)
    window.close()
    assert not QtThreadRunner.live
