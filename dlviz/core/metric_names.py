"""The names and colours shown for the metrics that labs report (curve legends,
counters).

A lab reports metrics by key (``loss``, ``val_acc`` …); this is the one place that
says what each key is called on screen (in English; the interface translates it)
and which colour its curve takes. A key not listed is shown with its underscores as
spaces and a colour of its own.
"""

from __future__ import annotations

METRIC_LABELS = {
    "loss": "training loss",
    "val_loss": "validation loss",
    "acc": "training accuracy",
    "val_acc": "validation accuracy",
    "map50": "mAP@0.5",
    "val_map50": "validation mAP@0.5",
    "miou": "mean IoU",
    "val_miou": "validation mean IoU",
    "pixel_acc": "pixel accuracy",
    "val_pixel_acc": "validation pixel accuracy",
    "perplexity": "training perplexity",
    # the two networks of a GAN
    "d_loss": "D loss",
    "g_loss": "G loss",
    "d_real": "D on data",
    "d_fake": "D on generated",
    "d_gap": "D gap",
    "modes": "modes covered",
    "quality": "high-quality share",
    "recon": "reconstruction loss",
    "kl": "KL divergence",
    "token_acc": "token accuracy",
    "seq_acc": "sequence accuracy",
    "bleu": "BLEU",
    "grad_norm": "gradient norm",
    "grad_norm_clipped": "gradient norm after clipping",
    "threshold": "distance threshold",
    "teacher_acc": "teacher accuracy",
    "loss_hard": "training loss (hard labels only)",
    "acc_hard": "training accuracy (hard labels only)",
    "recall": "recall",
    "precision": "precision",
    "verification_acc": "verification accuracy",
    "class_loss": "classification loss",
    "box_loss": "box loss",
    "active_triplets": "active triplets",
    "val_perplexity": "validation perplexity",
    # the second network a lab trains beside the first (batch norm's twin, the FCN
    # beside the U-Net); stages name it where they draw it
    "loss_twin": "training loss (twin)",
    "val_loss_twin": "validation loss (twin)",
    "acc_twin": "training accuracy (twin)",
    "val_acc_twin": "validation accuracy (twin)",
    "miou_twin": "mean IoU (twin)",
    "val_miou_twin": "validation mean IoU (twin)",
}


#: Labels of the metrics labs declare on their cards (:attr:`LabSpec.metrics`),
#: filled as the lab registry discovers them.
LAB_METRIC_LABELS: dict[str, str] = {}


def declare_metrics(labels: dict[str, str]) -> None:
    """Name the metrics a lab declares (key -> English label)."""
    LAB_METRIC_LABELS.update(labels)


def metric_label(name: str) -> str:
    """The English name of metric ``name``."""
    if name in METRIC_LABELS:
        return METRIC_LABELS[name]
    if name in LAB_METRIC_LABELS:
        return LAB_METRIC_LABELS[name]
    base = name.removeprefix("val_")
    known = METRIC_LABELS.get(base) or LAB_METRIC_LABELS.get(base)
    if base != name and known:
        return "validation " + known.removeprefix("training ")
    return name.replace("_", " ")


#: Metrics with a fixed colour: their slot in the interface's curve palette (the UI
#: turns a slot into a colour, :func:`dlviz.ui.theme.class_color`). A validation
#: metric shares the slot of its training metric (its curve is dashed).
METRIC_COLOR_SLOTS = {
    "loss": 0,
    "acc": 1,
    "d_loss": 2,
    "g_loss": 3,
    "bleu": 4,
    "seq_acc": 5,
}


def metric_color_slot(name: str) -> int:
    """The curve palette slot of metric ``name``: fixed for the common metrics,
    otherwise derived from the name (stable between runs, away from slots 0–1)."""
    base = name.removeprefix("val_")
    if base in METRIC_COLOR_SLOTS:
        return METRIC_COLOR_SLOTS[base]
    return sum(map(ord, base)) % 7 + 2


def _optimizer_losses() -> tuple[str, ...]:
    from dlviz.core.train.optim import OPTIMIZERS

    return tuple(f"loss_{name}" for name in OPTIMIZERS)


#: The common metric keys labs report (validation ``val_<key>`` included by prefix).
#: A lab's own keys are declared on its card (:attr:`LabSpec.metrics`); a test fails
#: when a lab reports a key declared in neither place.
REPORTED_METRICS: tuple[str, ...] = (
    "loss",
    "acc",
    "d_loss",
    "g_loss",
    "d_real",
    "d_fake",
    "d_gap",
    "modes",
    "quality",
    "recon",
    "kl",
    "token_acc",
    "seq_acc",
    "bleu",
    "grad_norm",
    "threshold",
    "teacher_acc",
    "loss_hard",
    "acc_hard",
    "recall",
    "precision",
    "miou",
    "verification_acc",
    "map50",
    "pixel_acc",
    "grad_norm_clipped",
    "class_loss",
    "box_loss",
    "loss_twin",
    "acc_twin",
    "miou_twin",
    "perplexity",
    "active_triplets",
    *_optimizer_losses(),
)


def is_reported_metric(name: str, declared: dict[str, str] | None = None) -> bool:
    """True when ``name`` (or the metric it validates) is one of the common metrics
    above or one a lab ``declared`` on its card."""
    base = name.removeprefix("val_")
    return base in REPORTED_METRICS or base in (declared or {})
