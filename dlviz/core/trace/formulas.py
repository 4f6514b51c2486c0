"""The formula of a layer with its actual numbers, as plain text with Unicode math.

Every function returns a few short lines such as::

    H_out = ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 = ⌊(28 + 2·2 − 1·(5−1) − 1)/1⌋ + 1 = 28
    parameters = (k·k·C_in/groups + 1)·C_out = (5·5·1/1 + 1)·6 = 156
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn

Shape = tuple[int, ...]


def _pair(value: Any, n: int = 2) -> tuple:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,) * n


def _shape(shape: Shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ")" if shape else "scalar"


def conv_output_size(
    n: int, k: int, s: int = 1, p: int = 0, d: int = 1, ceil_mode: bool = False
) -> int:
    """⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 (⌈⌉ with ``ceil_mode``, as PyTorch's pooling)."""
    span = n + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= n + p:
        out -= 1  # the last window may not start in the right padding
    return out


def transposed_output_size(
    n: int, k: int, s: int = 1, p: int = 0, d: int = 1, output_padding: int = 0
) -> int:
    """(n − 1)·s − 2p + d(k−1) + output_padding + 1."""
    return (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1


def _size_lines(
    names: tuple[str, ...], sizes: tuple[int, ...], k: tuple, s: tuple, p: tuple,
    d: tuple, ceil_mode: bool = False, use_dilation: bool = True,
) -> list[str]:
    lo, hi = ("⌈", "⌉") if ceil_mode else ("⌊", "⌋")
    lines = []
    for i, name in enumerate(names):
        n, ki, si, pi, di = sizes[i], k[i], s[i], p[i], d[i]
        out = conv_output_size(n, ki, si, pi, di, ceil_mode)
        if use_dilation:
            general = f"{lo}(n + 2p − d(k−1) − 1)/s{hi} + 1"
            filled = f"{lo}({n} + 2·{pi} − {di}·({ki}−1) − 1)/{si}{hi} + 1"
        else:
            general = f"{lo}(n + 2p − k)/s{hi} + 1"
            filled = f"{lo}({n} + 2·{pi} − {ki})/{si}{hi} + 1"
        lines.append(f"{name} = {general} = {filled} = {out}")
    return lines


def _spatial_names(dims: int) -> tuple[str, ...]:
    return {1: ("L_out",), 2: ("H_out", "W_out"), 3: ("D_out", "H_out", "W_out")}[dims]


def _conv(module: nn.Module, in_shape: Shape) -> str:
    dims = len(module.kernel_size)
    k, s, d = module.kernel_size, module.stride, module.dilation
    sizes = tuple(in_shape[-dims:]) if len(in_shape) >= dims else (0,) * dims
    padding = module.padding
    if isinstance(padding, str):  # "same" / "valid"
        padding = (0,) * dims if padding == "valid" else tuple(
            di * (ki - 1) // 2 for ki, di in zip(k, d)
        )
    cin, cout, g = module.in_channels, module.out_channels, module.groups
    kk = "·".join(str(x) for x in k)
    letters = "·".join("k" for _ in k)
    lines = [f"y = W ⊛ x + b   ({cin}→{cout} channels, kernel {kk}, stride "
             f"{'×'.join(map(str, s))}, padding {'×'.join(map(str, padding))})"]
    if isinstance(module, nn.modules.conv._ConvTransposeNd):
        op = module.output_padding
        for i, name in enumerate(_spatial_names(dims)):
            out = transposed_output_size(sizes[i], k[i], s[i], padding[i], d[i], op[i])
            lines.append(
                f"{name} = (n−1)·s − 2p + d(k−1) + output_padding + 1 = "
                f"({sizes[i]}−1)·{s[i]} − 2·{padding[i]} + {d[i]}·({k[i]}−1) + "
                f"{op[i]} + 1 = {out}"
            )
    else:
        lines += _size_lines(_spatial_names(dims), sizes, k, s, padding, d)
    count = math.prod(k) * cin // g * cout + (cout if module.bias is not None else 0)
    if module.bias is not None:
        lines.append(f"parameters = ({letters}·C_in/groups + 1)·C_out = "
                     f"({kk}·{cin}/{g} + 1)·{cout} = {count}")
    else:
        lines.append(f"parameters = {letters}·C_in/groups·C_out = "
                     f"{kk}·{cin}/{g}·{cout} = {count}")
    return "\n".join(lines)


def _pool(module: nn.Module, in_shape: Shape) -> str:
    is_max = isinstance(module, (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d))
    dims = {nn.MaxPool1d: 1, nn.AvgPool1d: 1, nn.MaxPool3d: 3, nn.AvgPool3d: 3}.get(
        type(module), 2
    )
    k = _pair(module.kernel_size, dims)
    s = _pair(module.stride if module.stride is not None else module.kernel_size, dims)
    p = _pair(module.padding, dims)
    d = _pair(getattr(module, "dilation", 1), dims)
    sizes = tuple(in_shape[-dims:])
    what = "max" if is_max else "mean"
    lines = [f"y = {what} over each {'×'.join(map(str, k))} window "
             f"(stride {'×'.join(map(str, s))}); no parameters"]
    lines += _size_lines(_spatial_names(dims), sizes, k, s, p, d, module.ceil_mode,
                         use_dilation=is_max)
    return "\n".join(lines)


def _linear(module: nn.Linear) -> str:
    n_in, n_out = module.in_features, module.out_features
    if module.bias is None:
        return (f"y = W·x   (W: {n_out}×{n_in})\n"
                f"parameters = n_in·n_out = {n_in}·{n_out} = {n_in * n_out}")
    return (f"y = W·x + b   (W: {n_out}×{n_in}, b: {n_out})\n"
            f"parameters = (n_in + 1)·n_out = ({n_in} + 1)·{n_out} = "
            f"{(n_in + 1) * n_out}")


def _norm(module: nn.Module) -> str:
    if isinstance(module, nn.LayerNorm):
        n = math.prod(module.normalized_shape)
        count = 2 * n if module.elementwise_affine else 0
        return (f"y = γ·(x − μ)/√(σ² + ε) + β, μ and σ² over the last "
                f"{len(module.normalized_shape)} dim(s) of each sample, ε = "
                f"{module.eps:g}\nparameters = 2·{n} = {count} (γ and β)")
    c = module.num_features
    count = 2 * c if module.affine else 0
    m = module.momentum
    running = (
        f"running mean ← (1 − {m})·running mean + {m}·μ_B\n"
        f"running var ← (1 − {m})·running var + {m}·σ_B²·n/(n − 1) "
        f"(n values per channel)\n"
        if m is not None else
        "running mean and var: averages of every batch so far (momentum None)\n"
    )
    eval_rule = "y = γ·(x − running mean)/√(running var + ε) + β"
    mode = (f"now in training mode: this batch's μ_B and σ_B²; in evaluation mode "
            f"{eval_rule}" if module.training else
            f"now in evaluation mode: {eval_rule} (the batch's statistics are "
            f"not used)")
    return (f"y = γ·(x − μ_B)/√(σ_B² + ε) + β, μ_B and σ_B² per channel over the "
            f"batch, ε = {module.eps:g}\n{running}{mode}\n"
            f"parameters = 2·C = 2·{c} = {count} (γ and β); the running "
            f"statistics are buffers, not parameters")


def _recurrent(module: nn.Module) -> str:
    gates = {"LSTM": 4, "GRU": 3, "RNN": 1}
    name = type(module).__name__.replace("Cell", "")
    g = gates.get(name, 1)
    i, h = module.input_size, module.hidden_size
    if name == "LSTM":
        rule = ("i, f, g, o = σ, σ, tanh, σ of (W_i·x + W_h·h + b)\n"
                "c ← f⊙c + i⊙g;  h ← o⊙tanh(c)")
    elif name == "GRU":
        rule = ("r, z = σ(W·x + U·h + b);  n = tanh(W_n·x + r⊙(U_n·h) + b_n)\n"
                "h ← (1 − z)⊙n + z⊙h")
    else:
        rule = "h ← tanh(W_i·x + W_h·h + b)"
    per_layer = g * (h * (i + h) + 2 * h)
    return (f"{rule}\nparameters (first layer) = {g}·(H·(I + H) + 2H) = "
            f"{g}·({h}·({i} + {h}) + 2·{h}) = {per_layer}")


_ACTIVATIONS = {
    "ReLU": "y = max(0, x)",
    "ReLU6": "y = min(max(0, x), 6)",
    "Sigmoid": "y = σ(x) = 1/(1 + e^(−x)),  σ′(x) = σ(x)(1 − σ(x)) ≤ 0.25",
    "Tanh": "y = tanh(x) = (eˣ − e^(−x))/(eˣ + e^(−x))",
    "GELU": "y = x·Φ(x)  (Φ: standard normal CDF)",
    "SiLU": "y = x·σ(x)",
    "Softmax": "y_i = e^(x_i) / Σ_j e^(x_j)",
    "LogSoftmax": "y_i = x_i − log Σ_j e^(x_j)",
    "Identity": "y = x",
}


def module_formula(
    module: nn.Module, input_shapes: list[Shape], output_shapes: list[Shape]
) -> str:
    """The formula of ``module`` with its numbers (empty for unknown modules)."""
    in_shape = input_shapes[0] if input_shapes else ()
    out_shape = output_shapes[0] if output_shapes else ()
    kind = type(module).__name__
    shapes = f"{_shape(in_shape)} → {_shape(out_shape)}"
    if isinstance(module, nn.modules.conv._ConvNd):
        text = _conv(module, in_shape)
    elif isinstance(module, (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d, nn.AvgPool1d,
                             nn.AvgPool2d, nn.AvgPool3d)):
        text = _pool(module, in_shape)
    elif isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d,
                             nn.AdaptiveAvgPool1d, nn.AdaptiveMaxPool1d)):
        what = "mean" if "Avg" in kind else "max"
        text = (f"y = {what} over windows chosen so the output is "
                f"{module.output_size}; no parameters")
    elif isinstance(module, nn.Linear):
        text = _linear(module)
    elif isinstance(module, (nn.modules.batchnorm._NormBase, nn.LayerNorm)):
        text = _norm(module)
    elif isinstance(module, nn.Embedding):
        n, dim = module.num_embeddings, module.embedding_dim
        text = (f"y = E[token]  (E: {n}×{dim})\n"
                f"parameters = vocabulary·dim = {n}·{dim} = {n * dim}")
    elif isinstance(module, (nn.RNNBase, nn.RNNCellBase)):
        text = _recurrent(module)
    elif isinstance(module, nn.LeakyReLU):
        text = f"y = max(α·x, x), α = {module.negative_slope:g}"
    elif isinstance(module, nn.ELU):
        text = f"y = x if x > 0 else α·(eˣ − 1), α = {module.alpha:g}"
    elif isinstance(module, nn.modules.dropout._DropoutNd):
        keep = 1 - module.p
        text = (f"training: y = x·m/(1 − p), m ~ Bernoulli(1 − p), p = {module.p:g}"
                f" (kept values ×{1 / keep:.3g})" if keep > 0 else "y = 0")
    elif isinstance(module, nn.Flatten):
        flat = math.prod(in_shape[module.start_dim:]) if in_shape else 0
        text = (f"y = reshape(x): {_shape(in_shape)} → {_shape(out_shape)}, "
                f"{' · '.join(map(str, in_shape[module.start_dim:]))} = {flat}")
    elif isinstance(module, nn.MultiheadAttention):
        e, h = module.embed_dim, module.num_heads
        text = (f"Attention(Q, K, V) = softmax(Q·Kᵀ/√d_k)·V, {h} heads, "
                f"d_k = {e}/{h} = {e // h}\n"
                f"parameters = 4·(E² + E) = 4·({e}² + {e}) = {4 * (e * e + e)}")
    elif kind in _ACTIVATIONS:
        text = _ACTIVATIONS[kind]
    else:
        text = ""
    return f"{kind}: {shapes}\n{text}".rstrip()


