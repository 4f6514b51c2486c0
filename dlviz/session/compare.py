"""Compare mode: two runs of a lab (A and B) in lockstep on one worker thread.

Each side is an ordinary :class:`~dlviz.session.lab_session.LabSession` — its own
engine, run id, latest-wins :class:`~dlviz.session.messages.Mailbox`, history and
status — whose runner (:class:`SideRunner`) hands the engine to one
:class:`PairEngine` instead of starting a thread. The pair engine's single thread
handles both engines' commands between batches and trains them in ticks: one batch
of A, then one batch of B, and only while both run, so neither gets ahead. When one
side stops (it diverged, or an error), the other is paused at the same step.

Both sides build their task through :func:`dlviz.core.compare.compare_spec`: the
same seed and the same batch stream, so the compared setting is the only
difference. No Qt here; the window polls :meth:`CompareSession.poll`.

Rewind: whenever one side takes a snapshot the pair takes the other's at the same
step (:meth:`PairEngine._pair_snapshots`), and the pairs go into one
:class:`~dlviz.session.rewind.RewindBuffer` (:attr:`CompareSession.rewind`), so
scrubbing shows both runs at the same step. A comparison saves as one session file
holding both runs (:meth:`CompareSession.save_both`, :meth:`CompareSession.load`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import torch

from dlviz.core.compare import compare_spec
from dlviz.core.labs.base import LabSpec
from dlviz.session.engine import Engine
from dlviz.session.history import History
from dlviz.session.lab_session import LabSession
from dlviz.session.rewind import RewindBuffer

SIDES = ("A", "B")


class WorkClock:
    """A side's clock: seconds the pair has spent working on that side.

    A side's engine measures its capture budget with it (snapshots may take 5 %
    and validation 3 % of its training time, :mod:`dlviz.core.train.loop`), so the
    two sides share one budget instead of taking a full one each; its
    ``samples_per_s`` is then the side's rate while it has the thread.
    """

    def __init__(self, wall: Callable[[], float] = time.perf_counter):
        self.wall = wall
        self.spent = 0.0
        self._since: float | None = None

    def __call__(self) -> float:
        if self._since is None:
            return self.spent
        return self.spent + self.wall() - self._since

    def __enter__(self) -> WorkClock:
        self._since = self.wall()
        return self

    def __exit__(self, *exc) -> None:
        self.spent += self.wall() - self._since
        self._since = None


class PairEngine:
    """Drives the engines of two sides on the calling thread (:meth:`run` for a
    worker thread, :meth:`pump` for tests and scripts)."""

    #: Seconds an idle pair waits for a wake-up before it looks at its engines
    #: again (a safety net: every command of :class:`CompareSession` wakes it).
    idle_poll_s = 0.25

    def __init__(self, clock: Callable[[], float] = time.perf_counter):
        self.clock = clock
        self.stopped = False
        #: True when no worker thread runs the pair: the caller pumps it (a side's
        #: runner then lets a stopped engine go at once).
        self.sync = False
        self.steps_per_second = 0.0
        self._next_tick_at = 0.0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        #: Per side: every engine attached and not yet stopped (the newest last;
        #: an older one is a run being replaced and finishing its last command).
        self._engines: dict[str, list[Engine]] = {side: [] for side in SIDES}
        self._done: dict[int, threading.Event] = {}
        self.ticks = 0
        #: Snapshots of both sides at the same step, for the rewind: ``(run id of
        #: A, run id of B, step, snapshot of A, snapshot of B)``, oldest first
        #: (the worker appends, the GUI thread takes them).
        self.frames: deque[tuple[int, int, int, dict, dict]] = deque()
        #: The newest ``compare_snapshot`` of each side already paired.
        self._paired: dict[str, Any] = {side: None for side in SIDES}

    # -- any thread -------------------------------------------------------------------
    def attach(self, side: str, engine: Engine) -> threading.Event:
        """``engine`` is now ``side``'s run; returns the event set once the pair has
        let it go (it stopped)."""
        done = threading.Event()
        with self._lock:
            self._engines[side].append(engine)
            self._done[id(engine)] = done
        if self.stopped:
            done.set()
        self.wake()
        return done

    def wake(self) -> None:
        self._wake.set()

    def set_speed(self, steps_per_second: float) -> None:
        """Ticks (one batch of each side) per second; ``0``: as fast as possible."""
        self.steps_per_second = float(steps_per_second)
        self._next_tick_at = 0.0
        self.wake()

    def request_stop(self) -> None:
        """Stop the pair (any thread): every engine is told to stop, and the
        worker ends after the batch in progress."""
        self.stopped = True
        for engines in self._snapshot().values():
            for engine in engines:
                engine.request_stop()
        self.wake()

    def current(self, side: str) -> Engine | None:
        engines = self._engines[side]
        return engines[-1] if engines else None

    def _snapshot(self) -> dict[str, list[Engine]]:
        with self._lock:
            return {side: list(engines) for side, engines in self._engines.items()}

    # -- the worker side -------------------------------------------------------------
    def run(self) -> None:
        """Handle commands and train until stopped; for one worker thread."""
        try:
            while not self.stopped:
                self.pump(block=True)
        finally:
            self._release_all()

    def pump(self, block: bool = False, max_ticks: int = 1) -> int:
        """Handle both sides' pending commands, then train up to ``max_ticks``
        ticks (a batch of A, then of B) while both run. With ``block`` the call
        first waits for a command while idle or throttled. Returns the ticks."""
        if block:
            self._wait()
        self._wake.clear()
        self._service()
        ticks = 0
        while ticks < max_ticks and not self.stopped:
            pair = self._pair()
            if pair is None:
                break
            if self.steps_per_second > 0 and self.clock() < self._next_tick_at:
                break
            self._tick(*pair)
            self._pair_snapshots()
            ticks += 1
            if self._wake.is_set():  # a command came: handle it between ticks
                self._wake.clear()
                self._service()
        return ticks

    def _wait(self) -> None:
        if self.stopped:
            return
        if self._pair() is None:
            self._wake.wait(self.idle_poll_s)
            return
        delay = self._next_tick_at - self.clock() if self.steps_per_second > 0 else 0
        if delay > 0:
            self._wake.wait(delay)

    def _pair(self) -> tuple[Engine, Engine] | None:
        """Both sides' current engines when both are built and running."""
        a, b = self.current("A"), self.current("B")
        if a is None or b is None:
            return None
        for engine in (a, b):
            if engine.stopped or not engine.running or engine.task is None:
                return None
        return a, b

    def _tick(self, a: Engine, b: Engine) -> None:
        # one batch each, A then B; the engine's own step keeps its history,
        # divergence check, snapshots and latest-wins progress
        for engine in (a, b):
            with _working(engine):
                engine._guard(engine._train_one)  # noqa: SLF001 - the pair drives it
        self.ticks += 1
        if self.steps_per_second > 0:
            self._next_tick_at = self.clock() + 1.0 / self.steps_per_second
        if a.running != b.running:
            # one side stopped (diverged, failed): the other pauses at the same step
            survivor = a if a.running else b
            survivor.post("pause")
            with _working(survivor):
                survivor.pump(block=False, max_steps=0)

    def _service(self) -> None:
        """Every attached engine handles its queued commands (builds, play, pause,
        step, trace, requests); stopped ones are let go."""
        for side, engines in self._snapshot().items():
            for engine in engines:
                if not engine.stopped:
                    with _working(engine):
                        engine.pump(block=False, max_steps=0)
                if engine.stopped:
                    self._release(side, engine)
        self._pair_snapshots()

    def _pair_snapshots(self) -> None:
        """When a side took a snapshot (its training loop's, a build's, a step's),
        take the other side's at the same step unless it took one too, and keep
        the pair for the rewind; the extra snapshot is shown live as well when
        progress of that step is still to be sent."""
        a, b = self.current("A"), self.current("B")
        if a is None or b is None or a.task is None or b.task is None:
            return
        if a.stopped or b.stopped:
            return
        last = {side: getattr(e.task, "compare_snapshot", None)
                for side, e in (("A", a), ("B", b))}
        new = {side: last[side] is not None and last[side] is not self._paired[side]
               for side in SIDES}
        if not any(new.values()):
            return
        step = int(a.task.step)
        if int(b.task.step) != step:  # not in lockstep (a request of one side)
            return
        snaps = {}
        for side, engine in (("A", a), ("B", b)):
            if new[side] and last[side][0] == step:
                snaps[side] = last[side][1]
                continue
            try:
                with _working(engine):
                    snaps[side] = engine.task.snapshot()
            except Exception:  # noqa: BLE001 - the rewind goes without this frame
                return
            pending = engine._pending  # noqa: SLF001 - the progress not yet sent
            if pending.points and pending.step == step:
                # shown live too, with the steps it comes after
                pending.snapshot, pending.snapshot_step = snaps[side], step
        for side, engine in (("A", a), ("B", b)):
            self._paired[side] = getattr(engine.task, "compare_snapshot", None)
        self.frames.append((a.run_id, b.run_id, step, snaps["A"], snaps["B"]))
        while len(self.frames) > 64:  # nobody takes them: keep the newest
            self.frames.popleft()

    def _release(self, side: str, engine: Engine) -> None:
        with self._lock:
            if engine in self._engines[side]:
                self._engines[side].remove(engine)
            done = self._done.pop(id(engine), None)
        if done is not None:
            done.set()

    def _release_all(self) -> None:
        for side, engines in self._snapshot().items():
            for engine in engines:
                engine.stopped, engine.running = True, False
                self._release(side, engine)


