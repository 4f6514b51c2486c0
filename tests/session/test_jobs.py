"""Cancellable requests and the engine's stop flag, without Qt.

A fake lab answers a ``slow`` request that waits on its job (cooperative) or sleeps
regardless (uncooperative); the engine runs in the test's thread (SyncRunner) or on a
plain thread, as the GUI's QThread would.
"""

from __future__ import annotations

import threading
import time

import torch

from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.session.engine import Command, Engine
from dlviz.session.jobs import CancelToken, JobCancelled, RequestResult
from dlviz.session.lab_session import LabSession
from dlviz.session.runner import SyncRunner

CPU = torch.device("cpu")


class SlowTask(LabTask):
    """One weight; ``slow`` waits ``seconds`` (checking its job when cooperative),
    ``echo`` answers at once, ``boom`` raises, ``halves`` reports progress."""

    def __init__(self, hp, device):
        super().__init__(hp, device)
        self.net = torch.nn.Linear(1, 1)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.01)
        self.handled: list[str] = []
        self.started = threading.Event()

    def modules(self):
        return {"model": self.net}

    def optimizers(self):
        return {"model": self.opt}

    def train_step(self):
        x = torch.ones(4, 1)
        loss = (self.net(x) - 1).pow(2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.step += 1
        return {"loss": float(loss.detach())}

    def handle(self, kind, payload):
        self.handled.append(kind)
        job = self.current_request
        if kind == "slow":
            self.started.set()
            seconds = float(payload.get("seconds", 3.0))
            if payload.get("cooperative", True):
                if job.sleep(seconds):
                    job.check()
            else:
                time.sleep(seconds)
            return {"slept": seconds}
        if kind == "echo":
            return dict(payload)
        if kind == "boom":
            raise RuntimeError("boom in a request")
        if kind == "halves":
            job.progress(0.5, "half way")
            if "during" in payload:
                payload["during"]()  # the user cancels meanwhile
                job.check()
            return {"done": True}
        return super().handle(kind, payload)


SPEC = LabSpec("slow", "Slow", "tools", 0, "", "none", SlowTask)


def make() -> LabSession:
    session = LabSession(SPEC, SyncRunner, CPU)
    session.start()
    session.poll()
    assert session.state == "ready"
    return session


class Recorder:
    def __init__(self, session: LabSession):
        self.results: list[tuple[str, dict]] = []
        self.finished: list[tuple[int, str]] = []
        self.failures = []
        session.result_ready.connect(self.on_result)
        session.request_finished.connect(self.on_finished)
        session.failed.connect(self.failures.append)

    def on_result(self, kind, data):
        self.results.append((kind, data))

    def on_finished(self, job, outcome):
        self.finished.append((job, outcome))


def test_a_request_is_answered_and_finished():
    s = make()
    seen = Recorder(s)
    job = s.request("echo", {"x": 1})
    assert job and s.oldest_request().kind == "echo"
    s.runner.pump()
    s.poll()
    assert seen.results == [("echo", {"x": 1})]
    assert seen.finished == [(job, "done")] and not s.requests


def test_a_request_cancelled_before_it_ran_is_never_handled():
    s = make()
    seen = Recorder(s)
    job = s.request("echo", {"x": 1})
    s.cancel_request(job)
    assert seen.finished == [(job, "cancelled")] and s.oldest_request() is None
    s.runner.pump()
    s.poll()
    assert "echo" not in s.engine.task.handled and not seen.results


def test_a_request_cancelled_while_it_runs_delivers_nothing():
    s = make()
    seen = Recorder(s)
    job = s.request("halves", {"during": s.cancel_request})
    s.runner.pump()
    s.poll()
    assert s.engine.task.handled == ["halves"]
    assert not seen.results and not seen.failures
    assert seen.finished == [(job, "cancelled")]
    assert s.state == "ready"  # a cancelled request is no error


def test_the_answer_of_a_request_cancelled_meanwhile_is_dropped():
    """The task finished, but the session stopped waiting before it polled."""
    s = make()
    seen = Recorder(s)
    job = s.request("echo", {"x": 2})
    s.runner.pump()  # answered: the result waits in the mailbox
    s.cancel_request(job)
    s.poll()
    assert not seen.results and seen.finished == [(job, "cancelled")]


def test_a_request_that_raises_is_reported_with_its_job():
    s = make()
    seen = Recorder(s)
    job = s.request("boom")
    s.runner.pump()
    s.poll()
    assert seen.failures and "boom in a request" in seen.failures[0].text
    assert seen.failures[0].job == job and seen.finished == [(job, "failed")]
    s.step_once()  # the lab still trains
    s.runner.pump()
    s.poll()
    assert s.step == 1


def test_progress_of_a_request_reaches_the_pending_list():
    s = make()
    job = s.request("halves")
    pending = s.requests[job]
    engine = s.engine
    engine._drain(block=False)  # answer it, but keep the events unpolled
    progress, events = engine.mailbox.take()
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["RequestProgress", "RequestResult"]
    assert events[0].fraction == 0.5 and events[0].text == "half way"
    # delivered one at a time, the progress updates the pending request
    engine.mailbox.put(events[0])
    s.poll()
    assert pending.fraction == 0.5 and pending.text == "half way"


def test_a_reset_cancels_pending_requests():
    s = make()
    seen = Recorder(s)
    job = s.request("echo", {"x": 3})
    s.reset()
    s.poll()
    assert seen.finished == [(job, "cancelled")] and not seen.results


def test_a_request_without_a_job_still_answers():
    """Scripts and benchmarks post requests directly (gpu_check)."""
    engine = Engine(SPEC, SPEC.resolve({}), CPU, run_id=1)
    engine.pump()
    engine.post("request", kind="echo", data={"y": 1})
    engine.pump()
    _, events = engine.mailbox.take()
    results = [e for e in events if e.__class__.__name__ == "Result"]
    assert results and results[0].data == {"y": 1}
    assert not any(isinstance(e, RequestResult) for e in events)


def _threaded(seconds: float, cooperative: bool) -> tuple[Engine, threading.Thread]:
    engine = Engine(SPEC, SPEC.resolve({}), CPU, run_id=1)
    thread = threading.Thread(target=engine.run, name="test-engine")
    thread.start()
    engine.submit_request("slow", {"seconds": seconds, "cooperative": cooperative}, 7)
    deadline = time.monotonic() + 20
    while engine.task is None or not engine.task.started.is_set():
        assert time.monotonic() < deadline, "the request never started"
        time.sleep(0.005)
    return engine, thread


def test_stop_flag_ends_a_cooperative_request_at_once():
    engine, thread = _threaded(3.0, cooperative=True)
    start = time.monotonic()
    engine.request_stop()
    thread.join(5)
    assert not thread.is_alive() and time.monotonic() - start < 0.5
    _, events = engine.mailbox.take()
    assert not any(isinstance(e, RequestResult) for e in events)


def test_stop_flag_lets_an_uncooperative_request_finish_and_drops_it():
    engine, thread = _threaded(0.5, cooperative=False)
    engine.request_stop()
    assert engine.stopped  # set at once, from this thread
    thread.join(5)
    assert not thread.is_alive()
    _, events = engine.mailbox.take()
    assert not any(isinstance(e, RequestResult) for e in events)


def test_stop_flag_is_checked_between_batches_of_a_long_step_command():
    engine = Engine(SPEC, SPEC.resolve({}), CPU, run_id=1)
    engine.pump()
    engine.stopped = True  # as request_stop would, before the command is handled
    engine._handle(Command("step", {"count": 1000}))
    assert engine.task.step == 0


def test_cancel_token():
    reports = []
    token = CancelToken(lambda f, t: reports.append(f))
    token.progress(0.1)
    token.progress(0.2)  # throttled
    token.progress(1.0)  # the end always reported
    assert reports == [0.1, 1.0]
    assert not token.sleep(0.01)
    token.cancel()
    assert token.cancelled and token.sleep(5)
    try:
        token.check()
    except JobCancelled:
        pass
    else:
        raise AssertionError("check() did not raise")