def backward_formula(kind: str) -> str:
    """The rule that turns ∂L/∂y into the gradients of this layer (δ = ∂L/∂y)."""
    rules = {
        "Linear": "∂L/∂W = δ·xᵀ,  ∂L/∂b = Σ δ,  ∂L/∂x = Wᵀ·δ",
        "Conv2d": "∂L/∂W = x ⋆ δ (correlate input with δ),  ∂L/∂x = δ ⊛ flipped W",
        "ReLU": "∂L/∂x = δ where x > 0, else 0",
        "Sigmoid": "∂L/∂x = δ·σ(x)(1 − σ(x))  (at most δ/4)",
        "Tanh": "∂L/∂x = δ·(1 − tanh²(x))",
        "MaxPool2d": "∂L/∂x = δ routed to the position of each window's maximum",
        "AvgPool2d": "∂L/∂x = δ spread equally over each window",
        "Flatten": "∂L/∂x = δ reshaped back",
        "Dropout": "∂L/∂x = δ·m/(1 − p): dropped units get no gradient",
    }
    return rules.get(kind, "∂L/∂x = (∂y/∂x)ᵀ·δ  (chain rule)")


def input_formula(shape: Shape) -> str:
    return f"x: {_shape(shape)}  (batch of {shape[0] if shape else 1})"


