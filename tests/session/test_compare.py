"""Compare mode, session: two runs in lockstep on one worker."""

from __future__ import annotations

import time

import pytest
import torch

from dlviz.core.compare import PRESETS, preset
from dlviz.core.labs import get_lab
from dlviz.session.compare import CompareSession, PairThread, WorkClock

CPU = torch.device("cpu")


def _session(key: str = "sgd_adam", threaded: bool = False, **b_extra):
    p = preset(key)
    hp_a, hp_b = p.hparams({"samples": 100})
    hp_b.update(b_extra)
    cs = CompareSession(get_lab(p.lab), hp_a, get_lab(p.other_lab), hp_b, CPU,
                        threaded=threaded)
    cs.start()
    cs.poll()
    return cs


def _steps(cs: CompareSession) -> tuple[int, int]:
    return cs.a.step, cs.b.step


def test_play_pause_step_trace_keep_both_sides_at_the_same_step():
    cs = _session()
    assert (cs.a.state, cs.b.state) == ("ready", "ready")
    cs.play()
    assert cs.pump(7) == 7
    cs.poll()
    assert (cs.a.state, cs.b.state) == ("running", "running")
    assert _steps(cs) == (7, 7)
    # the same batches, different optimizers: different losses
    assert cs.a.metrics["loss"] != cs.b.metrics["loss"]
    assert len(cs.a.history.series["loss"]) == len(cs.b.history.series["loss"]) == 7
    cs.pause()
    assert cs.pump(5) == 0
    cs.poll()
    assert (cs.a.state, cs.b.state) == ("paused", "paused")
    assert _steps(cs) == (7, 7)
    cs.step_once()
    cs.poll()
    assert _steps(cs) == (8, 8)
    cs.record_trace()
    cs.poll()
    assert _steps(cs) == (9, 9)
    assert cs.a.trace is not None and cs.b.trace is not None
    assert cs.a.trace is not cs.b.trace
    assert cs.step == 9
    cs.shutdown()


def test_reset_starts_both_again_from_the_seed():
    cs = _session()
    cs.play()
    cs.pump(5)
    cs.poll()
    first = (cs.a.metrics["loss"], cs.b.metrics["loss"])
    old_runs = (cs.a.run_id, cs.b.run_id)
    cs.reset()
    cs.pump(0)
    cs.poll()
    assert (cs.a.state, cs.b.state) == ("ready", "ready")
    assert _steps(cs) == (0, 0)
    assert cs.a.run_id > old_runs[0] and cs.b.run_id > old_runs[1]
    assert not cs.a.history.series.get("loss")
    cs.play()
    cs.pump(5)
    cs.poll()
    # the same seed: the same run again, step for step
    assert (cs.a.metrics["loss"], cs.b.metrics["loss"]) == first
    cs.shutdown()


def test_when_one_side_diverges_the_other_pauses_at_the_same_step():
    cs = _session("sgd_adam", optimizer="SGD", lr=100.0)
    cs.play()
    cs.pump(40)
    cs.poll()
    assert cs.b.state == "diverged"
    assert cs.a.state == "paused"
    assert cs.a.step == cs.b.step < 40
    cs.shutdown()


def test_new_settings_for_one_side_restart_both():
    cs = _session()
    cs.play()
    cs.pump(4)
    cs.pause()
    cs.set_hparams("B", {"lr": 0.05})
    cs.pump(0)
    cs.poll()
    assert cs.b.hparams["lr"] == 0.05
    assert _steps(cs) == (0, 0)
    assert (cs.a.state, cs.b.state) == ("ready", "ready")
    cs.shutdown()


def test_a_threaded_pair_stays_in_lockstep_and_stops_cleanly():
    cs = _session(threaded=True)
    deadline = time.monotonic() + 20
    while cs.b.state != "ready" and time.monotonic() < deadline:
        time.sleep(0.01)
        cs.poll()
    cs.play()
    while cs.step < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
        cs.poll()
    cs.pause()
    while "running" in (cs.a.state, cs.b.state) and time.monotonic() < deadline:
        time.sleep(0.01)
        cs.poll()
    time.sleep(0.05)
    cs.poll()
    assert (cs.a.state, cs.b.state) == ("paused", "paused")
    assert cs.a.step == cs.b.step >= 5
    assert cs.pair.ticks == cs.a.step
    thread = cs.thread
    assert thread in PairThread.live
    assert cs.shutdown(timeout=10)
    assert not thread.is_running() and thread not in PairThread.live


def test_work_clock_counts_only_the_time_it_runs():
    now = [0.0]
    clock = WorkClock(lambda: now[0])
    now[0] = 5.0
    assert clock() == 0.0
    with clock:
        now[0] = 7.0
        assert clock() == 2.0
    now[0] = 100.0
    assert clock() == 2.0


@pytest.mark.slow
def test_every_preset_runs_in_lockstep_from_its_lab():
    torch.set_num_threads(1)
    for p in PRESETS:
        extra = {"samples": 300} if p.lab == "seq2seq" else {}
        hp_a, hp_b = p.hparams(extra)
        cs = CompareSession(get_lab(p.lab), hp_a, get_lab(p.other_lab), hp_b, CPU,
                            threaded=False)
        cs.start()
        cs.play()
        assert cs.pump(2) == 2, p.key
        cs.poll()
        assert (cs.a.state, cs.b.state) == ("running", "running"), p.key
        assert (cs.a.step, cs.b.step) == (2, 2), p.key
        assert cs.b.spec.key == p.other_lab
        cs.shutdown()


def _lesson(scene: dict) -> dict:
    return {"format": "dlviz-lesson", "version": 1, "title": "t",
            "scenes": [{"title": "s", "lab": "mlp2d", **scene}]}


def test_a_lesson_scene_can_open_a_comparison_and_old_scenes_load_unchanged():
    from dlviz.session.lesson import (
        LessonError,
        load_lesson,
        parse_lesson,
        shipped_lessons,
    )

    lesson = parse_lesson(_lesson({"compare": {"preset": "sigmoid_relu_deep"}}))
    scene = lesson.scenes[0]
    assert scene.compare == {"preset": "sigmoid_relu_deep"}
    assert parse_lesson(lesson.to_dict()).scenes[0] == scene  # round trip
    plain = parse_lesson(_lesson({})).scenes[0]
    assert plain.compare is None and "compare" not in plain.to_dict()
    with pytest.raises(LessonError, match="bad compare"):
        parse_lesson(_lesson({"compare": {"preset": "rnn_lstm_adding"}}))
    with pytest.raises(LessonError, match="bad compare"):
        parse_lesson(_lesson({"compare": {"b": {"activation": "nope"}}}))
    # the shipped RNN lesson holds the RNN-against-LSTM comparison
    path = next(p for p in shipped_lessons() if p.name == "rnn_memory.json")
    compares = [s.compare for s in load_lesson(path).scenes if s.compare]
    assert compares == [{"preset": "rnn_lstm_adding"}]
