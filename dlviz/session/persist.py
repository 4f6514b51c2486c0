"""Saved sessions: one file with a lab's weights, optimizer state, hyperparameters and
a summary of its metric history (a comparison's file holds both runs:
:func:`make_compare_payload`).

The file is written with ``torch.save`` and read with ``torch.load(...,
weights_only=True)``, which only rebuilds tensors and plain containers and never runs
code from the file. Reading is strict: anything that is not a session of this format
and version, names an unknown lab, carries invalid hyperparameters or weights that do
not fit the lab is refused with a :class:`SessionFileError` that says what is wrong.

Everything here runs torch, so the interface calls it from a worker thread.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from dlviz.core.labs import get_lab
from dlviz.core.params import ParamError

FORMAT = "dlviz-session"
VERSION = 1
SUFFIX = ".dlviz"


class SessionFileError(ValueError):
    """A session file that cannot be opened; the message says why in plain words.

    ``kind`` names the reason (``"empty"``, ``"damaged"``, ``"pickle"``,
    ``"objects"``, ``"not_session"``, ``"newer"``, ``"older"``, ``"unknown_lab"``,
    ``"mismatch"`` …) and ``args`` its details (``name``, ``lab`` …), so the interface
    can say it in the user's language.
    """

    def __init__(self, message: str, kind: str = "other", **args: Any):
        super().__init__(message)
        self.kind = kind
        self.args_ = {k: str(v) for k, v in args.items()}


#: The first bytes of a file ``torch.save`` writes (a zip archive) and of a pickle.
_ZIP_MAGIC = b"PK\x03\x04"
_PICKLE_MAGIC = b"\x80"


def _load_failure(path: Path, exc: Exception) -> SessionFileError:
    """Why ``torch.load`` refused ``path``, in words (never torch's own text)."""
    name = path.name
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        head = b""
    objects = "weights only load failed" in str(exc).lower()
    if head == _ZIP_MAGIC and objects:
        return SessionFileError(
            f"{name} holds Python objects that a dlviz session never contains; "
            "dlviz did not load them (they could run code). It is not a dlviz "
            "session.",
            "objects", name=name,
        )
    if head == _ZIP_MAGIC:
        return SessionFileError(
            f"{name} is damaged: it ends too early or is corrupted (was it cut off "
            "while being copied or downloaded?).",
            "damaged", name=name,
        )
    if head[:1] == _PICKLE_MAGIC:
        return SessionFileError(
            f"{name} is a Python pickle, not a dlviz session; dlviz does not open "
            "pickles because they can run code.",
            "pickle", name=name,
        )
    return SessionFileError(
        f"{name} is not a dlviz session file (dlviz saves sessions as *{SUFFIX} "
        "files in its own format).",
        "not_session", name=name,
    )


@dataclass
class SessionData:
    """The content of a session file."""

    lab: str
    hparams: dict[str, Any]
    state: dict[str, Any]
    step: int = 0
    history: list[dict[str, float]] = field(default_factory=list)
    saved_at: float = 0.0
    #: A comparison saved as one file: this is run A, B and the preset are here.
    compare: CompareData | None = None
    #: The user's model file the session trains (see :func:`user_model_record`).
    user_model: dict[str, Any] | None = None
    #: The lab was registered from ``user_model`` while reading (not open before).
    restored: bool = False


@dataclass
class CompareData:
    """The second run of a comparison session (see :func:`make_compare_payload`)."""

    b: SessionData
    #: The comparison's preset key ("" for the teacher's own B).
    preset: str = ""
    #: The settings in which B differs from A, when saved.
    differences: list[str] = field(default_factory=list)


def make_payload(
    lab: str,
    hparams: dict[str, Any],
    state: dict[str, Any],
    history: list[dict[str, float]] | None = None,
) -> dict[str, Any]:
    """The dictionary stored in a session file (tensors and plain values only)."""
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "lab": lab,
        "hparams": dict(hparams),
        "state": state,
        "step": int(state.get("step", 0)),
        "history": [dict(row) for row in (history or [])],
        "saved_at": time.time(),
    }
    record = user_model_record(lab)
    if record is not None:  # optional: sessions of built-in labs are unchanged
        payload["user_model"] = record
    return payload


# -- sessions of a user's own model ------------------------------------------------


def user_model_record(lab: str) -> dict[str, Any] | None:
    """For a lab made from the user's own file: its path, model name, data and loss,
    and the file's SHA-1 (:func:`dlviz.core.usermodel.source_record`); else None.
    Such labs exist only once that module was imported, so nothing is imported."""
    usermodel = sys.modules.get("dlviz.core.usermodel")
    return usermodel.source_record(lab) if usermodel is not None else None


