"""Autoencoder, VAE and image-GAN pieces: formulas, parameter counts, lab contracts."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from dlviz.core.gan.ae_tasks import tile_images
from dlviz.core.gan.models import (
    DCDiscriminator,
    DCGenerator,
    kl_to_standard_normal,
    reconstruction_error,
    reparameterize,
)
from dlviz.core.labs import get_lab

torch.set_num_threads(1)
CPU = torch.device("cpu")


def test_reparameterisation_uses_mu_sigma_and_the_same_noise():
    mu = torch.tensor([[1.0, -2.0]])
    logvar = torch.tensor([[0.0, math.log(4.0)]])
    z = reparameterize(mu, logvar, torch.Generator().manual_seed(3))
    eps = torch.randn(1, 2, generator=torch.Generator().manual_seed(3))
    torch.testing.assert_close(z, mu + torch.tensor([[1.0, 2.0]]) * eps)
    mu.requires_grad_(True)
    reparameterize(mu, logvar).sum().backward()
    torch.testing.assert_close(mu.grad, torch.ones(1, 2))


def test_kl_hand_value_and_torch_distributions():
    mu = torch.tensor([[1.0, 0.0]])
    logvar = torch.tensor([[0.0, math.log(4.0)]])
    # ½[(1 + 1 − 0 − 1) + (0 + 4 − log 4 − 1)]
    expected = 0.5 * (1.0 + 3.0 - math.log(4.0))
    assert float(kl_to_standard_normal(mu, logvar)[0]) == pytest.approx(expected)
    q = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    p = torch.distributions.Normal(torch.zeros(1, 2), torch.ones(1, 2))
    ref = torch.distributions.kl_divergence(q, p).sum(1)
    torch.testing.assert_close(kl_to_standard_normal(mu, logvar), ref)


def test_reconstruction_error_is_summed_bce():
    recon = torch.tensor([[0.9, 0.2]])
    x = torch.tensor([[1.0, 0.0]])
    expected = -math.log(0.9) - math.log(0.8)
    assert float(reconstruction_error(recon, x)[0]) == pytest.approx(expected)


def test_tile_images_layout():
    images = np.arange(6 * 2 * 2, dtype=np.float32).reshape(6, 2, 2)
    tiled = tile_images(images, 2, 3)
    assert tiled.shape == (4, 6)
    np.testing.assert_array_equal(tiled[0:2, 2:4], images[1])
    np.testing.assert_array_equal(tiled[2:4, 0:2], images[3])


def test_dcgan_shapes_and_parameter_counts():
    g = DCGenerator(noise_dim=32, width=32)
    out = g(torch.randn(5, 32)).detach()
    assert out.shape == (5, 1, 16, 16)
    assert 0 <= float(out.min()) and float(out.max()) <= 1
    d = DCDiscriminator(width=32)
    # conv 1→32 (4×4): 544; conv 32→64 (4×4): 32,832; linear 1024→1: 1,025
    assert sum(p.numel() for p in d.parameters()) == 544 + 32832 + 1025
    cd = DCDiscriminator(n_classes=10, width=32)  # 10 label channels more
    assert sum(p.numel() for p in cd.parameters()) == 11 * 32 * 16 + 32 + 32832 + 1025
    cg = DCGenerator(noise_dim=32, n_classes=10, width=32)
    assert cg(torch.randn(3, 32), torch.tensor([0, 5, 9])).shape == (3, 1, 16, 16)


def test_cgan_lab_grid_rows_are_digits():
    task = get_lab("cgan").create({"batch_size": 16}, CPU)
    metrics = task.train_step()
    assert metrics["loss"] == pytest.approx(metrics["d_loss"] + metrics["g_loss"])
    snap = task.snapshot()
    assert snap["samples"].shape == (80, 16, 16) and snap["rows"] == 10
    np.testing.assert_array_equal(snap["labels"][:8], 0)
    np.testing.assert_array_equal(snap["labels"][-8:], 9)
    again = task.snapshot()["samples"]
    np.testing.assert_array_equal(snap["samples"], again)  # fixed noise
    out = task.handle("generate", {"digit": 7, "count": 5})
    assert out["images"].shape == (5, 16, 16) and out["digit"] == 7
    with pytest.raises(ValueError):
        task.handle("generate", {"digit": 12})


def test_dcgan_lab_step_requests():
    task = get_lab("dcgan").create({"batch_size": 16}, CPU)
    g0 = [p.detach().clone() for p in task.G.parameters()]
    out = task.handle("step", {"which": "D"})
    assert all(torch.equal(a, b) for a, b in zip(g0, task.G.parameters()))
    assert out["snapshot"]["samples"].shape == (64, 16, 16)


def test_vae_losses_add_up_and_snapshot_contract():
    task = get_lab("vae").create({"beta": 2.0, "held_out": "3"}, CPU)
    m = task.train_step()
    assert m["kl"] > 0
    assert m["loss"] == pytest.approx(m["recon"] + 2.0 * m["kl"], rel=1e-5)
    assert int((task.y_train == 3).sum()) == 0
    snap = task.snapshot()
    n_val = len(task.x_val)
    assert snap["latent"].shape == (n_val, 2) and snap["latent_labels"].shape == (
        n_val,
    )
    assert snap["manifold"].shape == (96, 96) and snap["manifold_extent"] == (
        -2.0,
        2.0,
        -2.0,
        2.0,
    )
    assert snap["inputs"].shape == snap["recons"].shape == (10, 8, 8)
    assert snap["prior_samples"].shape == (16, 8, 8)
    unseen = int((task.y_val == 3).sum())
    assert int(snap["err_unseen"].sum()) == unseen
    assert int(snap["err_seen"].sum()) == n_val - unseen
    errors = task.reconstruction_errors(task.x_val)
    seen = errors[(task.y_val != 3).numpy()]
    assert snap["err_threshold"] == pytest.approx(np.percentile(seen, 95), rel=1e-5)


def test_autoencoder_without_held_out_digit_has_no_histogram():
    task = get_lab("autoencoder").create({"held_out": "none"}, CPU)
    m = task.train_step()
    assert m["kl"] == 0.0 and m["loss"] == m["recon"]
    assert "err_seen" not in task.snapshot()


@pytest.mark.slow
def test_autoencoder_learns_and_flags_the_unseen_digit():
    task = get_lab("autoencoder").create({"held_out": "0"}, CPU)
    start = task.evaluate()["val_recon"]
    for _ in range(1500):
        task.train_step()
    end = task.evaluate()["val_recon"]
    assert end < 0.8 * start
    snap = task.snapshot()
    assert snap["anomaly_detected"] > 2 * snap["anomaly_false_alarms"]
