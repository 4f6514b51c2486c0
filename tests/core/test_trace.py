"""The step-through trace: recording changes nothing, events, graphs, formulas."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from dlviz.core.trace import (
    TraceRecorder,
    conv_output_size,
    module_formula,
    record_supervised_step,
)

torch.set_num_threads(1)


class ResidualBlock(nn.Module):
    def __init__(self, c: int = 4):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(c)
        self.out_relu = nn.ReLU()

    def forward(self, x):
        branch = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        return self.out_relu(x + branch)


class ResNetTiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.block = ResidualBlock(4)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flat = nn.Flatten()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(self.flat(self.pool(self.block(self.stem(x)))))


class InceptionTiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.b1 = nn.Conv2d(4, 2, 1)
        self.b3 = nn.Conv2d(4, 2, 3, padding=1)
        self.bpool = nn.MaxPool2d(3, stride=1, padding=1)
        self.flat = nn.Flatten()
        self.fc = nn.Linear(8 * 8 * 8, 3)

    def forward(self, x):
        x = self.stem(x)
        y = torch.cat([self.b1(x), self.b3(x), self.bpool(x)], dim=1)
        return self.fc(self.flat(y))


class RecurrentTiny(nn.Module):
    """An LSTM cell called once per time step, then a linear read-out."""

    def __init__(self, steps: int = 5):
        super().__init__()
        self.steps = steps
        self.cell = nn.LSTMCell(3, 6)
        self.head = nn.Linear(6, 2)

    def forward(self, x):
        h = c = torch.zeros(x.shape[0], 6)
        for t in range(self.steps):
            h, c = self.cell(x[:, t], (h, c))
        return self.head(h)


def _mlp():
    return nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 8), nn.ReLU(),
                         nn.Linear(8, 3))


def _cnn():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(inplace=True),
        nn.MaxPool2d(2), nn.Conv2d(4, 6, 3), nn.ReLU(), nn.Flatten(),
        nn.Linear(6 * 2 * 2, 3),
    )


CASES = {
    "mlp": (_mlp, (8, 6)),
    "cnn_bn": (_cnn, (8, 1, 8, 8)),
    "residual": (ResNetTiny, (8, 1, 8, 8)),
    "inception": (InceptionTiny, (8, 1, 8, 8)),
    "inplace_relu": (lambda: nn.Sequential(nn.Linear(6, 8), nn.ReLU(inplace=True),
                                           nn.Linear(8, 3)), (8, 6)),
    "recurrent": (RecurrentTiny, (8, 5, 3)),
}


def _plain_step(model, x, y, opt, loss_fn):
    out = model(x)
    loss = loss_fn(out, y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    grads = [p.grad.clone() for p in model.parameters()]
    opt.step()
    return out.detach(), float(loss.detach()), grads


def _pair(name, optimizer="Adam"):
    build, shape = CASES[name]
    torch.manual_seed(0)
    model = build()
    twin = copy.deepcopy(model)
    x = torch.randn(shape)
    y = torch.randint(0, 3 if name != "recurrent" else 2, (shape[0],))
    make = {
        "Adam": lambda p: torch.optim.Adam(p, lr=0.01),
        "SGD": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    }[optimizer]
    return model, twin, x, y, make(model.parameters()), make(twin.parameters())


def _assert_same(a, b):
    torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-7)


def _output_gradients(model, x, y, loss_fn):
    """∂L/∂(every leaf module output), by torch.autograd.grad on a copy of ``model``.

    Forward hooks keep each output and hand a clone on, so an in-place module after
    it (``ReLU(inplace=True)``) cannot overwrite the kept tensor. Keys are
    ``(path, call, index)``; an output the loss does not depend on maps to None.
    """
    model = copy.deepcopy(model)
    kept, calls = [], {}

    def keep(path):
        def hook(module, args, output):
            call = calls[path] = calls.get(path, -1) + 1
            outs = list(output) if isinstance(output, tuple) else [output]
            kept.extend(((path, call, i), t) for i, t in enumerate(outs))
            clones = [t.clone() for t in outs]
            return tuple(clones) if isinstance(output, tuple) else clones[0]

        return hook

    for path, module in model.named_modules():
        if not any(module.children()):
            module.register_forward_hook(keep(path))
    loss = loss_fn(model(x), y)
    grads = torch.autograd.grad(loss, [t for _, t in kept], allow_unused=True)
    return {key: g for (key, _), g in zip(kept, grads)}


def _assert_record_is(rec, g, what):
    """A TensorRecord holds ``g``: its numbers (when the sample is all of it), its
    norm and statistics over the whole tensor."""
    assert rec.shape == tuple(g.shape), what
    item = g[0] if rec.batched else g
    if rec.sample.shape == tuple(item.shape):
        torch.testing.assert_close(
            torch.from_numpy(rec.sample), item, rtol=1e-5, atol=1e-8, msg=what
        )
    assert rec.norm == pytest.approx(float(g.norm()), rel=1e-5, abs=1e-9), what
    for stat, value in (("mean", g.mean()), ("min", g.min()), ("max", g.max())):
        assert rec.stats[stat] == pytest.approx(float(value), rel=1e-5, abs=1e-8), (
            what, stat)


def _assert_recorded_gradients(trace, expected, param_grads):
    """Every backward event's ∂L/∂output and parameter gradients equal ``expected``."""
    recorded, params = {}, set()
    for event in trace.phase_events("backward"):
        if event.path == "input":
            continue
        for key, rec in event.tensors.items():
            if key.startswith("grad_output"):
                index = 0 if key == "grad_output" else int(key.split(".")[1])
                recorded[(event.path, event.call, index)] = rec
            elif key.startswith("grad."):
                name = f"{event.path}.{key[len('grad.'):]}"
                params.add(name)
                _assert_record_is(rec, param_grads[name], name)
    assert params == set(param_grads)
    assert set(recorded) == {k for k, g in expected.items() if g is not None}
    for key, rec in recorded.items():
        _assert_record_is(rec, expected[key], str(key))


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("optimizer", ["Adam", "SGD"])
def test_recording_changes_nothing(name, optimizer):
    model, twin, x, y, opt, opt_twin = _pair(name, optimizer)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(2):  # the second step sees optimizer state and BN running stats
        expected = _output_gradients(twin, x, y, loss_fn)
        out, loss, grads = _plain_step(model, x, y, opt, loss_fn)
        trace = record_supervised_step(twin, x, y, loss_fn, opt_twin)
        assert trace.metrics["loss"] == pytest.approx(loss, rel=1e-6)
        # traced gradients equal autograd's: ∂L/∂(each module output) and the
        # parameter gradients the backward events show, against an untraced model
        plain_grads = {n: g for (n, _), g in zip(model.named_parameters(), grads)}
        _assert_recorded_gradients(trace, expected, plain_grads)
        for g, p in zip(grads, twin.parameters()):
            _assert_same(p.grad, g)  # and recording left the gradients alone
        for p, q in zip(model.parameters(), twin.parameters()):
            _assert_same(q, p)
        for a, b in zip(model.buffers(), twin.buffers()):
            _assert_same(b, a)
    last = [e for e in trace.events if e.phase == "forward"][-1]
    assert last.output_shapes[0] == tuple(out.shape)
    _assert_same(torch.from_numpy(last.tensors["output"].sample), out[0])


