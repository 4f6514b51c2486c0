"""A small character-level GPT: a decoder-only, causal Transformer language model.

The model reads a window of characters and predicts, at every position, the next
character. It is built from the course's own attention pieces
(:class:`~dlviz.core.attention.layers.MultiHeadAttention` with
:func:`~dlviz.core.attention.layers.causal_mask`), in the GPT-2 arrangement: token
and learned position embeddings, pre-norm blocks (LayerNorm → masked self-attention
→ residual, LayerNorm → GELU feed-forward → residual), a final LayerNorm and a linear
read-out to the alphabet.

Also here: the texts the model trains on (:class:`CharCorpus`), the perplexity of
a text under the model and under the unigram baseline, and the sampling rules that
turn the next-character logits into the distribution sampled from (temperature,
top-k, top-p).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

import dlviz
from dlviz.core.attention.layers import MultiHeadAttention, causal_mask

#: Texts shipped with the app, by language: ``resources/text/<name>``.
TEXT_FILES: dict[str, str] = {"en": "neural_networks.en.txt",
                              "zh_CN": "neural_networks.zh_CN.txt"}
TEXTS: tuple[str, ...] = tuple(TEXT_FILES)


def text_path(lang: str) -> Path:
    """The shipped text in ``lang`` (``"en"`` or ``"zh_CN"``)."""
    if lang not in TEXT_FILES:
        raise KeyError(f"no text in {lang!r}; known: {', '.join(TEXT_FILES)}")
    return dlviz.resources_dir() / "text" / TEXT_FILES[lang]


def load_text(lang: str) -> str:
    """The shipped text, with Windows line ends and trailing spaces removed."""
    text = text_path(lang).read_text(encoding="utf-8").replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip() + "\n"


class CharCorpus:
    """A text as character ids, split into a training head and a held-out tail.

    The alphabet is every character of the whole text (sorted), so a held-out
    character always has an id; the last ``val_fraction`` of the text is never
    trained on.
    """

    def __init__(self, text: str, val_fraction: float = 0.1):
        if len(text) < 32:
            raise ValueError("the text is too short to train on")
        self.text = text
        self.itos: list[str] = sorted(set(text))
        self.stoi: dict[str, int] = {c: i for i, c in enumerate(self.itos)}
        ids = torch.tensor([self.stoi[c] for c in text], dtype=torch.long)
        n_val = max(16, int(round(len(text) * val_fraction)))
        self.train_ids, self.val_ids = ids[:-n_val], ids[-n_val:]
        self.val_text = text[-n_val:]

    def __len__(self) -> int:
        return len(self.itos)

    def encode(self, text: str) -> list[int]:
        """Ids of the characters of ``text`` in the alphabet (others are left out)."""
        return [self.stoi[c] for c in text if c in self.stoi]

    def decode(self, ids) -> str:
        return "".join(self.itos[int(i)] for i in ids)

    def unknown(self, text: str) -> list[str]:
        """The characters of ``text`` that are not in the alphabet, once each."""
        return list(dict.fromkeys(c for c in text if c not in self.stoi))

    def unigram_probs(self) -> np.ndarray:
        """Character frequencies of the training part, add-one smoothed (V,)."""
        counts = np.bincount(self.train_ids.numpy(), minlength=len(self)) + 1.0
        return counts / counts.sum()

    def unigram_perplexity(self) -> float:
        """Perplexity of the held-out text under the training frequencies: the
        baseline a model that ignores context reaches at best."""
        probs = self.unigram_probs()
        nll = -np.log(probs[self.val_ids.numpy()]).mean()
        return float(np.exp(nll))

    def batch(
        self, batch_size: int, context: int, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Random training windows (B, T) and the same windows shifted by one."""
        n = len(self.train_ids) - context - 1
        starts = torch.randint(0, max(1, n), (batch_size,), generator=generator)
        offsets = torch.arange(context + 1)
        windows = self.train_ids[starts[:, None] + offsets]
        return windows[:, :-1], windows[:, 1:]

    def val_windows(self, context: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The held-out text cut into consecutive windows (N, T): every held-out
        character after the first is predicted once."""
        ids = self.val_ids
        n = (len(ids) - 1) // context
        x = ids[: n * context].view(n, context)
        y = ids[1 : n * context + 1].view(n, context)
        return x, y


class CausalBlock(nn.Module):
    """Pre-norm GPT block: x + attn(LN(x)) under the causal mask, then
    x + FFN(LN(x)) with a GELU."""

    def __init__(self, d_model: int, n_heads: int, ffn: int, dropout: float = 0.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.norm2 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(
            nn.Linear(d_model, ffn), nn.GELU(), nn.Linear(ffn, d_model)
        )
        self.drop = nn.Dropout(dropout)

    def forward(
        self, x: torch.Tensor, mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.norm1(x)
        attended, weights = self.attn(h, h, h, attn_mask=mask)
        x = x + self.drop(attended)
        x = x + self.drop(self.ffn(self.norm2(x)))
        return x, weights


class CharGPT(nn.Module):
    """Decoder-only Transformer over characters.

    ``forward(ids)`` returns the logits (B, T, V) and the attention weights of
    every layer, a list of (B, heads, T, T) tensors (row i: what position i looks
    at; zero right of the diagonal).
    """

    def __init__(
        self,
        vocab: int,
        d_model: int = 64,
        n_heads: int = 4,
        layers: int = 2,
        context: int = 64,
        ffn: int = 256,
        dropout: float = 0.0,
    ):
        super().__init__()
        self.context = context
        self.token = nn.Embedding(vocab, d_model)
        self.position = nn.Embedding(context, d_model)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(
            CausalBlock(d_model, n_heads, ffn, dropout) for _ in range(layers)
        )
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab)
        # GPT-2's initialisation: small normal weights, zero biases
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if isinstance(module, nn.Linear) and module.bias is not None:
                nn.init.zeros_(module.bias)
        self.register_buffer("mask", causal_mask(context), persistent=False)

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        t = ids.shape[1]
        if t > self.context:
            raise ValueError(f"at most {self.context} characters fit the context")
        pos = torch.arange(t, device=ids.device)
        x = self.drop(self.token(ids) + self.position(pos))
        mask = self.mask[:t, :t]
        weights = []
        for block in self.blocks:
            x, w = block(x, mask)
            weights.append(w)
        return self.head(self.norm(x)), weights

    def attention_layers(self) -> list[MultiHeadAttention]:
        return [block.attn for block in self.blocks]


class FlatLogits(nn.Module):
    """The model with (B·T, V) logits only, for the step recorder's loss."""

    def __init__(self, model: CharGPT):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        logits, _ = self.model(ids)
        return logits.reshape(-1, logits.shape[-1])


@torch.no_grad()
def perplexity(model: CharGPT, x: torch.Tensor, y: torch.Tensor,
               chunk: int = 256) -> tuple[float, float]:
    """Mean cross-entropy (nats per character) of windows ``x`` → ``y`` and its
    exponential, the perplexity."""
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    for i in range(0, len(x), chunk):
        logits, _ = model(x[i : i + chunk])
        loss = nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), y[i : i + chunk].reshape(-1),
            reduction="sum")
        total += float(loss)
        count += y[i : i + chunk].numel()
    model.train(was_training)
    nll = total / max(1, count)
    # a diverged model's loss overflows exp(): its perplexity is infinite
    return nll, math.exp(nll) if nll < 700.0 else math.inf


