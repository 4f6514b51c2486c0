"""One-off jobs never block the window: a long stage request shows "working…" with
Cancel and the lab stays usable; a lab switch or reset during one returns at once and
its answer never lands; closing the window joins a session-open job and a GIF being
encoded; the GIF encoded in a job has the same frames as one encoded in place.

The long request is a test-only kind, ``slow``, added to the open lab's task: it
waits ``seconds`` on its job (cooperative: Cancel ends it) or sleeps regardless.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from PIL import Image, ImageSequence
from PySide6.QtCore import Qt, QTimer

from dlviz.session.messages import Result
from dlviz.ui.classroom import export as export_module
from dlviz.ui.classroom import sessions as sessions_module
from dlviz.ui.classroom.export import GifChoice
from dlviz.ui.jobs import Job
from dlviz.ui.worker import QtThreadRunner

#: The GUI thread may be late this much at most while a job runs. Every job these
#: tests run would hold the GUI thread for at least 0.6 s at a time if it ran (or
#: were joined) there, so a bound of 0.5 s tells blocking from a busy machine.
MAX_LATENESS_S = 0.5


class Lateness:
    """A 20 ms timer on the GUI thread; records how late each tick came."""

    interval_ms = 20

    def __init__(self):
        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(self.interval_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - self.interval_ms / 1000)
        self._last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def add_slow_request(window) -> threading.Event:
    """Teach the open lab's task a ``slow`` request; returns "it started"."""
    task = window.session.engine.task
    original = task.handle
    started = threading.Event()

    def handle(kind, payload):
        if kind != "slow":
            return original(kind, payload)
        started.set()
        seconds = float(payload.get("seconds", 3.0))
        if payload.get("cooperative", True):
            if task.current_request.sleep(seconds):
                task.current_request.check()
        else:
            time.sleep(seconds)
        return {"slept": seconds}

    task.handle = handle
    return started


def record_results(window) -> list[str]:
    """Kinds of every result the stage is shown."""
    kinds: list[str] = []
    stage = window.stage
    original = stage.show_result

    def show_result(kind, data):
        kinds.append(kind)
        return original(kind, data)

    stage.show_result = show_result
    return kinds


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def working_bar_shown(window) -> bool:
    bar = window.message_bar
    return bar.isVisible() and bar.action == "cancel_request"


@pytest.mark.parametrize("cooperative", [True, False])
def test_a_long_request_does_not_block_and_cancel_leaves_the_lab_usable(
    window, qtbot, cooperative
):
    started = add_slow_request(window)
    results = record_results(window)
    lateness = Lateness()
    sent = time.perf_counter()
    window.stage.requested.emit("slow", {"seconds": 3.0, "cooperative": cooperative})
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(lambda: working_bar_shown(window), timeout=3000)
    assert time.perf_counter() - sent >= 0.45  # "working…" only for a long one
    bar = window.message_bar
    assert bar.text() and bar.action_button.isVisible()  # "Working…", Cancel
    assert bar.progress.isVisible()
    click(qtbot, bar.action_button)  # Cancel
    assert not window.message_bar.isVisible() and not window.session.requests
    step = window.session.step
    click(qtbot, window.transport.step_button)  # the lab is usable: Step trains
    qtbot.waitUntil(lambda: window.session.step == step + 1, timeout=10000)
    if cooperative:  # Cancel ended the request: Step did not wait for its 3 s
        assert time.perf_counter() - sent < 2.5
    else:  # the request ended on its own; its answer was dropped
        assert time.perf_counter() - sent >= 2.9
    qtbot.wait(300)
    assert lateness.stop() < MAX_LATENESS_S, f"GUI late by {lateness.worst:.3f} s"
    assert "slow" not in results


def test_a_request_that_raises_shows_the_error(window, qtbot):
    task = window.session.engine.task

    def handle(kind, payload):
        time.sleep(1.5)  # long enough for "working…"
        raise RuntimeError("boom in a long request")

    task.handle = handle
    window.stage.requested.emit("slow", {})
    qtbot.waitUntil(lambda: working_bar_shown(window), timeout=3000)
    bar = window.message_bar
    qtbot.waitUntil(lambda: "boom in a long request" in bar.text(), timeout=5000)
    assert bar.isVisible() and bar.action != "cancel_request"
    assert not window.session.requests
    qtbot.wait(250)  # the watcher leaves the error alone
    assert "boom in a long request" in bar.text()


