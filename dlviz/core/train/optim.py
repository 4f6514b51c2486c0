"""Optimizers the course covers, and the training hyperparameters every lab shares."""

from __future__ import annotations

from collections.abc import Iterable

import torch

from dlviz.core.params import ParamSpec

OPTIMIZERS: tuple[str, ...] = (
    "SGD",
    "SGD+momentum",
    "Nesterov",
    "Adagrad",
    "RMSprop",
    "Adadelta",
    "Adam",
)

TRAINING_PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec(
        "optimizer",
        "Optimizer",
        "choice",
        "Adam",
        choices=OPTIMIZERS,
        group="training",
        help="The rule that turns gradients into weight updates.",
    ),
    ParamSpec(
        "lr",
        "Learning rate",
        "float",
        0.01,
        minimum=1e-6,
        maximum=100.0,
        log=True,
        group="training",
        help="Step size of each update.",
    ),
    ParamSpec(
        "batch_size",
        "Batch size",
        "int",
        64,
        minimum=1,
        maximum=4096,
        group="training",
        help="Samples per gradient step.",
    ),
    ParamSpec(
        "weight_decay",
        "Weight decay (L2)",
        "float",
        0.0,
        minimum=0.0,
        maximum=1.0,
        group="training",
        help="Penalty on large weights, added by the optimizer.",
    ),
    ParamSpec(
        "seed",
        "Seed",
        "int",
        0,
        minimum=0,
        maximum=2**31 - 1,
        group="training",
        help="Same seed, same initial weights and batches.",
    ),
)


def build_optimizer(
    name: str,
    params: Iterable[torch.nn.Parameter],
    lr: float,
    weight_decay: float = 0.0,
) -> torch.optim.Optimizer:
    """Create the optimizer called ``name`` (one of :data:`OPTIMIZERS`)."""
    params = list(params)
    if name == "SGD":
        return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay)
    if name == "SGD+momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=weight_decay)
    if name == "Nesterov":
        return torch.optim.SGD(
            params, lr=lr, momentum=0.9, nesterov=True, weight_decay=weight_decay
        )
    if name == "Adagrad":
        return torch.optim.Adagrad(params, lr=lr, weight_decay=weight_decay)
    if name == "RMSprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=weight_decay)
    if name == "Adadelta":
        return torch.optim.Adadelta(params, lr=lr, weight_decay=weight_decay)
    if name == "Adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    raise ValueError(f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}")
