"""Classroom features that extend the main window (presentation mode, language,
lessons, rewind, export, sessions, device).

Every module in this package that defines ``install(window)`` is installed into each
main window after it is built, in module-name order. A feature adds its actions,
menus and docks there through the window's seam
(:class:`~dlviz.ui.classroom._host.ClassroomHost`: ``window.menus``,
``window.add_dock``, the signals ``lab_opened`` and ``snapshot_shown`` …) and returns
its object, which the window keeps in ``window.features`` under the module's name, or
under the module's ``FEATURE`` constant when it has one (``window.features["rewind"]``),
so the window itself stays small and carries no feature attributes.
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
            feature = install(window)
            if feature is not None:
                window.features[getattr(module, "FEATURE", info.name)] = feature
