"""Running an engine on a QThread (the GUI thread never runs torch).

The worker object lives in its own QThread and blocks in ``Engine.run`` until the
engine is told to stop. Shutdown is one path: post ``stop``, ``quit()``, ``wait()`` —
never ``terminate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from dlviz.session.engine import Engine


class _EngineWorker(QObject):
    finished = Signal()

    def __init__(self, engine: Engine):
        super().__init__()
        self.engine = engine

    @Slot()
    def run(self) -> None:
        try:
            self.engine.run()
        finally:
            self.finished.emit()


class QtThreadRunner:
    """Implements :class:`dlviz.session.runner.Runner` with a QThread."""

    #: Every runner alive, so tests can prove all threads were joined.
    live: set[QtThreadRunner] = set()

    def __init__(self) -> None:
        self.thread: QThread | None = None
        self.worker: _EngineWorker | None = None
        self.engine: Engine | None = None

    def start(self, engine: Engine) -> None:
        self.engine = engine
        self.thread = QThread()
        self.thread.setObjectName(f"dlviz-engine-{engine.run_id}")
        self.worker = _EngineWorker(engine)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)
        QtThreadRunner.live.add(self)
        self.thread.start()

    def stop(self) -> None:
        if self.thread is None:
            return
        if self.engine is not None:
            self.engine.post("stop")
        self.thread.quit()
        self.thread.wait()
        self.worker.deleteLater()
        self.thread.deleteLater()
        self.thread, self.worker, self.engine = None, None, None
        QtThreadRunner.live.discard(self)

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()
