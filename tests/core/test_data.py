import gzip

import numpy as np
import pytest
import torch

from dlviz.core.data.digits import load_digits_images, stratified_split
from dlviz.core.data.idx import IdxError, load_mnist_folder, read_idx, write_idx
from dlviz.core.data.toy2d import DATASETS, make_toy2d, split


@pytest.mark.parametrize("name", DATASETS)
def test_toy_sets_are_seeded_labelled_and_bounded(name):
    x, y = make_toy2d(name, n=300, noise=0.05, seed=3)
    x2, y2 = make_toy2d(name, n=300, noise=0.05, seed=3)
    assert x.shape == (300, 2) and x.dtype == np.float32 and y.dtype == np.int64
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert np.abs(x).max() < 2.5
    assert set(np.unique(y)) == set(range(int(y.max()) + 1)) and y.max() >= 1


def test_xor_labels_follow_the_quadrants():
    x, y = make_toy2d("xor", n=500, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(int))


def test_split_sizes():
    x, y = make_toy2d("moons", n=100)
    xt, yt, xv, yv = split(x, y, 0.25)
    assert len(xv) == 25 and len(xt) == 75


def test_digits_are_the_bundled_1797_images():
    xt, yt, xv, yv = load_digits_images(8, 0.2, seed=0)
    assert len(xt) + len(xv) == 1797
    assert xt.shape[1:] == (1, 8, 8) and float(xt.max()) <= 1.0
    counts = torch.bincount(yv, minlength=10)
    assert counts.min() >= 30  # stratified: every class in validation
    big = load_digits_images(28, 0.2, seed=0)[0]
    assert big.shape[1:] == (1, 28, 28)


def test_stratified_split_keeps_class_shares():
    labels = np.repeat(np.arange(4), 50)
    train, val = stratified_split(labels, 0.2)
    assert len(set(train) & set(val)) == 0
    assert np.bincount(labels[val]).tolist() == [10, 10, 10, 10]


def _write_mnist(folder, n_train=12, n_test=5, gz=False):
    rng = np.random.default_rng(0)
    suffix = ".gz" if gz else ""
    write_idx(
        folder / f"train-images-idx3-ubyte{suffix}",
        rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
    )
    write_idx(
        folder / f"train-labels-idx1-ubyte{suffix}",
        rng.integers(0, 10, n_train).astype(np.uint8),
    )
    write_idx(
        folder / f"t10k-images-idx3-ubyte{suffix}",
        rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
    )
    write_idx(
        folder / f"t10k-labels-idx1-ubyte{suffix}",
        rng.integers(0, 10, n_test).astype(np.uint8),
    )


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_folder_round_trip(tmp_path, gz):
    _write_mnist(tmp_path, gz=gz)
    xt, yt, xv, yv = load_mnist_folder(tmp_path)
    assert xt.shape == (12, 28, 28) and xv.shape == (5, 28, 28)
    assert xt.dtype == np.float32 and 0 <= xt.min() and xt.max() <= 1
    assert yt.dtype == np.int64 and yt.max() <= 9


def test_idx_reader_refuses_damaged_files(tmp_path):
    good = tmp_path / "a.idx"
    write_idx(good, np.arange(24, dtype=np.uint8).reshape(2, 3, 4))
    np.testing.assert_array_equal(read_idx(good), np.arange(24).reshape(2, 3, 4))
    raw = good.read_bytes()
    cases = {
        "empty": b"",
        "truncated": raw[:-5],
        "random": bytes(np.random.default_rng(1).integers(0, 256, 64, dtype=np.uint8)),
        "badtype": raw[:2] + b"\x42" + raw[3:],
        "badgzip": b"\x1f\x8b" + b"garbage",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(IdxError):
            read_idx(path)
    (tmp_path / "gz.idx").write_bytes(gzip.compress(raw[:-1]))
    with pytest.raises(IdxError, match="truncated"):
        read_idx(tmp_path / "gz.idx")


def test_mnist_folder_reports_missing_files(tmp_path):
    with pytest.raises(IdxError, match="missing train-images"):
        load_mnist_folder(tmp_path)
    with pytest.raises(IdxError, match="not a folder"):
        load_mnist_folder(tmp_path / "nope")
