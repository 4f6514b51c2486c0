import math

import numpy as np
import pytest
import torch

from dlviz.core.labs import CHAPTERS, all_labs, get_lab
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
            "l1": 0.001,
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
