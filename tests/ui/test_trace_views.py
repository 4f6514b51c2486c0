"""The step-through panel on a real recorded step: keys, buttons, diagram clicks."""

from __future__ import annotations

import os

import pytest
import torch
from PySide6.QtCore import Qt

from dlviz.core.trace import record_supervised_step
from dlviz.ui.trace import StepThroughPanel
from dlviz.ui.trace.diagram import PHASE_COLORS
from dlviz.ui.trace.inspector import display_kind

torch.set_num_threads(1)


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.relu = torch.nn.ReLU(inplace=True)
        self.conv2 = torch.nn.Conv2d(4, 1, 3, padding=1)
        self.flat = torch.nn.Flatten()
        self.fc = torch.nn.Linear(64, 3)

    def forward(self, x):
        return self.fc(self.flat(x + self.conv2(self.relu(self.conv(x)))))


@pytest.fixture
def trace():
    torch.manual_seed(0)
    model = Block()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    x, y = torch.randn(4, 1, 8, 8), torch.randint(0, 3, (4,))
    return record_supervised_step(model, x, y, torch.nn.CrossEntropyLoss(), opt)


@pytest.fixture
def panel(qtbot, trace):
    widget = StepThroughPanel()
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_trace(trace)
    return widget


def test_keys_and_buttons_move_through_the_events(qtbot, panel, trace):
    assert panel.index == 0 and panel.phase_label.text() == "Input"
    qtbot.keyClick(panel, Qt.Key.Key_Right)
    assert panel.index == 1 and panel.phase_label.text() == "Forward"
    assert panel.diagram.current == ("model", "conv")
    assert panel.diagram.boxes[("model", "conv")].highlighted == "forward"
    qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert panel.index == 0
    qtbot.keyClick(panel, Qt.Key.Key_End)
    assert panel.index == len(trace.events) - 1
    assert panel.phase_label.text() == "Update"
    assert not panel.step_button.isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_Home)
    assert panel.index == 0 and not panel.back_button.isEnabled()
    loss = trace.phase_events("loss")[0].index
    for _ in range(loss):
        qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.phase_label.text() == "Loss"
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.phase_label.text() == "Backward"
    assert panel.diagram.current == ("model", "fc")
    assert panel.diagram.boxes[("model", "fc")].highlighted == "backward"
    assert panel.diagram.boxes[("model", "conv")].highlighted == ""
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.index == loss
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    assert panel.index == len(trace.events) - 1
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.index == 0


def test_phase_colours_differ_between_forward_and_backward():
    assert PHASE_COLORS["forward"] != PHASE_COLORS["backward"]


def test_clicking_a_box_jumps_to_its_event(qtbot, panel, trace):
    box = panel.diagram.boxes[("model", "conv2")]
    panel.diagram.centerOn(box)
    point = panel.diagram.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(panel.diagram.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert panel.index == trace.find("forward", "conv2").index
    assert panel.diagram.current == ("model", "conv2")
    # in the backward phase a click goes to that layer's backward event
    panel.jump_to(trace.find("backward", "fc").index)
    box = panel.diagram.boxes[("model", "conv")]
    panel.diagram.centerOn(box)
    point = panel.diagram.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(panel.diagram.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert panel.index == trace.find("backward", "conv").index


def test_diagram_has_a_box_per_layer_and_a_skip_arrow(panel, trace):
    graph = trace.graphs["model"]
    assert set(panel.diagram.boxes) == {("model", n.path) for n in graph.nodes}
    assert ("input", "flat") in graph.edges and graph.is_skip(("input", "flat"))
    before = panel.diagram.transform().m11()
    panel.diagram.zoom(1.15)
    assert panel.diagram.transform().m11() == pytest.approx(before * 1.15)


def test_inspector_shows_fitting_views(panel, trace):
    panel.jump_to(trace.find("forward", "conv").index)
    out_pane = panel.inspector.panes[1]
    assert out_pane.kind == "grid" and out_pane.isVisible()
    assert "Conv2d" in panel.inspector.formula.text()
    assert "= 8" in panel.inspector.formula.text()  # output size with numbers
    panel.jump_to(trace.find("backward", "fc").index)
    captions = [p.caption.text() for p in panel.inspector.panes if p.isVisible()]
    assert captions[0].startswith("Activation") and "∂L/∂output" in captions[1]
    panel.jump_to(trace.find("update", "fc").index)
    captions = [p.caption.text() for p in panel.inspector.panes if p.isVisible()]
    assert [c.split()[0] for c in captions] == ["Before", "After", "Δ"]
    assert "momentum_buffer" in panel.inspector.extra.text()


def test_record_button_emits_the_signal(qtbot, panel):
    with qtbot.waitSignal(panel.record_requested, timeout=1000):
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)


def test_gradient_norm_chart_has_one_bar_per_layer_with_weights(panel, trace):
    rows = [r for r in trace.gradient_norms() if r["weight"] > 0]
    assert len(panel._norm_rows) == len(rows) == 3


def test_display_kind_by_shape():
    import numpy as np

    assert display_kind(np.zeros((4, 8, 8))) == "grid"
    assert display_kind(np.zeros((8, 8))) == "heatmap"
    assert display_kind(np.zeros(10)) == "bars"
    assert display_kind(np.zeros(500)) == "heatmap"
    assert display_kind(np.zeros((16, 1, 1))) == "bars"
    assert display_kind(np.zeros(())) == "value"


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_screenshots(qtbot, panel, trace, size):
    os.makedirs("/tmp/shots", exist_ok=True)
    panel.resize(*size)
    panel.jump_to(trace.find("backward", "conv").index)
    image = panel.grab()
    assert image.width() == size[0]
    image.save(f"/tmp/shots/trace_panel_{size[0]}x{size[1]}.png")
