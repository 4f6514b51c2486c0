"""Generated scenes with known answers: digits with boxes, shapes with pixel masks.

Nothing is downloaded: the digits are scikit-learn's bundled 8 × 8 images, scaled up
and pasted on a dark, slightly noisy background; the shapes are drawn from formulas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from dlviz.core.data.digits import load_digits_images

#: Segmentation classes: index → English name (0 is the background).
SHAPE_CLASSES = ("background", "disc", "square", "triangle")
#: Pixels of a scaled digit brighter than this count as ink for its box.
INK = 0.3


@dataclass
class DetectionScenes:
    """Scenes of digits with their boxes.

    Attributes
    ----------
    images
        (N, 1, S, S) float32 in [0, 1].
    boxes
        (N, M, 4) corner boxes in pixels; rows past ``counts[i]`` are zero.
    labels
        (N, M) int64 class index (0 … n_classes − 1), −1 for unused rows.
    counts
        (N,) int64 number of objects in each scene.
    """

    images: torch.Tensor
    boxes: torch.Tensor
    labels: torch.Tensor
    counts: torch.Tensor

    def objects(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Boxes (K, 4) and labels (K,) of scene ``i``."""
        k = int(self.counts[i])
        return self.boxes[i, :k], self.labels[i, :k]


def _scaled_digits(digits: np.ndarray, sizes: range) -> dict[int, np.ndarray]:
    """Every digit scaled to every size at once: size → (N, size, size)."""
    x = torch.from_numpy(digits)[:, None]
    return {
        size: F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
        [:, 0].clamp(0, 1).numpy()
        for size in sizes
    }


def _paste(canvas: np.ndarray, scaled: np.ndarray, x: int, y: int) -> tuple:
    """Draw a scaled digit at (x, y) (brightest wins); return its ink's tight box."""
    size = scaled.shape[0]
    region = canvas[y : y + size, x : x + size]
    np.maximum(region, scaled, out=region)
    rows = np.flatnonzero((scaled > INK).any(1))
    cols = np.flatnonzero((scaled > INK).any(0))
    return (x + cols[0], y + rows[0], x + cols[-1] + 1.0, y + rows[-1] + 1.0)


def _overlap(box: tuple, others: list[tuple]) -> bool:
    x0, y0, x1, y1 = box
    for a0, b0, a1, b1 in others:
        if min(x1, a1) - max(x0, a0) > 1 and min(y1, b1) - max(y0, b0) > 1:
            return True
    return False


def make_detection_scenes(
    n_scenes: int,
    n_classes: int = 3,
    image_size: int = 64,
    max_objects: int = 3,
    sizes: tuple[int, int] = (14, 26),
    noise: float = 0.05,
    split: str = "train",
    seed: int = 0,
) -> DetectionScenes:
    """``n_scenes`` images with 1 … ``max_objects`` digits of classes
    0 … ``n_classes − 1`` that do not overlap; the digits of the validation
    scenes (``split="val"``) are digits the training scenes never use."""
    xt, yt, xv, yv = load_digits_images(8, 0.2, seed)
    pool_x, pool_y = (xt, yt) if split == "train" else (xv, yv)
    keep = pool_y < n_classes
    digits, digit_labels = pool_x[keep, 0].numpy(), pool_y[keep].numpy()
    scaled = _scaled_digits(digits, range(sizes[0], sizes[1] + 1))
    rng = np.random.default_rng(seed * 7919 + (0 if split == "train" else 1))
    images = np.zeros((n_scenes, image_size, image_size), np.float32)
    boxes = np.zeros((n_scenes, max_objects, 4), np.float32)
    labels = np.full((n_scenes, max_objects), -1, np.int64)
    counts = np.zeros(n_scenes, np.int64)
    for i in range(n_scenes):
        placed: list[tuple] = []
        for _ in range(int(rng.integers(1, max_objects + 1))):
            for _attempt in range(20):
                size = int(rng.integers(sizes[0], sizes[1] + 1))
                x, y = rng.integers(0, image_size - size + 1, size=2)
                pick = int(rng.integers(len(digits)))
                box = (float(x), float(y), float(x + size), float(y + size))
                if not _overlap(box, placed):
                    break
            else:
                continue
            tight = _paste(images[i], scaled[size][pick], int(x), int(y))
            k = len(placed)
            placed.append(box)
            boxes[i, k] = tight
            labels[i, k] = digit_labels[pick]
        counts[i] = len(placed)
    if noise > 0:
        images += rng.normal(0.0, noise, images.shape).astype(np.float32)
    images = np.clip(images, 0.0, 1.0)
    return DetectionScenes(
        torch.from_numpy(images)[:, None],
        torch.from_numpy(boxes),
        torch.from_numpy(labels),
        torch.from_numpy(counts),
    )


def _shape_mask(kind: int, size: int, yy: np.ndarray, xx: np.ndarray,
                x: float, y: float) -> np.ndarray:
    """Boolean mask of one shape whose bounding square starts at (x, y)."""
    half = size / 2
    cx, cy = x + half, y + half
    if kind == 1:  # disc
        return (xx - cx) ** 2 + (yy - cy) ** 2 <= half**2
    if kind == 2:  # square, a little smaller so its area is close to the disc's
        side = half * 0.85
        return (np.abs(xx - cx) <= side) & (np.abs(yy - cy) <= side)
    # triangle pointing up: apex at the top, base at the bottom
    top, bottom = y, y + size
    rel = (yy - top) / max(size, 1)
    return (yy >= top) & (yy <= bottom) & (np.abs(xx - cx) <= rel * half)


def make_segmentation_scenes(
    n_scenes: int,
    image_size: int = 48,
    max_objects: int = 3,
    sizes: tuple[int, int] = (12, 24),
    noise: float = 0.15,
    seed: int = 0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Images (N, 1, S, S) float32 of discs, squares and triangles over noise, and
    their masks (N, S, S) int64 with the classes of :data:`SHAPE_CLASSES`.

    Shapes have random brightness, so only their form tells the class; a later shape
    covers an earlier one in both the image and the mask.
    """
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:image_size, 0:image_size].astype(np.float32) + 0.5
    images = rng.uniform(0.0, 0.35, (n_scenes, image_size, image_size))
    masks = np.zeros((n_scenes, image_size, image_size), np.int64)
    for i in range(n_scenes):
        for _ in range(int(rng.integers(1, max_objects + 1))):
            kind = int(rng.integers(1, len(SHAPE_CLASSES)))
            size = int(rng.integers(sizes[0], sizes[1] + 1))
            x, y = rng.uniform(-size * 0.2, image_size - size * 0.8, size=2)
            inside = _shape_mask(kind, size, yy, xx, x, y)
            images[i][inside] = rng.uniform(0.55, 1.0)
            masks[i][inside] = kind
    images += rng.normal(0.0, noise, images.shape)
    images = np.clip(images, 0.0, 1.0).astype(np.float32)
    return torch.from_numpy(images)[:, None], torch.from_numpy(masks)
