"""Chapter 7: object detection (anchors, IoU, NMS, a tiny single-shot detector) and
semantic segmentation (a tiny FCN with transposed convolutions; a tiny U-Net beside
it, with concatenated skips and the checkerboard of transposed convolutions).

Both tasks train on generated scenes with known answers (:mod:`dlviz.core.vision`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.params import ParamSpec
from dlviz.core.train.optim import build_optimizer
from dlviz.core.vision.boxes import make_anchors, match_anchors
from dlviz.core.vision.detector import (
    MultiBoxLoss,
    TinyDetector,
    anchor_targets,
    detect,
    evaluate_detections,
)
from dlviz.core.vision.fcn import (
    TinyFCN,
    confusion_matrix,
    segmentation_scores,
    transposed_conv_output_size,
)
from dlviz.core.vision.scenes import (
    SHAPE_CLASSES,
    make_detection_scenes,
    make_segmentation_scenes,
)
from dlviz.core.vision.unet import (
    LEVELS,
    UPSAMPLING,
    TinyUNet,
    checkerboard_amplitude,
    checkerboard_strength,
    flat_response,
)

DETECTION_IMAGE = 64
FEATURE_SIZE = 8
SEGMENTATION_IMAGE = 48
#: Anchor sizes (pixels, the square root of the area) and ratios (width / height).
ANCHOR_SIZES = {"12, 20": (12.0, 20.0), "16": (16.0,), "10, 16, 24": (10.0, 16.0, 24.0)}
ANCHOR_RATIOS = {"1, 1/2": (1.0, 0.5), "1": (1.0,), "2, 1, 1/2": (2.0, 1.0, 0.5)}
#: Most candidate boxes kept before NMS (in the snapshot and in evaluation).
TOP_K = 64
#: Validation scenes: few enough that evaluating often stays cheap.
VAL_SCENES = 120


def _np(t: torch.Tensor, dtype=np.float32) -> np.ndarray:
    return t.detach().cpu().numpy().astype(dtype)


_SCORE = ParamSpec("score_threshold", "Score threshold", "float", 0.5,
                   minimum=0.01, maximum=0.99,
                   help="Boxes with a lower class probability are dropped.")
_NMS = ParamSpec("nms_threshold", "NMS IoU threshold", "float", 0.45,
                 minimum=0.05, maximum=1.0,
                 help="NMS removes a box overlapping a better one more than this.")


class DetectionTask(SupervisedTask):
    """A single-shot detector finding digits 0 … C − 1 in 64 × 64 scenes.

    The thresholds only filter the network's output: they are *live* settings
    (:attr:`live_hparams`) that a ``set_hparams`` request changes without
    rebuilding or retraining anything.
    """

    classification = False
    #: Settings applied to the running task by ``handle("set_hparams", …)``.
    live_hparams: tuple[str, ...] = (_SCORE.key, _NMS.key)

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        self.n_classes = int(hp["classes"])
        self.class_names = [str(i) for i in range(self.n_classes)]
        self.sizes = ANCHOR_SIZES[hp["anchor_sizes"]]
        self.ratios = ANCHOR_RATIOS[hp["anchor_ratios"]]
        self.match_iou = float(hp["match_iou"])
        self.score_threshold = float(hp["score_threshold"])
        self.nms_threshold = float(hp["nms_threshold"])
        self.anchors = make_anchors(FEATURE_SIZE, DETECTION_IMAGE, self.sizes,
                                    self.ratios)
        self.train_scenes = make_detection_scenes(int(hp["scenes"]), self.n_classes,
                                                  DETECTION_IMAGE, seed=seed)
        self.val_scenes = make_detection_scenes(VAL_SCENES, self.n_classes,
                                                DETECTION_IMAGE, split="val",
                                                seed=seed)
        targets = [
            anchor_targets(self.anchors, s.boxes, s.labels, s.counts, self.match_iou)
            for s in (self.train_scenes, self.val_scenes)
        ]
        torch.manual_seed(seed)
        model = TinyDetector(self.n_classes, len(self.sizes) * len(self.ratios),
                             int(hp["width"]))
        self.setup(model, self.train_scenes.images, targets[0],
                   self.val_scenes.images, targets[1],
                   criterion=MultiBoxLoss(self.n_classes))
        self.anchors = self.anchors.to(device)
        self.scene_index = int(hp["scene_index"]) % len(self.x_val)
        self.last_validation: dict[str, float] = {}

    def train_step(self) -> dict[str, float]:
        metrics = super().train_step()
        metrics["class_loss"] = self.criterion.last_class_loss
        metrics["box_loss"] = self.criterion.last_box_loss
        return metrics

    def detect(self, out: torch.Tensor) -> list:
        return detect(out, self.anchors, self.n_classes, DETECTION_IMAGE,
                      self.score_threshold, self.nms_threshold, TOP_K)

    def evaluate(self) -> dict[str, float]:
        out = self.predict(self.x_val)
        found = [d.kept() for d in self.detect(out)]
        truths = [self.val_scenes.objects(i) for i in range(len(self.x_val))]
        scores = evaluate_detections(found, truths, self.n_classes, 0.5)
        self.last_validation = {
            "val_loss": float(self.criterion(out, self.y_val)),
            "val_map50": scores["map50"],
            "val_recall": scores["recall"],
            "val_precision": scores["precision"],
        }
        return dict(self.last_validation)

    def snapshot(self) -> dict[str, Any]:
        i = self.scene_index
        boxes, labels = self.val_scenes.objects(i)
        assigned, iou = match_anchors(self.anchors, boxes, self.match_iou)
        matched = torch.nonzero(assigned >= 0).flatten()
        out = self.predict(self.x_val[i : i + 1])
        found = self.detect(out)[0]
        probs = torch.softmax(out[0, :, : self.n_classes + 1], -1)
        objectness = (1 - probs[:, 0]).reshape(FEATURE_SIZE, FEATURE_SIZE, -1)
        return {
            "image": _np(self.x_val[i, 0]),
            "scene_index": i,
            "gt_boxes": _np(boxes),
            "gt_labels": _np(labels, np.int64),
            "matched_anchors": _np(self.anchors[matched]),
            "matched_gt": _np(assigned[matched], np.int64),
            "matched_iou": _np(iou[matched]),
            "n_anchors": len(self.anchors),
            "anchors_per_cell": len(self.sizes) * len(self.ratios),
            "feature_size": FEATURE_SIZE,
            "cell_anchors": _np(self.anchors[: len(self.sizes) * len(self.ratios)]),
            "pred_boxes": _np(found.boxes),
            "pred_scores": _np(found.scores),
            "pred_labels": _np(found.labels, np.int64),
            "pred_keep": _np(found.keep, np.int64),
            "objectness": _np(objectness.max(-1).values),
            "class_names": list(self.class_names),
            "score_threshold": self.score_threshold,
            "nms_threshold": self.nms_threshold,
            "match_iou": self.match_iou,
            "validation": dict(self.last_validation),
        }

    def set_live_hparams(self, values: dict) -> dict:
        """Apply live settings to the running task (validated: raises ParamError, or
        ValueError for a setting that needs a rebuild). Returns ``applied_hparams``
        (the values now in force, for the session's settings) and the snapshot."""
        specs = {spec.key: spec for spec in (_SCORE, _NMS)}
        other = sorted(set(values) - set(specs))
        if other:
            raise ValueError(f"not live settings of the detector: {', '.join(other)}")
        checked = {key: specs[key].validate(value) for key, value in values.items()}
        self.hparams.update(checked)
        self.score_threshold = float(self.hparams[_SCORE.key])
        self.nms_threshold = float(self.hparams[_NMS.key])
        return {"applied_hparams": checked, "snapshot": self.snapshot()}

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "set_hparams":
            return self.set_live_hparams(payload)
        if kind == "set_thresholds":
            if "score" in payload:
                self.score_threshold = float(np.clip(payload["score"], 0.01, 0.99))
            if "nms" in payload:
                self.nms_threshold = float(np.clip(payload["nms"], 0.05, 1.0))
            applied = {_SCORE.key: self.score_threshold, _NMS.key: self.nms_threshold}
            self.hparams.update(applied)
            return {"applied_hparams": applied, "snapshot": self.snapshot()}
        if kind == "select_scene":  # the view changes: a new live snapshot
            self.scene_index = int(payload["index"]) % len(self.x_val)
            return {"scene_index": self.scene_index, "snapshot": self.snapshot()}
        return super().handle(kind, payload)


class SegmentationTask(SupervisedTask):
    """A tiny FCN labelling every pixel: background, disc, square or triangle."""

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        self.class_names = list(SHAPE_CLASSES)
        xt, yt = make_segmentation_scenes(int(hp["scenes"]), SEGMENTATION_IMAGE,
                                          noise=float(hp["noise"]), seed=seed)
        xv, yv = make_segmentation_scenes(200, SEGMENTATION_IMAGE,
                                          noise=float(hp["noise"]), seed=seed + 1000)
        torch.manual_seed(seed)
        model = TinyFCN(len(SHAPE_CLASSES), int(hp["width"]), bool(hp["skip"]))
        self.setup(model, xt, yt, xv, yv)
        self.sample_index = int(hp["sample_index"]) % len(self.x_val)
        self.class_iou = np.full(len(SHAPE_CLASSES), np.nan)

    def evaluate(self) -> dict[str, float]:
        out = self.predict(self.x_val)
        cm = confusion_matrix(out.argmax(1), self.y_val, len(SHAPE_CLASSES))
        scores = segmentation_scores(cm.cpu())
        self.class_iou = scores["iou"]
        return {
            "val_loss": float(self.criterion(out, self.y_val)),
            "val_acc": scores["pixel_acc"],
            "val_miou": scores["miou"],
        }

    def upsampling(self) -> list[dict[str, Any]]:
        """Each transposed convolution: its settings, input and output size."""
        n = SEGMENTATION_IMAGE // 8
        layers = []
        for name, layer in self.model.upsampling_layers():
            k, s, p = layer.kernel_size[0], layer.stride[0], layer.padding[0]
            out = transposed_conv_output_size(n, k, s, p)
            layers.append({"name": name, "n": n, "kernel": k, "stride": s,
                           "padding": p, "out": out})
            n = out
        return layers

    def snapshot(self) -> dict[str, Any]:
        i = self.sample_index
        out = self.predict(self.x_val[i : i + 1])[0]
        probs = torch.softmax(out, 0)
        return {
            "image": _np(self.x_val[i, 0]),
            "sample_index": i,
            "mask": _np(self.y_val[i], np.int64),
            "predicted": _np(probs.argmax(0), np.int64),
            "probs": _np(probs),
            "class_names": list(self.class_names),
            "class_iou": np.asarray(self.class_iou, np.float32).copy(),
            "skip": bool(self.model.skip),
            "upsampling": self.upsampling(),
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "select_sample":  # the view changes: a new live snapshot
            self.sample_index = int(payload["index"]) % len(self.x_val)
            return {"sample_index": self.sample_index, "snapshot": self.snapshot()}
        return super().handle(kind, payload)


#: Feature maps of each kind shown per skip level (the most varied ones).
SKIP_MAPS = 4
#: Side of the flat input fed to the last upsampling layer alone.
FLAT_SIDE = 8


def _varied(maps: torch.Tensor, k: int) -> torch.Tensor:
    """Indices (ascending) of the ``k`` maps of (C, H, W) that vary most."""
    spread = maps.flatten(1).std(1)
    return torch.sort(torch.topk(spread, min(k, len(spread))).indices).values


def _strongest(maps: torch.Tensor) -> int:
    """The map of (C, H, W) with the largest period-2 pattern."""
    return int(np.argmax(checkerboard_amplitude(maps)))


class UNetTask(SupervisedTask):
    """A tiny U-Net and the tiny FCN learning the same images from the same batches
    (same seed, same width, same optimizer): the lab's curves, masks and mean IoU
    compare the two; the snapshot adds what crosses each skip and how the
    decoder's upsampling answers a flat input."""

    classification = False
    #: A snapshot runs both networks and two flat inputs: a lower rate suffices.
    snapshot_hz = 15.0

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        self.class_names = list(SHAPE_CLASSES)
        n = len(SHAPE_CLASSES)
        xt, yt = make_segmentation_scenes(int(hp["scenes"]), SEGMENTATION_IMAGE,
                                          noise=float(hp["noise"]), seed=seed)
        xv, yv = make_segmentation_scenes(200, SEGMENTATION_IMAGE,
                                          noise=float(hp["noise"]), seed=seed + 1000)
        width = int(hp["width"])
        torch.manual_seed(seed)
        self.setup(TinyUNet(n, width, str(hp["upsampling"])), xt, yt, xv, yv)
        torch.manual_seed(seed)
        self.fcn = TinyFCN(n, width, skip=True).to(device)
        self.fcn_optimizer = build_optimizer(hp["optimizer"], self.fcn.parameters(),
                                             hp["lr"], hp["weight_decay"])
        self.flat_value = float(xt.mean())
        self.sample_index = int(hp["sample_index"]) % len(self.x_val)
        self.class_iou = {"unet": np.full(n, np.nan), "fcn": np.full(n, np.nan)}
        self.miou = {"unet": float("nan"), "fcn": float("nan")}

    def modules(self) -> dict[str, torch.nn.Module]:
        return {"model": self.model, "fcn": self.fcn}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer, "fcn": self.fcn_optimizer}

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        loss = self.loss_of(self.model(x), y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        metrics = {"loss": float(loss.detach()), **self._fcn_step(x, y)}
        self.step += 1
        return metrics

    def trace_step(self):
        """The U-Net's step recorded (its diagram shows the concatenations as
        joins); the FCN takes its step on the same batch, unrecorded."""
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        trace = record_supervised_step(self.model, x, y, self.loss_of,
                                       self.optimizer, name="model")
        trace.metrics.update(self._fcn_step(x, y))
        self.step += 1
        return trace

    def _fcn_step(self, x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
        self.fcn.train()
        loss = self.criterion(self.fcn(x), y)
        self.fcn_optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.fcn_optimizer.step()
        return {"loss_twin": float(loss.detach())}

    @torch.no_grad()
    def _outputs(self, net: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
        was = net.training
        net.eval()
        out = torch.cat([net(x[i : i + 256]) for i in range(0, len(x), 256)])
        net.train(was)
        return out

    def evaluate(self) -> dict[str, float]:
        metrics = {}
        for key, net, suffix in (("unet", self.model, ""), ("fcn", self.fcn, "_twin")):
            out = self._outputs(net, self.x_val)
            cm = confusion_matrix(out.argmax(1), self.y_val, len(SHAPE_CLASSES))
            scores = segmentation_scores(cm.cpu())
            self.class_iou[key] = scores["iou"]
            self.miou[key] = scores["miou"]
            # mean IoU only: two training losses and two mIoU curves keep the
            # curve panels' legends readable on a projector
            metrics[f"val_miou{suffix}"] = scores["miou"]
        return metrics

    @torch.no_grad()
    def skips(self, features: dict[str, torch.Tensor]) -> list[dict[str, Any]]:
        """Per skip level, finest first: the most varied of the encoder's maps that
        cross it and of the upsampled maps they are concatenated with."""
        levels = []
        for enc, up in LEVELS:
            skip, below = features[enc][0], features[up][0]
            ks, ku = _varied(skip, SKIP_MAPS), _varied(below, SKIP_MAPS)
            levels.append({
                "size": int(skip.shape[-1]),
                "skip": _np(skip[ks]), "skip_channels": _np(ks, np.int64),
                "skip_count": int(skip.shape[0]),
                "up": _np(below[ku]), "up_channels": _np(ku, np.int64),
                "up_count": int(below.shape[0]),
            })
        return levels

    @torch.no_grad()
    def checkerboard(self) -> dict[str, Any]:
        """The last upsampling layer alone on a flat input, and the whole U-Net on a
        flat image (the data's mean brightness): the map of each with the largest
        period-2 pattern, and the strength of that pattern over all maps."""
        was = self.model.training
        self.model.eval()
        layer = flat_response(self.model.up1, self.model.up1_in_channels(),
                              FLAT_SIDE)
        flat = torch.full((1, 1, SEGMENTATION_IMAGE, SEGMENTATION_IMAGE),
                          self.flat_value, device=self.device)
        decoder = self.model.features(flat)["dec1"][0]
        self.model.train(was)
        i, j = _strongest(layer), _strongest(decoder)
        return {
            "layer_map": _np(layer[i]), "layer_channel": i,
            "layer_strength": checkerboard_strength(layer),
            "decoder_map": _np(decoder[j]), "decoder_channel": j,
            "decoder_strength": checkerboard_strength(decoder),
            "flat_value": self.flat_value,
        }

    def snapshot(self) -> dict[str, Any]:
        i = self.sample_index
        x = self.x_val[i : i + 1]
        with torch.no_grad():
            was = self.model.training
            self.model.eval()
            features = self.model.features(x)
            self.model.train(was)
        fcn_out = self._outputs(self.fcn, x)[0]
        return {
            "image": _np(x[0, 0]),
            "sample_index": i,
            "mask": _np(self.y_val[i], np.int64),
            "predicted": _np(features["out"][0].argmax(0), np.int64),
            "predicted_fcn": _np(fcn_out.argmax(0), np.int64),
            "class_names": list(self.class_names),
            "class_iou": np.asarray(self.class_iou["unet"], np.float32).copy(),
            "class_iou_fcn": np.asarray(self.class_iou["fcn"], np.float32).copy(),
            "miou": self.miou["unet"],
            "miou_fcn": self.miou["fcn"],
            "upsampling": self.model.upsampling,
            "skips": self.skips(features),
            "checkerboard": self.checkerboard(),
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "select_sample":  # the view changes: a new live snapshot
            self.sample_index = int(payload["index"]) % len(self.x_val)
            return {"sample_index": self.sample_index, "snapshot": self.snapshot()}
        return super().handle(kind, payload)


_WIDTH = ParamSpec("width", "Width", "int", 12, minimum=4, maximum=64,
                   help="Channels of the first convolution; later layers have more.")

LABS = [
    LabSpec(
        key="detection",
        title="Anchor boxes, IoU and NMS",
        chapter="vision",
        year=2016,
        teaches="A one-stage detector: anchors, offsets, scores, then NMS.",
        stage="detection",
        factory=DetectionTask,
        heavy=True,
        authors="Liu et al. (SSD); Redmon et al. (YOLO)",
        idea="Every anchor predicts a class and the offsets to its object.",
        paper="SSD: Single Shot MultiBox Detector (2016)",
        params=(
            ParamSpec("classes", "Digit classes", "int", 3, minimum=1, maximum=10,
                      group="data", help="Scenes contain the digits 0 … classes − 1."),
            ParamSpec("scenes", "Training scenes", "int", 1200, minimum=100,
                      maximum=5000, group="data"),
            ParamSpec("scene_index", "Shown scene", "int", 0, minimum=0,
                      maximum=VAL_SCENES - 1,
                      group="data", help="Which validation scene the views show."),
            ParamSpec("anchor_sizes", "Anchor sizes", "choice", "12, 20",
                      choices=tuple(ANCHOR_SIZES),
                      help="Square root of each anchor's area, in pixels."),
            ParamSpec("anchor_ratios", "Anchor ratios", "choice", "1, 1/2",
                      choices=tuple(ANCHOR_RATIOS),
                      help="Width divided by height of the anchors."),
            ParamSpec("match_iou", "Match IoU", "float", 0.5, minimum=0.1,
                      maximum=0.9,
                      help="An anchor learns an object when their IoU is at least "
                      "this."),
            _SCORE,
            _NMS,
            _WIDTH,
        ),
        training_defaults={"optimizer": "Adam", "lr": 0.003, "batch_size": 32},
    ),
    LabSpec(
        key="segmentation",
        title="FCN: a class for every pixel",
        chapter="vision",
        year=2015,
        teaches="Convolutions shrink, transposed convolutions enlarge: one class per "
        "pixel.",
        stage="segmentation",
        factory=SegmentationTask,
        heavy=True,
        authors="Long, Shelhamer, Darrell",
        idea="No dense layers: 1×1 class scores upsampled by transposed convolutions.",
        paper="Fully Convolutional Networks for Semantic Segmentation (2015)",
        params=(
            ParamSpec("scenes", "Training images", "int", 1000, minimum=100,
                      maximum=5000, group="data"),
            ParamSpec("noise", "Noise", "float", 0.15, minimum=0.0, maximum=0.5,
                      group="data", help="Standard deviation of the pixel noise."),
            ParamSpec("sample_index", "Shown image", "int", 0, minimum=0, maximum=199,
                      group="data", help="Which validation image the views show."),
            ParamSpec("skip", "Skip connection", "bool", True,
                      help="Add scores from the finer 1/4-size features (FCN-16s)."),
            ParamSpec("width", "Width", "int", 16, minimum=4, maximum=64,
                      help="Channels of the first convolution; later layers have "
                      "more."),
        ),
        training_defaults={"optimizer": "Adam", "lr": 0.01, "batch_size": 16},
    ),
    LabSpec(
        key="unet",
        title="U-Net: skips that concatenate",
        chapter="vision",
        year=2015,
        teaches="Encoder features concatenated into the decoder at every size, beside "
        "the FCN; transposed convolution vs upsampling + convolution.",
        stage="unet",
        factory=UNetTask,
        heavy=True,
        authors="Ronneberger, Fischer, Brox",
        idea="Each decoder level joins the encoder's maps of its size: fine detail "
        "goes straight across.",
        paper="U-Net: Convolutional Networks for Biomedical Image Segmentation (2015)",
        params=(
            ParamSpec("scenes", "Training images", "int", 1000, minimum=100,
                      maximum=5000, group="data"),
            ParamSpec("noise", "Noise", "float", 0.15, minimum=0.0, maximum=0.5,
                      group="data", help="Standard deviation of the pixel noise."),
            ParamSpec("sample_index", "Shown image", "int", 0, minimum=0, maximum=199,
                      group="data", help="Which validation image the views show."),
            ParamSpec("upsampling", "Upsampling", "choice", "transposed",
                      choices=UPSAMPLING,
                      help="How the U-Net's decoder doubles the size: a 3×3 "
                      "transposed convolution with stride 2, or nearest-neighbour "
                      "upsampling followed by a 3×3 convolution."),
            ParamSpec("width", "Width", "int", 8, minimum=4, maximum=32,
                      help="Channels of the first convolution of both networks; "
                      "later layers have more."),
        ),
        training_defaults={"optimizer": "Adam", "lr": 0.003, "batch_size": 16},
    ),
]
