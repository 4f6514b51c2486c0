"""``python -m dlviz.bench``: run the benchmarks, print the tables, write
build/bench/results.json and results.md.

Options: ``--labs mlp2d,gan2d`` (the labs trained in the window; default every
trainable lab), ``--block`` seconds per A/B block, ``--pairs`` blocks per variant,
``--skip startup,playground,labs,views,core`` and ``--quick`` (a smoke run);
``--memory`` adds the memory-growth run (minutes 1 → 4, or 2 → 10 with ``--long``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import torch

from dlviz.bench import core_bench, gui_bench
from dlviz.bench.harness import Row
from dlviz.core.device import choose_device, configure_threads, describe_device

#: Goals of issue 14 (reported, never asserted in unit tests).
GOAL_PLAYGROUND_EPOCHS = 70.0
GOAL_RATIO = 0.85
GOAL_FRAME_MS = 8.0
GOAL_LATENESS_P99 = 50.0
GOAL_STARTUP_S = 2.5


def _fmt(value: float, digits: int = 3) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) \
        else f"{value:.{digits}g}"


def _pct(value: float) -> str:
    return "—" if math.isnan(value) else f"{100 * value:.0f} %"


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def startup_table(s: dict) -> str:
    ok = s["painted"] <= GOAL_STARTUP_S
    return "\n".join([
        f"Start-up (median of {s['repeats']} alternating runs; seconds from launch, "
        "as the child process reports them; wall = until the process exited):",
        "",
        "| measurement | seconds | wall | goal | holds |",
        "|---|---|---|---|---|",
        f"| `import torch, PySide6.QtWidgets` | {s['base']:.2f} | "
        f"{s['base_wall']:.2f} | | |",
        f"| first painted window | {s['painted']:.2f} | {s['painted_wall']:.2f} "
        f"| ≤ {GOAL_STARTUP_S} | {_mark(ok)} |",
        f"| labs, scikit-learn, captum loaded and the first lab built | "
        f"{s['ready']:.2f} | {s['ready_wall']:.2f} | | |",
        "",
    ])


def playground_table(r: gui_bench.LiveResult) -> str:
    spe = r.steps_per_epoch
    draw, idle, alone = (r.median(n) / spe for n in ("drawing", "idle", "alone"))
    lines = [
        "TensorFlow Playground's default task in `mlp2d` (circles, 500 points, half "
        "for training, noise 0, 2 hidden layers of 4, tanh, SGD lr 0.03, batch 10; "
        f"{spe} steps per epoch), epochs/s:",
        "",
        "| variant | epochs/s | goal | holds |",
        "|---|---|---|---|",
        f"| window drawing (engine on its worker thread) | {draw:.1f} "
        f"| ≥ {GOAL_PLAYGROUND_EPOCHS:.0f} | {_mark(draw >= GOAL_PLAYGROUND_EPOCHS)} |",
        f"| window open, not drawing | {idle:.1f} | | |",
        f"| task stepped alone (same engine, no window, no thread) | {alone:.1f} | | |",
        f"| drawing / stepped alone | {r.ratio_alone:.2f} | ≥ {GOAL_RATIO} "
        f"| {_mark(r.ratio_alone >= GOAL_RATIO)} |",
        f"| drawing / not drawing | {r.ratio:.2f} | ≥ {GOAL_RATIO} "
        f"| {_mark(r.ratio >= GOAL_RATIO)} |",
        f"| drawing / not drawing, without the worker's CPU-queue waits | "
        f"{r.ratio_unqueued:.2f} | ≥ {GOAL_RATIO} "
        f"| {_mark(r.ratio_unqueued >= GOAL_RATIO)} |",
        f"| window drawing, without the worker's CPU-queue waits | "
        f"{r.median('drawing_unqueued') / spe:.1f} | ≥ {GOAL_PLAYGROUND_EPOCHS:.0f} "
        f"| {_mark(r.median('drawing_unqueued') / spe >= GOAL_PLAYGROUND_EPOCHS)} |",
        f"| redraws/s; stage frame (ms: paused CPU, paused wall, live wall) | "
        f"{_fmt(r.frames_per_s)}; {_fmt(r.frame_ms)}, {_fmt(r.frame_wall_ms)}, "
        f"{_fmt(r.frame_live_ms)} | | |",
        f"| GUI thread busy, drawing (not drawing) | "
        f"{_pct(r.cpu('gui_cpu', 'draw'))} ({_pct(r.cpu('gui_cpu', 'idle'))}) | | |",
        f"| worker CPU, drawing / not drawing | {_pct(r.cpu('worker_cpu', 'draw'))} / "
        f"{_pct(r.cpu('worker_cpu', 'idle'))} | | |",
        f"| load average when measured | {_fmt(r.load_average, 2)} | | |",
        "",
    ]
    return "\n".join(lines)


def labs_table(results: list[gui_bench.LiveResult]) -> str:
    lines = [
        "Every lab in the window (1280×800, default settings), alternating blocks with "
        "the views drawing and not drawing. *frame*: the stage's `show_snapshot` plus "
        "its repaint with training paused (median CPU time of the GUI thread; wall "
        "time in brackets); *live*: `show_snapshot` while "
        "training (wall time, shares the GIL with the worker); *GUI busy*: the GUI "
        "thread's CPU time per second while drawing (not drawing); *worker CPU*: the "
        "engine thread's, drawing / not drawing; *ratio, no CPU queue*: the same "
        "ratio over the time the worker was not waiting in the CPU run queue (what "
        "a machine with a free core per thread would see; GIL waits stay in it); "
        "*late p99*: a 10 ms GUI timer's "
        "lateness while drawing; *load*: the machine's 1-minute load average when "
        "the lab started.",
        "",
        "| lab | steps/s drawing | not drawing | ratio (≥ 0.85) | ratio, no CPU queue "
        "| frame ms (≤ 8) | live ms | redraws/s | GUI busy | worker CPU "
        "| late p99 ms (≤ 50) | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.error:
            lines.append(f"| {r.lab} | {r.error} | | | | | | | | | | |")
            continue
        ratio_ok = r.ratio >= GOAL_RATIO
        frame_ok = r.frame_ms <= GOAL_FRAME_MS
        late_ok = r.lateness_p99 <= GOAL_LATENESS_P99
        lines.append(
            f"| {r.lab} | {_fmt(r.median('drawing'))} | {_fmt(r.median('idle'))} "
            f"| {r.ratio:.2f}{'' if ratio_ok else ' **no**'} "
            f"| {r.ratio_unqueued:.2f}"
            f"{'' if r.ratio_unqueued >= GOAL_RATIO else ' **no**'} "
            f"| {_fmt(r.frame_ms)}{'' if frame_ok else ' **no**'} "
            f"({_fmt(r.frame_wall_ms)}) "
            f"| {_fmt(r.frame_live_ms)} | {_fmt(r.frames_per_s)} "
            f"| {_pct(r.cpu('gui_cpu', 'draw'))} ({_pct(r.cpu('gui_cpu', 'idle'))}) "
            f"| {_pct(r.cpu('worker_cpu', 'draw'))} / "
            f"{_pct(r.cpu('worker_cpu', 'idle'))} "
            f"| {_fmt(r.lateness_p99)}{'' if late_ok else ' **no**'} "
            f"| {_fmt(r.load_average, 2)} |"
        )
    ok = [r for r in results if not r.error]
    if ok:
        lines += [
            "",
            f"Ratio ≥ {GOAL_RATIO}: {sum(r.ratio >= GOAL_RATIO for r in ok)}/{len(ok)} "
            f"labs; frame ≤ {GOAL_FRAME_MS:g} ms: "
            f"{sum(r.frame_ms <= GOAL_FRAME_MS for r in ok)}/{len(ok)}; "
            f"timer p99 ≤ {GOAL_LATENESS_P99:g} ms: "
            f"{sum(r.lateness_p99 <= GOAL_LATENESS_P99 for r in ok)}/{len(ok)}.",
        ]
    return "\n".join(lines) + "\n"


def rows_table(rows: list[Row]) -> str:
    lines = [
        "| # | measurement | value | target | holds | detail |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r.group} | {r.name} | {r.value:.3g} | {r.target} "
                     f"| {_mark(r.ok)} | {r.detail} |")
    return "\n".join(lines) + "\n"


#: Labs trained per child process: each child opens and closes this many windows
#: (a crash in one loses only its group, which is reported).
LABS_PER_CHILD = 5


def _live(key: str, block: float, pairs: int) -> gui_bench.LiveResult:
    r = gui_bench.live_lab(key, None, block, pairs)
    print(f"  {key}: {r.median('drawing'):.1f} vs {r.median('idle'):.1f} steps/s, "
          f"frame {r.frame_ms:.1f} ms {r.error}", flush=True)
    return r


def labs_in_children(labs: list[str], block: float,
                     pairs: int) -> list[gui_bench.LiveResult]:
    """Every lab in the real window, a few labs per child process."""
    results = []
    for i in range(0, len(labs), LABS_PER_CHILD):
        group = labs[i:i + LABS_PER_CHILD]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "labs.json"
            code = subprocess.call([
                sys.executable, "-m", "dlviz.bench", "--labs", ",".join(group),
                "--block", str(block), "--pairs", str(pairs),
                "--labs-json", str(out),
            ])
            if code == 0 and out.exists():
                for item in json.loads(out.read_text()):
                    results.append(gui_bench.LiveResult(**item))
            else:
                results += [gui_bench.LiveResult(key, error=f"child exited {code}")
                            for key in group]
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dlviz.bench")
    parser.add_argument("--quick", action="store_true",
                        help="short blocks (a smoke run)")
    parser.add_argument("--labs", default="",
                        help="comma-separated lab keys to train in the window "
                             "(default: every trainable lab)")
    parser.add_argument("--block", type=float, default=None,
                        help="seconds per A/B block (default 1.0; 0.4 with --quick)")
    parser.add_argument("--pairs", type=int, default=None,
                        help="blocks per variant (default 2; 1 with --quick)")
    parser.add_argument("--skip", default="",
                        help="comma-separated: startup,playground,labs,views,core")
    parser.add_argument("--memory", action="store_true",
                        help="add memory growth, minutes 1 → 4 (adds 4 minutes)")
    parser.add_argument("--long", action="store_true",
                        help="memory growth at minute 2 vs 10 (adds ~10 minutes)")
    parser.add_argument("--out", default="build/bench")
    parser.add_argument("--labs-json", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # default look (English, light theme, no presentation mode), whatever the user's
    # settings are; nothing the bench changes is stored
    settings_dir = tempfile.mkdtemp(prefix="dlviz-bench-")
    os.environ["DLVIZ_SETTINGS_FILE"] = os.path.join(settings_dir, "settings.ini")
    threads = configure_threads()
    device = choose_device(None)
    block = args.block or (0.4 if args.quick else 1.0)
    pairs = args.pairs or (1 if args.quick else 2)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    labs = [k.strip() for k in args.labs.split(",") if k.strip()]
    started = time.time()
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {cpu_name()}",
        "cores": os.cpu_count(),
        "threads": threads,
        "device": describe_device(device),
        "training_device": "CPU (the window trains on the CPU here)",
        "torch": torch.__version__,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    sections: list[str] = []
    data: dict = {"meta": meta}

    def emit(text: str) -> None:
        sections.append(text)
        print(text, flush=True)

    if args.labs_json:  # a child process of the run below
        results = [_live(key, block, pairs) for key in labs]
        Path(args.labs_json).write_text(json.dumps([asdict(r) for r in results]))
        return
    if "startup" not in skip:
        s = gui_bench.startup(1 if args.quick else 3)
        data["startup"] = s
        emit(startup_table(s))
    if "playground" not in skip:
        pg = gui_bench.live_lab("mlp2d", gui_bench.PLAYGROUND, max(block, 1.0),
                                pairs + 1 if not args.quick else 1, alone=True)
        data["playground"] = asdict(pg)
        emit(playground_table(pg))
    if "labs" not in skip:
        results = labs_in_children(labs or gui_bench.trainable_labs(), block, pairs)
        data["labs"] = [asdict(r) for r in results]
        emit(labs_table(results))
    rows: list[Row] = []
    if "views" not in skip:
        rows += gui_bench.shared_view_costs()
    if "core" not in skip:
        core_block, core_blocks = (0.3, 2) if args.quick else (0.6, 4)
        rows += core_bench.instrumentation_overhead(core_block, core_blocks)
        rows += core_bench.fast_path(core_block, core_blocks)
        rows += core_bench.attributions(5 if args.quick else 15)
    if args.memory or args.long:
        minutes = (2, 10) if args.long else (1, 4)
        rows.append(gui_bench.memory_growth("lenet5", *minutes))
    if rows:
        data["rows"] = [asdict(r) for r in rows]
        emit(rows_table(rows))
    meta["seconds"] = round(time.time() - started, 1)
    load = ", ".join(f"{x:.1f}" for x in meta["load_average"] or ())
    header = (
        f"Measured {meta['date']} on {meta['machine']} ({meta['cores']} cores, "
        f"load average at start {load}); "
        f"device {meta['device']}, torch {meta['torch']}, {meta['threads']} torch "
        f"thread(s); {meta['seconds']:.0f} s in all.\n"
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(data, indent=2, default=str))
    (out / "results.md").write_text(header + "\n" + "\n".join(sections))
    print(header)
    print(f"(written to {out}/)")


if __name__ == "__main__":
    main()
