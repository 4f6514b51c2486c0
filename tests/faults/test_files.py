"""Damaged files are refused with a clear message and change nothing: MNIST IDX
files through the real window, saved sessions and lesson files."""

from __future__ import annotations

import gzip
import os
import pickle
import threading

import numpy as np
import pytest
import torch

from dlviz.core.data.idx import IdxError, load_mnist_folder, write_idx
from dlviz.core.labs import get_lab
from dlviz.session import lesson, persist

NAMES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


def _mnist_folder(folder, n: int = 40) -> None:
    rng = np.random.default_rng(0)
    write_idx(folder / NAMES[0], rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
    write_idx(folder / NAMES[1], (np.arange(n) % 10).astype(np.uint8))
    write_idx(folder / NAMES[2], rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
    write_idx(folder / NAMES[3], (np.arange(n) % 10).astype(np.uint8))


def _damage(path, how: str) -> None:
    raw = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "random bytes":
        path.write_bytes(np.random.default_rng(1).bytes(len(raw)))
    elif how == "wrong magic":
        path.write_bytes(b"\x12\x34" + raw[2:])
    elif how == "truncated gzip":
        path.unlink()
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(raw)[:40])


DAMAGE = ("empty", "truncated", "random bytes", "wrong magic", "truncated gzip")


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_idx_files_raise_a_clear_error(tmp_path, how):
    _mnist_folder(tmp_path)
    _damage(tmp_path / NAMES[0], how)
    with pytest.raises(IdxError) as info:
        load_mnist_folder(tmp_path)
    assert "train-images" in str(info.value)


def test_a_valid_folder_loads(tmp_path):
    _mnist_folder(tmp_path)
    x, y, xv, yv = load_mnist_folder(tmp_path)
    assert x.shape == (40, 28, 28) and x.dtype == np.float32 and 0 <= x.min()
    assert y.tolist()[:3] == [0, 1, 2] and xv.shape == (40, 28, 28)


def test_damaged_mnist_folders_in_the_window_keep_the_previous_run(
    window, qtbot, tmp_path
):
    window.open_lab("mlp_digits")
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    window.toggle_play()
    qtbot.waitUntil(lambda: window.session.step >= 5, timeout=20000)
    session = window.session
    edit = window.hyperparams.line_edit("mnist_folder")
    for how in DAMAGE:
        folder = tmp_path / how.replace(" ", "_")
        folder.mkdir()
        _mnist_folder(folder)
        _damage(folder / NAMES[0], how)
        run_id, step = session.run_id, session.step
        edit.setText(str(folder))
        edit.editingFinished.emit()
        qtbot.waitUntil(lambda r=run_id: session.run_id == r, timeout=30000)
        bar = window.message_bar
        qtbot.waitUntil(bar.isVisible, timeout=5000)
        assert "train-images" in bar.text(), (how, bar.text())
        assert "not applied" in bar.text() and bar.details_button.isVisible()
        assert session.hparams["mnist_folder"] == ""
        assert edit.text() == ""
        assert session.step >= step and session.state == "paused"
        window.toggle_play()  # the previous run trains on
        qtbot.waitUntil(lambda s=step: session.step >= s + 3, timeout=20000)
    window.toggle_play()
    qtbot.waitUntil(lambda: session.state == "paused", timeout=10000)
    good = tmp_path / "good"
    good.mkdir()
    _mnist_folder(good)
    edit.setText(str(good))
    edit.editingFinished.emit()
    qtbot.waitUntil(lambda: session.state == "ready", timeout=30000)
    assert session.hparams["mnist_folder"] == str(good) and session.step == 0


# -- saved sessions and lessons ------------------------------------------------------
class _WritesMarker:
    """Unpickling this would create a marker file (it must never run)."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def _bad_files(tmp_path, good: bytes, version_bumped: bytes) -> dict:
    marker = tmp_path / "marker.txt"
    evil = pickle.dumps({"version": 1, "payload": _WritesMarker(str(marker))})
    torch_evil = tmp_path / "evil.pt"
    torch.save({"version": 1, "x": _WritesMarker(str(marker))}, torch_evil)
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "random bytes": np.random.default_rng(2).bytes(max(64, len(good))),
        "wrong version": version_bumped,
        "pickle with __reduce__": evil,
        "torch file with __reduce__": torch_evil.read_bytes(),
    }, marker


def _folder_state(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_damaged_session_files_are_refused_and_run_nothing(tmp_path):
    spec = get_lab("mlp2d")
    task = spec.create({}, torch.device("cpu"))
    good_path = tmp_path / "good.dlviz"
    payload = persist.make_payload(
        **_payload_args(persist, spec, task),
    )
    persist.save_session(good_path, payload)
    assert persist.open_session(good_path).lab == "mlp2d"  # the good file opens
    newer = dict(payload, version=payload["version"] + 1)
    newer_path = tmp_path / "newer.dlviz"
    persist.save_session(newer_path, newer)
    files, marker = _bad_files(
        tmp_path, good_path.read_bytes(), newer_path.read_bytes()
    )
    for name, data in files.items():
        path = tmp_path / f"{name.replace(' ', '_')}.dlviz"
        path.write_bytes(data)
        before = _folder_state(tmp_path)
        with pytest.raises(persist.SessionFileError) as info:
            persist.open_session(path)
        assert str(info.value), name
        assert not marker.exists(), f"{name}: unpickling ran code"
        # refusing changes nothing: the file itself and everything beside it
        assert _folder_state(tmp_path) == before, name


def test_a_failed_save_keeps_the_existing_file(tmp_path):
    spec = get_lab("mlp2d")
    task = spec.create({}, torch.device("cpu"))
    target = tmp_path / "existing.dlviz"
    target.write_bytes(b"keep me")
    payload = persist.make_payload(**_payload_args(persist, spec, task))
    payload["history"] = [{"loss": threading.Lock()}]  # torch.save cannot pickle it
    with pytest.raises(TypeError, match="pickle"):
        persist.save_session(target, payload)
    assert target.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["existing.dlviz"]  # no temp file
    del payload["history"]
    persist.save_session(target, payload)  # a good save replaces it
    assert persist.open_session(target).lab == "mlp2d"


def _payload_args(persist, spec, task) -> dict:
    import inspect

    names = inspect.signature(persist.make_payload).parameters
    values = {
        "spec": spec,
        "lab": spec.key,
        "key": spec.key,
        "hparams": spec.resolve(),
        "state": task.state_dict(),
        "history": {},
        "step": 0,
    }
    return {n: values[n] for n in names if n in values}


def test_damaged_lesson_files_are_refused_and_run_nothing(tmp_path):
    good = lesson.shipped_lessons()[0]
    data = good.read_bytes()
    newer = data.replace(b'"version": 1', b'"version": 99')
    assert newer != data, "the shipped lesson has no version 1 field"
    files, marker = _bad_files(tmp_path, data, newer)
    files["not a lesson"] = b'{"format": "something else", "version": 1}'
    for name, raw in files.items():
        path = tmp_path / f"{name.replace(' ', '_')}.json"
        path.write_bytes(raw)
        with pytest.raises(lesson.LessonError) as info:
            lesson.load_lesson(path)
        assert str(info.value), name
        assert not marker.exists(), f"{name}: loading ran code"
    assert os.path.getsize(good) == len(data)


def test_refused_session_files_say_what_is_wrong_in_plain_words(tmp_path):
    """Never the reading library's text ("Weights only load failed … Re-running
    `torch.load` …"): a reason a teacher understands, and its kind for the UI."""
    spec = get_lab("mlp2d")
    task = spec.create({}, torch.device("cpu"))
    payload = persist.make_payload(**_payload_args(persist, spec, task))
    good = tmp_path / "good.dlviz"
    persist.save_session(good, payload)
    files, _marker = _bad_files(tmp_path, good.read_bytes(), b"")
    persist.save_session(tmp_path / "newer.dlviz", dict(payload, version=7))
    persist.save_session(tmp_path / "older.dlviz", dict(payload, version=0))
    persist.save_session(tmp_path / "lab.dlviz", dict(payload, lab="no_such_lab"))
    torch.save({"weights": torch.zeros(3)}, tmp_path / "other.dlviz")
    expected = {
        "empty": ("empty", "is empty"),
        "truncated": ("damaged", "damaged"),
        "random bytes": ("not_session", "not a dlviz session"),
        "pickle with __reduce__": ("pickle", "pickle"),
        "torch file with __reduce__": ("objects", "Python objects"),
    }
    for name, (kind, words) in expected.items():
        path = tmp_path / f"{name.replace(' ', '_')}.dlviz"
        path.write_bytes(files[name])
        with pytest.raises(persist.SessionFileError) as info:
            persist.open_session(path)
        _plain(info.value, kind, words, path.name)
    for name, kind, words in (
        ("newer", "newer", "newer version of dlviz (session format version 7"),
        ("older", "older", "older version of dlviz"),
        ("lab", "unknown_lab", "lab this dlviz does not have ('no_such_lab')"),
        ("other", "not_session", "not a dlviz session"),
    ):
        with pytest.raises(persist.SessionFileError) as info:
            persist.open_session(tmp_path / f"{name}.dlviz")
        _plain(info.value, kind, words, f"{name}.dlviz")
    # weights of another network: which ones, in words
    other = persist.make_payload(**_payload_args(persist, spec, task))
    first = next(iter(other["state"]["modules"]["model"]))
    other["state"]["modules"]["model"][first] = torch.zeros(1, 1)
    persist.save_session(tmp_path / "foreign.dlviz", other)
    with pytest.raises(persist.SessionFileError) as info:
        persist.open_session(tmp_path / "foreign.dlviz")
    assert info.value.kind == "mismatch" and "do not fit" in str(info.value)
    assert first in str(info.value) and "another network" in str(info.value)


def _plain(error, kind: str, words: str, name: str) -> None:
    text = str(error)
    assert error.kind == kind, (kind, text)
    assert words in text and name in text, text
    for raw in ("torch", "Re-running", "pickle.", "zip", "miniz", "Unpickl"):
        assert raw not in text.replace(name, ""), text
    assert text.endswith((".", ")")), text