#: What a model-file problem of a session is called (``SessionFileError.kind``).
MODEL_KINDS = {
    "invalid": "damaged",
    "missing": "model_missing",
    "changed": "model_changed",
    "untrusted": "model_untrusted",
}
#: Session files refused for their model file, by resolved path (the interface
#: takes them with :func:`take_model_problem` to ask the user what to do).
_MODEL_PROBLEMS: dict[str, SessionFileError] = {}


def take_model_problem(path: str | os.PathLike) -> SessionFileError | None:
    """The model-file refusal of the session at ``path`` read last (once); its
    ``problem`` is a :class:`dlviz.core.usermodel.ModelFileProblem`."""
    return _MODEL_PROBLEMS.pop(str(Path(path).resolve()), None)


def _restore_user_model(payload: dict, name: str) -> bool:
    """Register the lab of a session of the user's own model that is not open in
    this run; True when it was registered. A file that is missing, changed or not
    yet trusted is refused with a SessionFileError whose ``problem`` says which."""
    record = payload.get("user_model")
    lab = payload.get("lab")
    if record is None or not isinstance(lab, str):
        return False
    try:
        get_lab(lab)
        return False  # opened in this run already
    except KeyError:
        pass
    from dlviz.core import usermodel

    try:
        usermodel.restore_lab(record, lab)
    except usermodel.ModelFileProblem as problem:
        error = SessionFileError(
            f"{name}: {problem}.", MODEL_KINDS[problem.kind], name=name,
            model=Path(problem.original or problem.path).name, path=problem.path,
        )
        error.problem = problem
        raise error from None
    return True


#: Key of a payload's comparison part (B's run and the preset).
COMPARE_KEY = "compare"


def make_compare_payload(
    a: dict[str, Any], b: dict[str, Any], preset: str = "",
    differences: list[str] | None = None,
) -> dict[str, Any]:
    """One file holding both runs of a comparison: ``a`` and ``b`` are the two runs'
    :func:`make_payload`. The file is A's session with B's run, the preset and the
    differences added under :data:`COMPARE_KEY`, so a dlviz without compare
    sessions opens run A."""
    payload = dict(a)
    payload[COMPARE_KEY] = {
        "b": dict(b),
        "preset": str(preset or ""),
        "differences": [str(k) for k in (differences or [])],
    }
    return payload


def save_session(path: str | os.PathLike, payload: dict[str, Any]) -> None:
    """Write ``payload`` atomically: a crash never leaves half a file at ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".dlviz-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            torch.save(payload, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_session(path: str | os.PathLike) -> SessionData:
    """Read and validate a session file without running any code from it."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SessionFileError(
            f"{path.name} cannot be read: {exc.strerror}.", "unreadable",
            name=path.name, reason=exc.strerror,
        ) from None
    if size == 0:
        raise SessionFileError(f"{path.name} is empty.", "empty", name=path.name)
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure means an unusable file
        raise _load_failure(path, exc) from None
    try:
        return parse_payload(payload, path.name)
    except SessionFileError as exc:
        if getattr(exc, "problem", None) is not None:  # the interface asks the user
            _MODEL_PROBLEMS[str(path.resolve())] = exc
        raise


