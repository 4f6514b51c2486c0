"""Compare mode, core: the results the presets' answers promise, each at the
smallest scale that shows it (slow: every test trains two small nets). Presets
whose result does not show at a test's scale say so in their answer instead."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.core.compare import compare_spec, preset
from dlviz.core.labs import get_lab

CPU = torch.device("cpu")


def _tasks(key: str, **extra):
    """A's and B's tasks of preset ``key`` (``extra``: settings under the preset's),
    built as compare mode builds them: same seed, same batch stream."""
    torch.set_num_threads(1)
    p = preset(key)
    hp_a, hp_b = p.hparams(extra)
    return (compare_spec(get_lab(p.lab)).factory(hp_a, CPU),
            compare_spec(get_lab(p.other_lab)).factory(hp_b, CPU))


def _train(tasks, steps: int) -> list[list[dict]]:
    """Train both in lockstep; every step's metrics of each."""
    out: list[list[dict]] = [[], []]
    for _ in range(steps):
        for task, metrics in zip(tasks, out, strict=True):
            metrics.append(task.train_step())
    return out


def _mean(metrics: list[dict], key: str, last: int) -> float:
    return float(np.mean([m[key] for m in metrics[-last:]]))


@pytest.mark.slow
def test_without_attention_the_long_strings_fail():
    a, b = _tasks("seq2seq_attention")
    _train((a, b), 150)
    right = {}
    for side, task in (("A", a), ("B", b)):
        task.model.eval()
        with torch.no_grad():
            tokens = task._greedy(task.src_v).cpu().numpy()
        vocab = task.data.tgt_vocab
        ok = np.array([vocab.decode(row) == target
                       for row, target in zip(tokens, task.val_targets, strict=True)])
        lengths = np.array([len(s) for s in task.val_sources])
        right[side] = (ok[lengths <= 6].mean(), ok[lengths >= 9].mean())
    (a_short, a_long), (b_short, b_long) = right["A"], right["B"]
    assert a_long > 0.8 and a_short > 0.8
    assert b_long < 0.2  # the long ones fail without attention ...
    assert b_short > b_long + 0.3  # ... far more than the short ones
    # and B has no attention to show
    snap = b.snapshot()
    assert not snap["attention"].any() and a.snapshot()["attention"].any()


@pytest.mark.slow
def test_teacher_forcing_learns_faster_than_feeding_its_own_guesses():
    # a smaller decoder than the lab's (the same story, a third of the time)
    a, b = _tasks("seq2seq_teacher", samples=2000, hidden=32)
    _train((a, b), 60)
    forced, free = a.evaluate(), b.evaluate()
    assert forced["val_loss"] < 0.8 * free["val_loss"]
    assert forced["val_token_acc"] > free["val_token_acc"] + 0.05


@pytest.mark.slow
def test_batch_norm_learns_first_at_a_large_learning_rate():
    a, b = _tasks("batchnorm_on_off")
    assert (a.model.batchnorm, b.model.batchnorm) == (False, True)
    plain, normed = _train((a, b), 50)
    assert _mean(normed, "loss", 25) < 0.25 * _mean(plain, "loss", 25)


@pytest.mark.slow
@pytest.mark.parametrize("key", ["clip_rnn", "clip_lstm"])
def test_without_clipping_the_large_learning_rate_blows_up(key):
    a, b = _tasks(key)
    clipped, free = _train((a, b), 30)
    losses_a = [m["loss"] for m in clipped]
    losses_b = [m["loss"] for m in free]
    assert all(np.isfinite(losses_a)) and max(losses_a) < 2.0
    # B's loss jumps far above A's, or stops being a number at all
    worst = max((x if np.isfinite(x) else np.inf) for x in losses_b)
    assert worst > 100 * max(losses_a)


@pytest.mark.slow
def test_five_discriminator_steps_keep_d_near_the_optimal_d():
    from dlviz.core.gan.losses import optimal_discriminator

    a, b = _tasks("gan1d_k")
    _train((a, b), 50)
    gaps = []
    for task in (a, b):
        p_g, d = task.densities()
        best = optimal_discriminator(task.p_data, p_g)
        gaps.append(float(np.abs(d - best)[task._support_mask].mean()))
    assert gaps[1] < 0.5 * gaps[0]


@pytest.mark.slow
def test_five_discriminator_steps_cover_more_of_the_ring():
    a, b = _tasks("gan2d_k")
    _train((a, b), 100)
    one, five = a.evaluate(), b.evaluate()
    assert five["modes"] >= one["modes"] + 2
    assert five["quality"] > one["quality"]


@pytest.mark.slow
def test_the_deep_plain_net_trains_worse_than_the_resnet_on_its_training_set():
    a, b = _tasks("resnet_skip")
    assert (a.hparams["skip"], b.hparams["skip"]) == (False, True)
    plain, skips = _train((a, b), 15)
    # degradation shows on the training batches already
    assert _mean(skips, "loss", 10) < 0.6 * _mean(plain, "loss", 10)


@pytest.mark.slow
def test_the_skip_connection_draws_the_object_borders_better():
    """The preset's answer: after 100 steps the net with the skip labels the pixels
    on object borders better (measured 55 % vs 46 %), inside both about 90 %."""
    a, b = _tasks("fcn_unet")
    _train((a, b), 100)
    border, inside = [], []
    for task in (a, b):
        with torch.no_grad():
            right = task.predict(task.x_val).argmax(1) == task.y_val
        y = task.y_val
        edge = torch.zeros_like(y, dtype=torch.bool)
        down, across = y[:, 1:, :] != y[:, :-1, :], y[:, :, 1:] != y[:, :, :-1]
        edge[:, 1:, :] |= down
        edge[:, :-1, :] |= down
        edge[:, :, 1:] |= across
        edge[:, :, :-1] |= across
        border.append(float(right[edge].float().mean()))
        inside.append(float(right[~edge].float().mean()))
    assert border[1] > border[0] + 0.04  # the skip's decoder sees fine features
    assert min(inside) > 0.8 and abs(inside[1] - inside[0]) < 0.08


@pytest.mark.slow
def test_in_the_small_1d_gan_minimax_and_non_saturating_keep_pace():
    """The preset's answer: D never confidently rejects the fakes here, so the
    minimax loss does not saturate and both generators move onto the target."""
    a, b = _tasks("gan1d_minimax")
    assert (a.gan.loss, b.gan.loss) == ("minimax", "nonsaturating")
    dx = float(a.x_grid[1] - a.x_grid[0])
    start = [float(np.abs(t.densities()[0] - t.p_data).sum() * dx) for t in (a, b)]
    _train((a, b), 150)
    moved = []
    for task, before in zip((a, b), start, strict=True):
        d_fake = float(task.gan.d_values(task.gan.generate(task.fixed_noise)).mean())
        assert 0.3 < d_fake < 0.65, d_fake  # not saturated
        after = float(np.abs(task.densities()[0] - task.p_data).sum() * dx)
        assert after < before
        moved.append(before - after)
    assert 0.5 < moved[0] / moved[1] < 2.0  # alike
