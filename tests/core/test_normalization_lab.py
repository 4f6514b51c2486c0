"""The batch-normalization and dropout lab: BN's numbers, its running statistics as
torch updates them, train vs eval mode, dropout's scaling, and that it trains."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from dlviz.core.labs import get_lab
from dlviz.core.labs.normalization import (
    HIST_BINS,
    MAX_COLUMNS,
    ColumnHistory,
    NormMlp,
    histograms,
)

torch.set_num_threads(1)
CPU = torch.device("cpu")


def _task(steps: int = 0, **hp):
    task = get_lab("batchnorm").create(hp, CPU)
    for _ in range(steps):
        task.train_step()
    return task


def test_card_and_twin():
    spec = get_lab("batchnorm")
    assert spec.chapter == "optim" and spec.stage == "normalization"
    task = _task()
    assert task.model.batchnorm and not task.twin.batchnorm
    assert len(task.model.norms()) == 3 and not task.twin.norms()
    # the same first weights: only BN differs
    for a, b in zip(task.model.linears(), task.twin.linears()):
        assert torch.equal(a.weight, b.weight) and torch.equal(a.bias, b.bias)
    off = _task(batchnorm=False, layers=2)
    assert not off.model.norms() and len(off.twin.norms()) == 2
    assert off.bn_net is off.twin


def test_bn_output_has_mean_zero_and_variance_one_per_unit_in_train_mode():
    task = _task(steps=30)
    net = task.model
    net.train()
    with torch.no_grad():
        net(task.x_train[:128])
    for bn, y in zip(net.norms(), net.pre_activation):
        # undo the learnt scale and shift: what is left is (x − μ_B)/√(σ_B² + ε)
        x_hat = (y - bn.bias.detach()) / bn.weight.detach()
        torch.testing.assert_close(x_hat.mean(0), torch.zeros(64), atol=1e-5, rtol=0)
        var = x_hat.var(0, unbiased=False)
        # ε keeps units of tiny variance below 1
        lin = net.linear_out[net.norms().index(bn)]
        expected = lin.var(0, unbiased=False) / (lin.var(0, unbiased=False) + bn.eps)
        torch.testing.assert_close(var, expected, atol=1e-4, rtol=1e-4)
        assert float(var.max()) <= 1.0 + 1e-4 and float(var.median()) > 0.99
    # the network without BN is not normalised
    task.twin(task.x_train[:128])
    spread = task.twin.pre_activation[0].std(0)
    assert float((spread - 1).abs().mean()) > 0.1


def test_running_statistics_follow_torchs_momentum_rule():
    task = _task(steps=5)
    snap = task.snapshot()
    before, batch, after = (snap["stats_before"], snap["stats_batch"],
                            snap["stats_after"])
    m = snap["momentum"]
    assert m == task.model.norms()[0].momentum == 0.1
    np.testing.assert_allclose(after[:, 0], (1 - m) * before[:, 0] + m * batch[:, 0],
                               rtol=1e-5, atol=1e-6)
    # the running variance takes the batch's *unbiased* variance
    np.testing.assert_allclose(after[:, 1], (1 - m) * before[:, 1] + m * batch[:, 2],
                               rtol=1e-5, atol=1e-6)
    b = task.batch_size
    np.testing.assert_allclose(batch[:, 2], batch[:, 1] * b / (b - 1), rtol=1e-6)
    assert not np.allclose(batch[:, 1], batch[:, 2])
    # and they are the BN layers' own buffers
    for i, bn in enumerate(task.model.norms()):
        assert after[i, 0] == pytest.approx(float(bn.running_mean[0]), abs=1e-6)
        assert after[i, 1] == pytest.approx(float(bn.running_var[0]), abs=1e-6)
    # an independent check: one BatchNorm1d step on the same input
    bn = nn.BatchNorm1d(64)
    z = task.model.linear_out[0]
    bn(z)
    assert float(bn.running_mean[0]) == pytest.approx(0.1 * float(z[:, 0].mean()),
                                                      rel=1e-5)
    assert float(bn.running_var[0]) == pytest.approx(
        0.9 + 0.1 * float(z[:, 0].var(unbiased=True)), rel=1e-5)


def test_history_records_the_running_statistics_each_step():
    task = _task(steps=12)
    snap = task.snapshot()
    assert snap["steps"].tolist() == list(range(13))
    assert snap["running_mean"][:, 0].tolist() == [0.0] * 3
    assert snap["running_var"][:, 0].tolist() == [1.0] * 3
    bn = task.model.norms()[1]
    assert snap["running_mean"][1, -1] == pytest.approx(float(bn.running_mean[0]))
    # the running mean lags the batch means: an average of them, not the last one
    assert snap["running_mean"][0, -1] != pytest.approx(snap["batch_mean"][0, -1])


def test_histograms_hold_shares_and_drift_only_without_bn():
    task = _task(steps=150)
    snap = task.snapshot()
    hist, twin = snap["hist"], snap["twin_hist"]
    assert hist.shape == (3, HIST_BINS, len(snap["steps"]))
    np.testing.assert_allclose(hist.sum(1), 1.0, atol=1e-5)
    np.testing.assert_allclose(twin.sum(1), 1.0, atol=1e-5)
    centres = np.linspace(-4, 4, HIST_BINS + 1)
    centres = (centres[:-1] + centres[1:]) / 2

    def spread(h):
        mean = (h * centres).sum()
        return float(np.sqrt((h * (centres - mean) ** 2).sum()))

    for layer in range(3):
        with_bn = [spread(hist[layer, :, i]) for i in (0, -1)]
        without = [spread(twin[layer, :, i]) for i in (0, -1)]
        assert abs(with_bn[1] - with_bn[0]) < 0.25, (layer, with_bn)
        assert without[1] > 2 * without[0], (layer, without)  # it drifts
    # values beyond the range count in the edge bins
    edge = histograms([torch.tensor([-9.0, 0.1, 9.0, 9.0])])
    assert edge[0, 0] == 0.25 and edge[0, -1] == 0.5


def test_column_history_keeps_the_whole_run_in_its_cap():
    h = ColumnHistory(cap=8)
    for step in range(40):
        if h.due(step):
            h.add(step, v=np.array([step]))
    assert len(h.steps) <= 8 and h.steps[0] == 0
    assert h.steps == list(range(0, 40, h.stride)) and h.stride == 8
    assert h.stacked("v")[0].tolist() == h.steps
    task = _task(steps=MAX_COLUMNS + 5, batch_size=16)
    assert len(task.snapshot()["steps"]) <= MAX_COLUMNS


def test_train_mode_depends_on_the_batch_and_eval_mode_does_not():
    task = _task(steps=100)
    probe = task.snapshot()["probe"]
    label = probe["label"]
    assert label == int(task.y_val[0])
    task.model.eval()
    with torch.no_grad():
        expected = torch.softmax(task.model(task.x_val[:1])[0], 0).numpy()
        alone = task.model(task.x_val[:1])
        in_batch = task.model(task.x_val[:32])[:1]
    np.testing.assert_allclose(probe["eval"], expected, rtol=1e-5, atol=1e-7)
    torch.testing.assert_close(alone, in_batch)  # eval: the batch does not matter
    # train mode: the batch statistics decide; a batch of one other class (a data
    # set sorted by label) moves the answer a lot
    gap_a = np.abs(probe["eval_logits"] - probe["train_a_logits"]).max()
    gap_b = np.abs(probe["eval_logits"] - probe["train_b_logits"]).max()
    assert gap_a > 0.05 and gap_b > 1.0
    assert probe["eval"][label] > 0.9
    assert probe["train_b"][label] < probe["eval"][label] - 0.3


def test_snapshot_changes_nothing():
    plain, watched = _task(), _task()
    for _ in range(6):
        plain.train_step()
        rng = torch.get_rng_state()
        buffers = [b.clone() for b in watched.model.buffers()]
        watched.snapshot()
        assert torch.equal(torch.get_rng_state(), rng)
        assert all(torch.equal(a, b) for a, b in zip(buffers, watched.model.buffers()))
        assert watched.model.training
        watched.train_step()
    for a, b in zip(plain.parameters(), watched.parameters()):
        assert torch.equal(a, b)


def test_dropout_scales_kept_values_by_one_over_keep_probability():
    task = _task(steps=20, dropout=0.5)
    drop = task.snapshot()["probe"]["dropout"]
    assert drop["p"] == 0.5 and drop["scale"] == 2.0 and drop["units"] == 64
    assert 0 < drop["kept"] < drop["active"] <= 64
    assert drop["y"] == pytest.approx(drop["x"] * 2.0, rel=1e-6)
    assert drop["mean_out"] == pytest.approx(drop["mean_in"], rel=0.15)
    # torch's layer: kept values × 1/(1 − p) in train mode, identity in eval mode
    layer = nn.Dropout(0.25)
    x = torch.rand(2000) + 0.5
    y = layer(x)
    kept = y != 0
    torch.testing.assert_close(y[kept], x[kept] / 0.75)
    assert abs(float(kept.float().mean()) - 0.75) < 0.04
    layer.eval()
    assert torch.equal(layer(x), x)
    assert _task().snapshot()["probe"]["dropout"] is None


def test_trace_step_equals_train_step_for_both_networks():
    # one task at a time: building seeds the global generator dropout draws from
    plain = _task(dropout=0.3, layers=2, neurons=16)
    metrics = plain.train_step()
    traced = _task(dropout=0.3, layers=2, neurons=16)
    trace = traced.trace_step()
    assert trace.metrics["loss"] == pytest.approx(metrics["loss"], rel=1e-6)
    assert trace.metrics["loss_twin"] == pytest.approx(metrics["loss_twin"], rel=1e-6)
    for a, b in zip(plain.parameters(), traced.parameters()):
        torch.testing.assert_close(a, b, rtol=0, atol=0)
    for a, b in zip(plain.model.buffers(), traced.model.buffers()):
        assert torch.equal(a, b)
    kinds = [e.kind for e in trace.events if e.phase == "forward"]
    assert kinds.count("BatchNorm1d") == 2 and kinds.count("Dropout") == 2
    bn = next(e for e in trace.events if e.kind == "BatchNorm1d")
    assert "running mean ← (1 − 0.1)" in bn.formula and "2·16 = 32" in bn.formula
    assert "running var ← (1 − 0.1)·running var + 0.1·σ_B²·n/(n − 1)" in bn.formula
    assert "now in training mode" in bn.formula
    assert plain.snapshot()["steps"].tolist() == traced.snapshot()["steps"].tolist()


def test_it_learns_and_bn_survives_a_large_learning_rate():
    task = _task(steps=200)
    snap_losses = []
    fresh = _task()
    for _ in range(10):
        snap_losses.append(fresh.train_step()["loss"])
    last = [task.train_step()["loss"] for _ in range(20)]
    assert np.mean(last) < 0.2 * np.mean(snap_losses)
    assert task.evaluate()["val_acc"] > 0.9
    # SGD at η = 1: with BN it trains; the same network without BN does not
    fast = _task(steps=300, lr=1.0)
    result = fast.evaluate()
    assert result["val_acc"] > 0.9
    assert fast.twin_stopped >= 0 or result["val_acc_twin"] < 0.5


def test_a_diverging_twin_is_put_back_and_halted():
    task = _task(steps=2, batchnorm=True, lr=50.0)
    for _ in range(5):
        metrics = task.train_step()
    assert task.twin_stopped > 0 and "loss_twin" not in metrics
    assert all(bool(torch.isfinite(p).all()) for p in task.twin.parameters())
    assert "val_acc_twin" not in task.evaluate()
    assert task.snapshot()["twin_stopped"] == task.twin_stopped
    # halted: its weights stay as they were put back
    kept = [t.clone() for t in task.twin.state_dict().values()]
    task.train_step()
    assert all(torch.equal(a, b) for a, b in zip(kept, task.twin.state_dict().values()))


def test_net_forward_keeps_what_each_layer_saw():
    net = NormMlp(4, 3, 2, 2, batchnorm=True, dropout=0.5)
    x = torch.randn(5, 4)
    out = net(x)
    assert out.shape == (5, 2)
    assert [t.shape for t in net.linear_out] == [(5, 3), (5, 3)]
    assert len(net.pre_activation) == 2 and len(net.dropout_io) == 2
    assert not any(t.requires_grad for t in net.pre_activation)


def test_the_batch_norm_formula_states_the_running_variance_rule_torch_follows():
    """The running-variance line says the batch variance enters unbiased
    (n/(n − 1)); torch does exactly that, and in evaluation mode the formula
    names the running statistics."""
    from dlviz.core.trace.formulas import module_formula

    torch.manual_seed(0)
    bn = nn.BatchNorm1d(3, momentum=0.1)
    x = torch.randn(8, 3)
    bn(x)
    n = x.shape[0]
    expected = 0.9 * 1.0 + 0.1 * x.var(dim=0, unbiased=False) * n / (n - 1)
    torch.testing.assert_close(bn.running_var, expected)
    bn.eval()
    text = module_formula(bn, [(8, 3)], [(8, 3)])
    assert "now in evaluation mode: y = γ·(x − running mean)/√(running var + ε)" in text
