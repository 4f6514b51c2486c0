"""Lesson notes: both languages for every lab, files parse, the loader falls back."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from dlviz import notes
from dlviz.core.labs import all_labs
from dlviz.notes import (
    Note,
    NoteError,
    NoteNotFoundError,
    available_notes,
    load_note,
    normalise_language,
    notes_dir,
    parse_note,
)

# Every lab has notes (a new lab adds its two files and nothing here), and so
# does the step-through.
NOTE_KEYS = sorted(spec.key for spec in all_labs()) + ["step_through"]

#: A fact each note must state, in both languages: the year on its lab's card.
YEARS = {spec.key: str(spec.year) for spec in all_labs() if spec.year}

CJK = re.compile(r"[\u4e00-\u9fff]")
PARAMS = [(key, lang) for key in NOTE_KEYS for lang in ("en", "zh_CN")]


def test_notes_folder_is_found() -> None:
    assert notes_dir().is_dir()
    assert notes_dir().name == "notes"


@pytest.mark.parametrize("key", NOTE_KEYS)
def test_every_key_has_both_languages(key: str) -> None:
    for lang in ("en", "zh_CN"):
        assert (notes_dir() / f"{key}.{lang}.md").is_file(), (key, lang)


def test_no_stray_note_files() -> None:
    assert available_notes() == sorted(NOTE_KEYS)
    for path in notes_dir().glob("*.md"):
        assert re.fullmatch(r"[a-z0-9_]+\.(en|zh_CN)\.md", path.name), path.name


@pytest.mark.parametrize(("key", "lang"), PARAMS)
def test_note_parses_into_its_parts(key: str, lang: str) -> None:
    note = load_note(key, lang)
    assert note.key == key
    assert note.lang == lang
    assert not note.fallback
    assert note.title and note.body and note.question and note.answer
    assert note.question_heading == notes.QUESTION_HEADINGS[lang]
    # The body carries the formulas and the bullets of what to look for.
    assert note.body.count("\n- ") >= 5
    assert "`" in note.body
    # No LaTeX: it does not render in the panel.
    text = (notes_dir() / f"{key}.{lang}.md").read_text(encoding="utf-8")
    assert "$" not in text and "\\frac" not in text and "\\sum" not in text


@pytest.mark.parametrize(("key", "lang"), PARAMS)
def test_combining_accents_only_inside_code_spans(key: str, lang: str) -> None:
    # Qt's proportional fonts place a combining hat or tilde over the wrong letter
    # (x̂ renders badly in running text); monospace code spans render it right.
    text = (notes_dir() / f"{key}.{lang}.md").read_text(encoding="utf-8")
    outside_code = re.sub(r"`[^`\n]*`", "", text)
    assert not [c for c in outside_code if unicodedata.combining(c)]


@pytest.mark.parametrize("key", NOTE_KEYS)
def test_english_notes_fit_a_side_panel(key: str) -> None:
    note = load_note(key, "en")
    words = len(f"{note.body} {note.question} {note.answer}".split())
    assert 180 <= words <= 450, words
    assert not CJK.search(note.body + note.question + note.answer)


@pytest.mark.parametrize("key", NOTE_KEYS)
def test_chinese_notes_are_chinese(key: str) -> None:
    note = load_note(key, "zh_CN")
    text = note.title + note.body + note.question + note.answer
    assert len(CJK.findall(note.body)) >= 150
    assert CJK.search(note.question) and CJK.search(note.answer)
    assert len(text) <= 1400


@pytest.mark.parametrize(("key", "year"), sorted(YEARS.items()))
def test_notes_state_the_year(key: str, year: str) -> None:
    for lang in ("en", "zh_CN"):
        assert year in load_note(key, lang).body, (key, lang)


def test_every_registered_lab_has_a_note() -> None:
    from dlviz.core.labs import all_labs

    keys = [spec.key for spec in all_labs()]
    assert keys
    missing = [key for key in keys if key not in NOTE_KEYS]
    assert not missing, f"labs without lesson notes: {missing}"


def test_parse_note_splits_the_sections() -> None:
    text = (
        "# Title here\n\nBody line 1\n\n- bullet\n\n## Predict, then reveal\n\n"
        "What is 2 + 2?\n\n### Answer\n\nFour.\n"
    )
    note = parse_note(text, "demo", "en")
    assert note == Note(
        key="demo",
        lang="en",
        title="Title here",
        body="Body line 1\n\n- bullet",
        question_heading="Predict, then reveal",
        question="What is 2 + 2?",
        answer="Four.",
        fallback=False,
        requested_lang="en",
    )


def test_parse_note_accepts_chinese_headings_and_crlf() -> None:
    text = "# 标题\r\n正文\r\n## 先预测，再揭晓\r\n问题？\r\n### 答案\r\n答案内容\r\n"
    note = parse_note(text, "demo", "zh_CN")
    assert (note.title, note.body, note.question, note.answer) == (
        "标题",
        "正文",
        "问题？",
        "答案内容",
    )
    assert note.question_heading == "先预测，再揭晓"


@pytest.mark.parametrize(
    "text",
    [
        "no title\n## Predict, then reveal\nq\n### Answer\na\n",
        "# T\nbody\n### Answer\na\n",
        "# T\nbody\n## Predict, then reveal\nq\n",
        "# T\nbody\n### Answer\na\n## Predict, then reveal\nq\n",
        "# T\nbody\n## Predict, then reveal\nq\n### Answer\n\n",
        "# T\n## Predict, then reveal\nq\n### Answer\na\n",
        "# T\nb\n## Predict, then reveal\nq\n## Predict, then reveal\nq\n### Answer\na",
    ],
)
def test_parse_note_rejects_malformed_text(text: str) -> None:
    with pytest.raises(NoteError):
        parse_note(text, "bad", "en")


@pytest.fixture
def scratch_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(notes, "notes_dir", lambda: tmp_path)
    english = "# Only English\nbody\n## Predict, then reveal\nq?\n### Answer\na.\n"
    (tmp_path / "solo.en.md").write_text(english, encoding="utf-8")
    return tmp_path


def test_missing_translation_falls_back_to_english(scratch_notes: Path) -> None:
    note = load_note("solo", "zh_CN")
    assert note.fallback
    assert note.lang == "en"
    assert note.requested_lang == "zh_CN"
    assert note.title == "Only English"


def test_english_request_is_not_a_fallback(scratch_notes: Path) -> None:
    note = load_note("solo", "en")
    assert not note.fallback
    assert note.requested_lang == "en"


def test_unknown_key_raises(scratch_notes: Path) -> None:
    with pytest.raises(NoteNotFoundError):
        load_note("no_such_lab", "zh_CN")


def test_translation_is_preferred_when_present(scratch_notes: Path) -> None:
    chinese = "# 中文\n正文\n## 先预测，再揭晓\n问？\n### 答案\n答。\n"
    (scratch_notes / "solo.zh_CN.md").write_text(chinese, encoding="utf-8")
    note = load_note("solo", "zh")
    assert (note.lang, note.fallback, note.title) == ("zh_CN", False, "中文")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en", "en"), ("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_CN", "zh_CN"),
     ("en_US", "en"), ("fr", "fr")],
)  # fmt: skip
def test_normalise_language(given: str, expected: str) -> None:
    assert normalise_language(given) == expected
