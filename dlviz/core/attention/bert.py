"""BERT-style pre-training (Devlin et al. 2018) on the lab's word sequences.

An encoder-only Transformer — the encoder blocks of
:mod:`dlviz.core.attention.transformer` — reads ``[CLS] w1 … wn [SEP]``. Its input
vector at each position is the sum of three learned embeddings: the token, the
segment (A for every token here: one sentence) and the position (learned, not
sinusoidal). Pre-training is masked-token prediction (the "cloze" task): in each
sentence ``max(1, round(15 % × n))`` of its ``n`` words are chosen; of those, 80 %
become ``[MASK]``, 10 % a random word, 10 % stay as they are; the model predicts
the original word at every chosen position (and only there). Fine-tuning puts a
linear layer on the output vector of ``[CLS]``.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from dlviz.core.attention.data import (
    NEGATIVE_WORDS,
    NEUTRAL_WORDS,
    POSITIVE_WORDS,
)
from dlviz.core.attention.layers import MultiHeadAttention
from dlviz.core.attention.transformer import EncoderBlock

PAD, CLS, SEP, MASK = "[PAD]", "[CLS]", "[SEP]", "[MASK]"
SPECIALS: tuple[str, ...] = (PAD, CLS, SEP, MASK)
PAD_ID, CLS_ID, SEP_ID, MASK_ID = 0, 1, 2, 3
#: The share of a sentence's words chosen for prediction, and what becomes of them.
MASK_RATE = 0.15
MASK_SHARE, RANDOM_SHARE = 0.8, 0.1  # the rest (10 %) is kept as it is
#: What happened at a position (the ``actions`` arrays).
NOT_CHOSEN, MASKED, RANDOM, KEPT = 0, 1, 2, 3
ACTION_NAMES = ("not chosen", "[MASK]", "random word", "kept")
#: Label of a position that is not predicted (CrossEntropyLoss ignores it).
IGNORE = -100


class WordVocab:
    """Words to ids and back; ids 0–3 are ``[PAD] [CLS] [SEP] [MASK]``."""

    def __init__(self, words: list[str] | tuple[str, ...]):
        self.itos: list[str] = list(SPECIALS) + sorted(set(words))
        self.stoi: dict[str, int] = {w: i for i, w in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    @property
    def first_word(self) -> int:
        """Id of the first ordinary word (a random replacement is drawn from here)."""
        return len(SPECIALS)

    def encode(self, words: list[str]) -> list[int]:
        """``[CLS] words [SEP]`` as ids."""
        return [CLS_ID] + [self.stoi[w] for w in words] + [SEP_ID]

    def tokens(self, ids) -> list[str]:
        return [self.itos[int(i)] for i in ids]


def sentiment_word_vocab() -> WordVocab:
    return WordVocab(POSITIVE_WORDS + NEGATIVE_WORDS + NEUTRAL_WORDS)


def encode_sentences(sentences: list[list[str]], vocab: WordVocab) -> torch.Tensor:
    """``[CLS] … [SEP]`` per sentence, padded into a (n, T) int64 tensor."""
    rows = [vocab.encode(s) for s in sentences]
    width = max(len(r) for r in rows)
    out = np.full((len(rows), width), PAD_ID, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return torch.from_numpy(out)


def chosen_count(n_words: int | torch.Tensor, rate: float = MASK_RATE):
    """Positions chosen in a sentence of ``n_words`` words: ``max(1, round(rate·n))``
    (round half to even, like Python's ``round``)."""
    if isinstance(n_words, torch.Tensor):
        return torch.clamp(torch.round(n_words.double() * rate), min=1).long()
    return max(1, round(n_words * rate))


def mask_tokens(
    ids: torch.Tensor,
    vocab_size: int,
    generator: torch.Generator,
    rate: float = MASK_RATE,
    first_word: int = len(SPECIALS),
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Choose and corrupt the positions a masked language model predicts.

    Parameters
    ----------
    ids
        (B, T) ``[CLS] … [SEP]`` rows, padded with ``[PAD]``.
    vocab_size, first_word
        A random replacement is a word id in ``[first_word, vocab_size)`` (it may be
        the original word, as in BERT).
    generator
        Every random number is drawn from it, on the CPU.

    Returns
    -------
    inputs, labels, actions
        ``inputs`` (B, T): ``ids`` with the chosen positions corrupted; ``labels``
        (B, T): the original id at chosen positions, :data:`IGNORE` elsewhere;
        ``actions`` (B, T): :data:`NOT_CHOSEN`, :data:`MASKED`, :data:`RANDOM` or
        :data:`KEPT` per position.
    """
    cpu = ids.detach().cpu()
    words = cpu >= first_word
    k = chosen_count(words.sum(1), rate)
    scores = torch.rand(cpu.shape, generator=generator, dtype=torch.float64,
                        device="cpu")
    scores = scores.masked_fill(~words, math.inf)
    rank = scores.argsort(1).argsort(1)
    chosen = (rank < k[:, None]) & words
    u = torch.rand(cpu.shape, generator=generator, dtype=torch.float64, device="cpu")
    random_ids = torch.randint(first_word, vocab_size, cpu.shape, generator=generator,
                               device="cpu")
    actions = torch.full(cpu.shape, NOT_CHOSEN, dtype=torch.long, device="cpu")
    actions[chosen & (u < MASK_SHARE)] = MASKED
    actions[chosen & (u >= MASK_SHARE) & (u < MASK_SHARE + RANDOM_SHARE)] = RANDOM
    actions[chosen & (u >= MASK_SHARE + RANDOM_SHARE)] = KEPT
    inputs = cpu.clone()
    inputs[actions == MASKED] = MASK_ID
    inputs[actions == RANDOM] = random_ids[actions == RANDOM]
    labels = torch.where(chosen, cpu, torch.full_like(cpu, IGNORE))
    dev = ids.device
    return inputs.to(dev), labels.to(dev), actions.to(dev)


def balanced_first(labels: np.ndarray, n: int) -> np.ndarray:
    """Indices of the first ``n`` examples taken alternately from class 0 and 1
    (as even as ``n`` allows): a few labels still hold both classes."""
    pools = [list(np.flatnonzero(labels == c)) for c in (0, 1)]
    out = []
    for i in range(n):
        pool = pools[i % 2] or pools[1 - i % 2]
        out.append(pool.pop(0))
    return np.sort(np.asarray(out, dtype=np.int64))


def unigram_loss(ids: torch.Tensor, vocab_size: int, first_word: int) -> float:
    """The masked-word loss of guessing by word frequency alone, without looking
    at the context: the entropy −Σ p log p of the corpus's word frequencies (every
    word is equally likely to be chosen, so the chosen ones follow them)."""
    words = ids[ids >= first_word].cpu()
    p = torch.bincount(words, minlength=vocab_size).double()
    p = p[p > 0] / p.sum()
    return float(-(p * p.log()).sum())


class BertEmbeddings(nn.Module):
    """Token + segment + position embeddings (all learned), then layer norm."""

    def __init__(self, vocab: int, d_model: int, max_len: int, segments: int = 2):
        super().__init__()
        self.token = nn.Embedding(vocab, d_model, padding_idx=PAD_ID)
        self.segment = nn.Embedding(segments, d_model)
        self.position = nn.Embedding(max_len, d_model)
        for emb in (self.token, self.segment, self.position):
            nn.init.normal_(emb.weight, std=0.5)
        with torch.no_grad():
            self.token.weight[PAD_ID].zero_()
        self.norm = nn.LayerNorm(d_model)

    def parts(
        self, ids: torch.Tensor, segments: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """The three embeddings (B, T, d) that are added."""
        if segments is None:
            segments = torch.zeros_like(ids)
        positions = torch.arange(ids.shape[1], device=ids.device)[None].expand_as(ids)
        return self.token(ids), self.segment(segments), self.position(positions)

    def forward(
        self, ids: torch.Tensor, segments: torch.Tensor | None = None
    ) -> torch.Tensor:
        token, segment, position = self.parts(ids, segments)
        return self.norm(token + segment + position)


class MaskedLMHead(nn.Sequential):
    """BERT's prediction head: Linear → GELU → LayerNorm → Linear to the words."""

    def __init__(self, d_model: int, vocab: int):
        super().__init__(nn.Linear(d_model, d_model), nn.GELU(),
                         nn.LayerNorm(d_model), nn.Linear(d_model, vocab))


class MiniBert(nn.Module):
    """Embeddings, encoder blocks (post-norm, as in BERT), a masked-LM head and a
    classifier on the ``[CLS]`` output vector."""

    def __init__(
        self,
        vocab: int,
        d_model: int = 32,
        n_heads: int = 4,
        layers: int = 2,
        ffn: int = 64,
        max_len: int = 32,
        n_classes: int = 2,
    ):
        super().__init__()
        self.embeddings = BertEmbeddings(vocab, d_model, max_len)
        self.encoder = nn.ModuleList(
            EncoderBlock(d_model, n_heads, ffn) for _ in range(layers)
        )
        self.mlm = MaskedLMHead(d_model, vocab)
        self.classifier = nn.Linear(d_model, n_classes)

    def encode(
        self, ids: torch.Tensor, segments: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Output vectors (B, T, d) and the attention weights of every layer."""
        pad = ids == PAD_ID
        x = self.embeddings(ids, segments)
        weights = []
        for block in self.encoder:
            x, w = block(x, pad)
            weights.append(w)
        return x, weights

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Masked-LM logits (B, T, V) and the attention weights."""
        hidden, weights = self.encode(ids)
        return self.mlm(hidden), weights

    def classify(self, ids: torch.Tensor) -> torch.Tensor:
        """Class logits (B, classes) from the output vector of ``[CLS]``."""
        hidden, _ = self.encode(ids)
        return self.classifier(hidden[:, 0])

    def attention_layers(self) -> dict[str, list[MultiHeadAttention]]:
        return {"encoder": [b.self_attn for b in self.encoder]}

    def body_parameters(self) -> list[nn.Parameter]:
        """The embeddings and the encoder: what pre-training hands to fine-tuning."""
        return [*self.embeddings.parameters(), *self.encoder.parameters()]

    def pretraining_parameters(self) -> list[nn.Parameter]:
        """The body and the masked-word head."""
        return self.body_parameters() + list(self.mlm.parameters())

    def finetuning_parameters(self) -> list[nn.Parameter]:
        """The body and the classifier (the masked-word head is left behind)."""
        return self.body_parameters() + list(self.classifier.parameters())


class MaskedLMLogits(nn.Module):
    """``MiniBert`` as pre-training uses it: corrupted ids in, the word logits
    (N, V) of the ``N`` chosen positions out (row-major order), so a plain
    cross-entropy against ``labels[chosen]`` is the masked-LM loss. ``chosen``
    (B, T) is set before each call."""

    def __init__(self, model: MiniBert, chosen: torch.Tensor | None = None):
        super().__init__()
        self.model = model
        self.chosen = chosen

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        logits, _ = self.model(ids)
        if self.chosen is None:
            return logits.reshape(-1, logits.shape[-1])
        return logits[self.chosen]


class ClassLogits(nn.Module):
    """``MiniBert`` as the step recorder sees it in fine-tuning: class logits."""

    def __init__(self, model: MiniBert):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.model.classify(ids)


def masked_accuracy(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """Share of the predicted positions whose top word is the original one."""
    keep = labels != IGNORE
    if not bool(keep.any()):
        return 0.0
    pred = logits.argmax(-1)
    return float((pred[keep] == labels[keep]).float().mean())
