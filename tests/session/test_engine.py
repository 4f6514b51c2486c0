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


def _stale_progress(run_id):
    return Progress(
        run_id=run_id,
        step=99,
        epoch=1.0,
        samples_per_s=0,
        metrics={"loss": 1.0},
        points=[(99, {"loss": 1.0})],
        snapshot={"stale": True},
        snapshot_step=99,
    )


def test_stale_runs_are_dropped_and_the_build_snapshot_survives():
    s = make()
    old_run = s.run_id
    s.reset()  # builds the new run: its first snapshot and "ready" are now pending
    assert s.run_id > old_run
    # the old run's late messages land in the mailbox the session polls
    s.engine.mailbox.put(_stale_progress(old_run))
    s.engine.mailbox.put(Status(old_run, "running", "stale"))
    changes = []
    s.snapshot_changed.connect(changes.append)
    s.poll()
    assert s.step == 0 and s.state == "ready" and s.message == ""
    assert not s.history.get("loss") or 99 not in s.history.get("loss").x
    # the build snapshot of the new run arrived, not lost under the stale progress
    assert s.snapshot is not None and "stale" not in s.snapshot
    assert s.snapshot_step == 0 and changes == [s.snapshot]
    assert "val_loss" in s.validation


def test_mailbox_drops_older_runs_and_lets_a_newer_run_replace():
    box = Mailbox()
    box.put(Progress(2, 0, 0.0, 0.0, {}, snapshot={"build": 2}, snapshot_step=0))
    box.put(Status(2, "ready"))
    box.put(_stale_progress(1))  # a stale run after the current one: dropped
    box.put(Status(1, "running"))
    progress, events = box.take()
    assert progress.run_id == 2 and progress.snapshot == {"build": 2}
    assert progress.points == [] and [(e.run_id, e.state) for e in events] == [
        (2, "ready")
    ]
    box.put(_stale_progress(1))  # still stale with nothing pending
    assert box.take() == (None, [])
    box.put(Progress(2, 5, 0.1, 1.0, {"loss": 1.0}, points=[(5, {"loss": 1.0})]))
    box.put(Status(2, "running"))
    box.put(Progress(3, 0, 0.0, 0.0, {}, snapshot={"build": 3}, snapshot_step=0))
    progress, events = box.take()  # the newer run's progress whole, nothing of run 2
    assert progress.run_id == 3 and progress.points == []
    assert progress.snapshot == {"build": 3} and events == []


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


def test_engine_reports_the_time_it_waits_for_the_speed_limit():
    s = LabSession(get_lab("mlp2d"), SyncRunner, CPU)
    s.start()
    s.poll()
    s.set_speed(20.0)
    s.play()
    s.engine.pump(block=True, max_steps=4)  # ~50 ms waits around ~1 ms steps
    s.poll()
    assert s.step == 4 and s.idle_share > 0.5
    s.set_speed(0.0)  # as fast as it can: it never waits
    s.engine.pump(block=True, max_steps=100)
    s.engine.flush()
    s.poll()
    assert s.step == 104 and s.idle_share == 0.0


class _Clocked(LabTask):
    """Each step takes ``dt`` seconds of a fake clock and trains 32 samples.

    Step times are binary fractions, so the clock adds up exactly.
    """

    def __init__(self, hp, device):
        super().__init__(hp, device)
        self.net = torch.nn.Linear(1, 1)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1)
        self.samples_per_step = 32
        self.clock = [0.0]
        self.dt = 1 / 128

    def modules(self):
        return {"model": self.net}

    def optimizers(self):
        return {"model": self.opt}

    def train_step(self):
        self.clock[0] += self.dt
        self.step += 1
        return {"loss": 1.0}


def test_samples_per_second_over_a_bounded_two_second_window():
    spec = LabSpec("clocked", "Clocked", "tools", 0, "", "none", _Clocked)
    s = LabSession(spec, SyncRunner, CPU, {"batch_size": 32})
    s.start()
    s.poll()
    task = s.engine.task
    s.engine.clock = lambda: task.clock[0]
    s.play()
    for _ in range(10):  # 10 s at 128 steps/s
        s.runner.pump(128)
        s.poll()
    assert s.step == 1280
    # only the steps of the last 2 s are kept: 2 · 128 intervals, 257 ends
    assert len(s.engine._rate_window) == 257
    assert s.samples_per_s == pytest.approx(32 * 128)
    task.dt = 1 / 16  # slower: expired fast steps must leave the running sum
    s.runner.pump(24)  # 1.5 s; the window keeps the fast steps of 9.5 s .. 10 s
    s.poll()
    assert len(s.engine._rate_window) == 65 + 24
    assert s.samples_per_s == pytest.approx(32 * (64 + 24) / 2.0)
    s.runner.pump(100)
    s.poll()
    assert len(s.engine._rate_window) == 33
    assert s.samples_per_s == pytest.approx(32 * 16)


def test_a_preset_restarts_the_run_history_counters_and_settings():
    s = make("gan2d")
    s.step_once(6)
    s.runner.pump(20)
    s.poll()
    assert s.step == 6 and len(s.history.get("d_loss")) == 6
    resets, settings = [], []
    s.run_reset.connect(lambda: resets.append(1))
    s.hparams_changed.connect(settings.append)
    s.request("preset", {"name": "collapse"})
    s.runner.pump()
    s.poll()
    assert resets == [1]
    assert s.step == 0 and s.history.get("d_loss") is None and not s.metrics
    assert settings and all(s.hparams[k] == v for k, v in settings[-1].items())
    assert s.snapshot_step == 0 and s.snapshot is not None
    s.step_once(2)
    s.runner.pump(20)
    s.poll()
    series = s.history.get("d_loss")
    assert s.step == 2 and list(series.x) == [1, 2]  # no line back to the old run


def test_a_manual_generator_step_is_progress_like_a_training_step():
    s = make("gan2d")
    s.step_once(3)
    s.runner.pump(10)
    s.poll()
    assert s.step == 3
    s.request("step", {"which": "G"})
    s.runner.pump()
    s.poll()
    # the step counter, the metrics and the history follow the manual step
    assert s.step == 4
    assert list(s.history.get("g_loss").x)[-1] == 4
    assert s.snapshot_step == 4
    s.request("step", {"which": "D"})  # D alone trains no G step: no new point
    s.runner.pump()
    s.poll()
    assert s.step == 4 and len(s.history.get("g_loss")) == 4


def test_moving_a_running_lab_keeps_its_weights_step_and_history():
    """The Device menu moves the open run (``cpu:0`` stands in for a GPU here)."""
    s = make()
    s.play()
    s.runner.pump(30)
    s.poll()
    before, history = weights(s), len(s.history.get("loss"))
    s.move_to(torch.device("cpu", 0))
    s.runner.pump(0)
    s.poll()
    assert s.engine.device == torch.device("cpu", 0) == s.device
    assert s.step == 30 and s.state == "running"
    assert all(torch.equal(a, b) for a, b in zip(weights(s), before))
    assert len(s.history.get("loss")) == history
    s.runner.pump(5)
    s.poll()
    assert s.step == 35  # and it goes on training there
    s.move_to(torch.device("cpu", 0))  # the same device: nothing happens
    assert not s.engine._commands.qsize()