def loss_formula(
    kind: str, output: torch.Tensor | None, target: torch.Tensor | None, value: float
) -> str:
    """The loss with the numbers of the first sample and the batch value."""
    lines = []
    if kind == "CrossEntropyLoss":
        lines.append(
            "L = −(1/B)·Σ log softmax(z)_y,  softmax(z)_y = e^(z_y)/Σ_j e^(z_j)"
        )
        if (
            output is not None and target is not None and output.dim() == 2
            and not target.is_floating_point() and target.dim() == 1
        ):
            with torch.no_grad():
                p = torch.softmax(output[0].detach().float(), 0)
                y = int(target[0])
                lines.append(
                    f"first sample: class y = {y}, p_y = {float(p[y]):.4f}, "
                    f"−log p_y = {-math.log(max(float(p[y]), 1e-45)):.4f}"
                )
    elif kind == "MSELoss":
        lines.append("L = (1/N)·Σ (ŷ − y)²")
    elif kind == "BCEWithLogitsLoss":
        lines.append("L = −(1/N)·Σ [y·log σ(z) + (1 − y)·log(1 − σ(z))]")
    elif kind == "BCELoss":
        lines.append("L = −(1/N)·Σ [y·log ŷ + (1 − y)·log(1 − ŷ)]")
    elif kind == "NLLLoss":
        lines.append("L = −(1/B)·Σ log p_y")
    lines.append(f"batch loss L = {value:.4f}")
    return "\n".join(lines)


