"""``make bench``'s live measurements, run very briefly: the real window trains the
Playground task on its worker thread, drawing and not drawing, and the same engine
is stepped alone. Only that the numbers exist is checked; the goals live in the
benchmark's report, never in tests."""

from __future__ import annotations

import math

import pytest

from dlviz.bench import __main__ as bench_main
from dlviz.bench import gui_bench


@pytest.fixture
def bench_app(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    saved = (qapp.applicationName(), qapp.organizationName(),
             qapp.applicationDisplayName(), qapp.font())
    yield qapp
    qapp.setApplicationName(saved[0])
    qapp.setOrganizationName(saved[1])
    qapp.setApplicationDisplayName(saved[2])
    qapp.setFont(saved[3])


def test_playground_in_the_window_drawing_not_drawing_and_alone(bench_app):
    result = gui_bench.live_lab("mlp2d", gui_bench.PLAYGROUND, block_s=0.3,
                                pairs=1, alone=True)
    assert result.error == ""
    assert result.steps_per_epoch == 25  # 250 training points, batch 10
    for name in ("drawing", "idle", "alone"):
        assert result.median(name) > 0, name
    assert result.ratio > 0 and result.ratio_alone > 0
    assert math.isfinite(result.frame_ms)
    table = bench_main.playground_table(result)
    assert "epochs/s" in table and "stepped alone" in table
    assert "mlp2d" in bench_main.labs_table([result])


def test_a_lab_that_cannot_train_is_reported_not_raised(bench_app):
    result = gui_bench.live_lab("convmath", None, block_s=0.1, pairs=1)
    assert result.error == "not trainable"
    assert "not trainable" in bench_main.labs_table([result])


def test_engine_scheduler_times_are_read_on_linux():
    cpu, queued = gui_bench.engine_sched()  # no engine thread here: NaN
    assert math.isnan(cpu) and math.isnan(queued)
