"""Recurrent cells written gate by gate: Elman RNN, LSTM and GRU.

Each cell is an ``nn.Module`` called once per time step, so a step-through trace sees
one event per time step and layer. :class:`RecurrentNet` loops over time, stacks
layers, runs both directions when asked and can record every gate at every step.

Parameter layout and gate order follow PyTorch (``torch.nn.LSTMCell``: i, f, g, o;
``torch.nn.GRUCell``: r, z, n), so :meth:`RecurrentNet.load_from_torch` copies the
weights of ``torch.nn.RNN`` / ``LSTM`` / ``GRU`` one to one and both give the same
numbers.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

CELL_KINDS: tuple[str, ...] = ("rnn", "lstm", "gru")

#: Recorded values per cell kind, in display order (gates, then states).
RECORDED: dict[str, tuple[str, ...]] = {
    "rnn": ("h",),
    "lstm": ("f", "i", "g", "o", "c", "h"),
    "gru": ("z", "r", "n", "h"),
}

#: Gates whose pre-activation is recorded as well (for the equations view).
PRE_ACTIVATED: dict[str, tuple[str, ...]] = {
    "rnn": ("h",),
    "lstm": ("f", "i", "g", "o"),
    "gru": ("z", "r", "n"),
}

_GATE_COUNT = {"rnn": 1, "lstm": 4, "gru": 3}


class _GatedCell(nn.Module):
    """Weights shaped like torch's cells: ``weight_ih`` is (gates·H, input)."""

    kind = ""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True):
        super().__init__()
        gates = _GATE_COUNT[self.kind]
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.weight_ih = nn.Parameter(torch.empty(gates * hidden_size, input_size))
        self.weight_hh = nn.Parameter(torch.empty(gates * hidden_size, hidden_size))
        if bias:
            self.bias_ih = nn.Parameter(torch.empty(gates * hidden_size))
            self.bias_hh = nn.Parameter(torch.empty(gates * hidden_size))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        #: When true, :meth:`forward` leaves this step's gates in :attr:`gates`.
        self.record = False
        self.gates: dict[str, torch.Tensor] = {}
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform(−1/√H, 1/√H) like torch's recurrent modules."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for weight in self.parameters():
            nn.init.uniform_(weight, -bound, bound)

    def _projections(
        self, x: torch.Tensor, h: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        gi = nn.functional.linear(x, self.weight_ih, self.bias_ih)
        gh = nn.functional.linear(h, self.weight_hh, self.bias_hh)
        return gi, gh

    def extra_repr(self) -> str:
        return f"{self.input_size}, {self.hidden_size}"


class RNNCell(_GatedCell):
    """Elman cell: ``h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)``."""

    kind = "rnn"

    def forward(self, x: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        gi, gh = self._projections(x, h)
        pre = gi + gh
        h_new = torch.tanh(pre)
        if self.record:
            self.gates = {"h": h_new, "pre_h": pre}
        return h_new


class LSTMCell(_GatedCell):
    """LSTM cell with forget (f), input (i), candidate (g) and output (o) gates.

    ``c_t = f ⊙ c_{t−1} + i ⊙ g`` and ``h_t = o ⊙ tanh(c_t)``.
    """

    kind = "lstm"

    def forward(
        self, x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor]
    ) -> tuple[torch.Tensor, torch.Tensor]:
        h, c = state
        gi, gh = self._projections(x, h)
        pre_i, pre_f, pre_g, pre_o = (gi + gh).chunk(4, dim=-1)
        i = torch.sigmoid(pre_i)
        f = torch.sigmoid(pre_f)
        g = torch.tanh(pre_g)
        o = torch.sigmoid(pre_o)
        c_new = f * c + i * g
        h_new = o * torch.tanh(c_new)
        if self.record:
            self.gates = {
                "f": f, "i": i, "g": g, "o": o, "c": c_new, "h": h_new,
                "pre_f": pre_f, "pre_i": pre_i, "pre_g": pre_g, "pre_o": pre_o,
            }
        return h_new, c_new


class GRUCell(_GatedCell):
    """GRU cell with reset (r) and update (z) gates and candidate n (h̃).

    ``n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`` and
    ``h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}`` (PyTorch's convention).
    """

    kind = "gru"

    def forward(self, x: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        gi, gh = self._projections(x, h)
        i_r, i_z, i_n = gi.chunk(3, dim=-1)
        h_r, h_z, h_n = gh.chunk(3, dim=-1)
        pre_r = i_r + h_r
        pre_z = i_z + h_z
        r = torch.sigmoid(pre_r)
        z = torch.sigmoid(pre_z)
        pre_n = i_n + r * h_n
        n = torch.tanh(pre_n)
        h_new = (1.0 - z) * n + z * h
        if self.record:
            self.gates = {
                "z": z, "r": r, "n": n, "h": h_new,
                "pre_z": pre_z, "pre_r": pre_r, "pre_n": pre_n,
                "hidden_n": h_n, "input_n": i_n,
            }
        return h_new


CELLS: dict[str, type[_GatedCell]] = {"rnn": RNNCell, "lstm": LSTMCell, "gru": GRUCell}

State = torch.Tensor | tuple[torch.Tensor, torch.Tensor]


class RecurrentNet(nn.Module):
    """A stack of recurrent layers over time, batch first: ``x`` is (B, T, input).

    Returns ``(output, h_n)`` — or ``(output, (h_n, c_n))`` for the LSTM — shaped
    like ``torch.nn.RNN/LSTM/GRU(batch_first=True)``: output (B, T, dirs·H), states
    (layers·dirs, B, H).

    With ``record=True`` the call fills :attr:`records`: for each direction of each
    layer (``"l0"``, ``"l0_reverse"``, ``"l1"`` ...) a dict of (B, T, H) tensors, one
    per name in :data:`RECORDED` and ``pre_<gate>`` pre-activations, detached; and
    :attr:`hidden_steps` with the per-step hidden states still in the autograd graph
    (call ``retain_grad()`` on them before ``backward`` to see ∂L/∂h_t). Steps are
    stored in time order for both directions.
    """

    def __init__(
        self,
        kind: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        bias: bool = True,
    ):
        super().__init__()
        if kind not in CELLS:
            raise ValueError(f"unknown cell {kind!r}; choose from {', '.join(CELLS)}")
        self.kind = kind
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bidirectional = bidirectional
        self.num_directions = 2 if bidirectional else 1
        cells = []
        for layer in range(num_layers):
            width = input_size if layer == 0 else hidden_size * self.num_directions
            for _ in range(self.num_directions):
                cells.append(CELLS[kind](width, hidden_size, bias))
        self.cells = nn.ModuleList(cells)
        self.records: dict[str, dict[str, torch.Tensor]] = {}
        self.hidden_steps: dict[str, list[torch.Tensor]] = {}

    @staticmethod
    def direction_key(layer: int, direction: int) -> str:
        """``"l0"`` for the forward direction of layer 0, ``"l0_reverse"`` backward."""
        return f"l{layer}" + ("_reverse" if direction else "")

    def cell(self, layer: int, direction: int = 0) -> _GatedCell:
        return self.cells[layer * self.num_directions + direction]

    def forward(
        self, x: torch.Tensor, state: State | None = None, record: bool = False
    ) -> tuple[torch.Tensor, State]:
        batch, steps, _ = x.shape
        n_states = self.num_layers * self.num_directions
        if state is None:
            zeros = x.new_zeros(n_states, batch, self.hidden_size)
            h0 = zeros
            c0 = zeros if self.kind == "lstm" else None
        elif self.kind == "lstm":
            h0, c0 = state
        else:
            h0, c0 = state, None
        if record:
            self.records, self.hidden_steps = {}, {}
        final_h, final_c = [], []
        layer_input = x
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(self.num_directions):
                index = layer * self.num_directions + direction
                cell = self.cell(layer, direction)
                start = h0[index] if c0 is None else (h0[index], c0[index])
                key = self.direction_key(layer, direction)
                out, last = self._run_direction(
                    cell, layer_input, start, reverse=bool(direction),
                    record_key=key if record else None,
                )
                outputs.append(out)
                if self.kind == "lstm":
                    final_h.append(last[0])
                    final_c.append(last[1])
                else:
                    final_h.append(last)
            layer_input = torch.cat(outputs, dim=-1) if len(outputs) > 1 else outputs[0]
        h_n = torch.stack(final_h)
        if self.kind == "lstm":
            return layer_input, (h_n, torch.stack(final_c))
        return layer_input, h_n

    def _run_direction(
        self,
        cell: _GatedCell,
        x: torch.Tensor,
        state: State,
        reverse: bool,
        record_key: str | None,
    ) -> tuple[torch.Tensor, State]:
        steps = x.shape[1]
        order = range(steps - 1, -1, -1) if reverse else range(steps)
        hidden: list[torch.Tensor] = [None] * steps  # type: ignore[list-item]
        gate_steps: list[dict[str, torch.Tensor]] = [None] * steps  # type: ignore
        cell.record = record_key is not None
        try:
            for t in order:
                state = cell(x[:, t], state)
                hidden[t] = state[0] if isinstance(state, tuple) else state
                if record_key is not None:
                    gate_steps[t] = {k: v.detach() for k, v in cell.gates.items()}
        finally:
            cell.record = False
            cell.gates = {}
        if record_key is not None:
            names = gate_steps[0].keys()
            self.records[record_key] = {
                name: torch.stack([g[name] for g in gate_steps], dim=1)
                for name in names
            }
            self.hidden_steps[record_key] = hidden
        return torch.stack(hidden, dim=1), state

    # -- weights shared with torch's modules ---------------------------------------
    def torch_names(self) -> dict[str, str]:
        """Map torch parameter names (``weight_ih_l0_reverse``) to this module's."""
        names = {}
        for layer in range(self.num_layers):
            for direction in range(self.num_directions):
                suffix = f"_l{layer}" + ("_reverse" if direction else "")
                index = layer * self.num_directions + direction
                for name, _ in self.cells[index].named_parameters():
                    names[name + suffix] = f"cells.{index}.{name}"
        return names

    @torch.no_grad()
    def load_from_torch(self, module: nn.RNNBase) -> RecurrentNet:
        """Copy the weights of a ``torch.nn.RNN/LSTM/GRU`` with the same shape."""
        expected = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[self.kind]
        if not isinstance(module, expected):
            got = type(module).__name__
            raise TypeError(f"expected {expected.__name__}, got {got}")
        if getattr(module, "nonlinearity", "tanh") != "tanh":
            raise ValueError("only the tanh Elman RNN is supported")
        if getattr(module, "proj_size", 0):
            raise ValueError("LSTM projections are not supported")
        own = dict(self.named_parameters())
        theirs = dict(module.named_parameters())
        mapping = self.torch_names()
        if set(mapping) != set(theirs):
            raise ValueError("layer count, direction or bias do not match")
        for torch_name, own_name in mapping.items():
            own[own_name].copy_(theirs[torch_name])
        return self

    def to_torch(self) -> nn.RNNBase:
        """A ``torch.nn`` module (batch first) holding a copy of these weights."""
        cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[self.kind]
        first = self.cells[0]
        module = cls(
            self.input_size, self.hidden_size, self.num_layers,
            bias=first.bias_ih is not None, batch_first=True,
            bidirectional=self.bidirectional,
            dtype=first.weight_ih.dtype, device=first.weight_ih.device,
        )
        own = dict(self.named_parameters())
        with torch.no_grad():
            for torch_name, param in module.named_parameters():
                param.copy_(own[self.torch_names()[torch_name]])
        return module


def shared_fused(net: RecurrentNet) -> nn.RNNBase:
    """A torch ``nn.RNN/LSTM/GRU`` (batch first) whose parameters *are* ``net``'s.

    The module holds the very :class:`~torch.nn.Parameter` objects of ``net``'s cells,
    so training through it (torch's fused kernel: cuDNN on a GPU, one C++ loop on the
    CPU) updates the gate-level cells too, with no copying either way, and gradients
    land on ``net``'s parameters. Keep it out of any module's children so the
    parameters are not counted twice. On CUDA the weights are re-laid into cuDNN's
    single buffer (the parameters keep their identity; only their storage moves).
    """
    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[net.kind]
    first = net.cells[0]
    module = cls(
        net.input_size, net.hidden_size, net.num_layers,
        bias=first.bias_ih is not None, batch_first=True,
        bidirectional=net.bidirectional, device="meta",
    )
    own = dict(net.named_parameters())
    for torch_name, own_name in net.torch_names().items():
        setattr(module, torch_name, own[own_name])
    module._init_flat_weights()  # refresh the weight list and flatten for cuDNN
    return module


def fused_copy(
    net: RecurrentNet, cache: nn.RNNBase | None = None
) -> nn.RNNBase:
    """A torch ``nn.RNN/LSTM/GRU`` with ``net``'s current weights (fast, no gates).

    Pass the previous result as ``cache`` to reuse it: only the weights are copied.
    """
    first = net.cells[0].weight_ih
    if (
        cache is None
        or cache.weight_ih_l0.dtype != first.dtype
        or cache.weight_ih_l0.device != first.device
    ):
        return net.to_torch()
    own = dict(net.named_parameters())
    names = net.torch_names()
    with torch.no_grad():
        for torch_name, param in cache.named_parameters():
            param.copy_(own[names[torch_name]])
    return cache


def _numpy_ok(x: torch.Tensor) -> bool:
    """Whether the GRU's steps may run on numpy views of ``x``'s kind of tensor."""
    return x.device.type == "cpu" and x.dtype in (torch.float32, torch.float64)


def _gru_forward_steps(gi, gh, rz, n, hs, w_hh_t, b_hh) -> None:
    """The GRU's steps forward with torch operations (any device): fills ``gh``
    (W_hh·h + b_hh), ``rz`` (r, z), ``n`` and ``hs`` (h_1 … h_T after h_0)."""
    steps, _, hidden = n.shape
    h2 = 2 * hidden
    for t in range(steps):
        h, gh_t, rz_t, n_t, gi_t = hs[t], gh[t], rz[t], n[t], gi[t]
        if b_hh is None:
            torch.mm(h, w_hh_t, out=gh_t)
        else:
            torch.addmm(b_hh, h, w_hh_t, out=gh_t)
        torch.add(gi_t[:, :h2], gh_t[:, :h2], out=rz_t).sigmoid_()
        torch.addcmul(gi_t[:, h2:], rz_t[:, :hidden], gh_t[:, h2:], out=n_t).tanh_()
        torch.lerp(n_t, h, rz_t[:, hidden:], out=hs[t + 1])  # (1 − z)·n + z·h


def _gru_forward_steps_numpy(gi, gh, rz, n, hs, w_hh_t, b_hh) -> None:
    """The GRU's steps forward on the CPU: fills ``gh`` (W_hh·h + b_hh), ``rz``
    (r, z), ``n`` and ``hs`` (h_1 … h_T after h_0) of :class:`_GruSequence`, with
    numpy operations on views of the same memory and the matrix product through
    torch (its thread setting holds)."""
    steps, _, hidden = n.shape
    h2 = 2 * hidden
    gi_np, gh_np, rz_np, n_np, hs_np = (a.detach().numpy()
                                        for a in (gi, gh, rz, n, hs))
    w_hh_t = w_hh_t.detach()
    b_hh = b_hh.detach() if b_hh is not None else None
    for t in range(steps):
        gh_t = gh[t]
        if b_hh is None:
            torch.mm(hs[t], w_hh_t, out=gh_t)
        else:
            torch.addmm(b_hh, hs[t], w_hh_t, out=gh_t)
        rz_t, n_t, h_new = rz_np[t], n_np[t], hs_np[t + 1]
        np.add(gi_np[t, :, :h2], gh_np[t, :, :h2], out=rz_t)
        # σ(a) = ½ + ½·tanh(a/2)
        rz_t *= 0.5
        np.tanh(rz_t, out=rz_t)
        rz_t *= 0.5
        rz_t += 0.5
        np.multiply(rz_t[:, :hidden], gh_np[t, :, h2:], out=n_t)
        n_t += gi_np[t, :, h2:]
        np.tanh(n_t, out=n_t)
        np.subtract(hs_np[t], n_t, out=h_new)  # h = n + z ⊙ (h_prev − n)
        h_new *= rz_t[:, hidden:]
        h_new += n_t


def _gru_backward_steps(d_h, d_out_t, d_gh, d_n, rz, n, gh, hs, w_hh) -> None:
    """The GRU's backward pass through time with torch operations (any device):
    fills ``d_gh`` (T, B, 3H) and ``d_n`` (T, B, H); ``d_h`` ends as ∂L/∂h_0."""
    steps, _, hidden = n.shape
    h2 = 2 * hidden
    scratch = torch.empty_like(d_h)
    for t in range(steps - 1, -1, -1):
        rz_t, n_t, d_gh_t, d_n_t = rz[t], n[t], d_gh[t], d_n[t]
        r, z = rz_t[:, :hidden], rz_t[:, hidden:]
        d_h += d_out_t[t]
        # h = n + z ⊙ (h_prev − n)
        d_z = d_gh_t[:, hidden:h2]
        torch.sub(hs[t], n_t, out=d_z).mul_(d_h)
        torch.addcmul(z, z, z, value=-1, out=scratch)  # σ' = z(1 − z)
        d_z.mul_(scratch)
        torch.sub(d_h, d_h * z, out=d_n_t)  # d_h ⊙ (1 − z)
        torch.addcmul(d_n_t, d_n_t * n_t, n_t, value=-1, out=d_n_t)  # tanh'
        d_r = d_gh_t[:, :hidden]
        torch.mul(d_n_t, gh[t][:, h2:], out=d_r)
        torch.addcmul(r, r, r, value=-1, out=scratch)
        d_r.mul_(scratch)
        torch.mul(d_n_t, r, out=d_gh_t[:, h2:])
        d_h.mul_(z).addmm_(d_gh_t, w_hh)  # to the previous step


def _gru_backward_steps_numpy(d_h, d_out_t, d_gh, d_n, rz, n, gh, hs, w_hh) -> None:
    """:func:`_gru_backward_steps` on the CPU: the same operations on numpy views
    of the same memory (a numpy operation on a (B, H) block costs a third of a
    torch one), the matrix product through torch (its thread setting holds)."""
    steps, _, hidden = n.shape
    h2 = 2 * hidden
    dh, d_out_np, d_gh_np, d_n_np = (a.numpy() for a in (d_h, d_out_t, d_gh, d_n))
    rz_np, n_np, gh_np, hs_np = (a.detach().numpy() for a in (rz, n, gh, hs))
    w_hh = w_hh.detach()
    scratch = np.empty_like(dh)
    one_minus_z = np.empty_like(dh)
    for t in range(steps - 1, -1, -1):
        r, z = rz_np[t, :, :hidden], rz_np[t, :, hidden:]
        n_t, d_n_t, d_gh_t = n_np[t], d_n_np[t], d_gh_np[t]
        dh += d_out_np[t]
        np.subtract(1.0, z, out=one_minus_z)
        np.multiply(dh, one_minus_z, out=d_n_t)  # ∂L/∂n
        d_z = d_gh_t[:, hidden:h2]
        np.subtract(hs_np[t], n_t, out=d_z)
        d_z *= dh
        one_minus_z *= z  # σ' = z(1 − z)
        d_z *= one_minus_z
        np.multiply(n_t, n_t, out=scratch)
        np.subtract(1.0, scratch, out=scratch)
        d_n_t *= scratch  # through tanh
        d_r = d_gh_t[:, :hidden]
        np.multiply(d_n_t, gh_np[t, :, h2:], out=d_r)
        np.subtract(1.0, r, out=scratch)
        scratch *= r
        d_r *= scratch
        np.multiply(d_n_t, r, out=d_gh_t[:, h2:])
        dh *= z
        d_h.addmm_(d_gh[t], w_hh)  # to the previous step (dh shares d_h's memory)


class _GruSequence(torch.autograd.Function):
    """One GRU layer over a whole sequence with a hand-written backward pass.

    Torch's ``nn.GRU`` on the CPU has no fused kernel: autograd records about a
    dozen small operations per time step and replays them backwards, which makes
    the GRU lab three times slower than the LSTM one (whose CPU kernel is fused).
    Here the input projections of all steps are one matrix product, each step
    runs a few in-place operations without autograd (on the CPU as numpy
    operations on views of the same memory, a third of the cost of torch's on
    such small blocks), and the backward pass walks the steps once with the gate
    values kept from the forward pass; the weight gradients are again one product
    over all steps. Same equations and parameter
    layout as :class:`GRUCell` (r, z, n), so the numbers equal the gate-level
    cell's (tests/core/test_sequence_lab.py).
    """

    @staticmethod
    def forward(ctx, x, h0, w_ih, w_hh, b_ih, b_hh):  # noqa: D102
        batch, steps, _ = x.shape
        hidden = w_hh.shape[1]
        h2 = 2 * hidden
        # input projections of every step at once, time first: (T, B, 3H)
        gi = torch.matmul(x.transpose(0, 1), w_ih.t())
        if b_ih is not None:
            gi += b_ih
        gh = x.new_empty(steps, batch, 3 * hidden)  # W_hh·h + b_hh of each step
        rz = x.new_empty(steps, batch, h2)  # r and z
        n = x.new_empty(steps, batch, hidden)
        hs = x.new_empty(steps + 1, batch, hidden)  # h_0 … h_T
        hs[0] = h0
        w_hh_t = w_hh.t()
        if _numpy_ok(x):
            _gru_forward_steps_numpy(gi, gh, rz, n, hs, w_hh_t, b_hh)
        else:
            _gru_forward_steps(gi, gh, rz, n, hs, w_hh_t, b_hh)
        ctx.save_for_backward(x, w_ih, w_hh, gh, rz, n, hs)
        ctx.has_bias = (b_ih is not None, b_hh is not None)
        out = hs[1:].transpose(0, 1).contiguous()
        return out, hs[steps].clone()

    @staticmethod
    def backward(ctx, d_out, d_last):  # noqa: D102
        x, w_ih, w_hh, gh, rz, n, hs = ctx.saved_tensors
        batch, steps, _ = x.shape
        hidden = w_hh.shape[1]
        h2 = 2 * hidden
        # ∂L/∂(W_hh·h + b_hh) per step: r and z parts equal those of the input
        # projection; the n part is r ⊙ ∂L/∂(pre-activation of n)
        d_gh = x.new_empty(steps, batch, 3 * hidden)
        d_n = x.new_empty(steps, batch, hidden)  # ∂L/∂(pre-activation of n)
        d_h = (d_last.detach().clone(memory_format=torch.contiguous_format)
               if d_last is not None else x.new_zeros(batch, hidden))
        d_out_t = (d_out.detach().transpose(0, 1).contiguous() if d_out is not None
                   else x.new_zeros(steps, batch, hidden))
        if _numpy_ok(x):
            _gru_backward_steps_numpy(d_h, d_out_t, d_gh, d_n, rz, n, gh, hs, w_hh)
        else:
            _gru_backward_steps(d_h, d_out_t, d_gh, d_n, rz, n, gh, hs, w_hh)
        flat_gh = d_gh.reshape(steps * batch, 3 * hidden)
        h_prev = hs[:steps].reshape(steps * batch, hidden)
        d_w_hh = flat_gh.t().mm(h_prev)
        x_t = x.transpose(0, 1).reshape(steps * batch, -1)
        flat_n = d_n.reshape(steps * batch, hidden)
        d_w_ih = torch.cat([flat_gh[:, :h2].t().mm(x_t), flat_n.t().mm(x_t)])
        d_x = None
        if ctx.needs_input_grad[0]:
            d_x = (torch.matmul(d_gh[..., :h2], w_ih[:h2])
                   + torch.matmul(d_n, w_ih[h2:])).transpose(0, 1)
        d_b_ih = d_b_hh = None
        if ctx.has_bias[0]:
            d_b_ih = torch.cat([flat_gh[:, :h2].sum(0), flat_n.sum(0)])
        if ctx.has_bias[1]:
            d_b_hh = flat_gh.sum(0)
        return d_x, d_h, d_w_ih, d_w_hh, d_b_ih, d_b_hh


def gru_sequence(cell: GRUCell, x: torch.Tensor,
                 h0: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """``cell`` run over ``x`` (B, T, input) from ``h0`` (zeros by default):
    (outputs (B, T, H), last state (B, H)), differentiable, without per-step
    autograd (see :class:`_GruSequence`)."""
    if h0 is None:
        h0 = x.new_zeros(x.shape[0], cell.hidden_size)
    return _GruSequence.apply(x, h0, cell.weight_ih, cell.weight_hh, cell.bias_ih,
                              cell.bias_hh)


def fast_gru(net: RecurrentNet, x: torch.Tensor) -> torch.Tensor:
    """The outputs (B, T, dirs·H) of a GRU ``net`` from a zero state, layer by layer
    and direction by direction with :func:`gru_sequence`: the same numbers and
    gradients as the gate-level cells and as ``nn.GRU``, several times faster than
    ``nn.GRU`` on the CPU."""
    if net.kind != "gru":
        raise ValueError(f"fast_gru runs GRU nets, not {net.kind!r}")
    layer_input = x
    for layer in range(net.num_layers):
        outputs = []
        for direction in range(net.num_directions):
            cell = net.cell(layer, direction)
            source = layer_input.flip(1) if direction else layer_input
            out, _ = gru_sequence(cell, source)
            outputs.append(out.flip(1) if direction else out)
        layer_input = torch.cat(outputs, dim=-1) if len(outputs) > 1 else outputs[0]
    return layer_input


@torch.no_grad()
def replay_gates(cell: _GatedCell, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every gate of ``cell`` run forward over ``x`` (B, T, input) from a zero state.

    Gives the same (B, T, H) values as ``RecurrentNet(..., record=True)`` for that
    cell, but runs the recurrence in torch's fused kernel and the gates as a few
    batched operations, so it is cheap enough for live views.
    """
    kind = cell.kind
    hidden = cell.hidden_size
    single = RecurrentNet(kind, cell.input_size, hidden, bias=cell.bias_ih is not None)
    single.cells[0] = cell
    fused = single.to_torch()
    h_all, _ = fused(x)
    h_prev = torch.cat([torch.zeros_like(h_all[:, :1]), h_all[:, :-1]], dim=1)
    gi, gh = cell._projections(x, h_prev)
    if kind == "rnn":
        return {"h": h_all, "pre_h": gi + gh}
    if kind == "lstm":
        pre_i, pre_f, pre_g, pre_o = (gi + gh).chunk(4, dim=-1)
        i, f = torch.sigmoid(pre_i), torch.sigmoid(pre_f)
        g, o = torch.tanh(pre_g), torch.sigmoid(pre_o)
        # c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t: a short numpy loop beats torch's overhead
        f_np = f.cpu().numpy()
        ig_np = (i * g).cpu().numpy()
        c_np = np.empty_like(f_np)
        c_prev = np.zeros_like(f_np[:, 0])
        for t in range(x.shape[1]):
            c_prev = f_np[:, t] * c_prev + ig_np[:, t]
            c_np[:, t] = c_prev
        c = torch.from_numpy(c_np).to(h_all.device)
        return {
            "f": f, "i": i, "g": g, "o": o, "c": c, "h": h_all,
            "pre_f": pre_f, "pre_i": pre_i, "pre_g": pre_g, "pre_o": pre_o,
        }
    i_r, i_z, i_n = gi.chunk(3, dim=-1)
    h_r, h_z, h_n = gh.chunk(3, dim=-1)
    pre_r, pre_z = i_r + h_r, i_z + h_z
    r, z = torch.sigmoid(pre_r), torch.sigmoid(pre_z)
    pre_n = i_n + r * h_n
    return {
        "z": z, "r": r, "n": torch.tanh(pre_n), "h": h_all,
        "pre_z": pre_z, "pre_r": pre_r, "pre_n": pre_n,
        "hidden_n": h_n, "input_n": i_n,
    }