def optimizer_formula(optimizer: torch.optim.Optimizer) -> str:
    """The update rule of ``optimizer`` with its hyperparameters."""
    g = optimizer.param_groups[0]
    lr = g.get("lr", 0.0)
    name = type(optimizer).__name__
    wd = g.get("weight_decay", 0.0)
    decay = f"\ng ← g + λ·w, λ = {wd:g} (weight decay)" if wd else ""
    if name == "SGD":
        mu = g.get("momentum", 0.0)
        if not mu:
            rule = f"w ← w − η·g,  η = {lr:g}"
        elif g.get("nesterov"):
            rule = (f"v ← μ·v + g;  w ← w − η·(g + μ·v),  η = {lr:g}, μ = {mu:g}")
        else:
            rule = f"v ← μ·v + g;  w ← w − η·v,  η = {lr:g}, μ = {mu:g}"
    elif name in ("Adam", "AdamW"):
        b1, b2 = g["betas"]
        rule = (f"m ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g²\n"
                f"w ← w − η·m̂/(√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)\n"
                f"η = {lr:g}, β₁ = {b1:g}, β₂ = {b2:g}, ε = {g['eps']:g}")
    elif name == "RMSprop":
        rule = (f"s ← α·s + (1−α)·g²;  w ← w − η·g/(√s + ε),  η = {lr:g}, "
                f"α = {g['alpha']:g}")
    elif name == "Adagrad":
        rule = f"s ← s + g²;  w ← w − η·g/(√s + ε),  η = {lr:g}"
    elif name == "Adadelta":
        rule = (f"s ← ρ·s + (1−ρ)·g²;  Δw = −√(u + ε)/√(s + ε)·g;  "
                f"u ← ρ·u + (1−ρ)·Δw²;  w ← w + η·Δw,  η = {lr:g}, ρ = {g['rho']:g}")
    else:
        rule = f"{name}, η = {lr:g}"
    return f"{name}: {rule}{decay}"


# -- recurrent cells: the equations of one unit with its numbers -----------------------
#: The unit of the first sample whose numbers the cell equations show.
CELL_UNIT = 0
#: Gate rows of the weights, in PyTorch's order (LSTM: i, f, g, o; GRU: r, z, n).
_CELL_GATES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n"), "rnn": ("h",)}
MINUS = "−"


def _num(v: float) -> str:
    """A number with 4 decimals and a real minus sign."""
    text = f"{v:.4f}"
    return MINUS + text[1:] if text.startswith("-") else text


def _sig(v: float) -> str:
    """A gradient (often tiny): 4 significant digits and a real minus sign."""
    text = f"{v:.4g}"
    return MINUS + text[1:] if text.startswith("-") else text


def _sfactor(v: float) -> str:
    return f"({_sig(v)})" if v < 0 else _sig(v)


def _factor(v: float) -> str:
    """A number inside a product: negative ones in parentheses."""
    return f"({_num(v)})" if v < 0 else _num(v)


def _sum(*terms: float) -> str:
    """``a + b − c`` with the signs of the terms."""
    text = _num(terms[0])
    for t in terms[1:]:
        text += f" − {_num(-t)}" if t < 0 else f" + {_num(t)}"
    return text


def _cell_kind(module: nn.Module) -> str | None:
    name = type(module).__name__
    kinds = {"LSTMCell": "lstm", "GRUCell": "gru", "RNNCell": "rnn"}
    if name not in kinds or not hasattr(module, "weight_ih"):
        return None
    if getattr(module, "nonlinearity", "tanh") != "tanh":
        return None
    return kinds[name]


def _first(t: torch.Tensor | None, size: int) -> torch.Tensor:
    """The first sample of a (B, size) or (size,) tensor, as float64 (zeros for
    None)."""
    if t is None:
        return torch.zeros(size, dtype=torch.float64)
    return t.detach().double().reshape(-1, size)[0].cpu()


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))


