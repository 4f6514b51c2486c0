"""Attention from explicit pieces: scores, masks, multi-head attention, positions.

Tensors are batch first: (batch, time, features). Masks follow
``torch.nn.MultiheadAttention``: a boolean ``attn_mask`` or ``key_padding_mask`` is
True where attention is *not* allowed; a float ``attn_mask`` is added to the scores.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn


def causal_mask(length: int, device: torch.device | None = None) -> torch.Tensor:
    """Boolean (length, length) mask, True above the diagonal: position i may not
    look at positions after i."""
    return torch.triu(torch.ones(length, length, dtype=torch.bool, device=device), 1)


def positional_encoding(max_len: int, d_model: int) -> torch.Tensor:
    """Sinusoidal encoding (max_len, d_model): PE[p, 2i] = sin(p / 10000^(2i/d)),
    PE[p, 2i+1] = cos(p / 10000^(2i/d))."""
    position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    rate = torch.exp(
        torch.arange(0, d_model, 2, dtype=torch.float32)
        * (-math.log(10000.0) / d_model)
    )
    pe = torch.zeros(max_len, d_model)
    pe[:, 0::2] = torch.sin(position * rate)
    pe[:, 1::2] = torch.cos(position * rate[: d_model // 2])
    return pe


def additive_mask(
    attn_mask: torch.Tensor | None,
    key_padding_mask: torch.Tensor | None,
    dtype: torch.dtype = torch.float32,
) -> torch.Tensor | None:
    """Combine both kinds of mask into one float mask broadcastable to
    (batch, heads, queries, keys): 0 where allowed, -inf where masked."""
    total = None
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            m = torch.zeros(attn_mask.shape, dtype=dtype, device=attn_mask.device)
            total = m.masked_fill(attn_mask, float("-inf"))
        else:
            total = attn_mask.to(dtype)
        while total.dim() < 4:
            total = total.unsqueeze(0)
    if key_padding_mask is not None:
        pad = torch.zeros(
            key_padding_mask.shape, dtype=dtype, device=key_padding_mask.device
        )
        pad = pad.masked_fill(key_padding_mask, float("-inf"))[:, None, None, :]
        total = pad if total is None else total + pad
    return total


def scaled_dot_product(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """softmax(Q Kᵀ / √d + mask) V; returns the output and the weights."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores + mask
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


