"""Bring your own model: a network from the user's ``.py`` file (or a script's
``nn.Module``) trained as a lab on one of dlviz's data sets.

The pieces, in the order the app uses them:

* :func:`probe` / :func:`run_probe` — import the file, list its models and (when a
  model and data are chosen) build it, check its shapes on the meta device and run
  one real forward and backward on two samples, all in a **child process** that can
  be killed: an endless loop in the user's code ends with a timeout, never a hung app.
* :func:`load_file` and :func:`find_models` — import the file in this process (the
  lab's worker thread does this, after the probe passed) and list ``nn.Module``
  subclasses and factory functions defined in it.
* :func:`check_shapes` — build on the meta device and run one forward with hooks; a
  shape error names the layer, the shape it got and, for the common layers, what it
  expects.
* :func:`make_lab` — a :class:`~dlviz.core.labs.base.LabSpec` whose task trains the
  user's model on the chosen data with the chosen loss; registered with
  :func:`dlviz.core.labs.register_lab` it opens like any lab.

Running a user's file runs their code; the UI says so before the first run of a file.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import inspect
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.params import ParamSpec

# -- data sets and losses -----------------------------------------------------------

#: Data a user model can train on: key -> English name (the UI translates).
DATA_KINDS: dict[str, str] = {
    "points2d": "2-D points",
    "digits8": "Digits 8×8",
    "digits32": "Digits 32×32",
    "sequence": "Sequences",
    "random": "Random input",
}
#: Losses: key -> English name.
LOSSES: dict[str, str] = {
    "cross_entropy": "Cross-entropy (classes)",
    "mse": "Mean squared error",
    "task": "The sequence task's own loss",
}
#: The losses that fit each kind of data (the first is the default).
LOSSES_FOR: dict[str, tuple[str, ...]] = {
    "points2d": ("cross_entropy",),
    "digits8": ("cross_entropy",),
    "digits32": ("cross_entropy",),
    "sequence": ("task",),
    "random": ("mse", "cross_entropy"),
}
#: The picker's line under a user model, by data (fixed texts, so they can be
#: translated).
TEACHES: dict[str, str] = {
    "points2d": "Your own network, trained on 2-D points.",
    "digits8": "Your own network, trained on the 8×8 digits.",
    "digits32": "Your own network, trained on the 32×32 digits.",
    "sequence": "Your own network, trained on a sequence task.",
    "random": "Your own network, fitted to random inputs and targets.",
}
#: Samples of generated data (sequences, random input): training and validation.
N_TRAIN, N_VAL = 1024, 256
#: Seconds a probe (import, build, first forward and backward) may take.
PROBE_TIMEOUT_S = 30.0


class UserModelError(Exception):
    """A user model failed at ``stage`` ("import", "build", "shape", "forward",
    "backward", "output"); ``message`` says what, ``details`` holds the traceback."""

    def __init__(self, stage: str, message: str, details: str = ""):
        super().__init__(message)
        self.stage, self.message, self.details = stage, message, details


@dataclass(frozen=True)
class DataChoice:
    """What the model is trained on.

    ``kind`` is a key of :data:`DATA_KINDS`; ``shape`` the input shape without the
    batch for random input; ``task`` the generated sequence task; ``loss`` a key of
    :data:`LOSSES` (empty: the data's default).
    """

    kind: str = "digits8"
    loss: str = ""
    shape: tuple[int, ...] = (16,)
    task: str = "parity"
    length: int = 12

    def __post_init__(self) -> None:
        if self.kind not in DATA_KINDS:
            raise ValueError(
                f"unknown data {self.kind!r}; choose from {', '.join(DATA_KINDS)}"
            )
        loss = self.loss or LOSSES_FOR[self.kind][0]
        if loss not in LOSSES_FOR[self.kind]:
            fits = ", ".join(LOSSES_FOR[self.kind])
            raise ValueError(f"loss {loss!r} does not fit {self.kind} data; use {fits}")
        object.__setattr__(self, "loss", loss)
        shape = tuple(int(s) for s in self.shape)
        if not shape or any(s < 1 for s in shape) or math.prod(shape) > 1_000_000:
            raise ValueError(f"input shape {list(shape)} must have 1 to 10^6 elements")
        object.__setattr__(self, "shape", shape)
        if self.kind == "sequence":
            from dlviz.core.rnn.tasks import TASKS

            if self.task not in TASKS:
                raise ValueError(f"unknown task {self.task!r}; one of {TASKS}")
            if not 4 <= self.length <= 200:
                raise ValueError("sequence length must be 4 to 200")

    @property
    def input_shape(self) -> tuple[int, ...]:
        """One sample's shape (no batch dimension)."""
        if self.kind == "points2d":
            return (2,)
        if self.kind == "digits8":
            return (1, 8, 8)
        if self.kind == "digits32":
            return (1, 32, 32)
        if self.kind == "sequence":
            from dlviz.core.rnn.tasks import task_info

            return (self.length, task_info(self.task).input_size)
        return self.shape

    def describe(self) -> str:
        if self.kind == "sequence":
            return f"sequences ({self.task}, {self.length} steps)"
        if self.kind == "random":
            return f"random input {list(self.shape)}"
        return DATA_KINDS[self.kind]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "loss": self.loss, "shape": list(self.shape),
                "task": self.task, "length": self.length}

    @classmethod
    def from_dict(cls, d: dict) -> DataChoice:
        return cls(d.get("kind", "digits8"), d.get("loss", ""),
                   tuple(d.get("shape", (16,))), d.get("task", "parity"),
                   int(d.get("length", 12)))


def parse_shape(text: str) -> tuple[int, ...]:
    """``"3, 16, 16"`` or ``"3x16x16"`` -> (3, 16, 16); ValueError when not."""
    text = text.strip().strip("[]()")
    if not re.fullmatch(r"\d+(\s*[,x×\s]\s*\d+)*", text):
        raise ValueError(f"not a shape: {text!r} (write e.g. 3, 16, 16)")
    shape = tuple(int(p) for p in re.split(r"[,x×\s]+", text) if p)
    if any(s < 1 for s in shape):
        raise ValueError(f"not a shape: {text!r} (sizes start at 1)")
    return shape


# -- finding models in a file -------------------------------------------------------

#: Names of functions listed as model factories (with no required arguments).
FACTORY_PREFIXES = ("build", "make", "create", "get_model", "model", "net")


@dataclass(frozen=True)
class ModelEntry:
    """A model found in a file: a class or a factory function."""

    name: str
    kind: str  # "class" or "function"
    doc: str = ""
    line: int = 0


