"""Chapter 4: the classic convolutional networks trained on the bundled digits.

One lab per network of :mod:`dlviz.core.zoo`; all share :class:`CnnTask` and the
``image_classifier`` stage. The digits (8 × 8) are upsampled to 32 × 32, one channel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlviz.core.data.augment import (
    AUGMENT_PARAMS,
    OPTION_DEFAULTS,
    make_augment,
    normalize_options,
)
from dlviz.core.data.digits import load_digits_images
from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.params import ParamSpec
from dlviz.core.zoo import ZOO
from dlviz.core.zoo.cnn import RESNET_DEPTHS, VGG_MINI_BLOCKS

IMAGE_SIZE = 32
VAL_FRACTION = 0.2
#: Images per class in scikit-learn's digits (1,797 in all); fixed data, checked
#: against the loaded set by the tests.
DIGITS_PER_CLASS = (178, 182, 177, 183, 181, 182, 181, 179, 174, 180)
#: Augmentation switched on when every ``aug_*`` setting is off: a mild preset.
MILD_AUGMENT: dict[str, float] = {
    "rotation": 10.0, "crop_scale": 0.85, "brightness": 0.2, "contrast": 0.2,
}
#: Channels kept per feature map in a snapshot.
MAX_CHANNELS = 16
#: Modules whose outputs are shown as feature maps.
MAP_LAYERS = (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d)


def first_conv(model: nn.Module) -> tuple[str, nn.Conv2d]:
    """Path and module of the first convolution (in registration order)."""
    for path, module in model.named_modules():
        if isinstance(module, nn.Conv2d):
            return path, module
    raise ValueError("the model has no convolution")


def validation_size(val_fraction: float = VAL_FRACTION) -> int:
    """Validation images of the digits' class-stratified split (any seed): 359."""
    return sum(max(1, round(n * val_fraction)) for n in DIGITS_PER_CLASS)


@torch.no_grad()
def capture_feature_maps(
    model: nn.Module, x: torch.Tensor, max_channels: int = MAX_CHANNELS
) -> tuple[torch.Tensor, list[str], list[str], dict[str, np.ndarray], dict[str, int]]:
    """Forward one image (1, C, H, W) in eval mode, recording every conv/pool output.

    Hooks exist only during this call. Returns the logits, the layer paths in
    execution order, their kinds, the maps ``(min(C, max_channels), H, W)`` float32
    by path, and each layer's full channel count. Pooling down to 1 × 1 is skipped.
    """
    paths: list[str] = []
    kinds: list[str] = []
    maps: dict[str, np.ndarray] = {}
    channels: dict[str, int] = {}

    def recorder(path: str):
        def hook(module: nn.Module, inputs, output) -> None:
            if output.dim() != 4 or output.shape[-1] * output.shape[-2] <= 1:
                return
            key = path if path not in maps else f"{path}#{len(paths)}"
            paths.append(key)
            kinds.append(type(module).__name__)
            maps[key] = output[0, :max_channels].detach().float().cpu().numpy()
            channels[key] = int(output.shape[1])

        return hook

    handles = [
        module.register_forward_hook(recorder(path))
        for path, module in model.named_modules()
        if isinstance(module, MAP_LAYERS)
    ]
    was_training = model.training
    model.eval()
    try:
        logits = model(x)
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return logits, paths, kinds, maps, channels


#: Ink of a bundled digit at the 32 × 32 scale of its source bitmap: about 310 of
#: 1024 pixels for every class (the 8 × 8 values summed, times 16).
DIGIT_INK_PIXELS = 310.0
#: Largest stroke change (pixels at the 32 × 32 scale, either way) made to reach it.
MAX_STROKE_CHANGE = 6


def _morph(bitmap: torch.Tensor, radius: int) -> torch.Tensor:
    """Dilate (``radius`` > 0) or erode (< 0) a (1, 1, H, W) image by a square."""
    if radius == 0:
        return bitmap
    k = 2 * abs(radius) + 1
    if radius > 0:
        return F.max_pool2d(bitmap, k, stride=1, padding=abs(radius))
    return -F.max_pool2d(-bitmap, k, stride=1, padding=abs(radius))


