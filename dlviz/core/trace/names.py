"""Short, readable names for the boxes of the diagram.

A module path such as ``model.encoder.0.self_attn.q_proj`` is too long for a box and
``0.2`` says nothing. Each box gets

* a **title** (:func:`node_titles`): the shortened path when its last part is a
  name (``enc0.self_attn.q``, ``stage1.0.bn2``, ``class_head``), unique within a
  network; none when the path ends in an index (``0.2``, ``features.3``);
* **what it does** (:func:`describe_module`): ``conv 5×5 → 6``, ``ReLU``, which
  names the box when it has no title.

What a layer does is a template with arguments (``("conv {0} → {1}", ("5×5",
"6"))``) so the interface can translate the template; :func:`format_detail` fills it
in English.
"""

from __future__ import annotations

from collections.abc import Iterable

from torch import nn

#: Longest title before leading parts of the path are dropped.
MAX_TITLE = 20

#: Words shortened in paths.
WORDS = {
    "encoder": "enc",
    "decoder": "dec",
    "downsample": "down",
    "inceptions": "inc",
    "stages": "stage",
    "layers": "layer",
    "blocks": "block",
    "cells": "cell",
    "features": "feat",
    "depthwise": "dw",
    "pointwise": "pw",
}
#: Containers whose index joins the name: ``stages.1`` → ``stage1``.
INDEXED = {"encoder", "decoder", "inceptions", "stages", "layers", "blocks", "cells",
           "features"}

Detail = tuple[str, tuple[str, ...]]


def _is_index(part: str) -> bool:
    return part.isdigit()


def short_path(path: str) -> str:
    """``model.encoder.0.self_attn.q_proj`` → ``enc0.self_attn.q``.

    Drops a leading ``model.``, shortens common words (:data:`WORDS`), joins a
    container with its index (``stages.1`` → ``stage1``) and drops ``_proj``.
    """
    parts = path.split(".")
    if len(parts) > 1 and parts[0] == "model":
        parts = parts[1:]
    out: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        word = WORDS.get(part, part)
        if part.endswith("_proj") and len(part) > len("_proj"):
            word = part[: -len("_proj")]
        if part in INDEXED and i + 1 < len(parts) and _is_index(parts[i + 1]):
            out.append(word + parts[i + 1])
            i += 2
            continue
        out.append(word)
        i += 1
    return ".".join(out)


def _size(value) -> str:
    if isinstance(value, (tuple, list)):
        return "×".join(str(v) for v in value)
    return f"{value}×{value}"


def describe_module(module: nn.Module | None, kind: str = "") -> Detail:
    """What a layer does, as (template, arguments): ``("conv {0} → {1}", ("5×5",
    "6"))``, ``("ReLU", ())``."""
    if module is None:
        return (kind, ())
    kind = type(module).__name__
    if isinstance(module, nn.modules.conv._ConvNd):
        k = _size(module.kernel_size)
        stride = module.stride[0] if module.stride else 1
        if stride > 1:
            k += f"/{stride}"
        if isinstance(module, nn.modules.conv._ConvTransposeNd):
            return ("deconv {0} → {1}", (k, str(module.out_channels)))
        if module.groups > 1 and module.groups == module.in_channels:
            return ("depthwise conv {0}", (k,))
        return ("conv {0} → {1}", (k, str(module.out_channels)))
    if isinstance(module, nn.Linear):
        return ("linear {0} → {1}", (str(module.in_features),
                                     str(module.out_features)))
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return ("batch norm", ())
    if isinstance(module, nn.LayerNorm):
        return ("layer norm", ())
    if isinstance(module, (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d)):
        return ("max pool {0}", (_size(module.kernel_size),))
    if isinstance(module, (nn.AvgPool1d, nn.AvgPool2d, nn.AvgPool3d)):
        return ("avg pool {0}", (_size(module.kernel_size),))
    if isinstance(module, (nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d,
                           nn.AdaptiveAvgPool3d)):
        return ("avg pool → {0}", (_size(module.output_size),))
    if isinstance(module, (nn.AdaptiveMaxPool1d, nn.AdaptiveMaxPool2d)):
        return ("max pool → {0}", (_size(module.output_size),))
    if isinstance(module, nn.modules.dropout._DropoutNd):
        return ("dropout {0}", (f"{module.p:g}",))
    if isinstance(module, nn.Flatten):
        return ("flatten", ())
    if isinstance(module, nn.Embedding):
        return ("embedding {0} → {1}", (str(module.num_embeddings),
                                        str(module.embedding_dim)))
    if isinstance(module, nn.MultiheadAttention):
        return ("attention, {0} heads", (str(module.num_heads),))
    if kind in ("LSTMCell", "GRUCell", "RNNCell") and hasattr(module, "hidden_size"):
        return ("{0} cell {1} → {2}", (kind[:-4], str(module.input_size),
                                       str(module.hidden_size)))
    if isinstance(module, nn.RNNBase):
        return ("{0} {1} → {2}", (module.mode.split("_")[0], str(module.input_size),
                                  str(module.hidden_size)))
    if isinstance(module, nn.LeakyReLU):
        return ("LeakyReLU {0}", (f"{module.negative_slope:g}",))
    return (kind, ())


def format_detail(detail: Detail) -> str:
    """The detail in English."""
    template, args = detail
    return template.format(*args) if args else template


def _named(path: str) -> bool:
    """Whether the last part of ``path`` is a name (``bn1``) and not an index."""
    return not _is_index(path.split(".")[-1])


def _tail(short: str, n: int) -> str:
    parts = short.split(".")
    return ("…" if n < len(parts) else "") + ".".join(parts[-n:])


def _fit(short: str) -> int:
    """How many trailing parts of ``short`` fit in :data:`MAX_TITLE` (at least 1)."""
    parts = short.split(".")
    n = len(parts)
    while n > 1 and len(_tail(short, n)) > MAX_TITLE:
        n -= 1
    return n


def node_titles(paths: Iterable[str]) -> dict[str, str]:
    """Titles of the boxes of one network whose paths end in a name, unique.

    Each title is the shortened path, cut to its last parts when longer than
    :data:`MAX_TITLE`; titles that would collide keep more parts.
    """
    shorts = {p: short_path(p) for p in paths if _named(p)}
    keep = {p: _fit(s) for p, s in shorts.items()}
    for _ in range(8):
        titles = {p: _tail(shorts[p], keep[p]) for p in shorts}
        seen: dict[str, list[str]] = {}
        for p, t in titles.items():
            seen.setdefault(t, []).append(p)
        clashes = [ps for ps in seen.values() if len(ps) > 1]
        if not clashes:
            return titles
        for ps in clashes:
            for p in ps:
                keep[p] = min(len(shorts[p].split(".")), keep[p] + 1)
    return {p: _tail(shorts[p], keep[p]) for p in shorts}


__all__ = [
    "MAX_TITLE",
    "describe_module",
    "format_detail",
    "node_titles",
    "short_path",
]
