"""Practice questions from the current run: made from the snapshot a lab session
shows, they state its step, their answer is the lab's own value at that step
(recomputed here from the lab's task), and there are none before the lab has
trained or without a snapshot. No Qt."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest
import torch

from dlviz.core.labs import CHAPTERS, get_lab
from dlviz.core.practice import (
    CHOICE,
    Live,
    NoQuestion,
    fmt,
    live_kinds_for,
    question_set,
)
from dlviz.session.lab_session import LabSession
from dlviz.session.runner import SyncRunner

SEEDS = range(6)
CATALOGUE = (Path(__file__).resolve().parents[2] / "dlviz" / "ui" / "practice"
             / "catalogue.py")


def _listed() -> set[str]:
    """The templates listed for translation (read, not imported: no Qt here)."""
    tree = ast.parse(CATALOGUE.read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_tr"
            and node.args and isinstance(node.args[0], ast.Constant)}


def _session(key: str, hparams: dict | None = None) -> LabSession:
    session = LabSession(get_lab(key), SyncRunner, torch.device("cpu"), hparams)
    session.start()
    session.poll()
    return session


def _train(session: LabSession, steps: int = 3) -> None:
    """Train, then record a step: its snapshot is of the task's current step."""
    session.step_once(steps)
    session.runner.pump()
    session.record_trace()
    session.runner.pump()
    session.poll()
    assert session.snapshot_step == session.engine.task.step > 0


def _live(session: LabSession) -> Live:
    return Live(session.spec.key, session.snapshot, session.snapshot_step)


def _questions(session: LabSession):
    live = _live(session)
    out = []
    for kind in live_kinds_for(lab=session.spec.key):
        for seed in SEEDS:
            try:
                out.append(kind.question(seed, session.spec.key, live=live))
            except NoQuestion:
                pass
    assert out, session.spec.key
    listed = _listed()
    for q in out:
        missing = {t for t in (q.prompt, q.solution, *q.mistakes) if t} - listed
        assert not missing, missing
        assert q.step == session.snapshot_step
        assert f"step {q.step}" in q.text()
        assert q.form == CHOICE and len(set(q.choices)) == len(q.choices) >= 3
        if q.value is not None:
            assert q.right_text == fmt(q.value, 2 if "box" in q.kind else 3)
    return out


def test_every_chapter_with_a_run_has_a_live_kind():
    from dlviz.core.labs import all_labs

    trained = {s.chapter for s in all_labs() if s.trainable}
    assert trained == set(CHAPTERS) - {"tools"}  # the tools chapter trains nothing
    for chapter in trained:
        assert live_kinds_for(chapter), chapter


def test_no_live_question_without_a_trained_run():
    session = _session("lstm")
    try:
        assert session.snapshot is not None and session.snapshot_step == 0
        for live in (_live(session), Live("lstm", None, None),
                     Live("lstm", None, 4)):
            for kind in live_kinds_for(lab="lstm"):
                with pytest.raises(NoQuestion):
                    kind.question(0, "lstm", live=live)
            questions = question_set(2, 12, lab="lstm", live=live)
            assert questions and all(q.step is None for q in questions)
        _train(session)
        # another lab's run says nothing about this lab
        other = Live("gru", session.snapshot, session.snapshot_step)
        with pytest.raises(NoQuestion):
            live_kinds_for(lab="lstm")[0].question(0, "lstm", live=other)
        mixed = question_set(2, 12, lab="lstm", live=_live(session))
        assert len(mixed) == 12
        live_ones = [q for q in mixed if q.step is not None]
        assert len(live_ones) >= 2 and {q.kind for q in live_ones} == {
            "rnn.live_state", "rnn.live_gate"}
        chapter = question_set(2, 12, chapter="rnn", live=_live(session))
        assert any(q.step == session.snapshot_step for q in chapter)
    finally:
        session.shutdown()


@pytest.mark.parametrize("key", ["lstm", "gru", "rnn"])
def test_gate_questions_equal_the_cells_values(key):
    from dlviz.core.rnn.cells import replay_gates

    session = _session(key)
    try:
        _train(session)
        task = session.engine.task
        x = task.x_val[task.sample : task.sample + 1]
        task.model.eval()
        with torch.no_grad():
            record = replay_gates(task.model.rnn.cell(0, 0), x)
        for q in _questions(session):
            w = q.where
            lab_value = float(record[w["gate"]][0, w["t"], w["unit"]])
            assert q.value == pytest.approx(lab_value, abs=1e-5), q.text()
            if q.kind == "rnn.live_gate":
                pre = float(record[f"pre_{w['gate']}"][0, w["t"], w["unit"]])
                squash = math.tanh if w["gate"] in "gnh" else (
                    lambda a: 1 / (1 + math.exp(-a)))
                assert q.value == pytest.approx(squash(pre), abs=1e-5)
    finally:
        session.shutdown()


def test_unit_question_equals_the_networks_activation():
    session = _session("mlp2d")
    try:
        _train(session)
        task = session.engine.task
        for q in _questions(session):
            point = session.snapshot["train_x"][q.where["point"]]
            inputs = task.featurize(torch.from_numpy(point[None, :]))
            task.model.eval()
            with torch.no_grad():
                _pre, post = task.columns(inputs)
            assert q.value == pytest.approx(
                float(post[1][0, q.where["unit"]]), abs=1e-5)
    finally:
        session.shutdown()


