"""Presenter view: screen assignment, the presenter window's content and buttons, and
(in a child process with two virtual offscreen screens) the stage on the projector."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from dlviz.session.lesson import Lesson, Scene, shipped_lessons
from dlviz.tools.walk import cut_texts
from dlviz.ui.classroom import presenter as presenter_module
from dlviz.ui.classroom.presenter import format_elapsed, presenter_content
from dlviz.ui.teaching.screens import assign_screens, default_projector

LAPTOP = (0, 0, 1280, 800)
PROJECTOR = (1280, 0, 1024, 768)


def test_screen_assignment_logic():
    a = assign_screens([LAPTOP, PROJECTOR], 1)
    assert (a.projector, a.presenter, a.two_screens) == (1, 0, True)
    a = assign_screens([LAPTOP, PROJECTOR], 0)
    assert (a.projector, a.presenter) == (0, 1)
    one = assign_screens([LAPTOP], 0)
    assert (one.projector, one.presenter, one.two_screens) == (0, 0, False)
    # three screens: the presenter view takes the largest screen left
    big = (0, 800, 1920, 1080)
    assert assign_screens([LAPTOP, PROJECTOR, big], 1).presenter == 2
    with pytest.raises(ValueError):
        assign_screens([LAPTOP], 1)
    # the default projector: the one remembered, else the largest other screen
    assert default_projector([LAPTOP, PROJECTOR], window_screen=0) == 1
    assert default_projector([LAPTOP, PROJECTOR], window_screen=1) == 0
    assert default_projector([LAPTOP, PROJECTOR], 1, "HDMI", ["eDP", "HDMI"]) == 1
    assert default_projector([LAPTOP], 0) == 0


def test_elapsed_format():
    assert format_elapsed(0) == "00:00"
    assert format_elapsed(75.9) == "01:15"
    assert format_elapsed(3 * 3600 + 62) == "3:01:02"


def _lesson() -> Lesson:
    question = {"prompt": {"en": "Where will the line go?", "zh_CN": "直线会在哪里？"},
                "answer": {"en": "Between the moons.", "zh_CN": "在两个月牙之间。"}}
    return Lesson(title="Demo", scenes=[
        Scene(title="Line", lab="mlp2d", hparams={"layers": 0},
              note={"en": "A **straight** line.", "zh_CN": "一条直线。"},
              question=question),
        Scene(title="Bent", lab="mlp2d", hparams={"layers": 2}, note="Folds."),
    ])


def test_content_follows_the_lesson_and_falls_back_to_lab_notes(qtbot, window):
    content = presenter_content(window)  # no lesson: the lab's own note
    assert content["question_source"] == "lab" and content["question"]
    assert content["answer"] and "No lesson" in content["next"]
    window.features["lessons"].set_lesson(_lesson(), 0)
    content = presenter_content(window)
    assert content["title"] == "Demo · 1/2 · Line"
    assert content["question"] == "Where will the line go?"
    assert content["answer"] == "Between the moons."
    assert content["next"] == "Bent" and content["question_source"] == "scene"
    window.language = "zh_CN"
    assert presenter_content(window)["question"] == "直线会在哪里？"
    window.language = "en"
    window.features["lessons"].show_scene(1)
    content = presenter_content(window)
    assert content["note"] == "Folds." and content["question_source"] == "lab"
    assert "last scene" in content["next"]
    window.features["lessons"].close_lesson()


def test_one_screen_opens_the_presenter_as_a_window(qtbot, window, monkeypatch):
    asked = {}

    def fake_ask(parent, labels, default):
        asked["labels"] = labels
        return 0

    monkeypatch.setattr(presenter_module, "ask_projector", fake_ask)
    monkeypatch.setattr(presenter_module.PresenterController, "screens",
                        staticmethod(lambda: [window.screen()]))
    controller = window.features["presenter"]
    window.features["lessons"].set_lesson(_lesson(), 0)
    controller.action.trigger()
    presenter = controller.presenter
    assert len(asked["labels"]) == 1 and controller.window_open
    assert presenter.isVisible() and not presenter.isFullScreen()
    # the main window stays as it was
    assert not window.features["presentation"].presenting
    assert controller.action.isChecked()
    # the answer is hidden until revealed; a new scene hides it again
    assert "straight" in presenter.note_label.text()
    assert not presenter.answer_label.isVisible()
    qtbot.mouseClick(presenter.reveal_button, Qt.MouseButton.LeftButton)
    assert presenter.answer_label.isVisible()
    assert presenter.answer_label.text() == "Between the moons."
    assert presenter.next_label.text() == "Bent"
    # transport buttons drive the window
    qtbot.mouseClick(presenter.buttons["next"], Qt.MouseButton.LeftButton)
    assert window.features["lessons"].index == 1
    assert window.session.hparams["layers"] == 2
    assert not presenter.answer_label.isVisible()
    assert not presenter.buttons["next"].isEnabled()
    qtbot.mouseClick(presenter.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.state == "running", timeout=10000)
    presenter.tick()
    assert presenter.buttons["play"].text() == "Pause"
    qtbot.mouseClick(presenter.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.state != "running", timeout=10000)
    # the window's keys work in the presenter window (a clicker's Page Up, B)
    presenter.activateWindow()
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert window.features["lessons"].index == 0
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert window.features["ink"].blank.isVisible()
    qtbot.mouseClick(presenter.buttons["blank"], Qt.MouseButton.LeftButton)
    assert not window.features["ink"].blank.isVisible()
    qtbot.mouseClick(presenter.buttons["end"], Qt.MouseButton.LeftButton)
    assert not presenter.isVisible() and not controller.window_open
    assert not controller.action.isChecked()
    window.features["lessons"].close_lesson()


def test_presenter_fits_projector_and_laptop_sizes_in_both_languages(
    qtbot, window, monkeypatch
):
    """Nothing cut at 1024×768 with the ×1.5 font and at 1280×800, en and zh_CN."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(presenter_module, "ask_projector", lambda p, labels, d: 0)
    monkeypatch.setattr(presenter_module.PresenterController, "screens",
                        staticmethod(lambda: [window.screen()]))
    window.features["lessons"].set_lesson(next(iter(_shipped())), 0)
    controller = window.features["presenter"]
    controller.action.trigger()
    presenter = controller.presenter
    presenter.revealed = True
    presenter._show_answer()
    qtbot.wait(50)  # shown and laid out before the font changes
    out = os.environ.get("DLVIZ_SHOTS", "")
    base = QApplication.font()
    try:
        for lang in ("en", "zh_CN"):
            window.features["language"].switch(lang)
            for (w, h), scale in (((1024, 768), 1.5), ((1280, 800), 1.0)):
                font = base.__class__(base)
                font.setPointSizeF(base.pointSizeF() * scale)
                QApplication.setFont(font)
                presenter.resize(w, h)
                qtbot.wait(50)
                if out:
                    presenter.grab().save(f"{out}/presenter_{lang}_{w}x{h}.png")
                assert cut_texts(presenter) == [], (lang, w)
                for label in (presenter.note_label, presenter.answer_label):
                    # wrapped text gets the height it needs
                    need = label.heightForWidth(label.width())
                    assert label.height() >= need - 2, (lang, w, label.objectName())
                assert presenter.title_label.width() > 100
    finally:
        QApplication.setFont(base)
        window.features["language"].switch("en")
        controller.stop()
        window.features["lessons"].close_lesson()


