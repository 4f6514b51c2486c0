"""The gate-level cells equal torch.nn.RNN / LSTM / GRU with the same weights."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from dlviz.core.rnn.cells import RECORDED, RecurrentNet, fast_gru, gru_sequence

TORCH_CLASSES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def _pair(kind: str, layers: int, bidirectional: bool, input_size=3, hidden=5):
    torch.manual_seed(1)
    ref = TORCH_CLASSES[kind](
        input_size, hidden, layers, batch_first=True, bidirectional=bidirectional
    ).double()
    ours = RecurrentNet(kind, input_size, hidden, layers, bidirectional).double()
    ours.load_from_torch(ref)
    return ref, ours


def _random_state(kind, layers, dirs, batch, hidden):
    h = torch.randn(layers * dirs, batch, hidden, dtype=torch.float64)
    if kind == "lstm":
        return h, torch.randn_like(h)
    return h


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers,bidirectional", [(1, False), (2, False), (2, True)])
def test_forward_and_gradients_equal_torch(kind, layers, bidirectional):
    ref, ours = _pair(kind, layers, bidirectional)
    dirs = 2 if bidirectional else 1
    x = torch.randn(4, 7, 3, dtype=torch.float64)
    state = _random_state(kind, layers, dirs, 4, 5)
    x_ref = x.clone().requires_grad_(True)
    x_ours = x.clone().requires_grad_(True)
    out_ref, st_ref = ref(x_ref, state)
    out_ours, st_ours = ours(x_ours, state)
    torch.testing.assert_close(out_ours, out_ref)
    flat_ref = st_ref if isinstance(st_ref, tuple) else (st_ref,)
    flat_ours = st_ours if isinstance(st_ours, tuple) else (st_ours,)
    for a, b in zip(flat_ours, flat_ref):
        torch.testing.assert_close(a, b)
    # a loss touching the outputs and the final states
    weights = torch.randn_like(out_ref)
    loss_ref = (out_ref * weights).sum() + sum(s.pow(2).sum() for s in flat_ref)
    loss_ours = (out_ours * weights).sum() + sum(s.pow(2).sum() for s in flat_ours)
    loss_ref.backward()
    loss_ours.backward()
    torch.testing.assert_close(x_ours.grad, x_ref.grad)
    own = dict(ours.named_parameters())
    for torch_name, param in ref.named_parameters():
        torch.testing.assert_close(
            own[ours.torch_names()[torch_name]].grad, param.grad, msg=torch_name
        )


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_zero_initial_state_is_default(kind):
    ref, ours = _pair(kind, 1, False)
    x = torch.randn(2, 6, 3, dtype=torch.float64)
    torch.testing.assert_close(ours(x)[0], ref(x)[0])


def test_parameter_counts_match_torch_and_formula():
    # LSTM: 4·(H·(I+H) + 2H) per layer and direction
    ours = RecurrentNet("lstm", 10, 20, 1)
    assert sum(p.numel() for p in ours.parameters()) == 4 * (20 * 30 + 40) == 2560
    for kind, gates in (("rnn", 1), ("lstm", 4), ("gru", 3)):
        ours = RecurrentNet(kind, 3, 8, 2, bidirectional=True)
        ref = TORCH_CLASSES[kind](3, 8, 2, bidirectional=True)
        n_ours = sum(p.numel() for p in ours.parameters())
        assert n_ours == sum(p.numel() for p in ref.parameters())
        first = gates * (8 * (3 + 8) + 2 * 8)
        second = gates * (8 * (16 + 8) + 2 * 8)
        assert n_ours == 2 * (first + second)


def test_to_torch_round_trip():
    _, ours = _pair("gru", 2, True)
    back = ours.to_torch()
    x = torch.randn(3, 5, 3, dtype=torch.float64)
    torch.testing.assert_close(back(x)[0], ours(x)[0])


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_record_gives_every_gate_at_every_step(kind):
    ref, ours = _pair(kind, 2, True)
    x = torch.randn(2, 6, 3, dtype=torch.float64)
    out, _ = ours(x, record=True)
    assert set(ours.records) == {"l0", "l0_reverse", "l1", "l1_reverse"}
    for rec in ours.records.values():
        for name in RECORDED[kind]:
            assert rec[name].shape == (2, 6, 5)
            assert not rec[name].requires_grad
    # the recorded hidden states are the layer outputs, forward then reverse
    torch.testing.assert_close(ours.records["l1"]["h"], out[..., :5])
    torch.testing.assert_close(ours.records["l1_reverse"]["h"], out[..., 5:])
    if kind == "lstm":
        rec = ours.records["l0"]
        for gate in "fio":
            assert float(rec[gate].min()) > 0 and float(rec[gate].max()) < 1
            torch.testing.assert_close(rec[gate], torch.sigmoid(rec["pre_" + gate]))
        c_prev = torch.cat([torch.zeros_like(rec["c"][:, :1]), rec["c"][:, :-1]], 1)
        torch.testing.assert_close(rec["c"], rec["f"] * c_prev + rec["i"] * rec["g"])
        torch.testing.assert_close(rec["h"], rec["o"] * torch.tanh(rec["c"]))
    if kind == "gru":
        rec = ours.records["l0"]
        h_prev = torch.cat([torch.zeros_like(rec["h"][:, :1]), rec["h"][:, :-1]], 1)
        torch.testing.assert_close(
            rec["h"], (1 - rec["z"]) * rec["n"] + rec["z"] * h_prev
        )
    # recording does not change the numbers
    torch.testing.assert_close(out, ref(x)[0])


def test_hidden_steps_give_gradient_through_time():
    torch.manual_seed(0)
    ours = RecurrentNet("rnn", 1, 4).double()
    x = torch.randn(1, 5, 1, dtype=torch.float64)
    out, _ = ours(x, record=True)
    steps = ours.hidden_steps["l0"]
    for h in steps:
        h.retain_grad()
    out[:, -1].sum().backward()
    # hand-computed chain rule: dL/dh_{t-1} = W_hhᵀ diag(1 − h_t²) dL/dh_t
    w_hh = ours.cells[0].weight_hh.detach()
    grad = torch.ones(4, dtype=torch.float64)
    for t in range(4, -1, -1):
        torch.testing.assert_close(steps[t].grad[0], grad)
        grad = w_hh.T @ ((1 - steps[t].detach()[0] ** 2) * grad)


def test_each_cell_is_called_once_per_step():
    ours = RecurrentNet("lstm", 2, 3, num_layers=2, bidirectional=True)
    calls = []
    for index, cell in enumerate(ours.cells):
        cell.register_forward_hook(lambda m, a, o, i=index: calls.append(i))
    ours(torch.randn(1, 4, 2))
    assert len(calls) == 4 * 4
    assert calls.count(0) == 4 and calls.count(3) == 4


def test_load_from_torch_refuses_mismatch():
    ours = RecurrentNet("lstm", 3, 5)
    with pytest.raises(TypeError):
        ours.load_from_torch(nn.GRU(3, 5))
    with pytest.raises(ValueError):
        ours.load_from_torch(nn.LSTM(3, 5, 2))


@pytest.mark.parametrize("layers,bidirectional,bias,steps_in", [
    (1, False, True, "numpy"), (2, True, True, "numpy"), (1, False, False, "numpy"),
    (2, True, True, "torch"), (1, False, False, "torch")])
def test_fast_gru_equals_the_gate_level_cells_forward_and_backward(
        layers, bidirectional, bias, steps_in, monkeypatch):
    """The GRU's hand-written backward pass (used to train on the CPU) gives the
    gate-level cells' outputs and every gradient, input included; its steps run
    on numpy views on the CPU and as torch operations elsewhere (both checked)."""
    from dlviz.core.rnn import cells

    if steps_in == "torch":
        monkeypatch.setattr(cells, "_numpy_ok", lambda x: False)
    torch.manual_seed(3)
    net = RecurrentNet("gru", 3, 4, layers, bidirectional, bias=bias).double()
    x = torch.randn(5, 7, 3, dtype=torch.double, requires_grad=True)
    reference, _ = net(x)
    fast = fast_gru(net, x)
    torch.testing.assert_close(fast, reference, rtol=0, atol=1e-12)
    weights = torch.randn_like(fast)
    wanted = torch.autograd.grad((reference * weights).sum(), [x, *net.parameters()])
    got = torch.autograd.grad((fast * weights).sum(), [x, *net.parameters()])
    assert len(got) == (2 if bias else 1) * 2 * layers * net.num_directions + 1
    for a, b in zip(got, wanted):
        torch.testing.assert_close(a, b, rtol=0, atol=1e-12)


def test_gru_sequence_last_state_and_start_state_gradients():
    torch.manual_seed(4)
    net = RecurrentNet("gru", 2, 3).double()
    cell = net.cells[0]
    x = torch.randn(4, 6, 2, dtype=torch.double)
    h0 = torch.randn(4, 3, dtype=torch.double, requires_grad=True)
    out, last = gru_sequence(cell, x, h0)
    reference, h_n = net(x, h0[None])
    torch.testing.assert_close(last, h_n[0], rtol=0, atol=1e-12)
    loss = out[:, 2].sum() + (last ** 2).sum()  # through outputs and the last state
    wanted = torch.autograd.grad(reference[:, 2].sum() + (h_n[0] ** 2).sum(),
                                 [h0, *cell.parameters()])
    got = torch.autograd.grad(loss, [h0, *cell.parameters()])
    for a, b in zip(got, wanted):
        torch.testing.assert_close(a, b, rtol=0, atol=1e-12)
    assert float(wanted[0].abs().sum()) > 0  # the start state does get a gradient