def cell_forward(
    module: nn.Module, args: tuple, kwargs: dict, outputs: list[torch.Tensor], t: int
) -> tuple[str, dict[str, float]] | None:
    """The equations of an RNN, LSTM or GRU cell for unit :data:`CELL_UNIT` of the
    first sample, with its weights' numbers (None for other modules).

    Every gate is ``act(W·x + U·h + b)`` with ``W·x`` the dot product of the gate's
    row of ``weight_ih`` with the input, ``U·h`` that of ``weight_hh`` with the
    previous hidden state and ``b = b_ih + b_hh``. The scalars are
    ``cell.<gate>.wx`` / ``.uh`` / ``.b`` / ``.pre``, ``cell.<gate>`` and the states
    ``cell.h_prev``, ``cell.c_prev``, ``cell.c``, ``cell.h`` (``cell.unit``,
    ``cell.t``).
    """
    kind = _cell_kind(module)
    if kind is None:
        return None
    x = args[0] if args else kwargs.get("input")
    state = args[1] if len(args) > 1 else kwargs.get("hx", kwargs.get("state"))
    if not isinstance(x, torch.Tensor):
        return None
    hidden, n_in = module.hidden_size, module.input_size
    j = min(CELL_UNIT, hidden - 1)
    with torch.no_grad():
        x0 = _first(x, n_in)
        if kind == "lstm":
            h_prev, c_prev = state if state is not None else (None, None)
            h0, c0 = _first(h_prev, hidden), _first(c_prev, hidden)
        else:
            h0, c0 = _first(state, hidden), None
        w = module.weight_ih.detach().double().cpu()
        u = module.weight_hh.detach().double().cpu()
        rows = len(_CELL_GATES[kind]) * hidden
        b_ih = (module.bias_ih.detach().double().cpu() if module.bias_ih is not None
                else torch.zeros(rows, dtype=torch.float64))
        b_hh = (module.bias_hh.detach().double().cpu() if module.bias_hh is not None
                else torch.zeros(rows, dtype=torch.float64))
        parts = {}
        for g, gate in enumerate(_CELL_GATES[kind]):
            r = g * hidden + j
            parts[gate] = (float(w[r] @ x0), float(u[r] @ h0), float(b_ih[r]),
                           float(b_hh[r]))
    s: dict[str, float] = {"cell.unit": float(j), "cell.t": float(t),
                           "cell.h_prev": float(h0[j])}
    rule = {
        "rnn": "h_t = tanh(W·x + U·h_{t−1} + b)",
        "lstm": "f, i, o = σ(W·x + U·h_{t−1} + b),  g = tanh(W·x + U·h_{t−1} + b)",
        "gru": "r, z = σ(W·x + U·h_{t−1} + b),  n = tanh(W·x + b_in + r·(U·h_{t−1} "
               "+ b_hn))",
    }[kind]
    lines = [rule, f"unit j = {j} of the first sample, step t = {t}:"]

    def gate_line(gate: str, act: str, fn) -> float:
        wx, uh, bi, bh = parts[gate]
        b = bi + bh
        pre = wx + uh + b
        value = fn(pre)
        s.update({f"cell.{gate}.wx": wx, f"cell.{gate}.uh": uh, f"cell.{gate}.b": b,
                  f"cell.{gate}.pre": pre, f"cell.{gate}": value})
        name = "h_t" if gate == "h" else gate
        lines.append(f"{name} = {act}({_sum(wx, uh, b)}) = {_num(value)}")
        return value

    if kind == "rnn":
        h = gate_line("h", "tanh", math.tanh)
        s["cell.h"] = h
        return "\n".join(lines), s
    if kind == "lstm":
        f = gate_line("f", "σ", _sigmoid)
        i = gate_line("i", "σ", _sigmoid)
        g = gate_line("g", "tanh", math.tanh)
        o = gate_line("o", "σ", _sigmoid)
        c_old = float(c0[j])
        c = f * c_old + i * g
        h = o * math.tanh(c)
        # a fused kernel (PyTorch's LSTM cell on a GPU) makes h and c in one node:
        # the gradient caught at c_t then lacks the path through h_t
        fused = (len(outputs) > 1 and outputs[0].grad_fn is not None
                 and outputs[0].grad_fn is outputs[1].grad_fn)
        s.update({"cell.c_prev": c_old, "cell.c": c, "cell.h": h,
                  "cell.fused": float(fused)})
        lines.append(f"c_t = f·c_{{t−1}} + i·g = {_num(f)}·{_factor(c_old)} + "
                     f"{_num(i)}·{_factor(g)} = {_num(c)}")
        lines.append(f"h_t = o·tanh(c_t) = {_num(o)}·tanh({_num(c)}) = {_num(h)}")
        return "\n".join(lines), s
    # GRU (PyTorch's convention): n = tanh(W_n·x + b_in + r·(U_n·h + b_hn))
    r = gate_line("r", "σ", _sigmoid)
    z = gate_line("z", "σ", _sigmoid)
    wx, uh, bi, bh = parts["n"]
    pre = wx + bi + r * (uh + bh)
    n = math.tanh(pre)
    h_old = float(h0[j])
    h = (1.0 - z) * n + z * h_old
    s.update({"cell.n.wx": wx, "cell.n.uh": uh, "cell.n.b_in": bi, "cell.n.b_hn": bh,
              "cell.n.pre": pre, "cell.n": n, "cell.h": h})
    lines.append(f"n = tanh({_sum(wx, bi)} + {_num(r)}·({_sum(uh, bh)})) = {_num(n)}")
    lines.append(f"h_t = (1 − z)·n + z·h_{{t−1}} = {_num(1 - z)}·{_factor(n)} + "
                 f"{_num(z)}·{_factor(h_old)} = {_num(h)}")
    return "\n".join(lines), s


