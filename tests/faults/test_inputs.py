"""Every numeric field of every lab's hyperparameter panel refuses non-numbers and
out-of-range values with a visible reason, and the lab keeps its setting."""

from __future__ import annotations

import pytest
import torch
from PySide6.QtCore import Qt

from dlviz.core.labs import all_labs, get_lab
from dlviz.session.lab_session import LabSession
from dlviz.session.runner import SyncRunner
from dlviz.ui.widgets.hyperparams import HyperparamPanel


def _bad_values(p) -> list[tuple[str, str]]:
    """(typed text, expected reason) for one numeric ParamSpec."""
    cases = [("abc", "is not a number"), ("nan", "finite")]
    if p.minimum is not None:
        below = p.minimum - 1 if p.kind == "int" else p.minimum - max(p.minimum, 1e-3)
        cases.append((repr(below), "at least"))
    if p.maximum is not None:
        above = p.maximum + 1 if p.kind == "int" else p.maximum + max(p.maximum, 1.0)
        cases.append((repr(above), "at most"))
    if p.kind == "int":
        cases.append((f"{p.default}.5", "whole number"))
    return cases


def _type(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _refuses_every_bad_value(qtbot, panel, session, emitted) -> int:
    checked = 0
    run_id = session.run_id
    for key, p in panel.specs.items():
        if p.kind not in ("int", "float"):
            continue
        edit = panel.line_edit(key)
        assert edit is not None, f"{key} has no text field"
        old = session.hparams[key]
        for text, reason in _bad_values(p):
            _type(qtbot, edit, text)
            label = panel.error_label
            assert label.isVisible(), (key, text)
            assert reason in label.text(), (key, text, label.text())
            assert "border" in edit.styleSheet()
            assert session.hparams[key] == old and session.run_id == run_id
            checked += 1
        assert not emitted, (key, emitted)
        _type(qtbot, edit, panel._format(p, old))  # a valid value clears the error
        assert not panel.error_label.isVisible(), key
    return checked


@pytest.mark.parametrize("key", [s.key for s in all_labs() if s.trainable])
def test_every_numeric_field_refuses_bad_values(qtbot, key):
    spec = get_lab(key)
    session = LabSession(spec, SyncRunner, torch.device("cpu"))
    panel = HyperparamPanel()
    qtbot.addWidget(panel)
    panel.set_lab(spec, session.hparams)
    panel.show()
    emitted = []
    panel.changed.connect(emitted.append)
    assert _refuses_every_bad_value(qtbot, panel, session, emitted) >= 8


def test_the_window_keeps_the_setting_and_the_run(window, qtbot):
    """Through the real window: nothing restarts, every value stays."""
    session = window.session
    before = dict(session.hparams)
    emitted = []
    window.hyperparams.changed.connect(emitted.append)
    checked = _refuses_every_bad_value(qtbot, window.hyperparams, session, emitted)
    assert checked >= 40
    assert session.hparams == before and session.state == "ready"
