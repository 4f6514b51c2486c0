"""Benchmarks with the real window: throughput while drawing, timer latency, view
update cost, start-up time and memory growth."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import numpy as np
import torch

from dlviz.bench.harness import Row, percentile

_APP = None


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
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def open_window(lab: str, size=(1280, 800)):
    from dlviz.ui.main_window import MainWindow

    app()
    win = MainWindow(torch.device("cpu"), torch.get_num_threads(), lab=lab)
    win.resize(*size)
    win.show()
    deadline = time.time() + 60
    while win.session.state != "ready" and time.time() < deadline:
        spin(0.05)
    return win


def throughput_while_drawing(lab: str, block_s: float, blocks: int) -> Row:
    """Samples/s with the views drawing vs with drawing paused (A/B blocks)."""
    win = open_window(lab)
    win.session.play()
    spin(1.0)
    drawing, paused = [], []

    def block(draw: bool) -> float:
        win.draw_enabled = draw
        start_step, start = win.session.engine.task.step, time.perf_counter()
        spin(block_s)
        steps = win.session.engine.task.step - start_step
        return steps / (time.perf_counter() - start)

    for i in range(blocks):
        order = (True, False) if i % 2 == 0 else (False, True)
        for draw in order:
            (drawing if draw else paused).append(block(draw))
    win.draw_enabled = True
    win.close()
    ratio = statistics.median(d / p for d, p in zip(drawing, paused))
    return Row("2. throughput", f"{lab}: steps/s drawing / drawing paused", ratio,
               "≥ 0.80", ratio >= 0.80,
               f"{statistics.median(drawing):.0f} vs {statistics.median(paused):.0f}"
               " steps/s")


def timer_latency(lab: str, seconds: float) -> list[Row]:
    """How late a 10 ms GUI timer fires while training with views drawing."""
    from PySide6.QtCore import QTimer

    win = open_window(lab)
    win.session.play()
    spin(1.0)
    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) - 0.010) * 1e3)
        last[0] = now

    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(tick)
    last[0] = time.perf_counter()
    timer.start()
    spin(seconds)
    timer.stop()
    win.close()
    p95, p99, worst = (percentile(lateness, 95), percentile(lateness, 99),
                       max(lateness))
    detail = f"{len(lateness)} ticks while training {lab}"
    return [
        Row("3. responsiveness", "timer lateness p95 (ms)", p95, "≤ 33", p95 <= 33,
            detail),
        Row("3. responsiveness", "timer lateness p99 (ms)", p99, "≤ 50", p99 <= 50),
        Row("3. responsiveness", "timer lateness max (ms)", worst, "≤ 100",
            worst <= 100),
    ]


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


def view_update_costs() -> list[Row]:
    from dlviz.core.labs import get_lab
    from dlviz.ui.stages import stage_class
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
    grid.close()

    curves = CurvesView("loss")
    curves.resize(640, 360)
    curves.show()
    x = np.arange(10_000, dtype=np.float64)
    ys = [np.cumsum(rng.normal(size=10_000)) for _ in range(4)]
    row("10k-point curve", _update_cost(curves, lambda i: curves.set_curve(
        "loss", x, ys[i % 4])), "CurvesView, auto-downsampling")
    curves.close()

    for lab, label, hp in (
        ("transformer", "attention heads of one layer (8 heads)", {"heads": 8}),
        ("gan2d", "2-D GAN frame", {}),
    ):
        spec = get_lab(lab)
        try:
            task = spec.create(hp, torch.device("cpu"))
        except Exception:  # noqa: BLE001 - a lab without that option
            task = spec.create({}, torch.device("cpu"))
        snaps = []
        for _ in range(4):
            task.train_step()
            snaps.append(task.snapshot())
        stage = stage_class(spec.stage)(spec)
        stage.resize(1280, 720)
        stage.show()
        row(label, _update_cost(stage, lambda i, s=snaps, st=stage: st.show_snapshot(
            s[i % 4])), f"{type(stage).__name__}.show_snapshot")
        stage.close()
    return rows


def startup(repeats: int = 3) -> Row:
    """First painted window vs ``python -c "import torch, PySide6.QtWidgets"``."""
    env = dict(os.environ, DLVIZ_EXIT_AFTER_PAINT="1")
    base, full = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch, PySide6.QtWidgets"],
                       check=True, env=env)
        base.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dlviz"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        full.append(time.perf_counter() - start)
    b, f = statistics.median(base), statistics.median(full)
    return Row("6. start-up", "first painted window / import torch+Qt", f / b,
               "(reported)", None, f"{f:.2f} s vs {b:.2f} s")


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_growth(lab: str, first_min: float, second_min: float) -> Row:
    """Resident memory at ``second_min`` vs ``first_min`` minutes of training."""
    win = open_window(lab)
    win.session.play()
    spin(first_min * 60)
    first = rss_mb()
    spin((second_min - first_min) * 60)
    second = rss_mb()
    steps = win.session.step
    win.close()
    growth = second / first - 1
    return Row("7. memory", f"{lab}: RSS growth min {first_min:g} → {second_min:g}",
               growth * 100, "≤ 5 %", growth <= 0.05,
               f"{first:.0f} MB → {second:.0f} MB over {steps} steps")
