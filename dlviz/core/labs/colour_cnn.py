"""Chapter 4: a Tiny VGG on generated colour images — colour and shape.

CNN Explainer's network (two blocks of two 3 × 3 convolutions with ten channels,
ReLU, 2 × 2 max pooling, then one dense layer) on 32 × 32 RGB images generated
here, nothing downloaded: a red, green or blue disc, square or triangle (nine
classes) of random size and place on a dim background of random colour with a
faint random stripe texture and pixel noise. The class needs the colour (which
channel is bright) and the shape (where the edges are), so the first layer's
kernels become colour-edge detectors that read the R, G and B channels
differently — the RGB → first-layer view is real.

The task is a :class:`dlviz.core.labs.cnn.CnnTask` (same snapshots and requests,
the same ``image_classifier`` stage) with RGB inputs: its snapshot's ``image`` is
(3, H, W), its ``filters`` are the first layer's kernels (n, 3, k, k), and it names
its classes (``class_names``).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.labs.cnn import MAX_CHANNELS, CnnTask, first_conv
from dlviz.core.params import ParamSpec

IMAGE_SIZE = 32
COLOURS = ("red", "green", "blue")
SHAPES = ("disc", "square", "triangle")
#: Class ``i`` is colour ``i // 3`` and shape ``i % 3``.
CLASS_NAMES = tuple(f"{c} {s}" for c in COLOURS for s in SHAPES)
TRAIN_PER_CLASS = 200
VAL_PER_CLASS = 40
#: Brightness of the shape's own channel and the most of the other two.
SHAPE_BRIGHT, SHAPE_OTHER = (0.65, 1.0), 0.3
#: Background channels (each drawn at random) and the pixel noise's std.
BACKGROUND, NOISE = (0.05, 0.45), 0.05
#: Half-size of a shape in pixels (radius of a disc).
SHAPE_SIZE = (6.0, 11.0)
#: Squares and triangles stand upright, turned by at most this (radians, 15°).
TURN = np.pi / 12


def _shape_mask(shape: str, cy: float, cx: float, r: float, angle: float,
                size: int) -> np.ndarray:
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64) + 0.5
    dy, dx = yy - cy, xx - cx
    if shape == "disc":
        return dy * dy + dx * dx <= r * r
    # squares and triangles turn a little (upright ± TURN)
    cos, sin = np.cos(angle), np.sin(angle)
    u, v = cos * dx + sin * dy, -sin * dx + cos * dy
    if shape == "square":
        side = r * 0.9
        return (np.abs(u) <= side) & (np.abs(v) <= side)
    # an equilateral triangle with circumradius r: inside all three edges
    inside = np.ones_like(u, dtype=bool)
    for k in range(3):  # edge normals: down, and up-left / up-right (apex up)
        theta = angle + np.pi / 2 + 2 * np.pi * k / 3
        inside &= (np.cos(theta) * dx + np.sin(theta) * dy) <= r / 2
    return inside


def make_colour_shapes(per_class: int, seed: int = 0, size: int = IMAGE_SIZE
                       ) -> tuple[torch.Tensor, torch.Tensor]:
    """``per_class`` images of each class of :data:`CLASS_NAMES`, shuffled: RGB
    (N, 3, size, size) in [0, 1] and labels (N,)."""
    rng = np.random.default_rng(seed)
    n = per_class * len(CLASS_NAMES)
    labels = rng.permutation(np.repeat(np.arange(len(CLASS_NAMES)), per_class))
    images = np.empty((n, 3, size, size), np.float32)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64)
    for i, label in enumerate(labels):
        colour, shape = divmod(int(label), len(SHAPES))
        # background: a random dim colour with faint stripes at a random angle
        base = rng.uniform(*BACKGROUND, size=3)
        phase, turn = rng.uniform(0, 2 * np.pi), rng.uniform(0, np.pi)
        period = rng.uniform(4.0, 10.0)
        stripes = np.sin(2 * np.pi * (np.cos(turn) * xx + np.sin(turn) * yy) / period
                         + phase)
        tint = rng.uniform(-0.08, 0.08, size=3)
        image = base[:, None, None] + tint[:, None, None] * stripes[None]
        # the shape
        r = rng.uniform(*SHAPE_SIZE)
        cy, cx = rng.uniform(r, size - r, size=2)
        mask = _shape_mask(SHAPES[shape], cy, cx, r, rng.uniform(-TURN, TURN), size)
        paint = rng.uniform(0.0, SHAPE_OTHER, size=3)
        paint[colour] = rng.uniform(*SHAPE_BRIGHT)
        image[:, mask] = paint[:, None]
        image += rng.normal(0.0, NOISE, size=image.shape)
        images[i] = np.clip(image, 0.0, 1.0)
    return torch.from_numpy(images), torch.from_numpy(labels.astype(np.int64))


class TinyVGG(nn.Sequential):
    """CNN Explainer's Tiny VGG for 32 × 32 RGB: 32 → 30 → 28 → 14 → 12 → 10 → 5,
    ten channels, then one dense layer; module names as CNN Explainer shows them."""

    def __init__(self, channels: int = 10, classes: int = len(CLASS_NAMES),
                 size: int = IMAGE_SIZE):
        c = channels
        side = ((size - 4) // 2 - 4) // 2
        super().__init__(OrderedDict([
            ("conv_1_1", nn.Conv2d(3, c, 3)), ("relu_1_1", nn.ReLU()),
            ("conv_1_2", nn.Conv2d(c, c, 3)), ("relu_1_2", nn.ReLU()),
            ("max_pool_1", nn.MaxPool2d(2)),
            ("conv_2_1", nn.Conv2d(c, c, 3)), ("relu_2_1", nn.ReLU()),
            ("conv_2_2", nn.Conv2d(c, c, 3)), ("relu_2_2", nn.ReLU()),
            ("max_pool_2", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("output", nn.Linear(c * side * side, classes)),
        ]))


class ColourCnnTask(CnnTask):
    """Tiny VGG on the generated colour shapes; the CNN labs' snapshots with RGB."""

    def __init__(self, hp: dict, device: torch.device):
        SupervisedTask.__init__(self, hp, device)
        seed = int(hp["seed"])
        torch.manual_seed(seed)
        model = TinyVGG(int(hp["channels"]))
        xt, yt = make_colour_shapes(TRAIN_PER_CLASS, seed)
        xv, yv = make_colour_shapes(VAL_PER_CLASS, seed + 1000)
        self.augment_options = {}
        self.augment = None
        self.setup(model, xt, yt, xv, yv)
        self.sample_index = self._checked_index(int(hp.get("sample_index", 0)))
        self.filters_layer, self.conv1 = first_conv(self.model)
        self._confusion = None
        self._confusion_step = -1

    def set_augmentation(self, enabled: bool) -> bool:
        return False  # no augmentation of generated shapes

    def _store_confusion(self, logits: torch.Tensor) -> None:
        k = len(CLASS_NAMES)
        pairs = self.y_val * k + logits.argmax(1)
        counts = torch.bincount(pairs, minlength=k * k).reshape(k, k)
        self._confusion = counts.cpu().numpy().astype(np.int64)
        self._confusion_step = self.step

    def look(self, x: torch.Tensor) -> dict[str, Any]:
        out = super().look(x)
        out.update(image=x[0].detach().cpu().numpy().astype(np.float32),
                   class_names=list(CLASS_NAMES))
        return out

    def snapshot(self) -> dict[str, Any]:
        out = super().snapshot()
        weight = self.conv1.weight
        n = min(MAX_CHANNELS, weight.shape[0])
        grad = weight.grad
        out.update(
            filters=weight[:n].detach().cpu().numpy().astype(np.float32),
            filter_grads=(np.zeros(tuple(weight[:n].shape), np.float32) if grad is None
                          else grad[:n].detach().cpu().numpy().astype(np.float32)),
        )
        out.pop("augment", None)  # nothing to switch on
        return out

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "predict_image" or (kind == "explain_unit"
                                       and payload.get("image") is not None):
            raise ValueError("the colour lab has no drawing page")
        result = super().handle(kind, payload)
        if kind == "attribute":  # the overlay's base: the image's brightness
            index = result["index"]
            result["image"] = self.x_val[index].mean(0).cpu().numpy().astype(np.float32)
            result["rgb"] = self.x_val[index].cpu().numpy().astype(np.float32)
            result["class_names"] = list(CLASS_NAMES)
        return result


