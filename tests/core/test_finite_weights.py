"""The one "remember / restore finite weights" helper of every lab (LabTask)."""

from __future__ import annotations

import math

import pytest
import torch

from dlviz.core.train.task import LabTask

CPU = torch.device("cpu")


class _One(LabTask):
    def __init__(self):
        super().__init__({"seed": 0}, CPU)
        self.net = torch.nn.Linear(2, 1)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1, momentum=0.9)

    def modules(self):
        return {"model": self.net}

    def optimizers(self):
        return {"model": self.opt}

    def train_step(self):
        self.remember_finite()
        loss = self.net(torch.ones(3, 2)).pow(2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.step += 1
        return {"loss": float(loss.detach())}


def _weights(task):
    return [p.detach().clone() for p in task.parameters()]


def test_a_manual_step_that_breaks_the_weights_is_undone():
    task = _One()
    initial = _weights(task)
    task.train_step()
    with task.finite_or_restored():
        with torch.no_grad():
            task.net.weight.fill_(math.nan)
    assert task.weights_finite()
    # as after a diverged training step: the copy before the previous step is
    # back (weights that produced a bad step may already be bad), momentum cleared
    assert all(torch.equal(a, b) for a, b in zip(_weights(task), initial))
    assert not task.opt.state


def test_a_finite_manual_step_is_kept():
    task = _One()
    with task.finite_or_restored():
        with torch.no_grad():
            task.net.weight.add_(1.0)
    changed = _weights(task)
    assert task.weights_finite()
    with task.finite_or_restored():
        pass
    assert all(torch.equal(a, b) for a, b in zip(_weights(task), changed))


def test_a_diverged_step_goes_back_to_the_copy_before_the_previous_step():
    task = _One()
    before = _weights(task)
    task.train_step()  # step 0 -> 1: copy of the initial weights
    with torch.no_grad():
        task.net.weight.fill_(math.inf)  # step 1 went wrong
    task.train_step()  # remembers the broken weights too
    task.restore_finite()
    assert all(torch.equal(a, b) for a, b in zip(_weights(task), before))


def test_forget_finite_drops_the_copies():
    task = _One()
    task.train_step()
    task.forget_finite()
    with torch.no_grad():
        task.net.weight.fill_(math.nan)
    task.restore_finite()  # nothing remembered: nothing to put back
    assert not task.weights_finite()


@pytest.mark.parametrize("which", ["D", "G"])
def test_a_manual_gan_step_that_diverges_is_undone(which):
    from dlviz.core.labs import get_lab

    spec = get_lab("gan2d")
    task = spec.create({}, CPU)
    before = _weights(task)
    task.train_step()
    role = "discriminator" if which == "D" else "generator"
    opt = task.optimizers()[role]
    for group in opt.param_groups:
        group["lr"] = math.inf
    task.handle("step", {"which": which})
    assert task.weights_finite()
    assert all(torch.equal(a, b) for a, b in zip(_weights(task), before))
