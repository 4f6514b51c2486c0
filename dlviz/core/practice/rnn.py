"""Chapter "rnn": the lab's own recurrent cells (:mod:`dlviz.core.rnn.cells`) —
parameter counts, gate values and what the gates do."""

from __future__ import annotations

import math
import random

import torch

from dlviz.core.practice.model import NUMBER, TRUE_FALSE, Draft, Link, fmt
from dlviz.core.practice.registry import kind
from dlviz.core.rnn.cells import CELLS
from dlviz.core.rnn.equations import sigmoid


def cell_params(kind_name: str, n_in: int, hidden: int) -> int:
    """Parameters of the lab's cell (two bias vectors, like torch's)."""
    with torch.device("meta"):
        cell = CELLS[kind_name](n_in, hidden)
    return sum(p.numel() for p in cell.parameters())


def _gates(kind_name: str) -> int:
    return {"rnn": 1, "lstm": 4, "gru": 3}[kind_name]


@kind("rnn.params", "rnn", ("lstm", "gru", "rnn"))
def parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    n_in = rng.choice((1, 2, 8, 16))
    hidden = int(hp.get("hidden", rng.choice((8, 16, 32))))
    value = cell_params(lab, n_in, hidden)
    g = _gates(lab)
    one_bias = g * (hidden * (n_in + hidden) + hidden)
    name = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN"}[lab]
    other = {"lstm": 3, "gru": 4, "rnn": 4}[lab]
    return Draft(
        "A one-layer {name} cell (PyTorch's layout: two bias vectors) reads {n_in} "
        "inputs and has {hidden} hidden units. How many parameters has it?",
        dict(name=name, n_in=n_in, hidden=hidden), value,
        "{g} × ({hidden}·({n_in} + {hidden}) + 2·{hidden}) = {answer}",
        Link(lab, panel="equations"),
        [(one_bias, "PyTorch keeps two bias vectors (b_ih and b_hh)."),
         (other * (hidden * (n_in + hidden) + 2 * hidden),
          "Count the gates: LSTM 4, GRU 3, plain RNN 1."),
         (g * hidden * (n_in + hidden), "The biases are missing.")],
        solution_args=dict(g=g, answer=value))


def _value(rng: random.Random, values) -> float:
    return float(rng.choice(values))


@kind("rnn.cell_state", "rnn", ("lstm",))
def cell_state(rng: random.Random, lab: str, hp: dict) -> Draft:
    f, i = _value(rng, (0.9, 0.5, 0.2, 1.0)), _value(rng, (0.1, 0.5, 0.8))
    g, c = _value(rng, (0.6, -0.4, 1.0)), _value(rng, (2.0, -1.0, 0.5))
    value = float(torch.tensor(f) * torch.tensor(c) + torch.tensor(i) * torch.tensor(g))
    return Draft(
        "An LSTM step: forget gate f = {f}, input gate i = {i}, candidate g = {g}, "
        "old cell state c = {c}. What is the new cell state? (three decimals)",
        dict(f=f, i=i, g=g, c=c), value,
        "c_t = f·c_(t−1) + i·g = {f}·{c} + {i}·{g} = {answer}",
        Link(lab, panel="gate c"),
        [(i * c + f * g, "The forget gate scales the old state, the input gate the "
          "candidate."), (f * c, "The input gate adds i·g."),
         (f * c * i * g, "The two terms are added, not multiplied.")],
        solution_args=dict(answer=value))


@kind("rnn.gate", "rnn", ("lstm", "gru"))
def gate_value(rng: random.Random, lab: str, hp: dict) -> Draft:
    w, x = _value(rng, (0.5, 1.0, 2.0)), _value(rng, (1.0, -1.0, 0.5))
    u, h = _value(rng, (0.5, -1.0)), _value(rng, (0.2, 0.5, -0.5))
    b = _value(rng, (0.0, 0.5, -0.5))
    gate = rng.choice(("f", "i", "o") if lab == "lstm" else ("z", "r"))
    pre = w * x + u * h + b
    value = sigmoid(pre)
    return Draft(
        "One hidden unit: gate {gate} = σ(w·x + u·h + b) with w = {w}, x = {x}, "
        "u = {u}, h = {h}, b = {b}. What is the gate's value? (three decimals)",
        dict(gate=gate, w=w, x=x, u=u, h=h, b=b), value,
        "σ({pre}) = 1 / (1 + exp(−({pre}))) = {answer}",
        Link(lab, panel=f"gate {gate}"),
        [(pre, "A gate squashes its input with the sigmoid."),
         (math.tanh(pre), "Gates use the sigmoid (0 … 1), not tanh.")],
        form=NUMBER, solution_args=dict(pre=fmt(pre), answer=value))


@kind("rnn.hidden", "rnn", ("lstm",))
def hidden_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    o, c = _value(rng, (0.5, 0.8, 1.0)), _value(rng, (0.5, 1.0, 2.0, -1.0))
    value = float(torch.tensor(o) * torch.tanh(torch.tensor(c)))
    return Draft(
        "An LSTM's output gate is o = {o} and its new cell state c = {c}. What is "
        "the hidden state h? (three decimals)",
        dict(o=o, c=c), value, "h = o·tanh(c) = {o}·tanh({c}) = {answer}",
        Link(lab, panel="gate h"),
        [(o * c, "The cell state passes through tanh first."),
         (math.tanh(o * c), "tanh applies to c, then o scales it.")],
        solution_args=dict(c=fmt(c), answer=value))


