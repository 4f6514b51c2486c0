"""Where the interface's translations live, and compiling them (``.ts`` → ``.qm``).

The running app needs :func:`ensure_qm` (build a missing or stale ``.qm`` with
PySide6's lrelease); ``python -m dlviz.tools.translations`` uses the rest.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dlviz

LANGUAGES = ("zh_CN",)


def i18n_dir() -> Path:
    return dlviz.resources_dir() / "i18n"


def ui_ts(lang: str) -> Path:
    return i18n_dir() / f"dlviz_ui_{lang}.ts"


def core_ts(lang: str) -> Path:
    return i18n_dir() / f"dlviz_core_{lang}.ts"


def qm_file(lang: str) -> Path:
    return i18n_dir() / f"dlviz_{lang}.qm"


def _qt_tool(name: str) -> str:
    """Path of ``pyside6-<name>`` (or the bare tool shipped inside PySide6)."""
    for candidate in (
        Path(sys.executable).parent / f"pyside6-{name}",
        shutil.which(f"pyside6-{name}"),
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    import PySide6

    bundled = Path(PySide6.__file__).parent / name
    if bundled.exists():
        return str(bundled)
    raise FileNotFoundError(f"pyside6-{name} not found; install PySide6")


def build(langs=LANGUAGES, out_dir: Path | None = None) -> list[Path]:
    """Compile ``.ts`` to ``.qm`` (into ``resources/i18n`` unless ``out_dir``)."""
    lrelease = _qt_tool("lrelease")
    built = []
    for lang in langs:
        sources = [p for p in (ui_ts(lang), core_ts(lang)) if p.exists()]
        if not sources:
            continue
        target = (out_dir or i18n_dir()) / f"dlviz_{lang}.qm"
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [lrelease, "-silent", *map(str, sources), "-qm", str(target)],
            check=True,
            capture_output=True,
        )
        built.append(target)
    return built


def ensure_qm(lang: str) -> Path | None:
    """The ``.qm`` of ``lang``, built first when missing or older than its sources.

    Falls back to a temporary folder when ``resources/i18n`` is read-only; returns
    None when it cannot be built.
    """
    target = qm_file(lang)
    sources = [p for p in (ui_ts(lang), core_ts(lang)) if p.exists()]
    if not sources:
        return target if target.exists() else None
    newest = max(p.stat().st_mtime for p in sources)
    if target.exists() and target.stat().st_mtime >= newest:
        return target
    for out_dir in (None, Path(tempfile.gettempdir()) / "dlviz-i18n"):
        try:
            return build([lang], out_dir)[0]
        except (OSError, subprocess.CalledProcessError, IndexError):
            continue
    return target if target.exists() else None
