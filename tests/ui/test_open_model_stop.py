"""A user's model that hangs after the probe passed (an endless loop reached only at a
later step): the window says so, Stop interrupts it, Reset and closing work, a hang in
C code is named as such; and the user lab shows its generated note in both languages.
The GUI thread never joins the stuck worker."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSettings

from dlviz.core import usermodel as um
from dlviz.core.labs import register_lab, unregister_lab
from dlviz.ui.classroom.open_model import HangWatcher
from dlviz.ui.worker import QtThreadRunner

HANGS = """
import time
from torch import nn

class Hangs(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        if self.calls > {after}:
            {hang}
        return self.fc(x)
"""
#: Endless to the user's eye; it ends after 30 s so that a broken Stop fails the test
#: (too slow) instead of hanging the suite.
PYTHON_LOOP = ("began = time.monotonic()\n"
               "            while time.monotonic() - began < 30:\n"
               "                pass")


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DLVIZ_SETTINGS_ORG", "dlviz-test-open-model-stop")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(HangWatcher, "warn_after_s", 0.5)
    monkeypatch.setattr(HangWatcher, "native_after_s", 0.5)
    yield


def open_hanging(qtbot, window, tmp_path, hang: str = PYTHON_LOOP, after: int = 12):
    path = tmp_path / "hangs.py"
    path.write_text(HANGS.format(after=after, hang=hang), encoding="utf-8")
    spec = um.make_lab(um.ModelSource(str(path), "Hangs"), um.DataChoice("points2d"),
                       has_conv=False)
    register_lab(spec)
    window.open_lab(spec.key, spec.resolve({"samples": 100}))
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    return spec


def hung_message(qtbot, window) -> str:
    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.action == HangWatcher.ACTION and bar.isVisible(),
                    timeout=30000)
    return bar.label.text()


def still_works(qtbot, window) -> None:
    window.reset()
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    window.session.step_once(2)
    qtbot.waitUntil(lambda: window.session.step >= 2, timeout=30000)


@pytest.mark.slow
def test_stop_interrupts_a_step_that_hangs_and_the_lab_stays_usable(
    qtbot, window, tmp_path
):
    spec = open_hanging(qtbot, window, tmp_path)
    try:
        window.session.play()
        text = hung_message(qtbot, window)
        assert "Your model's step has run" in text and "Stop interrupts it" in text
        assert window.message_bar.action_button.text() == "Stop"
        began = time.monotonic()
        window.message_bar.action_button.click()
        bar = window.message_bar
        qtbot.waitUntil(lambda: window.session.state == "error", timeout=10000)
        assert time.monotonic() - began < 5.0
        qtbot.waitUntil(lambda: "was stopped after" in bar.text(), timeout=5000)
        assert "press Play to go on" in bar.text()  # said by the watcher, translated
        assert "while time.monotonic()" in bar.details and "hangs.py" in bar.details
        still_works(qtbot, window)  # a reset builds a fresh model (counter at 0)
        # Reset while it hangs: the new run starts, the hung one ends on its own
        window.session.play()
        hung_message(qtbot, window)
        window.reset()
        qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
        qtbot.waitUntil(lambda: sum(r.is_running() for r in QtThreadRunner.live) == 1,
                        timeout=5000)
    finally:
        window.open_lab("mlp2d")
        unregister_lab(spec.key)


@pytest.mark.slow
def test_closing_the_window_ends_a_hung_step(qtbot, tmp_path):
    import torch

    from dlviz.ui.main_window import MainWindow

    win = MainWindow(torch.device("cpu"), torch.get_num_threads(), lab="mlp2d")
    qtbot.addWidget(win)
    win.show()
    spec = open_hanging(qtbot, win, tmp_path)
    try:
        win.session.play()
        hung_message(qtbot, win)
        began = time.monotonic()
        win.close()  # joins every engine thread: the hung one is interrupted
        assert time.monotonic() - began < 5.0
        assert not any(r.is_running() for r in QtThreadRunner.live)
    finally:
        unregister_lab(spec.key)


@pytest.mark.slow
def test_closing_during_a_hang_in_c_code_does_not_wait_for_it(qtbot, tmp_path,
                                                              monkeypatch):
    import torch

    from dlviz.ui.main_window import MainWindow

    monkeypatch.setattr(QtThreadRunner, "USER_CODE_GRACE_S", 0.5)
    win = MainWindow(torch.device("cpu"), torch.get_num_threads(), lab="mlp2d")
    qtbot.addWidget(win)
    win.show()
    spec = open_hanging(qtbot, win, tmp_path, hang="time.sleep(4)")
    try:
        win.session.play()
        hung_message(qtbot, win)
        began = time.monotonic()
        win.close()  # the stuck run is interrupted, given 0.5 s, then left behind
        assert time.monotonic() - began < 3.0
        stuck = list(QtThreadRunner.abandoned)
        assert len(stuck) == 1 and stuck[0].is_running()
        assert QtThreadRunner.any_abandoned_running()
        assert not any(r.is_running() for r in QtThreadRunner.live)
        # when the sleep returns, the interrupt lands and the thread ends by itself
        qtbot.waitUntil(lambda: not stuck[0].is_running(), timeout=10000)
        assert not QtThreadRunner.any_abandoned_running()
    finally:
        for runner in list(QtThreadRunner.abandoned):
            runner.stop()
            QtThreadRunner.abandoned.discard(runner)
        unregister_lab(spec.key)


@pytest.mark.slow
def test_a_hang_in_c_code_is_named_plainly(qtbot, window, tmp_path):
    # time.sleep is C: the interrupt lands only when it returns (after 3 s here)
    spec = open_hanging(qtbot, window, tmp_path, hang="time.sleep(3)")
    try:
        window.session.play()
        hung_message(qtbot, window)
        window.message_bar.action_button.click()
        bar = window.message_bar
        qtbot.waitUntil(lambda: "compiled code" in bar.text(), timeout=5000)
        assert "cannot interrupt" in bar.text() and bar.kind == "error"
        # when the sleep returns, the step ends with the interrupt
        qtbot.waitUntil(lambda: "was stopped after" in bar.text(), timeout=10000)
        still_works(qtbot, window)
    finally:
        window.open_lab("mlp2d")
        unregister_lab(spec.key)


def test_a_user_lab_shows_its_note_in_both_languages(qtbot, window, tmp_path):
    path = tmp_path / "net.py"
    path.write_text(HANGS.format(after=10**9, hang="pass"), encoding="utf-8")
    summary = {"rows": [["fc", "Linear", [2, 2], 6]], "output": [2, 2],
               "parameters": 6}
    spec = um.make_lab(um.ModelSource(str(path), "Hangs"), um.DataChoice("points2d"),
                       has_conv=False, summary=summary)
    register_lab(spec)
    try:
        window.open_lab(spec.key)
        note = window.notes.note()
        assert note is not None and note.title == "Your model: Hangs"
        assert "(Hangs in `net.py`)" in note.body
        assert "- **fc** (Linear): output [2, 2], 6 parameters" in note.body
        assert "step-through" in note.body and "2-D points" in note.body
        assert "ln 2" in note.answer
        assert spec.key in window.picker.visible_keys()
        window.set_language("zh_CN")
        note = window.notes.note()
        assert note.title == "你的模型：Hangs" and not note.fallback
        assert "二维点" in note.body and "单步解析" in note.body
    finally:
        window.set_language("en")
        window.open_lab("mlp2d")
        unregister_lab(spec.key)
