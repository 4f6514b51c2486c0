"""Compare mode, core: both sides train on identical batches; the presets are
valid settings of their labs; the classic comparisons come out as the notes say."""

from __future__ import annotations

import pytest
import torch

from dlviz.core.compare import (
    GRAD_KEY,
    PRESETS,
    batch_sequences,
    compare_spec,
    isolate_batches,
    preset,
    presets_for,
    same_batches,
    scene_comparison,
)
from dlviz.core.labs import all_labs, get_lab
from dlviz.core.params import ParamError

CPU = torch.device("cpu")


def _sides(key: str, **extra):
    p = preset(key)
    hp_a, hp_b = p.hparams(extra)
    return get_lab(p.lab), hp_a, get_lab(p.other_lab), hp_b


def test_both_sides_train_on_the_same_batch_tensors():
    spec_a, hp_a, spec_b, hp_b = _sides("sigmoid_relu_deep")
    a, b = batch_sequences(spec_a, hp_a, spec_b, hp_b, steps=6)
    assert len(a) == len(b) == 6
    for (xa, ya), (xb, yb) in zip(a, b, strict=True):
        assert torch.equal(xa, xb) and torch.equal(ya, yb)
    # the stream moves on: consecutive batches are different draws
    assert not torch.equal(a[0][0], a[1][0])


@pytest.mark.parametrize("key", ["gan1d_k", "seq2seq_teacher"])
def test_a_setting_that_draws_more_randomness_does_not_shift_the_batches(key):
    # k = 5 draws five real batches and more noise per step; teacher forcing 0
    # draws a coin per token: alone, the labs' later batches would differ
    extra = {"samples": 200} if key == "seq2seq_teacher" else {}
    spec_a, hp_a, spec_b, hp_b = _sides(key, **extra)
    steps = 4
    with pytest.raises(AssertionError, match="differs"):
        same_batches(spec_a, hp_a, spec_b, hp_b, steps=steps, own_stream=False)
    assert same_batches(spec_a, hp_a, spec_b, hp_b, steps=steps) == steps


def test_another_lab_on_b_sees_the_same_sequences():
    spec_a, hp_a, spec_b, hp_b = _sides("rnn_lstm_adding", hidden=8)
    assert spec_b.key == "lstm"
    assert same_batches(spec_a, hp_a, spec_b, hp_b, steps=3) == 3


def test_the_compare_factory_isolates_every_task_it_builds():
    spec = compare_spec(get_lab("mlp2d"))
    hp = spec.resolve({"samples": 60})
    task = spec.factory(hp, CPU)
    plain = get_lab("mlp2d").factory(hp, CPU)
    # a task of the same seed, isolated by hand, draws the same batches
    record: list = []
    isolate_batches(plain, record)
    for _ in range(3):
        task.train_step()
        plain.train_step()
    x, _y = task.next_batch()
    assert torch.equal(x, plain.next_batch()[0])
    assert len(record) == 4
    assert task.hparams == hp


def test_presets_resolve_against_their_labs_settings():
    labs = {spec.key: spec for spec in all_labs()}
    assert len(PRESETS) >= 10
    for p in PRESETS:
        assert p.lab in labs and p.other_lab in labs, p.key
        assert labs[p.lab].trainable
        keys_a = {s.key for s in labs[p.lab].all_params()}
        keys_b = {s.key for s in labs[p.other_lab].all_params()}
        assert set(p.common) | set(p.a) <= keys_a, p.key
        assert set(p.common) | set(p.b) <= keys_b, p.key
        hp_a, hp_b = p.hparams()
        for key, value in {**p.common, **p.a}.items():
            assert hp_a[key] == value, (p.key, key)
        for key, value in {**p.common, **p.b}.items():
            assert hp_b[key] == value, (p.key, key)
        # the compared setting is the only difference (or the lab is)
        differs = p.differences()
        assert differs or p.lab_b, p.key
        assert set(differs) <= set(p.a) | set(p.b), p.key
        for text in (p.name, p.label_a, p.label_b, p.question, p.answer, p.watch):
            assert text.en and text.zh_CN, p.key
            assert text.get("zh_CN") == text.zh_CN and text.get("en") == text.en
    assert len({p.key for p in PRESETS}) == len(PRESETS)


