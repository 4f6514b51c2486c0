"""Lesson notes: one short Markdown file per lab and language (no Qt here).

A note lives in ``resources/notes/<key>.<lang>.md`` and has exactly this shape::

    # Title
    ...body (Markdown)...
    ## Predict, then reveal        (Chinese: ## 先预测，再揭晓)
    question text
    ### Answer                     (Chinese: ### 答案)
    answer text

:func:`load_note` splits it into a :class:`Note`. When the requested language has no
file, the English note is returned with ``fallback=True``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import dlviz

#: Languages the notes are written in; English is the fallback.
LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
FALLBACK_LANGUAGE = "en"

#: The heading that starts the question, and the one that starts the answer.
QUESTION_HEADINGS: dict[str, str] = {
    "en": "Predict, then reveal",
    "zh_CN": "先预测，再揭晓",
}
ANSWER_HEADINGS: dict[str, str] = {"en": "Answer", "zh_CN": "答案"}

_LANGUAGE_ALIASES: dict[str, str] = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "zh": "zh_CN",
    "zh_cn": "zh_CN",
    "zh_hans": "zh_CN",
}


class NoteError(ValueError):
    """A note file does not have the expected title/question/answer structure."""


class NoteNotFoundError(LookupError):
    """No note file exists for a key, in any language."""


@dataclass(frozen=True)
class Note:
    """One parsed lesson note.

    Attributes
    ----------
    key
        Lab key (``"lenet5"``) or ``"step_through"``.
    lang
        Language of the text actually loaded (``"en"`` or ``"zh_CN"``).
    title
        Text of the ``#`` heading, without the hashes.
    body
        Markdown between the title and the question heading.
    question_heading
        The question heading as written in the file ("Predict, then reveal").
    question
        Markdown of the "predict, then reveal" question.
    answer
        Markdown of the answer.
    fallback
        True when the requested language was missing and English was used.
    requested_lang
        The (normalised) language that was asked for.
    """

    key: str
    lang: str
    title: str
    body: str
    question_heading: str
    question: str
    answer: str
    fallback: bool = False
    requested_lang: str = FALLBACK_LANGUAGE


def normalise_language(lang: str) -> str:
    """Map ``"zh"``, ``"zh-CN"``, ``"zh_CN"`` ... to a name used in file names.

    Unknown languages are returned unchanged (with ``-`` replaced by ``_``), so that
    loading them falls back to English.
    """
    cleaned = lang.strip().replace("-", "_")
    return _LANGUAGE_ALIASES.get(cleaned.lower(), cleaned)


def notes_dir() -> Path:
    """The folder holding the note files (``resources/notes``)."""
    return dlviz.resources_dir() / "notes"


def note_path(key: str, lang: str) -> Path:
    """Path of the note file for ``key`` in ``lang`` (it may not exist)."""
    return notes_dir() / f"{key}.{normalise_language(lang)}.md"


def available_notes() -> list[str]:
    """Sorted keys that have at least one note file."""
    keys = set()
    for path in notes_dir().glob("*.md"):
        key, _, _lang = path.stem.rpartition(".")
        if key:
            keys.add(key)
    return sorted(keys)


def _heading_pattern(level: int, texts: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(text) for text in texts)
    return re.compile(
        rf"^{'#' * level}[ \t]+(?P<text>{alternatives})[ \t]*$", re.MULTILINE
    )


_TITLE = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+?)[ \t]*(?:\n|\Z)")
_QUESTION = _heading_pattern(2, list(QUESTION_HEADINGS.values()))
_ANSWER = _heading_pattern(3, list(ANSWER_HEADINGS.values()))


def parse_note(text: str, key: str = "", lang: str = FALLBACK_LANGUAGE) -> Note:
    """Split the text of a note file into a :class:`Note`.

    Either language's headings are accepted in either file.

    Raises
    ------
    NoteError
        If the title, question heading or answer heading is missing, out of order,
        or a part is empty.
    """
    text = text.replace("\r\n", "\n")
    where = f"note {key}.{lang}" if key else "note"
    title_match = _TITLE.match(text)
    if title_match is None:
        raise NoteError(f"{where}: it must start with a '# Title' line")
    rest = text[title_match.end() :]
    questions = list(_QUESTION.finditer(rest))
    if len(questions) != 1:
        raise NoteError(f"{where}: expected one '## Predict, then reveal' heading")
    question_match = questions[0]
    answers = list(_ANSWER.finditer(rest, question_match.end()))
    if len(answers) != 1 or _ANSWER.search(rest, 0, question_match.start()):
        raise NoteError(f"{where}: expected one '### Answer' after the question")
    answer_match = answers[0]
    parts = {
        "title": title_match.group("title").strip(),
        "body": rest[: question_match.start()].strip(),
        "question": rest[question_match.end() : answer_match.start()].strip(),
        "answer": rest[answer_match.end() :].strip(),
    }
    empty = [name for name, value in parts.items() if not value]
    if empty:
        raise NoteError(f"{where}: empty part(s): {', '.join(empty)}")
    return Note(
        key=key,
        lang=lang,
        question_heading=question_match.group("text"),
        requested_lang=lang,
        **parts,
    )


def load_note(key: str, lang: str = FALLBACK_LANGUAGE) -> Note:
    """Load the lesson note of ``key`` in ``lang`` ("en" or "zh_CN").

    Falls back to English, with ``Note.fallback`` set, when the translation is
    missing.

    Raises
    ------
    NoteNotFoundError
        If there is no file for ``key`` in the requested language nor in English.
    NoteError
        If the file found is malformed.
    """
    requested = normalise_language(lang)
    for candidate in dict.fromkeys((requested, FALLBACK_LANGUAGE)):
        path = note_path(key, candidate)
        if path.is_file():
            note = parse_note(path.read_text(encoding="utf-8"), key, candidate)
            if candidate == requested:
                return note
            return replace(note, fallback=True, requested_lang=requested)
    generated = _generated_note(key, requested)
    if generated:
        return parse_note(generated, key, requested)
    raise NoteNotFoundError(f"no lesson note for {key!r}")


def _generated_note(key: str, lang: str) -> str:
    """The note written at run time for a lab without a file: a user's own model
    (:func:`dlviz.core.usermodel.note_markdown`); '' for any other key. Such labs
    exist only once that module was imported, so nothing is imported here."""
    usermodel = sys.modules.get("dlviz.core.usermodel")
    if usermodel is None:
        return ""
    return usermodel.note_markdown(key, lang)

