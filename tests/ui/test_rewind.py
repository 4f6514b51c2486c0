import os

import numpy as np
import pytest
from PySide6.QtCore import Qt

from dlviz.ui import theme
from dlviz.ui.classroom import rewind as rewind_module
from dlviz.ui.views.decision import blend_classes
from tests.ui.conftest import wait_steps


def train(qtbot, win, steps, frames=3):
    """Train for ``steps`` steps and until ``frames`` snapshots are recorded
    (snapshots arrive by time, not by step)."""
    buffer = win.features["rewind"].buffer
    win.session.set_speed(0.0)
    win.toggle_play()
    wait_steps(qtbot, win, steps)
    qtbot.waitUntil(lambda: len(buffer) >= frames, timeout=60000)
    win.toggle_play()
    qtbot.waitUntil(lambda: win.session.state == "paused", timeout=10000)
    qtbot.wait(100)


def probs_shown(win):
    return win.stage.map.image.image.copy()


@pytest.mark.slow
def test_scrubbing_shows_an_older_snapshot_and_live_resumes(qtbot, window):
    timeline = window.features["rewind"]
    train(qtbot, window, 150)
    buffer = timeline.buffer
    assert len(buffer) >= 3 and buffer.steps[0] == 0
    live_image = probs_shown(window)
    # drag the slider to the first frame: the stage shows the untrained model
    timeline.slider.setValue(0)
    assert not timeline.is_live and not window.live_stage
    assert timeline.rewound_step == 0
    assert "step 0" in timeline.step_label.text()
    old_image = probs_shown(window)
    assert not np.allclose(old_image, live_image)
    # live drawing stays suspended while training goes on
    newest = buffer.steps[-1]
    window.session.record_trace()  # one step that always delivers a snapshot
    qtbot.waitUntil(lambda: window.session.snapshot_step > newest, timeout=20000)
    assert buffer.steps[-1] > newest  # recorded while rewound
    qtbot.wait(150)
    assert np.array_equal(probs_shown(window), old_image)
    assert timeline.markers[0].value() == 0
    qtbot.mouseClick(timeline.live_button, Qt.MouseButton.LeftButton)
    assert timeline.is_live and window.live_stage
    assert timeline.slider.value() == timeline.slider.maximum()
    # live again: the stage shows the newest snapshot, the one recorded while rewound
    assert window.session.snapshot_step == buffer.steps[-1]
    final = blend_classes(window.session.snapshot["probs"], theme.STYLE.background)
    assert np.array_equal(probs_shown(window), final)
    assert not np.allclose(probs_shown(window), old_image)


@pytest.mark.slow
def test_bookmarks_are_named_listed_and_jumped_to(qtbot, window, monkeypatch):
    timeline = window.features["rewind"]
    train(qtbot, window, 100)
    first = timeline.buffer.steps[1]
    timeline.show_step(first)
    monkeypatch.setattr(rewind_module, "ask_bookmark_name", lambda p, s: "early")
    qtbot.mouseClick(timeline.bookmark_button, Qt.MouseButton.LeftButton)
    assert timeline.buffer.bookmarks == {"early": first}
    qtbot.mouseClick(timeline.live_button, Qt.MouseButton.LeftButton)
    assert timeline.is_live
    assert timeline.bookmarks.count() == 2 and "early" in timeline.bookmarks.itemText(1)
    timeline.bookmarks.activated.emit(1)
    assert timeline.rewound_step == first and not window.live_stage
    # a reset starts a new run: timeline and bookmarks are cleared, live again
    window.reset()
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=10000)
    assert timeline.is_live and not timeline.buffer.bookmarks


def test_view_menu_toggles_the_timeline_and_screenshots(qtbot, window):
    timeline = window.features["rewind"]
    assert timeline.toggle_action in window.menus.menus["view"].actions()
    timeline.toggle_action.trigger()
    assert not timeline.dock.isVisible()
    timeline.toggle_action.trigger()
    assert timeline.dock.isVisible()
    window.session.step_once(30)
    qtbot.waitUntil(lambda: len(timeline.buffer) >= 2, timeout=10000)
    timeline.slider.setValue(0)
    os.makedirs("/tmp/shots", exist_ok=True)
    for w, h in ((1024, 768), (1920, 1080)):
        window.resize(w, h)
        qtbot.wait(150)
        window.grab().save(f"/tmp/shots/rewind_{w}x{h}.png")
        assert timeline.dock.widget().width() <= window.width()
