"""Chapter "generative": GAN losses and the optimal discriminator
(:mod:`dlviz.core.gan.losses`), the VAE's KL term and reparameterization
(:mod:`dlviz.core.gan.models`), and the DCGAN generator's upsampling."""

from __future__ import annotations

import math
import random

import numpy as np
import torch
from torch import nn

from dlviz.core.gan.losses import (
    discriminator_loss,
    generator_loss,
    optimal_discriminator,
)
from dlviz.core.gan.models import DCGenerator, kl_to_standard_normal
from dlviz.core.practice.model import NUMBER, Draft, Link
from dlviz.core.practice.registry import kind
from dlviz.core.vision.fcn import transposed_conv_output_size

GAN_LABS = ("gan1d", "gan2d")


def _logit(p: float) -> torch.Tensor:
    return torch.tensor([math.log(p / (1 - p))], dtype=torch.float64)


@kind("generative.optimal_d", "generative", ("gan1d",))
def optimal_d(rng: random.Random, lab: str, hp: dict) -> Draft:
    p_data = float(rng.choice((0.1, 0.2, 0.3, 0.4)))
    p_g = float(rng.choice((0.1, 0.2, 0.3, 0.05)))
    value = float(optimal_discriminator(np.array([p_data]), np.array([p_g]))[0])
    return Draft(
        "At a point x the data density is {pd} and the generator's density is {pg}. "
        "What does the best possible discriminator output there?",
        dict(pd=p_data, pg=p_g), value,
        "D*(x) = p_data / (p_data + p_g) = {pd} / ({pd} + {pg}) = {answer}",
        Link(lab, panel="densities"),
        [(p_g / (p_data + p_g), "D gives the probability of real: p_data on top."),
         (0.5, "½ only where both densities are equal."),
         (p_data, "Normalize by the sum of both densities.")],
        solution_args=dict(answer=value))


@kind("generative.d_loss", "generative", GAN_LABS)
def d_loss(rng: random.Random, lab: str, hp: dict) -> Draft:
    real = float(rng.choice((0.5, 0.8, 0.9, 0.6)))
    fake = float(rng.choice((0.5, 0.2, 0.1, 0.4)))
    value = float(discriminator_loss("minimax", _logit(real), _logit(fake)))
    return Draft(
        "The discriminator outputs D(x) = {r} on a real sample and D(G(z)) = {f} on "
        "a generated one. What is its loss −ln D(x) − ln(1 − D(G(z)))? (three "
        "decimals)",
        dict(r=real, f=fake), value,
        "−ln {r} − ln(1 − {f}) = {answer}; at the equilibrium (D = ½ everywhere) it "
        "is 2 ln 2 ≈ 1.386",
        Link(lab, panel="losses"), form=NUMBER, solution_args=dict(answer=value))


@kind("generative.g_loss", "generative", GAN_LABS)
def g_loss(rng: random.Random, lab: str, hp: dict) -> Draft:
    fake = float(rng.choice((0.01, 0.05, 0.1, 0.3)))
    value = float(generator_loss("nonsaturating", _logit(fake)))
    minimax = float(generator_loss("minimax", _logit(fake)))
    return Draft(
        "Early in training the discriminator rejects a generated sample: "
        "D(G(z)) = {f}. What is the generator's non-saturating loss −ln D(G(z))?",
        dict(f=fake), value,
        "−ln {f} = {answer}, large and steep, while the minimax loss ln(1 − D) = "
        "{minimax} is almost flat there: the non-saturating loss still gives a "
        "gradient.",
        Link(lab, panel="losses"),
        [(minimax, "That is the minimax loss ln(1 − D(G(z))), which saturates."),
         (-math.log(1 - fake), "The generator wants D(G(z)) large: −ln D(G(z)).")],
        solution_args=dict(minimax=minimax, answer=value))


@kind("generative.vae_kl", "generative", ("vae",))
def vae_kl(rng: random.Random, lab: str, hp: dict) -> Draft:
    mu = float(rng.choice((0.0, 0.5, 1.0, -1.0)))
    sigma = float(rng.choice((0.5, 1.0, 2.0)))
    logvar = torch.tensor([[2 * math.log(sigma)]], dtype=torch.float64)
    value = float(kl_to_standard_normal(torch.tensor([[mu]], dtype=torch.float64),
                                        logvar)[0])
    return Draft(
        "A VAE encodes an image as a 1-D Gaussian with μ = {mu} and σ = {s}. What is "
        "its KL divergence to the prior N(0, 1)? (three decimals)",
        dict(mu=mu, s=sigma), value,
        "½(μ² + σ² − ln σ² − 1) = ½({mu}² + {s}² − ln {s}² − 1) = {answer}",
        Link(lab, panel="latent"), form=NUMBER, solution_args=dict(answer=value))


