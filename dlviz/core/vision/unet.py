"""A tiny U-Net (Ronneberger, Fischer and Brox, 2015) beside the tiny FCN, and the
checkerboard artefact of transposed convolutions (Odena, Dumoulin and Olah, 2016).

The encoder is the FCN's (:class:`dlviz.core.vision.fcn.TinyFCN`): three conv + pool
steps, 48 → 6 pixels, with the same convolutions. The decoder climbs back one level
at a time: it doubles the size of what comes from below, **concatenates** the
encoder's features of that size (the skip connection) and mixes both with a 3 × 3
convolution. The FCN instead adds class scores of one finer level and enlarges by
8 in two jumps.

The doubling is a setting:

* ``"transposed"`` — a transposed convolution, 3 × 3 kernel, stride 2. The kernel is
  not a multiple of the stride, so output pixels receive one, two or four
  contributions in a period-2 pattern: on a flat input the output is a checkerboard
  (:func:`checkerboard_amplitude` measures it);
* ``"upsample"`` — nearest-neighbour upsampling followed by a 3 × 3 convolution:
  every output pixel is computed the same way, so a flat input stays flat.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

#: The two ways of doubling the size in the decoder.
UPSAMPLING = ("transposed", "upsample")
#: Skip levels, finest first: (name of the encoder output, of the upsampling layer).
LEVELS = (("enc1", "up1"), ("enc2", "up2"), ("enc3", "up3"))


def double_size(c_in: int, c_out: int, upsampling: str) -> nn.Module:
    """A layer that doubles the height and width: ``n → 2n`` exactly."""
    if upsampling == "transposed":
        # (n − 1)·2 − 2·1 + 3 + 1 = 2n
        return nn.ConvTranspose2d(c_in, c_out, 3, stride=2, padding=1,
                                  output_padding=1)
    if upsampling == "upsample":
        return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"),
                             nn.Conv2d(c_in, c_out, 3, padding=1))
    raise ValueError(f"unknown upsampling {upsampling!r}; known: {UPSAMPLING}")


def _conv(c_in: int, c_out: int, pool: bool = False) -> nn.Sequential:
    layers: list[nn.Module] = [nn.MaxPool2d(2)] if pool else []
    return nn.Sequential(*layers, nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU())


class TinyUNet(nn.Module):
    """Encoder (the FCN's convolutions), a decoder of three doublings, each followed
    by the concatenation with the encoder's features of its size and a 3 × 3
    convolution, then 1 × 1 class scores. Input sides must be multiples of 8."""

    def __init__(self, n_classes: int, width: int = 16,
                 upsampling: str = "transposed"):
        super().__init__()
        w = width
        self.upsampling = upsampling
        self.enc1 = _conv(1, w)  # 48 × 48, crosses skip 1
        self.enc2 = _conv(w, 2 * w, pool=True)  # 24 × 24, skip 2
        self.enc3 = _conv(2 * w, 4 * w, pool=True)  # 12 × 12, skip 3
        self.bottom = _conv(4 * w, 4 * w, pool=True)  # 6 × 6
        self.up3 = double_size(4 * w, 2 * w, upsampling)
        self.dec3 = _conv(2 * w + 4 * w, 2 * w)
        self.up2 = double_size(2 * w, w, upsampling)
        self.dec2 = _conv(w + 2 * w, w)
        self.up1 = double_size(w, w, upsampling)
        self.dec1 = _conv(w + w, w)
        self.head = nn.Conv2d(w, n_classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s1 = self.enc1(x)
        s2 = self.enc2(s1)
        s3 = self.enc3(s2)
        d = self.bottom(s3)
        d = self.dec3(torch.cat([self.up3(d), s3], 1))
        d = self.dec2(torch.cat([self.up2(d), s2], 1))
        d = self.dec1(torch.cat([self.up1(d), s1], 1))
        return self.head(d)

    def up1_in_channels(self) -> int:
        """Channels that the last doubling layer (``up1``) reads."""
        return self.dec2[0].out_channels

    def features(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every intermediate of :meth:`forward`: the encoder outputs ``enc1``…
        ``enc3`` (what crosses each skip), the upsampled maps ``up1``…``up3`` they
        are concatenated with, the decoder outputs ``dec1``…``dec3`` and the class
        scores ``out``."""
        f = {"enc1": self.enc1(x)}
        f["enc2"] = self.enc2(f["enc1"])
        f["enc3"] = self.enc3(f["enc2"])
        d = self.bottom(f["enc3"])
        for level in (3, 2, 1):
            f[f"up{level}"] = getattr(self, f"up{level}")(d)
            d = getattr(self, f"dec{level}")(torch.cat([f[f"up{level}"],
                                                        f[f"enc{level}"]], 1))
            f[f"dec{level}"] = d
        f["out"] = self.head(d)
        return f


def checkerboard_phases(maps: torch.Tensor | np.ndarray, margin: int = 2
                        ) -> np.ndarray:
    """Mean of each of the four period-2 phases — pixels (even, even), (even, odd),
    (odd, even), (odd, odd) — of each map (…, H, W), away from a border of
    ``margin`` pixels (rounded up to even, so that the phases keep their parity).
    Returns (…, 2, 2)."""
    a = np.asarray(maps.detach().cpu() if isinstance(maps, torch.Tensor) else maps,
                   dtype=np.float64)
    m = margin + margin % 2
    inner = a[..., m : a.shape[-2] - m, m : a.shape[-1] - m]
    return np.stack([np.stack([inner[..., i::2, j::2].mean((-2, -1))
                               for j in (0, 1)], -1) for i in (0, 1)], -2)


def checkerboard_amplitude(maps: torch.Tensor | np.ndarray, margin: int = 2
                           ) -> np.ndarray:
    """Per map: the largest minus the smallest phase mean
    (:func:`checkerboard_phases`) — 0 when the four pixels of every 2 × 2 block
    are alike on average, large for a checkerboard."""
    phases = checkerboard_phases(maps, margin)
    flat = phases.reshape(*phases.shape[:-2], 4)
    return flat.max(-1) - flat.min(-1)


def checkerboard_strength(maps: torch.Tensor | np.ndarray, margin: int = 2) -> float:
    """The checkerboard of (C, H, W) maps as one number: the summed amplitudes
    (:func:`checkerboard_amplitude`) over the summed mean absolute values (same
    interior). 0: no period-2 pattern; about 1: the pattern is as large as the
    values themselves."""
    a = np.asarray(maps.detach().cpu() if isinstance(maps, torch.Tensor) else maps,
                   dtype=np.float64)
    m = margin + margin % 2
    inner = np.abs(a[..., m : a.shape[-2] - m, m : a.shape[-1] - m])
    size = float(inner.mean((-2, -1)).sum())
    amp = float(checkerboard_amplitude(a, margin).sum())
    return amp / size if size > 1e-12 else 0.0


@torch.no_grad()
def flat_response(layer: nn.Module, channels: int, n: int = 8,
                  value: float = 1.0) -> torch.Tensor:
    """What one size-doubling layer makes of a flat input: ``channels`` maps of
    ``n × n`` all equal to ``value`` → (C_out, 2n, 2n). Nearest-neighbour
    upsampling + convolution gives flat maps (away from the zero-padded border); a
    3 × 3, stride-2 transposed convolution gives a period-2 pattern whose four
    values are sums of different kernel weights."""
    p = next(layer.parameters())
    x = torch.full((1, channels, n, n), float(value), dtype=p.dtype, device=p.device)
    return layer(x)[0]
