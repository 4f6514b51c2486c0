"""Data augmentation: shapes, ranges, determinism, identities, and the numpy twin."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from dlviz.core.data import augment as aug
from dlviz.core.data.digits import load_digits_images
from dlviz.core.params import resolve

torch.set_num_threads(1)

ALL_ON = {
    "hflip": True,
    "vflip": True,
    "crop_scale": 0.5,
    "rotation": 30.0,
    "brightness": 0.5,
    "contrast": 0.5,
}


@pytest.fixture(scope="module")
def digits() -> torch.Tensor:
    x, _, _, _ = load_digits_images(32)
    return x[:24].clone()


def _gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_shape_dtype_and_range(digits):
    out = aug.make_augment(ALL_ON, _gen())(digits)
    assert out.shape == digits.shape and out.dtype == digits.dtype
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert not torch.equal(out, digits)


def test_same_seed_same_result_other_seed_differs(digits):
    a = aug.make_augment(ALL_ON, _gen(5))(digits)
    b = aug.make_augment(ALL_ON, _gen(5))(digits)
    c = aug.make_augment(ALL_ON, _gen(6))(digits)
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_successive_calls_draw_anew(digits):
    augment = aug.make_augment(ALL_ON, _gen(1))
    assert not torch.equal(augment(digits), augment(digits))


def test_all_off_is_identity(digits):
    augment = aug.make_augment({}, _gen())
    assert augment(digits) is digits
    assert aug.make_augment({"aug_rotation": 0.0, "seed": 3}, _gen())(digits) is digits


def test_flip_twice_is_identity(digits):
    assert torch.equal(aug.hflip(aug.hflip(digits)), digits)
    assert torch.equal(aug.vflip(aug.vflip(digits)), digits)
    assert torch.equal(aug.hflip(digits)[..., 0], digits[..., -1])
    assert torch.equal(aug.vflip(digits)[..., 0, :], digits[..., -1, :])


def test_flip_probability_one_flips_every_image(digits):
    out = aug.make_augment({"hflip": 1.0}, _gen())(digits)
    assert torch.equal(out, digits.flip(-1))
    out = aug.make_augment({"vflip": 1.0}, _gen())(digits)
    assert torch.equal(out, digits.flip(-2))


def test_random_flip_flips_about_half():
    x = torch.rand(400, 1, 4, 4)
    out = aug.make_augment({"hflip": True}, _gen(2))(x)
    flipped = (out == x.flip(-1)).flatten(1).all(1)
    unchanged = (out == x).flatten(1).all(1)
    assert bool((flipped | unchanged).all())
    assert 150 < int(flipped.sum()) < 250


def test_rotation_by_zero_is_identity(digits):
    n = len(digits)
    draw = aug.sample_draw_numpy({}, n, np.random.default_rng(0)).to_torch()
    draw.crop = torch.ones(n)  # force the resampling path with the identity map
    draw.angle = torch.full((n,), 1e-12)
    out = aug.apply_draw_torch(digits, draw)
    assert torch.allclose(out, digits, atol=1e-6)


def test_rotation_by_90_degrees_equals_rot90():
    x = torch.rand(3, 1, 8, 8)
    n = len(x)
    draw = aug.sample_draw_numpy({}, n, np.random.default_rng(0)).to_torch()
    draw.angle = torch.full((n,), math.pi / 2)
    out = aug.apply_draw_torch(x, draw)
    # output (r, c) reads input at the point rotated by +90° in image coordinates
    assert torch.allclose(out, torch.rot90(x, k=1, dims=(-2, -1)), atol=1e-5)


def test_brightness_shifts_the_mean(digits):
    brighter = aug.adjust_brightness(digits, 1.3)
    darker = aug.adjust_brightness(digits, 0.7)
    assert darker.mean() == pytest.approx(0.7 * float(digits.mean()), rel=1e-5)
    assert brighter.mean() > digits.mean() > darker.mean()
    out = aug.make_augment({"brightness": 0.5}, _gen())(digits)
    assert not torch.allclose(out.mean((1, 2, 3)), digits.mean((1, 2, 3)))


def test_contrast_keeps_mean_and_scales_spread():
    x = torch.full((1, 1, 4, 4), 0.5)
    x[..., :2, :] = 0.3  # values 0.3 / 0.5 around mean 0.4, no clamping
    out = aug.adjust_contrast(x, 1.5)
    assert float(out.mean()) == pytest.approx(0.4, abs=1e-6)
    assert float(out.std()) == pytest.approx(1.5 * float(x.std()), rel=1e-5)
    assert torch.allclose(aug.adjust_contrast(x, 0.0), torch.full_like(x, 0.4))


def test_crop_and_resize_zooms_in():
    # A centred crop of half the side maps the centre 4×4 of an 8×8 ramp to 8×8.
    x = torch.arange(64, dtype=torch.float32).reshape(1, 1, 8, 8) / 63
    draw = aug.sample_draw_numpy({}, 1, np.random.default_rng(0)).to_torch()
    draw.crop = torch.tensor([0.5])
    out = aug.apply_draw_torch(x, draw)
    assert out[0, 0, 0, 0] > x[0, 0, 0, 0]  # corner now shows an inner pixel
    centre = float(x[0, 0, 2:6, 2:6].mean())
    assert float(out[0, 0].mean()) == pytest.approx(centre, abs=1e-5)


def test_numpy_twin_equals_torch(digits):
    rng = np.random.default_rng(7)
    draw = aug.sample_draw_numpy(ALL_ON, len(digits), rng)
    ours = aug.apply_draw_numpy(digits.numpy(), draw)
    ref = aug.apply_draw_torch(digits, draw.to_torch()).numpy()
    assert ours.shape == digits.shape
    np.testing.assert_allclose(ours, ref, atol=1e-5)
    flat = aug.apply_draw_numpy(digits.numpy()[:, 0], draw)
    np.testing.assert_allclose(flat, ref[:, 0], atol=1e-5)


def test_numpy_preview_deterministic(digits):
    a = aug.augment_numpy(digits.numpy(), ALL_ON, np.random.default_rng(3))
    b = aug.augment_numpy(digits.numpy(), ALL_ON, np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 0 and a.max() <= 1


def test_augment_params_defaults_turn_everything_off():
    hp = resolve(aug.AUGMENT_PARAMS, {})
    assert aug.normalize_options(hp) == aug.OPTION_DEFAULTS
    hp = resolve(aug.AUGMENT_PARAMS, {"aug_hflip": True, "aug_rotation": 15})
    opts = aug.normalize_options(hp)
    assert opts["hflip"] == 0.5 and opts["rotation"] == 15.0


def test_invalid_options_are_refused():
    with pytest.raises(ValueError):
        aug.normalize_options({"crop_scale": 0.0})
    with pytest.raises(ValueError):
        aug.normalize_options({"hflip": 2.0})
    with pytest.raises(ValueError):
        aug.normalize_options({"brightness": -0.1})


def test_numpy_resize_equals_interpolate():
    x = torch.rand(3, 1, 8, 8)
    for size in (8, 28, 32):
        ref = torch.nn.functional.interpolate(
            x, size=(size, size), mode="bilinear", align_corners=False
        )
        ours = aug.resize_bilinear_numpy(x[:, 0].numpy(), size)
        np.testing.assert_allclose(ours, ref[:, 0].numpy(), atol=1e-6)


def test_preview_digits_match_the_torch_loader():
    images, labels = aug.preview_digits(32)
    assert images.shape == (1797, 32, 32) and labels.shape == (1797,)
    x_train, y_train, _, _ = load_digits_images(32)
    # the loader's first training image is one of the preview images
    first = x_train[0, 0].numpy()
    same = np.abs(images - first).reshape(len(images), -1).max(1) < 1e-6
    assert same.any() and labels[np.argmax(same)] == int(y_train[0])