@kind("generative.reparameterize", "generative", ("vae",))
def reparameterize(rng: random.Random, lab: str, hp: dict) -> Draft:
    mu = float(rng.choice((0.5, 1.0, -1.0)))
    logvar = float(rng.choice((0.0, math.log(4.0), math.log(0.25))))
    eps = float(rng.choice((0.5, -1.0, 2.0)))
    sigma = float(torch.exp(0.5 * torch.tensor(logvar, dtype=torch.float64)))
    value = mu + sigma * eps
    return Draft(
        "The reparameterization trick: the encoder gives μ = {mu} and log σ² = {lv}; "
        "the noise is ε = {e}. Which z goes to the decoder?",
        dict(mu=mu, lv=logvar, e=eps), value,
        "σ = exp(½ log σ²) = {s}; z = μ + σ·ε = {mu} + {s}·{e} = {answer}",
        Link(lab, panel="latent"),
        [(mu + math.exp(logvar) * eps, "σ² is the variance: use σ = exp(½ log σ²)."),
         (mu + logvar * eps, "log σ² is not σ."), (mu * eps + sigma,
                                                   "z = μ + σ·ε: ε scales σ.")],
        solution_args=dict(s=sigma, answer=value))


@kind("generative.dcgan_upsample", "generative", ("dcgan",))
def dcgan_upsample(rng: random.Random, lab: str, hp: dict) -> Draft:
    with torch.device("meta"):
        model = DCGenerator(noise_dim=32)
    shapes: dict[str, tuple[int, int]] = {}
    handles = []
    for path, layer in model.named_modules():
        if isinstance(layer, nn.ConvTranspose2d):
            handles.append(layer.register_forward_hook(
                lambda m, i, o, path=path: shapes.__setitem__(
                    path, (i[0].shape[-1], o.shape[-1]))))
    model.eval()
    with torch.no_grad():
        model(torch.empty(2, 32, device="meta"))
    for handle in handles:
        handle.remove()
    path = rng.choice(sorted(shapes))
    layer = model.get_submodule(path)
    n, out = shapes[path]
    k, s, p = layer.kernel_size[0], layer.stride[0], layer.padding[0]
    value = transposed_conv_output_size(n, k, s, p)
    assert value == out
    return Draft(
        "DCGAN's generator: the transposed convolution {path} (kernel {k}, stride "
        "{s}, padding {p}) gets a {n}×{n} map. What is the side of its output?",
        dict(path=path, k=k, s=s, p=p, n=n), value,
        "(n − 1)·s − 2p + k = ({n} − 1)·{s} − 2·{p} + {k} = {answer}",
        Link(lab, path, role="generator"),
        [((n + 2 * p - k) // s + 1, "That is the ordinary convolution's formula; a "
          "transposed convolution enlarges."), ((n - 1) * s + k,
                                                "The padding is subtracted twice.")],
        solution_args=dict(answer=value))


@kind("generative.project_params", "generative", ("cgan", "dcgan"))
def projection_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    noise = int(hp.get("noise_dim", 32))
    width = int(hp.get("width", 32))
    classes = 10 if lab == "cgan" else 0
    with torch.device("meta"):
        model = DCGenerator(noise, classes, width)
    first: nn.Linear = model.project[0]
    value = sum(p.numel() for p in first.parameters())
    n_in, n_out = first.in_features, first.out_features
    return Draft(
        "The generator's first layer is fully connected: it reads the noise z "
        "({noise} numbers) and a one-hot label of {classes} classes, and gives "
        "{n_out} numbers (then reshaped to {c}×4×4). How many parameters has it "
        "(with bias)?" if classes else
        "The generator's first layer is fully connected: it reads the noise z "
        "({noise} numbers) and gives {n_out} numbers (then reshaped to {c}×4×4). "
        "How many parameters has it (with bias)?",
        dict(noise=noise, classes=classes, n_out=n_out, c=2 * width),
        value, "({n_in} + 1)×{n_out} = {answer}",
        Link(lab, "project.0", role="generator"),
        [(n_in * n_out, "Forgetting the bias: one more parameter per output unit."),
         (noise * n_out + n_out, "The one-hot label is part of the input too.")
         if classes else (n_in + n_out, "Every input connects to every output: "
                          "multiply."),
         (n_in * n_out + n_in, "One bias per output channel, not per input "
          "channel.")],
        solution_args=dict(n_in=n_in, answer=value))
