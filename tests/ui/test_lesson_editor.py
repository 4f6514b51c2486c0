"""Lesson editor: reorder, duplicate, rename, delete, texts in both languages,
preview, save as (last folder remembered), and a shipped (older) lesson that opens,
is edited and reopened."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from dlviz.session.lesson import load_lesson, shipped_lessons
from dlviz.tools.walk import cut_texts
from dlviz.ui.classroom import lesson_editor as editor_module
from dlviz.ui.classroom.lesson_editor import (
    FOLDER_KEY,
    file_name_for,
    last_folder,
    with_texts,
)

MLP = next(p for p in shipped_lessons() if p.name.startswith("mlp"))


def test_texts_per_language_and_file_names():
    scene = load_lesson(MLP).scenes[0]
    edited = with_texts(scene, "zh_CN", "新的说明", "边界在哪里？", "在中间。")
    assert edited.note["zh_CN"] == "新的说明"
    assert edited.note["en"] == scene.note["en"]  # the other language is kept
    assert edited.question_text("zh_CN") == "边界在哪里？"
    assert edited.answer_text("zh_CN") == "在中间。"
    assert edited.question_text("en") == "边界在哪里？"  # falls back to any language
    cleared = with_texts(edited, "zh_CN", "", "", "")
    assert cleared.question is None and "zh_CN" not in cleared.note
    assert file_name_for("From a line: to a Spiral!") == "from_a_line_to_a_spiral.json"
    assert file_name_for("线性 模型") == "线性_模型.json"
    assert file_name_for("   ") == "lesson.json"


def test_edit_a_shipped_lesson_save_it_under_a_new_name_and_reopen(
    qtbot, window, monkeypatch, tmp_path
):
    lessons = window.features["lessons"]
    controller = window.features["lesson_editor"]
    settings = controller.settings
    settings.store.setValue(FOLDER_KEY, str(tmp_path))
    # the editor opens files in the folder used last
    seen = {}

    def fake_open(parent, folder):
        seen["open"] = folder
        return str(MLP)

    monkeypatch.setattr(editor_module, "ask_open_path", fake_open)
    editor = controller.open_editor()
    assert editor.lesson.scenes == [] and not editor.buttons["save"].isEnabled()
    qtbot.mouseClick(editor.buttons["open"], Qt.MouseButton.LeftButton)
    assert seen["open"] == str(tmp_path)
    assert last_folder(settings) == str(MLP.parent.resolve())
    original = load_lesson(MLP)
    titles = [s.title for s in original.scenes]
    assert [editor.list.item(i).text() for i in range(editor.list.count())] == [
        f"{i + 1}. {t}" for i, t in enumerate(titles)]
    # reorder: the second scene goes first
    editor.list.setCurrentRow(1)
    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)
    assert editor.list.currentRow() == 0
    assert [s.title for s in editor.lesson.scenes][:2] == [titles[1], titles[0]]
    # duplicate and rename the copy
    qtbot.mouseClick(editor.buttons["duplicate"], Qt.MouseButton.LeftButton)
    assert editor.list.currentRow() == 1 and len(editor.lesson.scenes) == 6
    editor.scene_title.clear()
    qtbot.keyClicks(editor.scene_title, "Renamed copy")
    assert editor.lesson.scenes[1].title == "Renamed copy"
    assert editor.list.item(1).text() == "2. Renamed copy"
    assert editor.lesson.scenes[1].hparams == editor.lesson.scenes[0].hparams
    # delete the last scene
    editor.list.setCurrentRow(5)
    qtbot.mouseClick(editor.buttons["delete"], Qt.MouseButton.LeftButton)
    assert len(editor.lesson.scenes) == 5 and editor.list.currentRow() == 4
    # note and question in both languages
    editor.list.setCurrentRow(0)
    editor.editors["en"]["question"].setPlainText("Where does the boundary bend?")
    editor.editors["en"]["answer"].setPlainText("Around both moons.")
    editor.editors["zh_CN"]["question"].setPlainText("边界在哪里弯曲？")
    editor.editors["zh_CN"]["note"].setPlainText("新的中文说明")
    scene = editor.lesson.scenes[0]
    assert scene.question_text("en") == "Where does the boundary bend?"
    assert scene.question_text("zh_CN") == "边界在哪里弯曲？"
    assert scene.note_text("zh_CN") == "新的中文说明"
    assert scene.note_text("en") == original.scenes[1].note_text("en")
    # the lesson's name and save as (into the last folder, under a name from it)
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "My boundaries")
    asked = {}
    out = tmp_path / "mine" / "boundaries.json"
    out.parent.mkdir()

    def fake_save(parent, suggested):
        asked["suggested"] = suggested
        return str(out)

    monkeypatch.setattr(editor_module, "ask_save_path", fake_save)
    qtbot.mouseClick(editor.buttons["save_as"], Qt.MouseButton.LeftButton)
    assert asked["suggested"].endswith("my_boundaries.json")
    assert asked["suggested"].startswith(str(MLP.parent))  # the file's own folder
    assert "*" not in editor.windowTitle()
    assert last_folder(settings) == str(out.parent.resolve())
    reopened = load_lesson(out)
    assert reopened.title == "My boundaries"
    assert [s.title for s in reopened.scenes] == [
        titles[1], "Renamed copy", titles[0], titles[2], titles[3]]
    assert reopened.scenes[0].answer_text("en") == "Around both moons."
    assert reopened.scenes[0].note_text("zh_CN") == "新的中文说明"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1 and "ink" not in data["scenes"][0]
    assert "question" not in data["scenes"][2]
    # the file the shipped lesson came from is untouched
    assert load_lesson(MLP).scenes == original.scenes
    # preview shows the selected scene of the edited lesson in the window
    editor.list.setCurrentRow(2)
    qtbot.mouseClick(editor.buttons["preview"], Qt.MouseButton.LeftButton)
    assert lessons.lesson.title == "My boundaries" and lessons.index == 2
    assert window.session.hparams["layers"] == 0
    # Save (no dialog) writes to the same file again
    editor.editors["en"]["note"].setPlainText("Changed again.")
    assert editor.windowTitle().endswith("*")
    monkeypatch.setattr(editor_module, "ask_save_path", lambda *a: "")
    qtbot.mouseClick(editor.buttons["save"], Qt.MouseButton.LeftButton)
    assert load_lesson(out).scenes[2].note_text("en") == "Changed again."
    editor.close()
    lessons.close_lesson()


def test_add_the_window_view_to_a_new_lesson_and_bad_files(
    qtbot, window, monkeypatch, tmp_path
):
    controller = window.features["lesson_editor"]
    window.session.set_hparams({"layers": 3})
    editor = controller.open_editor()
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert len(editor.lesson.scenes) == 1
    assert editor.lesson.scenes[0].hparams == {"layers": 3}
    assert editor.lesson.title  # a new lesson gets a title
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dlviz-lesson", "version": 1, "scenes": [{"lab": 1}]}')
    assert not editor.open_path(str(bad))
    assert "unknown lab" in editor.message.text()
    assert len(editor.lesson.scenes) == 1  # nothing changed
    editor.close()


def test_editor_in_both_languages_and_sizes(qtbot, window):
    """Nothing cut at 1024×768 (×1.5 font) and 1280×800, English and Chinese."""
    import os

    from PySide6.QtWidgets import QApplication

    lessons = window.features["lessons"]
    lessons.open_lesson(str(MLP))
    editor = window.features["lesson_editor"].open_editor()
    qtbot.wait(50)  # shown and laid out before the font changes
    base = QApplication.font()
    out = os.environ.get("DLVIZ_SHOTS", "")
    try:
        for lang in ("en", "zh_CN"):
            window.features["language"].switch(lang)
            for (w, h), scale in (((1024, 768), 1.5), ((1280, 800), 1.0)):
                font = base.__class__(base)
                font.setPointSizeF(base.pointSizeF() * scale)
                QApplication.setFont(font)
                editor.resize(min(900, w - 40), min(640, h - 60))
                qtbot.wait(100)
                if out:
                    editor.grab().save(f"{out}/lesson_editor_{lang}_{w}x{h}.png")
                assert cut_texts(editor) == [], (lang, w)
                assert editor.list.height() > 80
            assert editor.buttons["save_as"].text() != ("Save as…" if lang == "zh_CN"
                                                         else "")
    finally:
        QApplication.setFont(base)
        window.features["language"].switch("en")
        editor.close()
        lessons.close_lesson()
