"""Data augmentation for batches of 1-channel images (N, 1, H, W) in [0, 1].

Torch only (no torchvision): random horizontal and vertical flips, random
crop-and-resize, rotation, brightness and contrast, drawn per image from a
``torch.Generator`` and applied on the batch's device. A numpy twin applies the very
same maths to the same random draw, so the augmentation preview can run on the GUI
thread without torch (the two are tested equal).

Use in a lab::

    from dlviz.core.data.augment import AUGMENT_PARAMS, make_augment

    params = (... , *AUGMENT_PARAMS)           # in the LabSpec
    self.augment = make_augment(hp, self.generator)   # in the task's __init__

    def transform_batch(self, x):
        return self.augment(x)

Options (``make_augment`` also accepts them prefixed with ``aug_``, so a whole
hyperparameter dictionary can be passed):

``hflip``, ``vflip``
    Probability of flipping each image (``True`` means 0.5).
``crop_scale``
    Smallest share of the image area a random square crop keeps before it is resized
    back (1 = no crop).
``rotation``
    Largest rotation in degrees, either way.
``brightness``, ``contrast``
    Largest relative change: the factor is drawn from ``[1 − b, 1 + b]``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from dlviz.core.params import ParamSpec

#: Option names and their "do nothing" values.
OPTION_DEFAULTS: dict[str, float] = {
    "hflip": 0.0,
    "vflip": 0.0,
    "crop_scale": 1.0,
    "rotation": 0.0,
    "brightness": 0.0,
    "contrast": 0.0,
}

#: Hyperparameters a lab can add to its ``LabSpec.params`` to offer augmentation.
AUGMENT_PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec("aug_hflip", "Random horizontal flip", "bool", False, group="data",
              help="Mirror half of the training images left to right."),
    ParamSpec("aug_vflip", "Random vertical flip", "bool", False, group="data",
              help="Mirror half of the training images top to bottom."),
    ParamSpec("aug_crop_scale", "Crop: smallest area kept", "float", 1.0, 0.2, 1.0,
              group="data",
              help="Cut a random square keeping at least this share of the area, "
              "then resize it back (1 = off)."),
    ParamSpec("aug_rotation", "Rotation (degrees)", "float", 0.0, 0.0, 180.0,
              group="data", help="Rotate each image by a random angle up to this."),
    ParamSpec("aug_brightness", "Brightness change", "float", 0.0, 0.0, 0.9,
              group="data", help="Scale pixel values by a random factor 1 ± this."),
    ParamSpec("aug_contrast", "Contrast change", "float", 0.0, 0.0, 0.9,
              group="data",
              help="Stretch values around the image mean by a factor 1 ± this."),
)


def normalize_options(options: dict[str, Any] | None) -> dict[str, float]:
    """Known options as floats, defaults filled in; ``aug_`` prefixes accepted and
    other keys ignored. Raises ValueError for values out of range."""
    options = options or {}
    out = dict(OPTION_DEFAULTS)
    for key in OPTION_DEFAULTS:
        for name in (f"aug_{key}", key):
            if name in options and options[name] is not None:
                value = options[name]
                if key in ("hflip", "vflip") and isinstance(value, bool):
                    value = 0.5 if value else 0.0
                out[key] = float(value)
                break
    for key in ("hflip", "vflip"):
        if not 0.0 <= out[key] <= 1.0:
            raise ValueError(f"{key}: probability must be in [0, 1]")
    if not 0.0 < out["crop_scale"] <= 1.0:
        raise ValueError("crop_scale must be in (0, 1]")
    for key in ("rotation", "brightness", "contrast"):
        if out[key] < 0:
            raise ValueError(f"{key} must be ≥ 0")
    if out["brightness"] > 1 or out["contrast"] > 1:
        raise ValueError("brightness and contrast changes must be at most 1")
    return out


@dataclass
class AugmentDraw:
    """The random choices for one batch, one entry per image.

    Fields are all numpy arrays or all torch tensors of shape (N,): flips (bool),
    crop side as a fraction of the image side, crop centre in [-1, 1] coordinates
    (x to the right, y down), angle in radians, brightness and contrast factors.
    """

    hflip: Any
    vflip: Any
    crop: Any
    centre_x: Any
    centre_y: Any
    angle: Any
    brightness: Any
    contrast: Any

    @property
    def geometric(self) -> bool:
        """Whether any crop or rotation must be resampled."""
        return bool((self.crop != 1).any()) or bool((self.angle != 0).any())

    def to_torch(self, device: torch.device | str = "cpu") -> AugmentDraw:
        """A copy with float32/bool tensors (for applying a numpy draw in torch)."""
        values = {}
        for name, value in vars(self).items():
            array = np.asarray(value)
            dtype = torch.bool if array.dtype == bool else torch.float32
            values[name] = torch.as_tensor(array, dtype=dtype, device=device)
        return AugmentDraw(**values)


def _sample(opts: dict[str, float], n: int, uniform: Callable[[], Any]) -> AugmentDraw:
    """Draw every random choice from ``uniform()`` (n values in [0, 1) each call);
    the same arithmetic serves numpy arrays and torch tensors."""
    hflip = uniform() < opts["hflip"]
    vflip = uniform() < opts["vflip"]
    area = opts["crop_scale"] + (1.0 - opts["crop_scale"]) * uniform()
    crop = area**0.5
    centre_x = (1.0 - crop) * (2.0 * uniform() - 1.0)
    centre_y = (1.0 - crop) * (2.0 * uniform() - 1.0)
    angle = math.radians(opts["rotation"]) * (2.0 * uniform() - 1.0)
    brightness = 1.0 + opts["brightness"] * (2.0 * uniform() - 1.0)
    contrast = 1.0 + opts["contrast"] * (2.0 * uniform() - 1.0)
    return AugmentDraw(hflip, vflip, crop, centre_x, centre_y, angle, brightness,
                       contrast)


def sample_draw_torch(
    options: dict[str, Any], n: int, generator: torch.Generator
) -> AugmentDraw:
    """Random choices for ``n`` images from ``generator`` (on its device)."""
    opts = normalize_options(options)

    def uniform() -> torch.Tensor:
        return torch.rand(n, generator=generator, device=generator.device)

    return _sample(opts, n, uniform)


def sample_draw_numpy(
    options: dict[str, Any], n: int, rng: np.random.Generator
) -> AugmentDraw:
    """Random choices for ``n`` images from a numpy generator (the preview)."""
    opts = normalize_options(options)
    return _sample(opts, n, lambda: rng.random(n))


# -- torch ---------------------------------------------------------------------------
def hflip(x: torch.Tensor) -> torch.Tensor:
    """Mirror left to right."""
    return x.flip(-1)


def vflip(x: torch.Tensor) -> torch.Tensor:
    """Mirror top to bottom."""
    return x.flip(-2)


def _per_image(factor: torch.Tensor | float, x: torch.Tensor) -> torch.Tensor:
    factor = torch.as_tensor(factor, dtype=x.dtype, device=x.device)
    return factor.reshape(-1, 1, 1, 1)


def adjust_brightness(x: torch.Tensor, factor: torch.Tensor | float) -> torch.Tensor:
    """Scale values by ``factor`` (per image when a tensor of shape (N,)), clamp."""
    return (x * _per_image(factor, x)).clamp(0.0, 1.0)


def adjust_contrast(x: torch.Tensor, factor: torch.Tensor | float) -> torch.Tensor:
    """Stretch values around each image's mean by ``factor``, clamp."""
    factor = _per_image(factor, x)
    mean = x.mean(dim=(-3, -2, -1), keepdim=True)
    return (mean + factor * (x - mean)).clamp(0.0, 1.0)


