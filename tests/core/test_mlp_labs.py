import math

import numpy as np
import pytest
import torch

from dlviz.core.labs import CHAPTERS, all_labs, get_lab
from dlviz.core.params import ParamError
from dlviz.core.train.loop import training_loop

CPU = torch.device("cpu")


def test_registry_has_both_mlp_labs_with_cards():
    keys = [s.key for s in all_labs()]
    assert "mlp2d" in keys and "mlp_digits" in keys
    for spec in all_labs():
        assert spec.chapter in CHAPTERS
        assert spec.title and spec.teaches and spec.stage
    with pytest.raises(KeyError, match="known"):
        get_lab("no-such-lab")


def test_every_lab_resolves_its_default_hyperparameters():
    for spec in all_labs():
        values = spec.resolve({})
        assert set(values) == {p.key for p in spec.all_params()}


def _train(task, steps):
    loop = training_loop(task, capture=False)
    return [next(loop) for _ in range(steps)]


def test_mlp2d_learns_moons_and_snapshot_is_small():
    spec = get_lab("mlp2d")
    task = spec.create({"seed": 1}, CPU)
    before = task.evaluate()["val_loss"]
    reports = _train(task, 300)
    after = task.evaluate()
    assert after["val_loss"] < before / 3
    assert after["val_acc"] >= 0.95
    assert reports[-1].step == 300
    snap = task.snapshot()
    assert snap["probs"].shape == (72, 72, 2)
    np.testing.assert_allclose(snap["probs"].sum(-1), 1.0, atol=1e-5)
    assert snap["train_x"].shape[1] == 2


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "LeakyReLU", "ELU", "GELU"])
def test_mlp2d_activations_and_regularisers_build(activation):
    task = get_lab("mlp2d").create(
        {
            "activation": activation,
            "regularization": "L1",
            "reg_rate": 0.001,
            "dropout": 0.2,
            "dataset": "spirals",
            "layers": 3,
        },
        CPU,
    )
    metrics = task.train_step()
    assert math.isfinite(metrics["loss"])
    kinds = [type(m).__name__ for m in task.model]
    assert "Dropout" in kinds


@pytest.mark.slow
def test_digits_mlp_reaches_95_percent():
    task = get_lab("mlp_digits").create({}, CPU)
    assert sum(p.numel() for p in task.parameters()) == 64 * 128 + 128 + 128 * 10 + 10
    _train(task, 600)
    assert task.evaluate()["val_acc"] >= 0.95


def test_digits_mlp_reads_an_mnist_folder(tmp_path):
    from tests.core.test_data import _write_mnist

    _write_mnist(tmp_path, n_train=40, n_test=10)
    task = get_lab("mlp_digits").create({"mnist_folder": str(tmp_path)}, CPU)
    assert task.x_train.shape == (40, 1, 28, 28)
    assert task.snapshot()["images"].shape[1:] == (28, 28)


def test_same_seed_same_weights_and_batches():
    spec = get_lab("mlp2d")
    a, b = spec.create({"seed": 7}, CPU), spec.create({"seed": 7}, CPU)
    _train(a, 5)
    _train(b, 5)
    for pa, pb in zip(a.parameters(), b.parameters()):
        assert torch.equal(pa, pb)
    c = spec.create({"seed": 8}, CPU)
    assert not torch.equal(next(iter(a.parameters())), next(iter(c.parameters())))


def test_divergence_is_caught_within_one_step_and_weights_stay_finite():
    task = get_lab("mlp2d").create({"lr": 100.0, "optimizer": "SGD"}, CPU)
    loop = training_loop(task, capture=False)
    reports = []
    for report in loop:
        reports.append(report)
        if len(reports) > 200:
            break
    assert reports[-1].diverged, "lr=100 must diverge"
    assert "diverged" in reports[-1].diverged
    assert task.weights_finite()
    # the last finite weights are exactly those before the diverging step
    loss = task.evaluate()["val_loss"]
    assert math.isfinite(loss)


# -- the playground (TensorFlow Playground's features) --------------------------------


