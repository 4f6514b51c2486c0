"""File ▸ Open model…: a user's file opens as a lab; errors and endless loops give a
clear message and leave the window working."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QPushButton

from dlviz import resources_dir
from dlviz.core import usermodel
from dlviz.core.labs import unregister_lab
from dlviz.core.usermodel import DataChoice
from dlviz.ui.classroom import open_model

MODELS = resources_dir() / "models"


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DLVIZ_SETTINGS_ORG", "dlviz-test-open-model")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


def still_works(qtbot, window):
    """The open lab still steps."""
    qtbot.waitUntil(lambda: window.session.state in ("ready", "paused"), timeout=30000)
    step = window.session.step
    window.session.step_once(1)
    qtbot.waitUntil(lambda: window.session.step > step, timeout=30000)


def error_of(qtbot, opener):
    qtbot.waitUntil(lambda: opener.error_box is not None, timeout=60000)
    qtbot.waitUntil(lambda: opener.job is None, timeout=10000)
    box = opener.error_box
    return box.text(), box.informativeText(), box.detailedText()


def test_the_menu_has_open_model(window):
    action = window.menus.actions["open_model"]
    assert action.text() == "Open model…"
    assert action in window.menus.menu("file").actions()


def test_first_open_of_a_file_warns_once(window, monkeypatch, tmp_path):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", answer)
    opener = window.features["open_model"]
    path = str(MODELS / "small_mlp.py")
    assert opener.confirm_run(path) and opener.confirm_run(path)
    assert len(asked) == 1 and "runs the Python code in small_mlp.py" in asked[0]
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    assert not opener.confirm_run(str(MODELS / "lstm_tagger.py"))


@pytest.mark.slow
def test_example_opens_as_a_lab_and_trains(qtbot, window, monkeypatch):
    opener = window.features["open_model"]
    monkeypatch.setattr(opener, "confirm_run", lambda path: True)
    opener.open_file(str(MODELS / "lstm_tagger.py"), "LSTMTagger",
                     DataChoice("sequence", task="copy", length=12))
    qtbot.waitUntil(lambda: window.spec is not None
                    and window.spec.key == opener.opened_key, timeout=60000)
    try:
        assert type(window.stage).__name__ == "UserModelStage"
        assert window.picker.visible_keys().count(opener.opened_key) == 1
        qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
        window.session.step_once(3)
        qtbot.waitUntil(lambda: window.session.step >= 3, timeout=30000)
        qtbot.waitUntil(lambda: window.stage.grads.bars.opts["width"] is not None
                        and len(window.stage.grads._labels) == 2, timeout=10000)
        assert window.stage.grads._labels == ("lstm", "tag")
    finally:
        window.open_lab("mlp2d")
        unregister_lab(opener.opened_key)


@pytest.mark.slow
def test_syntax_error_shows_the_traceback_and_the_app_stays_usable(
    qtbot, window, monkeypatch, tmp_path
):
    opener = window.features["open_model"]
    monkeypatch.setattr(opener, "confirm_run", lambda path: True)
    path = tmp_path / "broken.py"
    path.write_text("import torch\nclass A(torch.nn.Module:\n    pass\n")
    opener.open_file(str(path))
    title, text, details = error_of(qtbot, opener)
    assert title == "Importing the file failed"
    assert "SyntaxError" in text and "line 2" in text
    assert "broken.py" in details
    assert window.spec.key == "mlp2d"
    still_works(qtbot, window)
    opener.error_box.close()


@pytest.mark.slow
def test_shape_error_names_the_layer_and_offers_the_dialog_again(
    qtbot, window, monkeypatch, tmp_path
):
    opener = window.features["open_model"]
    monkeypatch.setattr(opener, "confirm_run", lambda path: True)
    path = tmp_path / "shape.py"
    path.write_text(
        "from torch import nn\n"
        "def make_net():\n"
        "    return nn.Sequential(nn.Flatten(), nn.Linear(64, 32), nn.Linear(16, 10))\n"
    )
    opener.models = [{"name": "make_net", "kind": "function", "doc": ""}]
    opener.open_file(str(path), "make_net", DataChoice("digits8"))
    title, text, _ = error_of(qtbot, opener)
    assert title == "The shapes do not fit"
    assert "Layer '2' (Linear) got input [2, 32]" in text
    assert "expects a last dimension of 16" in text
    opener.error_box.done(0)  # closing it brings the choice back
    qtbot.waitUntil(lambda: opener.dialog is not None and opener.dialog.isVisible())
    name, data = opener.dialog.choice()
    assert (name, data.kind) == ("make_net", "digits8")
    opener.dialog.reject()
    still_works(qtbot, window)


@pytest.mark.slow
def test_endless_loop_is_stopped_and_cancel_kills_it(
    qtbot, window, monkeypatch, tmp_path
):
    opener = window.features["open_model"]
    monkeypatch.setattr(opener, "confirm_run", lambda path: True)
    monkeypatch.setattr(usermodel, "PROBE_TIMEOUT_S", 2.0)
    path = tmp_path / "loop.py"
    path.write_text("while True:\n    pass\n")
    opener.open_file(str(path))
    title, text, _ = error_of(qtbot, opener)
    assert title == "The file's code did not finish"
    assert "endless loop" in text
    opener.error_box.close()
    opener.error_box = None
    still_works(qtbot, window)
    # Cancel: the probe's process is killed, nothing is reported
    monkeypatch.setattr(usermodel, "PROBE_TIMEOUT_S", 120.0)
    opener.open_file(str(path))
    assert opener.progress is not None and opener.job is not None
    qtbot.wait(300)
    cancel = opener.progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: opener.job is None, timeout=10000)
    assert opener.error_box is None and opener.progress is None


def test_model_dialog_offers_the_losses_that_fit(qtbot, window):
    models = [{"name": "Net", "kind": "class", "doc": "A net."}]
    dialog = open_model.ModelDialog("/x/net.py", models, window)
    qtbot.addWidget(dialog)
    dialog.data_box.setCurrentIndex(dialog.data_box.findData("random"))
    losses = [dialog.loss_box.itemData(i) for i in range(dialog.loss_box.count())]
    assert losses == ["mse", "cross_entropy"]
    dialog.shape_edit.setText("3, 16, 16")
    name, data = dialog.choice()
    assert name == "Net" and data.shape == (3, 16, 16) and data.loss == "mse"
    dialog.shape_edit.setText("3, x")
    dialog._try_accept()
    assert not dialog.error_label.isHidden() and dialog.result() == 0
    dialog.data_box.setCurrentIndex(dialog.data_box.findData("digits32"))
    assert "[batch, 1, 32, 32]" in dialog.note.text()


def test_dlviz_open_uses_the_running_application(qtbot, window):
    from torch import nn

    import dlviz

    net = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
    opened = dlviz.open(net, data="points2d", name="net")
    try:
        assert opened is window  # the visible window is reused, nothing blocks
        assert window.spec.title == "net"
        assert type(window.stage).__name__ == "Classifier2dStage"
        qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
        window.session.step_once(2)
        qtbot.waitUntil(lambda: window.session.step >= 2, timeout=30000)
    finally:
        key = window.spec.key
        window.open_lab("mlp2d")
        unregister_lab(key)
    bad = nn.Sequential(nn.Linear(3, 2))
    with pytest.raises(usermodel.UserModelError, match="expects a last dimension of 3"):
        dlviz.open(bad, data="points2d")
