"""Chapter 7: two-stage detection, R-CNN → Fast R-CNN → Faster R-CNN, on the same
generated digit scenes as the one-stage ``detection`` lab.

One network (:class:`~dlviz.core.vision.two_stage.TwoStageDetector`) and a setting,
``pipeline``, for what each generation changed:

* ``rcnn`` — regions from fixed sliding windows (the one-stage lab's anchors, not
  learned: a stand-in for selective search); each region is cut out of the image,
  warped to a fixed size and sent through the CNN on its own;
* ``fast`` — the same windows; the CNN runs once per image and each region is pooled
  from its feature map (RoI pooling or RoI Align);
* ``faster`` — the regions come from the region proposal network, trained with the
  rest, on the shared feature map.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.labs.vision import _NMS, _SCORE, ANCHOR_RATIOS, ANCHOR_SIZES
from dlviz.core.params import ParamSpec
from dlviz.core.vision.boxes import make_anchors
from dlviz.core.vision.detector import evaluate_detections
from dlviz.core.vision.scenes import make_detection_scenes
from dlviz.core.vision.two_stage import (
    PIPELINES,
    ROI_OPS,
    SAMPLES,
    STRIDE,
    TwoStageDetector,
    align_bins,
    crop_regions,
    head_loss,
    pool_bins,
    proposal_recall,
    propose,
    roi_align,
    roi_pool,
    rpn_loss,
    rpn_targets,
    sample_rois,
    second_stage_detections,
)

IMAGE = 64
FEATURE_SIZE = IMAGE // STRIDE
#: The RPN's anchors: the one-stage lab's default shapes, on the finer 16 × 16 grid.
RPN_SIZES, RPN_RATIOS = ANCHOR_SIZES["12, 20"], ANCHOR_RATIOS["1, 1/2"]
#: The fixed windows of R-CNN and Fast R-CNN: the one-stage lab's 8 × 8 anchors.
WINDOW_GRID = 8
VAL_SCENES = 120
#: Validation scenes of the R-CNN pipeline (every window runs the CNN: slow).
RCNN_VAL_SCENES = 40
#: At most this many proposals before NMS are drawn in the snapshot.
SHOWN_CANDIDATES = 64
#: Scenes per chunk when evaluating.
CHUNK = 40
#: Anchors matched to an object at this IoU (RPN and one-stage lab alike).
MATCH_IOU = 0.5


def _np(t: torch.Tensor, dtype=np.float32) -> np.ndarray:
    return t.detach().cpu().numpy().astype(dtype)


_PROPOSALS = ParamSpec(
    "proposals", "Proposals kept (N)", "int", 32, minimum=1, maximum=100,
    help="The RPN's best N boxes after NMS go to the second stage.")
_RPN_NMS = ParamSpec(
    "rpn_nms", "RPN NMS IoU threshold", "float", 0.7, minimum=0.1, maximum=1.0,
    help="NMS among the proposals drops a box overlapping a better one more than "
    "this.")
_LIVE = (_PROPOSALS, _RPN_NMS, _SCORE, _NMS)


class TwoStageTask(SupervisedTask):
    """Regions, then a classifier and box refiner per region (see the module).

    The target of a scene is (M, 5) rows ``(class, x0, y0, x1, y1)``, class −1 for
    unused rows. The proposal count, both NMS thresholds and the score threshold are
    live settings (:attr:`live_hparams`).
    """

    classification = False
    live_hparams: tuple[str, ...] = tuple(spec.key for spec in _LIVE)
    snapshot_hz = 15.0

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        self.n_classes = int(hp["classes"])
        self.class_names = [str(i) for i in range(self.n_classes)]
        self.pipeline = str(hp["pipeline"])
        self.roi_op = str(hp["roi_op"])
        self.roi_size = int(hp["roi_size"])
        self._read_live(hp)
        train = make_detection_scenes(int(hp["scenes"]), self.n_classes, IMAGE,
                                      seed=seed)
        n_val = RCNN_VAL_SCENES if self.pipeline == "rcnn" else VAL_SCENES
        self.val_scenes = make_detection_scenes(n_val, self.n_classes, IMAGE,
                                                split="val", seed=seed)
        torch.manual_seed(seed)
        model = TwoStageDetector(self.n_classes, len(RPN_SIZES) * len(RPN_RATIOS),
                                 self.roi_size, int(hp["width"]))
        self.setup(model, train.images, self._targets(train),
                   self.val_scenes.images, self._targets(self.val_scenes))
        self.anchors = make_anchors(FEATURE_SIZE, IMAGE, RPN_SIZES, RPN_RATIOS,
                                    device=device)
        self.windows = make_anchors(WINDOW_GRID, IMAGE, RPN_SIZES, RPN_RATIOS,
                                    device=device)
        self.scene_index = int(hp["scene_index"]) % len(self.x_val)
        self.proposal_index = 0
        self.last_validation: dict[str, float] = {}
        if self.pipeline == "rcnn":
            self.eval_interval_s = 2.0

    @staticmethod
    def _targets(scenes) -> torch.Tensor:
        return torch.cat((scenes.labels[..., None].float(), scenes.boxes), -1)

    def _read_live(self, hp: dict) -> None:
        self.top_n = int(hp[_PROPOSALS.key])
        self.rpn_nms = float(hp[_RPN_NMS.key])
        self.score_threshold = float(hp[_SCORE.key])
        self.nms_threshold = float(hp[_NMS.key])

    # -- the pieces -----------------------------------------------------------------
    def pool(self, features: torch.Tensor, rois: torch.Tensor) -> torch.Tensor:
        """The chosen RoI operation on the shared feature map."""
        return ROI_OPS[self.roi_op](features, rois, self.roi_size, 1.0 / STRIDE)

    @property
    def crop_size(self) -> int:
        """R-CNN's warped region (pixels): the backbone turns it into k × k cells."""
        return self.roi_size * STRIDE

    def regions_per_image(self) -> int:
        return self.top_n if self.pipeline == "faster" else len(self.windows)

    def backbone_pixels_per_image(self) -> int:
        """Pixels the CNN reads per image at inference: the whole image once, or
        (R-CNN) every warped region."""
        if self.pipeline == "rcnn":
            return len(self.windows) * self.crop_size**2
        return IMAGE * IMAGE

    def _region_features(self, x: torch.Tensor, rois: torch.Tensor,
                         features: torch.Tensor | None, rec=None) -> torch.Tensor:
        """Pooled (K, C, k, k) features of the regions: warped crops through the
        CNN (R-CNN) or the RoI operation on the image's feature map."""
        if self.pipeline == "rcnn":
            crops = crop_regions(x, rois, self.crop_size)
            if rec is not None:
                rec.operation("warp", crops, kind="Warp regions",
                              formula=f"{len(rois)} regions → "
                              f"{self.crop_size}×{self.crop_size} px")
            return self.model(crops)
        pooled = self.pool(features, rois)
        if rec is not None:
            name = "RoI Align" if self.roi_op == "align" else "RoI pool"
            rec.operation(name, pooled, kind=name,
                          formula=f"{len(rois)} regions → {self.roi_size}×"
                          f"{self.roi_size} bins (stride {STRIDE})")
        return pooled

    @staticmethod
    def _unpack(y: torch.Tensor):
        labels = y[..., 0].long()
        counts = (labels >= 0).sum(1)
        return y[..., 1:], labels, counts

    def _loss(self, x: torch.Tensor, y: torch.Tensor, rec=None):
        """The training loss of one batch (``rec``: a trace recorder, or None)."""
        boxes, labels, counts = self._unpack(y)
        parts: dict[str, torch.Tensor] = {}
        features = None
        if self.pipeline == "rcnn":
            regions = [self.windows] * len(x)
        else:
            features = self.model(x)
            if self.pipeline == "fast":
                regions = [self.windows] * len(x)
            else:
                scores, offsets = self.model.rpn(features)
                target, target_offsets = rpn_targets(self.anchors, boxes, labels,
                                                     counts, MATCH_IOU)
                obj, box = rpn_loss(scores, offsets, target, target_offsets)
                parts["rpn_loss"] = obj + box
                found = propose(scores.detach(), offsets.detach(), self.anchors,
                                IMAGE, self.top_n, self.rpn_nms)
                regions = [p.kept()[0] for p in found]
        rois, classes, target_offsets = sample_rois(regions, boxes, labels, counts,
                                                    self.generator)
        pooled = self._region_features(x, rois, features, rec)
        class_scores, box_offsets = self.model.classify(pooled)
        cls, box = head_loss(class_scores, box_offsets, classes, target_offsets)
        parts["head_loss"] = cls + box
        loss = sum(parts.values())
        return loss, {k: float(v.detach()) for k, v in parts.items()}

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        loss, parts = self._loss(x, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.step += 1
        return {"loss": float(loss.detach()), **parts}

    def trace_step(self):
        """The same step as :meth:`train_step`, recorded: the backbone, the RPN (in
        Faster R-CNN), the RoI operation (or R-CNN's warping) and the head."""
        from dlviz.core.trace import TraceRecorder

        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        with TraceRecorder({"model": self.model}, name="model") as rec:
            traced = rec.input(x, role="model", target=y)
            loss, parts = self._loss(traced, y, rec)
            rec.loss(loss, role="model", kind="Two-stage loss")
            self.optimizer.zero_grad(set_to_none=True)
            rec.backward(loss)
            rec.update(self.optimizer, role="model")
        trace = rec.trace
        trace.metrics.update(parts)
        self.step += 1
        return trace

    # -- inference ------------------------------------------------------------------
    @torch.no_grad()
    def infer(self, x: torch.Tensor) -> dict[str, Any]:
        """Regions, their second-stage outputs and the detections of images ``x``
        (eval mode): ``regions`` per image (K_i, 4), ``proposals`` (the RPN's, or
        None), ``features``, ``rois``, ``class_scores``, ``box_offsets``,
        ``detections``."""
        was = self.model.training
        self.model.eval()
        features, proposals, scores = None, None, None
        if self.pipeline != "rcnn":
            features = self.model(x)
        if self.pipeline == "faster":
            scores, offsets = self.model.rpn(features)
            proposals = propose(scores, offsets, self.anchors, IMAGE, self.top_n,
                                self.rpn_nms)
            regions = [p.kept()[0] for p in proposals]
        else:
            regions = [self.windows] * len(x)
        rois = torch.cat([
            torch.cat((torch.full((len(r), 1), float(i), device=x.device), r), 1)
            for i, r in enumerate(regions)])
        class_scores, box_offsets = self.model.classify(
            self._region_features(x, rois, features))
        found = second_stage_detections(class_scores, box_offsets, rois, len(x),
                                        IMAGE, self.score_threshold,
                                        self.nms_threshold)
        self.model.train(was)
        return {"regions": regions, "proposals": proposals, "features": features,
                "rpn_scores": scores,
                "rois": rois, "class_scores": class_scores,
                "box_offsets": box_offsets, "detections": found}

    def evaluate(self) -> dict[str, float]:
        found, regions = [], []
        for i in range(0, len(self.x_val), CHUNK):
            out = self.infer(self.x_val[i:i + CHUNK])
            found += [d.kept() for d in out["detections"]]
            regions += out["regions"]
        truths = [self.val_scenes.objects(i) for i in range(len(self.x_val))]
        scores = evaluate_detections(found, truths, self.n_classes, 0.5)
        self.last_validation = {
            "val_map50": scores["map50"],
            "val_recall": scores["recall"],
            "val_precision": scores["precision"],
            "val_proposal_recall": proposal_recall(
                regions, [t[0].to(self.device) for t in truths]),
        }
        return dict(self.last_validation)

    # -- the snapshot ---------------------------------------------------------------
    def _chosen_region(self, out: dict[str, Any], order: torch.Tensor) -> dict:
        """RoI pooling and RoI Align of one region on the image's feature map: the
        bins, the sample points and both pooled k × k maps of the channel most
        active inside the region."""
        features = out["features"]
        if features is None:  # R-CNN computes no whole-image map: make one to show
            with torch.no_grad():
                was = self.model.training
                self.model.eval()
                features = self.model(self.x_val[self.scene_index:self.scene_index + 1])
                self.model.train(was)
        index = int(order[self.proposal_index % len(order)])
        box = out["regions"][0][index]
        roi = torch.cat((box.new_zeros(1), box))[None]
        with torch.no_grad():
            k, scale = self.roi_size, 1.0 / STRIDE
            pooled_pool = roi_pool(features, roi, k, scale)[0]
            pooled_align = roi_align(features, roi, k, scale, SAMPLES)[0]
        channel = int(pooled_align.mean((1, 2)).argmax())
        b = _np(box)
        return {
            "proposal_index": self.proposal_index % len(order),
            "box": b,
            "channel": channel,
            "channels": int(features.shape[1]),
            "feature_map": _np(features[0, channel]),
            "pool": pool_bins(b, k, scale, FEATURE_SIZE),
            "align": align_bins(b, k, scale, SAMPLES),
            "pooled_pool": _np(pooled_pool[channel]),
            "pooled_align": _np(pooled_align[channel]),
            # how far rounding to whole cells moves the region's edges (pixels)
            "shift_px": float(np.abs(pool_bins(b, k, scale, FEATURE_SIZE)["region"]
                                     * STRIDE - b).max()),
        }

    def snapshot(self) -> dict[str, Any]:
        i = self.scene_index
        boxes, labels = self.val_scenes.objects(i)
        out = self.infer(self.x_val[i:i + 1])
        found = out["detections"][0]
        probs = torch.softmax(out["class_scores"], -1)
        object_prob = 1.0 - probs[:, 0]
        snap: dict[str, Any] = {
            "image": _np(self.x_val[i, 0]),
            "scene_index": i,
            "class_names": list(self.class_names),
            "gt_boxes": _np(boxes),
            "gt_labels": _np(labels, np.int64),
            "pipeline": self.pipeline,
            "roi_op": self.roi_op,
            "roi_size": self.roi_size,
            "stride": STRIDE,
            "feature_size": FEATURE_SIZE,
            "n_anchors": len(self.anchors),
            "anchors_per_cell": len(RPN_SIZES) * len(RPN_RATIOS),
            "n_windows": len(self.windows),
            "regions_per_image": self.regions_per_image(),
            "crop_size": self.crop_size,
            "backbone_pixels": self.backbone_pixels_per_image(),
            "top_n": self.top_n,
            "rpn_nms": self.rpn_nms,
            "score_threshold": self.score_threshold,
            "nms_threshold": self.nms_threshold,
            "det_boxes": _np(found.boxes),
            "det_scores": _np(found.scores),
            "det_labels": _np(found.labels, np.int64),
            "det_keep": _np(found.keep, np.int64),
            "validation": dict(self.last_validation),
        }
        if self.pipeline == "faster":
            p = out["proposals"][0]
            shown = torch.arange(min(len(p.boxes), SHOWN_CANDIDATES),
                                 device=self.device)
            keep = p.keep
            snap.update({
                "candidates": _np(p.boxes[shown]),
                "candidate_scores": _np(p.scores[shown]),
                "proposals": _np(p.boxes[keep]),
                "proposal_scores": _np(p.scores[keep]),
                "proposal_anchors": _np(self.anchors[p.anchor_index[keep]]),
                "n_candidates": len(p.boxes),
                "objectness": _np(torch.sigmoid(out["rpn_scores"][0])
                                  .reshape(FEATURE_SIZE, FEATURE_SIZE, -1).amax(-1)),
            })
            order = torch.arange(len(keep), device=self.device)
        else:
            # windows have no objectness: the second stage's object probability
            # orders them, and the RoI panels start at its most confident window
            order = torch.argsort(object_prob, descending=True, stable=True)
            snap.update({
                "candidates": _np(self.windows),
                "candidate_scores": _np(object_prob),
                "proposals": _np(self.windows[order[:self.top_n]]),
                "proposal_scores": _np(object_prob[order[:self.top_n]]),
                "proposal_anchors": np.zeros((0, 4), np.float32),
                "n_candidates": len(self.windows),
                "objectness": None,
            })
        if len(order):
            snap["region"] = self._chosen_region(out, order)
        else:
            snap["region"] = None
        return snap

    # -- requests -------------------------------------------------------------------
    def set_live_hparams(self, values: dict) -> dict:
        """Apply live settings (validated: ParamError; ValueError for a setting that
        needs a rebuild); returns ``applied_hparams`` and a new snapshot."""
        specs = {spec.key: spec for spec in _LIVE}
        other = sorted(set(values) - set(specs))
        if other:
            raise ValueError(f"not live settings of this lab: {', '.join(other)}")
        checked = {key: specs[key].validate(value) for key, value in values.items()}
        self.hparams.update(checked)
        self._read_live(self.hparams)
        return {"applied_hparams": checked, "snapshot": self.snapshot()}

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "set_hparams":
            return self.set_live_hparams(payload)
        if kind == "select_scene":
            self.scene_index = int(payload["index"]) % len(self.x_val)
            self.proposal_index = 0
            return {"scene_index": self.scene_index, "snapshot": self.snapshot()}
        if kind == "select_proposal":
            self.proposal_index = max(0, int(payload["index"]))
            return {"proposal_index": self.proposal_index,
                    "snapshot": self.snapshot()}
        return super().handle(kind, payload)


LABS = [
    LabSpec(
        key="two_stage",
        title="Two-stage detection: R-CNN → Faster R-CNN",
        chapter="vision",
        year=2015,
        teaches="Regions first, then a classifier and box refiner per region: the RPN, "
        "RoI pooling vs RoI Align, and what R-CNN, Fast and Faster R-CNN changed.",
        stage="two_stage",
        factory=TwoStageTask,
        heavy=False,
        authors="Girshick et al. (R-CNN, Fast R-CNN); Ren, He, Girshick, Sun (Faster "
        "R-CNN); He et al. (RoI Align)",
        idea="A region proposal network shares the CNN's features with the second "
        "stage, which classifies and refines each pooled region.",
        paper="Faster R-CNN: Towards Real-Time Object Detection with Region Proposal "
        "Networks (2015)",
        params=(
            ParamSpec("classes", "Digit classes", "int", 3, minimum=1, maximum=10,
                      group="data", help="Scenes contain the digits 0 … classes − 1."),
            ParamSpec("scenes", "Training scenes", "int", 1200, minimum=100,
                      maximum=5000, group="data"),
            ParamSpec("scene_index", "Shown scene", "int", 0, minimum=0,
                      maximum=VAL_SCENES - 1, group="data",
                      help="Which validation scene the views show."),
            ParamSpec("pipeline", "Pipeline", "choice", "faster", choices=PIPELINES,
                      choice_labels=("Faster R-CNN (RPN)",
                                     "Fast R-CNN (windows, shared features)",
                                     "R-CNN (windows, a CNN per region)"),
                      help="Where the regions come from and where their features "
                      "are computed."),
            ParamSpec("roi_op", "RoI operation", "choice", "align",
                      choices=tuple(ROI_OPS),
                      choice_labels=("RoI Align", "RoI pooling"),
                      help="How a region's k × k features are taken from the shared "
                      "feature map."),
            ParamSpec("roi_size", "RoI output k", "int", 5, minimum=2, maximum=7,
                      help="Each region becomes k × k features."),
            _PROPOSALS,
            _RPN_NMS,
            _SCORE,
            _NMS,
            ParamSpec("width", "Width", "int", 16, minimum=4, maximum=64,
                      help="Channels of the first convolution; later layers have "
                      "more."),
        ),
        training_defaults={"optimizer": "Adam", "lr": 0.002, "batch_size": 16},
        metrics={
            "rpn_loss": "RPN loss",
            "head_loss": "second-stage loss",
            "proposal_recall": "proposal recall",
        },
    ),
]
