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
    return (f"y = γ·(x − μ_B)/√(σ_B² + ε) + β, μ_B and σ_B² per channel over the "
            f"batch, ε = {module.eps:g}\n"
            f"running mean ← (1 − {module.momentum})·running mean + "
            f"{module.momentum}·μ_B\nparameters = 2·C = 2·{c} = {count} (γ and β)")


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