class MultiHeadAttention(nn.Module):
    """Multi-head scaled dot-product attention with per-head weights.

    Equal to ``nn.MultiheadAttention(d_model, n_heads, batch_first=True)`` with the
    same weights (see :meth:`copy_from_torch`). Set ``record`` to keep the inputs of
    the last call for :func:`attention_steps`.
    """

    def __init__(self, d_model: int, n_heads: int, bias: bool = True):
        super().__init__()
        if d_model % n_heads:
            raise ValueError("the model width must be divisible by the number of heads")
        self.d_model, self.n_heads = d_model, n_heads
        self.d_head = d_model // n_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=bias)
        self.k_proj = nn.Linear(d_model, d_model, bias=bias)
        self.v_proj = nn.Linear(d_model, d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)
        self.record = False
        self.last: dict[str, torch.Tensor | None] = {}

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        return x.view(b, t, self.n_heads, self.d_head).transpose(1, 2)

    def forward(
        self,
        query: torch.Tensor,
        key: torch.Tensor,
        value: torch.Tensor,
        attn_mask: torch.Tensor | None = None,
        key_padding_mask: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the output (B, Tq, d) and the weights (B, heads, Tq, Tk)."""
        mask = additive_mask(attn_mask, key_padding_mask, query.dtype)
        if self.record:
            self.last = {
                "query": query.detach(),
                "key": key.detach(),
                "value": value.detach(),
                "mask": None if mask is None else mask.detach(),
            }
        q = self._split(self.q_proj(query))
        k = self._split(self.k_proj(key))
        v = self._split(self.v_proj(value))
        heads, weights = scaled_dot_product(q, k, v, mask)
        b, _, tq, _ = heads.shape
        merged = heads.transpose(1, 2).reshape(b, tq, self.d_model)
        return self.out_proj(merged), weights

    @torch.no_grad()
    def scores(self, query: torch.Tensor, key: torch.Tensor) -> torch.Tensor:
        """The raw scores Q Kᵀ / √d_head (B, heads, Tq, Tk), before mask and softmax."""
        q = self._split(self.q_proj(query))
        k = self._split(self.k_proj(key))
        return q @ k.transpose(-2, -1) / math.sqrt(self.d_head)

    @torch.no_grad()
    def copy_from_torch(self, mha: nn.MultiheadAttention) -> None:
        """Take the weights of a ``torch.nn.MultiheadAttention`` of the same size."""
        d = self.d_model
        w, b = mha.in_proj_weight, mha.in_proj_bias
        for i, proj in enumerate((self.q_proj, self.k_proj, self.v_proj)):
            proj.weight.copy_(w[i * d : (i + 1) * d])
            if proj.bias is not None:
                proj.bias.copy_(b[i * d : (i + 1) * d])
        self.out_proj.weight.copy_(mha.out_proj.weight)
        if self.out_proj.bias is not None:
            self.out_proj.bias.copy_(mha.out_proj.bias)


@torch.no_grad()
def attention_steps(
    mha: MultiHeadAttention,
    query_input: torch.Tensor,
    key_input: torch.Tensor,
    value_input: torch.Tensor,
    head: int,
    query_index: int,
    mask: torch.Tensor | None = None,
) -> dict[str, np.ndarray | float]:
    """The numbers of one attention computation for one query token and one head.

    Parameters
    ----------
    mha
        The attention layer.
    query_input, key_input, value_input
        One sample's layer inputs, (Tq, d), (Tk, d), (Tk, d).
    head, query_index
        Which head and which query position.
    mask
        Additive float mask broadcastable to (Tq, Tk) (0 allowed, -inf masked).

    Returns
    -------
    dict
        ``q`` (d_head,), ``K`` (Tk, d_head), ``V`` (Tk, d_head), ``scores`` (Tk,)
        = K q / √d_head, ``masked`` (Tk,) scores with the mask added (-inf where
        masked), ``weights`` (Tk,) = softmax, ``output`` (d_head,) = weights V,
        ``scale`` = √d_head.
    """
    sl = slice(head * mha.d_head, (head + 1) * mha.d_head)
    q = mha.q_proj(query_input[query_index : query_index + 1])[0, sl]
    k = mha.k_proj(key_input)[:, sl]
    v = mha.v_proj(value_input)[:, sl]
    scale = math.sqrt(mha.d_head)
    scores = k @ q / scale
    masked = scores.clone()
    if mask is not None:
        row = mask.reshape(-1, mask.shape[-2], mask.shape[-1])[0]
        masked = masked + row[query_index]
    weights = torch.softmax(masked, dim=0)
    output = weights @ v
    return {
        "q": q.cpu().numpy().astype(np.float32),
        "K": k.cpu().numpy().astype(np.float32),
        "V": v.cpu().numpy().astype(np.float32),
        "scores": scores.cpu().numpy().astype(np.float32),
        "masked": masked.cpu().numpy().astype(np.float32),
        "weights": weights.cpu().numpy().astype(np.float32),
        "output": output.cpu().numpy().astype(np.float32),
        "scale": float(scale),
    }


class AdditiveAttention(nn.Module):
    """Bahdanau's score vᵀ tanh(W_q q + W_k k), softmax over the keys."""

    def __init__(self, query_dim: int, key_dim: int, hidden: int):
        super().__init__()
        self.w_query = nn.Linear(query_dim, hidden, bias=False)
        self.w_key = nn.Linear(key_dim, hidden, bias=False)
        self.v = nn.Linear(hidden, 1, bias=False)

    def prepare(self, keys: torch.Tensor) -> torch.Tensor:
        """Project the keys once per sequence: (B, S, hidden)."""
        return self.w_key(keys)

    def forward(
        self,
        query: torch.Tensor,
        keys: torch.Tensor,
        prepared: torch.Tensor,
        pad_mask: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """query (B, Dq), keys = values (B, S, Dk) → context (B, Dk), weights (B, S)."""
        scores = self.v(torch.tanh(prepared + self.w_query(query)[:, None])).squeeze(-1)
        if pad_mask is not None:
            scores = scores.masked_fill(pad_mask, float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        return (weights[:, :, None] * keys).sum(1), weights


class DotAttention(nn.Module):
    """Scaled dot product (W_q q)·k / √d between a projected query and the keys."""

    def __init__(self, query_dim: int, key_dim: int, hidden: int = 0):
        super().__init__()
        self.w_query = nn.Linear(query_dim, key_dim, bias=False)
        self.scale = math.sqrt(key_dim)

    def prepare(self, keys: torch.Tensor) -> torch.Tensor:
        return keys

    def forward(
        self,
        query: torch.Tensor,
        keys: torch.Tensor,
        prepared: torch.Tensor,
        pad_mask: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        q = self.w_query(query)
        scores = (keys @ q[:, :, None]).squeeze(-1) / self.scale
        if pad_mask is not None:
            scores = scores.masked_fill(pad_mask, float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        return (weights[:, :, None] * keys).sum(1), weights


ATTENTION_KINDS: dict[str, type[nn.Module]] = {
    "additive": AdditiveAttention,
    "dot": DotAttention,
}