@dataclass(frozen=True)
class Sampling:
    """How the next character is drawn: ``temperature`` divides the logits;
    ``top_k`` keeps the k most likely characters (0: all); ``top_p`` keeps the
    fewest most likely characters whose probabilities add up to at least p
    (1: all)."""

    temperature: float = 1.0
    top_k: int = 0
    top_p: float = 1.0

    @classmethod
    def of(cls, payload: dict, default: Sampling | None = None) -> Sampling:
        """Settings from a request, clamped to sensible ranges; missing ones from
        ``default``."""
        d = default or cls()
        t = float(payload.get("temperature", d.temperature))
        k = int(payload.get("top_k", d.top_k))
        p = float(payload.get("top_p", d.top_p))
        return cls(min(max(t, 0.01), 10.0), max(0, k), min(max(p, 0.01), 1.0))


def reshape_distribution(logits: torch.Tensor, sampling: Sampling) -> torch.Tensor:
    """The distribution sampled from, (V,), from next-character logits (V,).

    1. temperature: ``softmax(logits / T)`` — T < 1 sharpens, T > 1 flattens;
    2. top-k: every character outside the k most likely gets probability 0;
    3. top-p (nucleus): in order of probability, keep characters until their
       (renormalised) probabilities reach p — the character that crosses p is kept;
    and the kept probabilities are renormalised to sum to 1.
    """
    probs = torch.softmax(logits.double() / sampling.temperature, dim=-1)
    order = torch.argsort(probs, descending=True, stable=True)
    keep = torch.ones_like(probs, dtype=torch.bool)
    if 0 < sampling.top_k < len(probs):
        keep[order[sampling.top_k :]] = False
    probs = torch.where(keep, probs, torch.zeros_like(probs))
    probs = probs / probs.sum()
    if sampling.top_p < 1.0:
        sorted_probs = probs[order]
        before = torch.cumsum(sorted_probs, 0) - sorted_probs  # mass above each
        drop = before >= sampling.top_p
        drop[0] = False  # the most likely character always stays
        keep = keep.clone()
        keep[order[drop]] = False
        probs = torch.where(keep, probs, torch.zeros_like(probs))
        probs = probs / probs.sum()
    return probs.float()
