"""Sequence tasks and the RNN / LSTM / GRU labs: data, metrics, snapshot, requests."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.core.rnn.cells import RECORDED, RecurrentNet, replay_gates
from dlviz.core.rnn.equations import gate_equations, sigmoid
from dlviz.core.rnn.tasks import (
    ADDING_BASELINE_MSE,
    IGNORE,
    TASKS,
    SequenceModel,
    copy_length,
    make_batch,
    task_info,
)

CPU = torch.device("cpu")


def _gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_adding_problem_data_and_mean_baseline():
    x, y = make_batch("adding", 20000, 40, _gen())
    assert x.shape == (20000, 40, 2) and y.shape == (20000, 1)
    markers = x[..., 1]
    assert torch.all(markers.sum(1) == 2)
    assert torch.all(markers[:, :20].sum(1) == 1)  # one mark in each half
    torch.testing.assert_close(y[:, 0], (x[..., 0] * markers).sum(1))
    # always answering the mean 1.0 gives Var(u1 + u2) = 1/6
    mse = float(((y - 1.0) ** 2).mean())
    assert abs(mse - ADDING_BASELINE_MSE) < 0.006
    assert ADDING_BASELINE_MSE == pytest.approx(0.1667, abs=1e-4)


def test_forecast_target_is_the_next_value():
    x, y = make_batch("forecast", 64, 50, _gen())
    assert x.shape == y.shape == (64, 50, 1)
    # the input at t+1 is the target at t plus noise of std 0.1
    noise = x[:, 1:, 0] - y[:, :-1, 0]
    assert 0.09 < float(noise.std()) < 0.11
    assert abs(float(noise.mean())) < 0.01


@pytest.mark.parametrize("name", ["copy", "reverse"])
def test_copy_and_reverse_targets(name):
    length = 20
    k = copy_length(length)
    assert k == 6
    x, y = make_batch(name, 16, length, _gen())
    codes = x.argmax(-1)
    assert torch.all(codes[:, length - k - 1] == 9)  # the go mark
    assert torch.all(y[:, : length - k] == IGNORE)
    symbols = codes[:, :k]
    expected = symbols if name == "copy" else symbols.flip(1)
    assert torch.equal(y[:, length - k :], expected)


def test_parity_target():
    x, y = make_batch("parity", 32, 9, _gen())
    assert torch.equal(y, x[..., 0].long().sum(1) % 2)


def test_unknown_task_is_refused():
    with pytest.raises(ValueError):
        task_info("sorting")
    with pytest.raises(ValueError):
        make_batch("adding", 2, 1)


@pytest.mark.parametrize("key,year", [("rnn", 1990), ("lstm", 1997), ("gru", 2014)])
def test_lab_cards(key, year):
    spec = get_lab(key)
    assert spec.chapter == "rnn" and spec.stage == "sequence" and spec.year == year
    hp = spec.resolve()
    assert hp["task"] == "adding" and hp["length"] == 100 and hp["clip"] is True
    keys = {p.key for p in spec.all_params()}
    assert {"task", "length", "hidden", "layers", "bidirectional", "clip",
            "clip_threshold", "lr", "batch_size"} <= keys


def test_lstm_starts_with_open_forget_gate():
    model = SequenceModel("lstm", 2, 8, 1)
    cell = model.rnn.cells[0]
    total = cell.bias_ih.detach() + cell.bias_hh.detach()
    assert torch.all(total[8:16] == 1.0)


def test_clipping_reports_norm_before_and_after():
    spec = get_lab("rnn")
    task = spec.create({"length": 20, "clip_threshold": 0.01}, CPU)
    metrics = task.train_step()
    assert metrics["grad_norm"] > 0.01
    assert metrics["grad_norm_clipped"] == pytest.approx(0.01, rel=1e-3)
    unclipped = spec.create({"length": 20, "clip": False}, CPU)
    metrics = unclipped.train_step()
    assert metrics["grad_norm_clipped"] == metrics["grad_norm"] > 0.01


def test_fused_forward_equals_gate_level():
    model = SequenceModel("gru", 2, 6, 1, num_layers=2, bidirectional=True)
    x, _ = make_batch("adding", 4, 12, _gen())
    with torch.no_grad():
        torch.testing.assert_close(model(x, fused=True), model(x), atol=1e-5, rtol=0)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_replay_gates_equal_recorded_gates(kind):
    torch.manual_seed(3)
    net = RecurrentNet(kind, 3, 5).double()
    x = torch.randn(2, 9, 3, dtype=torch.float64)
    net(x, record=True)
    replayed = replay_gates(net.cells[0], x)
    for name, value in net.records["l0"].items():
        torch.testing.assert_close(replayed[name], value, msg=name)


@pytest.mark.parametrize("key", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("task_name", TASKS)
def test_snapshot_contract(key, task_name):
    task = get_lab(key).create(
        {"task": task_name, "length": 24, "hidden": 40, "layers": 2}, CPU
    )
    metrics = task.train_step()
    assert math.isfinite(metrics["loss"])
    assert ("acc" in metrics) == task_info(task_name).classification
    val = task.evaluate()
    assert math.isfinite(val["val_loss"])
    snap = task.snapshot()
    assert snap["cell"] == key and snap["task"] == task_name
    assert snap["units_shown"] == 32 and snap["hidden_size"] == 40
    assert snap["n_samples"] == 256 and snap["sample"] == 0
    assert snap["gate_names"] == RECORDED[key]
    assert set(snap["gates"]) == set(RECORDED[key])
    for name, heat in snap["gates"].items():
        assert heat.shape == (32, 24) and heat.dtype == np.float32, name
        assert np.isfinite(heat).all()
    for gate in set(snap["gates"]) & {"f", "i", "o", "z", "r"}:
        assert 0 < snap["gates"][gate].min() and snap["gates"][gate].max() < 1
    assert snap["input"].shape == (24, task_info(task_name).input_size)
    assert snap["target"].shape == snap["prediction"].shape == (24,)
    assert np.isfinite(snap["target"]).any()
    assert np.array_equal(np.isnan(snap["target"]), np.isnan(snap["prediction"]))
    assert snap["grad_h"].shape == (24,) and snap["grad_h"].dtype == np.float32
    assert (snap["grad_h"] >= 0).all() and snap["grad_h"][-1] > 0
    assert snap["grad_norm"] == metrics["grad_norm"]


def test_snapshot_gates_match_the_gate_level_model():
    task = get_lab("lstm").create({"length": 30, "hidden": 8}, CPU)
    task.train_step()
    snap = task.snapshot()
    x = task.x_val[:1]
    with torch.no_grad():
        task.model(x, record=True)
    record = task.model.rnn.records["l0"]
    for name in RECORDED["lstm"]:
        np.testing.assert_allclose(
            snap["gates"][name], record[name][0].T.numpy(), atol=1e-5
        )


def test_gradient_through_time_matches_retain_grad():
    task = get_lab("rnn").create({"length": 15, "hidden": 6}, CPU)
    snap = task.snapshot()
    x, y = task.x_val[:1], task.y_val[:1]
    out = task.model(x, record=True)
    steps = task.model.rnn.hidden_steps["l0"]
    for h in steps:
        h.retain_grad()
    task.loss_of(out, y).backward()
    expected = np.array([float(h.grad.norm()) for h in steps], np.float32)
    np.testing.assert_allclose(snap["grad_h"], expected, rtol=1e-5)


def _numbers(line: str) -> list[float]:
    return [float(v.replace("−", "-")) for v in re.findall(r"−?\d+\.\d+", line)]


@pytest.mark.parametrize("key", ["rnn", "lstm", "gru"])
def test_gate_equations_show_the_recorded_numbers(key):
    task = get_lab(key).create({"length": 20, "hidden": 8}, CPU)
    task.train_step()
    snap = task.snapshot()
    answer = task.handle("gate_equations", {"t": 10, "unit": 2})
    lines = answer["lines"]
    assert lines[0] == "t = 11, unit 2"
    gates = snap["gates"]
    # the last line ends with h_t of that unit at that step
    assert _numbers(lines[-1])[-1] == pytest.approx(gates["h"][2, 10], abs=0.006)
    if key == "lstm":
        f_line = next(line for line in lines if line.startswith("f_t"))
        pre, value = _numbers(f_line)[-2:]
        assert value == pytest.approx(gates["f"][2, 10], abs=0.006)
        assert sigmoid(snap["preacts"]["pre_f"][2, 10]) == pytest.approx(
            gates["f"][2, 10], abs=1e-5)
        c_line = next(line for line in lines if line.startswith("c_t"))
        f, c_prev, i, g, c = _numbers(c_line)  # negatives are in parentheses
        assert c_prev == pytest.approx(gates["c"][2, 9], abs=0.006)
        assert c == pytest.approx(gates["c"][2, 10], abs=0.006)
    other = task.handle("gate_equations", {"t": 3, "unit": 2})["text"]
    assert other != answer["text"]
    with pytest.raises(ValueError):
        gate_equations(key, snap["gates"] | snap["preacts"], 20)


def test_choose_sample_returns_a_fresh_snapshot():
    task = get_lab("gru").create({"length": 12}, CPU)
    first = task.snapshot()
    answer = task.handle("choose_sample", {"index": 5})
    assert answer["sample"] == 5 and answer["snapshot"]["sample"] == 5
    assert not np.array_equal(answer["snapshot"]["input"], first["input"])
    with pytest.raises(ValueError):
        task.handle("choose_sample", {"index": 10**6})


def test_compare_gradients_shows_vanishing_rnn_gradient():
    task = get_lab("lstm").create({"length": 60}, CPU)
    result = task.handle("compare_gradients", {"batch": 8})
    assert list(result["t"][:2]) == [1, 2] and len(result["t"]) == 60
    for kind in ("rnn", "lstm", "gru", "trained"):
        assert result[kind].shape == (60,)
        assert result[kind][-1] > 0
    # 60 steps back, the fresh LSTM keeps orders of magnitude more gradient
    rnn_ratio = result["rnn"][0] / result["rnn"][-1]
    lstm_ratio = result["lstm"][0] / result["lstm"][-1]
    assert rnn_ratio < 1e-6
    assert lstm_ratio > 100 * rnn_ratio


@pytest.mark.slow
def test_gru_learns_short_adding_problem():
    torch.set_num_threads(1)
    task = get_lab("gru").create({"length": 30}, CPU)
    assert task.evaluate()["val_loss"] > 0.1
    for _ in range(250):
        task.train_step()
    assert task.evaluate()["val_loss"] < 0.1 * ADDING_BASELINE_MSE


def test_trace_step_has_one_event_per_time_step_and_clips():
    task = get_lab("lstm").create(
        {"length": 6, "hidden": 4, "layers": 2, "batch_size": 3,
         "clip_threshold": 0.001}, CPU)
    before = [p.detach().clone() for p in task.model.parameters()]
    trace = task.trace_step()
    forward = [e for e in trace.events if e.phase == "forward"]
    cells = [e for e in forward if e.path.startswith("rnn.cells.")]
    assert [e.path for e in cells] == ["rnn.cells.0"] * 6 + ["rnn.cells.1"] * 6
    assert trace.metrics["grad_norm"] > 0.001
    assert trace.metrics["grad_norm_clipped"] == pytest.approx(0.001, rel=1e-3)
    assert task.step == 1
    moved = [not torch.equal(a, b) for a, b in zip(before, task.model.parameters())]
    assert any(moved)


def test_runs_in_the_engine():
    from dlviz.session.engine import Engine
    from dlviz.session.messages import Result

    spec = get_lab("gru")
    engine = Engine(spec, spec.resolve({"length": 10, "hidden": 6}), CPU, run_id=1)
    engine.pump()
    engine.post("step", count=3)
    engine.post("request", kind="compare_gradients", data={"batch": 4})
    engine.pump()
    progress, events = engine.mailbox.take()
    assert progress.step == 3
    assert {"loss", "grad_norm", "grad_norm_clipped"} <= set(progress.metrics)
    assert progress.snapshot["gates"]["z"].shape == (6, 10)
    results = [e for e in events if isinstance(e, Result)]
    assert results and results[0].kind == "compare_gradients"
    assert results[0].data["gru"].shape == (10,)


def _gate_level_gradients(task, x, y):
    """Loss and parameter gradients of one step through the gate-level cells."""
    task.model.zero_grad(set_to_none=True)
    loss = task.loss_of(task.model(x), y)
    loss.backward()
    grads = {n: p.grad.clone() for n, p in task.model.named_parameters()}
    return float(loss.detach()), grads


@pytest.mark.parametrize("key", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers,bidirectional", [(1, False), (2, True)])
def test_fused_training_step_equals_the_gate_level_step(key, layers, bidirectional):
    hp = {"length": 15, "layers": layers, "bidirectional": bidirectional,
          "clip": False, "hidden": 6, "batch_size": 8, "task": "forecast"}
    fused, gated = get_lab(key).create(hp, CPU), get_lab(key).create(hp, CPU)
    for a, b in zip(fused.parameters(), gated.parameters()):
        assert torch.equal(a, b)
    calls = []
    hooks = [
        cell.register_forward_hook(lambda *args: calls.append(1))
        for cell in fused.model.rnn.cells
    ]
    metrics = fused.train_step()  # the lab's own step: must use the fused kernel
    for hook in hooks:
        hook.remove()
    assert calls == []
    x, y = gated.next_batch()  # the same seeded batch the fused step drew
    loss, grads = _gate_level_gradients(gated, x, y)
    assert metrics["loss"] == pytest.approx(loss, rel=1e-5, abs=1e-7)
    for name, param in fused.model.named_parameters():
        torch.testing.assert_close(param.grad, grads[name], rtol=1e-4, atol=1e-6,
                                   msg=name)
    # the update reached the gate-level cells: both paths see the new weights
    gated.optimizer.step()
    for (name, a), b in zip(fused.model.named_parameters(), gated.parameters()):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6, msg=name)


def test_fused_module_shares_the_cell_parameters_and_follows_updates():
    model = SequenceModel("lstm", 2, 5, 1, num_layers=2, bidirectional=True)
    keys = set(model.state_dict())
    rnn = model.fused_rnn()
    assert {id(p) for p in rnn.parameters()} == {id(p) for p in model.rnn.parameters()}
    assert model.fused_rnn() is rnn  # cached while the parameters stay put
    assert set(model.state_dict()) == keys  # nothing saved twice
    assert len(list(model.parameters())) == 2 * 2 * 4 + 2
    x, _ = make_batch("adding", 3, 9, _gen())
    with torch.no_grad():
        for p in model.rnn.parameters():
            p.add_(0.1)
        torch.testing.assert_close(model(x, fused=True), model(x), atol=1e-5, rtol=0)
        model.double()  # new storage: the fused module is rebuilt on it
        xd = x.double()
        torch.testing.assert_close(model(xd, fused=True), model(xd))
    with pytest.raises(ValueError):
        model(x.double(), record=True, fused=True)
