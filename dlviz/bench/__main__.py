"""``python -m dlviz.bench [--quick] [--long]``: run the benchmarks, print the table,
write build/bench/results.json and results.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import asdict
from pathlib import Path

import torch

from dlviz.bench import core_bench, gui_bench
from dlviz.bench.harness import Row
from dlviz.core.device import choose_device, configure_threads, describe_device


def markdown(rows: list[Row], meta: dict) -> str:
    lines = [
        f"Measured {meta['date']} on {meta['machine']}; device {meta['device']}, "
        f"torch {meta['torch']}, {meta['threads']} torch thread(s), "
        f"{meta['cores']} cores.",
        "",
        "| # | measurement | value | target | holds | detail |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        holds = "—" if r.ok is None else ("yes" if r.ok else "**no**")
        lines.append(f"| {r.group} | {r.name} | {r.value:.3g} | {r.target} | {holds} "
                     f"| {r.detail} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dlviz.bench")
    parser.add_argument("--quick", action="store_true",
                        help="short blocks (a smoke run)")
    parser.add_argument("--long", action="store_true",
                        help="memory at minute 2 vs 10 (adds ~10 minutes)")
    parser.add_argument("--out", default="build/bench")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    threads = configure_threads()
    device = choose_device(None)
    block, blocks = (0.3, 2) if args.quick else (0.8, 6)
    started = time.time()
    rows: list[Row] = []
    rows += core_bench.instrumentation_overhead(block, blocks)
    rows += core_bench.fast_path(block, blocks)
    rows += [gui_bench.throughput_while_drawing(lab, 2 * block, blocks)
             for lab in ("mlp2d", "lenet5")]
    rows += gui_bench.timer_latency("lenet5", 3 if args.quick else 10)
    rows += gui_bench.view_update_costs()
    rows += core_bench.attributions(5 if args.quick else 15)
    rows.append(gui_bench.startup(1 if args.quick else 3))
    minutes = (2, 10) if args.long else ((0.1, 0.3) if args.quick else (1, 4))
    rows.append(gui_bench.memory_growth("lenet5", *minutes))
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cores": os.cpu_count(),
        "threads": threads,
        "device": describe_device(device),
        "torch": torch.__version__,
        "seconds": round(time.time() - started, 1),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(
        {"meta": meta, "rows": [asdict(r) for r in rows]}, indent=2))
    table = markdown(rows, meta)
    (out / "results.md").write_text(table)
    print(table)
    print(f"(took {meta['seconds']} s; written to {out}/)")


if __name__ == "__main__":
    main()