def _build(hp: dict, device: torch.device) -> ColourCnnTask:
    return ColourCnnTask(hp, device)


LABS = [
    LabSpec(
        key="colour_shapes",
        title="Tiny VGG on colour shapes",
        chapter="cnn",
        year=2020,
        teaches="RGB in, colour-and-shape out: the first layer reads the red, green "
        "and blue channels; click any unit to see its arithmetic.",
        stage="image_classifier",
        factory=_build,
        heavy=True,
        params=(
            ParamSpec("sample_index", "Shown sample", "int", 0, minimum=0,
                      maximum=VAL_PER_CLASS * len(CLASS_NAMES) - 1, group="data",
                      help="Which validation image the feature maps show."),
            ParamSpec("channels", "Channels", "int", 10, minimum=2, maximum=32,
                      help="Channels of every convolution (CNN Explainer: 10)."),
        ),
        training_defaults={"optimizer": "Adam", "batch_size": 64, "lr": 0.003},
        authors="Wang, Turko, Shaikh, Park, Das, Hohman, Kahng, Chau",
        idea="CNN Explainer's Tiny VGG: two blocks of two 3×3 convolutions and max "
        "pooling, one dense layer, on colour images.",
        paper="CNN Explainer: Learning Convolutional Neural Networks with Interactive "
        "Visualization (IEEE VIS 2020)",
    )
]
