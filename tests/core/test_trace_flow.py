"""The step-through trace follows the real data flow and explains each step.

* the diagram's graph: edges equal the true producer → consumer relations (torch.fx
  on the same model), branches stand side by side and meet at join nodes;
* short, unique box names from real module paths;
* recurrent cells: the equations of one unit with its numbers, forward and backward;
* the VAE's sampling and KL term, the contrastive and distillation losses, and the
  optimizers lab name what they show.
"""

from __future__ import annotations

import copy
import math
import operator

import pytest
import torch
import torch.fx as fx
import torch.nn.functional as F
from torch import nn

from dlviz.core.labs import get_lab
from dlviz.core.trace import (
    MAX_TITLE,
    describe_module,
    node_titles,
    record_supervised_step,
    short_path,
)
from dlviz.core.trace.names import format_detail

torch.set_num_threads(1)
CPU = torch.device("cpu")

SMALL = {
    "samples": 200, "batch_size": 8, "neurons": 8, "hidden": 8, "length": 12,
    "width": 0.25, "d_model": 16, "ffn": 32, "heads": 2, "embed": 8,
    "g_width": 8, "d_width": 8, "layers": 1,
}


def _task(key: str, **overrides):
    spec = get_lab(key)
    values = {}
    for p in spec.all_params():
        if p.key not in SMALL:
            continue
        value = int(SMALL[p.key]) if p.kind == "int" else SMALL[p.key]
        if p.minimum is not None:
            value = max(p.minimum, value)
        if p.maximum is not None:
            value = min(p.maximum, value)
        values[p.key] = value
    values.update(overrides)
    return spec.create(values, CPU)


# -- 1. the data flow ----------------------------------------------------------------
_JOIN_FUNCTIONS = {operator.add: "+", operator.iadd: "+", torch.add: "+",
                   torch.cat: "concat"}


def _fx_flow(model: nn.Module):
    """(edges, joins) of ``model`` by torch.fx: the true relations between its leaf
    modules, independent of the recorder.

    An edge (a, b): module ``b`` reads what module ``a`` computed, through any
    operations that are no modules (``input`` for the model's input, ``loss`` for
    its output). A join (op, sources, targets): an add / cat of the outputs of two
    or more modules that modules read.
    """
    leaves = {name for name, m in model.named_modules() if not any(m.children())}
    graph = fx.symbolic_trace(model).graph

    def producers(node, seen=None) -> list[str]:
        seen = set() if seen is None else seen
        if node in seen:
            return []
        seen.add(node)
        if node.op == "placeholder":
            return ["input"]
        if node.op == "call_module" and node.target in leaves:
            return [node.target]
        found = []
        for arg in node.all_input_nodes:
            found += [p for p in producers(arg, seen) if p not in found]
        return found

    def join_of(node):
        """The add/cat where two or more modules meet just before ``node``."""
        while node.op != "call_module" and node.op != "placeholder":
            op = _JOIN_FUNCTIONS.get(node.target) if node.op == "call_function" \
                else None
            inputs = node.all_input_nodes
            if op is not None and len(inputs) >= 2:
                sources = producers(node)
                return (op, frozenset(sources)) if len(sources) >= 2 else None
            if len(inputs) != 1:
                return None
            node = inputs[0]
        return None

    edges, joins = set(), {}
    for node in graph.nodes:
        if node.op == "call_module" and node.target in leaves:
            for arg in node.all_input_nodes:
                edges |= {(p, node.target) for p in producers(arg)}
                join = join_of(arg)
                if join is not None:
                    joins.setdefault(join, set()).add(node.target)
        elif node.op == "output":
            edges |= {(p, "loss") for p in producers(node)}
    return edges, {(op, s, frozenset(t)) for (op, s), t in joins.items()}


def _recorded_joins(graph):
    return {(j.op, frozenset(j.sources), frozenset(j.targets)) for j in graph.joins}


