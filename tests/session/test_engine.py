import math

import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.session.lab_session import LabSession
from dlviz.session.messages import Mailbox, Progress, Status
from dlviz.session.runner import SyncRunner

CPU = torch.device("cpu")


def make(key="mlp2d", **hp):
    session = LabSession(get_lab(key), SyncRunner, CPU, hp)
    session.start()
    session.poll()
    return session


def weights(session):
    return [p.detach().clone() for p in session.engine.task.parameters()]


def test_play_trains_and_pause_stops_within_a_batch():
    s = make()
    assert s.state == "ready" and s.info["parameters"] > 0
    s.play()
    trained = s.runner.pump(40)
    s.poll()
    assert trained == 40 and s.state == "running" and s.step == 40
    s.pause()
    assert s.runner.pump(10) == 0
    s.poll()
    assert s.state == "paused" and s.step == 40
    assert len(s.history.get("loss")) == 40


def test_step_trains_exactly_one_batch():
    s = make()
    s.step_once()
    s.runner.pump()
    s.poll()
    assert s.step == 1 and s.state == "paused"


def test_loss_falls():
    s = make()
    s.play()
    s.runner.pump(300)
    s.poll()
    loss = s.history.get("loss").y
    assert loss[-20:].mean() < loss[:20].mean() / 3


def test_reset_gives_identical_weights_with_the_same_seed():
    s = make()
    first = weights(s)
    s.play()
    s.runner.pump(20)
    assert not all(torch.equal(a, b) for a, b in zip(first, weights(s)))
    old_run = s.run_id
    s.reset()
    s.poll()
    assert s.run_id != old_run and s.step == 0 and len(s.history.series) <= 2
    assert all(torch.equal(a, b) for a, b in zip(first, weights(s)))


def test_new_hyperparameters_restart_and_bad_ones_are_refused():
    s = make()
    s.set_hparams({"layers": 3})
    assert s.hparams["layers"] == 3
    assert sum(isinstance(m, torch.nn.Linear) for m in s.engine.task.model) == 4
    from dlviz.core.params import ParamError

    with pytest.raises(ParamError):
        s.set_hparams({"lr": "fast"})
    assert s.hparams["layers"] == 3


def test_divergence_pauses_with_a_message_and_keeps_finite_weights():
    s = make(lr=100.0, optimizer="SGD")
    states = []
    s.status_changed.connect(lambda state, msg: states.append((state, msg)))
    s.play()
    for _ in range(50):
        s.runner.pump(10)
        s.poll()
        if s.state == "diverged":
            break
    assert s.state == "diverged"
    assert "learning rate" in states[-1][1]
    assert s.engine.task.weights_finite()
    s.step_once()  # the app stays usable: another step runs and reports again
    s.runner.pump()
    s.poll()
    assert s.state in ("diverged", "paused")


class _Exploding(LabTask):
    def __init__(self, hp, device):
        super().__init__(hp, device)
        self.net = torch.nn.Linear(1, 1)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def modules(self):
        return {"model": self.net}

    def optimizers(self):
        return {"model": self.opt}

    def train_step(self):
        self.step += 1
        if self.step == 3:
            raise RuntimeError("boom in the training loop")
        return {"loss": 1.0}


def test_an_exception_in_the_loop_reaches_the_user_and_the_engine_survives():
    spec = LabSpec("boom", "Boom", "tools", 0, "", "none", _Exploding)
    s = LabSession(spec, SyncRunner, CPU)
    failures = []
    s.failed.connect(failures.append)
    s.start()
    s.play()
    s.runner.pump(10)
    s.poll()
    assert s.state == "error"
    assert failures and "boom in the training loop" in failures[0].text
    assert "Traceback" in failures[0].details
    s.step_once()
    s.runner.pump()
    s.poll()
    assert s.step == 4  # still alive


def test_stale_runs_are_dropped():
    s = make()
    old_engine = s.engine
    s.reset()
    old_engine.mailbox.put(Status(old_engine.run_id, "running"))
    s.engine.mailbox.put(
        Progress(
            run_id=s.run_id - 1,
            step=99,
            epoch=1.0,
            samples_per_s=0,
            metrics={"loss": 1.0},
            points=[(99, {"loss": 1.0})],
        )
    )
    s.poll()
    assert s.step == 0 and s.state != "running"


def test_mailbox_merges_progress_latest_wins():
    box = Mailbox()
    box.put(
        Progress(
            1,
            1,
            0.1,
            10.0,
            {"loss": 2.0},
            points=[(1, {"loss": 2.0})],
            snapshot={"a": 1},
            snapshot_step=1,
        )
    )
    box.put(Progress(1, 2, 0.2, 11.0, {"loss": 1.0}, points=[(2, {"loss": 1.0})]))
    box.put(Status(1, "paused"))
    progress, events = box.take()
    assert progress.step == 2 and [p[0] for p in progress.points] == [1, 2]
    assert progress.snapshot == {"a": 1}
    assert [e.state for e in events] == ["paused"]
    assert box.take() == (None, [])


def test_out_of_memory_is_reported_with_the_cpu_option():
    class _Oom(_Exploding):
        def train_step(self):
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")

    spec = LabSpec("oom", "OOM", "tools", 0, "", "none", _Oom)
    s = LabSession(spec, SyncRunner, CPU)
    failures = []
    s.failed.connect(failures.append)
    s.start()
    s.step_once()
    s.runner.pump()
    s.poll()
    assert failures[0].kind == "out_of_memory"
    s.continue_on_cpu()
    s.runner.pump()
    s.poll()
    assert s.state == "paused" and s.engine.device.type == "cpu"


def test_throttled_speed_limits_steps():
    clock = [0.0]
    s = LabSession(get_lab("mlp2d"), SyncRunner, CPU)
    s.start()
    s.engine.clock = lambda: clock[0]
    s.set_speed(10.0)
    s.play()
    assert s.runner.pump(5) == 1  # the next step is due in 0.1 s
    clock[0] += 0.1
    assert s.runner.pump(5) == 1
    assert math.isclose(s.engine.steps_per_second, 10.0)