def test_before_update_runs_between_backward_and_step():
    model, twin, x, y, opt, opt_twin = _pair("mlp", "SGD")
    loss_fn = nn.CrossEntropyLoss()
    loss = loss_fn(model(x), y)
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 0.01)
    opt.step()
    trace = record_supervised_step(
        twin, x, y, loss_fn, opt_twin,
        before_update=lambda: nn.utils.clip_grad_norm_(twin.parameters(), 0.01),
    )
    for p, q in zip(model.parameters(), twin.parameters()):
        _assert_same(q, p)
    raw = trace.find("backward", "4").norms["grad.weight"]
    assert raw > 0.01  # the backward event shows the gradient before clipping


@pytest.mark.parametrize("name", list(CASES))
def test_hooks_are_removed(name):
    model, _, x, y, opt, _ = _pair(name)
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    assert len(trace.events) > 0
    for module in model.modules():
        assert not module._forward_hooks and not module._forward_pre_hooks
        assert not module._backward_hooks
    out = model(x)
    assert not out._backward_hooks


def test_event_order_and_contents():
    model, _, x, y, opt, _ = _pair("cnn_bn", "SGD")
    ref = model[0](x).detach()  # the first conv before the update changes its weights
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    phases = [e.phase for e in trace.events]
    assert phases[0] == "input"
    n_leaf = 8
    assert phases[1 : 1 + n_leaf] == ["forward"] * n_leaf
    assert phases[1 + n_leaf] == "loss"
    forward = [e.path for e in trace.events if e.phase == "forward"]
    backward = [e.path for e in trace.events if e.phase == "backward"]
    assert forward == [str(i) for i in range(8)]
    assert backward == forward[::-1] + ["input"]
    assert phases[-3:] == ["update"] * 3  # three modules with parameters
    assert [e.index for e in trace.events] == list(range(len(trace.events)))

    conv = trace.find("forward", "0")
    assert conv.kind == "Conv2d"
    assert conv.input_shapes == [(8, 1, 8, 8)] and conv.output_shapes == [(8, 4, 8, 8)]
    assert conv.params == 4 * 9 + 4 and conv.params_no_bias == 36
    out = conv.tensors["output"]
    assert out.sample.shape == (4, 8, 8)
    assert out.shape == tuple(ref.shape)
    torch.testing.assert_close(torch.from_numpy(out.sample), ref[0])
    for stat, value in (("mean", ref.mean()), ("std", ref.std(correction=0)),
                        ("min", ref.min()), ("max", ref.max())):
        assert out.stats[stat] == pytest.approx(float(value), rel=1e-5, abs=1e-6)
    assert out.norm == pytest.approx(float(ref.norm()), rel=1e-5)
    relu = trace.find("forward", "2")
    assert relu.tensors["output"].stats["min"] == 0.0
    assert 0.0 < relu.tensors["output"].stats["zero_fraction"] < 1.0

    back = trace.find("backward", "7")
    assert back.pair == trace.find("forward", "7").index
    expected = {"grad_output", "grad_input", "grad.weight", "grad.bias"}
    assert set(back.tensors) >= expected
    logits = trace.find("forward", "7")
    assert back.tensors["grad_output"].shape == logits.output_shapes[0]
    # ∂L/∂z of mean cross-entropy sums to zero over the classes of each sample
    assert abs(back.tensors["grad_output"].sample.sum()) < 1e-6

    update = trace.find("update", "7")
    before = update.tensors["weight.before"].sample
    after = update.tensors["weight.after"].sample
    delta = update.tensors["weight.delta"].sample
    assert before.shape == (3, 24)
    torch.testing.assert_close(
        torch.from_numpy(after - before), torch.from_numpy(delta)
    )
    # first SGD+momentum step: v = g, Δw = −lr·g
    g = back.tensors["grad.weight"].sample
    torch.testing.assert_close(torch.from_numpy(delta), torch.from_numpy(-0.1 * g),
                               rtol=1e-5, atol=1e-6)
    assert "weight.momentum_buffer" in update.tensors
    assert update.scalars["lr"] == pytest.approx(0.1)