def test_regression_sets_read_their_targets_and_stay_in_range():
    from dlviz.core.data.toy2d import make_regression2d, regression_target

    x, y = make_regression2d("plane", 200, noise=0.0, seed=2)
    assert x.shape == (200, 2) and y.dtype == np.float32
    np.testing.assert_allclose(y, np.clip((x[:, 0] + x[:, 1]) / 3.0, -1, 1), atol=1e-6)
    assert regression_target("plane", np.array([[1.5, 1.5]]))[0] == 1.0
    xg, yg = make_regression2d("gaussians", 500, noise=0.0, seed=0)
    assert yg.min() >= -1.0 and yg.max() <= 1.0 and yg.min() < -0.5 < 0.5 < yg.max()
    _x, noisy = make_regression2d("plane", 200, noise=0.3, seed=2)
    assert not np.allclose(noisy, y)  # the noise moves where the target is read


def test_features_and_widths_set_the_network():
    from dlviz.core.mlp_features import feature_columns, parse_features, parse_widths

    assert parse_features("x1x2, x1") == ("x1", "x1x2")
    assert parse_widths("4-2") == [4, 2] and parse_widths("") == []
    for bad in ("0", "-3", "a", "1,2,3,4,5,6,7,8,9"):
        with pytest.raises(ValueError):
            parse_widths(bad)
    pts = torch.tensor([[0.5, -2.0]])
    cols = feature_columns(pts, ("x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1",
                                 "sin_x2"))
    expected = [0.5, -2.0, 0.25, 4.0, -1.0, 1.0, math.sin(-2 * math.pi)]
    np.testing.assert_allclose(cols[0].numpy(), expected, atol=1e-6)
    spec = get_lab("mlp2d")
    task = spec.create({"features": "x1x2,x1,sin_x2", "widths": "5,3", "layers": 1},
                       CPU)
    sizes = [(m.in_features, m.out_features) for m in task.model
             if isinstance(m, torch.nn.Linear)]
    assert sizes == [(3, 5), (5, 3), (3, 2)]
    assert task.hparams["features"] == "x1,x1x2,sin_x2"
    net = task.snapshot()["network"]
    assert net["widths"] == [3, 5, 3, 2]
    assert [m.shape for m in net["maps"]] == [(3, 24, 24), (5, 24, 24), (3, 24, 24),
                                              (2, 24, 24)]
    # the x₁x₂ input's map is the product of the coarse grid's coordinates
    grid = task.node_points.numpy().reshape(24, 24, 2)
    np.testing.assert_allclose(net["maps"][0][1], grid[..., 0] * grid[..., 1],
                               atol=1e-5)
    # a hidden neuron's map is its activation over the grid
    w, b = net["weights"][0], net["biases"][0]
    inputs = net["maps"][0].reshape(3, -1).T
    relu = np.maximum(inputs @ w.T + b, 0)
    np.testing.assert_allclose(net["maps"][1].reshape(5, -1).T, relu, atol=1e-5)
    with pytest.raises(ParamError):
        spec.resolve({"features": "x3"})
    with pytest.raises(ParamError):
        spec.resolve({"widths": "4,0"})


def test_wide_layers_draw_at_most_max_drawn_neurons():
    task = get_lab("mlp2d").create({"neurons": 64, "layers": 1}, CPU)
    net = task.snapshot()["network"]
    assert net["widths"] == [2, 64, 2]
    assert net["maps"][1].shape[0] == task.max_drawn
    assert net["weights"][0].shape == (task.max_drawn, 2)


def test_regression_learns_the_plane_with_mse():
    task = get_lab("mlp2d").create(
        {"dataset": "plane", "noise": 0.0, "activation": "tanh", "widths": "4,2",
         "layers": 2, "seed": 3}, CPU)
    assert task.regression and not task.classification
    before = task.evaluate()["val_loss"]
    reports = _train(task, 300)
    after = task.evaluate()
    assert "acc" not in reports[-1].metrics and "val_acc" not in after
    assert after["val_loss"] < min(0.01, before / 5)
    snap = task.snapshot()
    assert snap["task"] == "regression" and "probs" not in snap
    assert snap["values"].shape == (72, 72)
    # the output at the plane's corners follows (x₁ + x₂) / 3
    assert snap["values"][-1, -1] > 0.7 and snap["values"][0, 0] < -0.7


