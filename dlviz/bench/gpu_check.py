"""``make gpu-check``: every trainable lab on CUDA, through the engine the app uses.

For each lab (:func:`dlviz.core.labs.all_labs`, trainable ones) the check builds the
task on CUDA in a :class:`~dlviz.session.engine.Engine` running on a background
``threading.Thread`` (as the app's worker does), trains a few warm-up steps and then
``--steps`` timed ones, records a step-through trace (which also takes a fresh
snapshot), and asks for attributions where the lab offers them. Every snapshot, trace
and result must hold only numpy arrays and Python scalars — no torch tensors — and
the task's weights must stay on CUDA. The same lab is then trained on the CPU for the
speed comparison. A table of steps/s (CUDA, CPU, ratio) and the device
:func:`~dlviz.core.device.preferred_device` picks is printed; the exit status is 1
when any lab failed.

Without a CUDA device it prints ``no CUDA device; nothing to check`` and exits 0.
``--cpu-only`` runs the same checks on the CPU (to test the check itself).

No Qt here: it runs headless on a GPU server.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from dlviz.core.device import configure_threads, preferred_device
from dlviz.core.labs import all_labs, get_lab
from dlviz.core.labs.base import LabSpec
from dlviz.session.engine import Engine
from dlviz.session.messages import Failure, Progress, Result, Status, TraceReady

NO_CUDA = "no CUDA device; nothing to check"

#: Requests that compute attributions, by the stage of the labs that offer them.
ATTRIBUTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "image_classifier": ("attribute", {"index": 0}),
}

#: Leaves a snapshot, trace or result may hold.
_SCALARS = (str, bytes, bool, int, float, complex, np.generic, type(None))


def foreign_leaves(obj: Any, path: str = "") -> list[str]:
    """Every leaf of ``obj`` that is neither a numpy array nor a Python scalar.

    Walks dicts, lists, tuples, sets and dataclasses; returns ``"path: type"`` lines
    (torch tensors name their device).
    """
    if isinstance(obj, torch.Tensor):
        return [f"{path or '<root>'}: torch.Tensor on {obj.device}"]
    if isinstance(obj, np.ndarray):
        if obj.dtype == object:
            return [
                line for i, item in enumerate(obj.flat)
                for line in foreign_leaves(item, f"{path}[{i}]")
            ]
        return []
    if isinstance(obj, _SCALARS):
        return []
    if isinstance(obj, dict):
        return [
            line for key, value in obj.items()
            for line in foreign_leaves(value, f"{path}[{key!r}]")
        ]
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [
            line for i, item in enumerate(obj)
            for line in foreign_leaves(item, f"{path}[{i}]")
        ]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [
            line for f in dataclasses.fields(obj)
            for line in foreign_leaves(getattr(obj, f.name), f"{path}.{f.name}")
        ]
    return [f"{path or '<root>'}: {type(obj).__module__}.{type(obj).__qualname__}"]


class ThreadRunner:
    """Runs an engine on a plain background thread (the app's worker, without Qt)."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.thread: threading.Thread | None = None

    def start(self, engine: Engine) -> None:
        self.engine = engine
        self.thread = threading.Thread(
            target=engine.run, name=f"engine-{engine.spec.key}", daemon=True
        )
        self.thread.start()

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the engine as the app does (stop flag, pending requests cancelled,
        worker woken) and wait; False when the thread did not end."""
        if self.engine is None or self.thread is None:
            return True
        self.engine.request_stop()
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()


class _Listener:
    """Collects what an engine delivers, from the calling thread."""

    def __init__(self, engine: Engine, timeout: float):
        self.engine = engine
        self.timeout = timeout
        self.snapshots: list[dict] = []
        self.traces: list[Any] = []
        self.results: list[Result] = []
        self.failures: list[Failure] = []
        self.statuses: list[Status] = []

    def wait(self, done: Callable[[Status | TraceReady | Result | Failure], bool]):
        """Poll the mailbox until an event satisfies ``done`` (or a failure comes)."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            progress, events = self.engine.mailbox.take()
            if isinstance(progress, Progress) and progress.snapshot is not None:
                self.snapshots.append(progress.snapshot)
            for event in events:
                if isinstance(event, Failure):
                    self.failures.append(event)
                    return event
                if isinstance(event, Status):
                    self.statuses.append(event)
                elif isinstance(event, TraceReady):
                    self.traces.append(event.trace)
                elif isinstance(event, Result):
                    self.results.append(event)
                if done(event):
                    return event
            time.sleep(0.002)
        raise TimeoutError(f"no answer from the engine within {self.timeout:.0f} s")


def _settled(event) -> bool:
    """A status that ends a command: built, paused after steps, diverged."""
    return isinstance(event, Status) and event.state in ("ready", "paused", "diverged")


@dataclass
class LabCheck:
    """What one lab did on one device."""

    key: str
    device: str
    steps_per_s: float = float("nan")
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_lab(
    spec: LabSpec,
    device: torch.device,
    steps: int = 20,
    warmup: int = 3,
    full: bool = True,
    timeout: float = 600.0,
) -> LabCheck:
    """Build, train and (with ``full``) trace, snapshot and attribute one lab."""
    check = LabCheck(spec.key, device.type)
    problems = check.problems
    engine = Engine(spec, spec.resolve({}), device, run_id=1)
    runner = ThreadRunner()
    listen = _Listener(engine, timeout)
    runner.start(engine)
    try:
        event = listen.wait(_settled)
        if isinstance(event, Failure):
            problems.append(f"build: {_failure_text(event)}")
            return check
        if warmup:
            engine.post("step", count=warmup)
            if not _command_ok(listen.wait(_settled), "warm-up", problems):
                return check
        _synchronize(device)
        start = time.perf_counter()
        engine.post("step", count=steps)
        event = listen.wait(_settled)
        _synchronize(device)
        elapsed = time.perf_counter() - start
        if not _command_ok(event, "training", problems):
            return check
        check.steps_per_s = steps / elapsed if elapsed > 0 else float("inf")
        if not full:
            return check
        engine.post("trace")
        _command_ok(listen.wait(_settled), "trace", problems)
        if not listen.traces:
            problems.append("trace: no trace was delivered")
        for trace in listen.traces:
            problems += [f"trace{line}" for line in foreign_leaves(trace)[:5]]
        if not listen.snapshots:
            problems.append("snapshot: none was delivered")
        for snap in listen.snapshots:
            problems += [f"snapshot{line}" for line in foreign_leaves(snap)[:5]]
        if spec.stage in ATTRIBUTIONS:
            kind, data = ATTRIBUTIONS[spec.stage]
            engine.post("request", kind=kind, data=dict(data))
            event = listen.wait(
                lambda e: isinstance(e, Result) and e.kind == kind
            )
            if isinstance(event, Failure):
                problems.append(f"{kind}: {_failure_text(event)}")
            else:
                problems += [f"{kind}{line}" for line in foreign_leaves(event.data)[:5]]
        task = engine.task
        if task is not None:
            moved = {p.device.type for p in task.parameters()} - {device.type}
            if moved:
                problems.append(f"weights left {device.type} for {sorted(moved)}")
    except TimeoutError as exc:
        problems.append(str(exc))
    finally:
        if not runner.stop(timeout=min(timeout, 60.0)):
            problems.append("the engine thread did not stop")
        for failure in listen.failures:
            text = f"failure: {_failure_text(failure)}"
            if not any(text[9:] in p for p in problems):
                problems.append(text)
    return check


def _command_ok(event, what: str, problems: list[str]) -> bool:
    if isinstance(event, Failure):
        problems.append(f"{what}: {_failure_text(event)}")
        return False
    if isinstance(event, Status) and event.state == "diverged":
        problems.append(f"{what}: diverged ({event.message})")
        return False
    return True


def _failure_text(failure: Failure) -> str:
    lines = [line for line in failure.details.strip().splitlines() if line.strip()]
    where = next(
        (line.strip() for line in reversed(lines) if line.strip().startswith("File ")),
        "",
    )
    return f"{failure.text} [{where}]" if where else failure.text


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _ratio(a: float, b: float) -> str:
    if not (np.isfinite(a) and np.isfinite(b)) or b <= 0:
        return "—"
    return f"{a / b:.2f}×"


def _rate(value: float) -> str:
    return f"{value:.1f}" if np.isfinite(value) else "—"


def table(rows: list[tuple[LabSpec, LabCheck | None, LabCheck]]) -> str:
    """The results as a fixed-width table: one row per lab."""
    header = ("lab", "CUDA steps/s", "CPU steps/s", "CUDA/CPU", "preferred", "result")
    lines = []
    for spec, gpu, cpu in rows:
        preferred = preferred_device(spec, True)[0].type
        problems = (gpu.problems if gpu else []) + [
            f"cpu: {p}" for p in cpu.problems
        ]
        lines.append((
            spec.key,
            _rate(gpu.steps_per_s) if gpu else "—",
            _rate(cpu.steps_per_s),
            _ratio(gpu.steps_per_s, cpu.steps_per_s) if gpu else "—",
            preferred,
            "ok" if not problems else "FAIL: " + "; ".join(problems),
        ))
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(5)]
    out = []
    for r in [header, *lines]:
        cells = [r[0].ljust(widths[0])] + [
            r[i].rjust(widths[i]) for i in range(1, 5)
        ]
        out.append("  ".join(cells) + "  " + r[5])
    out.insert(1, "-" * len(out[0]))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlviz.bench.gpu_check",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=20,
                        help="timed training steps per lab and device (default 20)")
    parser.add_argument("--warmup", type=int, default=3,
                        help="untimed steps first (CUDA start-up, cuDNN autotuning)")
    parser.add_argument("--labs", default="",
                        help="comma-separated lab keys (default: every trainable lab)")
    parser.add_argument("--cpu-only", action="store_true",
                        help="run the checks on the CPU alone (tests the check)")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds to wait for any one engine command")
    args = parser.parse_args(argv)
    has_cuda = torch.cuda.is_available()
    if not has_cuda and not args.cpu_only:
        print(NO_CUDA)
        return 0
    threads = configure_threads()
    if args.labs:
        specs = [get_lab(key.strip()) for key in args.labs.split(",") if key.strip()]
    else:
        specs = all_labs()
    specs = [s for s in specs if s.trainable]
    gpu = torch.device("cuda") if has_cuda and not args.cpu_only else None
    where = "no GPU (--cpu-only)" if gpu is None else torch.cuda.get_device_name(gpu)
    print(f"gpu-check: {len(specs)} labs, {args.steps} steps each; {where}; "
          f"torch {torch.__version__}, {threads} CPU thread(s)", flush=True)
    rows = []
    for spec in specs:
        on_gpu = None
        if gpu is not None:
            on_gpu = check_lab(spec, gpu, args.steps, args.warmup, True, args.timeout)
        on_cpu = check_lab(spec, torch.device("cpu"), args.steps, args.warmup,
                           gpu is None, args.timeout)
        rows.append((spec, on_gpu, on_cpu))
        status = "ok" if (on_gpu is None or on_gpu.ok) and on_cpu.ok else "FAIL"
        print(f"  {spec.key}: {status}", flush=True)
    print()
    print(table(rows))
    failed = [
        spec.key for spec, on_gpu, on_cpu in rows
        if not on_cpu.ok or (on_gpu is not None and not on_gpu.ok)
    ]
    if failed:
        print(f"\n{len(failed)} lab(s) failed: {', '.join(failed)}")
        return 1
    print(f"\nall {len(rows)} labs passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
