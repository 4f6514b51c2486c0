"""What a lab is, in the core layer: its description (LabSpec) and its trainable task.

A :class:`LabSpec` is a static card read by the lab picker, the CLI and the tests.
Its ``factory`` builds a :class:`LabTask` (:mod:`dlviz.core.train.task`) from validated
hyperparameters; the task owns the models, data and optimizers and is only ever
touched from the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import torch

from dlviz.core.params import ParamSpec, resolve
from dlviz.core.train.optim import TRAINING_PARAMS

# The task classes live in the train package (the GAN, metric and training-loop
# modules use them without importing the lab registry); re-exported here.
from dlviz.core.train.task import LabTask, SupervisedTask, seed_everything

__all__ = [
    "CHAPTERS",
    "LabSpec",
    "LabTask",
    "SupervisedTask",
    "seed_everything",
]

#: Course chapters in teaching order: key -> English title (the UI translates).
CHAPTERS: dict[str, str] = {
    "mlp": "Neural network basics",
    "optim": "Optimization and regularization",
    "cnn": "Convolutional networks",
    "vision": "Detection and segmentation",
    "rnn": "Recurrent networks",
    "attention": "Attention and Transformers",
    "generative": "Generative models",
    "metric": "Siamese networks and distillation",
    "tools": "Tools",
}


@dataclass(frozen=True)
class LabSpec:
    """The card of one lab.

    Attributes
    ----------
    key
        Stable identifier (``"mlp2d"``); used in lesson files and on the command line.
    title
        English name shown in the picker, e.g. ``"LeNet-5"``.
    chapter
        A key of :data:`CHAPTERS`.
    year
        Year the architecture was published (0 when it does not apply).
    teaches
        One English line: what the lab makes visible.
    stage
        Name of the UI stage that shows this lab's snapshots (``"classifier2d"``).
    factory
        ``factory(hparams, device) -> LabTask``; ``None`` for a tool that trains
        nothing (its stage does all the work, e.g. the convolution calculator).
    params
        Lab-specific hyperparameters (data and model); the shared training ones are
        added by :meth:`all_params`.
    training_defaults
        Overrides of the shared training defaults (learning rate, batch size ...).
    authors, idea, paper
        Card details shown in the inspector.
    metrics
        The lab's own metric keys and their English labels (see the field).
    heavy
        True when a GPU trains the lab faster, as measured (convolutional nets,
        detection, segmentation, recurrent nets with fused kernels, the Transformer
        and the character GPT, image GANs). Small labs (MLPs, 2-D GANs, autoencoders,
        Siamese nets) run faster on the CPU: a GPU's launch and copy overhead
        outweighs its arithmetic there. Read by
        :func:`dlviz.core.device.preferred_device`.
    """

    key: str
    title: str
    chapter: str
    year: int
    teaches: str
    stage: str
    factory: Callable[[dict, torch.device], LabTask] | None
    params: tuple[ParamSpec, ...] = ()
    training_defaults: dict[str, Any] = field(default_factory=dict)
    #: Relabelled shared training parameters, e.g. ``{"lr": "G learning rate"}``.
    training_labels: dict[str, str] = field(default_factory=dict)
    authors: str = ""
    idea: str = ""
    paper: str = ""
    heavy: bool = False
    #: Metrics this lab reports beyond the common ones of
    #: :data:`dlviz.core.metric_names.REPORTED_METRICS`: key -> English curve label
    #: (``val_<key>`` is named from it). The interface names and translates them; the
    #: every-lab test fails when a lab reports a key declared nowhere.
    metrics: dict[str, str] = field(default_factory=dict)

    @property
    def trainable(self) -> bool:
        """False for tools (the convolution calculator): no task, no training."""
        return self.factory is not None

    def all_params(self) -> tuple[ParamSpec, ...]:
        """Lab parameters, then the shared training ones with this lab's defaults."""
        if not self.trainable:
            return tuple(self.params)
        shared = []
        for spec in TRAINING_PARAMS:
            if spec.key in self.training_defaults:
                spec = replace(spec, default=self.training_defaults[spec.key])
            if spec.key in self.training_labels:
                spec = replace(spec, label=self.training_labels[spec.key])
            shared.append(spec)
        return tuple(self.params) + tuple(shared)

    def resolve(self, values: dict | None = None) -> dict:
        """Validated hyperparameters with defaults filled in (raises ParamError)."""
        return resolve(self.all_params(), values or {})

    def create(self, values: dict | None, device: torch.device) -> LabTask:
        """Validate ``values`` and build the task on ``device``."""
        return self.factory(self.resolve(values), device)
