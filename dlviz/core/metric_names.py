"""The names shown for the metrics that labs report (curve legends, counters).

A lab reports metrics by key (``loss``, ``val_acc`` …); this is the one place that
says what each key is called on screen (in English; the interface translates it).
A key not listed is shown with its underscores as spaces.
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
}


def metric_label(name: str) -> str:
    """The English name of metric ``name``."""
    return METRIC_LABELS.get(name, name.replace("_", " "))
