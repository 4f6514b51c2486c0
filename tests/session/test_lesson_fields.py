"""The optional scene fields ``question`` and ``ink``: older lessons load unchanged,
new ones round-trip, bad values are reported. No Qt."""

from __future__ import annotations

import copy
import json

import pytest

from dlviz.session.lesson import (
    LessonError,
    load_lesson,
    parse_lesson,
    save_lesson,
    shipped_lessons,
)

SCENE = {
    "title": "Line", "lab": "mlp2d", "hparams": {"layers": 0},
    "note": {"en": "A line.", "zh_CN": "一条直线。"},
    "question": {"prompt": {"en": "Where?", "zh_CN": "在哪里？"}, "answer": "Between."},
    "ink": {"decision boundary": [
        {"color": "blue", "width": 4, "points": [[0.1, 0.2], [0.5, 0.25]]},
        {"color": "vermillion", "width": 2.0, "points": [[1, 0]]},
    ]},
}
LESSON = {"format": "dlviz-lesson", "version": 1, "title": "T", "scenes": [SCENE]}


def test_every_shipped_lesson_loads_and_gains_no_field_it_did_not_have():
    import json

    for path in shipped_lessons():
        raw = json.loads(path.read_text(encoding="utf-8"))
        lesson = load_lesson(path)
        for source, scene in zip(raw["scenes"], lesson.scenes, strict=True):
            for name in ("question", "ink"):
                assert (name in scene.to_dict()) == (name in source), (path, name)
            if "question" not in source:
                assert scene.question is None
            if "ink" not in source:
                assert scene.ink == {}


def test_question_and_ink_round_trip(tmp_path):
    lesson = parse_lesson(copy.deepcopy(LESSON))
    scene = lesson.scenes[0]
    assert scene.question_text("zh_CN") == "在哪里？"
    assert scene.answer_text("zh_CN") == "Between."  # plain text: every language
    assert scene.ink["decision boundary"][0]["points"] == [(0.1, 0.2), (0.5, 0.25)]
    out = tmp_path / "t.json"
    save_lesson(lesson, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["scenes"][0]["question"] == SCENE["question"]
    assert data["scenes"][0]["ink"]["decision boundary"][1]["points"] == [[1, 0]]
    again = load_lesson(out)
    assert again.scenes == lesson.scenes


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.update(question="Where?"), "question must be an object"),
        (lambda s: s["question"].update(hint="x"), "unknown question field 'hint'"),
        (lambda s: s["question"].update(answer=3), "question answer must be text"),
        (lambda s: s.update(ink=[]), "ink must map panel names"),
        (lambda s: s["ink"]["decision boundary"][0].update(width=0), "width must be"),
        (lambda s: s["ink"]["decision boundary"][0].update(points=[[0.5, 1.5]]),
         "points must be [x, y] pairs in 0..1"),
        (lambda s: s["ink"]["decision boundary"][0].pop("color"),
         "needs exactly color, width and points"),
    ],
)
def test_bad_questions_and_ink_are_reported(change, expected):
    data = copy.deepcopy(LESSON)
    change(data["scenes"][0])
    with pytest.raises(LessonError) as info:
        parse_lesson(data)
    assert any(expected in p for p in info.value.problems), info.value.problems
