"""Lessons: ordered scenes a teacher steps through in front of a class.

A scene is a lab, its hyperparameters (only the ones that differ from the defaults),
what the window shows (the training tab or the step-through tab, one stage panel
zoomed, panels hidden) and a note. A lesson is a small JSON file::

    {
      "format": "dlviz-lesson", "version": 1,
      "title": "From a line to a spiral", "chapter": "mlp",
      "scenes": [
        {"title": "No hidden layer", "lab": "mlp2d",
         "hparams": {"dataset": "moons", "layers": 0},
         "view": "training", "zoom": "decision boundary", "hidden": [],
         "note": {"en": "A straight line is all it can draw.", "zh_CN": "..."},
         "question": {"prompt": {"en": "Which points can it never get right?"},
                      "answer": {"en": "Those on the wrong side of any line."}},
         "ink": {"decision boundary": [
             {"color": "vermillion", "width": 2, "points": [[0.1, 0.2], [0.4, 0.5]]}]}}
      ]
    }

``question`` (a "predict, then reveal" question for the presenter view) and ``ink``
(pen strokes per stage panel, points in 0–1 coordinates of the panel) and ``compare``
(``{"preset": "sigmoid_relu_deep"}`` and/or ``{"b": {...}}``: the scene opens compare
mode, the scene's settings as A) and ``model`` (a user's own model file the scene opens:
``{"path": "models/small_mlp.py", "name": "SmallMLP", "data": {"kind": "digits8"},
"sha1": ...}``; a relative path is looked up beside the lesson, then in dlviz's
resources; the scene's ``lab`` is then the key the lab gets) are optional:
lessons written before they existed load unchanged, and a scene without them is
written without them.

Loading checks everything and reports every problem at once (:class:`LessonError`);
nothing is applied from a lesson that has one. Panel names are checked by the interface,
which knows the stages. Pure Python.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dlviz.core.compare import scene_comparison
from dlviz.core.labs import CHAPTERS, get_lab
from dlviz.core.params import ParamError

FORMAT = "dlviz-lesson"
VERSION = 1
SUFFIX = ".json"
#: The window's tabs a scene can show.
VIEWS = ("training", "step_through")
_SCENE_KEYS = {
    "title", "lab", "hparams", "view", "zoom", "hidden", "note", "question", "ink",
    "compare", "model",
}
#: Fields of a scene's question.
_QUESTION_KEYS = {"prompt", "answer"}
#: Fields of one ink stroke.
_STROKE_KEYS = {"color", "width", "points"}


class LessonError(ValueError):
    """A lesson that cannot be used; ``problems`` lists every reason."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = source, list(problems)
        super().__init__(f"{source}: " + "; ".join(self.problems))


@dataclass(frozen=True)
class Scene:
    """One moment of a lesson."""

    title: str
    lab: str
    hparams: dict[str, Any] = field(default_factory=dict)
    view: str = "training"
    zoom: str | None = None
    hidden: tuple[str, ...] = ()
    note: str | dict[str, str] = ""
    #: {"prompt": text, "answer": text}, each text a string or {language: string}.
    question: dict[str, Any] | None = None
    #: Pen strokes by stage panel name: [{"color", "width", "points": [[x, y], ...]}]
    #: with x, y in 0–1 of the panel (they stay with it when it is resized).
    ink: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: A comparison the scene opens (compare mode): {"preset": key} and/or
    #: {"b": {B's changed settings}} (:func:`dlviz.core.compare.scene_comparison`).
    compare: dict[str, Any] | None = None
    #: The user's model file the scene opens
    #: (:func:`dlviz.core.usermodel.source_record`); None for a built-in lab. Filled
    #: in when the scene is written.
    model: dict[str, Any] | None = None

    def note_text(self, language: str = "en") -> str:
        """The note in ``language``, else English, else any language given."""
        return localized(self.note, language)

    def question_text(self, language: str = "en") -> str:
        """The question's prompt in ``language`` (empty without a question)."""
        return localized((self.question or {}).get("prompt", ""), language)

    def answer_text(self, language: str = "en") -> str:
        """The question's answer in ``language`` (empty without a question)."""
        return localized((self.question or {}).get("answer", ""), language)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "lab": self.lab}
        out["hparams"] = dict(self.hparams)
        out["view"] = self.view
        out["zoom"] = self.zoom
        out["hidden"] = list(self.hidden)
        out["note"] = self.note if isinstance(self.note, str) else dict(self.note)
        if self.question:
            out["question"] = {
                k: v if isinstance(v, str) else dict(v)
                for k, v in self.question.items()
            }
        if any(self.ink.values()):
            out["ink"] = {
                panel: [
                    {
                        "color": s["color"],
                        "width": s["width"],
                        "points": [[round(x, 4), round(y, 4)] for x, y in s["points"]],
                    }
                    for s in strokes
                ]
                for panel, strokes in self.ink.items()
                if strokes
            }
        if self.compare:
            out["compare"] = {k: dict(v) if isinstance(v, dict) else v
                              for k, v in self.compare.items()}
        model = self.model or _model_record(self.lab)
        if model:
            out["model"] = dict(model)
        return out


