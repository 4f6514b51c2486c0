"""Benchmarks of the real path the app uses: the engine on its worker thread and the
real :class:`~dlviz.ui.main_window.MainWindow` drawing at its normal rate
(``QT_QPA_PLATFORM=offscreen``), against the same engine with the window not drawing
and against the task stepped alone (no window, no thread). Plus the cost of one
stage update, GUI timer lateness, start-up time and memory growth.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

import torch

from dlviz.bench.harness import Row, percentile

_APP = None

#: TensorFlow Playground's default task in the mlp2d lab: circle data, 500 points,
#: half for training, no noise, two hidden layers of 4 tanh units, SGD, lr 0.03,
#: batch 10 (25 steps per epoch).
PLAYGROUND = {
    "dataset": "circles",
    "samples": 500,
    "noise": 0.0,
    "val_fraction": 0.5,
    "layers": 2,
    "neurons": 4,
    "activation": "tanh",
    "optimizer": "SGD",
    "lr": 0.03,
    "batch_size": 10,
}


def app():
    global _APP
    if _APP is None:
        from dlviz.ui.app import create_application, warm_up_imports

        _APP = create_application()
        warm_up_imports()
    return _APP


def spin(seconds: float) -> None:
    """Run the Qt event loop for ``seconds`` (the GUI thread stays idle in between)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
    loop.exec()


def spin_until(predicate, timeout: float = 60.0) -> bool:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        spin(0.02)
    return True


def open_window(lab: str, hparams: dict | None = None, size=(1280, 800)):
    """The real main window with ``lab`` open and built (``hparams`` for its build)."""
    from dlviz.core.labs import get_lab
    from dlviz.ui.main_window import MainWindow

    app()
    win = MainWindow(torch.device("cpu"), torch.get_num_threads(), loading=True)
    win.resize(*size)
    win.show()
    win.loading = False
    win.open_lab(lab, get_lab(lab).resolve(hparams) if hparams else None)
    spin_until(lambda: win.session is None or win.session.state == "ready")
    return win


# -- instruments on the live window ----------------------------------------------------
class FrameTimer:
    """Times every ``stage.show_snapshot`` the window makes (wrapping the bound method
    on the instance) and keeps a few distinct snapshots to replay later."""

    def __init__(self, win):
        self.win = win
        self.stage = win.stage
        self.original = self.stage.show_snapshot
        self.seconds: list[float] = []
        self.snapshots: list[dict] = []
        self.recording = False
        self.stage.show_snapshot = self._timed

    def _timed(self, snapshot) -> None:
        start = time.perf_counter()
        self.original(snapshot)
        if self.recording:
            self.seconds.append(time.perf_counter() - start)
        if len(self.snapshots) < 6 and all(s is not snapshot for s in self.snapshots):
            self.snapshots.append(snapshot)

    def remove(self) -> None:
        self.stage.__dict__.pop("show_snapshot", None)


