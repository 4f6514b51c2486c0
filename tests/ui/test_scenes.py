import json
import os

import pytest
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.session.lesson import load_lesson, shipped_lessons
from dlviz.ui.classroom import scenes as scenes_module
from dlviz.ui.stages import all_stages

MLP = next(p for p in shipped_lessons() if p.name.startswith("mlp"))


def open_via_action(window, monkeypatch, path):
    monkeypatch.setattr(
        scenes_module, "ask_lesson_path", lambda parent, save: str(path)
    )
    window.features["lessons"].actions["open"].trigger()


def test_open_lesson_and_step_with_page_down_and_page_up(qtbot, window, monkeypatch):
    lessons = window.features["lessons"]
    open_via_action(window, monkeypatch, MLP)
    assert lessons.lesson is not None and lessons.index == 0
    assert window.session.hparams["layers"] == 0
    assert lessons.zoom == "decision boundary"
    assert not window.loss_curves.isVisible()  # curves hidden by zoom
    assert lessons.bar.isVisible() and "1/5" in lessons.bar.title_label.text()
    assert "straight line" in lessons.bar.note_label.text()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert lessons.index == 1 and window.session.hparams["layers"] == 2
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.session.hparams["dataset"] == "spirals"
    assert lessons.zoom is None and window.loss_curves.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.tabs.currentWidget() is window.step_through
    assert window.session.hparams["activation"] == "sigmoid"
    assert window.hyperparams.editors["activation"].currentData() == "sigmoid"
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert lessons.index == 2 and window.tabs.currentWidget() is window.lab_splitter
    lessons.show_scene(4)
    qtbot.wait(20)
    assert window.spec.key == "mlp_digits"
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # already at the end
    assert lessons.index == 4 and not lessons.bar.next_button.isEnabled()
    qtbot.mouseClick(lessons.bar.previous_button, Qt.MouseButton.LeftButton)
    assert lessons.index == 3 and window.spec.key == "mlp2d"
    os.makedirs("/tmp/shots", exist_ok=True)
    for w, h in ((1024, 768), (1920, 1080)):
        lessons.show_scene(0)
        window.resize(w, h)
        qtbot.wait(200)
        window.grab().save(f"/tmp/shots/lesson_{w}x{h}.png")
    lessons.actions["close"].trigger()
    assert not lessons.bar.isVisible()
    assert not lessons.actions["next"].isEnabled()


def test_save_scenes_into_a_lesson_and_open_it_again(
    qtbot, window, monkeypatch, tmp_path
):
    lessons = window.features["lessons"]
    answers = iter([("Deep", "four layers"), ("Walk", "one step")])
    monkeypatch.setattr(scenes_module, "ask_scene_text", lambda p, t: next(answers))
    window.session.set_hparams({"layers": 4})
    lessons.set_zoom("decision boundary")
    lessons.actions["save_scene"].trigger()
    window.tabs.setCurrentWidget(window.step_through)
    lessons.set_zoom(None)
    lessons.actions["save_scene"].trigger()
    out = tmp_path / "mine.json"
    monkeypatch.setattr(scenes_module, "ask_lesson_path", lambda p, save: str(out))
    lessons.actions["save"].trigger()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["title"] for s in data["scenes"]] == ["Deep", "Walk"]
    assert data["scenes"][0]["hparams"] == {"layers": 4}
    assert data["scenes"][0]["zoom"] == "decision boundary"
    assert data["scenes"][1]["view"] == "step_through"
    lessons.close_lesson()
    window.session.set_hparams({"layers": 1})
    assert lessons.open_lesson(str(out))
    assert window.session.hparams["layers"] == 4
    assert lessons.bar.note_label.text() == "four layers"


def test_bad_lesson_is_refused_listing_problems_and_changes_nothing(
    qtbot, window, monkeypatch, tmp_path
):
    data = json.loads(MLP.read_text(encoding="utf-8"))
    data["scenes"][0]["lab"] = "nosuch"
    data["scenes"][1]["hparams"] = {"layers": -1}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    run_id = window.session.run_id
    open_via_action(window, monkeypatch, bad)
    text = window.message_bar.label.text()
    assert window.message_bar.isVisible()
    assert "unknown lab 'nosuch'" in text and "at least 0" in text
    assert window.features["lessons"].lesson is None and window.session.run_id == run_id
    data = json.loads(MLP.read_text(encoding="utf-8"))
    data["version"] = 3
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert not window.features["lessons"].open_lesson(str(bad))
    assert "version 3" in window.message_bar.label.text()


@pytest.mark.slow
@pytest.mark.parametrize("path", shipped_lessons(), ids=lambda p: p.stem)
def test_every_shipped_scene_opens_with_its_panels(qtbot, window, path):
    lesson = load_lesson(path)
    lessons = window.features["lessons"]
    lessons.set_lesson(lesson)
    for index, scene in enumerate(lesson.scenes):
        if get_lab(scene.lab).stage not in all_stages():
            pytest.fail(f"no stage for {scene.lab}")
        lessons.show_scene(index)
        qtbot.wait(20)  # let replaced stages be deleted (see the report)
        assert window.spec.key == scene.lab
        if window.session is not None:
            expected = get_lab(scene.lab).resolve(scene.hparams)
            assert window.session.hparams == expected
        panels = window.stage.panels()
        assert scene.zoom is None or scene.zoom in panels, scene.zoom
        assert lessons.zoom == scene.zoom
        assert not window.message_bar.isVisible(), window.message_bar.label.text()
        assert lessons.bar.title_label.text().endswith(scene.title)
