"""The question model of practice mode (no Qt).

A :class:`Question` carries English templates (``prompt``, ``solution`` and one
``mistake`` per wrong choice) with ``{name}`` placeholders and the values to fill in;
the interface translates the template and then formats it, so both languages show
the same numbers. Every answer is computed by the code the labs use (see the
generator modules); a generator that cannot compute an answer raises
:class:`NoQuestion` and no question is made.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Answer forms.
CHOICE = "choice"
TRUE_FALSE = "true_false"
NUMBER = "number"
FORMS = (CHOICE, TRUE_FALSE, NUMBER)


class NoQuestion(Exception):
    """This generator cannot make a question for this lab (nothing to ask about)."""


@dataclass(frozen=True)
class Link:
    """Where the answer can be seen in the app.

    ``lab`` is opened; when ``path`` is set the step-through goes to the event of
    that module (``phase``: ``"forward"``, ``"backward"`` ...; ``role``: the network),
    and when ``panel`` is set that stage panel is shown (a name of
    ``stage.panels()``).
    """

    lab: str
    path: str = ""
    phase: str = "forward"
    role: str = "model"
    panel: str = ""

    @property
    def event(self) -> tuple[str, str, str] | None:
        return (self.phase, self.role, self.path) if self.path else None


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class Question:
    """One generated exam question.

    Attributes
    ----------
    kind
        The generator's key (``"cnn.conv_params"``).
    chapter, lab
        Chapter key and the lab the question is about.
    form
        :data:`CHOICE`, :data:`TRUE_FALSE` or :data:`NUMBER`.
    prompt, args
        English template and its values (already formatted strings).
    answer
        Index of the right choice, the truth of the statement, or the number.
    value
        The number a choice question is about (None for statements).
    choices, mistakes
        Choice texts and, for each, the English template of the classic mistake
        that leads to it (``""`` for the right one).
    tolerance
        Accepted absolute error of a typed number.
    solution, solution_args
        The worked solution (English template) and its values.
    link
        Where the answer is visible.
    step
        For a question about the current run: the training step its values were
        taken at (None for a question about the lab's settings).
    where
        For a question about the current run: where in the snapshot its values are
        (unit, time, class ... as indices), so the answer can be checked against
        the lab and found in its views.
    """

    kind: str
    chapter: str
    lab: str
    form: str
    prompt: str
    args: dict[str, str]
    answer: Any
    solution: str
    solution_args: dict[str, str]
    link: Link
    value: float | None = None
    choices: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    tolerance: float = 0.0
    step: int | None = None
    where: dict[str, Any] = field(default_factory=dict)

    def text(self, translate: Callable[[str], str] = _identity) -> str:
        return translate(self.prompt).format(**self.args)

    def solution_text(self, translate: Callable[[str], str] = _identity) -> str:
        return translate(self.solution).format(**self.solution_args)

    def mistake_text(
        self, index: int, translate: Callable[[str], str] = _identity
    ) -> str:
        if not 0 <= index < len(self.mistakes) or not self.mistakes[index]:
            return ""
        return translate(self.mistakes[index]).format(**self.solution_args)

    def check(self, response: Any) -> bool:
        """True when ``response`` (a choice index, a bool or a number) is right."""
        if self.form == CHOICE:
            return isinstance(response, int) and response == self.answer
        if self.form == TRUE_FALSE:
            return isinstance(response, bool) and response == self.answer
        try:
            number = float(response)
        except (TypeError, ValueError):
            return False
        return math.isfinite(number) and abs(number - self.answer) <= self.tolerance

    @property
    def right_text(self) -> str:
        """The right answer as shown (a choice, ``True``/``False``, or the number)."""
        if self.form == CHOICE:
            return self.choices[self.answer]
        if self.form == TRUE_FALSE:
            return "True" if self.answer else "False"
        return fmt(self.answer)


# -- helpers for the generators ------------------------------------------------------
def fmt(value: float, digits: int = 3) -> str:
    """A number as the app shows it: integers with thousands separators, others with
    at most ``digits`` decimals (trailing zeros dropped)."""
    if isinstance(value, bool):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if value != 0 and abs(value) < 10.0**-digits:
        return f"{value:.{max(1, digits - 3)}e}"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def number_tolerance(value: float, digits: int = 3) -> float:
    """Half a unit of the last shown decimal, at least 0.5 % of the value."""
    return max(0.5 * 10.0**-digits + 1e-12, abs(value) * 0.005)


@dataclass
class Draft:
    """What a generator returns before the form is fixed by :func:`finish`."""

    prompt: str
    args: dict[str, Any]
    value: Any
    solution: str
    link: Link
    #: (wrong value, English template of the mistake) for choice questions.
    wrong: Sequence[tuple[Any, str]] = ()
    form: str = CHOICE
    digits: int = 3
    solution_args: dict[str, Any] = field(default_factory=dict)
    #: See :attr:`Question.where`.
    where: dict[str, Any] = field(default_factory=dict)


NEAR_MISS = "A near miss: check each factor of the formula."


def finish(draft: Draft, kind: str, chapter: str, rng: random.Random) -> Question:
    """Turn a draft into a question: format the values, build and shuffle choices."""
    args = {k: v if isinstance(v, str) else fmt(v, draft.digits)
            for k, v in draft.args.items()}
    sol = {k: _in_formula(k, v, draft.digits)
           for k, v in {**draft.args, **draft.solution_args}.items()}
    base = dict(kind=kind, chapter=chapter, lab=draft.link.lab, prompt=draft.prompt,
                args=args, solution=draft.solution, solution_args=sol,
                link=draft.link, where=dict(draft.where))
    if draft.form == TRUE_FALSE:
        return Question(form=TRUE_FALSE, answer=bool(draft.value), **base)
    value = draft.value
    if draft.form == NUMBER:
        return Question(form=NUMBER, answer=float(value), value=float(value),
                        tolerance=number_tolerance(value, draft.digits), **base)
    right = _show(value, draft.digits)
    options = [(right, "")]
    for wrong, mistake in draft.wrong:
        text = _show(wrong, draft.digits)
        if all(text != o[0] for o in options):
            options.append((text, mistake))
        if len(options) == 4:
            break
    step = 1
    tries = 0
    while len(options) < 4:  # near misses keep four choices
        tries += 1
        if tries > 12:
            raise NoQuestion(f"{kind}: too few distinct choices")
        if isinstance(value, (int, float)):
            whole = float(value).is_integer()
            candidate = value + step if whole else value * (1 + 0.25 * step)
            text = _show(candidate, draft.digits)
        elif len(options) >= 2:
            break  # a set or a shape: the distinct classic mistakes are enough
        else:
            raise NoQuestion(f"{kind}: too few distinct choices")
        if all(text != o[0] for o in options):
            options.append((text, NEAR_MISS))
        step = -step if step > 0 else -step + 1
    rng.shuffle(options)
    answer = next(i for i, o in enumerate(options) if not o[1])
    return Question(form=CHOICE, answer=answer,
                    value=float(value) if isinstance(value, (int, float)) else None,
                    choices=tuple(o[0] for o in options),
                    mistakes=tuple(o[1] for o in options), **base)


def _in_formula(key: str, value: Any, digits: int) -> str:
    """A value inside a worked formula: negative numbers in brackets (``0.1·(−0.6)``),
    except the answer at the end."""
    if isinstance(value, str):
        return value
    text = fmt(value, digits)
    if key != "answer" and not isinstance(value, bool) and value < 0:
        return f"({text})"
    return text


def _show(value: Any, digits: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(str(v) for v in value) + "}" if value else "{}"
    return fmt(value, digits)
