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


def _first_below(metrics: list[dict], key: str, level: float, window: int = 20) -> int:
    """The first step whose running mean (over ``window`` steps) of ``key`` is below
    ``level``; the number of steps when it never is."""
    values = np.array([m[key] for m in metrics])
    means = np.convolve(values, np.ones(window) / window, mode="valid")
    below = np.flatnonzero(means < level)
    return int(below[0]) + window if len(below) else len(values)


@pytest.mark.slow
def test_without_dropout_the_net_memorizes_the_noisy_points():
    """The preset's answer: A (no dropout) overfits the 40 noisy training points,
    B's dropout keeps its validation loss low (measured val loss 1.71 vs 0.33)."""
    a, b = _tasks("dropout_none")
    assert (a.hparams["dropout"], b.hparams["dropout"]) == (0.0, 0.5)
    plain, dropped = _train((a, b), 300)
    # A fits its training batches far better ...
    assert _mean(plain, "loss", 50) < 0.5 * _mean(dropped, "loss", 50)
    # ... and pays for it on the validation set
    val_a, val_b = a.evaluate()["val_loss"], b.evaluate()["val_loss"]
    assert val_a > 2.5 * val_b


@pytest.mark.slow
def test_momentum_leaves_the_first_plateau_far_sooner_than_plain_sgd():
    """The preset's answer: with the same learning rate momentum moves along the
    flat valley much faster (measured: below 0.6 after ~100 steps; plain SGD still
    at 0.65 after 500)."""
    a, b = _tasks("sgd_momentum")
    sgd, momentum = _train((a, b), 500)
    assert _first_below(momentum, "loss", 0.6) < 250
    assert _first_below(sgd, "loss", 0.6) == 500  # SGD never leaves it here
    assert _mean(momentum, "loss", 100) < 0.75 * _mean(sgd, "loss", 100)


@pytest.mark.slow
def test_adam_learns_the_spirals_before_momentum():
    """The preset's answer: usually Adam (measured: mean loss over steps 100–300
    0.17 vs 0.56)."""
    a, b = _tasks("momentum_adam")
    momentum, adam = _train((a, b), 300)
    assert _mean(adam[100:], "loss", 200) < 0.5 * _mean(momentum[100:], "loss", 200)
    assert _first_below(adam, "loss", 0.3) < _first_below(momentum, "loss", 0.3)


@pytest.mark.slow
def test_the_deep_sigmoid_net_does_not_learn_the_digits_the_relu_net_does():
    """The preset's answer: through 6 sigmoid layers the gradient vanishes
    (measured after 600 steps: accuracy 9 % vs 92 %)."""
    from dlviz.core.compare import layer_gradients

    a, b = _tasks("sigmoid_relu_digits")
    assert (a.hparams["activation"], b.hparams["activation"]) == ("sigmoid", "ReLU")
    ratio = []  # first layer's gradient / last layer's, at the first step
    for task in (a, b):
        task.train_step()
        norms = layer_gradients(task.model)[1]
        ratio.append(norms[0] / norms[-1])
    assert ratio[0] < 0.1 * ratio[1]  # vanished on its way back
    sigmoid, relu = _train((a, b), 600)
    assert _mean(sigmoid, "acc", 100) < 0.2  # chance is 0.1
    assert _mean(relu, "acc", 100) > 0.7


@pytest.mark.slow
def test_the_gru_learns_the_adding_problem_the_plain_rnn_guesses_the_mean():
    """The preset's answer: the RNN stays near the 0.17 of guessing the mean, the
    GRU gets far below it (measured after 200 steps: val loss 0.17 vs 0.01)."""
    a, b = _tasks("rnn_gru_adding")
    assert (a.hparams["length"], b.hparams["length"]) == (50, 50)
    rnn, gru = _train((a, b), 200)
    assert _mean(gru, "loss", 30) < 0.08
    assert _mean(rnn, "loss", 30) > 0.13
    assert b.evaluate()["val_loss"] < 0.25 * a.evaluate()["val_loss"]


@pytest.mark.slow
def test_in_the_2d_gan_minimax_and_non_saturating_stay_alike():
    """The preset's answer: in theory the non-saturating loss wins, but here D gives
    the fakes 0.2–0.6 in the first 150 steps (measured 0.28–0.51 at this seed), so
    the minimax loss hardly saturates and the two runs differ little (mean modes
    0.7 vs 1.2, quality 0.06 vs 0.08; the other way round at other seeds)."""
    a, b = _tasks("gan2d_minimax")
    assert (a.gan.loss, b.gan.loss) == ("minimax", "nonsaturating")
    modes, quality = [[], []], [[], []]
    for _ in range(6):
        _train((a, b), 25)
        for side, task in enumerate((a, b)):
            fakes = task.gan.generate(task.fixed_noise)
            d_fake = float(task.gan.d_values(fakes).mean())
            assert 0.15 < d_fake < 0.7, d_fake  # D never confidently rejects them
            result = task.evaluate()
            modes[side].append(result["modes"])
            quality[side].append(result["quality"])
    assert abs(np.mean(modes[0]) - np.mean(modes[1])) < 1.5
    assert abs(np.mean(quality[0]) - np.mean(quality[1])) < 0.05


@pytest.mark.slow
def test_in_the_dcgan_minimax_and_non_saturating_give_g_the_same_steps_early():
    """The preset's answer: D gives the fakes about ½ in the first 30 steps, where
    both losses give G the same gradient, so the two runs do not part."""
    a, b = _tasks("dcgan_minimax")
    assert (a.hparams["loss"], b.hparams["loss"]) == ("minimax", "nonsaturating")
    start = [p.detach().clone() for p in a.G.parameters()]
    minimax, nonsat = _train((a, b), 30)
    for m_a, m_b in zip(minimax, nonsat, strict=True):
        assert 0.4 < m_a["d_fake"] < 0.6  # not saturated
        assert abs(m_a["d_fake"] - m_b["d_fake"]) < 0.01
    with torch.no_grad():
        moved = sum(float((p - s).norm() ** 2)
                    for p, s in zip(a.G.parameters(), start, strict=True)) ** 0.5
        apart = sum(float((p - q).norm() ** 2)
                    for p, q in zip(a.G.parameters(), b.G.parameters(),
                                    strict=True)) ** 0.5
    assert moved > 0 and apart < 0.1 * moved  # G trained, but alike in both


@pytest.mark.slow
def test_contrastive_and_triplet_verify_pairs_alike_at_different_distances():
    """The preset's answer: both about 94–95 % pair verification after 400 steps,
    the triplet loss's distances and threshold several times larger."""
    a, b = _tasks("siamese_contrastive_triplet")
    assert (a.hparams["loss"], b.hparams["loss"]) == ("contrastive", "triplet")
    _train((a, b), 400)
    contrastive, triplet = a.evaluate(), b.evaluate()
    assert min(contrastive["val_acc"], triplet["val_acc"]) > 0.9
    assert abs(contrastive["val_acc"] - triplet["val_acc"]) < 0.03
    assert triplet["threshold"] > 3 * contrastive["threshold"]
