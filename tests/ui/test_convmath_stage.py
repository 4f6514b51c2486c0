"""The convolution calculator stage: typed inputs give the right numbers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.convmath import ConvMathStage


@pytest.fixture
def stage(qtbot):
    widget = ConvMathStage(get_lab("convmath"))
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def _type(qtbot, spin, text: str) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_registered_for_the_lab():
    assert stage_class(get_lab("convmath").stage) is ConvMathStage


def test_typed_values_update_the_results(qtbot, stage):
    _type(qtbot, stage.inputs["input_size"], "224")
    _type(qtbot, stage.inputs["kernel"], "7")
    _type(qtbot, stage.inputs["stride"], "2")
    _type(qtbot, stage.inputs["padding"], "3")
    _type(qtbot, stage.inputs["in_channels"], "3")
    _type(qtbot, stage.inputs["out_channels"], "64")
    assert stage.values()["input_size"] == 224
    r = stage.results
    # ResNet's first layer: 224 → 112, 7·7·3·64 = 9,408 weights
    assert r["out_size"].text() == "⌊(224 + 2·3 − 1·(7−1) − 1) / 2⌋ + 1 = 112"
    assert r["out_shape"].text() == "112 × 112 × 64"
    assert r["params_nobias"].text().endswith("= 9,408")
    assert r["params_bias"].text().endswith("= 9,472")
    assert r["macs"].text().endswith(f"= {112 * 112 * 9408:,}")
    assert r["pool"].text().endswith("= 56")
    assert stage.error_label.text() == ""
    assert "27·C² = 243 vs 49·C² = 441" in stage.compare_labels["stack"].text()
    assert "3·64 + 64 = 256" in stage.compare_labels["mixer"].text()


def test_same_padding_and_invalid_message(qtbot, stage):
    _type(qtbot, stage.inputs["input_size"], "28")
    _type(qtbot, stage.inputs["kernel"], "5")
    stage.mode.setCurrentText("same")
    assert stage.results["padding"].text() == "2"
    assert stage.results["out_shape"].text().startswith("28 × 28")
    assert not stage.inputs["padding"].isEnabled()
    stage.mode.setCurrentText("valid")
    assert stage.results["out_shape"].text().startswith("24 × 24")
    _type(qtbot, stage.inputs["input_size"], "3")
    assert "larger than the padded input" in stage.error_label.text()
    assert stage.results["out_shape"].text() == "—"
    assert stage.results["params_bias"].text() == "—"


def test_stepping_the_animation(qtbot, stage):
    # defaults: 3×3 kernel, stride 1, no padding over the 7×7 demo: 25 positions
    assert len(stage.positions) == 25
    assert stage.position_label.text() == "position 1 of 25"
    qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert stage.index == 2 and stage.animation.index == 2
    pos = stage.positions[2]
    assert (pos.out_row, pos.out_col) == (0, 2)
    assert stage.dot_label.text() == f"y[0, 2] = {pos.text}"
    qtbot.mouseClick(stage.prev_button, Qt.MouseButton.LeftButton)
    assert stage.index == 1
    qtbot.mouseClick(stage.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stage.prev_button, Qt.MouseButton.LeftButton)
    assert stage.index == 24  # wraps around
    _type(qtbot, stage.inputs["stride"], "2")
    assert len(stage.positions) == 9  # 3×3 outputs


def test_play_advances_and_stops_at_the_end(qtbot, stage):
    stage.timer.setInterval(5)
    qtbot.mouseClick(stage.play_button, Qt.MouseButton.LeftButton)
    assert stage.play_button.isChecked()
    qtbot.waitUntil(lambda: not stage.play_button.isChecked(), timeout=3000)
    assert stage.index == len(stage.positions) - 1
    assert stage.play_button.text() == "▶ Play"


def test_layout_kit(qtbot, stage):
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.animation_box
    assert set(stage.panels()) == {"inputs", "results", "sliding kernel",
                                   "comparisons"}
    assert "3×3 kernel" in stage.caption.text()
    _type(qtbot, stage.inputs["kernel"], "9")
    assert "5×5 kernel" in stage.caption.text()  # the animation's largest


def test_animation_stacks_kernel_over_output_when_tall(qtbot, stage):
    view = stage.animation
    view.resize(900, 300)  # wide: input | kernel | output in a row
    cell, corners = view._layout()
    assert corners["kernel"][1] == corners["output"][1]
    view.resize(420, 420)  # squarer: the kernel above the output, larger cells
    tall_cell, corners = view._layout()
    assert corners["kernel"][0] == corners["output"][0]
    assert corners["output"][1] > corners["kernel"][1]
    assert tall_cell > 420 / 17.6  # larger than side by side would give


def test_no_stray_windows(stage):
    from PySide6.QtWidgets import QApplication

    stray = [w for w in QApplication.topLevelWidgets()
             if w.isVisible() and w is not stage
             and type(w).__module__.startswith("dlviz")]
    assert stray == []


def test_an_out_of_range_value_is_refused_not_cut(qtbot, stage):
    """Kernel 300 (at most 15) is refused with the reason, never read as 3; the
    last valid value stays in force and the field turns red until fixed."""
    _type(qtbot, stage.inputs["kernel"], "5")
    _type(qtbot, stage.inputs["kernel"], "300")
    edit = stage.inputs["kernel"]
    assert edit.text() == "300"  # what was typed stays to be corrected
    assert stage.values()["kernel"] == 5
    assert edit.styleSheet() != ""
    assert "Kernel k: must be at most 15" in stage.caption.text()
    assert stage.results["out_shape"].text().startswith("24 × 24")  # 28 − 5 + 1
    _type(qtbot, stage.inputs["stride"], "abc")
    assert "is not a number" in stage.caption.text()
    assert "must be at most 15" in stage.caption.text()  # both said
    _type(qtbot, stage.inputs["kernel"], "7")
    assert stage.values()["kernel"] == 7 and edit.styleSheet() == ""
    assert "must be at most 15" not in stage.caption.text()
    _type(qtbot, stage.inputs["stride"], "1")
    assert "value not applied" not in stage.caption.text()


def test_groups_must_divide_the_channels(qtbot, stage):
    from dlviz.core import convmath as cm

    _type(qtbot, stage.inputs["in_channels"], "32")
    _type(qtbot, stage.inputs["out_channels"], "64")
    _type(qtbot, stage.inputs["groups"], "3")
    assert stage.values()["groups"] == 1
    assert "must divide the channels in and out (32)" in stage.caption.text()
    _type(qtbot, stage.inputs["groups"], "4")
    assert stage.values()["groups"] == 4
    assert stage.results["params_nobias"].text() == "3·3·8·64 = 4,608"
    _type(qtbot, stage.inputs["groups"], str(cm.GROUPS_PARAM.maximum + 1))
    assert f"must be at most {cm.GROUPS_PARAM.maximum}" in stage.caption.text()


def test_lesson_scenes_set_the_inputs(stage):
    """Scenes call ``inputs[key].setValue(value)`` (classroom.scenes)."""
    for key, value in {"input_size": 32, "kernel": 5, "padding": 0,
                       "in_channels": 1, "out_channels": 6}.items():
        stage.inputs[key].setValue(value)
    assert stage.values()["kernel"] == 5
    assert stage.results["out_shape"].text() == "28 × 28 × 6"
    assert stage.results["params_bias"].text().endswith("= 156")
