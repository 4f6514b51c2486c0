"""Garbage collection runs on the GUI thread: a closed window caught in a reference
cycle is destroyed there, never on the worker thread that happens to allocate."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from dlviz.ui.gui_gc import GuiThreadCollector, collect_due, collect_on_gui_thread


class _CyclicWindow(QWidget):
    def __init__(self, where: list[str]):
        super().__init__()
        self.me = self  # a reference cycle: only the cyclic collector frees it
        self.where = where

    def __del__(self):
        self.where.append(threading.current_thread().name)


def test_installed_once_and_automatic_collection_is_off(qapp):
    collector = collect_on_gui_thread(qapp)
    assert isinstance(collector, GuiThreadCollector)
    assert collect_on_gui_thread(qapp) is collector
    assert not gc.isenabled()
    assert collector.timer.isActive() and collector.timer.interval() <= 1000


def test_a_window_in_a_cycle_dies_on_the_gui_thread(qtbot, qapp):
    collect_on_gui_thread(qapp)
    where: list[str] = []
    window = _CyclicWindow(where)
    window.show()
    window.close()
    del window

    kept: list[list[int]] = []

    def allocate():  # far past the first generation's threshold, and kept
        kept.extend([i] for i in range(50_000))

    worker = threading.Thread(target=allocate, name="allocating-worker")
    worker.start()
    worker.join()
    assert where == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: where != [], timeout=3000)
    assert where == [threading.current_thread().name] == ["MainThread"]
    kept.clear()


def test_collect_due_follows_the_thresholds():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        assert collect_due((10**9, 10, 10)) is None  # nothing due
        junk = [[i] for i in range(2000)]
        assert collect_due((700, 10**9, 10**9)) == 0
        del junk
    finally:
        if was_enabled:
            gc.enable()


def test_startup_objects_are_left_out_of_full_collections(qapp):
    """After the warm-up imports (torch, scikit-learn, captum…) a full collection
    walks only what was made since: far fewer objects than were imported."""
    from dlviz.ui.app import warm_up_imports

    warm_up_imports()
    assert gc.get_freeze_count() > 100_000
    assert len(gc.get_objects()) < gc.get_freeze_count() / 4