def _grad_at(records: dict, index: int, j: int) -> float:
    rec = records.get(index)
    if rec is None:
        return 0.0
    flat = rec.sample.reshape(-1)
    return float(flat[j]) if j < flat.size else 0.0


def cell_backward(
    module: nn.Module, fwd: dict[str, float], grads_out: dict
) -> tuple[str, dict[str, float]]:
    """The gradients of the unit the forward equations showed, from ``δh =
    ∂L/∂h_t`` (and the LSTM's ``δc = ∂L/∂c_t``) down to its gates.

    ``grads_out`` are the recorded gradients of the cell's outputs (0: h, 1: c).
    For a fused LSTM cell (one autograd node makes h and c, PyTorch's cell on a
    GPU) the gradient caught at ``c_t`` only holds the next step's share; the path
    through ``h_t = o·tanh(c_t)`` is added here.
    Scalars: ``cell.dh``, ``cell.dc`` and ``cell.d<gate>`` ...
    """
    kind = _cell_kind(module)
    j = int(fwd["cell.unit"])
    dh = _grad_at(grads_out, 0, j)
    s: dict[str, float] = {"cell.dh": dh}
    head = f"unit j = {j} of the first sample, t = {int(fwd['cell.t'])}:  "
    tail = ("∂L/∂W, ∂L/∂U: the gates' δ·xᵀ and δ·h_{t−1}ᵀ, summed over the time "
            "steps")
    if kind == "lstm":
        f, i, g, o, c = (fwd[f"cell.{k}"] for k in ("f", "i", "g", "o", "c"))
        tanh_c = math.tanh(c)
        dc = _grad_at(grads_out, 1, j)
        if fwd.get("cell.fused"):  # the h path is inside the fused backward
            dc += dh * o * (1.0 - tanh_c * tanh_c)
        s.update({
            "cell.dc": dc, "cell.do": dh * tanh_c, "cell.df": dc * fwd["cell.c_prev"],
            "cell.di": dc * g, "cell.dg": dc * i, "cell.dc_prev": dc * f,
        })
        lines = [
            f"{head}δh = ∂L/∂h_t = {_sig(dh)}",
            f"δc = ∂L/∂c_t = {_sig(dc)}  (with δh·o·(1 − tanh²c_t))",
            f"∂L/∂o = δh·tanh(c_t) = {_sig(s['cell.do'])}",
            f"∂L/∂f = δc·c_{{t−1}} = {_sig(s['cell.df'])},  ∂L/∂i = δc·g = "
            f"{_sig(s['cell.di'])}",
            f"∂L/∂g = δc·i = {_sig(s['cell.dg'])},  ∂L/∂c_{{t−1}} = δc·f = "
            f"{_sig(s['cell.dc_prev'])}",
        ]
    elif kind == "gru":
        z, n, h_old = fwd["cell.z"], fwd["cell.n"], fwd["cell.h_prev"]
        s.update({"cell.dz": dh * (h_old - n), "cell.dn": dh * (1.0 - z),
                  "cell.dh_prev": dh * z})
        lines = [
            f"{head}δh = ∂L/∂h_t = {_sig(dh)}",
            f"∂L/∂z = δh·(h_{{t−1}} − n) = {_sfactor(dh)}·{_factor(h_old - n)} = "
            f"{_sig(s['cell.dz'])}",
            f"∂L/∂n = δh·(1 − z) = {_sfactor(dh)}·{_num(1 - z)} = {_sig(s['cell.dn'])}",
            f"∂L/∂h_{{t−1}} = δh·z + (through r, z, n) = {_sig(s['cell.dh_prev'])} + …",
        ]
    else:
        h = fwd["cell.h"]
        s["cell.dpre"] = dh * (1.0 - h * h)
        lines = [
            f"{head}δh = ∂L/∂h_t = {_sig(dh)}",
            f"∂L/∂a = δh·(1 − h_t²) = {_sfactor(dh)}·{_num(1 - h * h)} = "
            f"{_sig(s['cell.dpre'])}  (a = W·x + U·h_{{t−1}} + b)",
        ]
    return "\n".join(lines + [tail]), s


