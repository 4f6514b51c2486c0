"""Compare mode, session: one file holding both runs, and the rewind of both runs
at the same steps. No Qt."""

from __future__ import annotations

import itertools
import threading

import numpy as np
import pytest
import torch

from dlviz.core.compare import compare_spec, preset
from dlviz.core.labs import get_lab
from dlviz.session.compare import SIDES, CompareSession, WorkClock
from dlviz.session.persist import (
    SessionFileError,
    make_compare_payload,
    make_payload,
    open_session,
    read_session,
    save_session,
)

CPU = torch.device("cpu")


def _session(key: str = "sgd_adam") -> CompareSession:
    p = preset(key)
    hp_a, hp_b = p.hparams({"samples": 100})
    cs = CompareSession(get_lab(p.lab), hp_a, get_lab(p.other_lab), hp_b, CPU,
                        threaded=False)
    cs.start()
    cs.poll()
    return cs


def _save(cs: CompareSession, path, key: str = "sgd_adam") -> None:
    done = threading.Event()

    def write(state_a: dict, state_b: dict) -> None:
        a = make_payload(cs.a.spec.key, cs.a.hparams, state_a, cs.a.history.to_rows())
        b = make_payload(cs.b.spec.key, cs.b.hparams, state_b, cs.b.history.to_rows())
        save_session(path, make_compare_payload(a, b, key, ["optimizer"]))
        done.set()

    assert cs.save_both(write)
    assert done.is_set()  # a pumped pair wrote it at once


def _weights(cs: CompareSession, side: str) -> dict[str, torch.Tensor]:
    task = cs.pair.current(side).task
    return {k: v.detach().clone() for k, v in task.model.state_dict().items()}


def test_a_comparison_saves_as_one_file_and_opens_with_both_runs_at_their_steps(
        tmp_path):
    cs = _session()
    cs.play()
    cs.pump(12)
    cs.pause()
    cs.poll()
    assert cs.step == 12
    before = {s: _weights(cs, s) for s in SIDES}
    path = tmp_path / "both.dlviz"
    _save(cs, path)
    data = open_session(path)  # the single-run reader: A, with B inside
    assert data.lab == "mlp2d" and data.compare is not None
    b = data.compare.b
    assert (data.step, b.step) == (12, 12)
    assert data.hparams == cs.a.hparams and b.hparams == cs.b.hparams
    assert (data.hparams["optimizer"], b.hparams["optimizer"]) == ("SGD", "Adam")
    assert data.compare.preset == "sgd_adam"
    assert data.compare.differences == ["optimizer"]
    assert [r["step"] for r in b.history][-1] == 12
    cs.shutdown()

    # reopened: both runs with the saved weights, settings, steps and histories
    again = CompareSession(get_lab(data.lab), data.hparams, get_lab(b.lab),
                           b.hparams, CPU, threaded=False)
    again.start()
    again.poll()
    fresh = _weights(again, "A")
    again.load({"A": data.state, "B": b.state}, {"A": data.history, "B": b.history},
               {"A": data.step, "B": b.step})
    again.poll()
    assert (again.a.state, again.b.state) == ("paused", "paused")
    assert (again.a.step, again.b.step) == (12, 12)
    assert again.a.hparams == cs.a.hparams and again.b.hparams == cs.b.hparams
    for side in SIDES:
        loaded = _weights(again, side)
        assert all(torch.equal(loaded[k], before[side][k]) for k in loaded)
    assert not all(torch.equal(fresh[k], before["A"][k]) for k in fresh)
    assert len(again.b.history.series["loss"]) == 12
    # the rewind starts at the loaded step, and both go on in lockstep from it
    assert again.rewind.steps == [12]
    again.step_once()
    again.poll()
    assert (again.a.step, again.b.step) == (13, 13)
    again.shutdown()


def test_a_damaged_comparison_file_is_refused_in_plain_words(tmp_path):
    cs = _session()
    path = tmp_path / "both.dlviz"
    _save(cs, path)
    cs.shutdown()
    payload = torch.load(path, weights_only=True)
    # B's weights from another network: refused like a single run's
    bad = dict(payload, compare=dict(payload["compare"]))
    bad_b = dict(bad["compare"]["b"], hparams=dict(bad["compare"]["b"]["hparams"],
                                                   neurons=7))
    bad["compare"]["b"] = bad_b
    save_session(tmp_path / "other.dlviz", bad)
    with pytest.raises(SessionFileError) as refused:
        open_session(tmp_path / "other.dlviz")
    assert refused.value.kind == "mismatch" and "mlp2d" in str(refused.value)
    # B's part unreadable, B for an unknown lab
    save_session(tmp_path / "broken.dlviz", dict(payload, compare={"b": 3}))
    with pytest.raises(SessionFileError) as refused:
        read_session(tmp_path / "broken.dlviz")
    assert refused.value.kind == "damaged"
    unknown = dict(payload, compare=dict(payload["compare"], b=dict(
        payload["compare"]["b"], lab="no_such_lab")))
    save_session(tmp_path / "unknown.dlviz", unknown)
    with pytest.raises(SessionFileError) as refused:
        read_session(tmp_path / "unknown.dlviz")
    assert refused.value.kind == "unknown_lab"
    # a comparison file cut off while copied
    raw = path.read_bytes()
    (tmp_path / "cut.dlviz").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(SessionFileError) as refused:
        read_session(tmp_path / "cut.dlviz")
    assert refused.value.kind == "damaged"


def test_the_rewind_holds_both_runs_at_the_same_steps():
    cs = _session("sigmoid_relu_deep")
    # A snapshots every few steps (a clock that runs fast), B's own clock hardly
    # ever after its first step: the pair takes B's snapshot at A's steps
    ticks = itertools.count()
    cs.pair.current("A").clock = WorkClock(wall=lambda: float(next(ticks)))
    cs.play()
    cs.pump(12)
    cs.pause()
    cs.poll()
    assert cs.step == 12
    steps = cs.rewind.steps
    # the build's step 0, the first step, then A's steps
    assert steps[:2] == [0, 1] and len(steps) >= 3 and steps[-1] <= 12
    assert steps == sorted(set(steps))
    spec = compare_spec(get_lab("mlp2d"))
    for side, session in (("A", cs.a), ("B", cs.b)):
        # each frame is that run at that step: a run of its own, replayed
        solo = spec.factory(session.hparams, CPU)
        for step in steps:
            while solo.step < step:
                solo.train_step()
            frame = cs.rewind.frame(cs.rewind.index_of_step(step)).snapshot
            assert np.array_equal(frame[side]["probs"], solo.snapshot()["probs"]), (
                side, step)
    # a reset starts the rewind again
    cs.reset()
    cs.poll()
    assert cs.rewind.steps == [0]
    cs.shutdown()