def module_name_for(path: str | os.PathLike) -> str:
    """A module name unique to ``path`` (files of the same name never collide)."""
    resolved = str(Path(path).resolve())
    digest = hashlib.sha1(resolved.encode()).hexdigest()[:10]
    stem = "".join(c if c.isalnum() else "_" for c in Path(path).stem)
    return f"dlviz_user_{stem}_{digest}"


def load_file(path: str | os.PathLike) -> types.ModuleType:
    """Import the ``.py`` file at ``path`` (this runs its code) as a fresh module.

    Its folder is on ``sys.path`` while it runs (sibling imports work). Raises
    UserModelError("import") with the traceback for any exception, syntax errors
    included.
    """
    path = Path(path)
    if not path.is_file():
        raise UserModelError("import", f"No file {path}")
    name = module_name_for(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UserModelError("import", f"{path.name} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    folder = str(path.resolve().parent)
    added = folder not in sys.path
    if added:
        sys.path.insert(0, folder)
    sys.modules[name] = module  # dataclasses and pickling look the module up
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:  # noqa: BLE001 - SystemExit in a script too
        sys.modules.pop(name, None)
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise UserModelError(
            "import", f"{path.name} could not be imported: {_one_line(exc)}",
            _user_traceback(),
        ) from exc
    finally:
        if added and folder in sys.path:
            sys.path.remove(folder)
    return module


def find_models(module: types.ModuleType) -> list[ModelEntry]:
    """``nn.Module`` subclasses defined in ``module``, then factory functions (no
    required arguments, a name starting with one of :data:`FACTORY_PREFIXES` or a
    return annotation naming a Module), in source order."""
    classes, functions = [], []
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        doc = (inspect.getdoc(obj) or "").strip().split("\n")[0]
        line = _source_line(obj)
        if inspect.isclass(obj) and issubclass(obj, nn.Module):
            classes.append(ModelEntry(name, "class", doc, line))
        elif inspect.isfunction(obj) and _looks_like_factory(name, obj):
            functions.append(ModelEntry(name, "function", doc, line))
    classes.sort(key=lambda e: e.line)
    functions.sort(key=lambda e: e.line)
    return classes + functions


def _source_line(obj: Any) -> int:
    try:
        return inspect.getsourcelines(obj)[1]
    except (OSError, TypeError):
        return 0


def _looks_like_factory(name: str, fn: Callable) -> bool:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    required = [
        p for p in sig.parameters.values()
        if p.default is p.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if required:
        return False
    ann = sig.return_annotation
    text = ann if isinstance(ann, str) else getattr(ann, "__name__", "")
    if inspect.isclass(ann) and issubclass(ann, nn.Module):
        return True
    return "Module" in text or "Sequential" in text or name.lower().startswith(
        FACTORY_PREFIXES
    )


def builder_of(module: types.ModuleType, name: str) -> Callable[[], nn.Module]:
    """A no-argument callable building model ``name`` of ``module``."""
    obj = getattr(module, name, None)
    if obj is None:
        known = ", ".join(e.name for e in find_models(module)) or "none"
        raise UserModelError(
            "build", f"{name!r} is not defined in the file (models found: {known})"
        )
    return obj


def build_model(builder: Callable[[], Any], device: torch.device | str | None = None
                ) -> nn.Module:
    """Call ``builder()`` (on ``device``'s default, e.g. ``meta``); UserModelError
    ("build") for an exception or a result that is not an ``nn.Module``."""
    try:
        if device is None:
            model = builder()
        else:
            with torch.device(device):
                model = builder()
    except Exception as exc:  # noqa: BLE001 - the user's code
        raise UserModelError(
            "build", f"Building the model failed: {_one_line(exc)}", _user_traceback()
        ) from exc
    if not isinstance(model, nn.Module):
        raise UserModelError(
            "build", f"{getattr(builder, '__name__', 'the factory')} returned "
            f"{type(model).__name__}, not an nn.Module",
        )
    return model


# -- shapes ---------------------------------------------------------------------------


@dataclass
class ShapeCheck:
    """Result of a meta-device forward: every leaf layer's output shape."""

    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    rows: list[tuple[str, str, tuple[int, ...], int]] = field(default_factory=list)
    parameters: int = 0


def _shape(x: Any) -> str:
    if isinstance(x, torch.Tensor):
        return "[" + ", ".join(str(s) for s in x.shape) + "]"
    if isinstance(x, (tuple, list)):
        return "(" + ", ".join(_shape(v) for v in x) + ")"
    return type(x).__name__


def expectation(module: nn.Module) -> str:
    """What a common layer expects of its input, in words ('' when unknown)."""
    if isinstance(module, nn.Linear):
        return f"expects a last dimension of {module.in_features}"
    if isinstance(module, nn.Bilinear):
        return (f"expects last dimensions {module.in1_features} and "
                f"{module.in2_features}")
    if isinstance(module, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
        dims = {nn.Conv1d: 3, nn.Conv2d: 4, nn.Conv3d: 5}[type(module)]
        return (f"expects {module.in_channels} input channels "
                f"(shape [batch, {module.in_channels}, …], {dims} dimensions)")
    if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)):
        return f"expects {module.num_features} channels in dimension 1"
    if isinstance(module, nn.LayerNorm):
        return f"expects trailing dimensions {list(module.normalized_shape)}"
    if isinstance(module, (nn.RNN, nn.LSTM, nn.GRU)):
        order = ("[batch, time, features]" if module.batch_first
                 else "[time, batch, features]")
        return f"expects {module.input_size} features, shape {order}"
    if isinstance(module, nn.Embedding):
        return f"expects integer indices below {module.num_embeddings}"
    return ""


def run_with_layer_report(model: nn.Module, x: torch.Tensor, stage: str = "shape"
                          ) -> torch.Tensor:
    """``model(x)``; an exception raises UserModelError(stage) naming the innermost
    layer that was running, the shapes it got and what it expects."""
    running: list[tuple[str, nn.Module, tuple]] = []
    names = {id(m): p for p, m in model.named_modules()}

    def pre(module, inputs):
        running.append((names.get(id(module), "?"), module, inputs))

    def post(module, inputs, output):
        if running and running[-1][1] is module:
            running.pop()

    handles = []
    for module in model.modules():
        handles.append(module.register_forward_pre_hook(pre))
        handles.append(module.register_forward_hook(post))
    try:
        return model(x)
    except Exception as exc:  # noqa: BLE001 - the user's code
        details = _user_traceback()
        if running:
            path, module, inputs = running[-1]
            kind = type(module).__name__
            got = ", ".join(_shape(i) for i in inputs) or "nothing"
            wants = expectation(module)
            where = f"Layer '{path}' ({kind})" if path else f"The forward of {kind}"
            message = f"{where} got input {got}"
            message += f" but {wants}" if wants else ""
            message += f": {_one_line(exc)}"
        else:
            message = f"The forward pass failed: {_one_line(exc)}"
        message += f" (model input {_shape(x)})"
        raise UserModelError(stage, message, details) from exc
    finally:
        for h in handles:
            h.remove()


def check_shapes(builder: Callable[[], Any], data: DataChoice) -> ShapeCheck:
    """Build the model on the meta device (no weights allocated) and run one batch of
    two samples through it with hooks; the output must fit the data and loss.

    Raises UserModelError: "build" (constructor), "shape" (a layer refused its
    input), "output" (the output does not fit the loss). A model using an operation
    the meta device lacks is checked on the CPU instead.
    """
    try:
        model = build_model(builder, "meta")
        if any(t.device.type != "meta" for t in (*model.parameters(),
                                                  *model.buffers())):
            model = model.to("meta")  # an existing module, copied: no data moved
        device = "meta"
    except UserModelError:
        model = build_model(builder)  # some constructors need real tensors
        device = "cpu"
    x = torch.zeros((2, *data.input_shape), device=device)
    rows: list[tuple[str, str, tuple[int, ...], int]] = []

    def recorder(path):
        def hook(module, inputs, output):
            if isinstance(output, (tuple, list)) and output:
                output = output[0]  # an LSTM's (outputs, (h, c))
            shape = tuple(output.shape) if isinstance(output, torch.Tensor) else ()
            own = sum(p.numel() for p in module.parameters(recurse=False))
            rows.append((path, type(module).__name__, shape, own))
        return hook

    handles = [
        m.register_forward_hook(recorder(p)) for p, m in model.named_modules()
        if p and not any(True for _ in m.children())
    ]
    model.eval()
    try:
        with torch.no_grad():
            try:
                out = run_with_layer_report(model, x)
            except UserModelError as err:
                if device != "meta" or not _meta_unsupported(err):
                    raise
                rows.clear()
                model = build_model(builder)
                out = run_with_layer_report(model, torch.zeros(x.shape))
    finally:
        for h in handles:
            h.remove()
    if not isinstance(out, torch.Tensor):
        raise UserModelError(
            "output", f"forward returned {type(out).__name__}; dlviz trains a model "
            "whose forward returns one tensor",
        )
    check_output(tuple(out.shape), data)
    total = sum(p.numel() for p in model.parameters())
    return ShapeCheck(tuple(x.shape), tuple(out.shape), rows, total)


def _meta_unsupported(err: UserModelError) -> bool:
    text = err.message.lower() + err.details.lower()
    return "meta" in text and ("not implemented" in text or "notimplemented" in text
                               or "cannot" in text or ".item()" in text)


def n_classes_of(data: DataChoice) -> int:
    """Classes of a classification data set (0 for regression)."""
    if data.kind == "points2d":
        return 2
    if data.kind in ("digits8", "digits32"):
        return 10
    if data.kind == "sequence":
        from dlviz.core.rnn.tasks import task_info

        info = task_info(data.task)
        return info.output_size if info.classification else 0
    return 0


def check_output(out: tuple[int, ...], data: DataChoice) -> None:
    """UserModelError("output") when an output of shape ``out`` (batch 2) cannot be
    trained with the data's targets and loss."""
    batch = 2
    if data.kind == "sequence":
        from dlviz.core.rnn.tasks import task_info

        info = task_info(data.task)
        want = ((batch, data.length, info.output_size) if info.per_step
                else (batch, info.output_size))
        if out != want:
            raise UserModelError(
                "output", f"The model's output is {list(out)}; the {data.task} task "
                f"needs {list(want)} ([batch, time, {info.output_size}] per step)"
                if info.per_step else
                f"The model's output is {list(out)}; the {data.task} task needs "
                f"{list(want)} ([batch, {info.output_size}])",
            )
        return
    if data.loss == "cross_entropy":
        classes = n_classes_of(data)
        if len(out) < 2 or out[0] != batch:
            raise UserModelError(
                "output", f"The model's output is {list(out)}; cross-entropy needs "
                "class scores [batch, classes]",
            )
        if classes and (len(out) != 2 or out[1] < classes):
            raise UserModelError(
                "output", f"The model's output is {list(out)}; {DATA_KINDS[data.kind]} "
                f"have {classes} classes, so the last layer needs [batch, {classes}]",
            )
        return
    if not out or out[0] != batch:
        raise UserModelError(
            "output", f"The model's output {list(out)} has no batch dimension first"
        )


# -- the task ------------------------------------------------------------------------


def make_data(data: DataChoice, seed: int, out_shape: tuple[int, ...] | None,
              hp: dict | None = None):
    """(x_train, y_train, x_val, y_val, classes) for ``data``; ``out_shape`` (a
    batch of 2) sets the targets of random input."""
    hp = hp or {}
    if data.kind == "points2d":
        from dlviz.core.data.toy2d import make_toy2d, split

        x, y = make_toy2d(hp.get("dataset", "moons"), int(hp.get("samples", 600)),
                          float(hp.get("noise", 0.1)), seed)
        xt, yt, xv, yv = split(x, y, 0.2, seed)
        classes = int(y.max()) + 1
        return (*map(torch.from_numpy, (xt, yt, xv, yv)), classes)
    if data.kind in ("digits8", "digits32"):
        from dlviz.core.data.digits import load_digits_images

        size = 8 if data.kind == "digits8" else 32
        return (*load_digits_images(size, 0.2, seed), 10)
    gen = torch.Generator().manual_seed(seed + 7)
    if data.kind == "sequence":
        from dlviz.core.rnn.tasks import make_batch

        xt, yt = make_batch(data.task, N_TRAIN, data.length, gen)
        xv, yv = make_batch(data.task, N_VAL, data.length, gen)
        return xt, yt, xv, yv, n_classes_of(data)
    n = N_TRAIN + N_VAL
    x = torch.randn((n, *data.shape), generator=gen)
    out = out_shape or (2, 1)
    if data.loss == "cross_entropy":
        classes = int(out[1])
        y = torch.randint(0, classes, (n, *out[2:]), generator=gen)
    else:
        classes = 0
        y = torch.randn((n, *out[1:]), generator=gen)
    return x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:], classes


def stage_for(data: DataChoice, has_conv: bool) -> str:
    """The stage that shows a user model on ``data``."""
    if data.kind == "points2d":
        return "classifier2d"
    if data.kind == "digits8":
        return "digits"
    if data.kind == "digits32":
        return "image_classifier" if has_conv else "digits"
    return "user_model"


def layer_grad_norms(model: nn.Module) -> tuple[list[str], np.ndarray]:
    """Gradient norm of each module that owns parameters (execution order not
    known here: registration order)."""
    names, norms = [], []
    for path, module in model.named_modules():
        own = [p for p in module.parameters(recurse=False)]
        if not own:
            continue
        grads = [p.grad.detach().reshape(-1) for p in own if p.grad is not None]
        norm = float(torch.linalg.vector_norm(torch.cat(grads))) if grads else 0.0
        names.append(path or type(module).__name__)
        norms.append(norm)
    return names, np.asarray(norms, np.float32)


class UserModelTask(SupervisedTask):
    """The user's model on one of dlviz's data sets (a fresh build per run)."""

    def __init__(self, hp: dict, device: torch.device, builder: Callable[[], Any],
                 data: DataChoice, seed_offset: int = 0):
        super().__init__(hp, device)
        self.data = data
        torch.manual_seed(int(hp["seed"]) + seed_offset)
        model = build_model(builder)
        self.check = None
        out_shape = None
        if data.kind == "random":
            model.eval()
            with torch.no_grad():
                out = run_with_layer_report(model, torch.zeros((2, *data.shape)))
            check_output(tuple(out.shape), data)
            out_shape = tuple(out.shape)
            model.train()
        xt, yt, xv, yv, self.n_classes = make_data(data, int(hp["seed"]), out_shape, hp)
        self.classification = data.loss in ("cross_entropy",) or (
            data.kind == "sequence" and self.n_classes > 0)
        criterion = _criterion(data)
        self.setup(model, xt, yt, xv, yv, criterion=criterion)
        if data.kind == "points2d":
            self._grid_setup(xt.numpy(), yt.numpy(), xv.numpy(), yv.numpy())
        self.shown = self.x_val[:24]
        self.shown_labels = self.y_val[:24].cpu().numpy()

    def _grid_setup(self, xt, yt, xv, yv) -> None:
        x = np.concatenate([xt, xv])
        lo = np.minimum(x.min(0), -1.5) - 0.2
        hi = np.maximum(x.max(0), 1.5) + 0.2
        self.extent = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
        n = 72
        gx = np.linspace(lo[0], hi[0], n, dtype=np.float32)
        gy = np.linspace(lo[1], hi[1], n, dtype=np.float32)
        mesh = np.stack(np.meshgrid(gx, gy), -1).reshape(-1, 2)
        self.grid = torch.from_numpy(mesh).to(self.device)
        self._points = {"train_x": xt, "train_y": yt, "val_x": xv, "val_y": yv}

    # -- metrics fit for every data kind ----------------------------------------------
    def accuracy_of(self, out: torch.Tensor, y: torch.Tensor) -> float | None:
        if not self.classification:
            return None
        if self.data.kind == "sequence":
            from dlviz.core.rnn.tasks import task_accuracy, task_info

            return task_accuracy(task_info(self.data.task), out, y)
        if out.dim() >= 2 and y.dim() == out.dim() - 1:
            return float((out.argmax(1) == y).float().mean())
        return None

    def snapshot(self) -> dict[str, Any]:
        names, norms = layer_grad_norms(self.model)
        snap: dict[str, Any] = {"grad_layers": names, "grad_norms": norms,
                                "step": self.step}
        if self.data.kind == "points2d":
            probs = torch.softmax(self.predict(self.grid), 1).cpu().numpy()
            n = int(round(math.sqrt(len(self.grid))))
            classes = probs.shape[1]
            snap.update(probs=probs.reshape(n, n, classes).astype(np.float32),
                        extent=self.extent, n_classes=classes, **self._points)
        elif self.data.kind in ("digits8", "digits32"):
            probs = torch.softmax(self.predict(self.shown), 1).cpu().numpy()
            snap.update(images=self.shown[:, 0].cpu().numpy(),
                        labels=self.shown_labels, probs=probs.astype(np.float32))
        else:
            snap.update(activation_layers=[], activation_spread=np.zeros(0, np.float32))
            layers, spread = activation_spread(self.model, self.x_val[:64])
            snap.update(activation_layers=layers, activation_spread=spread)
        return snap


def activation_spread(model: nn.Module, x: torch.Tensor
                      ) -> tuple[list[str], np.ndarray]:
    """Standard deviation of every leaf layer's output on ``x`` (eval mode), in
    execution order: how strongly each layer's signal varies."""
    names: list[str] = []
    values: list[float] = []

    def recorder(path):
        def hook(module, inputs, output):
            if isinstance(output, tuple):
                output = output[0]
            if isinstance(output, torch.Tensor) and output.is_floating_point():
                names.append(path)
                values.append(float(output.detach().float().std()) if output.numel() > 1
                              else 0.0)
        return hook

    handles = [m.register_forward_hook(recorder(p)) for p, m in model.named_modules()
               if p and not any(True for _ in m.children())]
    was = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(x)
    finally:
        model.train(was)
        for h in handles:
            h.remove()
    return names, np.asarray(values, np.float32)


def _criterion(data: DataChoice):
    if data.kind == "sequence":
        from dlviz.core.rnn.tasks import task_info, task_loss

        info = task_info(data.task)

        def loss(out, y):
            return task_loss(info, out, y)

        return loss
    if data.loss == "cross_entropy":
        return nn.CrossEntropyLoss()
    return nn.MSELoss()


def _user_cnn_task(hp: dict, device: torch.device, builder, data: DataChoice):
    """A CNN on 32×32 digits: the CNN labs' task (feature maps, filters,
    attributions) with the user's model."""
    from dlviz.core.labs.cnn import CnnTask

    torch.manual_seed(int(hp["seed"]))
    model = build_model(builder)
    task = CnnTask(hp, device, model)
    return task


# -- the lab card ------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSource:
    """Where a user model comes from: a file and a name, or a Python object."""

    path: str = ""
    name: str = ""
    obj: Any = None

    @property
    def label(self) -> str:
        if self.path:
            return f"{Path(self.path).name}:{self.name}"
        return self.name or type(self.obj).__name__

    def key(self, data: DataChoice) -> str:
        """A lab key for this model on ``data``. For a file it depends on the
        file's path and contents: the same unchanged file, model and data give the
        same key in every run (a saved session of it opens again once the file is
        opened), an edited file a new one (so opening it again reloads it)."""
        obj = id(self.obj) if self.obj is not None else ""
        ident = f"{self.path}:{self.name}:{obj}:{file_digest(self.path)}"
        ident += json.dumps(data.as_dict(), sort_keys=True)
        return "user_" + hashlib.sha1(ident.encode()).hexdigest()[:10]


def file_digest(path: str) -> str:
    """SHA-1 of the file's bytes ('' without a readable file)."""
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest() if path else ""
    except OSError:
        return ""


def _file_builder(path: str, name: str, trusted_only: bool = False
                  ) -> Callable[[], Callable[[], Any]]:
    """Loads the file once (on the worker thread that builds the first task) and
    returns the model's builder from then on."""
    cache: dict[str, Any] = {}

    def get() -> Callable[[], Any]:
        if trusted_only and not is_trusted(path):
            raise UserModelError(
                "trust", f"dlviz has not run {Path(path).name} before. Open it once "
                "with File ▸ Open model… (that asks before running its code), then "
                "come back here.")
        if "builder" not in cache:
            cache["builder"] = builder_of(load_file(path), name)
        return cache["builder"]

    return get


def _object_builder(obj: Any) -> Callable[[], Callable[[], Any]]:
    """An ``nn.Module`` instance (each run starts from a copy of its weights as they
    were when the lab was made), a Module class or a factory."""
    if isinstance(obj, nn.Module):
        original = copy.deepcopy(obj).cpu()

        def fresh() -> nn.Module:
            return copy.deepcopy(original)

        return lambda: fresh
    if callable(obj):
        return lambda: obj
    raise TypeError(f"expected an nn.Module, a Module class or a factory, got {obj!r}")


def _has_conv(builder: Callable[[], Any]) -> bool:
    try:
        model = build_model(builder, "meta")
    except UserModelError:
        return False
    return any(isinstance(m, nn.Conv2d) for m in model.modules())


def make_lab(source: ModelSource, data: DataChoice, *, key: str = "",
             has_conv: bool | None = None, summary: dict | None = None,
             trusted_only: bool = False) -> LabSpec:
    """A lab card training ``source`` on ``data``. ``has_conv`` (known from a probe)
    picks the CNN stage for 32×32 digits; None builds on meta to find out (this runs
    the user's constructor, so pass it when calling from the GUI thread).
    ``summary`` (a probe's: rows, output, parameters) goes into the lab's note.
    With ``trusted_only`` the file is run only once it is trusted
    (:func:`trust_file`): a lab restored from a session or a lesson scene."""
    get_builder = (_file_builder(source.path, source.name, trusted_only)
                   if source.path else _object_builder(source.obj))
    if has_conv is None:
        has_conv = data.kind == "digits32" and _has_conv(get_builder())
    stage = stage_for(data, has_conv)

    def factory(hp: dict, device: torch.device):
        builder = get_builder()
        if stage == "image_classifier":
            return _user_cnn_task(hp, device, builder, data)
        return UserModelTask(hp, device, builder, data)

    factory.__name__ = f"build_{source.name or 'user'}_task"
    factory.runs_user_code = True  # the engine may interrupt a step that hangs
    params: tuple[ParamSpec, ...] = ()
    if data.kind == "points2d":
        from dlviz.core.data.toy2d import DATASETS

        params = (
            ParamSpec("dataset", "Dataset", "choice", "moons", choices=DATASETS,
                      group="data"),
            ParamSpec("samples", "Samples", "int", 600, minimum=20, maximum=20000,
                      group="data"),
            ParamSpec("noise", "Noise", "float", 0.1, minimum=0.0, maximum=1.0,
                      group="data", help="Standard deviation of the jitter."),
        )
    elif stage == "image_classifier":
        from dlviz.core.data.augment import AUGMENT_PARAMS
        from dlviz.core.labs.cnn import _SAMPLE

        params = (_SAMPLE, *AUGMENT_PARAMS)
    defaults = {"lr": 0.003, "batch_size": 32, "optimizer": "Adam"}
    key = key or source.key(data)
    _USER_LABS[key] = UserLab(source, data, bool(has_conv),
                              file_digest(source.path), summary)
    return LabSpec(
        key=key,
        title=source.label,
        chapter="tools",
        year=0,
        teaches=TEACHES[data.kind],
        stage=stage,
        factory=factory,
        params=params,
        training_defaults=defaults,
        heavy=stage == "image_classifier",
    )


# -- where a user lab comes from: sessions and lesson scenes --------------------------


@dataclass(frozen=True)
class UserLab:
    """What :func:`make_lab` knew when it made a lab: enough to save it with a
    session or a lesson scene and to write its note."""

    source: ModelSource
    data: DataChoice
    has_conv: bool
    digest: str  # SHA-1 of the file when the lab was made ('' for a Python object)
    summary: dict | None = None  # rows, output, parameters (a probe's)


#: Every lab made by :func:`make_lab` in this process, by key.
_USER_LABS: dict[str, UserLab] = {}
#: Files whose code the user agreed to run (the interface mirrors its settings here).
_TRUSTED: set[str] = set()
#: A saved model file the user located elsewhere: old path -> new path.
_RELOCATED: dict[str, str] = {}
#: (path, SHA-1) of changed files whose saved weights the user chose to load anyway.
_CHANGED_OK: set[tuple[str, str]] = set()


def user_lab(key: str) -> UserLab | None:
    """The user lab called ``key`` (None for a built-in lab)."""
    return _USER_LABS.get(key)


def _resolved(path: str | os.PathLike) -> str:
    return str(Path(path).expanduser().resolve())


def trust_file(path: str | os.PathLike) -> None:
    """The user agreed to run ``path``'s code (the interface asked once)."""
    _TRUSTED.add(_resolved(path))


def is_trusted(path: str | os.PathLike) -> bool:
    """Whether ``path`` may run: the user trusted it, or it ships with dlviz
    (``resources/models``)."""
    from dlviz import resources_dir

    resolved = Path(_resolved(path))
    shipped = (resources_dir() / "models").resolve()
    return str(resolved) in _TRUSTED or resolved.parent == shipped


def relocate(original: str, new: str) -> None:
    """The model file saved as ``original`` is now at ``new`` (the user located
    it): sessions and scenes naming ``original`` use ``new``."""
    _RELOCATED[_resolved(original)] = _resolved(new)


def accept_changed(path: str) -> None:
    """Load saved weights into ``path`` as it is now, although it changed since they
    were saved (the user was asked)."""
    resolved = _resolved(path)
    _CHANGED_OK.add((resolved, file_digest(resolved)))


def source_record(key: str, *, portable: bool = False) -> dict | None:
    """What a session or a lesson scene records about user lab ``key``: the file
    (absolute; with ``portable`` relative to dlviz's resources when it ships with
    dlviz), the model's name, the data and loss, the file's SHA-1 and what the
    probe found. None for a built-in lab or a model given as a Python object."""
    lab = _USER_LABS.get(key)
    if lab is None or not lab.source.path:
        return None
    path = _resolved(lab.source.path)
    if portable:
        from dlviz import resources_dir

        try:
            path = Path(path).relative_to(resources_dir().resolve()).as_posix()
        except ValueError:
            pass
    record = {"path": path, "name": lab.source.name, "data": lab.data.as_dict(),
              "sha1": lab.digest, "has_conv": lab.has_conv}
    if lab.summary:
        record["summary"] = copy.deepcopy(lab.summary)
    return record


class ModelFileProblem(Exception):
    """A session or scene names a model file that cannot be used as it is.

    ``kind``: ``"invalid"`` (the record is damaged), ``"missing"`` (no file at
    ``path``), ``"changed"`` (its content differs from when it was saved) or
    ``"untrusted"`` (dlviz has not run it before). ``path`` is where the file was
    looked for, ``original`` the path recorded."""

    def __init__(self, kind: str, message: str, path: str = "", original: str = "",
                 name: str = ""):
        super().__init__(message)
        self.kind, self.path, self.original, self.name = kind, path, original, name


def _record_path(raw: str, base: str | os.PathLike | None) -> str:
    path = Path(raw).expanduser()
    if not path.is_absolute():
        from dlviz import resources_dir

        near = Path(base) / path if base is not None else None
        path = near if near is not None and near.exists() else resources_dir() / path
    return _resolved(path)


def restore_lab(record: Any, key: str = "", *, base: str | os.PathLike | None = None,
                check_changed: bool = True, check_trust: bool = True) -> str:
    """Register the lab a session or lesson scene recorded (see
    :func:`source_record`) under ``key`` (the saved one; empty: a new key) and
    return its key. Nothing of the file runs here: its code runs when the lab is
    built, and only once it is trusted.

    Raises :class:`ModelFileProblem` when the record is damaged, the file is
    missing, its content changed (``check_changed``, unless accepted with
    :func:`accept_changed`) or it was never trusted (``check_trust``).
    """
    if not isinstance(record, dict) or not isinstance(record.get("path"), str) \
            or not isinstance(record.get("name"), str) or not record["name"]:
        raise ModelFileProblem("invalid", "the record of the model file is damaged")
    try:
        data = DataChoice.from_dict(record.get("data") or {})
    except (TypeError, ValueError) as exc:
        raise ModelFileProblem("invalid", f"the model's data choice is invalid: {exc}"
                               ) from None
    original = _record_path(record["path"], base)
    path = _RELOCATED.get(original, original)
    name = record["name"]
    if not Path(path).is_file():
        raise ModelFileProblem(
            "missing", f"the model file {Path(original).name} is missing (it was at "
            f"{original})", path, original, name)
    digest = file_digest(path)
    saved = record.get("sha1") or ""
    accepted = (path, digest) in _CHANGED_OK
    if check_changed and saved and digest != saved and not accepted:
        raise ModelFileProblem(
            "changed", f"the model file {Path(path).name} changed since this was "
            "saved", path, original, name)
    if check_trust and not is_trusted(path):
        raise ModelFileProblem(
            "untrusted", f"dlviz has not run {Path(path).name} before", path,
            original, name)
    summary = record.get("summary") if isinstance(record.get("summary"), dict) else None
    spec = make_lab(ModelSource(path, name), data, key=key,
                    has_conv=bool(record.get("has_conv")), summary=summary,
                    trusted_only=True)
    from dlviz.core.labs import register_lab

    register_lab(spec)
    return spec.key


# -- the note of a user lab ----------------------------------------------------------

_DATA_ZH = {"points2d": "二维点", "digits8": "8×8 手写数字",
            "digits32": "32×32 手写数字", "sequence": "序列任务", "random": "随机输入"}
_LOSS_EN = {"cross_entropy": "cross-entropy", "mse": "mean squared error",
            "task": "the sequence task's own loss"}
_LOSS_ZH = {"cross_entropy": "交叉熵", "mse": "均方误差", "task": "序列任务自带的损失"}
_LOOK_EN = {
    "classifier2d": "On the Training tab the decision boundary over the plane shows "
    "what the network has learned so far.",
    "digits": "On the Training tab every shown digit carries the predicted "
    "probabilities: watch the confident mistakes disappear.",
    "image_classifier": "Your model has convolutions: the Training tab shows its "
    "feature maps, its filters and attributions (which pixels decided the class).",
    "user_model": "On the Training tab the bars show each layer's gradient norm and "
    "the spread of its output: a layer near zero learns little.",
}
_LOOK_ZH = {
    "classifier2d": "在“训练”页，平面上的决策边界显示网络目前学到了什么。",
    "digits": "在“训练”页，每个数字都标着预测概率：看那些很有把握的错误怎样消失。",
    "image_classifier": "你的模型含有卷积层：“训练”页显示它的特征图、卷积核和归因"
    "（哪些像素决定了类别）。",
    "user_model": "在“训练”页，柱状图给出每层的梯度范数和输出的标准差："
    "接近 0 的层学得很少。",
}


def _data_text(data: DataChoice, zh: bool) -> str:
    if not zh:
        return data.describe()
    if data.kind == "sequence":
        return f"序列任务（{data.task}，{data.length} 步）"
    if data.kind == "random":
        return f"随机输入 {list(data.shape)}"
    return _DATA_ZH[data.kind]


def note_markdown(key: str, lang: str = "en") -> str:
    """The lesson note of user lab ``key`` in ``lang`` ("en" or "zh_CN"), written
    from what is known of the model: its layers (from the probe's summary), their
    parameters, the data and loss, and what to look at in the step-through. ''
    for a key that is not a user lab."""
    lab = _USER_LABS.get(key)
    if lab is None:
        return ""
    zh = lang.lower().startswith("zh")
    data, label = lab.data, lab.source.label
    shape = ", ".join(str(s) for s in data.input_shape)
    loss = (_LOSS_ZH if zh else _LOSS_EN)[data.loss]
    stage = stage_for(data, lab.has_conv)
    summary = lab.summary or {}
    rows = [r for r in summary.get("rows", []) if isinstance(r, (list, tuple))
            and len(r) == 4]
    total = int(summary.get("parameters", 0) or 0)
    name = lab.source.name or label
    where = Path(lab.source.path).name if lab.source.path else ""
    lines: list[str] = []
    # the title is the model's name only: a file name does not wrap in a narrow panel
    if zh:
        origin = f"文件 `{where}` 中的" if where else ""
        lines += [f"# 你的模型：{name}", "",
                  f"这个网络来自你自己的代码（{origin}{name}），在 "
                  f"**{_data_text(data, True)}** 上训练，损失函数是**{loss}**。"
                  f"一批输入的形状是 `[batch, {shape}]`。"]
    else:
        origin = f" ({name} in `{where}`)" if where else ""
        lines += [f"# Your model: {name}", "",
                  f"A network from your own code{origin}, trained on "
                  f"**{_data_text(data, False)}** with **{loss}** loss. One batch of "
                  f"input has the shape `[batch, {shape}]`."]
    if rows:
        # a list, not a table: it wraps in the narrow notes panel
        lines += ["", "**各层（batch = 2）**" if zh else "**Layers (batch 2)**", ""]
        for path, kind, out, n in rows:
            dims = "[" + ", ".join(str(d) for d in out) + "]"
            lines.append(f"- **{path}** ({kind})：输出 {dims}，{int(n):,} 个参数" if zh
                         else f"- **{path}** ({kind}): output {dims}, "
                         f"{int(n):,} parameters")
        lines += ["", (f"共 **{total:,}** 个参数。" if zh else
                       f"**{total:,}** parameters in all.")]
    else:
        lines += ["", ("各层的列表在用“文件 ▸ 打开模型…”检查过模型之后显示。" if zh else
                       "The list of layers appears when the model was checked by "
                       "File ▸ Open model….")]
    if zh:
        lines += ["", "**单步解析里看什么**", "",
                  "- 前向：事件按数据真正流过的顺序排列，"
                  "每一层的输出形状应与上表一致。",
                  "- 损失：把最后一层的输出与目标比较，得到一个数。",
                  "- 反向：梯度从损失出发，先到最后一层，再一层层往回传；"
                  "比较各层梯度的大小，越靠前的层梯度越小说明有梯度消失的迹象。",
                  "- 更新：优化器用梯度改动每个参数；已知类型的层会给出公式。",
                  "", _LOOK_ZH[stage]]
    else:
        lines += ["", "**What to look at in the step-through**", "",
                  "- Forward: the events follow the real data flow; each layer's "
                  "output shape should match the table above.",
                  "- Loss: the last layer's output is compared with the targets, "
                  "giving one number.",
                  "- Backward: gradients start at the loss, reach the last layer first "
                  "and travel back layer by layer; gradients that shrink towards the "
                  "first layers are the sign of vanishing gradients.",
                  "- Update: the optimizer changes every parameter using its gradient; "
                  "layers of a known kind show their formula.",
                  "", _LOOK_EN[stage]]
    classes = n_classes_of(data)
    if data.loss == "cross_entropy" and classes:
        value = math.log(classes)
        if zh:
            lines += ["", "## 先预测，再揭晓", "",
                      "开始训练之前：第 0 步的交叉熵损失大约是多少？", "",
                      "### 答案", "",
                      f"约 {value:.2f}，即 ln {classes}。未训练的网络对 {classes} "
                      f"个类别给出差不多均匀的概率 1/{classes}，"
                      f"损失就是 −ln(1/{classes})。"
                      "明显更大说明初始输出的尺度过大。"]
        else:
            lines += ["", "## Predict, then reveal", "",
                      "Before training starts: about how large is the cross-entropy "
                      "loss at step 0?", "", "### Answer", "",
                      f"About {value:.2f}, that is ln {classes}. An untrained network "
                      f"gives the {classes} classes nearly equal probabilities "
                      f"1/{classes}, so the loss is −ln(1/{classes}). A much larger "
                      "value means the initial outputs are too large."]
    elif rows and total:
        path, kind, _out, n = max(rows, key=lambda r: int(r[3]))
        share = 100.0 * int(n) / total
        if zh:
            lines += ["", "## 先预测，再揭晓", "",
                      "哪一层的参数最多？它占全部参数的多少？", "", "### 答案", "",
                      f"{path}（{kind}）：{int(n):,} 个，占 {share:.0f}%。"]
        else:
            lines += ["", "## Predict, then reveal", "",
                      "Which layer holds the most parameters, and what share of all?",
                      "", "### Answer", "",
                      f"{path} ({kind}): {int(n):,} of them, {share:.0f}% of all."]
    else:
        if zh:
            lines += ["", "## 先预测，再揭晓", "", "单步解析中，哪一层的梯度最先算出？",
                      "", "### 答案", "",
                      "最后一层：反向传播从损失开始，沿前向的相反顺序进行。"]
        else:
            lines += ["", "## Predict, then reveal", "",
                      "In the step-through, which layer's gradient is computed first?",
                      "", "### Answer", "",
                      "The last layer's: backpropagation starts at the loss and runs "
                      "through the layers in the reverse order of the forward pass."]
    return "\n".join(lines) + "\n"


# -- the probe (a child process that can be killed) --------------------------------


def probe(path: str, name: str = "", data: dict | None = None) -> dict:
    """Import ``path``; list its models. With ``name`` and ``data`` also build the
    model, check shapes on meta and run one CPU forward and backward on two samples.

    Returns a JSON-able dict: ``ok``, ``models`` (entries), ``modules`` (top-level
    modules the file imported that were not loaded before), ``error`` (stage,
    message, details) when not ok, ``summary`` (rows, output shape, parameters) and
    ``has_conv`` when a model was checked.
    """
    before = set(sys.modules)
    result: dict[str, Any] = {"ok": False, "models": [], "modules": []}
    try:
        module = load_file(path)
        result["modules"] = sorted({
            m.split(".")[0] for m in set(sys.modules) - before
            if not m.startswith("dlviz_user_")
        })
        result["models"] = [e.__dict__ for e in find_models(module)]
        if name and data is not None:
            choice = DataChoice.from_dict(data)
            builder = builder_of(module, name)
            check = check_shapes(builder, choice)
            result["summary"] = {
                "rows": [list(r[:2]) + [list(r[2]), r[3]] for r in check.rows],
                "output": list(check.output_shape),
                "parameters": check.parameters,
            }
            result["has_conv"] = first_step(builder, choice)
        result["ok"] = True
    except UserModelError as err:
        result["error"] = {"stage": err.stage, "message": err.message,
                           "details": err.details}
    except Exception as exc:  # noqa: BLE001 - anything else is still reported
        result["error"] = {"stage": "probe", "message": _one_line(exc),
                           "details": traceback.format_exc()}
    return result


def first_step(builder: Callable[[], Any], data: DataChoice) -> bool:
    """Build on the CPU, run a forward, the loss and a backward on two real samples.
    Returns whether the model has a 2-D convolution."""
    torch.manual_seed(0)
    model = build_model(builder)
    out_shape = None
    if data.kind == "random":
        with torch.no_grad():
            out_shape = tuple(run_with_layer_report(
                model, torch.zeros((2, *data.shape)), "forward").shape)
    xt, yt, *_ = make_data(data, 0, out_shape)
    x, y = xt[:2], yt[:2]
    model.train()
    out = run_with_layer_report(model, x, "forward")
    try:
        loss = _criterion(data)(out, y)
    except Exception as exc:  # noqa: BLE001
        raise UserModelError(
            "output", f"The loss refused the output {list(out.shape)} with targets "
            f"{list(y.shape)}: {_one_line(exc)}", traceback.format_exc()) from exc
    try:
        loss.backward()
    except Exception as exc:  # noqa: BLE001 - the user's autograd code
        raise UserModelError(
            "backward", f"The backward pass failed: {_one_line(exc)}",
            _user_traceback()) from exc
    if not any(p.requires_grad for p in model.parameters()):
        raise UserModelError("build", "The model has no trainable parameters")
    return any(isinstance(m, nn.Conv2d) for m in model.modules())


class ProbeCancelled(Exception):
    """The probe was cancelled (its process was killed)."""


def run_probe(path: str, name: str = "", data: dict | None = None, *,
              timeout: float = PROBE_TIMEOUT_S,
              cancelled: Callable[[], bool] = lambda: False,
              poll_s: float = 0.05) -> dict:
    """Run :func:`probe` in a child Python process; kill it after ``timeout``
    seconds (an endless loop in the file) or when ``cancelled()`` turns true
    (ProbeCancelled). A timeout is reported as an error of stage "timeout"."""
    request = json.dumps({"path": str(path), "name": name, "data": data})
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    # files, not pipes: a file that prints a lot never blocks on a full pipe
    with tempfile.TemporaryFile("w+") as out_file, \
            tempfile.TemporaryFile("w+") as err_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dlviz.core.usermodel", "probe", request],
            stdin=subprocess.DEVNULL, stdout=out_file, stderr=err_file, env=env,
            text=True,
        )
        start = time.monotonic()
        while proc.poll() is None:
            if cancelled():
                _kill(proc)
                raise ProbeCancelled()
            if time.monotonic() - start > timeout:
                _kill(proc)
                return {"ok": False, "models": [], "modules": [], "error": {
                    "stage": "timeout",
                    "message": f"Stopped after {timeout:.0f} s: the file's code did "
                    "not finish (an endless loop?)",
                    "details": "",
                }}
            time.sleep(poll_s)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    marker = out.rfind(_MARK)
    if marker < 0:
        return {"ok": False, "models": [], "modules": [], "error": {
            "stage": "probe",
            "message": f"The checking process ended with code {proc.returncode}",
            "details": (out + err)[-4000:],
        }}
    return json.loads(out[marker + len(_MARK):])


