"""A user's model whose forward hangs after the probe (an endless loop reached only at
a later step) can be stopped: the engine raises an exception in its worker thread
while it is inside the user's code, reports the traceback and stays usable (no Qt)."""

from __future__ import annotations

import threading
import time

import pytest
import torch

from dlviz.core import usermodel as um
from dlviz.core.labs import register_lab, unregister_lab
from dlviz.session.engine import Engine
from dlviz.session.messages import Failure

HANGS = """
import time
from torch import nn

class Hangs(nn.Module):
    '''Trains normally for {after} forwards, then loops (in Python) for 30 s: an
    endless loop to the user, but a broken stop fails the test instead of hanging.'''

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        if self.calls > {after}:
            began = time.monotonic()
            while time.monotonic() - began < 30:
                pass
        return self.fc(x)
"""


@pytest.fixture
def hanging_lab(tmp_path):
    path = tmp_path / "hangs.py"
    path.write_text(HANGS.format(after=12), encoding="utf-8")
    spec = um.make_lab(um.ModelSource(str(path), "Hangs"), um.DataChoice("points2d"),
                       has_conv=False)
    register_lab(spec)
    yield spec
    unregister_lab(spec.key)


def start(spec) -> tuple[Engine, threading.Thread]:
    engine = Engine(spec, spec.resolve({"samples": 100}), torch.device("cpu"), 1)
    thread = threading.Thread(target=engine.run, daemon=True)
    thread.start()
    return engine, thread


def wait_for(predicate, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_the_engine_knows_it_runs_user_code(hanging_lab):
    assert getattr(hanging_lab.factory, "runs_user_code", False)
    engine = Engine(hanging_lab, hanging_lab.resolve({}), torch.device("cpu"), 1)
    assert engine.runs_user_code and engine.user_code_seconds() == 0.0
    assert not engine.interrupt_user_code()  # not inside the user's code: nothing


def test_stop_ends_a_step_that_hangs_after_the_probe(hanging_lab):
    engine, thread = start(hanging_lab)
    engine.post("play")
    # it trains (the probe would have passed), then hangs in the user's forward
    assert wait_for(lambda: engine.task is not None and engine.task.step >= 1)
    assert wait_for(lambda: engine.user_code_seconds() > 0.5)
    assert thread.is_alive()
    began = time.monotonic()
    engine.request_stop()
    thread.join(5.0)
    assert not thread.is_alive(), "the hung step was not interrupted"
    assert time.monotonic() - began < 5.0
    assert engine.user_code_seconds() == 0.0


def test_interrupt_reports_the_line_and_the_engine_stays_usable(hanging_lab):
    engine, thread = start(hanging_lab)
    try:
        engine.post("play")
        assert wait_for(lambda: engine.task is not None and engine.task.step >= 1)
        assert wait_for(lambda: engine.user_code_seconds() > 0.3)
        assert engine.interrupt_user_code()
        assert wait_for(lambda: engine.user_code_seconds() == 0.0, 5.0)
        assert thread.is_alive()  # the worker lives on, paused
        got = []
        assert wait_for(lambda: bool(got.extend(engine.mailbox.take()[1]) or any(
            isinstance(m, Failure) for m in got)), 5.0)
        failure = next(m for m in got if isinstance(m, Failure))
        assert failure.kind == "interrupted"
        assert "was stopped after" in failure.text
        assert "hangs.py" in failure.details
        assert "while time.monotonic()" in failure.details
        assert not engine.running
        # usable: a reset builds a fresh model (its counter starts again) and steps
        engine.post("reset")
        engine.post("step", count=3)
        assert wait_for(lambda: engine.task is not None and engine.task.step == 3)
    finally:
        engine.request_stop()
        thread.join(5.0)
    assert not thread.is_alive()


def test_a_built_in_lab_is_never_interrupted():
    from dlviz.core.labs import get_lab

    spec = get_lab("mlp2d")
    engine, thread = start_builtin(spec)
    try:
        engine.post("play")
        assert wait_for(lambda: engine.task is not None and engine.task.step > 2)
        assert not engine.runs_user_code
        assert engine.user_code_seconds() == 0.0 and not engine.interrupt_user_code()
    finally:
        engine.request_stop()
        thread.join(10.0)
    assert not thread.is_alive()


def start_builtin(spec):
    engine = Engine(spec, spec.resolve({}), torch.device("cpu"), 1)
    thread = threading.Thread(target=engine.run, daemon=True)
    thread.start()
    return engine, thread
