"""Python's cyclic garbage collector runs on the GUI thread only.

Python collects reference cycles whenever enough container objects have been
allocated, on whichever thread happens to allocate. While a lab trains, that is
usually the worker thread; a closed window, dialog or stage caught in a cycle (a
connected lambda that names its widget is enough) would then be destroyed there,
deleting Qt widgets off the GUI thread while the GUI thread walks the same lists —
a crash seen now and then when switching language with an engine thread alive.

:func:`collect_on_gui_thread` turns the automatic collector off and collects on a
GUI timer instead, generation by generation with Python's own thresholds.

A full collection walks every tracked object: after start-up (torch, its compiler
stack, scikit-learn, captum, the window) about 460,000 of them, 260 ms on the GUI
thread on the 2-core reference machine. Those objects live as long as the app, so
:func:`freeze_startup_objects` moves them out of the collector's sight once the
imports are done (``gc.freeze``): a full collection then walks only what the labs
made since, well under a millisecond on an idle window.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

#: How often the GUI thread looks whether a collection is due.
CHECK_MS = 500


class GuiThreadCollector(QObject):
    """Owned by the application: a timer that runs the collections automatic
    collection would have run, on the GUI thread."""

    def __init__(self, app: QApplication, interval_ms: int = CHECK_MS):
        super().__init__(app)
        self.setObjectName("gui_thread_collector")
        self.thresholds = gc.get_threshold()
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start(interval_ms)

    def check(self) -> None:
        if collect_due(self.thresholds) is not None:
            self.collections += 1


def collect_due(thresholds: tuple[int, ...] | None = None) -> int | None:
    """Collect the oldest generation whose count has passed its threshold, as the
    automatic collector would; returns that generation, or None when none is due."""
    thresholds = thresholds or gc.get_threshold()
    counts = gc.get_count()
    if counts[0] <= thresholds[0]:
        return None
    generation = 0
    if counts[1] > thresholds[1]:
        generation = 2 if counts[2] > thresholds[2] else 1
    gc.collect(generation)
    return generation


def freeze_startup_objects() -> None:
    """Leave everything that exists now (modules, classes, the window) out of every
    later collection; call once the start-up imports are done."""
    gc.collect(1)  # the young garbage of start-up goes first
    gc.freeze()


def collect_on_gui_thread(app: QApplication) -> GuiThreadCollector:
    """Install (once per application) the GUI-thread collector; returns it."""
    existing = app.findChild(GuiThreadCollector, "gui_thread_collector")
    if existing is not None:
        gc.disable()
        return existing
    return GuiThreadCollector(app)
