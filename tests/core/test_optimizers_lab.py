"""The optimizer race: torch's optimizers equal hand-written rules, and the lessons
(momentum in a ravine, Adam on Rosenbrock, SGD stuck on a saddle ridge) hold."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.core.labs.optimization import (
    MAX_PATH,
    RECENT_POINTS,
    PathBuffer,
    describe_update,
    schedule_factor,
)
from dlviz.core.optim_surfaces import SURFACES, surface_grid
from dlviz.core.train.loop import training_loop
from dlviz.core.train.optim import OPTIMIZERS

torch.set_num_threads(1)
CPU = torch.device("cpu")


def make(**hp):
    return get_lab("optimizers").create(hp, CPU)


def racer(task, name: str):
    return next(r for r in task.racers if r.name == name)


def rosenbrock_grad(p: np.ndarray) -> np.ndarray:
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def test_lab_is_registered_in_the_optimization_chapter() -> None:
    spec = get_lab("optimizers")
    assert spec.chapter == "optim"
    assert spec.stage == "optimizers"
    assert spec.year == 1951
    assert spec.resolve()["lr"] == 0.002


def test_surfaces_have_their_minimum_where_stated() -> None:
    for name in ("Rosenbrock", "Beale", "elongated bowl", "noisy bowl"):
        surface = SURFACES[name]
        for point in surface.critical_points:
            assert surface.numpy_value(*point) == pytest.approx(0.0, abs=1e-12)
    assert SURFACES["Rosenbrock"].numpy_value(-1.2, 1.0) == pytest.approx(24.2)
    # Beale at the origin: 1.5² + 2.25² + 2.625²
    assert SURFACES["Beale"].numpy_value(0.0, 0.0) == pytest.approx(14.203125)
    assert SURFACES["saddle"].numpy_value(1.0, 2.0) == -3.0


def test_surface_grid_is_log_scaled_with_y_up() -> None:
    grid = surface_grid(SURFACES["saddle"], size=5)
    assert grid.log_values.shape == (5, 5)
    assert grid.log_values.dtype == np.float32
    # lowest value on the map: x = 0, y = ±2 → −4; the offset is 0.1
    assert grid.lowest == -4.0
    assert grid.log_values[0, 2] == pytest.approx(math.log10(0.1))
    # row 0 is y = −2 and column 0 is x = −2: f = 4 − 4 = 0 → log10(4.1)
    assert grid.log_values[0, 0] == pytest.approx(math.log10(4.1))
    assert grid.levels == (float(grid.log_values.min()), float(grid.log_values.max()))


def test_sgd_momentum_nesterov_and_adam_equal_hand_written_rules() -> None:
    lr, mu, scale, steps = 1e-3, 0.7, 10.0, 6
    task = make(lr=lr, momentum=mu, adaptive_scale=scale)
    for _ in range(steps):
        task.train_step()
    start = np.array([-1.2, 1.0])
    # SGD: θ ← θ − η·g
    p = start.copy()
    for _ in range(steps):
        p = p - lr * rosenbrock_grad(p)
    np.testing.assert_allclose(racer(task, "SGD").point.xy.detach(), p, rtol=1e-12)
    # momentum (torch's form): b ← μ·b + g; θ ← θ − η·b
    p, b = start.copy(), np.zeros(2)
    for _ in range(steps):
        b = mu * b + rosenbrock_grad(p)
        p = p - lr * b
    got = racer(task, "SGD+momentum").point.xy.detach()
    np.testing.assert_allclose(got, p, rtol=1e-12)
    # Nesterov: θ ← θ − η·(g + μ·b)
    p, b = start.copy(), np.zeros(2)
    for _ in range(steps):
        g = rosenbrock_grad(p)
        b = mu * b + g
        p = p - lr * (g + mu * b)
    np.testing.assert_allclose(racer(task, "Nesterov").point.xy.detach(), p, rtol=1e-12)
    # Adam with η = lr · adaptive scale
    eta, b1, b2, eps = lr * scale, 0.9, 0.999, 1e-8
    p, m, v = start.copy(), np.zeros(2), np.zeros(2)
    for t in range(1, steps + 1):
        g = rosenbrock_grad(p)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p = p - eta * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    adam = racer(task, "Adam")
    np.testing.assert_allclose(adam.point.xy.detach(), p, rtol=1e-12)
    # the paths hold the start and every step (float32)
    snap = task.snapshot()
    path = snap["paths"][snap["names"].index("Adam")]
    assert path.shape == (steps + 1, 2) and path.dtype == np.float32
    np.testing.assert_allclose(path[-1], p, rtol=1e-6)
    np.testing.assert_allclose(path[0], start, rtol=1e-6)


def test_learning_rates_of_each_optimizer() -> None:
    task = make(lr=0.003, adaptive_scale=5.0)
    lrs = dict(zip(task.snapshot()["names"], task.snapshot()["lrs"]))
    assert lrs["SGD"] == lrs["SGD+momentum"] == lrs["Nesterov"] == 0.003
    assert lrs["Adam"] == lrs["RMSprop"] == lrs["Adagrad"] == pytest.approx(0.015)
    assert lrs["Adadelta"] == 1.0  # Adadelta needs no learning rate


@pytest.mark.slow
def test_momentum_beats_sgd_in_the_elongated_bowl() -> None:
    task = make(surface="elongated bowl", optimizers="SGD, momentum, Nesterov")
    for _ in range(300):
        metrics = task.train_step()
    # x shrinks by 1 − 3η = 0.994 per SGD step: 1.5·81·0.994^600 ≈ 3.3
    assert metrics["loss_SGD"] == pytest.approx(1.5 * 81 * 0.994**600, rel=0.01)
    assert metrics["loss_SGD+momentum"] < 1e-6
    assert metrics["loss_Nesterov"] < 1e-6


@pytest.mark.slow
def test_adam_reaches_the_rosenbrock_minimum() -> None:
    task = make(optimizers="SGD vs Adam", lr=0.005)
    for _ in range(2000):
        task.train_step()
    xy = racer(task, "Adam").point.xy.detach().numpy()
    assert np.linalg.norm(xy - 1.0) < 0.01


@pytest.mark.slow
def test_sgd_on_the_saddle_ridge_stays_and_noise_escapes() -> None:
    hp = dict(
        surface="saddle",
        optimizers="SGD vs Adam",
        optimizer="SGD",
        custom_start=True,
        start_x=-1.5,
        start_y=0.0,
        lr=0.01,
    )
    task = make(**hp)
    for _ in range(400):
        task.train_step()
    sgd = racer(task, "SGD")
    path = task.snapshot()["paths"][0]
    assert np.all(path[:, 1] == 0.0)  # never leaves the ridge
    assert float(sgd.point.xy.detach()[0]) == pytest.approx(
        -1.5 * 0.98**400
    )  # x → saddle
    noisy = make(**hp, noise=0.5)
    for _ in range(400):
        noisy.train_step()
    sgd = racer(noisy, "SGD")
    assert sgd.status == "left the map" or abs(float(sgd.point.xy.detach()[1])) > 1.0


def test_a_racer_that_diverges_stops_and_the_others_go_on() -> None:
    task = make(optimizers="SGD vs Adam", lr=0.05)
    for _ in range(20):
        metrics = task.train_step()
    assert racer(task, "SGD").status in ("diverged", "left the map")
    assert racer(task, "Adam").status == ""
    assert all(math.isfinite(v) for v in metrics.values())
    assert task.weights_finite()
    # the loop's divergence check does not stop the race
    report = next(training_loop(task))
    assert report.diverged is None


def test_gradient_noise_is_added_to_the_gradient() -> None:
    task = make(surface="noisy bowl", optimizers="SGD vs Adam", optimizer="SGD")
    assert task.noise == 5.0
    gen = torch.Generator().manual_seed(0)
    xi = torch.randn(2, generator=gen, dtype=torch.float64).numpy()
    task.train_step()
    sgd = racer(task, "SGD")
    start = np.array([-2.5, 2.0])
    np.testing.assert_allclose(sgd.grad, 10 * start + 5.0 * xi)


def test_schedules() -> None:
    assert schedule_factor("constant", 999, 10) == 1.0
    assert [schedule_factor("step decay", t, 10) for t in (0, 9, 10, 25)] == [
        1.0,
        1.0,
        0.5,
        0.25,
    ]
    assert schedule_factor("cosine", 5, 10) == pytest.approx(0.5)
    assert schedule_factor("cosine", 50, 10) == 0.0
    task = make(schedule="step decay", schedule_steps=4, optimizers="SGD vs Adam")
    for _ in range(9):
        task.train_step()
    assert task.snapshot()["lrs"][0] == pytest.approx(0.002 * 0.25)


def test_snapshot_contract_and_cost() -> None:
    task = make()
    for _ in range(3):
        task.train_step()
    snap = task.snapshot()
    n = len(snap["names"])
    assert snap["names"] == list(OPTIMIZERS)
    assert snap["surface"].shape == (128, 128)
    assert snap["surface"] is task.snapshot()["surface"]  # computed once
    assert snap["extent"] == (-2.0, 2.0, -1.0, 3.0)
    assert snap["points"].shape == (n, 2) and snap["points"].dtype == np.float32
    assert snap["losses"].shape == (n,) and snap["lrs"].shape == (n,)
    assert len(snap["paths"]) == len(snap["rules"]) == len(snap["status"]) == n
    assert snap["critical_points"].tolist() == [[1.0, 1.0]]
    assert snap["selected"] == "Adam" and snap["step"] == 3
    np.testing.assert_allclose(snap["points"], [p[-1] for p in snap["paths"]])
    losses = [SURFACES["Rosenbrock"].numpy_value(*p) for p in snap["points"]]
    np.testing.assert_allclose(snap["losses"], losses, rtol=1e-5)


def test_path_buffer_keeps_the_start_the_newest_points_and_the_shape() -> None:
    cap, recent, cell = 120, 10, (0.05, 0.05)
    buf = PathBuffer(np.zeros(2, np.float32), cap=cap, cell=cell, recent=recent)
    # a zigzag of big steps (the part a student must still see), then many tiny
    # steps converging on (1, 1): far more points than the cap
    zigzag = np.c_[np.linspace(0, 1, 40), np.tile([0.0, 0.5], 20)]
    tail = 1 + (zigzag[-1] - 1) * np.exp(-np.linspace(0, 12, 3000))[:, None]
    points = np.vstack([zigzag, tail]).astype(np.float32)
    for p in points:
        buf.append(p)
    path = buf.copy()
    assert len(path) <= cap
    assert path[0].tolist() == [0.0, 0.0]  # the start is never dropped
    np.testing.assert_array_equal(path[-recent:], points[-recent:])
    # every corner of the zigzag is still in the path, exactly
    kept = {tuple(p) for p in path.tolist()}
    assert all(tuple(p) in kept for p in zigzag.astype(np.float32).tolist())
    assert MAX_PATH == 2000 and RECENT_POINTS == 500


def test_path_of_a_long_race_reaches_back_to_the_start() -> None:
    task = make(optimizers="SGD vs Adam")
    for _ in range(MAX_PATH + 700):
        task.train_step()
    snap = task.snapshot()
    for path in snap["paths"]:
        assert len(path) <= MAX_PATH
        np.testing.assert_allclose(path[0], snap["start"])
    np.testing.assert_allclose([p[-1] for p in snap["paths"]], snap["points"])


def test_adam_rule_text_shows_its_state() -> None:
    task = make(optimizers="SGD vs Adam")
    assert task.snapshot()["rules"][1].splitlines()[-1] == "θ ← θ − η·m̂/(√v̂ + ε)"
    task.train_step()
    adam = racer(task, "Adam")
    text = describe_update(adam)
    m = task.optimizers()["Adam"].state[adam.point.xy]["exp_avg"]
    assert f"{float(m[0]):.4g}" in text
    assert "m̂ = m/(1 − β₁ᵗ)" in text and "t = 1" in text


def test_restart_from_a_clicked_point() -> None:
    task = make(optimizers="SGD vs Adam")
    for _ in range(5):
        task.train_step()
    snap = task.handle("restart", {"x": 0.5, "y": 2.0})["snapshot"]
    assert [p.tolist() for p in snap["paths"]] == [[[0.5, 2.0]]] * 2
    assert not task.optimizers()["Adam"].state
    with pytest.raises(ValueError):
        task.handle("restart", {"x": 50.0, "y": 0.0})


def test_trace_step_records_each_optimizer() -> None:
    task = make(optimizers="SGD vs Adam")
    before = racer(task, "Adam").point.xy.detach().clone()
    trace = task.trace_step()
    updates = [e for e in trace.events if e.phase == "update"]
    assert [e.role for e in updates] == ["SGD", "Adam"]
    after = updates[1].tensors["xy.after"].sample
    now = racer(task, "Adam").point.xy.detach().numpy()
    np.testing.assert_allclose(after, now, rtol=1e-6)
    assert task.step == 1
    assert not torch.equal(before, racer(task, "Adam").point.xy.detach())
    assert set(trace.metrics) >= {"loss", "loss_SGD", "loss_Adam"}