@pytest.fixture(scope="module")
def traces():
    """One traced step of each lab whose diagram has branches."""
    out = {}
    for key in ("resnet", "googlenet", "segmentation", "detection"):
        task = _task(key)
        model = copy.deepcopy(task.modules()["model"])
        out[key] = (model, task.trace_step())
    return out


@pytest.mark.parametrize("key", ["resnet", "googlenet", "segmentation"])
def test_edges_and_joins_equal_the_true_data_flow(traces, key):
    model, trace = traces[key]
    graph = trace.graphs["model"]
    edges, joins = _fx_flow(model)
    assert set(graph.edges) == edges
    assert _recorded_joins(graph) == joins
    assert joins  # each of these networks adds or concatenates outputs


def test_detection_heads_read_the_backbone_side_by_side(traces):
    _, trace = traces["detection"]
    graph = trace.graphs["model"]
    backbone = [f"backbone.{i}" for i in range(11)]
    chain = list(zip(["input", *backbone], backbone))
    heads = [("backbone.10", "class_head"), ("backbone.10", "box_head"),
             ("class_head", "loss"), ("box_head", "loss")]
    assert sorted(graph.edges) == sorted(chain + heads)
    assert ("class_head", "box_head") not in graph.flow_edges()
    place = graph.layout()
    assert place["class_head"][0] == place["box_head"][0]  # same row
    assert place["class_head"][1] != place["box_head"][1]  # their own columns


def test_resnet_shortcut_runs_beside_the_block(traces):
    _, trace = traces["resnet"]
    graph = trace.graphs["model"]
    block = "stages.1.0"
    assert (f"{block}.bn2", f"{block}.downsample.0") not in graph.flow_edges()
    (join,) = [j for j in graph.joins if j.targets == [f"{block}.relu2"]]
    assert join.op == "+"
    assert set(join.sources) == {f"{block}.bn2", f"{block}.downsample.1"}
    assert (f"{block}.bn2", join.key) in graph.flow_edges()
    assert (join.key, f"{block}.relu2") in graph.flow_edges()
    place = graph.layout()
    conv1, down = place[f"{block}.conv1"], place[f"{block}.downsample.0"]
    assert conv1[0] == down[0] and conv1[1] != down[1]  # side by side
    assert place[join.key][0] > place[f"{block}.bn2"][0]
    assert place[f"{block}.relu2"][0] > place[join.key][0]


def test_googlenet_branches_leave_one_box_and_meet_at_one_concat(traces):
    _, trace = traces["googlenet"]
    graph = trace.graphs["model"]
    place = graph.layout()
    flow = graph.flow_edges()
    heads = ["inceptions.0.branch1.0", "inceptions.0.branch2.0.0",
             "inceptions.0.branch3.0.0", "inceptions.0.branch4.0"]
    tails = ["inceptions.0.branch1.2", "inceptions.0.branch2.1.2",
             "inceptions.0.branch3.1.2", "inceptions.0.branch4.1.2"]
    preds = [{a for a, b in flow if b == head} for head in heads]
    assert all(p == {"stem.1"} for p in preds)  # a common predecessor
    (join,) = [j for j in graph.joins if set(j.sources) == set(tails)]
    assert join.op == "concat"  # a common join
    assert all((tail, join.key) in flow for tail in tails)
    assert {place[h][0] for h in heads} == {place["stem.1"][0] + 1}
    assert len({place[h][1] for h in heads}) == 4  # four columns
    for a, b in (("inceptions.0.branch1.2", "inceptions.0.branch2.0.0"),
                 ("inceptions.0.branch2.1.2", "inceptions.0.branch3.0.0")):
        assert (a, b) not in flow  # no arrow from one branch into the next


def test_segmentation_skip_branch_is_not_after_up2(traces):
    _, trace = traces["segmentation"]
    graph = trace.graphs["model"]
    assert ("up2", "score_skip") not in graph.flow_edges()
    (join,) = graph.joins
    assert join.op == "+" and set(join.sources) == {"up2", "score_skip"}
    place = graph.layout()
    assert place["score_skip"][1] != place["up2"][1]


