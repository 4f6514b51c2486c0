"""Saved sessions and lesson scenes of a user's own model record its file (path, model,
data and loss, SHA-1); opening one in a new run registers the lab again, and a missing,
changed or never-run file is refused in plain words (no Qt)."""

from __future__ import annotations

import shutil

import pytest
import torch

from dlviz import resources_dir
from dlviz.core import usermodel as um
from dlviz.core.labs import get_lab, register_lab, unregister_lab
from dlviz.session import persist
from dlviz.session.lesson import Lesson, Scene, load_lesson, parse_lesson, save_lesson

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
DATA = um.DataChoice("points2d")


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "mine" / "net.py"
    path.parent.mkdir()
    path.write_text(NET.format(width=8), encoding="utf-8")
    um.trust_file(path)  # the user agreed to run it (File ▸ Open model…)
    yield path
    um._TRUSTED.discard(str(path.resolve()))


def saved_session(model_file, tmp_path, steps: int = 3):
    """Train a user lab a few steps and save it; then forget the lab, as a new run
    of dlviz would not know it."""
    spec = um.make_lab(um.ModelSource(str(model_file), "Net"), DATA, has_conv=False,
                       summary={"rows": [["hidden", "Linear", [2, 8], 24]],
                                "output": [2, 2], "parameters": 42})
    register_lab(spec)
    hparams = spec.resolve({"samples": 100})
    task = spec.factory(dict(hparams), torch.device("cpu"))
    for _ in range(steps):
        task.train_step()
    session = tmp_path / "run.dlviz"
    persist.save_session(session, persist.make_payload(
        spec.key, hparams, task.state_dict(), [{"step": 1.0, "loss": 0.5}]))
    unregister_lab(spec.key)
    um._USER_LABS.pop(spec.key)
    return spec.key, session, task


def refused(session) -> persist.SessionFileError:
    with pytest.raises(persist.SessionFileError) as info:
        persist.open_session(session)
    return info.value


def test_a_session_records_the_model_file_and_opens_in_a_new_run(model_file, tmp_path):
    key, session, task = saved_session(model_file, tmp_path)
    payload = torch.load(session, weights_only=True)
    record = payload["user_model"]
    assert record["path"] == str(model_file.resolve()) and record["name"] == "Net"
    assert record["data"]["kind"] == "points2d"
    assert record["data"]["loss"] == "cross_entropy"
    assert record["sha1"] == um.file_digest(str(model_file)) and record["sha1"]
    with pytest.raises(KeyError):
        get_lab(key)
    data = persist.open_session(session)
    try:
        assert data.lab == key and data.restored and data.step == 3
        assert get_lab(key).title == "net.py:Net"
        assert um.user_lab(key).summary["parameters"] == 42  # the note's table
        rebuilt = get_lab(key).factory(dict(data.hparams), torch.device("cpu"))
        rebuilt.load_state_dict(data.state)
        for a, b in zip(rebuilt.parameters(), task.parameters(), strict=True):
            assert torch.equal(a, b)
        # saved again from this run, it records the same file
        assert persist.user_model_record(key)["sha1"] == record["sha1"]
    finally:
        unregister_lab(key)


def test_a_missing_model_file_is_named_and_can_be_located(model_file, tmp_path):
    key, session, _ = saved_session(model_file, tmp_path)
    moved = tmp_path / "elsewhere" / "net.py"
    moved.parent.mkdir()
    shutil.move(model_file, moved)
    error = refused(session)
    assert error.kind == "model_missing"
    assert "net.py is missing" in str(error) and str(model_file.resolve()) in str(error)
    problem = persist.take_model_problem(session).problem
    assert problem.kind == "missing" and problem.original == str(model_file.resolve())
    assert persist.take_model_problem(session) is None  # taken once
    with pytest.raises(KeyError):
        get_lab(key)  # nothing registered for a refused file
    um.trust_file(moved)
    um.relocate(problem.original, str(moved))
    try:
        data = persist.open_session(session)
        assert data.lab == key and data.step == 3
        assert um.source_record(key)["path"] == str(moved.resolve())
    finally:
        um._RELOCATED.clear()
        unregister_lab(key)


def test_a_changed_model_file_asks_and_refuses_weights_that_no_longer_fit(
    model_file, tmp_path
):
    key, session, _ = saved_session(model_file, tmp_path)
    model_file.write_text(NET.format(width=16), encoding="utf-8")  # wider layer
    error = refused(session)
    assert error.kind == "model_changed" and "net.py changed" in str(error)
    problem = persist.take_model_problem(session).problem
    um.accept_changed(problem.path)  # the user: "load the weights anyway"
    error = refused(session)
    assert error.kind == "mismatch"
    assert "shape (8, 2) instead of (16, 2)" in str(error)
    with pytest.raises(KeyError):
        get_lab(key)  # the lab registered for the refused file went again
    # a change that keeps the shapes (a comment) loads once accepted
    model_file.write_text("# tuned\n" + NET.format(width=8), encoding="utf-8")
    assert refused(session).kind == "model_changed"
    um.accept_changed(str(model_file))
    try:
        assert persist.open_session(session).lab == key
    finally:
        um._CHANGED_OK.clear()
        unregister_lab(key)


def test_a_model_file_never_run_is_not_run_by_opening_a_session(model_file, tmp_path):
    key, session, _ = saved_session(model_file, tmp_path)
    um._TRUSTED.discard(str(model_file.resolve()))
    error = refused(session)
    assert error.kind == "model_untrusted" and "has not run net.py" in str(error)
    with pytest.raises(KeyError):
        get_lab(key)


def test_a_lesson_scene_records_the_model_and_reopens_it(model_file, tmp_path):
    spec = um.make_lab(um.ModelSource(str(model_file), "Net"), DATA, has_conv=False)
    register_lab(spec)
    lesson = Lesson("Mine", [Scene("My net", spec.key, {"samples": 100})])
    path = tmp_path / "mine" / "lesson.json"
    save_lesson(lesson, path)
    raw = path.read_text(encoding="utf-8")
    assert '"model"' in raw and "net.py" in raw and '"sha1"' in raw
    unregister_lab(spec.key)
    um._USER_LABS.pop(spec.key)
    loaded = load_lesson(path)
    try:
        scene = loaded.scenes[0]
        assert scene.lab == spec.key and get_lab(spec.key).title == "net.py:Net"
        assert scene.model["name"] == "Net"
    finally:
        unregister_lab(spec.key)
    model_file.unlink()
    with pytest.raises(ValueError, match=r"scene 1: the model file net.py is missing"):
        load_lesson(path)


def test_the_shipped_lesson_opens_an_example_model():
    path = resources_dir() / "lessons" / "tools_own_model.json"
    lesson = load_lesson(path)
    keys = [s.lab for s in lesson.scenes if s.model]
    try:
        assert keys, "no scene opens a user model"
        for key in keys:
            lab = um.user_lab(key)
            assert lab is not None and um.is_trusted(lab.source.path)
            assert lab.source.path.startswith(str(resources_dir().resolve()))
            assert lab.summary and lab.summary["parameters"] > 0
            assert um.note_markdown(key, "zh_CN").startswith("# 你的模型")
    finally:
        for key in keys:
            unregister_lab(key)


def test_a_scene_with_a_damaged_model_record_is_refused():
    data = {"format": "dlviz-lesson", "version": 1, "title": "x",
            "scenes": [{"title": "a", "lab": "user_x", "model": {"path": 3}}]}
    with pytest.raises(ValueError, match="record of the model file is damaged"):
        parse_lesson(data)
