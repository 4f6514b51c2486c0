"""``make gpu-check``: the check itself, run on the CPU (there is no GPU in CI)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import numpy as np
import torch

from dlviz.bench import gpu_check
from dlviz.core.labs import get_lab
from dlviz.core.labs.base import LabSpec, LabTask

CPU = torch.device("cpu")


def test_without_cuda_it_says_so_and_passes(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert gpu_check.main([]) == 0
    assert capsys.readouterr().out.strip() == gpu_check.NO_CUDA


@dataclass
class _Holder:
    values: list


def test_foreign_leaves_finds_tensors_anywhere():
    clean = {"a": np.zeros(3), "b": [1, 2.0, "x", None, True], "c": (np.float32(1),),
             "d": _Holder([np.ones(2)])}
    assert gpu_check.foreign_leaves(clean) == []
    dirty = {"a": [np.zeros(2), {"deep": torch.zeros(2)}],
             "d": _Holder([torch.ones(1)]), "o": object()}
    found = gpu_check.foreign_leaves(dirty)
    assert len(found) == 3
    assert found[0].startswith("['a'][1]['deep']: torch.Tensor on cpu")
    assert found[1].startswith("['d'].values[0]: torch.Tensor")
    assert "object" in found[2]


def test_a_real_lab_passes_every_check_on_the_cpu():
    check = gpu_check.check_lab(get_lab("lenet5"), CPU, steps=2, warmup=1)
    assert check.ok, check.problems
    assert check.steps_per_s > 0


class _Leaky(LabTask):
    """Trains, but its snapshot hands a torch tensor to the GUI."""

    def __init__(self, hp, device):
        super().__init__(hp, device)
        self.net = torch.nn.Linear(2, 1).to(device)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def modules(self):
        return {"model": self.net}

    def optimizers(self):
        return {"model": self.opt}

    def train_step(self):
        loss = self.net(torch.ones(4, 2, device=self.device)).pow(2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.step += 1
        return {"loss": float(loss.detach())}

    def snapshot(self):
        return {"weights": self.net.weight.detach()}


LEAKY = LabSpec("leaky", "Leaky", "tools", 0, "", "none", _Leaky)


def test_a_tensor_in_a_snapshot_or_a_missing_trace_fails_the_lab(monkeypatch, capsys):
    check = gpu_check.check_lab(LEAKY, CPU, steps=2, warmup=0)
    assert not check.ok
    text = " ".join(check.problems)
    assert "snapshot['weights']: torch.Tensor" in text
    assert "NotImplementedError" in text  # no trace_step
    monkeypatch.setattr(gpu_check, "get_lab", lambda key: LEAKY)
    assert gpu_check.main(["--cpu-only", "--labs", "leaky", "--steps", "1"]) == 1
    out = capsys.readouterr().out
    assert "leaky" in out and "FAIL" in out and "1 lab(s) failed" in out


def test_the_table_lists_each_lab_once_with_its_preferred_device(capsys):
    assert gpu_check.main(["--cpu-only", "--labs", "mlp2d,lstm", "--steps", "2"]) == 0
    out = capsys.readouterr().out
    rows = [
        line.split() for line in out.splitlines()
        if line.startswith(("mlp2d", "lstm"))
    ]
    assert [r[0] for r in rows] == ["mlp2d", "lstm"]
    # the lab's own choice where a GPU is present (measured: the MLP is slower on
    # CUDA, the LSTM's fused kernels faster)
    assert [(r[4], r[5]) for r in rows] == [("cpu", "ok"), ("cuda", "ok")]


def test_the_check_imports_no_qt():
    code = (
        "import sys, dlviz.bench.gpu_check\n"
        "qt = ('PySide6', 'pyqtgraph', 'superqt', 'shiboken6')\n"
        "bad = [m for m in sys.modules\n"
        "       if m.split('.')[0] in qt or m.startswith('dlviz.ui')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)



def test_stopping_the_thread_runner_cancels_a_long_request():
    """stop() uses the engine's stop flag (request_stop): a request waiting on its
    job is cancelled, so the thread ends at once (a bare "stop" command would wait
    behind the 20 s request)."""
    import time

    from dlviz.session.engine import Engine
    from tests.session.test_jobs import SPEC

    engine = Engine(SPEC, SPEC.resolve({}), CPU, run_id=1)
    runner = gpu_check.ThreadRunner()
    runner.start(engine)
    job = engine.submit_request("slow", {"seconds": 20.0}, 1)
    deadline = time.monotonic() + 20
    while engine.task is None or not engine.task.started.is_set():
        assert time.monotonic() < deadline, "the request never started"
        time.sleep(0.005)
    assert runner.stop(timeout=5.0)
    assert job.cancelled and not runner.is_running()