def _when_loaded(session: LabSession, rows: list[dict], step: int) -> Callable:
    """A slot for ``session.status_changed`` that puts the saved history and step
    back once the engine loaded the weights (it then pauses), and goes."""

    def loaded(state_name: str, _message: str) -> None:
        if state_name not in ("paused", "error"):
            return
        session.status_changed.disconnect(loaded)
        if state_name == "error":
            return
        history = History()
        for row in rows:
            if row.get("step") is not None:
                history.add(int(row["step"]),
                            {k: v for k, v in row.items() if k != "step"})
        session.history, session.step = history, step

    return loaded


def _working(engine: Engine):
    """The engine's :class:`WorkClock` running (a plain clock: nothing to do)."""
    clock = engine.clock
    return clock if isinstance(clock, WorkClock) else contextlib.nullcontext()


class SideRunner:
    """Implements :class:`dlviz.session.runner.Runner` for one side: the engine
    runs on the pair's thread."""

    def __init__(self, pair: PairEngine, side: str):
        self.pair, self.side = pair, side
        self.engine: Engine | None = None
        self._done: threading.Event | None = None

    def start(self, engine: Engine) -> None:
        self.engine = engine
        engine.clock = WorkClock()  # before the pair first runs it
        self._done = self.pair.attach(self.side, engine)

    def stop(self, timeout: float | None = None) -> bool:
        if self.engine is None:
            return True
        self.engine.request_stop()
        self.pair.wake()
        if self.pair.sync:
            self.pair.pump(block=False, max_ticks=0)
        return self._done.wait(timeout)

    def is_running(self) -> bool:
        return self.engine is not None and not self._done.is_set()