def _model_record(lab: str) -> dict[str, Any] | None:
    """The model file of a lab made from the user's own file (None for others; such
    labs exist only once :mod:`dlviz.core.usermodel` was imported)."""
    usermodel = sys.modules.get("dlviz.core.usermodel")
    return usermodel.source_record(lab, portable=True) if usermodel else None


def _restore_model(raw: dict, base: Path | None) -> tuple[str | None, list[str]]:
    """Register the lab of a scene's ``model``; (its key, problems)."""
    from dlviz.core import usermodel

    lab = raw.get("lab")
    try:
        # a lesson holds no weights: a changed file opens as it is now, and the
        # file runs only once trusted (the lab's build says so otherwise)
        key = usermodel.restore_lab(raw["model"], lab if isinstance(lab, str) else "",
                                    base=base, check_changed=False, check_trust=False)
    except usermodel.ModelFileProblem as problem:
        return None, [str(problem)]
    except ValueError as exc:  # a built-in lab's key
        return None, [f"bad model: {exc}"]
    return key, []


def localized(text: str | dict[str, str], language: str = "en") -> str:
    """``text`` in ``language``, else English, else any language given."""
    if isinstance(text, str):
        return text
    for key in (language, language.split("_")[0], "en"):
        if text.get(key):
            return text[key]
    return next((v for v in text.values() if v), "")


@dataclass
class Lesson:
    """An ordered list of scenes."""

    title: str
    scenes: list[Scene]
    chapter: str = ""
    path: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "title": self.title,
            "chapter": self.chapter,
            "scenes": [s.to_dict() for s in self.scenes],
        }


def scene_overrides(lab: str, hparams: dict[str, Any]) -> dict[str, Any]:
    """Only the hyperparameters that differ from the lab's defaults (readable files)."""
    defaults = get_lab(lab).resolve({})
    return {k: v for k, v in hparams.items() if defaults.get(k) != v}


def parse_lesson(data: Any, source: str = "lesson",
                 base: str | os.PathLike | None = None) -> Lesson:
    """Validate a decoded lesson; raise :class:`LessonError` listing every problem.
    ``base`` is the lesson's folder (a scene's model file may lie beside it)."""
    if not isinstance(data, dict):
        raise LessonError(source, ["not a lesson (expected a JSON object)"])
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    if data.get("version") != VERSION:
        problems.append(
            f"version {data.get('version')!r} is not supported (expected {VERSION})"
        )
    title = data.get("title", "")
    if not isinstance(title, str):
        problems.append("title must be text")
    chapter = data.get("chapter", "")
    if chapter and chapter not in CHAPTERS:
        problems.append(f"unknown chapter {chapter!r}")
    raw_scenes = data.get("scenes")
    scenes: list[Scene] = []
    if not isinstance(raw_scenes, list) or not raw_scenes:
        problems.append("a lesson needs a non-empty list of scenes")
        raw_scenes = []
    for number, raw in enumerate(raw_scenes, start=1):
        scene, scene_problems = _parse_scene(
            raw, Path(base) if base is not None else None)
        problems += [f"scene {number}: {p}" for p in scene_problems]
        if scene is not None:
            scenes.append(scene)
    if problems:
        raise LessonError(source, problems)
    return Lesson(title=title, scenes=scenes, chapter=chapter or "")


