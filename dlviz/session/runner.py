"""Where an engine runs. The GUI uses a Qt thread runner (in ``dlviz.ui``); tests and
scripts use :class:`SyncRunner`, which runs the engine in the calling thread on
demand."""

from __future__ import annotations

from typing import Protocol

from dlviz.session.engine import Engine


class Runner(Protocol):
    """Starts an engine somewhere and can stop it and wait for it."""

    def start(self, engine: Engine) -> None: ...

    def stop(self, timeout: float | None = None) -> bool:
        """Ask the engine to stop (its stop flag) and wait until it has, at most
        ``timeout`` seconds (``None``: no limit). True when it has ended; otherwise
        it ends in the background (after its current batch or request), still
        tracked by the runner, and whatever it delivers is dropped by run id."""

    def is_running(self) -> bool: ...


class SyncRunner:
    """Runs the engine only when :meth:`pump` is called, in the caller's thread."""

    def __init__(self) -> None:
        self.engine: Engine | None = None

    def start(self, engine: Engine) -> None:
        self.engine = engine
        engine.pump()

    def pump(self, steps: int = 1) -> int:
        """Handle pending commands and train up to ``steps`` batches."""
        if self.engine is None:
            return 0
        trained = self.engine.pump(block=False, max_steps=steps)
        self.engine.flush()
        return trained

    def stop(self, timeout: float | None = None) -> bool:  # noqa: ARG002 - no thread
        if self.engine is not None:
            self.engine.post("stop")
            self.engine.pump()
            self.engine = None
        return True

    def is_running(self) -> bool:
        return self.engine is not None and not self.engine.stopped
