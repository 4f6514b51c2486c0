"""What the step-through shows: branches side by side with join nodes, short box
names that are never cut, a cell's equations, the optimizer being stepped."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from dlviz.core.labs import get_lab
from dlviz.core.trace import TraceRecorder, record_supervised_step
from dlviz.ui.trace import StepThroughPanel
from dlviz.ui.trace.diagram import BOX_W, JoinNode, LayerBox

torch.set_num_threads(1)


class Branches(nn.Module):
    """A stem, an inception-like block of three branches, a residual add."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.b1 = nn.Conv2d(4, 2, 1)
        self.b3 = nn.Sequential(nn.Conv2d(4, 2, 1), nn.ReLU(), nn.Conv2d(2, 2, 3,
                                                                         padding=1))
        self.bpool = nn.MaxPool2d(3, stride=1, padding=1)
        self.mix = nn.Conv2d(8, 4, 1)
        self.relu = nn.ReLU()
        self.flat = nn.Flatten()
        self.fc = nn.Linear(4 * 8 * 8, 3)

    def forward(self, x):
        x = self.stem(x)
        y = torch.cat([self.b1(x), self.b3(x), self.bpool(x)], dim=1)
        return self.fc(self.flat(self.relu(self.mix(y) + x)))


class Attention(nn.Module):
    """Paths like the transformer lab's: q, k and v differ only in their last part."""

    def __init__(self):
        super().__init__()
        self.q_proj, self.k_proj = nn.Linear(4, 4), nn.Linear(4, 4)
        self.v_proj, self.out_proj = nn.Linear(4, 4), nn.Linear(4, 4)

    def forward(self, x):
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        weights = torch.softmax(q @ k.transpose(1, 2) / 2.0, -1)
        return self.out_proj(weights @ v)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.self_attn = Attention()

    def forward(self, x):
        return self.self_attn(x)


class Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Module()
        self.model.encoder = nn.ModuleList([Encoder()])
        self.head = nn.Linear(4, 3)

    def forward(self, x):
        return self.head(self.model.encoder[0](x).mean(1))


def _panel(qtbot, trace, size=(1024, 700)):
    panel = StepThroughPanel()
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_trace(trace)
    return panel


def _step(model, x, y):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    return record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)


def test_branches_stand_side_by_side_and_meet_at_joins(qtbot):
    torch.manual_seed(0)
    trace = _step(Branches(), torch.randn(4, 1, 8, 8), torch.randint(0, 3, (4,)))
    panel = _panel(qtbot, trace)
    boxes = panel.diagram.boxes
    x = {path: boxes[("model", path)].scenePos().x()
         for path in ("stem", "b1", "b3.0", "bpool", "mix")}
    y = {path: boxes[("model", path)].scenePos().y()
         for path in ("stem", "b1", "b3.0", "bpool", "mix")}
    assert len({x["b1"], x["b3.0"], x["bpool"]}) == 3  # three columns
    assert y["b1"] == y["b3.0"] == y["bpool"] > y["stem"]  # one row, below the stem
    joins = list(panel.diagram.joins.values())
    assert sorted(j.op for j in joins) == ["+", "concat"]
    assert all(isinstance(j, JoinNode) and j.isVisible() for j in joins)
    concat = next(j for j in joins if j.op == "concat")
    assert y["b1"] < concat.scenePos().y() < y["mix"]
    # no arrow from a branch's end into the next branch
    flow = trace.graphs["model"].flow_edges()
    assert ("b1", "b3.0") not in flow and ("b3.2", "bpool") not in flow


def test_box_names_are_short_distinct_and_never_cut(qtbot):
    torch.manual_seed(0)
    trace = _step(Seq(), torch.randn(4, 5, 4), torch.randint(0, 3, (4,)))
    panel = _panel(qtbot, trace)
    names = {path: box.name for (_, path), box in panel.diagram.boxes.items()}
    assert names["model.encoder.0.self_attn.q_proj"] == "enc0.self_attn.q"
    assert names["model.encoder.0.self_attn.k_proj"] == "enc0.self_attn.k"
    assert names["model.encoder.0.self_attn.v_proj"] == "enc0.self_attn.v"
    assert names["head"] == "head"
    for box in panel.diagram.boxes.values():
        box_rect = box.sceneBoundingRect()
        for line in box.lines:
            rect = line.sceneBoundingRect()
            assert rect.right() <= box_rect.right() + 0.5, line.text()
            assert "…" not in line.text()
        assert box.toolTip().startswith(box.path)  # the full path on hover