def _crop_to_ink(image: torch.Tensor, level: float) -> torch.Tensor | None:
    """The bounding box of the pixels above ``level`` in (1, 1, H, W)."""
    ink = image[0, 0] > level
    if not ink.any():
        return None
    rows, cols = torch.nonzero(ink.any(1))[:, 0], torch.nonzero(ink.any(0))[:, 0]
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    return image[..., top:bottom, int(cols[0]) : int(cols[-1]) + 1]


def _fit_height(crop: torch.Tensor, side: int) -> torch.Tensor:
    """Resize (area averaging) so the height is ``side``, keeping the aspect ratio;
    a digit wider than tall gets ``side`` as its width instead."""
    h, w = crop.shape[-2:]
    scale = side / max(h, w)
    size = (max(1, round(h * scale)), max(1, round(w * scale)))
    mode = "area" if scale < 1 else "bilinear"
    kwargs = {} if mode == "area" else {"align_corners": False}
    return F.interpolate(crop, size=size, mode=mode, **kwargs).clamp(0.0, 1.0)


def _lost_parts(shape: torch.Tensor, grey: torch.Tensor, radius: int) -> bool:
    """Whether thinning by ``-radius`` removed whole strokes: the bounding box then
    shrinks by more than the thinning itself."""
    if radius >= 0:
        return False
    slack = 2 * -radius + 2
    return any(a < b - slack for a, b in zip(shape.shape[-2:], grey.shape[-2:]))


