"""Chapter "cnn": transfer learning and fine-tuning on the bundled digits.

Every digit is written somewhere in a larger box: the bundled 8 × 8 digits, scaled
to 16 × 16, are placed at a random position of a 24 × 24 canvas. A small CNN is
pre-trained on the digits 0–4, each batch placed afresh (plenty of source data: each
0–4 at many positions), once per process and seed, in a few seconds, cached in memory.
The digits 5–9 are then learnt from a few labelled examples, each at one fixed
position, three ways, in lockstep on the same batches:

* **from scratch** — the same network, every weight random;
* **frozen features + new head** — the pre-trained body kept as it is, only a new
  output layer learns;
* **fine-tuned** — the pre-trained body and a new head all learn, the body at a
  smaller learning rate (``body_lr × lr``, the head at ``lr``), as the course's
  notes advise.

The three start from the same new head. The lab's network (the one the step-through
records) is the fine-tuned one. What the stage shows comes from here: the
validation accuracy of the three on 5–9 recorded every few steps, the first-layer
filters of the pre-trained, fine-tuned and from-scratch networks, and, on request,
a sweep over the number of labelled examples (every size trained the same number of
steps) that says how many examples each way needs.
"""

from __future__ import annotations

import contextlib
import random
from functools import lru_cache
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.labs.normalization import ColumnHistory
from dlviz.core.params import ParamSpec
from dlviz.core.train.optim import build_optimizer

DIGIT_SIZE = 16
IMAGE_SIZE = 24
VAL_FRACTION = 0.2
#: The digits the body is pre-trained on and the digits learnt afterwards.
SOURCE_DIGITS = (0, 1, 2, 3, 4)
TARGET_DIGITS = (5, 6, 7, 8, 9)
#: Pre-training: Adam at this rate, this many steps of this batch size.
PRETRAIN_STEPS = 600
PRETRAIN_LR = 0.003
PRETRAIN_BATCH = 32
#: The three ways, in the order of every array in a snapshot.
METHODS = ("scratch", "frozen", "finetune")
#: Metric key suffix of each way (the lab's network, fine-tuned, has none).
SUFFIX = {"scratch": "_scratch", "frozen": "_frozen", "finetune": ""}
#: Accuracy the stage marks, and the first recorded step each way reaches it.
TARGET_ACC = 0.75
#: Numbers of labelled examples of 5–9 the sweep trains, and its steps per size.
SWEEP_SIZES = (10, 20, 50, 100, 200, 500)
SWEEP_STEPS = 150
#: Most recorded accuracy points kept (the recording interval doubles when full),
#: and the first recording interval (steps).
MAX_POINTS = 120
RECORD_EVERY = 5
CONV1_CHANNELS = 8
FEATURES = 32 * (IMAGE_SIZE // 8) ** 2


class SmallCnn(nn.Module):
    """Three ``conv → ReLU → max-pool`` blocks (5×5 to 8 channels, 3×3 to 16, 3×3
    to 32) as the body, flattened to 288 features, then a linear head of ``n_out``
    classes; 24 × 24 input."""

    def __init__(self, n_out: int = 5):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, CONV1_CHANNELS, 5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(CONV1_CHANNELS, 16, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
        )
        self.head = nn.Linear(FEATURES, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))

    @property
    def conv1(self) -> nn.Conv2d:
        return self.body[0]