def test_inputs_without_a_gradient_come_from_the_data_or_their_producer():
    """The seq2seq decoder's embedding reads target tokens (the data), not the
    module that happened to run before it; a detached output keeps its producer."""
    trace = _task("seq2seq").trace_step()
    into = {a for a, b in trace.graphs["model"].edges if b == "model.tgt_embed"}
    assert into == {"input"}
    torch.manual_seed(0)
    gen, disc = nn.Sequential(nn.Linear(2, 4), nn.Tanh()), nn.Linear(4, 1)
    from dlviz.core.trace import TraceRecorder

    with TraceRecorder({"G": gen, "D": disc}) as rec:
        with torch.no_grad():
            fake = gen(rec.input(torch.randn(3, 2), role="G"))
        rec.loss(disc(fake.detach()).mean(), role="D")
    assert ("0", "1") in rec.trace.graphs["G"].edges  # found by the shared memory


def test_generator_loss_is_reached_from_its_last_layer():
    """G's loss is computed by D from G's output: in G's diagram the loss follows
    G's last layer, not the input."""
    trace = _task("dcgan").trace_step()
    graph = trace.graphs["G"]
    last = graph.nodes[-2].path
    assert {a for a, b in graph.edges if b == "loss"} == {last}
    assert graph.layout()["loss"] == (graph.layout()[last][0] + 1,
                                      graph.layout()[last][1])


def test_every_lab_layout_puts_boxes_in_distinct_cells():
    """Layouts of the recorded graphs: one box per cell, readers below writers."""
    for key in ("transformer", "vae", "siamese"):
        trace = _task(key).trace_step()
        for graph in trace.graphs.values():
            place = graph.layout()
            assert set(place) == {n.path for n in graph.nodes} | {
                j.key for j in graph.joins}
            assert len(set(place.values())) == len(place)
            order = graph.flow_order()
            for a, b in graph.flow_edges():
                if order.index(a) < order.index(b):
                    assert place[a][0] < place[b][0], (key, a, b)


# -- 2. short names -------------------------------------------------------------------
def _leaf_paths(model: nn.Module) -> list[str]:
    return [p for p, m in model.named_modules() if p and not any(m.children())]


def test_short_names_of_transformer_paths():
    model = _task("transformer").modules()["model"]
    paths = _leaf_paths(model)
    assert "encoder.0.self_attn.q_proj" in paths or any(
        p.endswith("encoder.0.self_attn.q_proj") for p in paths)
    prefix = "model." if paths[0].startswith("model.") else ""
    assert short_path(f"{prefix}encoder.0.self_attn.q_proj") == "enc0.self_attn.q"
    assert short_path(f"{prefix}decoder.0.cross_attn.out_proj") == (
        "dec0.cross_attn.out")
    titles = node_titles(paths)
    qkv = [titles[f"{prefix}encoder.0.self_attn.{x}_proj"] for x in "qkv"]
    assert qkv == ["enc0.self_attn.q", "enc0.self_attn.k", "enc0.self_attn.v"]
    assert len(set(titles.values())) == len(titles)  # q, k, v ... all differ
    assert all(len(t) <= MAX_TITLE for t in titles.values())


def test_short_names_of_resnet_paths():
    model = _task("resnet").modules()["model"]
    paths = _leaf_paths(model)
    assert short_path("stages.1.0.bn2") == "stage1.0.bn2"
    assert short_path("stages.1.0.downsample.0") == "stage1.0.down.0"
    titles = node_titles(paths)
    assert titles["stages.1.0.bn2"] == "stage1.0.bn2"
    assert "stages.1.0.downsample.0" not in titles  # an index: named by what it does
    down = model.get_submodule("stages.1.0.downsample.0")
    assert format_detail(describe_module(down)) == (
        f"conv 1×1/2 → {down.out_channels}")
    assert len(set(titles.values())) == len(titles)
    assert all(len(t) <= MAX_TITLE for t in titles.values())


