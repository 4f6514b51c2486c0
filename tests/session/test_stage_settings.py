"""Settings that a stage changes keep the session's settings in step (issue 13):
a drawn 2-D GAN target, the detector's thresholds."""

from __future__ import annotations

import numpy as np
import torch

from dlviz.core.labs import get_lab
from dlviz.session.lab_session import LabSession
from dlviz.session.runner import SyncRunner

torch.set_num_threads(1)
CPU = torch.device("cpu")


def _run(session: LabSession, steps: int = 1) -> None:
    session.runner.pump(steps)
    session.poll()


def _session(key: str, **hp) -> LabSession:
    session = LabSession(get_lab(key), SyncRunner, CPU, hp)
    session.start()
    session.poll()
    return session


def test_a_drawing_stays_the_target_when_other_settings_change():
    s = _session("gan2d")
    shown = []
    s.hparams_changed.connect(shown.append)
    s.step_once(3)
    _run(s, 10)
    points = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0], [-2.0, 1.5]])
    s.request("set_target_points", {"points": points})
    _run(s)
    # the settings (the Target box) say "drawn" while training on the drawing
    assert s.hparams["target"] == "drawn" and shown[-1]["target"] == "drawn"
    assert s.snapshot["target"] == "drawn"
    s.set_hparams({"lr_d": 2e-3})  # any other setting rebuilds the task
    _run(s)
    assert s.state == "ready" and s.hparams["target"] == "drawn"
    assert s.engine.task.target.name == "drawn"
    assert s.snapshot["target"] == "drawn"
    np.testing.assert_allclose(s.engine.task.target.points, points, atol=1e-3)
    s.shutdown()


def test_detection_thresholds_are_one_setting_for_slider_and_panel():
    s = _session("detection", scenes=100)
    s.step_once(2)
    _run(s, 5)
    task = s.engine.task
    # the slider's request: the task applies it, the session's settings follow
    s.request("set_hparams", {"score_threshold": 0.3})
    _run(s)
    assert s.snapshot["score_threshold"] == 0.3
    assert s.hparams["score_threshold"] == 0.3
    # the panel's change: applied to the running task, no rebuild or retraining
    s.set_hparams({"nms_threshold": 0.2})
    _run(s)
    assert s.engine.task is task and s.step == 2
    assert s.snapshot["nms_threshold"] == 0.2
    s.shutdown()
