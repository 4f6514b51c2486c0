"""Generated sequence tasks (no download) and the model that solves them.

* ``adding`` — the adding problem (Hochreiter & Schmidhuber 1997): two marked numbers
  in a sequence of random numbers; the target is their sum. Always answering the
  mean (1.0) gives MSE = Var(u₁ + u₂) = 2/12 ≈ 0.167.
* ``forecast`` — a noisy sum of sines; at each step predict the next clean value.
* ``copy`` / ``reverse`` — remember a few symbols, then write them back (in order or
  reversed) after a long gap.
* ``parity`` — is the number of ones in a bit string odd?
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from dlviz.core.rnn.cells import RecurrentNet, fast_gru, shared_fused

TASKS: tuple[str, ...] = ("adding", "forecast", "copy", "reverse", "parity")

#: MSE of always predicting the mean of the adding problem's target: 2 · 1/12.
ADDING_BASELINE_MSE = 1.0 / 6.0

#: Ignored target positions of the per-step classification tasks.
IGNORE = -100

_SYMBOLS = 8


@dataclass(frozen=True)
class TaskInfo:
    """Shapes and loss of a generated task."""

    name: str
    input_size: int
    output_size: int
    classification: bool
    per_step: bool
    input_labels: tuple[str, ...]
    description: str


def task_info(name: str) -> TaskInfo:
    """The description of task ``name`` (one of :data:`TASKS`)."""
    if name == "adding":
        return TaskInfo(name, 2, 1, False, False, ("value", "marker"),
                        "Add the two marked numbers.")
    if name == "forecast":
        return TaskInfo(name, 1, 1, False, True, ("signal",),
                        "Predict the next value of a noisy sum of sines.")
    if name in ("copy", "reverse"):
        labels = tuple(f"symbol {k}" for k in range(_SYMBOLS)) + ("blank", "go")
        what = "in order" if name == "copy" else "in reverse order"
        return TaskInfo(name, _SYMBOLS + 2, _SYMBOLS, True, True, labels,
                        f"Write back the first symbols {what} after the go mark.")
    if name == "parity":
        return TaskInfo(name, 1, 2, True, False, ("bit",),
                        "Is the number of ones odd?")
    raise ValueError(f"unknown task {name!r}; choose from {', '.join(TASKS)}")


def copy_length(length: int) -> int:
    """How many symbols the copy tasks remember in a sequence of ``length`` steps."""
    return max(1, min(_SYMBOLS, (length - 1) // 3))


def make_batch(
    name: str, batch: int, length: int, generator: torch.Generator | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """``batch`` fresh samples of task ``name``: inputs (B, T, C) and targets.

    Targets: adding (B, 1) float; forecast (B, T, 1) float; copy/reverse (B, T) long
    with :data:`IGNORE` where nothing is asked; parity (B,) long.
    """
    if length < 2:
        raise ValueError("sequences need at least 2 steps")
    gen = generator
    if name == "adding":
        values = torch.rand(batch, length, generator=gen)
        half = length // 2
        first = torch.randint(0, half, (batch,), generator=gen)
        second = torch.randint(half, length, (batch,), generator=gen)
        markers = torch.zeros(batch, length)
        rows = torch.arange(batch)
        markers[rows, first] = 1.0
        markers[rows, second] = 1.0
        target = (values * markers).sum(1, keepdim=True)
        return torch.stack([values, markers], -1), target
    if name == "forecast":
        t = torch.arange(length + 1, dtype=torch.float32)
        freq = 0.08 + 0.3 * torch.rand(batch, 3, 1, generator=gen)
        phase = 6.2832 * torch.rand(batch, 3, 1, generator=gen)
        amp = torch.tensor([1.0, 0.5, 0.25]).view(1, 3, 1)
        clean = (amp * torch.sin(freq * t + phase)).sum(1) / 1.75
        noisy = clean + 0.1 * torch.randn(batch, length + 1, generator=gen)
        return noisy[:, :length, None], clean[:, 1:, None]
    if name in ("copy", "reverse"):
        k = copy_length(length)
        symbols = torch.randint(0, _SYMBOLS, (batch, k), generator=gen)
        codes = torch.full((batch, length), _SYMBOLS, dtype=torch.long)  # blank
        codes[:, :k] = symbols
        codes[:, length - k - 1] = _SYMBOLS + 1  # go mark
        x = nn.functional.one_hot(codes, _SYMBOLS + 2).float()
        target = torch.full((batch, length), IGNORE, dtype=torch.long)
        answer = symbols if name == "copy" else symbols.flip(1)
        target[:, length - k :] = answer
        return x, target
    if name == "parity":
        bits = torch.randint(0, 2, (batch, length), generator=gen)
        return bits.float().unsqueeze(-1), bits.sum(1) % 2
    raise ValueError(f"unknown task {name!r}; choose from {', '.join(TASKS)}")


class SequenceModel(nn.Module):
    """A :class:`RecurrentNet` and a linear read-out.

    Per-step tasks read every output (B, T, O); the others read the last step of the
    forward direction and the first step of the backward one (B, O).
    """

    def __init__(
        self,
        kind: str,
        input_size: int,
        hidden_size: int,
        output_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        per_step: bool = False,
    ):
        super().__init__()
        self.rnn = RecurrentNet(
            kind, input_size, hidden_size, num_layers, bidirectional
        )
        self.head = nn.Linear(hidden_size * self.rnn.num_directions, output_size)
        self.per_step = per_step
        if kind == "lstm":
            set_forget_bias(self.rnn, 1.0)
        # torch's fused module sharing the cells' parameters; kept out of the
        # children (object.__setattr__) so nothing is counted or saved twice
        object.__setattr__(self, "_fused", None)
        object.__setattr__(self, "_fused_key", ())

    def fused_rnn(self) -> nn.RNNBase:
        """Torch's ``nn.RNN/LSTM/GRU`` holding the same parameter objects as the cells.

        Built once and rebuilt only when a parameter was replaced or its storage
        moved (``.to(...)``), so a step through it costs no copying.
        """
        params = list(self.rnn.parameters())
        key = tuple((id(p), p.data_ptr(), p.device, p.dtype) for p in params)
        if self._fused is None or key != self._fused_key:
            fused = shared_fused(self.rnn)
            # flattening for cuDNN may move the storage: key the state after it
            key = tuple((id(p), p.data_ptr(), p.device, p.dtype) for p in params)
            object.__setattr__(self, "_fused", fused)
            object.__setattr__(self, "_fused_key", key)
        return self._fused

    def forward(
        self, x: torch.Tensor, record: bool = False, fused: bool = False
    ) -> torch.Tensor:
        """Outputs for ``x`` (B, T, input).

        ``record`` fills ``self.rnn.records``; ``fused`` runs torch's fused kernel on
        the same parameters instead of the gate-level cells (same numbers and
        gradients, much faster, no per-step events and no records): for training,
        evaluation and live views (a GRU training on the CPU runs
        :func:`~dlviz.core.rnn.cells.fast_gru` instead: torch has no fused CPU GRU).
        The gate-level path (the default) is what the step-through trace and the
        gate records see.
        """
        if record and fused:
            raise ValueError("the fused kernel records no gates; use fused=False")
        if fused and self.rnn.kind == "gru" and x.device.type == "cpu" and (
            torch.is_grad_enabled()
        ):
            # torch's GRU has no fused CPU kernel: training runs the GRU's own
            # backward pass (same numbers, several times less overhead)
            out = fast_gru(self.rnn, x)
        elif fused:
            rnn = self.fused_rnn()
            rnn.train(self.training)
            out, _ = rnn(x)
        else:
            out, _ = self.rnn(x, record=record)
        if self.per_step:
            return self.head(out)
        hidden = self.rnn.hidden_size
        last = out[:, -1, :hidden]
        if self.rnn.bidirectional:
            last = torch.cat([last, out[:, 0, hidden:]], -1)
        return self.head(last)


@torch.no_grad()
def set_forget_bias(rnn: RecurrentNet, value: float) -> None:
    """Start every LSTM forget gate open (Gers et al. 2000): b_f = value."""
    hidden = rnn.hidden_size
    for cell in rnn.cells:
        cell.bias_ih[hidden : 2 * hidden].fill_(value)
        cell.bias_hh[hidden : 2 * hidden].zero_()


def task_loss(info: TaskInfo, out: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """MSE for regression, cross-entropy (ignoring unscored steps) for classes."""
    if not info.classification:
        return nn.functional.mse_loss(out, target)
    if info.per_step:
        return nn.functional.cross_entropy(
            out.reshape(-1, out.shape[-1]), target.reshape(-1), ignore_index=IGNORE
        )
    return nn.functional.cross_entropy(out, target)


def task_accuracy(info: TaskInfo, out: torch.Tensor, target: torch.Tensor) -> float:
    """Share of scored positions whose class is right (classification tasks)."""
    scored = target != IGNORE
    right = (out.argmax(-1) == target) & scored
    return float(right.sum()) / max(1, int(scored.sum()))