# -- the VAE: sampling the code and the KL term ---------------------------------------
def reparameterization(
    mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor, z: torch.Tensor
) -> tuple[str, dict[str, float]]:
    """``z = μ + σ·ε`` with the numbers of the first sample's first dimension."""
    m, lv = float(mu.detach()[0, 0]), float(logvar.detach()[0, 0])
    e, zz = float(eps.detach()[0, 0]), float(z.detach()[0, 0])
    sigma = math.exp(0.5 * lv)
    text = (
        "z = μ + σ·ε,  σ = exp(½·log σ²),  ε ~ N(0, I)\n"
        f"first sample, dimension 1: σ = exp(½·{_factor(lv)}) = {_num(sigma)}\n"
        f"z = {_num(m)} + {_num(sigma)}·{_factor(e)} = {_num(zz)}"
    )
    return text, {"mu": m, "logvar": lv, "sigma": sigma, "eps": e, "z": zz}


def reparameterization_backward(event: Any, eps: float, sigma: float) -> str:
    """∂L/∂μ = ∂L/∂z and ∂L/∂σ = ∂L/∂z·ε for the first sample's first dimension."""
    rec = event.tensors.get("grad_output")
    g = float(rec.sample.reshape(-1)[0]) if rec is not None else 0.0
    event.scalars.update({"dz": g, "dmu": g, "dsigma": g * eps})
    return (
        "ε is a fixed input: the gradient passes through the sample to μ and σ\n"
        "∂L/∂μ = ∂L/∂z,  ∂L/∂σ = ∂L/∂z·ε,  ∂L/∂log σ² = ∂L/∂σ·σ/2\n"
        f"first sample, dimension 1: ∂L/∂z = {_sig(g)}, ∂L/∂μ = {_sig(g)}, "
        f"∂L/∂σ = {_sfactor(g)}·{_factor(eps)} = {_sig(g * eps)}"
    )


def kl_term(
    mu: torch.Tensor, logvar: torch.Tensor, kl: torch.Tensor
) -> tuple[str, dict[str, float]]:
    """``KL(N(μ, σ²) ‖ N(0, I)) = ½·Σ (μ² + σ² − log σ² − 1)`` with the first
    sample's numbers and the batch mean ``kl``."""
    with torch.no_grad():
        m = mu[0].detach().double().cpu()
        lv = logvar[0].detach().double().cpu()
        terms = (m**2 + lv.exp() - lv - 1).tolist()
    first = 0.5 * sum(terms)
    value = float(kl.detach())
    inner = " + ".join(
        f"({_factor(float(a))}² + {_num(math.exp(float(b)))} − {_factor(float(b))} − 1)"
        for a, b in zip(m.tolist(), lv.tolist())
    )
    text = (
        "KL(N(μ, σ²) ‖ N(0, I)) = ½·Σ_j (μ_j² + σ_j² − log σ_j² − 1), "
        "mean over the batch\n"
        f"first sample: ½·[{inner}] = {_num(first)}\n"
        f"batch KL = {value:.4f}"
    )
    return text, {"kl": value, "kl_first": first, "mu": float(m[0]),
                  "logvar": float(lv[0]), "batch": float(mu.shape[0])}


def kl_term_backward(event: Any, numbers: dict[str, float]) -> str:
    """The gradient of the KL term w.r.t. μ and log σ² (first sample, dimension 1),
    from ``numbers`` of :func:`kl_term`."""
    rec = event.tensors.get("grad_output")
    g = float(rec.sample.reshape(-1)[0]) if rec is not None else 0.0
    m, lv, b = numbers["mu"], numbers["logvar"], numbers["batch"]
    dmu = g * m / b
    dlv = g * 0.5 * (math.exp(lv) - 1.0) / b
    event.scalars.update({"dkl": g, "dmu": dmu, "dlogvar": dlv})
    return (
        "∂KL/∂μ_j = μ_j/B,  ∂KL/∂log σ_j² = ½·(σ_j² − 1)/B  (B: batch size): "
        "KL pulls μ to 0 and σ to 1\n"
        f"∂L/∂KL = {_sig(g)} (β);  first sample, dimension 1:\n∂L/∂μ = "
        f"{_sig(g)}·{_factor(m)}/{b:g} = {_sig(dmu)},  ∂L/∂log σ² = "
        f"{_sig(g)}·½·({_num(math.exp(lv))} − 1)/{b:g} = {_sig(dlv)}"
    )