def test_a_quick_request_shows_no_working_bar(window, qtbot):
    add_slow_request(window)
    window.stage.requested.emit("slow", {"seconds": 0.05})
    qtbot.waitUntil(lambda: not window.session.requests, timeout=5000)
    qtbot.wait(600)
    assert not window.message_bar.isVisible()


def _answer_of_old_run_never_lands(qtbot, engine, runner) -> None:
    qtbot.waitUntil(lambda: not runner.is_running(), timeout=10000)
    _, events = engine.mailbox.take()
    assert not [e for e in events if isinstance(e, Result)]


def test_switching_lab_during_a_long_request_returns_at_once(window, qtbot):
    started = add_slow_request(window)
    window.stage.requested.emit("slow", {"seconds": 3.0, "cooperative": False})
    qtbot.waitUntil(started.is_set, timeout=5000)
    engine, runner = window.session.engine, window.session.runner
    begin = time.perf_counter()
    window.open_lab("convmath")  # a tool: its stage builds in a few ms
    switch_s = time.perf_counter() - begin
    assert switch_s < MAX_LATENESS_S, f"the switch blocked {switch_s:.3f} s"
    assert engine.stopped and runner in QtThreadRunner.live  # finishing, tracked
    window.open_lab("mlp2d")
    results = record_results(window)
    _answer_of_old_run_never_lands(qtbot, engine, runner)
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    qtbot.wait(200)
    assert "slow" not in results


def test_a_reset_during_a_long_request_returns_at_once(window, qtbot):
    started = add_slow_request(window)
    window.stage.requested.emit("slow", {"seconds": 3.0, "cooperative": False})
    qtbot.waitUntil(started.is_set, timeout=5000)
    engine, runner = window.session.engine, window.session.runner
    results = record_results(window)
    begin = time.perf_counter()
    window.reset()
    reset_s = time.perf_counter() - begin
    assert reset_s < MAX_LATENESS_S, f"the reset blocked {reset_s:.3f} s"
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    _answer_of_old_run_never_lands(qtbot, engine, runner)
    window.redraw()
    assert "slow" not in results


def test_closing_during_a_long_request_joins_every_engine_thread(qtbot):
    from dlviz.ui.main_window import MainWindow

    win = MainWindow(__import__("torch").device("cpu"), 1, lab="mlp2d")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.session.state == "ready", timeout=20000)
    started = add_slow_request(win)
    win.stage.requested.emit("slow", {"seconds": 1.0, "cooperative": False})
    qtbot.waitUntil(started.is_set, timeout=5000)
    win.reset()  # the busy run goes on in the background
    assert any(r.is_running() for r in QtThreadRunner.live)
    win.close()
    assert not QtThreadRunner.live


# -- session files -----------------------------------------------------------------
def test_closing_the_window_joins_a_session_open_job(window, qtbot, monkeypatch):
    checking = threading.Event()

    def slow_open(path):  # ignores cancellation, like torch.load
        checking.set()
        time.sleep(0.5)
        raise sessions_module.SessionFileError("never applied")

    monkeypatch.setattr(sessions_module, "open_session", slow_open)
    files = window.features["sessions"]
    outcomes = []
    files.finished.connect(lambda *args: outcomes.append(args))
    files.open_file("/nowhere/run.dlviz")
    job = files.open_job
    assert job is not None and job in Job.live
    qtbot.waitUntil(checking.is_set, timeout=5000)
    window.close()
    assert not job.is_running() and job.outcome == "cancelled"
    assert job not in Job.live and files.open_job is None
    assert not outcomes  # a cancelled check applies and reports nothing


def test_a_session_open_job_reports_a_damaged_file(window, qtbot, tmp_path):
    path = tmp_path / "bad.dlviz"
    path.write_bytes(b"not a session")
    files = window.features["sessions"]
    with qtbot.waitSignal(files.finished, timeout=20000) as blocker:
        files.open_file(str(path))
    _path, ok, message = blocker.args
    assert not ok and message and not message.startswith("SessionFileError")
    qtbot.waitUntil(lambda: files.open_job is None, timeout=5000)
    assert not files.busy