def place(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Digits (N, 1, 16, 16) each put at a random position of an empty (N, 1, 24, 24)
    canvas (positions drawn from ``generator``)."""
    n, room = len(x), IMAGE_SIZE - DIGIT_SIZE + 1
    offsets = torch.randint(0, room, (n, 2), generator=generator).to(x.device)
    span = torch.arange(DIGIT_SIZE, device=x.device)
    rows = (offsets[:, :1] + span)[:, :, None]
    cols = (offsets[:, 1:] + span)[:, None, :]
    out = x.new_zeros(n, 1, IMAGE_SIZE, IMAGE_SIZE)
    out[torch.arange(n, device=x.device)[:, None, None], 0, rows, cols] = x[:, 0]
    return out


def split_digits(seed: int) -> dict[str, torch.Tensor]:
    """The 16 × 16 digits of the class-stratified split of ``seed``, in a source part
    (0–4) and a target part (5–9, labels 0–4 standing for 5–9). The target images
    (training and validation) are placed on the 24 × 24 canvas once, at seeded
    positions; the source ones are placed afresh for every batch."""
    xt, yt, xv, yv = load_digits_images(DIGIT_SIZE, VAL_FRACTION, seed)
    src_t, src_v = yt < 5, yv < 5
    gen = torch.Generator().manual_seed(seed + 29)
    return {
        "source_x": xt[src_t], "source_y": yt[src_t],
        "source_val_x": place(xv[src_v], gen), "source_val_y": yv[src_v],
        "target_x": place(xt[~src_t], gen), "target_y": yt[~src_t] - 5,
        "target_val_x": place(xv[~src_v], gen), "target_val_y": yv[~src_v] - 5,
    }


def labelled_subset(y: torch.Tensor, n: int, seed: int) -> torch.Tensor:
    """Indices of ``n`` examples, as even across the classes as ``n`` allows (the
    first classes take the remainder), drawn by a seeded shuffle. The examples of
    a smaller ``n`` are among those of a larger one."""
    gen = torch.Generator().manual_seed(seed + 23)
    classes = sorted(int(c) for c in torch.unique(y))
    per = {c: n // len(classes) + (1 if i < n % len(classes) else 0)
           for i, c in enumerate(classes)}
    picked = []
    for c in classes:
        idx = torch.nonzero(y == c)[:, 0]
        idx = idx[torch.randperm(len(idx), generator=gen)]
        picked.append(idx[: per[c]])
    return torch.sort(torch.cat(picked)).values


@contextlib.contextmanager
def _own_random_numbers(seed: int):
    """Python's, numpy's and torch's (CPU) generators seeded inside, put back after:
    pre-training or a sweep draws no numbers of the running task."""
    py, np_state = random.getstate(), np.random.get_state()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        try:
            yield
        finally:
            random.setstate(py)
            np.random.set_state(np_state)


@lru_cache(maxsize=4)
def pretrained_body(seed: int) -> tuple[dict[str, torch.Tensor], float]:
    """The body of a :class:`SmallCnn` trained on the digits 0–4 (CPU, Adam,
    :data:`PRETRAIN_STEPS` steps) and its validation accuracy on 0–4. Cached per
    process and seed; the caller's random numbers are left as they were."""
    data = split_digits(seed)
    x, y = data["source_x"], data["source_y"]
    with _own_random_numbers(seed + 1000):
        net = SmallCnn(len(SOURCE_DIGITS))
        opt = torch.optim.Adam(net.parameters(), lr=PRETRAIN_LR)
        gen = torch.Generator().manual_seed(seed + 1001)
        loss_fn = nn.CrossEntropyLoss()
        for _ in range(PRETRAIN_STEPS):
            idx = torch.randint(len(x), (PRETRAIN_BATCH,), generator=gen)
            loss = loss_fn(net(place(x[idx], gen)), y[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            out = net(data["source_val_x"])
        acc = float((out.argmax(1) == data["source_val_y"]).float().mean())
    body = {k: v.detach().clone() for k, v in net.body.state_dict().items()}
    return body, acc


def _accuracy(net: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    was = net.training
    net.eval()
    with torch.no_grad():
        right = (net(x).argmax(1) == y).float().mean()
    net.train(was)
    return float(right)


class TransferTask(SupervisedTask):
    """The fine-tuned network (the lab's model) and its two companions, from
    scratch and with frozen features, on the same batches of ``examples``
    labelled digits 5–9."""

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        data = split_digits(seed)
        chosen = labelled_subset(data["target_y"], int(hp["examples"]), seed)
        self.examples = int(len(chosen))
        body, self.pretrain_acc = pretrained_body(seed)
        self.pretrained = SmallCnn(len(TARGET_DIGITS))
        self.pretrained.body.load_state_dict(body)
        # one new head for all three; the scratch body is drawn after it
        head = nn.Linear(FEATURES, len(TARGET_DIGITS)).state_dict()
        nets = {}
        for method in METHODS:
            net = SmallCnn(len(TARGET_DIGITS))
            net.head.load_state_dict(head)
            if method != "scratch":
                net.body.load_state_dict(body)
            nets[method] = net
        frozen = nets["frozen"]
        for p in frozen.body.parameters():
            p.requires_grad_(False)
        self.body_lr = float(hp["body_lr"]) * float(hp["lr"])
        tuned = nets["finetune"]
        groups = [
            {"params": list(tuned.head.parameters())},
            {"params": list(tuned.body.parameters()), "lr": self.body_lr},
        ]
        self.setup(tuned, data["target_x"][chosen], data["target_y"][chosen],
                   data["target_val_x"], data["target_val_y"])
        self.optimizer = build_optimizer(
            hp["optimizer"], groups, hp["lr"], hp["weight_decay"])
        self.scratch = nets["scratch"].to(device)
        self.frozen = frozen.to(device)
        self.pretrained.to(device)
        self.companion_optimizers = {
            "scratch": build_optimizer(hp["optimizer"], self.scratch.parameters(),
                                       hp["lr"], hp["weight_decay"]),
            "frozen": build_optimizer(hp["optimizer"], self.frozen.head.parameters(),
                                      hp["lr"], hp["weight_decay"]),
        }
        self.history = ColumnHistory(MAX_POINTS)
        self.history.stride = RECORD_EVERY
        self._record()

    # -- the three networks ----------------------------------------------------------
    def nets(self) -> dict[str, SmallCnn]:
        """The three networks by way, in :data:`METHODS` order."""
        return {"scratch": self.scratch, "frozen": self.frozen,
                "finetune": self.model}

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model, "scratch": self.scratch, "frozen": self.frozen}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer, **self.companion_optimizers}

    # -- training --------------------------------------------------------------------
    def train_step(self) -> dict[str, float]:
        x, y = self.next_batch()
        self.remember_finite()
        self.model.train()
        loss = self.loss_of(self.model(x), y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        metrics = {"loss": float(loss.detach())}
        metrics.update(self._companions_step(x, y))
        self.step += 1
        self._record()
        return metrics

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        x, y = self.next_batch()
        self.remember_finite()
        self.model.train()
        trace = record_supervised_step(
            self.model, x, y, self.loss_of, self.optimizer, name="model")
        trace.metrics.pop("acc", None)
        # the recorder writes the first group's rate (the head's) on every update;
        # the body's layers learn at their own
        head_lr = f"η = {float(self.hparams['lr']):g}"
        body_lr = f"η = {self.body_lr:g} (body: {float(self.hparams['body_lr']):g}·lr)"
        for event in trace.events:
            if event.phase == "update" and event.path.startswith("body"):
                event.scalars["lr"] = self.body_lr
                event.formula = event.formula.replace(head_lr, body_lr)
        trace.metrics.update(self._companions_step(x, y))
        self.step += 1
        self._record()
        return trace

    def _companions_step(self, x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
        """One step of the scratch and frozen networks on the same batch."""
        metrics = {}
        for method in ("scratch", "frozen"):
            net, opt = self.nets()[method], self.companion_optimizers[method]
            net.train()
            loss = self.criterion(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            metrics[f"loss{SUFFIX[method]}"] = float(loss.detach())
        return metrics

    def accuracies(self) -> dict[str, float]:
        """Validation accuracy on 5–9 of each way."""
        return {m: _accuracy(net, self.x_val, self.y_val)
                for m, net in self.nets().items()}

    def evaluate(self) -> dict[str, float]:
        return {f"val_acc{SUFFIX[m]}": a for m, a in self.accuracies().items()}

    #: False in a sweep: no accuracy is recorded while it trains.
    recording = True

    def _record(self) -> None:
        if self.recording and self.history.due(self.step):
            acc = self.accuracies()
            self.history.add(self.step, acc=np.array([acc[m] for m in METHODS]))

    # -- what the stage shows ----------------------------------------------------------
    def reached(self) -> list[int]:
        """Per way, the first recorded step with validation accuracy ≥
        :data:`TARGET_ACC` (−1: not yet)."""
        acc = self.history.stacked("acc")
        steps = self.history.steps
        out = []
        for row in acc:
            hits = np.flatnonzero(row >= TARGET_ACC)
            out.append(int(steps[hits[0]]) if len(hits) else -1)
        return out

    def filters(self) -> dict[str, np.ndarray]:
        """First-layer filters (channels, 5, 5) of the pre-trained body and of each
        way now (the frozen ones are the pre-trained ones)."""
        out = {"pretrained": self.pretrained.conv1.weight}
        out.update({m: net.conv1.weight for m, net in self.nets().items()})
        return {k: w.detach()[:, 0].cpu().numpy().astype(np.float32)
                for k, w in out.items()}

    def snapshot(self) -> dict[str, Any]:
        filters = self.filters()
        pre = filters["pretrained"]
        change = {
            m: float(np.linalg.norm(filters[m] - pre) / max(np.linalg.norm(pre), 1e-12))
            for m in ("frozen", "finetune")
        }
        return {
            "methods": METHODS,
            "steps": np.asarray(self.history.steps, dtype=np.int64),
            "acc": self.history.stacked("acc"),  # (3, points)
            "target_acc": TARGET_ACC,
            "reached": self.reached(),
            "examples": self.examples,
            "val_size": int(len(self.x_val)),
            "pretrain_acc": self.pretrain_acc,
            "body_lr": self.body_lr,
            "lr": float(self.hparams["lr"]),
            "filters": filters,
            "filter_change": change,
            "sweep": cached_sweep(self.hparams),
            "step": self.step,
        }

    # -- the sweep over the number of examples ---------------------------------------
    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "sweep":  # measured once per process and settings
            found = cached_sweep(self.hparams)
            if found is None:
                found = sweep(self.hparams, self.device, self.current_request)
            return found
        return super().handle(kind, payload)


_SWEEPS: dict[tuple, dict] = {}


def _sweep_key(hp: dict) -> tuple:
    keys = ("seed", "optimizer", "lr", "batch_size", "weight_decay", "body_lr")
    return tuple(hp[k] for k in keys)


def cached_sweep(hp: dict) -> dict | None:
    """The sweep already measured for these settings (any ``examples``), or None."""
    return _SWEEPS.get(_sweep_key(hp))


def sweep(hp: dict, device: torch.device, token=None,
          sizes: tuple[int, ...] = SWEEP_SIZES, steps: int = SWEEP_STEPS) -> dict:
    """Validation accuracy on 5–9 of the three ways after ``steps`` steps, for each
    number of labelled examples in ``sizes``, with the lab's other settings.

    ``token`` (a request's cancel token) is checked between sizes. The random
    numbers of a running task are left as they were. The answer is kept for
    :func:`cached_sweep` when ``sizes`` and ``steps`` are the lab's.
    """
    acc = np.zeros((len(METHODS), len(sizes)), np.float64)
    with _own_random_numbers(int(hp["seed"])):
        for j, n in enumerate(sizes):
            if token is not None:
                token.check()
            task = TransferTask({**hp, "examples": n}, device)
            task.recording = False
            for _ in range(steps):
                task.train_step()
            found = task.accuracies()
            acc[:, j] = [found[m] for m in METHODS]
            if token is not None and hasattr(token, "progress"):
                token.progress((j + 1) / len(sizes))
    result = {"sizes": np.asarray(sizes, dtype=np.int64), "acc": acc,
              "steps": int(steps), "methods": METHODS}
    if tuple(sizes) == SWEEP_SIZES and steps == SWEEP_STEPS:
        _SWEEPS[_sweep_key(hp)] = result
    return result


LABS = [
    LabSpec(
        key="transfer",
        title="Transfer learning and fine-tuning",
        chapter="cnn",
        year=2014,
        teaches="A body pre-trained on 0–4 learns 5–9 from a few examples: from "
        "scratch vs frozen features vs fine-tuning.",
        stage="transfer",
        factory=TransferTask,
        authors="Yosinski, Clune, Bengio, Lipson (how transferable are features)",
        idea="Copy a network trained on a source task, replace its output layer, "
        "and train on the target task: the head from scratch, the body gently.",
        paper="How transferable are features in deep neural networks? (2014)",
        heavy=True,
        metrics={
            "loss_scratch": "training loss (from scratch)",
            "acc_scratch": "training accuracy (from scratch)",
            "loss_frozen": "training loss (frozen features)",
            "acc_frozen": "training accuracy (frozen features)",
        },
        params=(
            ParamSpec(
                "examples", "Labelled examples of 5–9", "int", 50,
                minimum=10, maximum=700, group="data",
                help="How many labelled digits 5–9 the three networks learn from "
                "(as even across the five classes as possible).",
            ),
            ParamSpec(
                "body_lr", "Body learning rate (× lr)", "float", 0.1,
                minimum=0.0, maximum=1.0,
                help="Fine-tuning: the pre-trained layers learn at this fraction "
                "of the learning rate, the new head at the full rate.",
            ),
        ),
        training_defaults={"optimizer": "Adam", "lr": 0.003, "batch_size": 32},
    ),
]