def prepare_drawing(image: np.ndarray, size: int = IMAGE_SIZE) -> torch.Tensor:
    """Turn a drawing (H, W) in [0, 1] into a digit-like input (1, 1, size, size).

    The bundled digits were made from 32 × 32 black-and-white bitmaps whose digit
    fills the height, counted in 4 × 4 blocks down to 8 × 8. The drawing is made
    to look the same: light ink on dark; cropped to its bounding box and scaled to
    the full height of a 32 × 32 bitmap (aspect kept); strokes thickened or thinned
    until the ink covers about as many pixels as a bundled digit's; placed at the
    top and centred left to right by its centre of mass; averaged in 4 × 4 blocks
    to 8 × 8, scaled to a peak of 1; then upsampled bilinearly to ``size`` as
    :func:`load_digits_images` does.
    """
    arr = np.asarray(image, dtype=np.float32)
    if arr.ndim != 2:
        raise ValueError("the drawing must be a 2-D array")
    arr = np.clip(np.nan_to_num(arr), 0.0, 1.0)
    if arr.mean() > 0.5:  # dark ink on a light page
        arr = 1.0 - arr
    peak = float(arr.max())
    empty = torch.zeros(1, 1, size, size)
    if peak <= 0:
        return empty
    crop = _crop_to_ink(torch.from_numpy(arr / peak)[None, None], 0.1)
    if crop is None:
        return empty
    bitmap_side = 32
    grey = _fit_height(crop, bitmap_side)
    # choose the stroke change whose ink, once refitted, is closest to a digit's
    best = None
    for radius in range(-MAX_STROKE_CHANGE, MAX_STROKE_CHANGE + 1):
        padded = F.pad(grey, (abs(radius),) * 4)
        bitmap = (_morph(padded, radius) > 0.35).float()
        shape = _crop_to_ink(bitmap, 0.5)
        if shape is None or _lost_parts(shape, grey, radius):
            continue
        refit = _fit_height(shape, bitmap_side)
        error = abs(float(refit.sum()) - DIGIT_INK_PIXELS)
        if best is None or error < best[0]:
            best = (error, refit)
    if best is None:
        return empty
    digit = best[1][0, 0]
    h, w = digit.shape
    canvas = torch.zeros(bitmap_side, bitmap_side)
    columns = torch.arange(w, dtype=torch.float32)
    centre = float((digit.sum(0) * columns).sum() / digit.sum().clamp_min(1e-6))
    left = round((bitmap_side - 1) / 2 - centre)
    left = min(max(left, 0), bitmap_side - w)
    top = (bitmap_side - h) // 2
    canvas[top : top + h, left : left + w] = digit
    small = F.avg_pool2d(canvas[None, None], bitmap_side // 8)
    small = small / small.max().clamp_min(1e-6)
    out = F.interpolate(small, size=(size, size), mode="bilinear", align_corners=False)
    return out.clamp(0.0, 1.0)


class CnnTask(SupervisedTask):
    """A zoo network trained on the digits; snapshots show what it sees."""

    def __init__(self, hp: dict, device: torch.device, model: nn.Module):
        super().__init__(hp, device)
        xt, yt, xv, yv = load_digits_images(IMAGE_SIZE, VAL_FRACTION, int(hp["seed"]))
        self.augment_options = normalize_options(hp)
        self.augment: Callable[[torch.Tensor], torch.Tensor] | None = None
        if self.augment_options != OPTION_DEFAULTS:
            self.augment = make_augment(self.augment_options, self.generator)
        self.setup(model, xt, yt, xv, yv)
        self.sample_index = self._checked_index(int(hp.get("sample_index", 0)))
        self.filters_layer, self.conv1 = first_conv(self.model)
        self._confusion: np.ndarray | None = None
        self._confusion_step = -1

    def _checked_index(self, index: int) -> int:
        n = len(self.x_val)
        if not 0 <= index < n:
            raise ValueError(
                f"No validation image {index}: there are {n} (0 to {n - 1})."
            )
        return index

    # -- training --------------------------------------------------------------------
    def transform_batch(self, x: torch.Tensor) -> torch.Tensor:
        return self.augment(x) if self.augment is not None else x

    def set_augmentation(self, enabled: bool) -> bool:
        """Augment the training batches from now on (or stop); returns the state.

        Uses the lab's ``aug_*`` settings, or :data:`MILD_AUGMENT` when all are off.
        """
        if not enabled:
            self.augment = None
            return False
        options = self.augment_options
        if options == OPTION_DEFAULTS:
            options = normalize_options(MILD_AUGMENT)
        self.augment = make_augment(options, self.generator)
        return True

    def evaluate(self) -> dict[str, float]:
        out = self.predict(self.x_val)
        self._store_confusion(out)
        return {
            "val_loss": float(self.criterion(out, self.y_val)),
            "val_acc": float((out.argmax(1) == self.y_val).float().mean()),
        }

    def _store_confusion(self, logits: torch.Tensor) -> None:
        pairs = self.y_val * 10 + logits.argmax(1)
        counts = torch.bincount(pairs, minlength=100).reshape(10, 10)
        self._confusion = counts.cpu().numpy().astype(np.int64)
        self._confusion_step = self.step

    def confusion(self) -> tuple[np.ndarray, int]:
        """Validation confusion matrix (rows: true class, columns: predicted) and the
        step it was counted at.

        :meth:`evaluate` counts it on the training loop's validation schedule; it
        is computed here only when no validation has run yet.
        """
        if self._confusion is None:
            self._store_confusion(self.predict(self.x_val))
        return self._confusion, self._confusion_step

    # -- views -------------------------------------------------------------------------
    def look(self, x: torch.Tensor) -> dict[str, Any]:
        """Probabilities and feature maps for one input (1, 1, H, W)."""
        logits, paths, kinds, maps, channels = capture_feature_maps(self.model, x)
        probs = torch.softmax(logits[0], 0).cpu().numpy().astype(np.float32)
        return {
            "image": x[0, 0].detach().cpu().numpy().astype(np.float32),
            "probs": probs,
            "prediction": int(probs.argmax()),
            "layers": paths,
            "layer_kinds": kinds,
            "feature_maps": maps,
            "feature_channels": channels,
        }

    def snapshot(self) -> dict[str, Any]:
        i = self.sample_index
        out = self.look(self.x_val[i : i + 1])
        weight = self.conv1.weight
        n = min(MAX_CHANNELS, weight.shape[0])
        grad = weight.grad
        confusion, confusion_step = self.confusion()
        out.update(
            sample_index=i,
            label=int(self.y_val[i]),
            filters_layer=self.filters_layer,
            filters=weight[:n, 0].detach().cpu().numpy().astype(np.float32),
            filter_grads=(
                np.zeros(tuple(weight[:n, 0].shape), np.float32) if grad is None
                else grad[:n, 0].detach().cpu().numpy().astype(np.float32)
            ),
            confusion=confusion.copy(),
            confusion_step=confusion_step,
            augment=self.augment is not None,
            step=self.step,
        )
        return out

    # -- requests from the stage -------------------------------------------------------
    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "select_sample":  # the view changes: a new live snapshot
            self.sample_index = self._checked_index(int(payload["index"]))
            return {"sample_index": self.sample_index, "snapshot": self.snapshot()}
        if kind == "set_augmentation":
            return {"augment": self.set_augmentation(bool(payload["enabled"]))}
        if kind == "predict_image":
            x = prepare_drawing(payload["image"]).to(self.device)
            return self.look(x)
        if kind == "attribute":
            from dlviz.core.explain.attributions import METHODS, attribute

            index = self._checked_index(int(payload.get("index", self.sample_index)))
            methods = payload.get("methods") or list(METHODS)
            result = attribute(self.model, self.x_val[index], payload.get("target"),
                               methods, token=self.current_request)
            result.update(index=index, label=int(self.y_val[index]),
                          image=self.x_val[index, 0].cpu().numpy().astype(np.float32))
            return result
        if kind == "explain_unit":
            return self.explain_unit(payload)
        return super().handle(kind, payload)

    def unit_input(self, payload: dict) -> tuple[torch.Tensor, dict[str, Any]]:
        """The image a unit request is about: a drawing (``image``) or the
        validation sample ``index`` (default: the shown one)."""
        if payload.get("image") is not None:
            x = prepare_drawing(payload["image"]).to(self.device)
            return x, {"source": "drawing"}
        index = self._checked_index(int(payload.get("index", self.sample_index)))
        return self.x_val[index : index + 1], {"source": "sample", "index": index,
                                               "label": int(self.y_val[index])}

    def explain_unit(self, payload: dict) -> dict[str, Any]:
        """One unit worked out with the real numbers
        (:func:`dlviz.core.explain.unit.explain_unit`), with the input image."""
        from dlviz.core.explain.unit import explain_unit

        x, about = self.unit_input(payload)
        unit = (int(payload.get(k, 0)) for k in ("channel", "row", "col"))
        result = explain_unit(self.model, x, payload.get("layer"), *unit)
        result.update(about, image=x[0].detach().cpu().numpy().astype(np.float32),
                      step=self.step)
        return result


def _factory(name: str, options: Callable[[dict], dict]):
    """A LabSpec factory building the reduced zoo network ``name``."""

    def factory(hp: dict, device: torch.device) -> CnnTask:
        torch.manual_seed(int(hp["seed"]))
        model = ZOO[name].build(full=False, **options(hp))
        return CnnTask(hp, device, model)

    factory.__name__ = f"build_{name}_task"
    return factory


_SAMPLE = ParamSpec(
    "sample_index", "Shown sample", "int", 0, minimum=0,
    maximum=validation_size() - 1, group="data",
    help="Which validation image the feature maps show.",
)


def _width(default: float = 1.0) -> ParamSpec:
    return ParamSpec("width", "Width multiplier", "float", default, minimum=0.25,
                     maximum=4.0, help="Scales the number of channels of every layer.")


def _lab(name: str, teaches: str, params: tuple[ParamSpec, ...],
         options: Callable[[dict], dict], **training: Any) -> LabSpec:
    card = ZOO[name]
    return LabSpec(
        key=name,
        title=card.title.replace("-16", "").replace("-18", ""),
        chapter="cnn",
        year=card.year,
        teaches=teaches,
        stage="image_classifier",
        factory=_factory(name, options),
        heavy=True,
        params=(_SAMPLE, *params, *AUGMENT_PARAMS),
        training_defaults={"optimizer": "Adam", "batch_size": 64, **training},
        authors=card.authors,
        idea=card.idea,
        paper=card.paper,
    )


#: He et al. 2015, Fig. 1 on the digits: with the lab's defaults (batch norm, Adam
#: at 0.003) but batch 32 and half width (8-16-32 channels), a 56-layer *plain*
#: net has a clearly higher training loss than a 20-layer plain net after 150 steps
#: (mean over steps 100-150, seeds 0-2: 1.95-2.20 vs 0.34-0.49), while the
#: 56-layer *residual* net goes lower than both (0.15-0.23). Each setting is one
#: scene of the lesson ``resources/lessons/cnn_resnet_degradation.json`` and one
#: preset button of the ResNet lab (:data:`STAGE_PRESETS`); the tests train all three.
RESNET_DEGRADATION: dict[str, dict[str, Any]] = {
    "plain-20": {"depth": "20", "skip": False, "width": 0.5, "batch_size": 32},
    "plain-56": {"depth": "56", "skip": False, "width": 0.5, "batch_size": 32},
    "residual-56": {"depth": "56", "skip": True, "width": 0.5, "batch_size": 32},
}
#: Training steps after which the degradation is compared (the three runs take
#: about 30 s together on one thread of a busy two-core machine).
RESNET_DEGRADATION_STEPS = 150

#: Presets a lab's stage offers as buttons, by lab key: name → the settings that
#: differ from the lab's defaults. A preset applies the lab's defaults with these
#: changes (as a lesson scene does), so its numbers are the ones measured above.
STAGE_PRESETS: dict[str, dict[str, dict[str, Any]]] = {"resnet": RESNET_DEGRADATION}


def _scale(hp: dict) -> dict:
    return {"width": hp["width"]}


LABS = [
    _lab(
        "lenet5", "Convolution, pooling and a small classifier read digits.",
        (
            ParamSpec("activation", "Activation", "choice", "sigmoid",
                      choices=("sigmoid", "tanh", "ReLU"),
                      help="The 1998 network used sigmoid-like squashing."),
            ParamSpec("pooling", "Pooling", "choice", "avg", choices=("avg", "max"),
                      help="The 1998 network averaged; later nets take the maximum."),
        ),
        lambda hp: {"activation": hp["activation"], "pooling": hp["pooling"]},
        lr=0.003,
    ),
    _lab("alexnet", "A deeper LeNet with ReLU, max pooling and dropout.",
         (_width(),), _scale, lr=0.001),
    _lab(
        "vgg", "Blocks of 3×3 convolutions: depth from one repeated pattern.",
        (
            ParamSpec("blocks", "Convolutions per block", "choice", "2-2-2",
                      choices=tuple(VGG_MINI_BLOCKS),
                      help="Three blocks of 16, 32, 64 channels, each then pooled."),
            _width(),
        ),
        lambda hp: {"config": hp["blocks"], "width": hp["width"]},
        lr=0.001,
    ),
    _lab("nin", "1×1 convolutions and global average pooling instead of dense layers.",
         (_width(),), _scale, lr=0.002),
    _lab("googlenet", "Inception blocks: four parallel paths joined along channels.",
         (_width(),), _scale, lr=0.003),
    _lab(
        "resnet", "Skip connections: a deeper plain net trains worse, a residual one "
        "does not.",
        (
            ParamSpec("skip", "Skip connections", "bool", True,
                      help="Add each block's input to its output."),
            ParamSpec("depth", "Depth", "choice", "14",
                      choices=tuple(str(d) for d in RESNET_DEPTHS),
                      help="Layers with weights, 6n + 2: n blocks in each of the "
                      "three stages (n = 1 … 9)."),
            _width(),
        ),
        lambda hp: {"skip": hp["skip"], "depth": int(hp["depth"]),
                    "width": hp["width"]},
        lr=0.003,
    ),
    _lab("mobilenet", "Depthwise-separable convolutions: far fewer weights per layer.",
         (_width(),), _scale, lr=0.003),
]