# -- GIF export --------------------------------------------------------------------
def _train_some(qtbot, win, frames=3):
    """A few timeline frames (snapshots come at most ~30 times a second)."""
    for _ in range(50):
        if len(win.features["rewind"].buffer) >= frames:
            return
        step = win.session.step
        win.session.step_once(5)
        qtbot.waitUntil(lambda n=step + 5: win.session.step >= n, timeout=20000)
        qtbot.wait(100)
    raise AssertionError("the timeline recorded too few frames")


def _frames(path) -> list[np.ndarray]:
    with Image.open(path) as gif:
        return [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(gif)]


def _choose(monkeypatch, win, path, width=240):
    steps = win.features["rewind"].buffer.steps
    choice = GifChoice(str(path), steps[0], steps[-1], 5.0, width)
    monkeypatch.setattr(export_module, "ask_gif_options", lambda parent, s: choice)
    return choice


def test_gif_encoded_in_a_job_has_the_same_frames(window, qtbot, tmp_path, monkeypatch):
    _train_some(qtbot, window)
    out = tmp_path / "job.gif"
    choice = _choose(monkeypatch, window, out)
    in_place = tmp_path / "in_place.gif"
    export_module.export_gif(
        window.features["export"].grab_gif_frames(choice), in_place, choice.fps
    )
    window.features["export"].actions["gif"].trigger()
    job = window.features["export"].gif_job
    assert job is not None
    qtbot.waitUntil(lambda: window.features["export"].gif_job is None, timeout=30000)
    assert job.outcome == "done", job._error
    assert job.result >= 3
    expected, written = _frames(in_place), _frames(out)
    assert len(written) == len(expected) == job.result
    assert all(np.array_equal(a, b) for a, b in zip(expected, written))
    assert str(out) in window.statusBar().currentMessage()  # "Exported …"
    assert not window.message_bar.isVisible()
    assert window.live_stage and window.features["rewind"].is_live


def _slow_encoding(monkeypatch) -> threading.Event:
    encoding = threading.Event()
    original = export_module.export_gif

    def slow(frames, path, fps=10.0, token=None):
        encoding.set()
        for _ in frames:  # cooperative: checks its flag once per frame
            token.check()
            token.progress(0.1)
            token.sleep(0.6)
        return original(frames, path, fps, token)

    monkeypatch.setattr(export_module, "export_gif", slow)
    return encoding


def test_gif_encoding_shows_progress_and_cancel_writes_nothing(
    window, qtbot, tmp_path, monkeypatch
):
    _train_some(qtbot, window)
    out = tmp_path / "cancelled.gif"
    _choose(monkeypatch, window, out)
    encoding = _slow_encoding(monkeypatch)
    lateness = Lateness()
    window.features["export"].actions["gif"].trigger()
    qtbot.waitUntil(encoding.is_set, timeout=5000)
    bar = window.message_bar
    assert bar.isVisible() and bar.action == "cancel_gif" and bar.progress.isVisible()
    job = window.features["export"].gif_job
    qtbot.wait(300)
    click(qtbot, bar.action_button)
    qtbot.waitUntil(lambda: window.features["export"].gif_job is None, timeout=5000)
    assert job.outcome == "cancelled" and not out.exists()
    assert not list(tmp_path.glob("*.part"))
    assert window.statusBar().currentMessage()  # "GIF export cancelled."
    assert lateness.stop() < MAX_LATENESS_S


def test_closing_the_window_joins_a_gif_encode(window, qtbot, tmp_path, monkeypatch):
    _train_some(qtbot, window)
    out = tmp_path / "closed.gif"
    _choose(monkeypatch, window, out)
    encoding = _slow_encoding(monkeypatch)
    window.features["export"].actions["gif"].trigger()
    qtbot.waitUntil(encoding.is_set, timeout=5000)
    job = window.features["export"].gif_job
    begin = time.perf_counter()
    window.close()
    assert time.perf_counter() - begin < 2.0
    assert not job.is_running() and job.outcome == "cancelled"
    assert job not in Job.live and not out.exists()
