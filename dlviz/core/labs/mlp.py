"""Chapters 2-3: multilayer perceptrons on generated 2-D data and on digits."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.data.toy2d import (
    DATASETS,
    REGRESSION_DATASETS,
    make_regression2d,
    make_toy2d,
    split,
)
from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.mlp_features import (
    DEFAULT_FEATURES,
    FEATURE_NAMES,
    FEATURES,
    MAX_LAYERS,
    MAX_WIDTH,
    feature_columns,
    parse_features,
    parse_widths,
)
from dlviz.core.params import ParamError, ParamSpec

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


def weight_penalty(model: nn.Module, kind: str, strength):
    """A closure adding ``strength · Σ|w|`` (L1) or ``strength · ½Σw²`` (L2, as in
    TensorFlow Playground: its gradient is ``strength · w``) over the weight
    matrices (not biases); ``strength`` may be a callable read at every step."""
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    rate = strength if callable(strength) else (lambda: strength)

    def penalty() -> torch.Tensor:
        if kind == "L1":
            return rate() * sum(w.abs().sum() for w in weights)
        return rate() * 0.5 * sum((w * w).sum() for w in weights)

    return penalty


REGULARIZERS = ("none", "L1", "L2")

MINUS = "\u2212"


def _num(v: float, places: int) -> str:
    """A number with ``places`` decimals and a real minus sign."""
    text = f"{v:.{places}f}"
    return MINUS + text[1:] if text.startswith("-") else text


def _vector(values, limit: int = 8, grad: bool = False) -> str:
    """``[0.1234, −0.5678, …]``: at most ``limit`` values (gradients with four
    significant digits, they are often tiny)."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    parts = []
    for v in flat[:limit]:
        text = f"{v:.4g}" if grad else f"{v:.4f}"
        parts.append(MINUS + text[1:] if text.startswith("-") else text)
    more = f", … ({len(flat)} in all)" if len(flat) > limit else ""
    return "[" + ", ".join(parts) + more + "]"


