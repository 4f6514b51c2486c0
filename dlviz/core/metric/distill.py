"""Knowledge distillation (Hinton, Vinyals, Dean 2015): a small student learns from a
big teacher's soft labels.

The soft labels are the teacher's softmax at a temperature ``T`` (higher ``T``,
flatter distribution). The student minimises::

    L = α · T² · KL(softmax(z_t / T) ‖ softmax(z_s / T)) + (1 − α) · CE(y, z_s)

The ``T²`` keeps the soft term's gradients the same size whatever ``T`` is. The lab
trains a distilled student and the same student on hard labels only side by side,
from the same initial weights on the same batches.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.train.optim import build_optimizer
from dlviz.core.train.task import LabTask

#: Temperatures shown side by side in the "how T flattens" view.
TEMPERATURES: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 16.0)
#: Teacher pre-training: steps of Adam at this learning rate and batch size.
TEACHER_STEPS = 150
TEACHER_LR = 2e-3
TEACHER_BATCH = 64

_TEACHER_CACHE: dict[tuple, dict[str, torch.Tensor]] = {}


def softmax_t(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """``softmax(z / T)`` over the last dimension."""
    return torch.softmax(logits / temperature, dim=-1)


def distillation_loss(
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    temperature: float,
    alpha: float,
) -> torch.Tensor:
    """``α·T²·KL(p_t ‖ p_s) + (1 − α)·CE(y, z_s)``, averaged over the batch.

    ``p_t`` and ``p_s`` are the softmax of teacher and student logits at ``T``;
    the cross-entropy uses the student's logits at ``T = 1``.
    """
    t = float(temperature)
    log_p_s = F.log_softmax(student_logits / t, dim=-1)
    p_t = softmax_t(teacher_logits.detach(), t)
    soft = F.kl_div(log_p_s, p_t, reduction="batchmean") * t * t
    hard = F.cross_entropy(student_logits, labels)
    return alpha * soft + (1.0 - alpha) * hard


def entropy(p: np.ndarray) -> np.ndarray:
    """Entropy in nats along the last axis."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-12, 1.0)
    return -(p * np.log(p)).sum(-1)