class Lateness:
    """How late a 10 ms GUI timer fires (ms), while ``recording``."""

    interval_ms = 10

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.values: list[float] = []
        self.recording = False
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(self.interval_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.recording:
            late = (now - self._last) * 1e3 - self.interval_ms
            self.values.append(max(0.0, late))
        self._last = now

    def stop(self) -> None:
        self.timer.stop()


def replay_cost(stage, snapshots: list[dict], repeats: int = 20) -> tuple[float, float]:
    """Median ms of ``show_snapshot`` plus the synchronous repaint it causes, with
    training paused (the stage's own cost, no GIL contention): (CPU time of this
    thread, wall time). On a busy machine the wall time includes waiting for a
    CPU; the CPU time is what a quiet machine would see."""
    if not snapshots:
        return float("nan"), float("nan")
    cpu, wall = [], []
    for i in range(repeats + 2):
        start, start_cpu = time.perf_counter(), time.thread_time()
        stage.show_snapshot(snapshots[i % len(snapshots)])
        stage.repaint()
        app().processEvents()
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(cpu[2:]) * 1e3, statistics.median(wall[2:]) * 1e3


def engine_sched() -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for a CPU) of the engine's
    worker thread so far, from /proc/self/task/*/schedstat (Linux; NaN elsewhere).

    The run-queue wait is what other processes (and this one's GUI thread, on a
    machine with too few free cores) cost the worker; waiting for the GIL is not
    in it (the worker sleeps then). Threads torch starts from the worker inherit
    its name and count too."""
    cpu = wait = 0.0
    found = False
    try:
        for tid in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{tid}/comm") as fh:
                if not fh.read().startswith("dlviz-engine"):
                    continue
            with open(f"/proc/self/task/{tid}/schedstat") as fh:
                on_cpu, queued = fh.read().split()[:2]
            cpu += int(on_cpu) / 1e9
            wait += int(queued) / 1e9
            found = True
    except (OSError, ValueError):
        return float("nan"), float("nan")
    return (cpu, wait) if found else (float("nan"), float("nan"))


# -- the task stepped alone ---------------------------------------------------------
def engine_alone_rate(lab: str, hparams: dict | None, seconds: float) -> float:
    """Steps/s of the same engine (same training loop, snapshots, bookkeeping) pumped
    synchronously on this thread: no window, no worker thread, no GIL sharing."""
    from dlviz.core.labs import get_lab
    from dlviz.session.engine import Engine

    spec = get_lab(lab)
    engine = Engine(spec, spec.resolve(hparams), torch.device("cpu"), run_id=1)
    engine.post("play")
    engine.pump(max_steps=20)  # build, warm up
    engine.mailbox.take()
    start_step, start = engine.task.step, time.perf_counter()
    while time.perf_counter() - start < seconds:
        engine.pump(max_steps=20)
        engine.mailbox.take()  # a GUI that drops everything
    rate = (engine.task.step - start_step) / (time.perf_counter() - start)
    engine.post("stop")
    engine.pump()
    return rate


# -- one lab in the live window ----------------------------------------------------
@dataclass
class LiveResult:
    lab: str
    drawing: list[float] = field(default_factory=list)  # steps/s per block
    idle: list[float] = field(default_factory=list)
    #: steps/s per block over the time the worker was not queued for a CPU: the
    #: rate a machine with a free core for each thread would see (GIL waits stay)
    drawing_unqueued: list[float] = field(default_factory=list)
    idle_unqueued: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)
    frame_live_ms: float = float("nan")  # show_snapshot while training (wall)
    frame_ms: float = float("nan")  # show_snapshot + repaint, paused (CPU time)
    frame_wall_ms: float = float("nan")  # the same, wall time
    frames_per_s: float = float("nan")
    lateness_p99: float = float("nan")
    lateness_max: float = float("nan")
    #: share of wall time the GUI thread / the worker were on a CPU, per mode
    gui_cpu: dict[str, list[float]] = field(default_factory=dict)
    worker_cpu: dict[str, list[float]] = field(default_factory=dict)
    load_average: float = float("nan")
    steps_per_epoch: int = 1
    error: str = ""

    @property
    def ratio(self) -> float:
        pairs = [d / i for d, i in zip(self.drawing, self.idle) if i > 0]
        return statistics.median(pairs) if pairs else float("nan")

    @property
    def ratio_unqueued(self) -> float:
        pairs = [d / i for d, i in zip(self.drawing_unqueued, self.idle_unqueued)
                 if i > 0]
        return statistics.median(pairs) if pairs else float("nan")

    @property
    def ratio_alone(self) -> float:
        pairs = [d / a for d, a in zip(self.drawing, self.alone) if a > 0]
        return statistics.median(pairs) if pairs else float("nan")

    def median(self, name: str) -> float:
        values = getattr(self, name)
        return statistics.median(values) if values else float("nan")

    def cpu(self, which: str, mode: str) -> float:
        values = getattr(self, which).get(mode, [])
        return statistics.median(values) if values else float("nan")


def live_lab(
    lab: str,
    hparams: dict | None = None,
    block_s: float = 1.0,
    pairs: int = 3,
    alone: bool = False,
) -> LiveResult:
    """Train ``lab`` in the real window; alternate blocks with the views drawing and
    not drawing (and, with ``alone``, the task stepped alone while the window's run
    is paused). Blocks of slow labs are stretched to hold about 40 steps."""
    result = LiveResult(lab)
    if hasattr(os, "getloadavg"):
        result.load_average = os.getloadavg()[0]
    win = open_window(lab, hparams)
    lateness = Lateness()
    try:
        session = win.session
        if session is None or session.state != "ready":
            result.error = "not trainable" if session is None else session.state
            return result
        task = session.engine.task
        result.steps_per_epoch = task.steps_per_epoch
        frames = FrameTimer(win)
        session.play()
        spin(0.8)
        warm_steps, warm_start = task.step, time.perf_counter()
        spin(0.5)
        rate = (task.step - warm_steps) / (time.perf_counter() - warm_start)
        block = min(3.0, max(block_s, 40.0 / max(rate, 1e-3)))

        def measure(draw: bool) -> float:
            win.draw_enabled = draw
            spin(0.1)  # settle into the mode
            frames.recording = lateness.recording = draw
            start_frames = len(frames.seconds)
            gui0, (cpu0, queued0) = time.thread_time(), engine_sched()
            start_step, start = task.step, time.perf_counter()
            spin(block)
            elapsed = time.perf_counter() - start
            steps = task.step - start_step
            cpu1, queued1 = engine_sched()
            mode = "draw" if draw else "idle"
            result.gui_cpu.setdefault(mode, []).append(
                (time.thread_time() - gui0) / elapsed)
            result.worker_cpu.setdefault(mode, []).append((cpu1 - cpu0) / elapsed)
            unqueued = elapsed - (queued1 - queued0)
            (result.drawing_unqueued if draw else result.idle_unqueued).append(
                steps / unqueued if unqueued > 0 else float("nan"))
            frames.recording = lateness.recording = False
            if draw:
                drawn.append((len(frames.seconds) - start_frames) / elapsed)
            return steps / elapsed

        def measure_alone() -> float:
            session.pause()
            spin_until(lambda: session.state == "paused", 10)
            rate = engine_alone_rate(lab, hparams or session.hparams, block)
            # the task stepped alone ran on this (the GUI) thread: not the window's
            # drawing, so not charged to its redraw budget (it held the next block's
            # frames back for a second)
            win.redraw_budget.reset()
            session.play()
            spin(0.3)
            return rate

        drawn: list[float] = []
        for i in range(pairs):
            order = ["draw", "idle"] + (["alone"] if alone else [])
            if i % 2:
                order.reverse()
            for mode in order:
                if mode == "alone":
                    result.alone.append(measure_alone())
                else:
                    target = result.drawing if mode == "draw" else result.idle
                    target.append(measure(mode == "draw"))
        win.draw_enabled = True
        session.pause()
        spin_until(lambda: session.state == "paused", 10)
        if frames.seconds:
            result.frame_live_ms = statistics.median(frames.seconds) * 1e3
        result.frames_per_s = statistics.median(drawn) if drawn else float("nan")
        if lateness.values:
            result.lateness_p99 = percentile(lateness.values, 99)
            result.lateness_max = max(lateness.values)
        frames.remove()
        result.frame_ms, result.frame_wall_ms = replay_cost(win.stage,
                                                            frames.snapshots)
    except Exception as exc:  # noqa: BLE001 - one broken lab must not end the bench
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        lateness.stop()
        win.draw_enabled = True
        win.close()
        spin(0.05)
    return result


def trainable_labs() -> list[str]:
    from dlviz.core.labs import all_labs

    return [spec.key for spec in all_labs() if spec.trainable]


# -- start-up ----------------------------------------------------------------------
def _child_seconds(args: list[str], env: dict, marker: str) -> tuple[float, float]:
    """(seconds from launch to ``marker`` as the child reports it, wall seconds)."""
    env = dict(env, DLVIZ_T0=repr(time.time()))
    start = time.perf_counter()
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    for line in out.stderr.splitlines() + out.stdout.splitlines():
        if line.startswith(f"dlviz-startup: {marker} "):
            return float(line.split()[2]), wall
    return float("nan"), wall


def startup(repeats: int = 3) -> dict:
    """First painted window, and the first lab built, vs importing torch and Qt
    (alternating runs; medians)."""
    env = dict(os.environ)
    for name in ("DLVIZ_EXIT_AFTER_PAINT", "DLVIZ_EXIT_AFTER_LOADED"):
        env.pop(name, None)
    base_code = (
        "import os, sys, time; import torch, PySide6.QtWidgets; "
        "t = time.time() - float(os.environ['DLVIZ_T0']); "
        "print(f'dlviz-startup: imported {t:.3f} s')"
    )
    runs: dict[str, list[float]] = {k: [] for k in (
        "base", "base_wall", "painted", "painted_wall", "ready", "ready_wall")}
    for _ in range(repeats):
        t, w = _child_seconds([sys.executable, "-c", base_code], env, "imported")
        runs["base"].append(t)
        runs["base_wall"].append(w)
        t, w = _child_seconds([sys.executable, "-m", "dlviz"],
                              dict(env, DLVIZ_EXIT_AFTER_PAINT="1"), "painted")
        runs["painted"].append(t)
        runs["painted_wall"].append(w)
        t, w = _child_seconds([sys.executable, "-m", "dlviz"],
                              dict(env, DLVIZ_EXIT_AFTER_LOADED="1"), "ready")
        runs["ready"].append(t)
        runs["ready_wall"].append(w)
    return {k: statistics.median(v) for k, v in runs.items()} | {"repeats": repeats}


# -- memory ----------------------------------------------------------------------
def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def rewind_fill(win) -> str:
    """How full the window's rewind history is: frames and MB of its caps."""
    timeline = getattr(win, "features", {}).get("rewind")
    buffer = getattr(timeline, "buffer", None)
    if buffer is None:
        return "no rewind history"
    return (f"rewind {len(buffer)}/{buffer.max_frames} frames, "
            f"{buffer.total_bytes / 2**20:.0f}/{buffer.max_bytes / 2**20:.0f} MiB")


#: The rewind cap of the memory run: small enough that the history is full before
#: the first measurement, so any growth after it is a leak, not the history filling.
MEMORY_RUN_REWIND_MB = 16


def memory_growth(lab: str, first_min: float, second_min: float,
                  rewind_mb: float = MEMORY_RUN_REWIND_MB) -> Row:
    """Resident memory at ``second_min`` vs ``first_min`` minutes of training, with
    how full the rewind history was at both times (the growth goal holds once it
    is at its cap; the run lowers the cap to ``rewind_mb`` so it is reached first)."""
    win = open_window(lab)
    buffer = getattr(win.features.get("rewind"), "buffer", None)
    if buffer is not None and rewind_mb:
        buffer.max_bytes = int(rewind_mb * 2**20)
    win.session.play()
    spin(first_min * 60)
    first, first_fill = rss_mb(), rewind_fill(win)
    spin((second_min - first_min) * 60)
    second, second_fill = rss_mb(), rewind_fill(win)
    steps = win.session.step
    win.close()
    growth = second / first - 1
    return Row("7. memory", f"{lab}: RSS growth min {first_min:g} → {second_min:g}",
               growth * 100, "≤ 5 %", growth <= 0.05,
               f"{first:.0f} MB → {second:.0f} MB over {steps} steps; "
               f"{first_fill} → {second_fill}")


# -- shared views in isolation -------------------------------------------------------
def _update_cost(widget, update, repeats: int = 40) -> float:
    """Median of update() plus the synchronous repaint it causes (ms)."""
    times = []
    for i in range(repeats + 3):
        start = time.perf_counter()
        update(i)
        widget.repaint()
        app().processEvents()
        times.append(time.perf_counter() - start)
    return statistics.median(times[3:]) * 1e3


def shared_view_costs() -> list[Row]:
    """The shared views on synthetic data: a 10k-point curve, 16 tiled maps."""
    import numpy as np

    from dlviz.ui.views.curves import CurvesView
    from dlviz.ui.views.image_grid import ImageGridView

    app()
    rng = np.random.default_rng(0)
    rows = []

    def row(name: str, ms: float, detail: str) -> None:
        rows.append(Row("4. view update", name + " (ms, median)", ms, "≤ 8", ms <= 8,
                        detail))

    grid = ImageGridView("maps")
    grid.resize(640, 480)
    grid.show()
    maps = [rng.random((16, 28, 28), dtype=np.float32) for _ in range(4)]
    row("16 tiled 28×28 feature maps",
        _update_cost(grid, lambda i: grid.set_maps(maps[i % 4])), "ImageGridView")
    _done_with(grid)

    curves = CurvesView("loss")
    curves.resize(640, 360)
    curves.show()
    x = np.arange(10_000, dtype=np.float64)
    ys = [np.cumsum(rng.normal(size=10_000)) for _ in range(4)]
    row("10k-point curve", _update_cost(curves, lambda i: curves.set_curve(
        "loss", x, ys[i % 4])), "CurvesView, auto-downsampling")
    _done_with(curves)
    return rows


_KEPT: list = []


def _done_with(view) -> None:
    """Hide a top-level plot widget and keep it: pyqtgraph's ``close()`` on a
    parentless GraphicsView clears its scene, and a later garbage collection then
    crashes the interpreter."""
    view.hide()
    _KEPT.append(view)