def parse_payload(payload: Any, name: str = "the file") -> SessionData:
    """Check the structure of a loaded payload and the lab and hyperparameters."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise SessionFileError(
            f"{name} is a PyTorch file but not a dlviz session.", "not_session",
            name=name,
        )
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionFileError(
            f"{name} is damaged: it has no valid format version.", "damaged",
            name=name,
        )
    if version > VERSION:
        raise SessionFileError(
            f"{name} was saved by a newer version of dlviz (session format version "
            f"{version}; this dlviz reads version {VERSION}). Update dlviz to open "
            "it.",
            "newer", name=name, version=version, supported=VERSION,
        )
    if version != VERSION:
        raise SessionFileError(
            f"{name} was saved by an older version of dlviz (session format version "
            f"{version}) that this dlviz cannot read (it reads version {VERSION}).",
            "older", name=name, version=version, supported=VERSION,
        )
    restored = _restore_user_model(payload, name)
    lab = payload.get("lab")
    try:
        spec = get_lab(str(lab))
    except KeyError:
        raise SessionFileError(
            f"{name} is for a lab this dlviz does not have ({lab!r}).",
            "unknown_lab", name=name, lab=lab,
        ) from None
    if not spec.trainable:
        raise SessionFileError(
            f"{name}: the lab {lab!r} is a tool and has nothing to save.",
            "not_trainable", name=name, lab=lab,
        )
    hparams = payload.get("hparams")
    if not isinstance(hparams, dict):
        raise SessionFileError(
            f"{name} is damaged: it has no settings.", "damaged", name=name
        )
    try:
        hparams = spec.resolve(hparams)
    except ParamError as exc:
        raise SessionFileError(
            f"{name} has a setting the lab {spec.key!r} does not accept: {exc}",
            "bad_setting", name=name, lab=spec.key, problem=exc,
        ) from None
    state = payload.get("state")
    if not isinstance(state, dict) or not isinstance(state.get("modules"), dict):
        raise SessionFileError(
            f"{name} is damaged: it holds no network weights.", "damaged",
            name=name,
        )
    history = payload.get("history", [])
    if not isinstance(history, list) or not all(
        isinstance(row, dict) for row in history
    ):
        raise SessionFileError(
            f"{name} is damaged: its metric history is unreadable.", "damaged",
            name=name,
        )
    step = payload.get("step", 0)
    saved_at = payload.get("saved_at", 0.0)
    return SessionData(
        lab=spec.key,
        hparams=hparams,
        state=state,
        step=int(step) if isinstance(step, (int, float)) else 0,
        history=[_clean_row(row) for row in history],
        saved_at=float(saved_at) if isinstance(saved_at, (int, float)) else 0.0,
        compare=_parse_compare(payload.get(COMPARE_KEY), name),
        user_model=payload.get("user_model"),
        restored=restored,
    )


def _parse_compare(part: Any, name: str) -> CompareData | None:
    """B's run of a comparison session, checked like a session of its own."""
    if part is None:
        return None
    if not isinstance(part, dict) or not isinstance(part.get("b"), dict):
        raise SessionFileError(
            f"{name} is damaged: its second run is unreadable.", "damaged", name=name
        )
    b = part["b"]
    if COMPARE_KEY in b:  # one level only
        raise SessionFileError(
            f"{name} is damaged: its second run is unreadable.", "damaged", name=name
        )
    preset = part.get("preset", "")
    differences = part.get("differences", [])
    return CompareData(
        b=parse_payload(b, name),
        preset=preset if isinstance(preset, str) else "",
        differences=[str(k) for k in differences]
        if isinstance(differences, list) else [],
    )


def _clean_row(row: dict) -> dict[str, float]:
    return {
        str(k): float(v)
        for k, v in row.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool)
    }


def state_mismatches(expected: Any, loaded: Any, where: str = "") -> list[str]:
    """Where ``loaded`` differs from ``expected`` in keys or tensor shapes."""
    problems: list[str] = []
    if isinstance(expected, torch.Tensor):
        if not isinstance(loaded, torch.Tensor):
            problems.append(f"{where}: expected a tensor")
        elif tuple(loaded.shape) != tuple(expected.shape):
            problems.append(
                f"{where}: shape {tuple(loaded.shape)} instead of "
                f"{tuple(expected.shape)}"
            )
        return problems
    if isinstance(expected, dict):
        if not isinstance(loaded, dict):
            return [f"{where or 'state'}: expected a mapping"]
        missing = [k for k in expected if k not in loaded]
        extra = [k for k in loaded if k not in expected]
        problems += [f"{where}/{k}: missing" for k in missing]
        problems += [f"{where}/{k}: not in this lab" for k in extra]
        for key in expected:
            if key in loaded:
                problems += state_mismatches(
                    expected[key], loaded[key], f"{where}/{key}"
                )
    return problems


def check_fits(data: SessionData) -> None:
    """Build the lab on the CPU and load the weights into that throwaway copy.

    Raises :class:`SessionFileError` listing the first mismatches when the weights
    were saved from another network; the open session is never touched.
    """
    spec = get_lab(data.lab)
    task = spec.factory(dict(data.hparams), torch.device("cpu"))
    expected = {"modules": {k: m.state_dict() for k, m in task.modules().items()}}
    problems = state_mismatches(expected, {"modules": data.state["modules"]})
    if problems:
        shown = "; ".join(problems[:4])
        more = f" (and {len(problems) - 4} more)" if len(problems) > 4 else ""
        raise SessionFileError(
            f"the weights do not fit the lab {data.lab!r}: they were saved from "
            f"another network ({shown}{more}).",
            "mismatch", lab=data.lab, problem=f"{shown}{more}",
        )
    try:
        task.load_state_dict(data.state)
    except Exception:  # noqa: BLE001 - report any refusal as a file problem
        raise SessionFileError(
            f"the saved state does not fit the lab {data.lab!r}: the optimizer or "
            "the counters were saved from another network or dlviz version.",
            "state_mismatch", lab=data.lab,
        ) from None


def open_session(path: str | os.PathLike) -> SessionData:
    """Read, validate and test-load a session file (for a worker thread)."""
    data = read_session(path)
    try:
        check_fits(data)
    except BaseException:
        if data.restored:  # refused: the lab registered for it goes again
            from dlviz.core.labs import unregister_lab

            unregister_lab(data.lab)
        raise
    if data.compare is not None:  # a comparison: B's weights must fit B's lab too
        check_fits(data.compare.b)
    return data