# -- losses of the metric-learning labs -----------------------------------------------
def contrastive_loss_event(
    event: Any, distance: torch.Tensor, same: torch.Tensor, margin: float
) -> None:
    """Fill a contrastive loss event: the formula, the first pair's distance, label
    and margin and its loss (scalars ``distance``, ``label``, ``margin``,
    ``pair_loss``), the batch loss."""
    d = float(distance.detach()[0])
    y = float(same[0])
    if y >= 0.5:
        pair = 0.5 * d * d
        how = f"y = 1 (same class): ½·d² = ½·{_num(d)}² = {_num(pair)}"
    else:
        gap = max(0.0, margin - d)
        pair = 0.5 * gap * gap
        how = (f"y = 0 (different classes): ½·max(0, m − d)² = "
               f"½·max(0, {margin:g} − {_num(d)})² = {_num(pair)}")
    value = float(event.scalars.get("loss", 0.0))
    event.formula = (
        "L = y·½·d² + (1 − y)·½·max(0, m − d)²,  mean over the pairs "
        "(y = 1: same class)\n"
        f"first pair: d = {_num(d)}, y = {int(y)}, m = {margin:g}\n"
        f"{how}\nbatch loss L = {value:.4f}"
    )
    event.scalars.update({"distance": d, "label": y, "margin": float(margin),
                          "pair_loss": pair})


MINING_RULES = {
    "random": "a random positive and a random negative for each anchor",
    "batch-hard": "for each anchor the farthest positive and the nearest negative "
                  "of the batch",
    "semi-hard": "negatives farther than the positive but inside the margin: "
                 "d(a,p) < d(a,n) < d(a,p) + m",
}


def triplet_loss_event(
    event: Any, d_ap: torch.Tensor, d_an: torch.Tensor, margin: float, mining: str
) -> None:
    """Fill a triplet loss event: the formula, the mining rule, the first triplet's
    distances and loss (scalars ``d_ap``, ``d_an``, ``margin``, ``triplet_loss``)
    and how many triplets still violate the margin (``active``)."""
    ap, an = d_ap.detach().double(), d_an.detach().double()
    a, n = float(ap[0]), float(an[0])
    first = max(0.0, a - n + margin)
    hinge = (ap - an + margin).clamp(min=0.0)
    active = int((hinge > 0).sum())
    loss = float(hinge.mean())
    rule = MINING_RULES.get(mining, mining)
    event.formula = (
        "L = mean over triplets of max(0, d(a,p) − d(a,n) + m)\n"
        f"mining ({mining}): {rule}\n"
        f"first triplet: max(0, {_num(a)} − {_num(n)} + {margin:g}) = {_num(first)}\n"
        f"{active} of {len(hinge)} triplets inside the margin (they pull and push); "
        f"batch loss L = {loss:.4f}"
    )
    event.scalars.update({"d_ap": a, "d_an": n, "margin": float(margin),
                          "triplet_loss": first, "active": float(active)})


def _probs(p: torch.Tensor) -> str:
    return "[" + " ".join(f"{float(v):.2f}" for v in p) + "]"


def distillation_loss_event(
    event: Any,
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    temperature: float,
    alpha: float,
) -> None:
    """Fill a distillation loss event: the teacher's and the student's soft targets
    at ``T`` (first sample; tensors ``teacher_soft``, ``student_soft``), the
    batch's ``KL(p_t ‖ p_s)``, ``KL·T²``, ``CE`` and ``α`` with the total."""
    from dlviz.core.trace.sampling import record_tensor

    t = float(temperature)
    with torch.no_grad():
        zs = student_logits.detach().double()
        zt = teacher_logits.detach().double()
        log_ps = torch.log_softmax(zs / t, dim=-1)
        pt = torch.softmax(zt / t, dim=-1)
        kl = float(torch.nn.functional.kl_div(log_ps, pt, reduction="batchmean"))
        ce = float(torch.nn.functional.cross_entropy(zs, labels))
        ps = log_ps.exp()
    soft = kl * t * t
    total = alpha * soft + (1.0 - alpha) * ce
    event.tensors["teacher_soft"] = record_tensor(pt.float())
    event.tensors["student_soft"] = record_tensor(ps.float())
    event.scalars.update({"T": t, "alpha": float(alpha), "kl": kl, "soft": soft,
                          "ce": ce, "total": total})
    event.formula = (
        "L = α·T²·KL(p_t ‖ p_s) + (1 − α)·CE(y, z_s),  p = softmax(z/T)\n"
        f"T = {t:g}, α = {alpha:g};  first sample (class {int(labels[0])}):\n"
        f"teacher p_t = {_probs(pt[0])}\n"
        f"student p_s = {_probs(ps[0])}\n"
        f"KL = {kl:.4f},  KL·T² = {kl:.4f}·{t * t:g} = {soft:.4f},  CE = {ce:.4f}\n"
        f"L = {alpha:g}·{soft:.4f} + {1 - alpha:g}·{ce:.4f} = {total:.4f}"
    )
