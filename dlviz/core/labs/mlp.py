"""Chapters 2-3: multilayer perceptrons on generated 2-D data and on digits."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.data.toy2d import DATASETS, make_toy2d, split
from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.params import ParamSpec

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "ReLU": nn.ReLU,
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "LeakyReLU": nn.LeakyReLU,
    "ELU": nn.ELU,
    "GELU": nn.GELU,
}


def build_mlp(
    n_in: int,
    hidden: list[int],
    n_out: int,
    activation: str = "ReLU",
    dropout: float = 0.0,
) -> nn.Sequential:
    """``Linear → activation (→ Dropout)`` per hidden layer, then a linear output."""
    layers: list[nn.Module] = []
    width = n_in
    for h in hidden:
        layers += [nn.Linear(width, h), ACTIVATIONS[activation]()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = h
    layers.append(nn.Linear(width, n_out))
    return nn.Sequential(*layers)


def l1_penalty(model: nn.Module, strength: float):
    """A closure adding ``strength · Σ|w|`` over the weight matrices (not biases)."""
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]

    def penalty() -> torch.Tensor:
        return strength * sum(w.abs().sum() for w in weights)

    return penalty


class Mlp2dTask(SupervisedTask):
    """An MLP separating two or three classes of points in the plane."""

    grid_size = 72

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        x, y = make_toy2d(hp["dataset"], hp["samples"], hp["noise"], hp["seed"])
        xt, yt, xv, yv = split(x, y, hp["val_fraction"], hp["seed"])
        self.n_classes = int(y.max()) + 1
        model = build_mlp(
            2,
            [hp["neurons"]] * hp["layers"],
            self.n_classes,
            hp["activation"],
            hp["dropout"],
        )
        extra = l1_penalty(model, hp["l1"]) if hp["l1"] > 0 else None
        self.setup(model, *map(torch.from_numpy, (xt, yt, xv, yv)), extra_loss=extra)
        lo = np.minimum(x.min(0), -1.5) - 0.2
        hi = np.maximum(x.max(0), 1.5) + 0.2
        self.extent = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
        gx = np.linspace(lo[0], hi[0], self.grid_size, dtype=np.float32)
        gy = np.linspace(lo[1], hi[1], self.grid_size, dtype=np.float32)
        mesh = np.stack(np.meshgrid(gx, gy), -1).reshape(-1, 2)
        self.grid = torch.from_numpy(mesh).to(device)
        self._points = {
            "train_x": xt,
            "train_y": yt,
            "val_x": xv,
            "val_y": yv,
        }

    def snapshot(self) -> dict:
        probs = torch.softmax(self.predict(self.grid), 1).cpu().numpy()
        n = self.grid_size
        return {
            "probs": probs.reshape(n, n, self.n_classes).astype(np.float32),
            "extent": self.extent,
            "n_classes": self.n_classes,
            **self._points,
        }


class DigitsMlpTask(SupervisedTask):
    """A 64→128→10 MLP on the bundled 8×8 digits (or MNIST IDX files from a folder)."""

    n_shown = 24

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        folder = hp.get("mnist_folder", "")
        if folder:
            from dlviz.core.data.idx import load_mnist_folder

            xt, yt, xv, yv = map(torch.from_numpy, load_mnist_folder(folder))
            xt, xv = xt.unsqueeze(1), xv.unsqueeze(1)
        else:
            xt, yt, xv, yv = load_digits_images(8, hp["val_fraction"], hp["seed"])
        self.image_shape = tuple(xt.shape[-2:])
        n_in = int(np.prod(self.image_shape))
        model = nn.Sequential(
            nn.Flatten(),
            *build_mlp(
                n_in,
                [hp["neurons"]] * hp["layers"],
                10,
                hp["activation"],
                hp["dropout"],
            ),
        )
        self.setup(model, xt, yt, xv, yv)
        self.shown = self.x_val[: self.n_shown]
        self.shown_labels = self.y_val[: self.n_shown].cpu().numpy()

    def snapshot(self) -> dict:
        probs = torch.softmax(self.predict(self.shown), 1).cpu().numpy()
        return {
            "images": self.shown[:, 0].cpu().numpy(),
            "labels": self.shown_labels,
            "probs": probs.astype(np.float32),
        }


_ACTIVATION = ParamSpec(
    "activation",
    "Activation",
    "choice",
    "ReLU",
    choices=tuple(ACTIVATIONS),
    help="Non-linearity after each hidden layer.",
)
_DROPOUT = ParamSpec(
    "dropout",
    "Dropout",
    "float",
    0.0,
    minimum=0.0,
    maximum=0.9,
    help="Fraction of hidden units zeroed at random while training.",
)
_VAL = ParamSpec(
    "val_fraction",
    "Validation share",
    "float",
    0.2,
    minimum=0.05,
    maximum=0.8,
    group="data",
    help="Part of the data held out.",
)

LABS = [
    LabSpec(
        key="mlp2d",
        title="MLP playground (2-D)",
        chapter="mlp",
        year=1986,
        teaches="How hidden layers bend a decision boundary around the data.",
        stage="classifier2d",
        factory=Mlp2dTask,
        authors="Rumelhart, Hinton, Williams",
        idea="Stacked non-linear layers trained by backpropagation.",
        paper="Learning representations by back-propagating errors (1986)",
        params=(
            ParamSpec(
                "dataset", "Dataset", "choice", "moons", choices=DATASETS, group="data"
            ),
            ParamSpec(
                "samples",
                "Samples",
                "int",
                600,
                minimum=20,
                maximum=20000,
                group="data",
            ),
            ParamSpec(
                "noise",
                "Noise",
                "float",
                0.1,
                minimum=0.0,
                maximum=1.0,
                group="data",
                help="Standard deviation of the jitter.",
            ),
            _VAL,
            ParamSpec("layers", "Hidden layers", "int", 2, minimum=0, maximum=8),
            ParamSpec(
                "neurons", "Neurons per layer", "int", 16, minimum=1, maximum=256
            ),
            _ACTIVATION,
            ParamSpec(
                "l1",
                "L1 penalty",
                "float",
                0.0,
                minimum=0.0,
                maximum=1.0,
                help="Adds λ·Σ|w| to the loss: pushes weights to exactly zero.",
            ),
            _DROPOUT,
        ),
        training_defaults={"lr": 0.03, "batch_size": 32},
    ),
    LabSpec(
        key="mlp_digits",
        title="MLP on handwritten digits",
        chapter="mlp",
        year=1989,
        teaches="A fully connected net reads 8×8 digits: 64 inputs, 10 outputs.",
        stage="digits",
        factory=DigitsMlpTask,
        authors="LeCun et al.",
        idea="Pixels in, class scores out; softmax and cross-entropy.",
        params=(
            ParamSpec(
                "mnist_folder",
                "MNIST folder (optional)",
                "text",
                "",
                group="data",
                help="A folder with MNIST IDX files; empty uses the bundled digits.",
            ),
            _VAL,
            ParamSpec("layers", "Hidden layers", "int", 1, minimum=0, maximum=6),
            ParamSpec(
                "neurons", "Neurons per layer", "int", 128, minimum=1, maximum=1024
            ),
            _ACTIVATION,
            _DROPOUT,
        ),
        training_defaults={"lr": 0.003, "batch_size": 64},
    ),
]