def test_adam_state_is_recorded():
    model, _, x, y, opt, _ = _pair("mlp", "Adam")
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    update = trace.find("update", "0")
    m = update.tensors["weight.exp_avg"].sample
    g = trace.find("backward", "0").tensors["grad.weight"].sample
    torch.testing.assert_close(torch.from_numpy(m), torch.from_numpy(0.1 * g))
    assert update.scalars["weight.step"] == 1.0


def test_samples_are_bounded():
    model = nn.Sequential(nn.Conv2d(3, 40, 3, padding=1), nn.Flatten())
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(2, 3, 130, 100)
    trace = record_supervised_step(
        model, x, torch.zeros(2, 40 * 130 * 100), nn.MSELoss(), opt
    )
    conv = trace.find("forward", "0")
    assert conv.tensors["output"].shape == (2, 40, 130, 100)
    assert conv.tensors["output"].sample.shape == (16, 44, 50)
    assert trace.find("forward", "1").tensors["output"].sample.shape == (4096,)
    w = trace.find("backward", "0").tensors["grad.weight"]
    assert w.sample.shape == (16, 3, 3, 3) and not w.batched


def test_residual_block_gives_a_skip_edge():
    model, _, x, y, opt, _ = _pair("residual")
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    graph = trace.graphs["model"]
    paths = [n.path for n in graph.nodes]
    assert paths == ["input", "stem", "block.conv1", "block.bn1", "block.relu",
                     "block.conv2", "block.bn2", "block.out_relu", "pool", "flat",
                     "fc", "loss"]
    edges = set(graph.edges)
    assert ("stem", "block.out_relu") in edges  # the identity shortcut
    assert ("block.bn2", "block.out_relu") in edges
    assert ("block.bn1", "block.relu") in edges  # in-place ReLU keeps its input edge
    assert ("block.relu", "block.conv2") in edges
    assert graph.is_skip(("stem", "block.out_relu"))
    assert not graph.is_skip(("block.bn2", "block.out_relu"))
    assert ("fc", "loss") in edges


