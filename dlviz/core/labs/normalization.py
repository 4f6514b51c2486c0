"""Chapter "optim": batch normalization and dropout on the 8×8 digits.

Two MLPs with the same first weights learn from the same batches: the lab's network
(batch normalization on or off, as set) and its *twin*, the same network with batch
normalization the other way. What the stage shows comes from here:

* each hidden layer's pre-activation (what the ReLU receives) as a histogram per
  recorded step, for both networks: without BN the distributions drift and spread
  while the weights change; with BN each unit is re-centred on every batch;
* BN's running mean and variance of one unit beside the statistics of the current
  batch, and the momentum update that turns one into the other (as ``torch`` does:
  ``running ← (1 − m)·running + m·batch``, the variance taken unbiased);
* one validation digit scored in train mode inside two different batches and in
  eval mode: BN's batch statistics (and dropout's random mask) make train-mode
  answers depend on the rest of the batch — forgetting ``model.eval()``;
* dropout's train-mode scaling by ``1/(1 − p)`` with the numbers of that digit.

A large learning rate is the other setting: with plain SGD the network without BN
stops (its loss explodes, the twin is put back and halted) where the BN one trains.
"""

from __future__ import annotations

import contextlib
import math

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.labs.base import LabSpec, SupervisedTask
from dlviz.core.params import ParamSpec
from dlviz.core.train.optim import build_optimizer

#: Pre-activations are counted in this many bins over ``[-HIST_RANGE, HIST_RANGE]``;
#: values beyond fall into the edge bins.
HIST_BINS = 40
HIST_RANGE = 4.0
#: The most recorded steps kept; when full, every other one is dropped and the
#: recording interval doubles, so the whole run fits.
MAX_COLUMNS = 120
#: Images of each companion batch the probe digit is scored with in train mode.
COMPANIONS = 31
#: A twin whose loss exceeds this many times its first loss has diverged.
TWIN_EXPLODE = 100.0


class NormMlp(nn.Module):
    """``Linear → (BatchNorm1d) → ReLU → (Dropout)`` per hidden layer, then a linear
    head. The forward keeps detached copies of what each layer's BN (or ReLU) saw,
    for the histograms and statistics; that changes no number."""

    def __init__(self, n_in: int, width: int, layers: int, n_out: int,
                 batchnorm: bool, dropout: float):
        super().__init__()
        self.batchnorm = batchnorm
        self.flatten = nn.Flatten()
        self.blocks = nn.ModuleList()
        w = n_in
        for _ in range(layers):
            parts: list[nn.Module] = [nn.Linear(w, width)]
            if batchnorm:
                parts.append(nn.BatchNorm1d(width))
            parts.append(nn.ReLU())
            if dropout > 0:
                parts.append(nn.Dropout(dropout))
            self.blocks.append(nn.Sequential(*parts))
            w = width
        self.head = nn.Linear(w, n_out)
        #: per hidden layer: the Linear output (BN's input) and the ReLU's input
        self.linear_out: list[torch.Tensor] = []
        self.pre_activation: list[torch.Tensor] = []
        #: per dropout layer: (input, output)
        self.dropout_io: list[tuple[torch.Tensor, torch.Tensor]] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.flatten(x)
        lin, pre, drop = [], [], []
        for block in self.blocks:
            for module in block:
                y = module(x)
                if isinstance(module, nn.Linear):
                    lin.append(y.detach())
                elif isinstance(module, nn.ReLU):
                    pre.append(x.detach())
                elif isinstance(module, nn.Dropout):
                    drop.append((x.detach(), y.detach()))
                x = y
        self.linear_out, self.pre_activation, self.dropout_io = lin, pre, drop
        return self.head(x)

    def linears(self) -> list[nn.Linear]:
        return [m for m in self.modules() if isinstance(m, nn.Linear)]

    def norms(self) -> list[nn.BatchNorm1d]:
        return [m for m in self.modules() if isinstance(m, nn.BatchNorm1d)]


def histograms(tensors: list[torch.Tensor]) -> np.ndarray:
    """(layers, HIST_BINS): the share of values in each bin, edges clamped in."""
    rows = []
    for t in tensors:
        t = t.float().clamp(-HIST_RANGE, HIST_RANGE)
        counts = torch.histc(t, HIST_BINS, -HIST_RANGE, HIST_RANGE)
        rows.append((counts / max(1, t.numel())).cpu().numpy())
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), HIST_BINS)