_MARK = "\n@@dlviz-probe@@"


def _kill(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f"SyntaxError: {exc.msg} (line {exc.lineno})"
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _user_traceback() -> str:
    """The traceback of the exception being handled."""
    return traceback.format_exc()


# -- the command line's summary -------------------------------------------------------


def summary_text(spec: str, data: DataChoice | None = None) -> str:
    """The summary table of ``path/to/file.py:ClassName`` (imports the file here;
    shapes on the meta device). ``data`` defaults to what fits: 32×32 digits for a
    model with a 2-D convolution first, else 8×8 digits."""
    path, _, name = spec.rpartition(":")
    if not path:
        path, name = spec, ""
    module = load_file(path)
    entries = find_models(module)
    if not name:
        if len(entries) != 1:
            names = ", ".join(e.name for e in entries) or "none"
            raise UserModelError(
                "build", f"name the model: {path}:NAME (models found: {names})")
        name = entries[0].name
    builder = builder_of(module, name)
    if data is None:
        meta = build_model(builder, "meta")
        first = next((m for m in meta.modules()
                      if isinstance(m, (nn.Linear, nn.Conv2d, nn.RNNBase))), None)
        if isinstance(first, nn.Conv2d):
            data = DataChoice("digits32") if first.in_channels == 1 else DataChoice(
                "random", "mse", (first.in_channels, 32, 32))
        elif isinstance(first, nn.RNNBase):
            data = DataChoice("random", "mse", (12, first.input_size))
        elif isinstance(first, nn.Linear) and first.in_features not in (64, 2):
            data = DataChoice("random", "mse", (first.in_features,))
        elif isinstance(first, nn.Linear) and first.in_features == 2:
            data = DataChoice("points2d")
        else:
            data = DataChoice("digits8")
    check = check_shapes(builder, data)
    header = ("Layer (type)", "Output shape", "Param #")
    lines = [(f"{p} ({k})", "[" + ", ".join(map(str, s)) + "]", f"{n:,}")
             for p, k, s, n in check.rows]
    w0 = max([len(header[0])] + [len(a) for a, _, _ in lines])
    w1 = max([len(header[1])] + [len(b) for _, b, _ in lines])
    w2 = max([len(header[2]), len(f"{check.parameters:,}")]
             + [len(c) for _, _, c in lines])
    width = w0 + w1 + w2 + 4

    def row(c):
        return f"{c[0]:<{w0}}  {c[1]:<{w1}}  {c[2]:>{w2}}"

    shape = "[" + ", ".join(map(str, check.input_shape)) + "]"
    out = [f"{Path(path).name}:{name} — input {shape} ({data.describe()})",
           "=" * width, row(header), "-" * width]
    out += [row(line) for line in lines]
    out += ["=" * width, f"Total params: {check.parameters:,}"]
    return "\n".join(out)


def _main(argv: list[str]) -> int:
    if argv[:1] == ["probe"]:
        request = json.loads(argv[1])
        result = probe(request["path"], request.get("name", ""), request.get("data"))
        sys.stdout.write(_MARK + json.dumps(result))
        sys.stdout.flush()
        return 0
    print("usage: python -m dlviz.core.usermodel probe REQUEST_JSON")
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