def test_inception_block_gives_parallel_branches():
    model, _, x, y, opt, _ = _pair("inception")
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    graph = trace.graphs["model"]
    edges = set(graph.edges)
    for branch in ("b1", "b3", "bpool"):
        assert ("stem", branch) in edges
        assert (branch, "flat") in edges
    assert ("b1", "b3") not in edges and ("b3", "bpool") not in edges
    assert ("input", "stem") in edges


def test_recurrent_cell_gets_one_event_per_time_step():
    model, _, x, y, opt, _ = _pair("recurrent")
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    calls = [e.call for e in trace.events if e.phase == "forward" and e.path == "cell"]
    assert calls == [0, 1, 2, 3, 4]
    back = [e.call for e in trace.events if e.phase == "backward" and e.path == "cell"]
    assert back == [4, 3, 2, 1, 0]
    step3 = trace.find("forward", "cell", call=3)
    assert step3.output_shapes == [(8, 6), (8, 6)]  # (h, c)
    assert "output.1" in step3.tensors
    # the weight gradient (summed over all time steps) sits on the last backward event
    last = trace.find("backward", "cell", call=0)
    assert "grad.weight_hh" in last.tensors
    assert "grad.weight_hh" not in trace.find("backward", "cell", call=2).tensors
    torch.testing.assert_close(
        last.norms["grad.weight_hh"], float(model.cell.weight_hh.grad.norm()),
        rtol=1e-5, atol=0,
    )
    graph = trace.graphs["model"]
    assert ("cell", "cell") in graph.edges  # the recurrence
    assert graph.node("cell").events == [e.index for e in trace.events
                                         if e.phase == "forward" and e.path == "cell"]


def test_two_networks_in_one_step():
    torch.manual_seed(0)
    gen = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
    disc = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
    opt_g = torch.optim.Adam(gen.parameters(), lr=1e-3)
    opt_d = torch.optim.Adam(disc.parameters(), lr=1e-3)
    bce = nn.BCEWithLogitsLoss()
    real, z = torch.randn(16, 2), torch.randn(16, 2)
    ones, zeros = torch.ones(16, 1), torch.zeros(16, 1)
    with TraceRecorder({"D": disc, "G": gen}, name="gan") as rec:
        rec.begin_part("D step")
        xr = rec.input(real, role="D")
        with torch.no_grad():
            fake = gen(z)
        loss_d = bce(disc(xr), ones) + bce(disc(fake), zeros)
        rec.loss(loss_d, role="D", kind="BCEWithLogitsLoss")
        opt_d.zero_grad()
        rec.backward(loss_d)
        rec.update(opt_d, role="D")
        rec.begin_part("G step")
        zg = rec.input(z, role="G")
        loss_g = bce(disc(gen(zg)), ones)
        rec.loss(loss_g, role="G", kind="BCEWithLogitsLoss")
        opt_g.zero_grad()
        rec.backward(loss_g)
        rec.update(opt_g, role="G")
    trace = rec.trace
    d_part = [e for e in trace.events if e.part == "D step"]
    g_part = [e for e in trace.events if e.part == "G step"]
    assert {e.role for e in d_part} == {"D", "G"}  # G ran (no grad) to make fakes
    assert [e.call for e in d_part if e.phase == "forward" and e.path == "0"
            and e.role == "D"] == [0, 1]  # D saw real, then fake
    assert not [e for e in d_part if e.phase == "backward" and e.role == "G"]
    assert {e.role for e in d_part if e.phase == "update"} == {"D"}
    g_back = [e.role for e in g_part if e.phase == "backward"]
    assert g_back[:3] == ["D", "D", "D"] and "G" in g_back
    assert {e.role for e in g_part if e.phase == "update"} == {"G"}
    assert trace.metrics["loss"] == pytest.approx(loss_d.item() + loss_g.item())
    assert trace.role_losses["D"] == pytest.approx(loss_d.item())
    assert trace.role_losses["G"] == pytest.approx(loss_g.item())
    assert ("input", "0") in trace.graphs["D"].edges
    assert ("2", "loss") in trace.graphs["G"].edges or ("2", "loss") in \
        trace.graphs["D"].edges
    for module in list(gen.modules()) + list(disc.modules()):
        assert not module._forward_hooks and not module._forward_pre_hooks