class ColumnHistory:
    """Columns recorded every ``stride`` steps; when more than ``cap`` are held,
    only those at multiples of twice the stride stay and the stride doubles."""

    def __init__(self, cap: int = MAX_COLUMNS):
        self.cap, self.stride = cap, 1
        self.steps: list[int] = []
        self.columns: dict[str, list[np.ndarray]] = {}

    def due(self, step: int) -> bool:
        return step % self.stride == 0

    def add(self, step: int, **values: np.ndarray) -> None:
        self.steps.append(step)
        for key, value in values.items():
            self.columns.setdefault(key, []).append(value)
        if len(self.steps) > self.cap:
            self.stride *= 2
            keep = [i for i, s in enumerate(self.steps) if s % self.stride == 0]
            self.steps = [self.steps[i] for i in keep]
            for key, column in self.columns.items():
                self.columns[key] = [column[i] for i in keep]

    def stacked(self, key: str) -> np.ndarray:
        """The column ``key`` with time as the last axis."""
        return np.stack(self.columns[key], axis=-1).astype(np.float32)


def batch_statistics(net: NormMlp, feature: int = 0) -> np.ndarray:
    """(layers, 3) for one unit of each BN layer's input in the last forward:
    batch mean, biased variance (used to normalise), unbiased variance (fed to the
    running variance)."""
    rows = []
    for z in net.linear_out:
        col = z[:, feature].double()
        unbiased = col.var(unbiased=True) if len(col) > 1 else col.new_tensor(0.0)
        rows.append([float(col.mean()), float(col.var(unbiased=False)),
                     float(unbiased)])
    return np.asarray(rows, dtype=np.float64).reshape(-1, 3)


def running_statistics(net: NormMlp, feature: int = 0) -> np.ndarray:
    """(layers, 2): running mean and running variance of one unit per BN layer."""
    return np.asarray(
        [[float(bn.running_mean[feature]), float(bn.running_var[feature])]
         for bn in net.norms()], dtype=np.float64,
    ).reshape(-1, 2)