class Mlp2dTask(SupervisedTask):
    """An MLP on points of the plane: two or three classes, or a value to regress
    (TensorFlow Playground's task), drawn neuron by neuron.

    The snapshot carries, besides the output over the plane, every drawn neuron's
    output over a coarse grid (``network``), the neuron chosen as the main view
    (``focus``) and, for a selected point, each neuron's pre-activation, activation
    and gradient (``probe``).
    """

    grid_size = 72
    #: The side of the small maps drawn in each neuron of the network.
    node_grid = 24
    #: At most this many neurons of a layer are drawn (the rest are counted).
    max_drawn = 8
    #: Settings the running task applies itself (no rebuild, no retraining).
    live_hparams: tuple[str, ...] = (
        "show_test", "discretize", "lr", "regularization", "reg_rate", "batch_size",
    )

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self.features = parse_features(hp["features"])
        self.regression = hp["dataset"] in REGRESSION_DATASETS
        self.classification = not self.regression
        if self.regression:
            x, y = make_regression2d(hp["dataset"], hp["samples"], hp["noise"],
                                     hp["seed"])
        else:
            x, y = make_toy2d(hp["dataset"], hp["samples"], hp["noise"], hp["seed"])
        xt, yt, xv, yv = split(x, y, hp["val_fraction"], hp["seed"])
        self.n_classes = 0 if self.regression else int(y.max()) + 1
        self.widths = parse_widths(hp["widths"]) or [hp["neurons"]] * hp["layers"]
        model = build_mlp(
            len(self.features),
            self.widths,
            1 if self.regression else self.n_classes,
            hp["activation"],
            hp["dropout"],
        )
        self.regularization = hp["regularization"]
        self.reg_rate = float(hp["reg_rate"])
        feats = [self.featurize(torch.from_numpy(a)) for a in (xt, xv)]
        targets = [torch.from_numpy(a) for a in (yt, yv)]
        if self.regression:
            targets = [t.unsqueeze(1) for t in targets]
        self.setup(model, feats[0], targets[0], feats[1], targets[1],
                   criterion=nn.MSELoss() if self.regression else None)
        self._set_penalty()
        lo = np.minimum(x.min(0), -1.5) - 0.2
        hi = np.maximum(x.max(0), 1.5) + 0.2
        self.extent = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
        self.grid = self.featurize(self._mesh(lo, hi, self.grid_size)).to(device)
        self.node_points = self._mesh(lo, hi, self.node_grid)
        self.node_input = self.featurize(self.node_points).to(device)
        self.focus: tuple[int, int] | None = None
        self.probe: tuple[str, int] | None = None
        self._points = {
            "train_x": xt,
            "train_y": yt,
            "val_x": xv,
            "val_y": yv,
        }

    @staticmethod
    def _mesh(lo, hi, n: int) -> torch.Tensor:
        gx = np.linspace(lo[0], hi[0], n, dtype=np.float32)
        gy = np.linspace(lo[1], hi[1], n, dtype=np.float32)
        return torch.from_numpy(np.stack(np.meshgrid(gx, gy), -1).reshape(-1, 2))

    def featurize(self, points: torch.Tensor) -> torch.Tensor:
        """The network's input for points of the plane (n, 2)."""
        return feature_columns(points, self.features)

    # -- regularization --------------------------------------------------------------
    def _set_penalty(self) -> None:
        if self.regularization == "none" or self.reg_rate <= 0:
            self.extra_loss = None
        else:
            self.extra_loss = weight_penalty(self.model, self.regularization,
                                             lambda: self.reg_rate)

    # -- the network, neuron by neuron -------------------------------------------------
    def _layers(self) -> list[tuple[nn.Linear, nn.Module | None]]:
        """Each Linear with the activation after it (None for the output layer)."""
        mods = list(self.model)
        out = []
        for i, m in enumerate(mods):
            if isinstance(m, nn.Linear):
                act = mods[i + 1] if i + 1 < len(mods) and not isinstance(
                    mods[i + 1], nn.Linear) else None
                if isinstance(act, nn.Dropout):
                    act = None
                out.append((m, act))
        return out

    def columns(self, inputs: torch.Tensor):
        """Forward pass in eval mode: ``(pre, post)`` lists, one entry per column of
        the drawing (features, each hidden layer, the output); ``pre`` is None for
        the features."""
        pre: list[torch.Tensor | None] = [None]
        post = [inputs]
        h = inputs
        for linear, act in self._layers():
            z = linear(h)
            h = act(z) if act is not None else z
            pre.append(z)
            post.append(h)
        return pre, post

    def _network(self) -> dict:
        n, k = self.node_grid, self.max_drawn
        was = self.model.training
        self.model.eval()
        with torch.no_grad():
            _pre, post = self.columns(self.node_input)
        self.model.train(was)
        maps = [p[:, :k].T.reshape(-1, n, n).cpu().numpy().astype(np.float32)
                for p in post]
        weights, biases = [], []
        for linear, _act in self._layers():
            weights.append(linear.weight.detach()[:k, :k].cpu().numpy().copy())
            biases.append(linear.bias.detach()[:k].cpu().numpy().copy())
        return {
            "features": self.features,
            "widths": [len(self.features), *self.widths,
                       1 if self.regression else self.n_classes],
            "activation": self.hparams["activation"],
            "maps": maps,
            "weights": weights,
            "biases": biases,
        }

    def _focus_map(self) -> dict | None:
        if self.focus is None:
            return None
        column, unit = self.focus
        was = self.model.training
        self.model.eval()
        with torch.no_grad():
            _pre, post = self.columns(self.grid)
        self.model.train(was)
        if not 0 <= column < len(post) or not 0 <= unit < post[column].shape[1]:
            self.focus = None
            return None
        n = self.grid_size
        values = post[column][:, unit].reshape(n, n).cpu().numpy().astype(np.float32)
        return {"column": column, "unit": unit, "map": values}

    def probe_point(self) -> dict | None:
        """For the selected point: each neuron's pre-activation ``z``, activation
        ``a`` and the gradient ``dz`` = ∂loss/∂z of this point's loss (no
        regularization), in eval mode; the features' values as ``a``."""
        if self.probe is None:
            return None
        split_name, index = self.probe
        xs, ys = (self.x_train, self.y_train) if split_name == "train" else (
            self.x_val, self.y_val)
        if not 0 <= index < len(xs):
            self.probe = None
            return None
        raw = self._points[f"{split_name}_x"][index]
        was = self.model.training
        self.model.eval()
        with torch.enable_grad():
            pre, post = self.columns(xs[index : index + 1])
            zs = [z for z in pre if z is not None]
            loss = self.criterion(post[-1], ys[index : index + 1])
            grads = torch.autograd.grad(loss, zs)
        self.model.train(was)
        columns = [{"a": post[0][0].detach().cpu().numpy().astype(np.float32)}]
        for z, a, g in zip(zs, post[1:], grads):
            columns.append({
                "z": z[0].detach().cpu().numpy().astype(np.float32),
                "a": a[0].detach().cpu().numpy().astype(np.float32),
                "dz": g[0].detach().cpu().numpy().astype(np.float32),
            })
        target = ys[index]
        return {
            "split": split_name,
            "index": index,
            "point": (float(raw[0]), float(raw[1])),
            "target": float(target) if self.regression else int(target),
            "loss": float(loss.detach()),
            "columns": columns,
        }

    # -- the step-through ----------------------------------------------------------
    def point_label(self) -> str | None:
        """The part of the trace that follows the selected point: its coordinates
        (math, the same in every language); None when no point is selected."""
        if self.probe is None:
            return None
        split_name, index = self.probe
        raw = self._points[f"{split_name}_x"][index]
        return f"(x₁, x₂) = ({_num(float(raw[0]), 2)}, {_num(float(raw[1]), 2)})"

    def trace_step(self):
        """One recorded training step; with a selected point, then that point
        through the updated network as its own part (the label of
        :meth:`point_label`): each layer's z, a and ∂L/∂z of this point's loss,
        the numbers the stage's table shows after the step."""
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        x, y = self.next_batch()
        self.remember_finite()
        label = self.point_label()
        after = None
        if label is not None:
            split_name, index = self.probe
            xs, ys = (self.x_train, self.y_train) if split_name == "train" else (
                self.x_val, self.y_val)

            def after(rec):
                _loss, events = rec.point(
                    self.model, xs[index : index + 1], ys[index : index + 1],
                    self.criterion, role="model", part=label,
                    kind=type(self.criterion).__name__)
                self._describe_point(events, split_name, index)

        trace = record_supervised_step(
            self.model, x, y, self.loss_of, self.optimizer, name="model",
            after_update=after,
        )
        self.step += 1
        return trace

    def _describe_point(self, events, split_name: str, index: int) -> None:
        """The selected point's numbers in the formulas of its events."""
        names: dict[str, tuple[str, int]] = {}
        column = 0
        for i, m in enumerate(self.model):
            if isinstance(m, nn.Linear):
                column += 1
                names[str(i)] = ("z", column)
            elif not isinstance(m, nn.Dropout):
                names[str(i)] = ("a", column)
        raw = self._points[f"{split_name}_x"][index]
        target = self._points[f"{split_name}_y"][index]
        which = "training" if split_name == "train" else "test"
        told = (f"value y = {_num(float(target), 4)}" if self.regression
                else f"class {int(target)}")
        for event in events:
            lines = []
            if event.path == "input" and event.phase == "input":
                feats = event.tensors["output"].sample.reshape(-1)
                lines.append(
                    f"selected {which} point #{index} at (x₁, x₂) = "
                    f"({_num(float(raw[0]), 4)}, {_num(float(raw[1]), 4)}), {told}")
                lines.append("inputs: " + ", ".join(
                    f"{FEATURE_NAMES[f]} = {_num(float(v), 4)}"
                    for f, v in zip(self.features, feats)))
            elif event.path in names and "output" in event.tensors and (
                    event.phase == "forward"):
                what, col = names[event.path]
                layer = "output" if col == len(self.widths) + 1 else f"layer {col}"
                values = event.tensors["output"].sample
                lines.append(f"at this point, {layer}: {what} = {_vector(values)}")
            elif event.path in names and event.phase == "backward" and (
                    "grad_output" in event.tensors):
                what, col = names[event.path]
                layer = "output" if col == len(self.widths) + 1 else f"layer {col}"
                values = _vector(event.tensors["grad_output"].sample, grad=True)
                lines.append(f"at this point, {layer}: ∂L/∂{what} = {values}")
            elif event.phase == "loss":
                lines.append("(this point's loss alone, without regularization)")
            if lines:
                event.formula = "\n".join([event.formula, *lines]).strip()

    def snapshot(self) -> dict:
        n = self.grid_size
        out = self.predict(self.grid)
        snap = {
            "task": "regression" if self.regression else "classification",
            "extent": self.extent,
            "n_classes": self.n_classes,
            "show_test": bool(self.hparams["show_test"]),
            "discretize": bool(self.hparams["discretize"]),
            "network": self._network(),
            "focus": self._focus_map(),
            "probe": self.probe_point(),
            **self._points,
        }
        if self.regression:
            snap["values"] = out[:, 0].reshape(n, n).cpu().numpy().astype(np.float32)
        else:
            probs = torch.softmax(out, 1).cpu().numpy()
            snap["probs"] = probs.reshape(n, n, self.n_classes).astype(np.float32)
        return snap

    # -- requests from the stage -------------------------------------------------------
    def set_live_hparams(self, values: dict) -> dict:
        """Apply live settings (validated: raises ParamError, or ValueError for one
        that needs a rebuild); returns them and the new snapshot."""
        specs = {s.key: s for s in MLP2D.all_params() if s.key in self.live_hparams}
        other = sorted(set(values) - set(specs))
        if other:
            raise ValueError(f"not live settings of the playground: {', '.join(other)}")
        checked = {key: specs[key].validate(v) for key, v in values.items()}
        self.hparams.update(checked)
        if "lr" in checked:
            for group in self.optimizer.param_groups:
                group["lr"] = float(checked["lr"])
        if "batch_size" in checked:
            n = len(self.x_train)
            self.batch_size = min(int(checked["batch_size"]), n)
            self.samples_per_step = self.batch_size
            self.steps_per_epoch = max(1, n // self.batch_size)
        self.regularization = self.hparams["regularization"]
        self.reg_rate = float(self.hparams["reg_rate"])
        self._set_penalty()
        return {"applied_hparams": checked, "snapshot": self.snapshot()}

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "set_hparams":
            return self.set_live_hparams(payload)
        if kind == "focus":
            column, unit = payload.get("column"), payload.get("unit")
            self.focus = None if column is None else (int(column), int(unit))
            return {"snapshot": self.snapshot()}
        if kind == "probe":
            self.probe = self._nearest(payload)
            return {"snapshot": self.snapshot()}
        return super().handle(kind, payload)

    def _nearest(self, payload: dict) -> tuple[str, int] | None:
        """The data point nearest to ``payload["point"]`` (test points count only
        when they are shown); None clears the selection."""
        point = payload.get("point")
        if point is None:
            return None
        p = np.asarray(point, np.float32)
        best = None
        splits = ("train", "val") if self.hparams["show_test"] else ("train",)
        for name in splits:
            xs = self._points[f"{name}_x"]
            d = ((xs - p) ** 2).sum(1)
            i = int(d.argmin())
            if best is None or d[i] < best[0]:
                best = (float(d[i]), name, i)
        return (best[1], best[2])


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

@dataclass(frozen=True)
class _FeaturesSpec(ParamSpec):
    """The input features as text ("x1,x2,x1x2"), checked and written in order."""

    def validate(self, value):
        text = super().validate(value)
        try:
            features = parse_features(text)
        except ValueError:
            raise ParamError(
                self.label,
                "choose one or more of {allowed}",
                allowed=", ".join(FEATURES),
            ) from None
        return ",".join(features)


@dataclass(frozen=True)
class _WidthsSpec(ParamSpec):
    """Hidden widths as text ("4,2"; empty: layers × neurons), checked."""

    def validate(self, value):
        text = super().validate(value)
        try:
            widths = parse_widths(text)
        except ValueError:
            raise ParamError(
                self.label,
                "whole numbers 1–{limit} separated by commas, at most {layers} of them",
                limit=MAX_WIDTH, layers=MAX_LAYERS,
            ) from None
        return ",".join(str(w) for w in widths)


_MLP2D_PARAMS = (
    ParamSpec(
        "dataset",
        "Dataset",
        "choice",
        "moons",
        choices=DATASETS + REGRESSION_DATASETS,
        choice_labels=("moons", "circles", "xor", "spirals", "blobs",
                       "plane (regression)", "Gaussians (regression)"),
        group="data",
        help="The last two are regression: the network outputs a number, not a class.",
    ),
    ParamSpec("samples", "Samples", "int", 600, minimum=20, maximum=20000,
              group="data"),
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
    ParamSpec(
        "show_test",
        "Show test data",
        "bool",
        False,
        group="data",
        help="Draw the held-out points (crosses) over the output.",
    ),
    ParamSpec(
        "discretize",
        "Discretize output",
        "bool",
        False,
        group="data",
        help="Show only the predicted class (regression: the sign), no shades.",
    ),
    _FeaturesSpec(
        "features",
        "Input features",
        "text",
        DEFAULT_FEATURES,
        help="Any of x1, x2, x1sq, x2sq, x1x2, sin_x1, sin_x2, separated by commas.",
    ),
    _WidthsSpec(
        "widths",
        "Hidden widths",
        "text",
        "",
        help="Units of each hidden layer, e.g. 4,2; empty: hidden layers × neurons.",
    ),
    ParamSpec("layers", "Hidden layers", "int", 2, minimum=0, maximum=MAX_LAYERS),
    ParamSpec("neurons", "Neurons per layer", "int", 16, minimum=1,
              maximum=MAX_WIDTH),
    _ACTIVATION,
    ParamSpec(
        "regularization",
        "Regularization",
        "choice",
        "none",
        choices=REGULARIZERS,
        help="L1 adds rate·Σ|w| to the loss (weights go to exactly zero); "
        "L2 adds rate·½Σw² (weights shrink).",
    ),
    ParamSpec(
        "reg_rate",
        "Regularization rate",
        "float",
        0.001,
        minimum=0.0,
        maximum=1.0,
        help="The rate of the L1 or L2 penalty.",
    ),
    _DROPOUT,
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
        params=_MLP2D_PARAMS,
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

MLP2D = LABS[0]