def affine_matrices_torch(draw: AugmentDraw) -> torch.Tensor:
    """(N, 2, 3) maps from output to input coordinates in [-1, 1]."""
    cos, sin = torch.cos(draw.angle), torch.sin(draw.angle)
    c = draw.crop
    row0 = torch.stack([c * cos, -c * sin, draw.centre_x], dim=-1)
    row1 = torch.stack([c * sin, c * cos, draw.centre_y], dim=-1)
    return torch.stack([row0, row1], dim=1)


def apply_draw_torch(x: torch.Tensor, draw: AugmentDraw) -> torch.Tensor:
    """Apply ``draw`` (tensors) to ``x`` of shape (N, 1, H, W)."""
    draw = AugmentDraw(**{k: v.to(x.device) for k, v in vars(draw).items()})
    out = torch.where(draw.hflip.reshape(-1, 1, 1, 1), hflip(x), x)
    out = torch.where(draw.vflip.reshape(-1, 1, 1, 1), vflip(out), out)
    if draw.geometric:
        theta = affine_matrices_torch(draw).to(x.dtype)
        grid = F.affine_grid(theta, list(out.shape), align_corners=False)
        out = F.grid_sample(
            out, grid, mode="bilinear", padding_mode="zeros", align_corners=False
        )
    if bool((draw.brightness != 1).any()):
        out = adjust_brightness(out, draw.brightness)
    if bool((draw.contrast != 1).any()):
        out = adjust_contrast(out, draw.contrast)
    return out