def build_teacher() -> nn.Sequential:
    """The teacher: a CNN for 1 × 8 × 8 digits (71,754 parameters)."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(32 * 4 * 4, 128),
        nn.ReLU(),
        nn.Linear(128, 10),
    )


def build_student(hidden: int) -> nn.Sequential:
    """The student: an MLP 64 → ``hidden`` → 10."""
    return nn.Sequential(
        nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)
    )


def count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def train_teacher(
    x: torch.Tensor, y: torch.Tensor, seed: int, steps: int = TEACHER_STEPS
) -> nn.Sequential:
    """Train a teacher on ``(x, y)``; cached by seed and data size within a process."""
    key = (seed, steps, tuple(x.shape), int(y.sum()))
    if key in _TEACHER_CACHE:
        teacher = build_teacher()
        teacher.load_state_dict(_TEACHER_CACHE[key])
        return teacher.eval()
    gen = torch.Generator().manual_seed(seed + 77)
    torch.manual_seed(seed + 77)
    teacher = build_teacher()
    opt = torch.optim.Adam(teacher.parameters(), lr=TEACHER_LR)
    x, y = x.cpu(), y.cpu()
    for _ in range(steps):
        idx = torch.randint(len(x), (TEACHER_BATCH,), generator=gen)
        loss = F.cross_entropy(teacher(x[idx]), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    _TEACHER_CACHE[key] = {k: v.clone() for k, v in teacher.state_dict().items()}
    return teacher.eval()


class DistillationTask(LabTask):
    """A frozen teacher, a distilled student and a hard-label student."""

    history_every = 5
    history_length = 400

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        xt, yt, xv, yv = load_digits_images(8, 0.2, seed)
        start = time.perf_counter()
        self.teacher = train_teacher(xt, yt, seed).to(device)
        self.teacher_seconds = time.perf_counter() - start
        for p in self.teacher.parameters():
            p.requires_grad_(False)
        n_student = int(hp["student_samples"])
        if 0 < n_student < len(xt):
            pick = torch.randperm(len(xt), generator=self.generator)[:n_student]
            xt, yt = xt[pick], yt[pick]
        self.x_train, self.y_train = xt.to(device), yt.to(device)
        self.x_val, self.y_val = xv.to(device), yv.to(device)
        self.temperature = float(hp["temperature"])
        self.alpha = float(hp["alpha"])
        torch.manual_seed(seed)
        self.student = build_student(int(hp["student_hidden"])).to(device)
        self.hard_student = build_student(int(hp["student_hidden"])).to(device)
        self.hard_student.load_state_dict(self.student.state_dict())
        self.opt = build_optimizer(
            hp["optimizer"], self.student.parameters(), hp["lr"], hp["weight_decay"]
        )
        self.opt_hard = build_optimizer(
            hp["optimizer"],
            self.hard_student.parameters(),
            hp["lr"],
            hp["weight_decay"],
        )
        n = len(self.x_train)
        self.batch_size = min(int(hp["batch_size"]), n)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, n // self.batch_size)
        self._order = torch.randperm(n, generator=self.generator)
        self._cursor = 0
        with torch.no_grad():
            self.teacher_val_logits = self.teacher(self.x_val)
            self.teacher_train_logits = self.teacher(self.x_train)
        self.teacher_acc = float(
            (self.teacher_val_logits.argmax(1) == self.y_val).float().mean()
        )
        self.sample_index = int(hp.get("sample_index", 0)) % len(self.x_val)
        self.history: list[tuple[int, float, float]] = []
        self._record_history()

    def modules(self) -> dict[str, nn.Module]:
        return {"student": self.student, "hard student": self.hard_student}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"student": self.opt, "hard student": self.opt_hard}

    # -- training --------------------------------------------------------------------
    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Images, labels and the teacher's logits of the next shuffled batch."""
        n = len(self.x_train)
        if self._cursor + self.batch_size > n:
            self._order = torch.randperm(n, generator=self.generator)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self.batch_size]
        idx = idx.to(self.device)
        self._cursor += self.batch_size
        return self.x_train[idx], self.y_train[idx], self.teacher_train_logits[idx]

    def _hard_step(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        out = self.hard_student(x)
        loss = F.cross_entropy(out, y)
        self.opt_hard.zero_grad(set_to_none=True)
        loss.backward()
        self.opt_hard.step()
        return loss.detach()

    def train_step(self) -> dict[str, float]:
        self.remember_finite()
        x, y, z_t = self.next_batch()
        out = self.student(x)
        loss = distillation_loss(out, z_t, y, self.temperature, self.alpha)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        hard_loss = self._hard_step(x, y)
        self.step += 1
        if self.step % self.history_every == 0:
            self._record_history()
        return {
            "loss": float(loss.detach()),
            "loss_hard": float(hard_loss),
            "acc": float((out.detach().argmax(1) == y).float().mean()),
        }

    def trace_step(self):
        from dlviz.core.trace import TraceRecorder, formulas

        self.remember_finite()
        x, y, z_t = self.next_batch()
        with TraceRecorder({"student": self.student}, name="Distillation") as rec:
            out = self.student(rec.input(x, role="student", target=y))
            loss = distillation_loss(out, z_t, y, self.temperature, self.alpha)
            event = rec.loss(
                loss, role="student", kind="Distillation loss", output=out, target=y
            )
            formulas.distillation_loss_event(
                event, out, z_t, y, self.temperature, self.alpha
            )
            self.opt.zero_grad(set_to_none=True)
            rec.backward(loss)
            rec.update(self.opt, role="student")
        self._hard_step(x, y)
        self.step += 1
        if self.step % self.history_every == 0:
            self._record_history()
        rec.trace.metrics["acc"] = float((out.detach().argmax(1) == y).float().mean())
        return rec.trace

    # -- evaluation ------------------------------------------------------------------
    @torch.no_grad()
    def val_accuracies(self) -> tuple[float, float]:
        """Validation accuracy of the distilled and of the hard-label student."""
        accs = []
        for net in (self.student, self.hard_student):
            out = net(self.x_val)
            accs.append(float((out.argmax(1) == self.y_val).float().mean()))
        return accs[0], accs[1]

    def _record_history(self) -> None:
        acc, acc_hard = self.val_accuracies()
        self.history.append((self.step, acc, acc_hard))
        if len(self.history) > self.history_length:
            self.history = self.history[::2]
            self.history_every *= 2

    def evaluate(self) -> dict[str, float]:
        with torch.no_grad():
            out = self.student(self.x_val)
            out_hard = self.hard_student(self.x_val)
        return {
            "val_loss": float(F.cross_entropy(out, self.y_val)),
            "val_acc": float((out.argmax(1) == self.y_val).float().mean()),
            "val_loss_hard": float(F.cross_entropy(out_hard, self.y_val)),
            "val_acc_hard": float((out_hard.argmax(1) == self.y_val).float().mean()),
            "teacher_acc": self.teacher_acc,
        }

    @torch.no_grad()
    def teacher_softmax(self, temperatures: list[float] | tuple) -> np.ndarray:
        """(len(temperatures), 10) teacher softmax of the chosen sample at each T."""
        z = self.teacher_val_logits[self.sample_index]
        t = torch.tensor(list(temperatures), dtype=z.dtype, device=z.device)
        return torch.softmax(z[None, :] / t[:, None], dim=1).cpu().numpy()

    @torch.no_grad()
    def snapshot(self) -> dict[str, Any]:
        k = self.sample_index
        x = self.x_val[k : k + 1]
        t = self.temperature
        label = int(self.y_val[k])
        hard = np.zeros(10, np.float32)
        hard[label] = 1.0
        hist = np.asarray(self.history, dtype=np.float64).reshape(-1, 3)
        return {
            "sample_index": k,
            "sample_image": x[0, 0].cpu().numpy(),
            "sample_label": label,
            "temperature": t,
            "alpha": self.alpha,
            "teacher_soft": softmax_t(self.teacher_val_logits[k], t).cpu().numpy(),
            "hard_label": hard,
            "student_soft": softmax_t(self.student(x)[0], t).cpu().numpy(),
            "hard_student_soft": softmax_t(self.hard_student(x)[0], t).cpu().numpy(),
            "temperatures": np.asarray(TEMPERATURES, np.float32),
            "teacher_by_t": self.teacher_softmax(TEMPERATURES).astype(np.float32),
            "history_steps": hist[:, 0].astype(np.int64),
            "history_acc": hist[:, 1].astype(np.float32),
            "history_acc_hard": hist[:, 2].astype(np.float32),
            "teacher_acc": self.teacher_acc,
            "params_teacher": count_params(self.teacher),
            "params_student": count_params(self.student),
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "sample":
            if "index" in payload:
                self.sample_index = int(payload["index"]) % len(self.x_val)
            else:
                offset = int(payload.get("offset", 1))
                self.sample_index = (self.sample_index + offset) % len(self.x_val)
            return {"snapshot": self.snapshot()}
        if kind == "temperature":
            t = float(payload["T"])
            if not np.isfinite(t) or t <= 0:
                raise ValueError("the temperature must be a positive number")
            probs = self.teacher_softmax([t])[0]
            return {
                "T": t,
                "sample_index": self.sample_index,
                "probs": probs.astype(np.float32),
                "entropy": float(entropy(probs)),
            }
        return super().handle(kind, payload)
