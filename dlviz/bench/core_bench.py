"""Benchmarks without a window: instrumentation overhead, fast path, attributions."""

from __future__ import annotations

import time

import torch

from dlviz.bench.harness import Row, alternate, per_step
from dlviz.core.labs import get_lab
from dlviz.core.train.loop import training_loop

OVERHEAD_LABS = {  # lab -> allowed instrumented/bare ratio
    "mlp2d": 1.25,
    "lenet5": 1.10,
    "lstm": 1.10,
    "transformer": 1.10,
    "gan2d": 1.10,
}


def _task(key: str):
    return get_lab(key).create({}, torch.device("cpu"))


def instrumentation_overhead(block_s: float, blocks: int) -> list[Row]:
    rows = []
    for key, limit in OVERHEAD_LABS.items():
        bare_task, live_task = _task(key), _task(key)
        bare = training_loop(bare_task, capture=False)
        live = training_loop(live_task, capture=True)
        a, b, ratio = alternate(
            per_step(lambda bare=bare: next(bare), block_s),
            per_step(lambda live=live: next(live), block_s),
            blocks,
        )
        rows.append(Row("1. instrumentation", f"{key}: live snapshots / bare", ratio,
                        f"≤ {limit:.2f}", ratio <= limit,
                        f"bare {a * 1e3:.2f} ms/step, live {b * 1e3:.2f} ms/step"))
    return rows


def fast_path(block_s: float, blocks: int) -> list[Row]:
    """Ordinary steps after a recorded (hooked) step vs before any recording."""
    rows = []
    for key in ("mlp2d", "lenet5"):
        fresh, traced = _task(key), _task(key)
        try:
            traced.trace_step()
        except NotImplementedError:
            continue
        a, b, ratio = alternate(
            per_step(fresh.train_step, block_s), per_step(traced.train_step, block_s),
            blocks,
        )
        hooks = sum(
            len(m._forward_hooks) + len(m._forward_pre_hooks)
            for net in traced.modules().values() for m in net.modules()
        )
        rows.append(Row("1. instrumentation",
                        f"{key}: steps after a trace / never traced", ratio, "≤ 1.03",
                        ratio <= 1.03, f"{hooks} hooks left after the trace"))
    return rows


def attributions(repeats: int) -> list[Row]:
    from dlviz.core.explain.attributions import attribute

    task = _task("lenet5")
    for _ in range(50):
        task.train_step()
    model = task.model.eval()
    image = task.x_val[:1]

    def forward_backward() -> float:
        x = image.clone().requires_grad_(True)
        start = time.perf_counter()
        out = model(x)
        out[0, int(out.argmax())].backward()
        return time.perf_counter() - start

    rows = []
    for method, limit in (("saliency", 1.5), ("gradcam", 2.0)):
        base, times = [], []
        for _ in range(repeats):
            base.append(forward_backward())
            seconds = attribute(model, image[0], methods=(method,))["seconds"]
            times.append(seconds[method])
        base.sort()
        times.sort()
        ratio = times[len(times) // 2] / base[len(base) // 2]
        rows.append(Row("5. attributions", f"{method} / one forward+backward", ratio,
                        f"≤ {limit:.1f}", ratio <= limit,
                        f"{times[len(times) // 2] * 1e3:.2f} ms vs "
                        f"{base[len(base) // 2] * 1e3:.2f} ms (LeNet-5, one image)"))
    return rows