def test_nin_boxes_are_named_by_what_they_do():
    task = _task("nin")
    model = task.modules()["model"]
    trace = task.trace_step()
    nodes = {n.path: n for n in trace.graphs["model"].nodes}
    conv = model.get_submodule("0.0")
    k, s = conv.kernel_size[0], conv.stride[0]
    stride = f"/{s}" if s > 1 else ""
    assert nodes["0.0"].name == f"conv {k}×{k}{stride} → {conv.out_channels}"
    assert nodes["0.1"].name == "ReLU"
    assert nodes["0.2"].name == f"conv 1×1 → {model.get_submodule('0.2').out_channels}"
    assert all(n.name not in ("0.0", "0.2") for n in nodes.values())
    assert all(len(n.name) <= MAX_TITLE for n in nodes.values())


# -- 3. recurrent cells ---------------------------------------------------------------
class Unrolled(nn.Module):
    def __init__(self, cell: nn.Module, steps: int = 4):
        super().__init__()
        self.cell, self.steps = cell, steps
        self.head = nn.Linear(cell.hidden_size, 2)

    def forward(self, x):
        h = torch.zeros(x.shape[0], self.cell.hidden_size)
        state = (h, h) if "LSTM" in type(self.cell).__name__ else h
        for t in range(self.steps):
            state = self.cell(x[:, t], state)
        return self.head(state[0] if isinstance(state, tuple) else state)


def _manual(kind: str, cell: nn.Module, x: torch.Tensor, y: torch.Tensor):
    """Every gate and state of an unrolled cell by hand (autograd keeps their
    gradients), with the same weights."""
    H = cell.hidden_size
    w, u = cell.weight_ih, cell.weight_hh
    b_i, b_h = cell.bias_ih, cell.bias_hh
    h = torch.zeros(x.shape[0], H)
    c = torch.zeros(x.shape[0], H)
    steps = []
    for t in range(x.shape[1]):
        gi = x[:, t] @ w.T + b_i
        gh = h @ u.T + b_h
        v: dict[str, torch.Tensor] = {"h_prev": h, "c_prev": c}
        if kind == "lstm":
            pi, pf, pg, po = (gi + gh).chunk(4, 1)
            v.update(i=torch.sigmoid(pi), f=torch.sigmoid(pf), g=torch.tanh(pg),
                     o=torch.sigmoid(po))
            c = v["f"] * c + v["i"] * v["g"]
            h = v["o"] * torch.tanh(c)
            v["c"] = c
        elif kind == "gru":
            ir, iz, in_ = gi.chunk(3, 1)
            hr, hz, hn = gh.chunk(3, 1)
            v.update(r=torch.sigmoid(ir + hr), z=torch.sigmoid(iz + hz))
            v["n"] = torch.tanh(in_ + v["r"] * hn)
            h = (1 - v["z"]) * v["n"] + v["z"] * h
        else:
            v["pre"] = gi + gh
            h = torch.tanh(v["pre"])
        v["h"] = h
        for t_ in v.values():
            if t_.requires_grad:
                t_.retain_grad()
        steps.append(v)
    return steps, h


class _FusedStep(torch.autograd.Function):
    """An LSTM step whose h and c come out of one autograd node, like PyTorch's
    fused GPU kernel: the gradient caught at c then lacks the path through h."""

    @staticmethod
    def forward(ctx, x, h, c, w, u, b_i, b_h):
        with torch.enable_grad():
            inputs = [t.detach().requires_grad_(True) for t in (x, h, c, w, u, b_i,
                                                                 b_h)]
            x_, h_, c_, w_, u_, bi_, bh_ = inputs
            pi, pf, pg, po = (x_ @ w_.T + bi_ + h_ @ u_.T + bh_).chunk(4, 1)
            c_new = torch.sigmoid(pf) * c_ + torch.sigmoid(pi) * torch.tanh(pg)
            h_new = torch.sigmoid(po) * torch.tanh(c_new)
        ctx.inputs, ctx.outputs = inputs, (h_new, c_new)
        return h_new.detach(), c_new.detach()

    @staticmethod
    def backward(ctx, grad_h, grad_c):
        return torch.autograd.grad(ctx.outputs, ctx.inputs, (grad_h, grad_c),
                                   allow_unused=True)


