"""The gate equations of one unit at one time step, with the actual numbers.

Pure numpy on recorded values, so the interface can call it for every move of its
time cursor without asking the worker. Text uses Unicode math (σ, ⊙, −, h̃).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def _num(value: float) -> str:
    """Two decimals with a real minus sign: ``−0.42``."""
    return f"{float(value):.2f}".replace("-", "−")


def _factor(value: float) -> str:
    """A number inside a product: negatives in parentheses, ``0.64·(−0.04)``."""
    text = _num(value)
    return f"({text})" if text.startswith("−") else text


def _sigmoid(value: float) -> float:
    return float(1.0 / (1.0 + np.exp(-value)))


def gate_equations(
    kind: str, values: Mapping[str, np.ndarray], t: int, unit: int = 0
) -> list[str]:
    """Lines of the cell's equations at step ``t`` (0-based) for hidden ``unit``.

    ``values`` maps recorded names to (units, T) arrays: the gates and states of
    :data:`dlviz.core.rnn.cells.RECORDED` and the ``pre_<gate>`` pre-activations.
    The state before the first step is zero.
    """
    steps = values["h"].shape[1]
    units = values["h"].shape[0]
    if not 0 <= t < steps:
        raise ValueError(f"time step must be in 1..{steps}")
    if not 0 <= unit < units:
        raise ValueError(f"unit must be in 0..{units - 1}")

    def at(name: str, step: int = t) -> float:
        return float(values[name][unit, step]) if step >= 0 else 0.0

    header = f"t = {t + 1}, unit {unit}"
    if kind == "rnn":
        pre = at("pre_h")
        return [
            header,
            f"h_{{t−1}} = {_num(at('h', t - 1))}",
            "h_t = tanh(W_xh·x_t + W_hh·h_{t−1} + b)"
            f" = tanh({_num(pre)}) = {_num(at('h'))}",
        ]
    if kind == "lstm":
        lines = [header, f"h_{{t−1}} = {_num(at('h', t - 1))},"
                 f"  c_{{t−1}} = {_num(at('c', t - 1))}"]
        for gate in ("f", "i"):
            lines.append(_sigmoid_line(gate, at("pre_" + gate), at(gate)))
        lines.append(
            "g_t = tanh(W_g·[h_{t−1}, x_t] + b_g)"
            f" = tanh({_num(at('pre_g'))}) = {_num(at('g'))}"
        )
        lines.append(_sigmoid_line("o", at("pre_o"), at("o")))
        lines.append(
            "c_t = f_t⊙c_{t−1} + i_t⊙g_t"
            f" = {_factor(at('f'))}·{_factor(at('c', t - 1))}"
            f" + {_factor(at('i'))}·{_factor(at('g'))} = {_num(at('c'))}"
        )
        lines.append(
            f"h_t = o_t⊙tanh(c_t) = {_factor(at('o'))}·tanh({_num(at('c'))})"
            f" = {_num(at('h'))}"
        )
        return lines
    if kind == "gru":
        z, h_prev = at("z"), at("h", t - 1)
        return [
            header,
            f"h_{{t−1}} = {_num(h_prev)}",
            _sigmoid_line("z", at("pre_z"), z),
            _sigmoid_line("r", at("pre_r"), at("r")),
            "h̃_t = tanh(W_n·x_t + r_t⊙(U_n·h_{t−1}) + b_n)"
            f" = tanh({_num(at('pre_n'))}) = {_num(at('n'))}",
            "h_t = (1 − z_t)⊙h̃_t + z_t⊙h_{t−1}"
            f" = (1 − {_num(z)})·{_factor(at('n'))} + {_factor(z)}·{_factor(h_prev)}"
            f" = {_num(at('h'))}",
        ]
    raise ValueError(f"unknown cell {kind!r}")


def _sigmoid_line(gate: str, pre: float, value: float) -> str:
    return (
        f"{gate}_t = σ(W_{gate}·[h_{{t−1}}, x_t] + b_{gate})"
        f" = σ({_num(pre)}) = {_num(value)}"
    )


def sigmoid(value: float) -> float:
    """The logistic function, for checks of the printed numbers."""
    return _sigmoid(value)
