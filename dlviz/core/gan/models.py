"""Networks of the generative labs: MLP generators/discriminators for toy data, a
DCGAN pair and a conditional pair for 16×16 digits, and an (variational) autoencoder
with a 2-D latent space for 8×8 digits."""

from __future__ import annotations

import torch
from torch import nn


def mlp(
    n_in: int, width: int, depth: int, n_out: int, slope: float = 0.0
) -> nn.Sequential:
    """``depth`` hidden layers of ``width`` units: ReLU, or LeakyReLU if slope > 0."""
    layers: list[nn.Module] = []
    size = n_in
    for _ in range(depth):
        act = nn.LeakyReLU(slope) if slope > 0 else nn.ReLU()
        layers += [nn.Linear(size, width), act]
        size = width
    layers.append(nn.Linear(size, n_out))
    return nn.Sequential(*layers)


def sample_noise(
    n: int, dim: int, kind: str, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Noise z: standard normal, or uniform on [−1, 1] (``kind == "uniform"``)."""
    if kind == "uniform":
        return torch.rand(n, dim, generator=generator) * 2 - 1
    if kind == "normal":
        return torch.randn(n, dim, generator=generator)
    raise ValueError(f"unknown noise {kind!r}; choose normal or uniform")


class DCGenerator(nn.Module):
    """z (and optionally a one-hot label) → 1×16×16 image in [0, 1].

    Linear → 64×4×4 → ConvTranspose (stride 2) → 32×8×8 → ConvTranspose → 1×16×16,
    with batch norm and ReLU between, sigmoid at the end (Radford et al.'s recipe,
    scaled down).
    """

    def __init__(self, noise_dim: int = 32, n_classes: int = 0, width: int = 32):
        super().__init__()
        self.noise_dim, self.n_classes, self.width = noise_dim, n_classes, width
        self.project = nn.Sequential(
            nn.Linear(noise_dim + n_classes, 2 * width * 16),
            nn.BatchNorm1d(2 * width * 16),
            nn.ReLU(),
        )
        self.body = nn.Sequential(
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1),
            nn.BatchNorm2d(width),
            nn.ReLU(),
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1),
            nn.Sigmoid(),
        )

    def forward(
        self, z: torch.Tensor, labels: torch.Tensor | None = None
    ) -> torch.Tensor:
        if self.n_classes:
            z = torch.cat([z, one_hot(labels, self.n_classes)], 1)
        h = self.project(z).view(-1, 2 * self.width, 4, 4)
        return self.body(h)


class DCDiscriminator(nn.Module):
    """1×16×16 image (and optionally a label) → one logit.

    Strided convolutions with LeakyReLU(0.2); a conditional discriminator gets the
    label as extra constant input channels.
    """

    def __init__(self, n_classes: int = 0, width: int = 32):
        super().__init__()
        self.n_classes = n_classes
        self.body = nn.Sequential(
            nn.Conv2d(1 + n_classes, width, 4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Flatten(),
            nn.Linear(2 * width * 16, 1),
        )

    def forward(
        self, x: torch.Tensor, labels: torch.Tensor | None = None
    ) -> torch.Tensor:
        if self.n_classes:
            maps = one_hot(labels, self.n_classes)[:, :, None, None]
            x = torch.cat([x, maps.expand(-1, -1, *x.shape[2:])], 1)
        return self.body(x).squeeze(1)


def one_hot(labels: torch.Tensor, n_classes: int) -> torch.Tensor:
    return torch.nn.functional.one_hot(labels, n_classes).float()


class Autoencoder(nn.Module):
    """64 pixels → hidden → 2-D code → hidden → 64 pixels (sigmoid).

    With ``variational`` the encoder outputs a mean and a log-variance and the code is
    drawn by the reparameterisation z = μ + σ·ε, ε ~ N(0, I).
    """

    def __init__(
        self,
        n_in: int = 64,
        hidden: int = 128,
        latent: int = 2,
        variational: bool = False,
    ):
        super().__init__()
        self.variational = variational
        self.latent = latent
        self.encoder = nn.Sequential(
            nn.Linear(n_in, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden // 2),
            nn.ReLU(),
            nn.Linear(hidden // 2, 2 * latent if variational else latent),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent, hidden // 2),
            nn.ReLU(),
            nn.Linear(hidden // 2, hidden),
            nn.ReLU(),
            nn.Linear(hidden, n_in),
            nn.Sigmoid(),
        )

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """(mean, log-variance) for a VAE; (code, None) for a plain autoencoder."""
        h = self.encoder(x.flatten(1))
        if self.variational:
            mu, logvar = h.chunk(2, dim=1)
            return mu, logvar
        return h, None

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.decoder(z)

    def forward(
        self, x: torch.Tensor, generator: torch.Generator | None = None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
        """Returns (reconstruction, mean or code, log-variance or None)."""
        mu, logvar = self.encode(x)
        z = reparameterize(mu, logvar, generator) if logvar is not None else mu
        return self.decode(z), mu, logvar


def reparameterize(
    mu: torch.Tensor, logvar: torch.Tensor, generator: torch.Generator | None = None
) -> torch.Tensor:
    """z = μ + exp(½·logvar)·ε, ε ~ N(0, I): sampling that gradients pass through."""
    eps = torch.randn(mu.shape, generator=generator).to(mu.device)
    return mu + torch.exp(0.5 * logvar) * eps


def kl_to_standard_normal(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − log σ² − 1), per sample (shape (N,))."""
    return 0.5 * (mu**2 + logvar.exp() - logvar - 1).sum(1)


def reconstruction_error(recon: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy summed over pixels, per sample (shape (N,))."""
    return nn.functional.binary_cross_entropy(
        recon.flatten(1), x.flatten(1), reduction="none"
    ).sum(1)
