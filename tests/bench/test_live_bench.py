"""``make bench``'s live measurements, run very briefly: the real window trains the
Playground task on its worker thread, drawing and not drawing, and the same engine
is stepped alone. Only that the numbers exist is checked; the goals live in the
benchmark's report, never in tests."""

from __future__ import annotations

import math

from dlviz.bench import gui_bench

_LIVE_CHECK = """
import math
from dlviz.ui.app import create_application
app = create_application()
from dlviz.bench import __main__ as bench_main
from dlviz.bench import gui_bench
result = gui_bench.live_lab("mlp2d", gui_bench.PLAYGROUND, block_s=0.3, pairs=1,
                            alone=True)
assert result.error == "", result.error
assert result.steps_per_epoch == 25  # 250 training points, batch 10
for name in ("drawing", "idle", "alone"):
    assert result.median(name) > 0, name
assert result.ratio > 0 and result.ratio_alone > 0
assert math.isfinite(result.frame_ms)
table = bench_main.playground_table(result)
assert "epochs/s" in table and "stepped alone" in table
assert "mlp2d" in bench_main.labs_table([result])
result = gui_bench.live_lab("convmath", None, block_s=0.1, pairs=1)
assert result.error == "not trainable"
assert "not trainable" in bench_main.labs_table([result])
print("ok")
"""


def test_playground_in_the_window_and_an_untrainable_lab(tmp_path):
    """The real window trains the Playground task drawing, not drawing and alone;
    a lab that cannot train is reported, not raised. In its own interpreter, as
    ``make bench`` runs it: the bench's windows must not outlive it in the suite."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               DLVIZ_SETTINGS_FILE=str(tmp_path / "settings.ini"))
    proc = subprocess.run([sys.executable, "-c", _LIVE_CHECK], env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and "ok" in proc.stdout, (
        proc.stdout[-2000:] + proc.stderr[-3000:])


def test_engine_scheduler_times_are_read_on_linux():
    cpu, queued = gui_bench.engine_sched()  # no engine thread here: NaN
    assert math.isnan(cpu) and math.isnan(queued)


def test_memory_row_says_how_full_the_rewind_history_is():
    from types import SimpleNamespace

    import numpy as np

    from dlviz.session.rewind import RewindBuffer

    buffer = RewindBuffer(max_bytes=8 * 2**20, max_frames=10)
    for step in range(3):
        buffer.add(step, {"w": np.zeros(2**20, np.uint8)})  # 1 MiB a frame
    window = SimpleNamespace(features={"rewind": SimpleNamespace(buffer=buffer)})
    assert gui_bench.rewind_fill(window) == "rewind 3/10 frames, 3/8 MiB"
    assert gui_bench.rewind_fill(SimpleNamespace(features={})) == "no rewind history"