def make_augment(
    options: dict[str, Any] | None, generator: torch.Generator
) -> Callable[[torch.Tensor], torch.Tensor]:
    """A function ``augment(x) -> x'`` for batches (N, 1, H, W) in [0, 1].

    Each call draws new random choices from ``generator``; the result has the same
    shape, dtype and device and stays in [0, 1]. With every option off it returns
    its input unchanged (and draws nothing).
    """
    opts = normalize_options(options)
    if opts == OPTION_DEFAULTS:
        return _identity

    def augment(x: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            draw = sample_draw_torch(opts, x.shape[0], generator)
            return apply_draw_torch(x, draw)

    return augment


def _identity(x: torch.Tensor) -> torch.Tensor:
    return x


# -- numpy twin (for the preview on the GUI thread) -----------------------------------
def _grid_sample_numpy(images: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Bilinear resampling with zeros outside, as ``F.affine_grid`` + ``grid_sample``
    with ``align_corners=False``; ``images`` is (N, H, W)."""
    n, h, w = images.shape
    xs = (2 * np.arange(w) + 1) / w - 1
    ys = (2 * np.arange(h) + 1) / h - 1
    gx, gy = np.meshgrid(xs, ys)  # (H, W)
    a = theta[:, None, None, :, :]
    src_x = a[..., 0, 0] * gx + a[..., 0, 1] * gy + a[..., 0, 2]
    src_y = a[..., 1, 0] * gx + a[..., 1, 1] * gy + a[..., 1, 2]
    ix = ((src_x + 1) * w - 1) / 2
    iy = ((src_y + 1) * h - 1) / 2
    x0, y0 = np.floor(ix).astype(int), np.floor(iy).astype(int)
    wx, wy = ix - x0, iy - y0
    batch = np.arange(n)[:, None, None]
    out = np.zeros_like(images)
    for dy, weight_y in ((0, 1 - wy), (1, wy)):
        for dx, weight_x in ((0, 1 - wx), (1, wx)):
            yy, xx = y0 + dy, x0 + dx
            inside = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
            values = images[batch, yy.clip(0, h - 1), xx.clip(0, w - 1)]
            out += np.where(inside, values, 0.0) * weight_y * weight_x
    return out


def apply_draw_numpy(images: np.ndarray, draw: AugmentDraw) -> np.ndarray:
    """The numpy twin of :func:`apply_draw_torch` for (N, H, W) or (N, 1, H, W)."""
    squeeze = images.ndim == 3
    x = np.asarray(images, dtype=np.float32)
    x = x if squeeze else x[:, 0]
    out = np.where(draw.hflip[:, None, None], x[:, :, ::-1], x)
    out = np.where(draw.vflip[:, None, None], out[:, ::-1, :], out)
    if draw.geometric:
        cos, sin, c = np.cos(draw.angle), np.sin(draw.angle), draw.crop
        theta = np.stack(
            [np.stack([c * cos, -c * sin, draw.centre_x], -1),
             np.stack([c * sin, c * cos, draw.centre_y], -1)],
            axis=1,
        )
        out = _grid_sample_numpy(out.astype(np.float64), theta)
    if (draw.brightness != 1).any():
        out = np.clip(out * draw.brightness[:, None, None], 0.0, 1.0)
    if (draw.contrast != 1).any():
        mean = out.mean(axis=(-2, -1), keepdims=True)
        out = np.clip(mean + draw.contrast[:, None, None] * (out - mean), 0.0, 1.0)
    out = out.astype(np.float32)
    return out if squeeze else out[:, None]


def augment_numpy(
    images: np.ndarray, options: dict[str, Any], rng: np.random.Generator
) -> np.ndarray:
    """Augment a numpy batch (N, H, W) or (N, 1, H, W) without torch."""
    draw = sample_draw_numpy(options, images.shape[0], rng)
    return apply_draw_numpy(images, draw)


def resize_bilinear_numpy(images: np.ndarray, size: int) -> np.ndarray:
    """Resize (N, H, W) to (N, size, size) as ``F.interpolate(mode="bilinear",
    align_corners=False)`` does, without torch."""

    def axis(n_in: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        src = np.maximum((np.arange(size) + 0.5) * n_in / size - 0.5, 0.0)
        low = np.floor(src).astype(int)
        high = np.minimum(low + 1, n_in - 1)
        return low, high, (src - low).astype(np.float64)

    images = np.asarray(images, dtype=np.float64)
    y0, y1, wy = axis(images.shape[1])
    x0, x1, wx = axis(images.shape[2])
    rows = images[:, y0] * (1 - wy)[:, None] + images[:, y1] * wy[:, None]
    out = rows[:, :, x0] * (1 - wx) + rows[:, :, x1] * wx
    return out.astype(np.float32)


def preview_digits(size: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """The bundled digits as numpy (N, size, size) in [0, 1] and their labels,
    resized like ``load_digits_images`` but without torch (for the GUI thread)."""
    from dlviz.core.data.digits import _raw

    images, labels = _raw()
    if size != images.shape[-1]:
        images = np.clip(resize_bilinear_numpy(images, size), 0.0, 1.0)
    return images, labels