@pytest.mark.parametrize("kind", ["L1", "L2"])
def test_regularization_adds_its_penalty_to_the_loss(kind):
    task = get_lab("mlp2d").create({"regularization": kind, "reg_rate": 0.01}, CPU)
    x, y = task.x_train[:32], task.y_train[:32]
    out = task.model(x).detach()
    plain = float(task.criterion(out, y))
    weights = [m.weight.detach() for m in task.model if isinstance(m, torch.nn.Linear)]
    if kind == "L1":
        expected = plain + 0.01 * float(sum(w.abs().sum() for w in weights))
    else:
        expected = plain + 0.01 * 0.5 * float(sum((w * w).sum() for w in weights))
    assert float(task.loss_of(out, y).detach()) == pytest.approx(expected, rel=1e-5)
    none = get_lab("mlp2d").create({"regularization": "none"}, CPU)
    assert none.extra_loss is None


def test_live_settings_change_the_running_task_without_a_rebuild():
    task = get_lab("mlp2d").create({}, CPU)
    assert {"show_test", "discretize", "lr", "batch_size"} <= set(task.live_hparams)
    _train(task, 3)
    model = task.model
    out = task.handle("set_hparams", {"show_test": True, "lr": 0.5, "batch_size": 8,
                                      "regularization": "L2", "reg_rate": 0.1})
    assert out["applied_hparams"]["lr"] == 0.5 and task.model is model
    assert out["snapshot"]["show_test"] is True
    assert task.optimizer.param_groups[0]["lr"] == 0.5
    assert task.batch_size == 8 and task.extra_loss is not None
    assert task.step == 3
    with pytest.raises(ValueError):
        task.handle("set_hparams", {"widths": "3"})


def test_probe_gives_pre_activation_activation_and_gradient():
    task = get_lab("mlp2d").create({"widths": "3", "layers": 1, "seed": 4}, CPU)
    _train(task, 20)
    point = task._points["train_x"][7]
    snap = task.handle("probe", {"point": [float(point[0]) + 1e-3, float(point[1])]})
    probe = snap["snapshot"]["probe"]
    assert (probe["split"], probe["index"]) == ("train", 7)
    feats, hidden, out = probe["columns"]
    np.testing.assert_allclose(feats["a"], point, atol=1e-6)
    lin1, lin2 = [m for m in task.model if isinstance(m, torch.nn.Linear)]
    z1 = lin1.weight.detach().numpy() @ point + lin1.bias.detach().numpy()
    np.testing.assert_allclose(hidden["z"], z1, atol=1e-5)
    np.testing.assert_allclose(hidden["a"], np.maximum(z1, 0), atol=1e-6)
    # cross-entropy: ∂L/∂logits = softmax − one-hot
    p = np.exp(out["z"] - out["z"].max())
    p /= p.sum()
    p[probe["target"]] -= 1
    np.testing.assert_allclose(out["dz"], p, atol=1e-5)
    # backprop through the ReLU: ∂L/∂z₁ = (W₂ᵀ ∂L/∂z₂) · [z₁ > 0]
    back = lin2.weight.detach().numpy().T @ out["dz"] * (z1 > 0)
    np.testing.assert_allclose(hidden["dz"], back, atol=1e-5)
    assert task.handle("probe", {})["snapshot"]["probe"] is None