def test_sgd_question_is_the_next_point_of_the_race():
    session = _session("optimizers")
    try:
        _train(session)
        racer = session.engine.task.racers[0]
        assert racer.name == "SGD"
        qs = _questions(session)
        x, y = racer.path.copy()[-1]
        assert all(q.right_text == f"({x:.4f}, {y:.4f})" for q in qs)
    finally:
        session.shutdown()


@pytest.mark.slow
def test_logit_gap_equals_the_networks_logits():
    session = _session("lenet5")
    try:
        _train(session)
        task = session.engine.task
        i = session.snapshot["sample_index"]
        task.model.eval()
        with torch.no_grad():
            z = task.model(task.x_val[i : i + 1])[0].double()
        for q in _questions(session):
            a, b = q.where["a"], q.where["b"]
            assert q.value == pytest.approx(float(z[a] - z[b]), abs=1e-3)
    finally:
        session.shutdown()


def test_mask_iou_equals_the_prediction_of_the_network():
    session = _session("segmentation")
    try:
        _train(session)
        task = session.engine.task
        i = session.snapshot["sample_index"]
        with torch.no_grad():
            pred = task.predict(task.x_val[i : i + 1])[0].argmax(0).numpy()
        truth = task.y_val[i].numpy()
        for q in _questions(session):
            c = q.where["cls"]
            both = np.sum((pred == c) & (truth == c))
            either = np.sum((pred == c) | (truth == c))
            assert q.value == pytest.approx(both / either, abs=1e-9)
    finally:
        session.shutdown()


@pytest.mark.parametrize(
    "key", ["seq2seq", pytest.param("transformer", marks=pytest.mark.slow)])
def test_attention_weight_is_the_labs_weight(key):
    session = _session(key)
    try:
        _train(session)
        fresh = session.engine.task.snapshot()  # the lab, again, at this step
        for q in _questions(session):
            w = q.where
            maps = fresh[w["map"]]
            maps = maps[None, None] if maps.ndim == 2 else maps
            row = maps[w["layer"], w["head"], w["i"]]
            assert q.value == pytest.approx(float(row[w["j"]]), abs=1e-6)
            assert float(row.sum()) == pytest.approx(1.0, abs=1e-4)
    finally:
        session.shutdown()


def test_optimal_discriminator_and_generator_loss_at_a_point():
    session = _session("gan1d")
    try:
        _train(session, 20)
        fresh = session.engine.task.snapshot()
        assert fresh["loss_kind"] == "nonsaturating"
        kinds = set()
        for q in _questions(session):
            k = q.where["x"]
            kinds.add(q.kind)
            if q.kind == "generative.live_optimal_d":
                pd, pg = float(fresh["p_data"][k]), float(fresh["p_g"][k])
                assert q.value == pytest.approx(pd / (pd + pg), abs=1e-5)
            else:  # the generator's loss where D has its current value
                d = float(fresh["d"][k])
                assert q.value == pytest.approx(-math.log(d), abs=1e-5)
                assert f"D(x) = {d:.3f}" in q.text()
        assert kinds == {"generative.live_optimal_d", "generative.live_generator_loss"}
    finally:
        session.shutdown()


def test_contrastive_and_soft_target_questions():
    session = _session("siamese")
    try:
        _train(session)
        fresh = session.engine.task.snapshot()
        d, m = fresh["pair_distance"], fresh["margin"]
        want = 0.5 * d * d if fresh["pair_same"] else 0.5 * max(0.0, m - d) ** 2
        assert all(q.value == pytest.approx(want, abs=1e-6)
                   for q in _questions(session))
    finally:
        session.shutdown()
    session = _session("distillation")
    try:
        _train(session)
        task = session.engine.task
        k, t = task.sample_index, task.temperature
        with torch.no_grad():
            z = task.student(task.x_val[k : k + 1])[0].double()
        probs = torch.softmax(z / t, 0)
        for q in _questions(session):
            assert q.value == pytest.approx(float(probs[q.where["cls"]]), abs=1e-5)
    finally:
        session.shutdown()


@pytest.mark.slow
def test_box_iou_of_a_kept_detection_and_its_truth():
    session = _session("detection")
    try:
        _train(session)
        with pytest.raises(NoQuestion):  # nothing detected yet: no question
            for seed in SEEDS:
                live_kinds_for(lab="detection")[0].question(
                    seed, "detection", live=_live(session))
        _train(session, 100)
        snap = session.engine.task.snapshot()
        kept = snap["pred_boxes"][snap["pred_keep"]]
        assert len(kept)
        for q in _questions(session):
            a, b = kept[q.where["box"]], snap["gt_boxes"][q.where["truth"]]
            w = min(a[2], b[2]) - max(a[0], b[0])
            h = min(a[3], b[3]) - max(a[1], b[1])
            inter = max(0.0, w) * max(0.0, h)
            union = ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1])
                     - inter)
            assert q.value == pytest.approx(inter / union, abs=1e-5)
    finally:
        session.shutdown()