def test_vanishing_gradients_with_sigmoid():
    def deep(act):
        torch.manual_seed(1)
        layers = []
        for _ in range(20):
            linear = nn.Linear(16, 16)
            if act is nn.ReLU:  # He initialisation, the usual partner of ReLU
                nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
            else:  # Glorot initialisation, the usual partner of sigmoid
                nn.init.xavier_normal_(linear.weight)
            nn.init.zeros_(linear.bias)
            layers += [linear, act()]
        return nn.Sequential(*layers, nn.Linear(16, 3))

    x, y = torch.randn(32, 16), torch.randint(0, 3, (32,))
    norms = {}
    for act in (nn.Sigmoid, nn.ReLU):
        model = deep(act)
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
        rows = trace.gradient_norms()
        assert len(rows) == 21 and rows[0]["path"] == "0"
        norms[act.__name__] = (rows[0]["weight"], rows[-1]["weight"])
    first, last = norms["Sigmoid"]
    assert first < last * 1e-6  # the sigmoid net's first layer barely learns
    first, last = norms["ReLU"]
    assert first > last * 1e-3


@pytest.mark.parametrize(
    ("n", "k", "s", "p", "d", "ceil"),
    [(28, 5, 1, 2, 1, False), (32, 3, 2, 1, 1, False), (227, 11, 4, 0, 1, False),
     (13, 3, 2, 0, 1, True), (14, 3, 2, 1, 1, True), (9, 3, 1, 2, 2, False)],
)
def test_output_size_equals_torch(n, k, s, p, d, ceil):
    x = torch.zeros(1, 1, n, n)
    if not ceil:
        conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)
        assert conv_output_size(n, k, s, p, d) == conv(x).shape[-1]
    pool = nn.MaxPool2d(k, stride=s, padding=min(p, k // 2), dilation=d,
                        ceil_mode=ceil)
    expected = pool(x).shape[-1]
    assert conv_output_size(n, k, s, min(p, k // 2), d, ceil) == expected


def test_formula_texts_carry_the_numbers():
    conv = nn.Conv2d(1, 6, 5, padding=2)
    text = module_formula(conv, [(1, 1, 28, 28)], [(1, 6, 28, 28)])
    assert "⌊(28 + 2·2 − 1·(5−1) − 1)/1⌋ + 1 = 28" in text
    assert "(5·5·1/1 + 1)·6 = 156" in text
    assert sum(p.numel() for p in conv.parameters()) == 156
    pool = nn.MaxPool2d(2)
    assert "⌊(28 + 2·0 − 1·(2−1) − 1)/2⌋ + 1 = 14" in module_formula(
        pool, [(1, 6, 28, 28)], [(1, 6, 14, 14)]
    )
    avg = nn.AvgPool2d(2)
    assert "⌊(28 + 2·0 − 2)/2⌋ + 1 = 14" in module_formula(
        avg, [(1, 6, 28, 28)], [(1, 6, 14, 14)]
    )
    lin = nn.Linear(400, 120)
    assert "(400 + 1)·120 = 48120" in module_formula(lin, [(1, 400)], [(1, 120)])
    assert "y = max(0, x)" in module_formula(nn.ReLU(), [(1, 3)], [(1, 3)])
    bn = module_formula(nn.BatchNorm2d(16), [(2, 16, 4, 4)], [(2, 16, 4, 4)])
    assert "2·16 = 32" in bn
    emb = module_formula(nn.Embedding(100, 8), [(2, 5)], [(2, 5, 8)])
    assert "100·8 = 800" in emb
    lstm = nn.LSTM(10, 20)
    assert f"= {sum(p.numel() for p in lstm.parameters())}" in module_formula(
        lstm, [(5, 1, 10)], [(5, 1, 20)]
    )
    grouped = nn.Conv2d(8, 16, 3, groups=4, bias=False)
    assert f"= {grouped.weight.numel()}" in module_formula(
        grouped, [(1, 8, 10, 10)], [(1, 16, 8, 8)]
    )


def test_cross_entropy_formula_uses_the_first_sample():
    model, _, x, y, opt, _ = _pair("mlp")
    out = model(x).detach()
    trace = record_supervised_step(model, x, y, nn.CrossEntropyLoss(), opt)
    loss = trace.find("loss", "loss")
    p = torch.softmax(out[0], 0)[int(y[0])]
    assert f"p_y = {float(p):.4f}" in loss.formula
    assert loss.kind == "CrossEntropyLoss"
    assert loss.scalars["loss"] == pytest.approx(trace.metrics["loss"])


# -- every lab in the registry -------------------------------------------------------

SMALL = {
    "samples": 200, "batch_size": 8, "neurons": 8, "hidden": 8, "length": 12,
    "width": 0.25, "d_model": 16, "ffn": 32, "heads": 2, "embed": 8,
    "g_width": 8, "d_width": 8, "layers": 1, "depth": None,
}


def _small_settings(spec):
    values = {}
    for p in spec.all_params():
        if p.key not in SMALL or SMALL[p.key] is None:
            continue
        value = SMALL[p.key]
        if p.kind == "int":
            value = int(value)
        if p.minimum is not None:
            value = max(p.minimum, value)
        if p.maximum is not None:
            value = min(p.maximum, value)
        values[p.key] = value
    return values


def _lab_cases():
    from dlviz.core.labs import all_labs

    return [
        pytest.param(spec, id=spec.key)
        for spec in all_labs()
        if spec.trainable
    ]


@pytest.mark.slow
@pytest.mark.parametrize("spec", _lab_cases())
def test_lab_trace_step_equals_train_step(spec):
    device = torch.device("cpu")
    values = _small_settings(spec)
    # build and step one task at a time: building seeds the global generator, and
    # dropout draws from it
    plain = spec.create(values, device)
    metrics = plain.train_step()
    # every metric the lab reports is declared (and so named and translated) in core
    from dlviz.core.metric_names import is_reported_metric

    reported = {**metrics, **plain.evaluate()}
    assert [k for k in reported if not is_reported_metric(k, spec.metrics)] == []
    traced = spec.create(values, device)
    trace = traced.trace_step()  # every trainable lab can be stepped through
    # what a traced step reports reaches the same curves: named metrics only
    assert [k for k in trace.metrics if not is_reported_metric(k, spec.metrics)] == []
    assert trace.metrics["loss"] == pytest.approx(metrics["loss"], rel=1e-5, abs=1e-7)
    assert traced.step == plain.step == 1
    for role, module in plain.modules().items():
        twin = traced.modules()[role]
        for (name, p), q in zip(module.named_parameters(), twin.parameters()):
            torch.testing.assert_close(q, p, rtol=1e-5, atol=1e-6, msg=name)
    phases = {e.phase for e in trace.events}
    assert {"forward", "loss", "backward", "update"} <= phases
    for module in traced.modules().values():
        for m in module.modules():
            assert not m._forward_hooks and not m._forward_pre_hooks
