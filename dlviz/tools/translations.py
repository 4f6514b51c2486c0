"""Build and refresh the interface translations.

Usage::

    python -m dlviz.tools.translations build    # .ts -> .qm (pyside6-lrelease)
    python -m dlviz.tools.translations update   # sources -> .ts, keeping translations
    python -m dlviz.tools.translations check    # list unfinished entries

Two ``.ts`` files per language live in ``resources/i18n/``:

* ``dlviz_ui_<lang>.ts`` — every ``self.tr(...)`` of ``dlviz/ui`` (context = class),
  extracted by ``pyside6-lupdate``;
* ``dlviz_core_<lang>.ts`` — context ``"core"``: the strings of the Qt-free layers
  that the interface passes through :func:`dlviz.ui.i18n.tr_core` (chapter names,
  lab titles and descriptions, parameter labels, help and choices, error templates,
  metric names), collected by importing the lab registry.

``build`` compiles both into ``dlviz_<lang>.qm``. It runs offline; ``.qm`` files are
not kept in git.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import dlviz
from dlviz.ui.qm import LANGUAGES  # noqa: E402

#: Menus titled by dlviz.ui.classroom._menus itself.
MENU_KEYS = ("file", "training", "view", "language", "help")
CORE_CONTEXT = "core"


#: Labels of generated data that stages show through tr_core (sequence inputs).
DATA_LABELS = ("value", "marker")


def package_dir() -> Path:
    return Path(dlviz.__file__).resolve().parent


from dlviz.ui.qm import (  # noqa: E402 - the files and the compiler
    _qt_tool,
    build,
    core_ts,
    ensure_qm,
    i18n_dir,
    qm_file,
    ui_ts,
)

__all__ = ["build", "core_ts", "ensure_qm", "i18n_dir", "qm_file", "ui_ts", "_qt_tool"]

# -- core strings -----------------------------------------------------------------


def param_error_templates() -> list[str]:
    """The English reason templates of every ``ParamError(...)`` raised in core."""
    found: list[str] = []
    for path in sorted((package_dir() / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", ""))
                == "ParamError"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                found.append(node.args[1].value)
    return found


def core_strings() -> list[str]:
    """Every core string the interface translates, in a stable order."""
    from dlviz.core.labs import all_labs
    from dlviz.core.labs.base import CHAPTERS
    from dlviz.core.train.optim import TRAINING_PARAMS

    out: list[str] = list(CHAPTERS.values())
    specs = list(TRAINING_PARAMS)
    for lab in all_labs():
        out += [lab.title, lab.teaches, lab.idea]
        specs += list(lab.params)
    from dlviz.core.convmath import GROUPS_PARAM

    specs.append(GROUPS_PARAM)  # the calculator's extra input
    for spec in specs:
        out += [spec.label, spec.help]
        out += [str(c) for c in spec.choices]
        out += list(spec.choice_labels)
    out += ["settings", *param_error_templates()]
    out += metric_labels()
    out += list(DATA_LABELS)
    from dlviz.core.usermodel import TEACHES as USER_LAB_TEACHES

    out += list(USER_LAB_TEACHES.values())
    seen: set[str] = set()
    unique = []
    for text in out:
        if text and text not in seen:
            seen.add(text)
            unique.append(text)
    return unique


def metric_labels() -> list[str]:
    from dlviz.core.labs import all_labs
    from dlviz.core.metric_names import REPORTED_METRICS
    from dlviz.core.metric_names import metric_label as _curve_label

    keys = list(REPORTED_METRICS)
    for lab in all_labs():  # discovering the labs names their own metrics
        keys += list(lab.metrics)
    labels = []
    for key in keys:
        labels += [_curve_label(key), _curve_label(f"val_{key}")]
    return labels


# -- .ts files --------------------------------------------------------------------


def read_translations(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation of an existing ``.ts``."""
    if not path.exists():
        return {}
    found = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or not (translation.text or ""):
                continue
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            found[(name, source)] = translation.text
    return found


