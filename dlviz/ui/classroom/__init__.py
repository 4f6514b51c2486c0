"""Classroom features that extend the main window (presentation mode, language,
lessons, rewind, export, sessions).

Every module in this package that defines ``install(window)`` is installed into each
main window after it is built, in module-name order. A feature adds its actions,
menus and docks there and listens to the window's signals (``lab_opened``), so the
window itself stays small.
"""

from __future__ import annotations

import importlib
import pkgutil


def install_all(window) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        install = getattr(module, "install", None)
        if install is not None:
            install(window)