class NormalizationTask(SupervisedTask):
    """The lab's MLP and its twin (BN the other way) on the same batches."""

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        xt, yt, xv, yv = load_digits_images(8, hp["val_fraction"], hp["seed"])
        layers, width, p = int(hp["layers"]), int(hp["neurons"]), float(hp["dropout"])
        model = NormMlp(64, width, layers, 10, bool(hp["batchnorm"]), p)
        self.setup(model, xt, yt, xv, yv)
        twin = NormMlp(64, width, layers, 10, not hp["batchnorm"], p).to(device)
        for mine, theirs in zip(twin.linears(), model.linears()):
            mine.load_state_dict(theirs.state_dict())
        self.twin = twin
        self.twin_optimizer = build_optimizer(
            hp["optimizer"], twin.parameters(), hp["lr"], hp["weight_decay"]
        )
        self.twin_stopped = -1  # the step at which the twin diverged
        self._twin_first_loss: float | None = None
        self.momentum = float(self.bn_net.norms()[0].momentum)
        # the probe: one validation digit, and two fixed batches to score it in
        self.probe = self.x_val[:1]
        self.probe_label = int(self.y_val[0])
        # batch A: drawn at random; batch B: one other class only, as a batch of a
        # data set sorted by label would be
        gen = torch.Generator().manual_seed(int(hp["seed"]) + 11)
        order = torch.randperm(len(self.x_train), generator=gen).to(self.device)
        self.other_label = (self.probe_label + 1) % 10
        same = order[self.y_train[order] == self.other_label][:COMPANIONS]
        self.companions = [self.x_train[order[:COMPANIONS]], self.x_train[same]]
        self.history = ColumnHistory()
        self._record_initial()

    # -- which network has BN ------------------------------------------------------
    @property
    def bn_net(self) -> NormMlp:
        return self.model if self.model.batchnorm else self.twin

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model, "twin": self.twin}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer, "twin": self.twin_optimizer}

    # -- training ------------------------------------------------------------------
    def train_step(self) -> dict[str, float]:
        self.model.train()
        self.twin.train()
        x, y = self.next_batch()
        self.remember_finite()
        before = running_statistics(self.bn_net)
        out = self.model(x)
        loss = self.loss_of(out, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        # the curves compare the two networks: the training loss and the
        # validation accuracy of each (more would crowd the curve panels' legends)
        metrics = {"loss": float(loss.detach())}
        metrics.update(self._twin_step(x, y))
        self.step += 1
        self._record(before)
        return metrics

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        self.twin.train()
        x, y = self.next_batch()
        self.remember_finite()
        before = running_statistics(self.bn_net)
        trace = record_supervised_step(
            self.model, x, y, self.loss_of, self.optimizer, name="model"
        )
        trace.metrics.pop("acc", None)
        trace.metrics.update(self._twin_step(x, y))
        self.step += 1
        self._record(before)
        return trace

    def _twin_step(self, x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
        """One step of the twin on the same batch; a twin whose loss explodes or
        whose weights stop being finite is put back and halted (the lab's own
        network goes on)."""
        if self.twin_stopped >= 0:
            with torch.no_grad(), _kept_state(self.twin):
                self.twin(x)  # its histograms follow the batches; it stays put
            return {}
        params = [p.detach() for p in self.twin.parameters()]
        saved = [p.clone() for p in params]
        out = self.twin(x)
        loss = self.criterion(out, y)
        self.twin_optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.twin_optimizer.step()
        value = float(loss.detach())
        if self._twin_first_loss is None:
            self._twin_first_loss = max(value, 1.0)
        finite = all(bool(torch.isfinite(p).all()) for p in params)
        if not (math.isfinite(value) and finite
                and value < TWIN_EXPLODE * self._twin_first_loss):
            with torch.no_grad():
                for p, s in zip(params, saved):
                    p.copy_(s)
            self.twin_optimizer.state.clear()
            self.twin_stopped = self.step + 1
            return {}
        return {"loss_twin": value}

    def evaluate(self) -> dict[str, float]:
        out = self.predict(self.x_val)
        metrics = {"val_acc": float((out.argmax(1) == self.y_val).float().mean())}
        if self.twin_stopped < 0:
            with torch.no_grad():
                self.twin.eval()
                out = self.twin(self.x_val)
                self.twin.train()
            right = (out.argmax(1) == self.y_val).float()
            metrics["val_acc_twin"] = float(right.mean())
        return metrics

    # -- recording -----------------------------------------------------------------
    def _record(self, running_before: np.ndarray) -> None:
        if not self.history.due(self.step):
            return
        batch = batch_statistics(self.bn_net)
        after = running_statistics(self.bn_net)
        self.history.add(
            self.step,
            hist=histograms(self.model.pre_activation),
            twin_hist=histograms(self.twin.pre_activation),
            batch_mean=batch[:, 0],
            batch_var=batch[:, 1],
            running_mean=after[:, 0],
            running_var=after[:, 1],
        )
        self._last_stats = {"before": running_before, "batch": batch, "after": after}

    def _record_initial(self) -> None:
        """Step 0: both networks on the first companion batch in train mode, their
        running statistics left as they were."""
        start = running_statistics(self.bn_net)
        with (torch.no_grad(), _kept_state(self.model, self.twin),
              self._own_random_numbers(int(self.hparams["seed"]) + 3)):
            self.model.train()
            self.twin.train()
            self.model(self.companions[0])
            self.twin(self.companions[0])
            batch = batch_statistics(self.bn_net)
            self.history.add(
                0,
                hist=histograms(self.model.pre_activation),
                twin_hist=histograms(self.twin.pre_activation),
                batch_mean=batch[:, 0],
                batch_var=batch[:, 1],
                running_mean=start[:, 0],
                running_var=start[:, 1],
            )
        self._last_stats = {"before": start, "batch": batch, "after": start}

    # -- the probe: the same digit in train and in eval mode -------------------------
    @contextlib.contextmanager
    def _own_random_numbers(self, seed: int):
        """Dropout masks drawn from a seeded fork of the generators: the training
        draws stay as they were (``torch.manual_seed`` would cost milliseconds)."""
        cuda = self.device.type == "cuda"
        devices = [self.device.index or 0] if cuda else []
        with torch.random.fork_rng(devices=devices):
            torch.default_generator.manual_seed(seed)
            if cuda:
                torch.cuda.manual_seed(seed)
            yield

    @torch.no_grad()
    def probe_outputs(self) -> dict:
        """The probe digit's probabilities in eval mode and in train mode within
        each companion batch, and the first dropout layer's numbers in train mode.
        Nothing of the task changes: running statistics are put back and dropout
        draws from a forked, seeded generator."""
        net = self.model
        out: dict = {"label": self.probe_label, "other_label": self.other_label}
        with _kept_state(net):
            net.eval()
            out["eval_logits"] = net(self.probe)[0].cpu().numpy()
            net.train()
            for name, companions in zip(("train_a", "train_b"), self.companions):
                batch = torch.cat([self.probe, companions])
                with self._own_random_numbers(int(self.hparams["seed"]) + 5):
                    logits = net(batch)
                out[f"{name}_logits"] = logits[0].cpu().numpy()
                if name == "train_a":
                    out["dropout"] = self._dropout_numbers(net)
        for key in ("eval", "train_a", "train_b"):
            logits = torch.from_numpy(out[f"{key}_logits"])
            out[key] = torch.softmax(logits, 0).numpy().astype(np.float32)
        return out

    def _dropout_numbers(self, net: NormMlp) -> dict | None:
        """First dropout layer, train mode: of the probe's active units (ReLU > 0)
        how many were kept, one kept value before and after, and the batch means of
        its input and output (equal on average: that is what the scaling is for)."""
        if not net.dropout_io:
            return None
        x, y = net.dropout_io[0]
        p = float(self.hparams["dropout"])
        row_x, row_y = x[0], y[0]
        active = row_x > 0
        kept = active & (row_y != 0)
        index = int(torch.nonzero(kept)[0]) if bool(kept.any()) else -1
        return {
            "p": p,
            "scale": 1.0 / (1.0 - p),
            "units": int(row_x.numel()),
            "active": int(active.sum()),
            "kept": int(kept.sum()),
            "unit": index,
            "x": float(row_x[index]) if index >= 0 else 0.0,
            "y": float(row_y[index]) if index >= 0 else 0.0,
            "mean_in": float(x.mean()),
            "mean_out": float(y.mean()),
        }

    def snapshot(self) -> dict:
        h = self.history
        stats = self._last_stats
        return {
            "batchnorm": bool(self.model.batchnorm),
            "layers": len(self.model.blocks),
            "hist_range": HIST_RANGE,
            "steps": np.asarray(h.steps, dtype=np.int64),
            "hist": h.stacked("hist"),  # (layers, bins, steps)
            "twin_hist": h.stacked("twin_hist"),
            "batch_mean": h.stacked("batch_mean"),  # (layers, steps)
            "batch_var": h.stacked("batch_var"),
            "running_mean": h.stacked("running_mean"),
            "running_var": h.stacked("running_var"),
            "momentum": self.momentum,
            "batch_size": self.batch_size,
            "stats_before": stats["before"].astype(np.float64),
            "stats_batch": stats["batch"].astype(np.float64),
            "stats_after": stats["after"].astype(np.float64),
            "twin_stopped": int(self.twin_stopped),
            "probe": self.probe_outputs(),
            "probe_image": self.probe[0, 0].cpu().numpy(),
        }


class _kept_state:  # noqa: N801 - used as a context manager
    """Restore the modules' train/eval modes and BN running statistics on exit."""

    def __init__(self, *nets: NormMlp):
        self.nets = nets

    def __enter__(self):
        self.modes = [net.training for net in self.nets]
        self.buffers = [
            [b.detach().clone() for b in net.buffers()] for net in self.nets
        ]
        return self

    def __exit__(self, *exc) -> None:
        with torch.no_grad():
            for net, mode, saved in zip(self.nets, self.modes, self.buffers):
                for b, s in zip(net.buffers(), saved):
                    b.copy_(s)
                net.train(mode)


LABS = [
    LabSpec(
        key="batchnorm",
        title="Batch normalization and dropout",
        chapter="optim",
        year=2015,
        teaches="Pre-activations drift without batch normalization and stay put "
        "with it; train and eval mode answer differently.",
        stage="normalization",
        factory=NormalizationTask,
        authors="Ioffe, Szegedy (BN); Srivastava, Hinton et al. (dropout)",
        idea="Normalize each unit over the batch, then scale and shift it (γ, β).",
        paper="Batch Normalization: Accelerating Deep Network Training by Reducing "
        "Internal Covariate Shift (2015)",
        params=(
            ParamSpec(
                "val_fraction", "Validation share", "float", 0.2,
                minimum=0.05, maximum=0.8, group="data",
                help="Part of the data held out.",
            ),
            ParamSpec(
                "batchnorm", "Batch normalization", "bool", True,
                help="BN before each ReLU in this network; the twin has the "
                "opposite.",
            ),
            ParamSpec("layers", "Hidden layers", "int", 3, minimum=1, maximum=6),
            ParamSpec(
                "neurons", "Neurons per layer", "int", 64, minimum=4, maximum=512
            ),
            ParamSpec(
                "dropout", "Dropout", "float", 0.0, minimum=0.0, maximum=0.9,
                help="Fraction of hidden units zeroed at random while training "
                "(both networks).",
            ),
        ),
        training_defaults={"optimizer": "SGD", "lr": 0.5, "batch_size": 64},
    ),
]
