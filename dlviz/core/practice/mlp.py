"""Chapter "mlp": the lab's own multilayer perceptron, activations, softmax and
cross-entropy (answers from torch)."""

from __future__ import annotations

import random

import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from dlviz.core.labs.mlp import ACTIVATIONS, build_mlp
from dlviz.core.practice.cnn import BIAS_PER_INPUT, LINEAR_BIAS_FORGOTTEN
from dlviz.core.practice.model import NUMBER, TRUE_FALSE, Draft, Link
from dlviz.core.practice.registry import kind

MLP_LABS = ("mlp_digits", "mlp2d")


def lab_mlp(lab: str, hp: dict) -> nn.Sequential:
    """The lab's network for its settings (digits: 64 inputs, 10 classes; the 2-D
    playground: 2 inputs and, for the question, 2 classes)."""
    from dlviz.core.mlp_features import parse_features, parse_widths

    layers = int(hp.get("layers", 1 if lab == "mlp_digits" else 2))
    neurons = int(hp.get("neurons", 128 if lab == "mlp_digits" else 16))
    widths = [neurons] * layers
    n_in, n_out = (64, 10) if lab == "mlp_digits" else (2, 2)
    if lab == "mlp_digits" and hp.get("mnist_folder"):
        n_in = 28 * 28
    if lab == "mlp2d":  # the playground: its input features and per-layer widths
        n_in = len(parse_features(hp.get("features", "x1,x2")))
        widths = parse_widths(hp.get("widths", "")) or widths
    dropout = float(hp.get("dropout", 0.0))
    with torch.device("meta"):
        return build_mlp(n_in, widths, n_out, hp.get("activation", "ReLU"), dropout)


@kind("mlp.linear_params", "mlp", ("mlp_digits",))
def linear_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    model = lab_mlp(lab, hp)
    linears = [(p, m) for p, m in model.named_modules() if isinstance(m, nn.Linear)]
    path, lin = rng.choice(linears)
    n_in, n_out = lin.in_features, lin.out_features
    value = sum(p.numel() for p in lin.parameters())
    return Draft(
        "The MLP on digits: how many parameters has its fully connected layer "
        "{path} ({n_in} inputs, {n_out} outputs, with bias)?",
        dict(path=path, n_in=n_in, n_out=n_out), value,
        "{n_in}×{n_out} + {n_out} = {answer}", Link(lab, path),
        [(n_in * n_out, LINEAR_BIAS_FORGOTTEN), (n_in * n_out + n_in, BIAS_PER_INPUT),
         (n_in + n_out, "Every input connects to every output: multiply.")],
        solution_args=dict(answer=value))


@kind("mlp.hidden_params", "mlp", MLP_LABS)
def hidden_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    model = lab_mlp(lab, hp)
    linears = [(p, m) for p, m in model.named_modules() if isinstance(m, nn.Linear)]
    if lab == "mlp2d":
        linears = linears[:-1]  # the output layer depends on the classes
    total = sum(p.numel() for _, m in linears for p in m.parameters())
    weights = sum(m.weight.numel() for _, m in linears)
    listing = " + ".join(f"({m.in_features}×{m.out_features} + {m.out_features})"
                         for _, m in linears)
    sizes = " → ".join([str(linears[0][1].in_features)]
                       + [str(m.out_features) for _, m in linears])
    return Draft(
        "An MLP with the layer sizes {sizes} (fully connected, with bias): how many "
        "parameters has it?",
        dict(sizes=sizes),
        total, "{listing} = {answer}", Link(lab, linears[-1][0]),
        [(weights, LINEAR_BIAS_FORGOTTEN)],
        solution_args=dict(listing=listing, answer=total))


@kind("mlp.activation", "mlp", MLP_LABS)
def activation_value(rng: random.Random, lab: str, hp: dict) -> Draft:
    name = rng.choice(("sigmoid", "tanh", "ReLU"))
    x = rng.choice((-2.0, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0))
    value = float(ACTIVATIONS[name]()(torch.tensor([x]))[0])
    formula = {"sigmoid": "1 / (1 + e^(−x))", "tanh": "(e^x − e^(−x)) / (e^x + e^(−x))",
               "ReLU": "max(0, x)"}[name]
    return Draft(
        "What is {name}(x) for x = {x}? (three decimals)",
        dict(name=name, x=x), value, "{name}(x) = {formula} = {answer}",
        Link(lab, panel="decision boundary" if lab == "mlp2d" else "probabilities"),
        form=NUMBER, solution_args=dict(formula=formula, answer=value))


def _logits(rng: random.Random, n: int) -> list[float]:
    return [float(rng.choice((-1, 0, 0.5, 1, 1.5, 2, 3))) for _ in range(n)]


@kind("mlp.softmax", "mlp", ("mlp_digits",))
def softmax_probability(rng: random.Random, lab: str, hp: dict) -> Draft:
    z = _logits(rng, 3)
    k = rng.randrange(3)
    p = torch.softmax(torch.tensor(z), dim=0)
    value = float(p[k])
    return Draft(
        "The scores (logits) of three classes are {z}. After softmax, what is the "
        "probability of class {k}? (classes 0, 1, 2; three decimals)",
        dict(z=", ".join(f"{v:g}" for v in z), k=k), value,
        "p_k = e^(z_k) / Σ e^(z_j) = {answer}", Link(lab, panel="probabilities"),
        form=NUMBER, solution_args=dict(answer=value))


@kind("mlp.cross_entropy", "mlp", ("mlp_digits",))
def cross_entropy(rng: random.Random, lab: str, hp: dict) -> Draft:
    z = _logits(rng, 3)
    k = rng.randrange(3)
    value = float(F.cross_entropy(torch.tensor([z]), torch.tensor([k])))
    p = float(torch.softmax(torch.tensor(z), dim=0)[k])
    return Draft(
        "Logits {z}, the true class is {k}. What is the cross-entropy loss "
        "(natural log; three decimals)?",
        dict(z=", ".join(f"{v:g}" for v in z), k=k), value,
        "−ln p_k = −ln {p} = {answer}", Link(lab, "loss", "loss"), form=NUMBER,
        solution_args=dict(p=p, answer=value))


@kind("mlp.linear_stack", "mlp", MLP_LABS)
def linear_stack(rng: random.Random, lab: str, hp: dict) -> Draft:
    gen = torch.Generator().manual_seed(rng.randrange(2**31))
    with_relu = rng.random() < 0.5
    first, second = nn.Linear(3, 4), nn.Linear(4, 2)
    with torch.no_grad():
        for p in (*first.parameters(), *second.parameters()):
            p.copy_(torch.randn(p.shape, generator=gen))
        x = torch.randn(64, 3, generator=gen)
        hidden = first(x)
        out = second(torch.relu(hidden) if with_relu else hidden)
        merged = x @ (second.weight @ first.weight).T + (
            second.weight @ first.bias + second.bias)
        truth = bool(torch.allclose(out, merged, atol=1e-4))
    return Draft(
        "True or false: two fully connected layers with a ReLU between them can be "
        "replaced by one fully connected layer." if with_relu else
        "True or false: two fully connected layers with no activation between them "
        "can be replaced by one fully connected layer.",
        {}, truth,
        "W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂): one linear layer. A ReLU in "
        "between bends the map, so no single layer gives the same outputs (checked "
        "on 64 random inputs).",
        Link(lab, panel="decision boundary" if lab == "mlp2d" else "probabilities"),
        form=TRUE_FALSE)