def test_presets_keep_the_labs_current_settings_they_do_not_name():
    p = preset("sgd_adam")
    hp_a, hp_b = p.hparams({"seed": 7, "dataset": "xor"})
    assert hp_a["seed"] == hp_b["seed"] == 7
    assert hp_a["dataset"] == "spirals"  # the preset's own setting wins
    assert [q.key for q in presets_for("mlp2d")][:2] == ["sigmoid_relu_deep",
                                                          "l2_none"]
    assert presets_for("convmath") == []


# -- the results the notes promise (slow: each trains two small nets) ---------------
def _train(key: str, steps: int, **extra) -> tuple[dict, dict]:
    torch.set_num_threads(1)
    spec_a, hp_a, spec_b, hp_b = _sides(key, **extra)
    results = []
    tasks = []
    for spec, hp in ((spec_a, hp_a), (spec_b, hp_b)):
        task = compare_spec(spec).factory(hp, CPU)
        tasks.append((task, []))
    for _ in range(steps):
        for task, losses in tasks:
            losses.append(task.train_step()["loss"])
    for task, losses in tasks:
        tail = losses[-20:]
        results.append({"loss": sum(tail) / len(tail), **task.evaluate()})
    return results[0], results[1]


@pytest.mark.slow
def test_relu_learns_where_sigmoid_gradients_vanish_at_depth_8():
    sigmoid, relu = _train("sigmoid_relu_deep", 200)
    assert relu["loss"] < 0.1 < 0.3 < sigmoid["loss"]
    assert relu["val_acc"] > sigmoid["val_acc"]


@pytest.mark.slow
def test_weight_decay_stops_the_small_noisy_set_from_overfitting():
    plain, l2 = _train("l2_none", 600)
    assert plain["loss"] < l2["loss"]  # A fits its training points better ...
    assert l2["val_loss"] < 0.5 * plain["val_loss"]  # ... and generalizes worse


@pytest.mark.slow
def test_adam_leaves_plain_sgd_behind():
    sgd, adam = _train("sgd_adam", 300)
    assert adam["loss"] < 0.5 * sgd["loss"]
    assert adam["val_acc"] > sgd["val_acc"] + 0.2


def test_each_side_reports_its_gradient_norm_per_layer_after_a_step():
    spec_a, hp_a, spec_b, hp_b = _sides("sigmoid_relu_deep")
    norms = {}
    for side, spec, hp in (("A", spec_a, hp_a), ("B", spec_b, hp_b)):
        task = compare_spec(spec).factory(hp, CPU)
        assert GRAD_KEY not in task.snapshot()  # no backward pass yet
        for _ in range(3):
            task.train_step()
        labels, values = task.snapshot()[GRAD_KEY]
        assert labels == [str(i) for i in range(1, 10)]  # 8 hidden + the output
        last = task.model[-1]  # the output layer: its weight and bias gradients
        assert values[-1] == pytest.approx(
            float(torch.cat([last.weight.grad.reshape(-1),
                             last.bias.grad.reshape(-1)]).norm()), rel=1e-5)
        norms[side] = values
    # the vanishing gradient: the sigmoid net's first layer gets a gradient orders
    # of magnitude smaller than its last one, the ReLU net's far less so
    assert norms["A"][0] / norms["A"][-1] < 1e-3
    assert norms["B"][0] / norms["B"][-1] > 10 * norms["A"][0] / norms["A"][-1]


def test_a_lesson_scene_names_a_preset_or_bs_own_settings():
    p, hp_a, hp_b = scene_comparison("mlp2d", {"dataset": "moons"},
                                     {"preset": "sigmoid_relu_deep"})
    assert p.key == "sigmoid_relu_deep"
    assert (hp_a["activation"], hp_b["activation"]) == ("sigmoid", "ReLU")
    assert hp_a["layers"] == hp_b["layers"] == 8
    p, hp_a, hp_b = scene_comparison("mlp2d", {"layers": 2}, {"b": {"lr": 0.1}})
    assert p is None and hp_a["layers"] == hp_b["layers"] == 2
    assert hp_b["lr"] == 0.1 and hp_a["lr"] != 0.1
    # a preset of another lab, an unknown one, a bad setting, an unknown field
    for bad in ({"preset": "sgd_adam_x"}, {"preset": "rnn_lstm_adding"},
                {"b": {"lr": -1}}, {"presets": "sgd_adam"}, {}):
        with pytest.raises((ValueError, ParamError)):
            scene_comparison("mlp2d", {}, bad)
