"""A torchinfo-like table of a zoo network: layer, output shape, parameters.

Full configurations are built on the ``meta`` device and run with a meta tensor, so
shapes and counts come out without allocating a single weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from dlviz.core.zoo import (
    ZOO,
    count_parameters,
    get_card,
    model_names,
    resolve_model_name,
    zoo_names,
)

__all__ = ["LayerRow", "model_names", "summarize", "summary_text", "zoo_names"]


@dataclass(frozen=True)
class LayerRow:
    """One leaf layer in execution order."""

    path: str
    kind: str
    output_shape: tuple[int, ...]
    parameters: int


def summarize(
    model: nn.Module, input_shape: tuple[int, ...]
) -> tuple[list[LayerRow], int]:
    """Rows for every leaf module that runs on one input of ``input_shape`` (without
    the batch dimension), and the total parameter count.

    The forward runs on the meta device: the model is moved there (a model already
    on meta stays there), so nothing is computed or allocated.
    """
    model = model.to("meta") if _on_other_device(model) else model
    rows: list[LayerRow] = []
    handles = []
    for path, module in model.named_modules():
        if path and not any(True for _ in module.children()):
            handles.append(module.register_forward_hook(_recorder(rows, path)))
    try:
        was_training = model.training
        model.eval()
        with torch.no_grad():
            model(torch.empty((1, *input_shape), device="meta"))
        model.train(was_training)
    finally:
        for handle in handles:
            handle.remove()
    return rows, count_parameters(model)


def _on_other_device(model: nn.Module) -> bool:
    return any(p.device.type != "meta" for p in model.parameters())


def _recorder(rows: list[LayerRow], path: str):
    def hook(module: nn.Module, inputs, output) -> None:
        shape = tuple(output.shape) if isinstance(output, torch.Tensor) else ()
        own = sum(p.numel() for p in module.parameters(recurse=False))
        rows.append(LayerRow(path, type(module).__name__, shape, own))

    return hook


def build_meta(name: str, full: bool = False, **options) -> nn.Module:
    """The zoo network ``name`` with its weights on the meta device."""
    with torch.device("meta"):
        return get_card(name).build(full=full, **options)


def summary_text(name: str, full: bool = False) -> str:
    """The table for network ``name``, reduced (default) or full size.

    ``name`` is a zoo key or any name :func:`~dlviz.core.zoo.resolve_model_name`
    accepts (``resnet18``, ``vgg16``, ``mobilenet_v1`` ...); an unknown one raises
    KeyError listing the accepted names.
    """
    model = resolve_model_name(name)
    card = get_card(model.card)
    shape = card.input_shape(full)
    options = model.full_options if full else model.reduced_options
    rows, total = summarize(build_meta(model.card, full, **options), shape)
    header = ("Layer (type)", "Output shape", "Param #")
    lines = [
        (f"{r.path} ({r.kind})", _shape(r.output_shape), f"{r.parameters:,}")
        for r in rows
    ]
    w0 = max(len(header[0]), *(len(a) for a, _, _ in lines))
    w1 = max(len(header[1]), *(len(b) for _, b, _ in lines))
    w2 = max(len(header[2]), *(len(c) for _, _, c in lines), len(f"{total:,}"))
    width = w0 + w1 + w2 + 4
    if full:
        title = f"{model.title} (full) — input {_shape((1, *shape))}"
    else:
        title = (
            f"{card.title.replace('-16', '').replace('-18', '')} (reduced, the "
            f"lab's network for digits) — input {_shape((1, *shape))}"
        )
    out = [title, "=" * width, _row(header, w0, w1, w2), "-" * width]
    out += [_row(line, w0, w1, w2) for line in lines]
    out.append("=" * width)
    out.append(f"Total params: {total:,}")
    if full:
        out.append(f"Published: {model.published:,} ({model.note})")
    return "\n".join(out)


def _row(cells: tuple[str, str, str], w0: int, w1: int, w2: int) -> str:
    return f"{cells[0]:<{w0}}  {cells[1]:<{w1}}  {cells[2]:>{w2}}"


def _shape(shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


if __name__ == "__main__":  # pragma: no cover - manual check
    for key in ZOO:
        print(summary_text(key, full=True).splitlines()[-2:])