class PairThread:
    """Runs a :class:`PairEngine` on a plain Python thread.

    Stopping never waits long from the GUI (:meth:`stop` with a timeout); a pair
    still finishing its batch stays in :attr:`live` until :meth:`join_all`.
    """

    live: set[PairThread] = set()

    def __init__(self, pair: PairEngine):
        self.pair = pair
        self.thread = threading.Thread(target=pair.run, name="dlviz-compare",
                                       daemon=True)

    def start(self) -> None:
        PairThread.live.add(self)
        self.thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        self.pair.request_stop()
        self.thread.join(timeout)
        ended = not self.thread.is_alive()
        if ended:
            PairThread.live.discard(self)
        return ended

    def is_running(self) -> bool:
        return self.thread.is_alive()

    @classmethod
    def join_all(cls) -> None:
        for runner in list(cls.live):
            runner.stop()


class CompareSession:
    """Two sessions of one comparison, driven together.

    ``threaded`` runs the pair on a worker thread (the GUI); without it the caller
    drives it with :meth:`pump` (tests, scripts).
    """

    def __init__(
        self,
        spec_a: LabSpec,
        hparams_a: dict,
        spec_b: LabSpec,
        hparams_b: dict,
        device: torch.device,
        threaded: bool = True,
    ):
        self.specs = {"A": spec_a, "B": spec_b}
        self.pair = PairEngine()
        self.pair.sync = not threaded
        self.sessions = {
            side: LabSession(
                compare_spec(spec),
                self._runner_factory(side),
                device,
                hp,
            )
            for side, spec, hp in (("A", spec_a, hparams_a), ("B", spec_b, hparams_b))
        }
        self.threaded = threaded
        self.thread: PairThread | None = None
        #: Both runs' snapshots at the same steps, ``{"A": …, "B": …}`` a frame.
        self.rewind = RewindBuffer()
        #: Frames of earlier steps are not taken (a loaded session starts here).
        self._rewind_floor = 0
        for session in self.sessions.values():
            session.run_reset.connect(self._on_run_reset)

    def _runner_factory(self, side: str) -> Callable[[], SideRunner]:
        return lambda: SideRunner(self.pair, side)

    @property
    def a(self) -> LabSession:
        return self.sessions["A"]

    @property
    def b(self) -> LabSession:
        return self.sessions["B"]

    def side(self, name: str) -> LabSession:
        return self.sessions[name]

    # -- lifecycle ------------------------------------------------------------------
    def start(self) -> None:
        for session in self.sessions.values():
            session.start()
        if self.threaded and self.thread is None:
            self.thread = PairThread(self.pair)
            self.thread.start()
        self.pump(0)

    def shutdown(self, timeout: float | None = None) -> bool:
        """Stop both runs and the worker; wait at most ``timeout`` seconds. True
        when the worker has ended (otherwise it ends after its batch, and
        :meth:`PairThread.join_all` joins it)."""
        self.pair.request_stop()
        for session in self.sessions.values():
            session.shutdown(timeout=0)
        if self.thread is not None:
            return self.thread.stop(timeout)
        self.pair._release_all()  # noqa: SLF001 - no thread: release here
        return True

    # -- commands (both sides) -------------------------------------------------------
    def play(self) -> None:
        self._both("play")

    def pause(self) -> None:
        self._both("pause")

    def toggle(self) -> None:
        self.pause() if self.running else self.play()

    def step_once(self, count: int = 1) -> None:
        self._both("step_once", count)

    def record_trace(self) -> None:
        """One recorded step of each side (the same event in both)."""
        self._both("record_trace")

    def reset(self) -> None:
        """Both sides start again from the seed: same weights, same batches."""
        self._both("reset")

    def set_speed(self, steps_per_second: float) -> None:
        self.pair.set_speed(steps_per_second)

    def set_hparams(self, side: str, values: dict) -> None:
        """New settings for one side (raises ParamError); both start again from
        step 0, so the comparison stays in lockstep."""
        session = self.sessions[side]
        before, run = dict(session.hparams), session.run_id
        session.set_hparams(values)
        if session.hparams != before:
            if session.run_id == run:
                # a setting the task applies live: a comparison starts again anyway
                session.reset()
            other = self.sessions["B" if side == "A" else "A"]
            other.reset()
        self.pump(0)

    def request(self, side: str, kind: str, data: dict | None = None) -> int:
        job = self.sessions[side].request(kind, data)
        self.pair.wake()
        self.pump(0)
        return job

    def _both(self, name: str, *args) -> None:
        for session in self.sessions.values():
            getattr(session, name)(*args)
        self.pair.wake()
        self.pump(0)

    # -- state ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return any(s.state == "running" for s in self.sessions.values())

    @property
    def step(self) -> int:
        """The step both sides have reached."""
        return min(s.step for s in self.sessions.values())

    def poll(self) -> bool:
        """Apply what both engines delivered (the GUI's redraw timer)."""
        changed = False
        for session in self.sessions.values():
            changed = session.poll() or changed
        return self.take_frames() or changed

    # -- rewind ---------------------------------------------------------------------
    def _on_run_reset(self) -> None:
        self.rewind.clear()
        self._rewind_floor = 0

    def take_frames(self) -> bool:
        """Move the pair's new snapshot pairs of the current runs into
        :attr:`rewind`; True when any was added."""
        runs = (self.a.run_id, self.b.run_id)
        added = False
        frames = self.pair.frames
        while frames:
            run_a, run_b, step, snap_a, snap_b = frames.popleft()
            if (run_a, run_b) != runs or step < self._rewind_floor:
                continue  # an older run's, or before a loaded session's step
            added = self.rewind.add(step, {"A": snap_a, "B": snap_b}) or added
        return added

    # -- one session file of both runs ------------------------------------------------
    def save_both(self, write: Callable[[dict, dict], None]) -> bool:
        """Pause both runs and collect both states on the pair's thread; then
        ``write(state_a, state_b)`` runs there (it writes the file). False when a
        side has nothing to save yet (not built, or failed)."""
        for session in self.sessions.values():
            if session.engine is None or session.state in ("idle", "building",
                                                           "error"):
                return False
        self.pause()
        states: dict[str, dict] = {}
        lock = threading.Lock()

        def keep(side: str, state: dict) -> None:  # the pair's thread
            with lock:
                states[side] = state
                both = len(states) == len(SIDES)
            if both:
                write(states["A"], states["B"])

        for side, session in self.sessions.items():
            session.engine.post("save_state",
                                callback=lambda st, s=side: keep(s, st))
        self.pair.wake()
        self.pump(0)
        return True

    def load(self, states: dict[str, dict], histories: dict[str, list[dict]],
             steps: dict[str, int]) -> None:
        """Put saved runs back (after :meth:`start`): each side's weights and
        optimizer state (``states``), its metric history and its step; both
        sides stay paused at their steps. The rewind starts at the loaded step."""
        self.rewind.clear()
        self._rewind_floor = min(int(steps[s]) for s in SIDES)
        for side, session in self.sessions.items():
            session.status_changed.connect(_when_loaded(
                session, histories.get(side, []), int(steps[side])))
            session.engine.post("load_state", state=states[side])
        self.pair.wake()
        self.pump(0)

    def pump(self, ticks: int = 1) -> int:
        """Without a worker thread: handle commands and train ``ticks`` ticks in
        the caller's thread, then deliver progress. With one: nothing."""
        if self.threaded:
            return 0
        done = self.pair.pump(block=False, max_ticks=ticks)
        for side in SIDES:
            engine = self.pair.current(side)
            if engine is not None:
                engine.flush()
        return done
