"""The Transformer (Vaswani et al. 2017) from explicit blocks.

Token embedding × √d plus sinusoidal positions; encoder blocks of multi-head
self-attention and a position-wise feed-forward net, each followed by a residual
connection and layer norm (post-norm, as in the paper); decoder blocks add masked
self-attention (the causal mask) and cross-attention over the encoder output.
Every attention returns its per-head weights so that they can be shown.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from dlviz.core.attention.data import BOS_ID, EOS_ID, PAD_ID
from dlviz.core.attention.layers import (
    MultiHeadAttention,
    causal_mask,
    positional_encoding,
)
from dlviz.core.attention.seq2seq import beam_search, no_specials


class FeedForward(nn.Sequential):
    """Position-wise FFN: Linear(d, ffn) → ReLU → Linear(ffn, d) at every position."""

    def __init__(self, d_model: int, ffn: int):
        super().__init__(nn.Linear(d_model, ffn), nn.ReLU(), nn.Linear(ffn, d_model))


class EncoderBlock(nn.Module):
    def __init__(self, d_model: int, n_heads: int, ffn: int):
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, n_heads)
        self.norm1 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, ffn)
        self.norm2 = nn.LayerNorm(d_model)

    def forward(
        self, x: torch.Tensor, pad_mask: torch.Tensor | None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        attended, weights = self.self_attn(x, x, x, key_padding_mask=pad_mask)
        x = self.norm1(x + attended)
        return self.norm2(x + self.ffn(x)), weights


class DecoderBlock(nn.Module):
    def __init__(self, d_model: int, n_heads: int, ffn: int):
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, n_heads)
        self.norm1 = nn.LayerNorm(d_model)
        self.cross_attn = MultiHeadAttention(d_model, n_heads)
        self.norm2 = nn.LayerNorm(d_model)
        self.ffn = FeedForward(d_model, ffn)
        self.norm3 = nn.LayerNorm(d_model)

    def forward(
        self,
        y: torch.Tensor,
        memory: torch.Tensor,
        src_pad: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        mask = causal_mask(y.shape[1], y.device)
        attended, self_w = self.self_attn(y, y, y, attn_mask=mask)
        y = self.norm1(y + attended)
        attended, cross_w = self.cross_attn(y, memory, memory, key_padding_mask=src_pad)
        y = self.norm2(y + attended)
        return self.norm3(y + self.ffn(y)), self_w, cross_w


class Embedder(nn.Module):
    """Token embedding scaled by √d plus the sinusoidal positional encoding.

    The paper multiplies the embedding weights by √d_model (section 3.4); its
    reference code (tensor2tensor, also fairseq) draws those weights with standard
    deviation d_model^-½, so the scaled embedding has unit scale, like the positional
    encoding it is added to. ``nn.Embedding``'s own N(0, 1) weights times √d would
    give vectors √d times too large: at d = 64 the attention scores at step 0 reach
    ±100 and every head starts one-hot (saturated, with vanishing gradients).
    """

    def __init__(self, vocab: int, d_model: int, max_len: int):
        super().__init__()
        self.scale = math.sqrt(d_model)
        self.embed = nn.Embedding(vocab, d_model, padding_idx=PAD_ID)
        nn.init.normal_(self.embed.weight, mean=0.0, std=d_model**-0.5)
        with torch.no_grad():
            self.embed.weight[PAD_ID].zero_()
        self.register_buffer(
            "pe", positional_encoding(max_len, d_model), persistent=False
        )

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.embed(ids) * self.scale + self.pe[: ids.shape[1]]


class TransformerSeq2Seq(nn.Module):
    """Encoder-decoder Transformer. Attention weights come back per layer as
    (B, heads, Tq, Tk) tensors."""

    def __init__(
        self,
        src_vocab: int,
        tgt_vocab: int,
        d_model: int = 64,
        n_heads: int = 4,
        layers: int = 2,
        ffn: int = 128,
        max_len: int = 64,
    ):
        super().__init__()
        self.src_embed = Embedder(src_vocab, d_model, max_len)
        self.tgt_embed = Embedder(tgt_vocab, d_model, max_len)
        self.encoder = nn.ModuleList(
            EncoderBlock(d_model, n_heads, ffn) for _ in range(layers)
        )
        self.decoder = nn.ModuleList(
            DecoderBlock(d_model, n_heads, ffn) for _ in range(layers)
        )
        self.out = nn.Linear(d_model, tgt_vocab)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        pad = src == PAD_ID
        x = self.src_embed(src)
        weights = []
        for block in self.encoder:
            x, w = block(x, pad)
            weights.append(w)
        return x, weights

    def decode(
        self, tgt_in: torch.Tensor, memory: torch.Tensor, src_pad: torch.Tensor
    ) -> tuple[torch.Tensor, list[torch.Tensor], list[torch.Tensor]]:
        y = self.tgt_embed(tgt_in)
        self_ws, cross_ws = [], []
        for block in self.decoder:
            y, sw, cw = block(y, memory, src_pad)
            self_ws.append(sw)
            cross_ws.append(cw)
        return self.out(y), self_ws, cross_ws

    def forward(
        self, src: torch.Tensor, tgt_in: torch.Tensor
    ) -> tuple[torch.Tensor, dict[str, list[torch.Tensor]]]:
        """Logits (B, T, V) and ``{"encoder": [...], "decoder": [...],
        "cross": [...]}`` attention weights, one tensor per layer."""
        memory, enc_w = self.encode(src)
        logits, self_w, cross_w = self.decode(tgt_in, memory, src == PAD_ID)
        return logits, {"encoder": enc_w, "decoder": self_w, "cross": cross_w}

    @torch.no_grad()
    def greedy(self, src: torch.Tensor, max_len: int) -> torch.Tensor:
        """Greedy decoding: tokens (B, L) after <bos>, <eos> then padding."""
        memory, _ = self.encode(src)
        src_pad = src == PAD_ID
        ys = torch.full((src.shape[0], 1), BOS_ID, dtype=torch.long, device=src.device)
        done = torch.zeros(src.shape[0], dtype=torch.bool, device=src.device)
        for _ in range(max_len):
            logits, _, _ = self.decode(ys, memory, src_pad)
            nxt = no_specials(logits[:, -1]).argmax(1).masked_fill(done, PAD_ID)
            ys = torch.cat([ys, nxt[:, None]], 1)
            done = done | (nxt == EOS_ID)
            if bool(done.all()):
                break
        return ys[:, 1:]

    @torch.no_grad()
    def beam_search(
        self,
        src: torch.Tensor,
        k: int,
        max_len: int,
        itos: list[str] | None = None,
        token=None,
    ) -> dict:
        """Beam search of width ``k`` for one source (1, S); the decoder re-reads
        each whole prefix (no cache: the sequences are short)."""
        memory, _ = self.encode(src)
        src_pad = src == PAD_ID

        def advance(prefixes: list[list[int]], states: list) -> tuple:
            n = len(prefixes)
            ys = torch.tensor([[BOS_ID] + p for p in prefixes], device=src.device)
            logits, _, _ = self.decode(
                ys, memory.expand(n, -1, -1), src_pad.expand(n, -1)
            )
            return torch.log_softmax(logits[:, -1], dim=1), [None] * n

        return beam_search(advance, None, k, max_len, itos, token)

    def attention_layers(self) -> dict[str, list[MultiHeadAttention]]:
        return {
            "encoder": [b.self_attn for b in self.encoder],
            "decoder": [b.self_attn for b in self.decoder],
            "cross": [b.cross_attn for b in self.decoder],
        }


class TransformerClassifier(nn.Module):
    """Encoder-only Transformer; the first token (<bos>) is read out as the class
    token, like BERT's [CLS]."""

    def __init__(
        self,
        vocab: int,
        n_classes: int = 2,
        d_model: int = 64,
        n_heads: int = 4,
        layers: int = 2,
        ffn: int = 128,
        max_len: int = 64,
    ):
        super().__init__()
        self.src_embed = Embedder(vocab, d_model, max_len)
        self.encoder = nn.ModuleList(
            EncoderBlock(d_model, n_heads, ffn) for _ in range(layers)
        )
        self.out = nn.Linear(d_model, n_classes)

    def forward(
        self, ids: torch.Tensor
    ) -> tuple[torch.Tensor, dict[str, list[torch.Tensor]]]:
        pad = ids == PAD_ID
        x = self.src_embed(ids)
        weights = []
        for block in self.encoder:
            x, w = block(x, pad)
            weights.append(w)
        return self.out(x[:, 0]), {"encoder": weights}

    def attention_layers(self) -> dict[str, list[MultiHeadAttention]]:
        return {"encoder": [b.self_attn for b in self.encoder]}
