import json

import pytest

from dlviz.core.labs import CHAPTERS, all_labs, get_lab
from dlviz.session.lesson import (
    Lesson,
    LessonError,
    Scene,
    load_lesson,
    parse_lesson,
    save_lesson,
    scene_overrides,
    shipped_lessons,
)


def good() -> dict:
    return {
        "format": "dlviz-lesson",
        "version": 1,
        "title": "t",
        "chapter": "mlp",
        "scenes": [
            {"title": "a", "lab": "mlp2d", "hparams": {"layers": 0},
             "zoom": "decision boundary", "note": {"en": "hi", "zh_CN": "你好"}},
            {"title": "b", "lab": "mlp2d", "view": "step_through"},
        ],
    }


def test_parse_fills_defaults_and_keeps_overrides_only():
    lesson = parse_lesson(good())
    a, b = lesson.scenes
    assert a.hparams == {"layers": 0} and a.zoom == "decision boundary"
    assert b.view == "step_through" and b.zoom is None and b.hidden == ()
    assert a.note_text("zh_CN") == "你好" and a.note_text("fr") == "hi"
    assert b.note_text("en") == ""


def test_every_problem_is_listed_at_once():
    data = good()
    data["version"] = 2
    data["scenes"][0]["lab"] = "nosuch"
    data["scenes"][1]["hparams"] = {"layers": 99}
    data["scenes"][1]["view"] = "cinema"
    data["scenes"].append({"lab": "mlp2d", "colour": "red"})
    with pytest.raises(LessonError) as info:
        parse_lesson(data, "x.json")
    problems = info.value.problems
    assert len(problems) == 5, problems
    text = str(info.value)
    assert "version 2" in text and "scene 1: unknown lab 'nosuch'" in text
    assert "scene 2: bad hyperparameter" in text and "at most 8" in text
    assert "scene 2: view must be" in text and "scene 3: unknown field 'colour'" in text


@pytest.mark.parametrize(
    "data, words",
    [
        ([], "expected a JSON object"),
        ({"format": "dlviz-lesson", "version": 1, "scenes": []}, "non-empty"),
        ({**good(), "chapter": "poetry"}, "unknown chapter"),
    ],
)
def test_bad_structure(data, words):
    with pytest.raises(LessonError, match=words):
        parse_lesson(data)


def test_tool_scene_has_no_step_through():
    data = good()
    data["scenes"][1] = {"title": "c", "lab": "convmath", "view": "step_through"}
    with pytest.raises(LessonError, match="no step-through"):
        parse_lesson(data)


def test_file_round_trip_and_bad_json(tmp_path):
    lesson = parse_lesson(good())
    save_lesson(lesson, tmp_path / "l.json")
    again = load_lesson(tmp_path / "l.json")
    assert again.scenes == lesson.scenes and again.path == tmp_path / "l.json"
    assert "你好" in (tmp_path / "l.json").read_text(encoding="utf-8")
    (tmp_path / "bad.json").write_text("{ nope", encoding="utf-8")
    with pytest.raises(LessonError, match="not valid JSON"):
        load_lesson(tmp_path / "bad.json")
    with pytest.raises(LessonError, match="cannot read"):
        load_lesson(tmp_path / "missing.json")


def test_scene_overrides_drop_defaults():
    hp = get_lab("mlp2d").resolve({"layers": 3})
    assert scene_overrides("mlp2d", hp) == {"layers": 3}
    scene = Scene("s", "mlp2d", scene_overrides("mlp2d", hp))
    assert Lesson("x", [scene]).to_dict()["scenes"][0]["hparams"] == {"layers": 3}


def test_one_valid_lesson_per_existing_chapter_with_three_to_five_scenes():
    lessons = [load_lesson(p) for p in shipped_lessons()]
    chapters_with_labs = {spec.chapter for spec in all_labs()}
    assert {lesson.chapter for lesson in lessons} == chapters_with_labs
    for lesson in lessons:
        assert lesson.chapter in CHAPTERS
        assert 3 <= len(lesson.scenes) <= 5, lesson.title
        for scene in lesson.scenes:
            assert scene.title and scene.note_text("en") and scene.note_text("zh_CN")
            assert scene.note_text("zh_CN") != scene.note_text("en")
            assert get_lab(scene.lab).chapter == lesson.chapter
            json.dumps(scene.to_dict())