class LSTMCell(nn.Module):
    """A fused LSTM cell with torch's parameter layout (named like torch's)."""

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        twin = nn.LSTMCell(input_size, hidden_size)
        self.input_size, self.hidden_size = input_size, hidden_size
        self.weight_ih, self.weight_hh = twin.weight_ih, twin.weight_hh
        self.bias_ih, self.bias_hh = twin.bias_ih, twin.bias_hh

    def forward(self, x, state):
        h, c = state
        return _FusedStep.apply(x, h, c, self.weight_ih, self.weight_hh,
                                self.bias_ih, self.bias_hh)


@pytest.mark.parametrize("kind, cell_type", [
    ("lstm", "dlviz"), ("lstm", "torch"), ("lstm", "fused"), ("gru", "dlviz"),
    ("gru", "torch"), ("rnn", "dlviz"), ("rnn", "torch"),
])
def test_cell_equations_show_one_unit_with_its_numbers(kind, cell_type):
    from dlviz.core.rnn import cells

    torch.manual_seed(0)
    if cell_type == "dlviz":
        cell = cells.CELLS[kind](3, 5)
    elif cell_type == "fused":
        cell = LSTMCell(3, 5)
    else:
        cell = {"lstm": nn.LSTMCell, "gru": nn.GRUCell, "rnn": nn.RNNCell}[kind](3, 5)
    model = Unrolled(cell)
    twin = copy.deepcopy(model)
    x, y = torch.randn(6, 4, 3), torch.randint(0, 2, (6,))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    steps, h = _manual(kind, twin.cell, x, y)
    loss = F.cross_entropy(twin.head(h), y)
    loss.backward()
    j = 0
    for t in range(4):
        fwd = trace.find("forward", "cell", call=t)
        v = steps[t]
        s = fwd.scalars
        assert s["cell.unit"] == j and s["cell.t"] == t
        gates = {"lstm": "figo", "gru": "rz", "rnn": ""}[kind]
        for gate in gates:
            assert s[f"cell.{gate}"] == pytest.approx(float(v[gate][0, j].detach()),
                                                      abs=1e-6)
            assert f"{s[f'cell.{gate}']:.4f}".replace("-", "−") in fwd.formula
        if kind == "lstm":
            assert s["cell.c"] == pytest.approx(float(v["c"][0, j].detach()), abs=1e-6)
            assert s["cell.c_prev"] == pytest.approx(
                float(v["c_prev"][0, j].detach()), abs=1e-6)
            assert "c_t = f·c_{t−1} + i·g" in fwd.formula
        if kind == "gru":
            assert s["cell.n"] == pytest.approx(float(v["n"][0, j].detach()), abs=1e-6)
        if kind == "rnn":
            assert s["cell.h.pre"] == pytest.approx(float(v["pre"][0, j].detach()),
                                                    abs=1e-6)
        assert s["cell.h"] == pytest.approx(float(v["h"][0, j].detach()), abs=1e-6)
        # W·x, U·h and b of the first gate add up to its pre-activation
        first = {"lstm": "f", "gru": "r", "rnn": "h"}[kind]
        parts = [s[f"cell.{first}.{k}"] for k in ("wx", "uh", "b")]
        assert sum(parts) == pytest.approx(s[f"cell.{first}.pre"], abs=1e-9)
        # backward: the gradient reaching h_t (and c_t), and the gates'
        back = trace.find("backward", "cell", call=t).scalars
        assert back["cell.dh"] == pytest.approx(float(v["h"].grad[0, j]), rel=1e-4,
                                                abs=1e-9)
        if kind == "lstm":
            assert back["cell.dc"] == pytest.approx(float(v["c"].grad[0, j]),
                                                    rel=1e-3, abs=1e-9)
            for gate in "figo":
                assert back[f"cell.d{gate}"] == pytest.approx(
                    float(v[gate].grad[0, j]), rel=1e-3, abs=1e-9)
        elif kind == "gru":
            for gate in "zn":
                assert back[f"cell.d{gate}"] == pytest.approx(
                    float(v[gate].grad[0, j]), rel=1e-4, abs=1e-9)
        else:
            assert back["cell.dpre"] == pytest.approx(float(v["pre"].grad[0, j]),
                                                      rel=1e-4, abs=1e-9)
        assert "δh = ∂L/∂h_t" in trace.find("backward", "cell", call=t).formula