def test_nin_boxes_say_what_the_layer_does(qtbot):
    spec = get_lab("nin")
    task = spec.create({"batch_size": 8, "width": 0.25}, torch.device("cpu"))
    trace = task.trace_step()
    panel = _panel(qtbot, trace)
    box = panel.diagram.boxes[("model", "0.0")]
    conv = task.modules()["model"].get_submodule("0.0")
    assert box.name.startswith(f"conv {conv.kernel_size[0]}×{conv.kernel_size[1]}")
    assert box.name.endswith(f"→ {conv.out_channels}")
    assert panel.diagram.boxes[("model", "0.1")].name == "ReLU"
    assert all(line.sceneBoundingRect().width() <= BOX_W for line in box.lines)


def test_cell_event_shows_its_equations_with_numbers(qtbot):
    torch.manual_seed(0)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.cell = nn.LSTMCell(3, 4)
            self.head = nn.Linear(4, 2)

        def forward(self, x):
            h = c = torch.zeros(x.shape[0], 4)
            for t in range(3):
                h, c = self.cell(x[:, t], (h, c))
            return self.head(h)

    trace = _step(Net(), torch.randn(5, 3, 3), torch.randint(0, 2, (5,)))
    panel = _panel(qtbot, trace)
    event = trace.find("forward", "cell", call=1)
    panel.jump_to(event.index)
    text = panel.inspector.formula.text()
    f = event.scalars["cell.f"]
    assert "c_t = f·c_{t−1} + i·g" in text
    assert "f = σ(" in text and f"{f:.4f}".replace("-", "−") in text
    back = trace.find("backward", "cell", call=1)
    panel.jump_to(back.index)
    text = panel.inspector.formula.text()
    assert "δh = ∂L/∂h_t" in text and "δc = ∂L/∂c_t" in text


def test_optimizer_lab_names_and_highlights_the_stepped_optimizer(qtbot):
    spec = get_lab("optimizers")
    task = spec.create({}, torch.device("cpu"))
    trace = task.trace_step()
    panel = _panel(qtbot, trace)
    texts = [item.text() for item in panel.diagram.scene().items()
             if hasattr(item, "text") and not isinstance(item.parentItem(), LayerBox)]
    assert not any(t.startswith("Network") for t in texts)
    for racer in task.racers:
        assert f"Optimizer {racer.name}" in texts
    update = next(e for e in trace.events if e.phase == "update" and e.role == "Adam")
    panel.jump_to(update.index)
    assert panel.diagram.current == ("Adam", update.path)
    assert panel.diagram.boxes[("Adam", update.path)].highlighted == "update"
    assert "Adam" in panel.position_label.text()
    assert "Adam step" in panel.inspector.title_text(update, trace)


def test_vae_steps_through_sampling_and_kl(qtbot):
    spec = get_lab("vae")
    task = spec.create({"batch_size": 8, "hidden": 8}, torch.device("cpu"))
    trace = task.trace_step()
    panel = _panel(qtbot, trace)
    sample = trace.find("forward", "sample z")
    panel.jump_to(sample.index)
    assert panel.diagram.current == ("model", "sample z")
    captions = [p.caption.text() for p in panel.inspector.panes if not p.isHidden()]
    assert [c.split()[0] for c in captions] == ["μ", "σ", "z"]
    assert "z = μ + σ·ε" in panel.inspector.formula.text()
    kl = trace.find("forward", "KL")
    panel.jump_to(kl.index)
    assert f"{kl.scalars['kl']:.4f}" in panel.inspector.formula.text()


@pytest.mark.parametrize("key", ["siamese", "distillation"])
def test_metric_losses_show_their_numbers(qtbot, key):
    spec = get_lab(key)
    task = spec.create({"batch_size": 8}, torch.device("cpu"))
    trace = task.trace_step()
    panel = _panel(qtbot, trace)
    loss = trace.phase_events("loss")[0]
    panel.jump_to(loss.index)
    text = panel.inspector.formula.text()
    assert f"{loss.scalars['loss']:.4f}" in text
    if key == "distillation":
        captions = [p.caption.text() for p in panel.inspector.panes if not p.isHidden()]
        assert captions[0].startswith("Teacher soft targets")
        assert "KL·T²" in text
    else:
        assert "max(0, m − d)" in text


def test_trace_recorder_roles_default_to_networks():
    with TraceRecorder({"D": nn.Linear(2, 1)}) as rec:
        pass
    assert rec.trace.roles == "network"