#: Statements about the gates: (template, cell, gate values, what is compared).
STATEMENTS = (
    ("True or false: an LSTM with forget gate f = 1 and input gate i = 0 keeps its "
     "cell state unchanged.", "lstm", {"f": 1.0, "i": 0.0}, "c"),
    ("True or false: an LSTM with forget gate f = 0 and input gate i = 1 keeps its "
     "cell state unchanged.", "lstm", {"f": 0.0, "i": 1.0}, "c"),
    ("True or false: when an LSTM's output gate is o = 0, its hidden state is 0 "
     "whatever the cell state.", "lstm", {"o": 0.0}, "h0"),
    ("True or false: a GRU with update gate z = 1 keeps its hidden state unchanged "
     "(PyTorch's convention h = (1 − z)·n + z·h).", "gru", {"z": 1.0}, "h"),
    ("True or false: a GRU with update gate z = 0 keeps its hidden state unchanged "
     "(PyTorch's convention h = (1 − z)·n + z·h).", "gru", {"z": 0.0}, "h"),
)


def _statement_truth(cell: str, gates: dict[str, float], what: str,
                     gen: torch.Generator) -> bool:
    """Run the cell's equations with these gate values on random states."""
    c_old, h_old = torch.randn(32, generator=gen), torch.randn(32, generator=gen)
    cand = torch.tanh(torch.randn(32, generator=gen))
    rand = torch.sigmoid(torch.randn(32, generator=gen))
    if cell == "lstm":
        f = torch.full((32,), gates.get("f", 0.5)) if "f" in gates else rand
        i = torch.full((32,), gates.get("i", 0.5)) if "i" in gates else rand
        o = torch.full((32,), gates["o"]) if "o" in gates else rand
        c = f * c_old + i * cand
        h = o * torch.tanh(c)
        if what == "c":
            return bool(torch.allclose(c, c_old))
        return bool(torch.allclose(h, torch.zeros_like(h)))
    z = torch.full((32,), gates["z"])
    h = (1 - z) * cand + z * h_old
    return bool(torch.allclose(h, h_old))


@kind("rnn.gates_true_false", "rnn", ("lstm", "gru"))
def gates_true_false(rng: random.Random, lab: str, hp: dict) -> Draft:
    options = [s for s in STATEMENTS if s[1] == lab]
    text, cell, gates, what = rng.choice(options)
    gen = torch.Generator().manual_seed(rng.randrange(2**31))
    truth = _statement_truth(cell, gates, what, gen)
    solution = ("c_t = f·c_(t−1) + i·g and h_t = o·tanh(c_t): put in the gate values "
                "and compare (checked on 32 random states)." if cell == "lstm" else
                "h_t = (1 − z)·n + z·h_(t−1): put in z and compare (checked on 32 "
                "random states).")
    panel = "gate c" if what == "c" else "gate h"
    return Draft(text, {}, truth, solution, Link(lab, panel=panel), form=TRUE_FALSE)


@kind("rnn.vanishing", "rnn", ("rnn", "lstm", "gru"))
def vanishing_through_time(rng: random.Random, lab: str, hp: dict) -> Draft:
    factor = _value(rng, (0.5, 0.8, 0.9))
    steps = rng.choice((10, 20, 50))
    value = float(torch.tensor(factor, dtype=torch.float64) ** steps)
    return Draft(
        "In a plain RNN each step back in time multiplies the gradient by about "
        "{factor}. What fraction is left after {steps} steps? (scientific notation "
        "is fine)",
        dict(factor=factor, steps=steps), value,
        "{factor}^{steps} = {answer}: the gradient vanishes, so a plain RNN learns "
        "only short dependencies; the LSTM's cell state (f ≈ 1) carries it further.",
        Link(lab, panel="gradient through time"),
        [(factor * steps, "The factors multiply, they do not add."),
         (factor / steps, "Each step multiplies by the factor again.")],
        digits=6, solution_args=dict(answer=value))


@kind("rnn.rnn_step", "rnn", ("rnn",))
def rnn_step(rng: random.Random, lab: str, hp: dict) -> Draft:
    w, x = _value(rng, (0.5, 1.0, 2.0)), _value(rng, (1.0, -1.0, 0.5))
    u, h = _value(rng, (0.5, -1.0, 0.8)), _value(rng, (0.2, 0.5, -0.5))
    b = _value(rng, (0.0, 0.1, -0.2))
    cell = CELLS["rnn"](1, 1)
    with torch.no_grad():
        cell.weight_ih.fill_(w)
        cell.weight_hh.fill_(u)
        cell.bias_ih.fill_(b)
        cell.bias_hh.zero_()
        value = float(cell(torch.tensor([[x]]), torch.tensor([[h]]))[0, 0])
    pre = w * x + u * h + b
    return Draft(
        "A plain RNN with one hidden unit: h_t = tanh(w·x_t + u·h_(t−1) + b) with "
        "w = {w}, x_t = {x}, u = {u}, h_(t−1) = {h}, b = {b}. What is h_t? (three "
        "decimals)",
        dict(w=w, x=x, u=u, h=h, b=b), value,
        "tanh({w}·{x} + {u}·{h} + {b}) = tanh({pre}) = {answer}",
        Link(lab, panel="gate h"),
        [(pre, "The sum passes through tanh."),
         (math.tanh(w * x + b), "The previous hidden state counts too: u·h_(t−1)."),
         (sigmoid(pre), "A plain RNN uses tanh, not the sigmoid.")],
        solution_args=dict(pre=fmt(pre), answer=value))
