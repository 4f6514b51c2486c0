"""A saved session of a user's model opens again in a later run; a missing file offers
Locate…, a changed one asks and refuses weights that no longer fit."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from dlviz.core import usermodel as um
from dlviz.core.labs import get_lab, register_lab, unregister_lab
from dlviz.ui.classroom import sessions as sessions_module

NET = """
from torch import nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, {width})
        self.out = nn.Linear({width}, 2)

    def forward(self, x):
        return self.out(self.hidden(x).tanh())
"""


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DLVIZ_SETTINGS_ORG", "dlviz-test-open-model-sessions")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    um._RELOCATED.clear()
    um._CHANGED_OK.clear()


def forget(key: str) -> None:
    """As a new run of dlviz: the lab is not known."""
    unregister_lab(key)
    um._USER_LABS.pop(key, None)


@pytest.mark.slow
def test_a_session_of_a_user_model_reopens_after_locate_and_refuses_a_changed_one(
    qtbot, window, tmp_path, monkeypatch
):
    opener = window.features["open_model"]
    files = window.features["sessions"]
    model = tmp_path / "a" / "net.py"
    model.parent.mkdir()
    model.write_text(NET.format(width=8), encoding="utf-8")
    opener.trust(str(model.resolve()))
    spec = um.make_lab(um.ModelSource(str(model), "Net"), um.DataChoice("points2d"),
                       has_conv=False)
    register_lab(spec)
    key = spec.key
    try:
        window.open_lab(key)
        qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
        window.session.step_once(3)
        qtbot.waitUntil(lambda: window.session.step >= 3, timeout=30000)
        session = tmp_path / "mine.dlviz"
        monkeypatch.setattr(sessions_module, "ask_save_path", lambda p: str(session))
        with qtbot.waitSignal(files.finished, timeout=20000) as saved:
            files.save_action.trigger()
        assert saved.args[1], saved.args
        window.open_lab("mlp2d")
        forget(key)
        # the file moved: the session says so and offers to locate it
        moved = tmp_path / "b" / "net.py"
        moved.parent.mkdir()
        shutil.move(model, moved)
        with qtbot.waitSignal(files.finished, timeout=30000) as refused:
            files.open_file(str(session))
        assert not refused.args[1]
        bar = window.message_bar
        qtbot.waitUntil(lambda: bar.action == "locate_model", timeout=5000)
        assert "net.py, but that file is missing" in bar.text()
        assert bar.action_button.text() == "Locate…"
        opener.trust(str(moved.resolve()))
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(moved), "")))
        with qtbot.waitSignal(files.finished, timeout=30000) as opened:
            bar.action_button.click()
        assert opened.args[1], opened.args
        assert window.spec.key == key and window.session.step == 3
        assert get_lab(key).title == "net.py:Net"
        assert window.notes.note().title == "Your model: Net"
        assert key in window.picker.visible_keys()
        # the file changed shape: asked, then the weights are refused cleanly
        window.open_lab("mlp2d")
        forget(key)
        moved.write_text(NET.format(width=16), encoding="utf-8")
        asked = []
        monkeypatch.setattr(opener, "ask_load_changed",
                            lambda session, model: asked.append(model) or True)
        with qtbot.waitSignal(files.finished, timeout=30000):
            files.open_file(str(session))  # refused: changed
        with qtbot.waitSignal(files.finished, timeout=30000) as second:
            pass  # reopened after the answer: refused, the weights do not fit
        assert asked == ["net.py"]
        assert not second.args[1] and "do not fit" in second.args[2]
        assert window.spec.key == "mlp2d"
        with pytest.raises(KeyError):
            get_lab(key)
    finally:
        if window.spec is not None and window.spec.key == key:
            window.open_lab("mlp2d")
        forget(key)
