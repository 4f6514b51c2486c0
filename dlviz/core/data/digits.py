"""scikit-learn's bundled handwritten digits (1,797 images of 8×8, 10 classes).

The data ships inside scikit-learn: nothing is downloaded. Pixel values are scaled to
[0, 1]; :func:`load_digits_images` can upsample to 28×28 or 32×32 for the CNN labs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import torch
import torch.nn.functional as F


@lru_cache(maxsize=1)
def _raw() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images = (bunch.images / 16.0).astype(np.float32)
    return images, bunch.target.astype(np.int64)


def load_digits_images(
    size: int = 8, val_fraction: float = 0.2, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Images as (N, 1, size, size) float tensors in [0, 1], split into train and
    validation by a seeded, class-stratified shuffle."""
    images, labels = _raw()
    x = torch.from_numpy(images).unsqueeze(1)
    if size != 8:
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
        x = x.clamp(0.0, 1.0)
    y = torch.from_numpy(labels)
    train_idx, val_idx = stratified_split(labels, val_fraction, seed)
    return x[train_idx], y[train_idx], x[val_idx], y[val_idx]


def stratified_split(
    labels: np.ndarray, val_fraction: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a split that keeps each class's share in both parts."""
    rng = np.random.default_rng(seed + 7)
    train, val = [], []
    for cls in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == cls))
        n_val = max(1, int(round(len(idx) * val_fraction)))
        val.append(idx[:n_val])
        train.append(idx[n_val:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(val))
