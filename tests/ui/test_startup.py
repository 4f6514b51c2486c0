"""Start-up: the window is shown and painted first; labs, scikit-learn, captum and the
first lab's build are loaded behind it, step by step, on the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from dlviz.ui import app as app_module

STEPS = ["labs", "torch", "sklearn", "captum", "trace", "lab"]


@pytest.fixture
def fresh_settings(qapp, tmp_path, monkeypatch):
    """Settings in a temporary file; the application's names and font (which
    start_app sets) are put back for the tests that follow."""
    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    monkeypatch.delenv("DLVIZ_EXIT_AFTER_PAINT", raising=False)
    monkeypatch.delenv("DLVIZ_EXIT_AFTER_LOADED", raising=False)
    saved = (qapp.applicationName(), qapp.organizationName(),
             qapp.applicationDisplayName(), qapp.font())
    yield
    qapp.setApplicationName(saved[0])
    qapp.setOrganizationName(saved[1])
    qapp.setApplicationDisplayName(saved[2])
    qapp.setFont(saved[3])


def _start(qtbot, lab=None):
    window, loader = app_module.start_app("cpu", lab)
    qtbot.addWidget(window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    return window, loader, messages


def test_window_is_painted_before_anything_is_loaded(qtbot, fresh_settings):
    window, loader, messages = _start(qtbot, "mlp2d")
    # shown at once: no lab, an empty picker, nothing loaded yet
    assert window.isVisible()
    assert window.session is None and window.stage is None
    assert window.picker.visible_keys() == []
    assert loader.done == []
    qtbot.waitUntil(lambda: "finished" in loader.done, timeout=60000)
    assert loader.done == ["painted", *STEPS, "finished"]
    times = [loader.times[name] for name in loader.done]
    assert times == sorted(times)
    # the status bar said what was loading, then cleared
    for text in ("Loading labs…", "Loading scikit-learn…", "Loading captum"):
        assert any(m.startswith(text) for m in messages), messages
    assert window.statusBar().currentMessage() == ""
    assert "mlp2d" in window.picker.visible_keys()
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    assert window.spec.key == "mlp2d"
    window.close()


def test_a_lab_asked_for_while_loading_opens_when_loaded(qtbot, fresh_settings):
    window, loader, _ = _start(qtbot, "mlp2d")
    window.open_lab("mlp_digits")  # e.g. a scene or a saved session, early
    assert window.session is None
    qtbot.waitUntil(lambda: "finished" in loader.done, timeout=60000)
    assert window.spec.key == "mlp_digits"
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    window.close()


def test_first_lab_is_the_requested_then_the_remembered_one(fresh_settings):
    from dlviz.ui.settings import Settings

    assert app_module.first_lab(None) == app_module.DEFAULT_LAB
    Settings().last_lab = "lenet5"
    assert app_module.first_lab(None) == "lenet5"
    assert app_module.first_lab("gan2d") == "gan2d"
    Settings().last_lab = "no_such_lab"
    assert app_module.first_lab(None) == app_module.DEFAULT_LAB


def test_nothing_heavy_is_imported_before_the_first_paint(tmp_path):
    """In a fresh interpreter: at the window's first paint, labs, scikit-learn,
    captum and torch._dynamo are not imported yet."""
    program = textwrap.dedent(
        """
        import os, sys
        from PySide6.QtCore import QEvent, QObject
        from dlviz.ui import app

        WATCH = ("dlviz.core.labs.mlp", "sklearn", "captum", "torch._dynamo")

        class Spy(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    print(",".join(m for m in WATCH if m in sys.modules) or "none")
                    sys.stdout.flush()
                    os._exit(0)
                return False

        window, loader = app.start_app("cpu", None)
        spy = Spy()
        window.installEventFilter(spy)  # installed last: sees the paint first
        app.create_application().exec()
        """
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DLVIZ_SETTINGS_FILE=str(tmp_path / "settings.ini"),
    )
    env.pop("DLVIZ_EXIT_AFTER_PAINT", None)
    out = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "none"


def test_closing_while_loading_opens_no_lab(qtbot, fresh_settings):
    window, loader, _ = _start(qtbot, "mlp2d")
    mark = loader._mark

    def close_after_labs(name):  # closed between two steps, as a user might
        mark(name)
        if name == "labs":
            window.close()

    loader._mark = close_after_labs
    qtbot.waitUntil(lambda: "labs" in loader.done, timeout=30000)
    qtbot.wait(300)
    assert "torch" not in loader.done and "lab" not in loader.done
    assert window.session is None
