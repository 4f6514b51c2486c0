"""Hyperparameter declarations and their validation.

Labs declare their hyperparameters as :class:`ParamSpec` objects; the user interface
builds its input widgets from them and refuses invalid values with the reason that
:meth:`ParamSpec.validate` gives. Labels are English; the interface translates them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["int", "float", "choice", "bool", "text"]


class ParamError(ValueError):
    """A hyperparameter value that cannot be used; the message says why.

    ``reason`` is an English template (``"must be at most {limit}"``) and ``values`` its
    values, so the interface can translate the reason and fill in the numbers.
    """

    def __init__(self, label: str, reason: str, **args: Any):
        self.label, self.reason, self.values = label, reason, args
        super().__init__(f"{label}: {reason.format(**args)}")


@dataclass(frozen=True)
class ParamSpec:
    """One hyperparameter: its type, default and allowed range.

    Parameters
    ----------
    key
        Name used in the hyperparameter dictionary.
    label
        English label shown next to the input (translated by the UI).
    kind
        ``"int"``, ``"float"``, ``"choice"``, ``"bool"`` or ``"text"`` (free text such
        as a folder, checked by the lab when it is built).
    default
        Value used when the user has not changed it.
    minimum, maximum
        Inclusive bounds for numbers.
    choices
        Allowed values for ``"choice"``.
    log
        Numbers that span decades (learning rates): the UI uses a log-scaled input.
    choice_labels
        English names shown for ``choices`` (same order; translated by the UI);
        empty: the choices themselves are shown.
    group
        ``"data"``, ``"model"`` or ``"training"``: where the panel puts it.
    help
        One English sentence shown as a tooltip.
    """

    key: str
    label: str
    kind: Kind
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)
    log: bool = False
    group: str = "model"
    help: str = ""
    choice_labels: tuple[str, ...] = field(default_factory=tuple)

    def choice_label(self, value: Any) -> str:
        """The English name shown for the choice ``value``."""
        if self.choice_labels and value in self.choices:
            return self.choice_labels[self.choices.index(value)]
        return str(value)

    def validate(self, value: Any) -> Any:
        """Return ``value`` converted to this parameter's type, or raise ParamError."""
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
                return value.lower() in ("true", "1")
            raise ParamError(
                self.label, "expected on/off, got {value}", value=repr(value)
            )
        if self.kind == "text":
            return "" if value is None else str(value).strip()
        if self.kind == "choice":
            if value not in self.choices:
                allowed = ", ".join(self.choices)
                raise ParamError(
                    self.label, "must be one of {allowed}", allowed=allowed
                )
            return value
        number = self._parse_number(value)
        if self.minimum is not None and number < self.minimum:
            raise ParamError(
                self.label, "must be at least {limit}", limit=self._fmt(self.minimum)
            )
        if self.maximum is not None and number > self.maximum:
            raise ParamError(
                self.label, "must be at most {limit}", limit=self._fmt(self.maximum)
            )
        return number

    def _parse_number(self, value: Any) -> int | float:
        if isinstance(value, bool):
            raise ParamError(self.label, "expected a number")
        if isinstance(value, str):
            text = value.strip()
            if not text:
                raise ParamError(self.label, "a value is required")
            try:
                value = float(text)
            except ValueError:
                raise ParamError(
                    self.label, "{text} is not a number", text=repr(text)
                ) from None
        if not isinstance(value, (int, float)):
            raise ParamError(self.label, "expected a number")
        if not math.isfinite(float(value)):
            raise ParamError(self.label, "must be a finite number")
        if self.kind == "int":
            if float(value) != int(value):
                raise ParamError(self.label, "must be a whole number")
            return int(value)
        return float(value)

    def _fmt(self, number: float) -> str:
        if self.kind == "int":
            return str(int(number))
        return f"{number:g}"


def resolve(specs: tuple[ParamSpec, ...] | list[ParamSpec], values: dict) -> dict:
    """Validate ``values`` against ``specs``, filling defaults for missing keys.

    Raises ParamError for the first invalid value. Unknown keys are refused so a typo
    in a lesson file is reported instead of silently ignored.
    """
    known = {spec.key: spec for spec in specs}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ParamError(
            "settings", "unknown hyperparameter(s): {names}", names=", ".join(unknown)
        )
    out = {}
    for spec in specs:
        out[spec.key] = (
            spec.validate(values[spec.key]) if spec.key in values else spec.default
        )
    return out