@pytest.mark.parametrize("key", ["rnn", "lstm", "gru"])
def test_recurrent_labs_show_the_cell_equations(key):
    trace = _task(key).trace_step()
    events = [e for e in trace.events if e.phase == "forward" and "Cell" in e.kind]
    assert len(events) > 2
    for event in events[:3]:
        h = event.scalars["cell.h"]
        recorded = float(event.tensors["output"].sample.reshape(-1)[0])
        assert h == pytest.approx(recorded, abs=1e-5)  # the unit's real output
        assert f"{h:.4f}".replace("-", "−") in event.formula
        assert event.formula.count("\n") >= 2
    back = [e for e in trace.events if e.phase == "backward" and "Cell" in e.kind]
    assert all("cell.dh" in e.scalars for e in back)


# -- 4. the VAE -----------------------------------------------------------------------
def test_vae_trace_samples_between_encoder_and_decoder():
    task = _task("vae")
    trace = task.trace_step()
    forward = [e.path for e in trace.events if e.phase == "forward"]
    assert forward.index("encoder.4") + 1 == forward.index("sample z")
    assert forward.index("sample z") + 1 == forward.index("decoder.0")
    loss = trace.phase_events("loss")[0]
    kl = trace.find("forward", "KL")
    assert forward.index("decoder.5") < forward.index("KL")
    assert kl.index < loss.index
    # z = μ + σ·ε with the numbers of the first sample's first dimension
    z = trace.find("forward", "sample z")
    s = z.scalars
    assert s["sigma"] == pytest.approx(math.exp(0.5 * s["logvar"]), rel=1e-6)
    assert s["z"] == pytest.approx(s["mu"] + s["sigma"] * s["eps"], abs=1e-6)
    assert s["z"] == pytest.approx(float(z.tensors["output"].sample[0]), abs=1e-7)
    assert s["mu"] == pytest.approx(float(z.tensors["mu"].sample[0]), abs=1e-7)
    assert f"{s['z']:.4f}".replace("-", "−") in z.formula
    # the KL event's value is the loss's KL part
    assert kl.scalars["kl"] == pytest.approx(loss.scalars["kl"], rel=1e-6)
    assert kl.scalars["kl"] == pytest.approx(trace.metrics["kl"], rel=1e-6)
    assert f"{kl.scalars['kl']:.4f}" in kl.formula
    graph = trace.graphs["model"]
    assert ("encoder.4", "sample z") in graph.edges
    assert ("sample z", "decoder.0") in graph.edges
    assert ("KL", "loss") in graph.edges
    # backward events for both, with ∂L/∂z's numbers
    back = trace.find("backward", "sample z")
    assert back.scalars["dsigma"] == pytest.approx(back.scalars["dz"] * s["eps"])
    assert "KL" in [e.path for e in trace.events if e.phase == "backward"]


def test_vae_kl_first_sample_matches_torch():
    from dlviz.core.trace import formulas

    mu, logvar = torch.randn(5, 2), torch.randn(5, 2)
    kl = (0.5 * (mu**2 + logvar.exp() - logvar - 1).sum(1)).mean()
    text, s = formulas.kl_term(mu, logvar, kl)
    first = 0.5 * float((mu[0]**2 + logvar[0].exp() - logvar[0] - 1).sum())
    assert s["kl_first"] == pytest.approx(first, rel=1e-6)
    assert s["kl"] == pytest.approx(float(kl), rel=1e-6)


