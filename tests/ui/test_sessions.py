import os
import pickle

import pytest
import torch
from PySide6.QtCore import QSettings

from dlviz.ui.classroom import sessions as sessions_module


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Recent files go to a throwaway folder, never the user's settings."""
    monkeypatch.setenv("DLVIZ_SETTINGS_ORG", "dlviz-test-sessions")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


def weights_of(qtbot, win):
    box = {}
    win.session.engine.post(
        "save_state",
        callback=lambda s: box.update(
            w={k: v.detach().clone() for k, v in s["modules"]["model"].items()}
        ),
    )
    qtbot.waitUntil(lambda: "w" in box, timeout=10000)
    return box["w"]


def save(qtbot, win, path, monkeypatch):
    files = win.features["sessions"]
    monkeypatch.setattr(sessions_module, "ask_save_path", lambda parent: str(path))
    with qtbot.waitSignal(files.finished, timeout=20000) as blocker:
        files.save_action.trigger()
    assert blocker.args[1], blocker.args


def open_file(qtbot, win, path, monkeypatch):
    files = win.features["sessions"]
    monkeypatch.setattr(sessions_module, "ask_open_path", lambda parent: str(path))
    with qtbot.waitSignal(files.finished, timeout=30000) as blocker:
        files.open_action.trigger()
    return blocker.args


@pytest.mark.slow
def test_round_trip_gives_identical_weights_and_recent_files(
    qtbot, window, tmp_path, monkeypatch
):
    window.session.set_hparams({"layers": 3, "neurons": 8})
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    window.session.step_once(25)
    qtbot.waitUntil(lambda: window.session.step >= 25, timeout=20000)
    saved = weights_of(qtbot, window)
    path = tmp_path / "run.dlviz"
    save(qtbot, window, path, monkeypatch)
    # change everything: another lab
    window.open_lab("mlp_digits")
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    path_ok, ok, message = open_file(qtbot, window, path, monkeypatch)
    assert ok, message
    assert window.spec.key == "mlp2d"
    assert window.session.hparams["layers"] == 3 and window.session.step == 25
    loaded = weights_of(qtbot, window)
    assert loaded.keys() == saved.keys()
    assert all(torch.equal(saved[k], loaded[k]) for k in saved)
    assert len(window.session.history.get("loss")) == 25
    recent = window.features["sessions"].recent_files()
    assert recent == [str(path.resolve())]
    assert [a.text() for a in window.features["sessions"].recent_menu.actions()] == [
        "run.dlviz"
    ]


class Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
def test_bad_files_are_refused_and_change_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    window.session.step_once(5)
    qtbot.waitUntil(lambda: window.session.step >= 5, timeout=20000)
    before = weights_of(qtbot, window)
    run_id, hparams = window.session.run_id, dict(window.session.hparams)
    good = tmp_path / "good.dlviz"
    save(qtbot, window, good, monkeypatch)
    data = good.read_bytes()
    marker = tmp_path / "pwned"
    bad = {
        "empty": b"",
        "random": os.urandom(4096),
        "truncated": data[: len(data) // 3],
        "pickle": pickle.dumps({"format": "dlviz-session", "x": Evil(str(marker))}),
    }
    from dlviz.session.persist import make_payload, save_session

    state = {"step": 1, "modules": {"model": {"0.weight": torch.zeros(4, 4)}}}
    save_session(tmp_path / "foreign.dlviz", make_payload("mlp2d", hparams, state))
    payload = make_payload("mlp2d", hparams, {"modules": {}})
    payload["version"] = 7
    save_session(tmp_path / "version.dlviz", payload)
    torch.save({"x": Evil(str(marker))}, tmp_path / "evil_torch.dlviz")
    for name, content in bad.items():
        (tmp_path / f"{name}.dlviz").write_bytes(content)
    names = [*bad, "foreign", "version", "evil_torch"]
    for name in names:
        _path, ok, message = open_file(
            qtbot, window, tmp_path / f"{name}.dlviz", monkeypatch
        )
        assert not ok, name
        # said in plain words, never the text of the library that read the file
        words = message.replace(f"{name}.dlviz", "")
        assert "torch" not in words and "Re-running" not in words, message
        assert f"{name}.dlviz" in message or "do not fit" in message, message
        assert window.message_bar.isVisible()
        assert "Could not use the session file" in window.message_bar.label.text()
        assert window.session.run_id == run_id, name
        assert window.spec.key == "mlp2d"
    assert not marker.exists()
    assert "version 7" in open_file(
        qtbot, window, tmp_path / "version.dlviz", monkeypatch
    )[2]
    assert "do not fit" in open_file(
        qtbot, window, tmp_path / "foreign.dlviz", monkeypatch
    )[2]
    after = weights_of(qtbot, window)
    assert all(torch.equal(before[k], after[k]) for k in before)
    # only the good file was remembered
    assert window.features["sessions"].recent_files() == [str(good.resolve())]


def test_refusals_are_said_in_the_interface_language(qtbot, window, tmp_path,
                                                    monkeypatch):
    (tmp_path / "cut.dlviz").write_bytes(b"PK\x03\x04" + os.urandom(64))
    _path, ok, message = open_file(qtbot, window, tmp_path / "cut.dlviz", monkeypatch)
    assert not ok and "cut.dlviz is damaged" in message
    window.features["language"].switch("zh_CN")
    try:
        _path, ok, message = open_file(
            qtbot, window, tmp_path / "cut.dlviz", monkeypatch
        )
        assert not ok and "cut.dlviz" in message and "损坏" in message, message
    finally:
        window.features["language"].switch("en")


# -- file dialogs open where the user was last -----------------------------------------
def _capture_dialogs(monkeypatch, module, answer: str) -> list[str]:
    seen: list[str] = []

    def dialog(parent, caption, folder, filter_text):
        seen.append(folder)
        return answer, filter_text

    monkeypatch.setattr(module.QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(module.QFileDialog, "getSaveFileName", dialog)
    return seen


def test_session_dialogs_open_in_the_folder_used_last(tmp_path, monkeypatch):
    from pathlib import Path

    from dlviz.ui.classroom import _export_dialogs
    from dlviz.ui.settings import Settings

    for kind in ("sessions", "export"):  # a clean start
        Settings().store.remove(_export_dialogs.FOLDER_KEYS[kind])
    seen = _capture_dialogs(monkeypatch, sessions_module, "")
    sessions_module.ask_open_path(None)
    assert seen[-1] == str(Path.home())  # at first: home, not the working folder
    folder = tmp_path / "lectures"
    folder.mkdir()
    _export_dialogs.remember_folder("sessions", folder / "week1.dlviz")
    sessions_module.ask_open_path(None)
    sessions_module.ask_save_path(None)
    assert seen[-2:] == [str(folder), str(folder)]
    # exports keep their own folder
    seen = _capture_dialogs(monkeypatch, _export_dialogs, str(tmp_path / "a.png"))
    assert _export_dialogs.ask_save_path(None, "", "", ".png") == str(
        tmp_path / "a.png")
    _export_dialogs.ask_save_path(None, "", "", ".png")
    assert seen == [str(Path.home()), str(tmp_path)]
    assert _export_dialogs.last_folder("sessions") == str(folder)


def test_a_lesson_is_named_and_saved_where_the_last_one_was(
    qtbot, window, tmp_path, monkeypatch
):
    import json

    from dlviz.ui.classroom import _export_dialogs
    from dlviz.ui.classroom import scenes as scenes_module

    lessons = window.features["lessons"]
    monkeypatch.setattr(scenes_module, "ask_scene_text", lambda p, t: ("One", ""))
    lessons.actions["save_scene"].trigger()
    assert lessons.actions["rename"].isEnabled()
    # not named yet: it takes the name of the file it is saved as
    seen = _capture_dialogs(monkeypatch, scenes_module, str(tmp_path / "day_one.json"))
    lessons.actions["save"].trigger()
    saved = json.loads((tmp_path / "day_one.json").read_text(encoding="utf-8"))
    assert saved["title"] == "day one"
    # named by the user: the name is saved and proposed as the file name, in the
    # folder used last
    monkeypatch.setattr(scenes_module, "ask_lesson_title",
                        lambda p, title: "Backprop, step by step")
    lessons.actions["rename"].trigger()
    assert "Backprop, step by step" in lessons.bar.title_label.text()
    seen = _capture_dialogs(monkeypatch, scenes_module, str(tmp_path / "bp.json"))
    lessons.actions["save"].trigger()
    assert seen == [str(tmp_path / "backprop_step_by_step.json")]
    saved = json.loads((tmp_path / "bp.json").read_text(encoding="utf-8"))
    assert saved["title"] == "Backprop, step by step"
    assert _export_dialogs.last_folder("lessons") == str(tmp_path)
    seen = _capture_dialogs(monkeypatch, scenes_module, "")
    lessons.actions["open"].trigger()
    assert seen == [str(tmp_path)]
    lessons.close_lesson()