def _parse_scene(raw: Any, base: Path | None = None) -> tuple[Scene | None, list[str]]:
    if not isinstance(raw, dict):
        return None, ["expected an object"]
    problems = [f"unknown field {k!r}" for k in sorted(set(raw) - _SCENE_KEYS)]
    title = raw.get("title", "")
    if not isinstance(title, str):
        problems.append("title must be text")
    lab = raw.get("lab")
    if raw.get("model") is not None:
        lab, model_problems = _restore_model(raw, base)
        problems += model_problems
    spec = None
    try:
        spec = get_lab(str(lab))
    except KeyError:
        if lab is not None or raw.get("model") is None:  # else: said above
            problems.append(f"unknown lab {lab!r}")
    hparams = raw.get("hparams", {})
    if not isinstance(hparams, dict):
        problems.append("hparams must be an object")
        hparams = {}
    elif spec is not None:
        try:
            spec.resolve(hparams)
        except ParamError as exc:
            problems.append(f"bad hyperparameter: {exc}")
    view = raw.get("view", "training")
    if view not in VIEWS:
        problems.append(f"view must be one of {', '.join(VIEWS)}")
    if spec is not None and not spec.trainable and view != "training":
        problems.append(f"the lab {spec.key!r} has no step-through view")
    zoom = raw.get("zoom")
    if zoom is not None and not isinstance(zoom, str):
        problems.append("zoom must be a panel name or null")
    hidden = raw.get("hidden", [])
    if not isinstance(hidden, list) or not all(isinstance(h, str) for h in hidden):
        problems.append("hidden must be a list of panel names")
        hidden = []
    note = raw.get("note", "")
    if isinstance(note, dict):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in note.items()):
            problems.append("note must map language codes to text")
    elif not isinstance(note, str):
        problems.append("note must be text or an object of languages")
    question = raw.get("question")
    if question is not None:
        problems += _question_problems(question)
    ink = raw.get("ink", {})
    problems += _ink_problems(ink)
    compare = raw.get("compare")
    if compare is not None and spec is not None and not problems:
        try:
            scene_comparison(spec.key, hparams, compare)
        except (ValueError, ParamError) as exc:
            problems.append(f"bad compare: {exc}")
    if problems:
        return None, problems
    scene = Scene(
        title=title,
        lab=spec.key,
        hparams=dict(hparams),
        view=view,
        zoom=zoom or None,
        hidden=tuple(hidden),
        note=note,
        question=question or None,
        compare=dict(compare) if compare else None,
        model=dict(raw["model"]) if raw.get("model") is not None else None,
        ink={
            panel: [
                {
                    "color": s["color"],
                    "width": s["width"],
                    "points": [(float(x), float(y)) for x, y in s["points"]],
                }
                for s in strokes
            ]
            for panel, strokes in ink.items()
        },
    )
    return scene, []


def _is_text(value: Any) -> bool:
    """Text, or an object mapping language codes to text."""
    if isinstance(value, str):
        return True
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _question_problems(question: Any) -> list[str]:
    if not isinstance(question, dict):
        return ["question must be an object with a prompt and an answer"]
    problems = [
        f"unknown question field {k!r}" for k in sorted(set(question) - _QUESTION_KEYS)
    ]
    for key in sorted(_QUESTION_KEYS):
        if not _is_text(question.get(key, "")):
            problems.append(f"question {key} must be text or an object of languages")
    return problems


def _ink_problems(ink: Any) -> list[str]:
    if not isinstance(ink, dict):
        return ["ink must map panel names to lists of strokes"]
    problems: list[str] = []
    for panel, strokes in ink.items():
        if not isinstance(strokes, list):
            problems.append(f"ink of {panel!r} must be a list of strokes")
            continue
        for number, stroke in enumerate(strokes, start=1):
            where = f"ink stroke {number} of {panel!r}"
            if not isinstance(stroke, dict) or set(stroke) != _STROKE_KEYS:
                problems.append(f"{where} needs exactly color, width and points")
                continue
            width = stroke["width"]
            if not isinstance(stroke["color"], str):
                problems.append(f"{where}: color must be a name")
            if isinstance(width, bool) or not isinstance(width, (int, float)) or not (
                0 < width <= 50
            ):
                problems.append(f"{where}: width must be a number in (0, 50]")
            points = stroke["points"]
            if not isinstance(points, list) or not points or not all(
                _is_point(p) for p in points
            ):
                problems.append(f"{where}: points must be [x, y] pairs in 0..1")
    return problems


def _is_point(value: Any) -> bool:
    return (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1
            for v in value
        )
    )


def load_lesson(path: str | os.PathLike) -> Lesson:
    """Read and validate a lesson file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonError(path.name, [f"cannot read the file ({exc})"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LessonError(
            path.name, [f"not valid JSON (line {exc.lineno}: {exc.msg})"]
        ) from None
    lesson = parse_lesson(data, path.name, path.parent)
    lesson.path = path
    return lesson


def save_lesson(lesson: Lesson, path: str | os.PathLike) -> None:
    """Write ``lesson`` as indented JSON (UTF-8, readable and diffable)."""
    path = Path(path)
    text = json.dumps(lesson.to_dict(), ensure_ascii=False, indent=2) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    lesson.path = path


def shipped_lessons() -> list[Path]:
    """The example lessons in ``resources/lessons``, in chapter order."""
    from dlviz import resources_dir

    folder = resources_dir() / "lessons"
    if not folder.is_dir():
        return []
    order = list(CHAPTERS)

    def key(p: Path) -> tuple[int, str]:
        chapter = p.stem.split("_")[0]
        return (order.index(chapter) if chapter in order else len(order), p.name)

    return sorted(folder.glob(f"*{SUFFIX}"), key=key)