# -- 5. metric-learning losses --------------------------------------------------------
def test_siamese_loss_event_has_the_contrastive_numbers(monkeypatch):
    from dlviz.core.metric import siamese

    task = _task("siamese")
    seen = {}
    original = siamese.contrastive_loss

    def spy(distance, same, margin):
        seen.update(d=distance.detach().clone(), same=same.clone(), margin=margin)
        return original(distance, same, margin)

    monkeypatch.setattr(siamese, "contrastive_loss", spy)
    trace = task.trace_step()
    event = trace.phase_events("loss")[0]
    d, same, margin = seen["d"], seen["same"].float(), seen["margin"]
    s = event.scalars
    assert s["distance"] == pytest.approx(float(d[0]), rel=1e-6)
    assert s["label"] == float(same[0]) and s["margin"] == margin
    pair = float(same[0] * 0.5 * d[0] ** 2
                 + (1 - same[0]) * 0.5 * torch.clamp(margin - d[0], min=0) ** 2)
    assert s["pair_loss"] == pytest.approx(pair, rel=1e-5, abs=1e-9)
    assert s["loss"] == pytest.approx(float(original(d, seen["same"], margin)),
                                      rel=1e-6)
    text = event.formula
    assert "max(0, m − d)" in text and f"{s['distance']:.4f}" in text
    assert f"m = {margin:g}" in text and f"{s['loss']:.4f}" in text


def test_distillation_loss_event_has_the_soft_targets_and_terms(monkeypatch):
    from dlviz.core.metric import distill

    task = _task("distillation")
    seen = {}
    original = distill.distillation_loss

    def spy(student_logits, teacher_logits, labels, temperature, alpha):
        seen.update(zs=student_logits.detach().clone(), zt=teacher_logits.clone(),
                    y=labels.clone(), T=temperature, alpha=alpha)
        return original(student_logits, teacher_logits, labels, temperature, alpha)

    monkeypatch.setattr(distill, "distillation_loss", spy)
    trace = task.trace_step()
    event = trace.phase_events("loss")[0]
    zs, zt, y, T, alpha = (seen[k] for k in ("zs", "zt", "y", "T", "alpha"))
    kl = float(F.kl_div(F.log_softmax(zs / T, -1), F.softmax(zt / T, -1),
                        reduction="batchmean"))
    ce = float(F.cross_entropy(zs, y))
    s = event.scalars
    assert s["T"] == T and s["alpha"] == alpha
    assert s["kl"] == pytest.approx(kl, rel=1e-5)
    assert s["soft"] == pytest.approx(kl * T * T, rel=1e-5)
    assert s["ce"] == pytest.approx(ce, rel=1e-5)
    assert s["total"] == pytest.approx(s["loss"], rel=1e-5)
    pt = F.softmax(zt[0] / T, -1).numpy()
    ps = F.softmax(zs[0] / T, -1).numpy()
    assert event.tensors["teacher_soft"].sample == pytest.approx(pt, abs=1e-6)
    assert event.tensors["student_soft"].sample == pytest.approx(ps, abs=1e-6)
    text = event.formula
    for number in (f"{s['soft']:.4f}", f"{ce:.4f}", f"{s['loss']:.4f}",
                   f"{float(pt[0]):.2f}"):
        assert number in text
    assert f"T = {T:g}, α = {alpha:g}" in text


# -- 6. the optimizers lab ------------------------------------------------------------
def test_optimizer_updates_name_the_optimizer_and_have_a_box():
    task = _task("optimizers")
    trace = task.trace_step()
    assert trace.roles == "optimizer"
    updates = trace.phase_events("update")
    assert updates
    kinds = {r.name: type(r.optimizer).__name__ for r in task.racers}
    for event in updates:
        assert event.optimizer == kinds[event.role]
        assert event.optimizer in event.title + event.role
        graph = trace.graphs[event.role]
        assert event.path in graph.order()  # the box that the update highlights
        assert graph.optimizer == kinds[event.role]