def test_thumbnail_shows_the_projector_and_follows_training(qtbot, window, monkeypatch):
    """A small live picture of what the projector shows: it changes when training
    brings a new snapshot, goes black with the blanked screen, and rests while the
    presenter view is hidden."""
    import numpy as np

    monkeypatch.setattr(presenter_module, "ask_projector", lambda p, labels, d: 0)
    monkeypatch.setattr(presenter_module.PresenterController, "screens",
                        staticmethod(lambda: [window.screen()]))
    controller = window.features["presenter"]
    controller.action.trigger()
    presenter = controller.presenter
    qtbot.wait(50)
    assert presenter.timer.isActive() and presenter.timer.interval() <= 500
    assert presenter.snapshot()
    first = presenter.thumbnail.image.copy()
    # small, the window's shape, inside the thumbnail's box
    assert first.width() <= presenter.thumbnail.width() < window.width()
    assert abs(first.width() / first.height() - window.width() / window.height()) < 0.03

    def pixels(image):
        image = image.convertToFormat(image.Format.Format_RGB32)
        a = np.frombuffer(bytes(image.constBits()), np.uint8)
        return a.reshape(image.height(), image.bytesPerLine() // 4, 4)[
            :, :image.width(), :3].astype(int)

    assert presenter.snapshot()  # nothing new: the same picture
    assert np.abs(pixels(presenter.thumbnail.image) - pixels(first)).max() <= 8
    step = window.session.step
    window.session.step_once(10)
    qtbot.waitUntil(lambda: window.session.step >= step + 10, timeout=20000)
    qtbot.wait(150)  # the stage draws the new snapshot
    assert presenter.snapshot()
    changed = np.abs(pixels(presenter.thumbnail.image) - pixels(first)).sum(axis=-1)
    assert (changed > 40).mean() > 0.002  # the boundary and the loss moved
    window.features["ink"].set_blank(True)
    assert presenter.snapshot()
    blank = pixels(presenter.thumbnail.image)
    assert (blank.sum(axis=-1) < 30).mean() > 0.95  # the projector is black
    window.features["ink"].set_blank(False)
    presenter.hide()  # rests while hidden
    assert not presenter.timer.isActive()
    taken = presenter.snapshots
    presenter.tick()
    assert presenter.snapshots == taken
    controller.stop()


