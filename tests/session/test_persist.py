import os
import pickle

import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.session.lab_session import LabSession
from dlviz.session.persist import (
    FORMAT,
    SessionFileError,
    make_payload,
    open_session,
    read_session,
    save_session,
    state_mismatches,
)
from dlviz.session.runner import SyncRunner

CPU = torch.device("cpu")


def trained_session(steps: int = 5, **hp) -> LabSession:
    s = LabSession(get_lab("mlp2d"), SyncRunner, CPU, {"samples": 200, **hp})
    s.start()
    s.step_once(steps)
    s.runner.pump()
    s.poll()
    return s


def saved_state(session: LabSession) -> dict:
    box = {}
    session.engine.post("save_state", callback=lambda state: box.update(state))
    session.runner.pump()
    return box


def write(session: LabSession, path) -> dict:
    state = saved_state(session)
    save_session(
        path,
        make_payload(session.spec.key, session.hparams, state,
                     session.history.to_rows()),
    )
    return state


def weights(session):
    return [p.detach().clone() for p in session.engine.task.parameters()]


def test_round_trip_restores_weights_optimizer_step_and_history(tmp_path):
    s = trained_session(7, layers=3)
    before = weights(s)
    write(s, tmp_path / "a.dlviz")
    data = open_session(tmp_path / "a.dlviz")
    assert data.lab == "mlp2d" and data.hparams == s.hparams and data.step == 7
    assert [r["step"] for r in data.history] == [r["step"] for r in s.history.to_rows()]
    s.reset()
    s.runner.pump()
    s.poll()
    assert not all(torch.equal(a, b) for a, b in zip(before, weights(s)))
    s.engine.post("load_state", state=data.state)
    s.runner.pump()
    s.poll()
    assert s.snapshot_step == 7 and s.state == "paused"
    assert all(torch.equal(a, b) for a, b in zip(before, weights(s)))
    opt = s.engine.task.optimizer.state_dict()["state"]
    assert opt and all(int(v["step"]) == 7 for v in opt.values())


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    s = trained_session(1)
    write(s, tmp_path / "a.dlviz")
    assert sorted(os.listdir(tmp_path)) == ["a.dlviz"]


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (os.urandom(3000), "not a dlviz session"),
        (b"PK\x03\x04garbage", "is damaged"),
    ],
)
def test_empty_and_random_files_are_refused(tmp_path, content, words):
    path = tmp_path / "bad.dlviz"
    path.write_bytes(content)
    with pytest.raises(SessionFileError, match=words):
        read_session(path)


def test_truncated_file_is_refused(tmp_path):
    s = trained_session(1)
    write(s, tmp_path / "a.dlviz")
    data = (tmp_path / "a.dlviz").read_bytes()
    (tmp_path / "cut.dlviz").write_bytes(data[: len(data) // 2])
    with pytest.raises(SessionFileError, match="damaged"):
        read_session(tmp_path / "cut.dlviz")


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(SessionFileError, match="cannot be read"):
        read_session(tmp_path / "nope.dlviz")


class Evil:
    marker = ""

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.parametrize("via_torch", [True, False])
@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
def test_pickle_that_would_run_code_is_refused_and_runs_nothing(tmp_path, via_torch):
    marker = tmp_path / "pwned"
    evil = Evil()
    evil.marker = str(marker)
    payload = {"format": FORMAT, "version": 1, "lab": "mlp2d", "hparams": {},
               "state": {"modules": {}}, "x": evil}
    path = tmp_path / "evil.dlviz"
    if via_torch:
        torch.save(payload, path)
    else:
        path.write_bytes(pickle.dumps(payload))
    assert not marker.exists()
    with pytest.raises(SessionFileError):
        open_session(path)
    assert not marker.exists()


def test_wrong_version_format_lab_and_hparams_are_refused(tmp_path):
    s = trained_session(1)
    state = saved_state(s)
    cases = [
        ({"version": 99}, "version 99"),
        ({"format": "other"}, "not a dlviz session"),
        ({"lab": "nosuchlab"}, "a lab this dlviz does not have"),
        ({"lab": "convmath"}, "nothing to save"),
        ({"hparams": {"layers": 99}}, "does not accept"),
        ({"hparams": {"bogus": 1}}, "does not accept"),
        ({"state": {"step": 3}}, "no network weights"),
    ]
    for change, words in cases:
        payload = make_payload("mlp2d", s.hparams, state)
        payload.update(change)
        path = tmp_path / "x.dlviz"
        save_session(path, payload)
        with pytest.raises(SessionFileError, match=words):
            open_session(path)


def test_foreign_weights_are_refused_with_the_mismatch(tmp_path):
    small = trained_session(1, neurons=8)
    state = saved_state(small)
    # claims the default 16-neuron network but carries 8-neuron weights
    hparams = dict(small.hparams, neurons=16)
    save_session(tmp_path / "f.dlviz", make_payload("mlp2d", hparams, state))
    with pytest.raises(SessionFileError, match=r"do not fit.*shape \(8, 2\)"):
        open_session(tmp_path / "f.dlviz")
    digits = {"modules": {"model": {"0.weight": torch.zeros(3, 3)}}}
    save_session(tmp_path / "g.dlviz", make_payload("mlp2d", small.hparams, digits))
    with pytest.raises(SessionFileError, match="missing"):
        open_session(tmp_path / "g.dlviz")


def test_state_mismatches_lists_keys_and_shapes():
    expected = {"m": {"w": torch.zeros(2, 3), "b": torch.zeros(2)}}
    loaded = {"m": {"w": torch.zeros(3, 2), "z": torch.zeros(1)}}
    problems = state_mismatches(expected, loaded)
    assert "/m/b: missing" in problems and "/m/z: not in this lab" in problems
    assert "/m/w: shape (3, 2) instead of (2, 3)" in problems
    assert state_mismatches(expected, expected) == []
