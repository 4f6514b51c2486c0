"""Running an engine on a QThread (the GUI thread never runs torch).

The worker object lives in its own QThread and blocks in ``Engine.run`` until the
engine is told to stop. Shutdown is one path: set the engine's stop flag
(:meth:`~dlviz.session.engine.Engine.request_stop`), ``quit()``, ``wait()`` — never
``terminate()``.

The GUI thread never waits long: a reset, a lab switch or new settings stop the old
run with a short ``timeout`` (~100 ms). A run still busy then (a slow build, a long
request) finishes in the background: its runner stays in :attr:`QtThreadRunner.live`
(so its QThread is never destroyed while running), its messages are dropped by run id,
and :meth:`QtThreadRunner.join_all` joins it when the window closes.
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

    #: Every runner whose thread may still run, so tests can prove all threads were
    #: joined; a stopped run that is still finishing stays here until joined.
    live: set[QtThreadRunner] = set()

    def __init__(self) -> None:
        self.thread: QThread | None = None
        self.worker: _EngineWorker | None = None
        self.engine: Engine | None = None

    def start(self, engine: Engine) -> None:
        QtThreadRunner.reap()
        self.engine = engine
        self.thread = QThread()
        self.thread.setObjectName(f"dlviz-engine-{engine.run_id}")
        self.worker = _EngineWorker(engine)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)
        QtThreadRunner.live.add(self)
        self.thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop the engine; wait at most ``timeout`` seconds (``None``: until it
        ended). Returns True when the thread ended (and was released)."""
        if self.thread is None:
            return True
        if self.engine is not None:
            self.engine.request_stop()
        self.thread.quit()
        if timeout is None:
            ended = self.thread.wait()
        else:
            ended = self.thread.wait(max(0, int(timeout * 1000)))
        if ended:
            self._release()
        return ended

    def _release(self) -> None:
        self.worker.deleteLater()
        self.thread.deleteLater()
        self.thread, self.worker, self.engine = None, None, None
        QtThreadRunner.live.discard(self)

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    @classmethod
    def reap(cls) -> None:
        """Release stopped runs that have finished in the background (no waiting)."""
        for runner in list(cls.live):
            engine, thread = runner.engine, runner.thread
            stopping = engine is None or engine.stopped
            if thread is not None and stopping and thread.isFinished():
                runner._release()

    #: Runs left behind when the window closed: stuck inside a user model's C call
    #: that no interrupt reaches (:meth:`join_all`); :func:`dlviz.ui.app.run_app`
    #: ends the process without waiting for them.
    abandoned: set[QtThreadRunner] = set()
    #: Seconds a run inside the user's code gets to end after it was interrupted.
    USER_CODE_GRACE_S = 2.0

    @classmethod
    def join_all(cls) -> None:
        """Stop every run and wait for all of them (closing the window). A run
        finishes its current batch or request; it is never terminated. The one
        exception: a run inside a user model's code is interrupted, and when it
        is still there after :attr:`USER_CODE_GRACE_S` (stuck in a C call) it is
        left to the end of the process instead of freezing the close."""
        for runner in list(cls.live):
            if runner.engine is not None:
                runner.engine.request_stop()
        for runner in list(cls.live):
            engine = runner.engine
            if engine is not None and engine.user_code_seconds() > 0:
                engine.interrupt_user_code()
                if not runner.stop(timeout=cls.USER_CODE_GRACE_S):
                    cls.live.discard(runner)
                    cls.abandoned.add(runner)
                continue
            runner.stop()

    @classmethod
    def any_abandoned_running(cls) -> bool:
        return any(r.is_running() for r in cls.abandoned)