def _shipped():
    from dlviz.session.lesson import load_lesson

    return [load_lesson(p) for p in shipped_lessons() if p.name.startswith("mlp")]


TWO_SCREENS_SCRIPT = textwrap.dedent("""
    import json, sys
    import torch
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    from dlviz.ui.app import warm_up_imports
    warm_up_imports()
    from dlviz.ui.main_window import MainWindow
    from dlviz.ui.classroom import presenter as pm
    pm.ask_projector = lambda parent, labels, default: default
    w = MainWindow(torch.device("cpu"), 1, lab="convmath")
    w.show()
    app.processEvents()
    controller = w.features["presenter"]
    controller.action.trigger()
    app.processEvents()
    p = controller.presenter
    def rect(g):
        return [g.x(), g.y(), g.width(), g.height()]
    out = {
        "screens": [s.name() for s in app.screens()],
        "stage_screen": w.screen().name(), "stage_full": w.isFullScreen(),
        "presenting": w.features["presentation"].presenting,
        "menu_hidden": not w.menuBar().isVisible(),
        "stage_geometry": rect(w.geometry()),
        "presenter_screen": p.screen().name(), "presenter_visible": p.isVisible(),
        "presenter_geometry": rect(p.geometry()),
    }
    controller.stop()
    app.processEvents()
    out["after_stop"] = [w.features["presentation"].presenting, p.isVisible()]
    w.close()
    print("RESULT" + json.dumps(out))
""")


@pytest.mark.slow
def test_two_virtual_screens_put_the_stage_on_the_projector(tmp_path):
    config = {
        "synchronousWindowSystem": True,
        "windowFrameMargins": False,
        "screens": [
            {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
            {"name": "projector", "x": 1280, "y": 0, "width": 1024, "height": 768,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        ],
    }
    path = tmp_path / "screens.json"
    path.write_text(json.dumps(config))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}")
    done = subprocess.run([sys.executable, "-c", TWO_SCREENS_SCRIPT], env=env,
                          capture_output=True, text=True, timeout=240)
    lines = [x for x in done.stdout.splitlines() if x.startswith("RESULT")]
    assert lines, done.stdout[-2000:] + done.stderr[-4000:]
    out = json.loads(lines[-1][len("RESULT"):])
    assert out["screens"] == ["laptop", "projector"]
    # the window starts on the laptop, so the projector is the default choice
    assert out["stage_screen"] == "projector" and out["stage_full"]
    assert out["presenting"] and out["menu_hidden"]
    assert out["stage_geometry"] == [1280, 0, 1024, 768]
    assert out["presenter_screen"] == "laptop" and out["presenter_visible"]
    assert out["presenter_geometry"][:2] == [0, 0]
    assert out["after_stop"] == [False, False]