@pytest.mark.parametrize("hp", [
    {"widths": "4,2", "seed": 3},
    {"dataset": "gaussians", "widths": "3", "activation": "tanh", "dropout": 0.2,
     "show_test": True, "regularization": "L2", "seed": 2},
], ids=["classes", "regression"])
def test_step_through_follows_the_selected_point(hp):
    """With a point selected, the trace goes on with that point through the updated
    network: its z, a and ∂L/∂z per layer are the numbers the stage's table shows
    after the step, and recording it still changes nothing."""
    split = "val" if hp.get("show_test") else "train"

    def prepared():
        # one task at a time: building seeds the global generator dropout draws from
        task = get_lab("mlp2d").create(hp, CPU)
        _train(task, 15)
        point = task._points[f"{split}_x"][5]
        task.handle("probe", {"point": [float(point[0]), float(point[1])]})
        assert task.probe == (split, 5)
        return task, point

    plain, point = prepared()
    metrics = plain.train_step()
    traced, _ = prepared()
    trace = traced.trace_step()
    assert trace.metrics["loss"] == pytest.approx(metrics["loss"], rel=1e-5)
    for p, q in zip(plain.model.parameters(), traced.model.parameters()):
        torch.testing.assert_close(q, p, rtol=1e-5, atol=1e-6)
        torch.testing.assert_close(q.grad, p.grad, rtol=1e-5, atol=1e-6)
    assert traced.model.training
    for m in traced.model.modules():
        assert not m._forward_hooks and not m._forward_pre_hooks
    probe = traced.snapshot()["probe"]
    label = traced.point_label()
    assert label == "(x₁, x₂) = ({}, {})".format(
        *(f"{v:.2f}".replace("-", "\u2212") for v in point))
    mine = [e for e in trace.events if e.part == label]
    assert [e for e in trace.events if e.part not in ("", label)] == []
    assert [e.phase for e in mine][:2] == ["input", "forward"]
    assert mine[-1].phase == "backward" and "update" not in {e.phase for e in mine}
    np.testing.assert_allclose(mine[0].tensors["output"].sample,
                               probe["columns"][0]["a"], atol=1e-6)
    assert "#5" in mine[0].formula
    linears = [str(i) for i, m in enumerate(traced.model)
               if isinstance(m, torch.nn.Linear)]
    acts = [str(i + 1) for i in map(int, linears[:-1])]
    for column, (lin, act) in enumerate(zip(linears, acts + [linears[-1]]), start=1):
        numbers = probe["columns"][column]
        fwd = next(e for e in mine if e.phase == "forward" and e.path == lin)
        np.testing.assert_allclose(fwd.tensors["output"].sample, numbers["z"],
                                   atol=1e-5)
        back = next(e for e in mine if e.phase == "backward" and e.path == lin)
        np.testing.assert_allclose(back.tensors["grad_output"].sample, numbers["dz"],
                                   rtol=1e-4, atol=1e-7)
        shown = next(e for e in mine if e.phase == "forward" and e.path == act)
        np.testing.assert_allclose(shown.tensors["output"].sample, numbers["a"],
                                   atol=1e-5)
        assert f"{numbers['z'][0]:.4f}".replace("-", "\u2212") in fwd.formula
    # the per-layer gradient norms are the step's: one row per Linear
    assert [r["part"] for r in trace.gradient_norms()] == [""] * len(linears)
    loss = next(e for e in mine if e.phase == "loss")
    assert loss.scalars["loss"] == pytest.approx(probe["loss"], rel=1e-5)
    # no point selected: the step alone, as before
    traced.handle("probe", {})
    assert {e.part for e in traced.trace_step().events} == {""}


def test_focus_draws_one_neuron_over_the_whole_plane():
    task = get_lab("mlp2d").create({"seed": 5}, CPU)
    snap = task.handle("focus", {"column": 2, "unit": 3})["snapshot"]
    focus = snap["focus"]
    assert (focus["column"], focus["unit"]) == (2, 3) and focus["map"].shape == (72, 72)
    coarse = snap["network"]["maps"][2][3]
    # both grids span the same extent: their corners are the same points
    for r, c in ((0, 0), (-1, -1), (0, -1)):
        assert focus["map"][r, c] == pytest.approx(coarse[r, c], abs=1e-5)
    assert task.handle("focus", {})["snapshot"]["focus"] is None
