"""Translation helpers: strings defined in the Qt-free layers are translated here.

Core labels (lab titles, parameter names, chapter names) are English; the interface
looks them up in the context ``"core"`` of the Qt translation files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CORE_CONTEXT = "core"


def tr_core(text: str) -> str:
    """Translate a string that comes from ``dlviz.core`` (empty stays empty)."""
    if not text:
        return text
    return QCoreApplication.translate(CORE_CONTEXT, text)