def write_core_ts(
    lang: str,
    strings: list[str],
    known: dict,
    extra: dict[str, list[str]] | None = None,
) -> tuple[int, int]:
    """Write the core ``.ts`` (context core, plus ``extra`` contexts found in the
    sources but not by lupdate); returns (entries, unfinished)."""
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="en")
    unfinished = 0
    for name, texts in {CORE_CONTEXT: strings, **(extra or {})}.items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for text in texts:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            translation = ET.SubElement(message, "translation")
            value = known.get((name, text))
            if value:
                translation.text = value
            else:
                translation.set("type", "unfinished")
                unfinished += 1
    strings = [t for texts in {0: strings, **(extra or {})}.values() for t in texts]
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    core_ts(lang).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
        encoding="utf-8",
    )
    return len(strings), unfinished


def helper_strings() -> dict[str, list[str]]:
    """Strings the classroom modules translate through a helper with a fixed
    context (``_tr(text)`` with ``_CONTEXT = "..."``), which lupdate cannot see.

    Found by reading the code: ``_tr("...")``, ``texts_of(w).add(setter, "...")``,
    ``add_window_action(w, menu, name, "...", ...)``, ``classroom_menu(w, "...")``
    and the ``text`` column of ``for name, text, ... in ((...), ...)`` loops.
    """
    found: dict[str, list[str]] = {}
    for path in ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = None
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and any(getattr(t, "id", "") == "_CONTEXT" for t in node.targets)
                and isinstance(node.value, ast.Constant)
            ):
                context = node.value.value
        if not context:
            continue
        texts = found.setdefault(context, [])
        for node in ast.walk(tree):
            texts.extend(_helper_texts(node))
    return {k: list(dict.fromkeys(v)) for k, v in found.items() if v}


def _literal(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return node.value
    return None


def _helper_texts(node) -> list[str]:
    out: list[str] = []
    if isinstance(node, ast.Call):
        func = node.func
        name = getattr(func, "id", getattr(func, "attr", ""))
        args = node.args
        if name == "_tr" and args:
            out.append(_literal(args[0]))
        elif name == "add_window_action" and len(args) > 3:
            out.append(_literal(args[3]))
        elif name == "classroom_menu" and len(args) > 1:
            title = _literal(args[1])
            if title and title.lower() not in MENU_KEYS:
                out.append(f"&{title}")
        elif (
            name == "add"
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Call)
            and getattr(func.value.func, "id", "") == "texts_of"
            and len(args) > 1
        ):
            out.append(_literal(args[1]))
    elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple):
        names = [getattr(e, "id", "") for e in node.target.elts]
        if "text" in names and isinstance(node.iter, (ast.Tuple, ast.List)):
            column = names.index("text")
            for row in node.iter.elts:
                if isinstance(row, ast.Tuple) and len(row.elts) > column:
                    out.append(_literal(row.elts[column]))
    return [t for t in out if t]


def ui_sources() -> list[Path]:
    return sorted(p for p in (package_dir() / "ui").rglob("*.py"))


def update(langs=LANGUAGES) -> None:
    """Refresh the ``.ts`` files from the sources, keeping existing translations."""
    i18n_dir().mkdir(parents=True, exist_ok=True)
    lupdate = _qt_tool("lupdate")
    strings = core_strings()
    for lang in langs:
        subprocess.run(
            [
                lupdate,
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                lang,
                *map(str, ui_sources()),
                "-ts",
                str(ui_ts(lang)),
            ],
            check=True,
            capture_output=True,
        )
        known = read_translations(core_ts(lang))
        entries, missing = write_core_ts(lang, strings, known, helper_strings())
        print(f"{lang}: {entries} core strings ({missing} unfinished)")
        for context, source in unfinished(lang):
            print(f"  unfinished [{context}] {source!r}")


def unfinished(lang: str) -> list[tuple[str, str]]:
    """(context, source) of every entry still waiting for a translation."""
    out = []
    for path in (ui_ts(lang), core_ts(lang)):
        if not path.exists():
            continue
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None:
                    continue
                kind = translation.get("type")
                if kind in ("vanished", "obsolete"):
                    continue
                if kind == "unfinished" or not (translation.text or "").strip():
                    out.append((name, message.findtext("source") or ""))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "build"
    if command == "build":
        for path in build():
            print(f"built {path}")
        return 0
    if command == "update":
        update()
        return 0
    if command == "check":
        missing = [item for lang in LANGUAGES for item in unfinished(lang)]
        for context, source in missing:
            print(f"unfinished [{context}] {source!r}")
        return 1 if missing else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
