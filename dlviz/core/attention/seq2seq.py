"""A GRU encoder-decoder with attention (Bahdanau et al. 2014), greedy and beam search.

The encoder is a bidirectional GRU; its outputs are the keys and values. At each
output step the decoder's previous state is the query; the context (weighted sum of
encoder outputs) is fed to the decoder GRU together with the previous token.

Without attention (``attend=False``, the encoder-decoder of Cho et al. and Sutskever
et al. 2014) the context is the same at every step: the encoder's final states (the
forward GRU's after the last token, the backward GRU's after the first), a fixed-size
summary of the whole input; the attention weights are then all zero.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from dlviz.core.attention.data import BOS_ID, EOS_ID, PAD_ID
from dlviz.core.attention.layers import ATTENTION_KINDS


class Seq2SeqAttention(nn.Module):
    """Bidirectional GRU encoder, GRU decoder, additive or dot-product attention."""

    def __init__(
        self,
        src_vocab: int,
        tgt_vocab: int,
        embed: int = 32,
        hidden: int = 64,
        attention: str = "additive",
        attend: bool = True,
    ):
        super().__init__()
        #: False: no attention, the decoder sees only the encoder's final state
        self.attend = bool(attend)
        if attention not in ATTENTION_KINDS:
            raise ValueError(f"unknown attention {attention!r}")
        self.hidden = hidden
        self.src_embed = nn.Embedding(src_vocab, embed, padding_idx=PAD_ID)
        self.encoder = nn.GRU(embed, hidden, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * hidden, hidden)
        self.attention = ATTENTION_KINDS[attention](hidden, 2 * hidden, hidden)
        self.tgt_embed = nn.Embedding(tgt_vocab, embed, padding_idx=PAD_ID)
        self.decoder = nn.GRUCell(embed + 2 * hidden, hidden)
        self.out = nn.Linear(hidden + 2 * hidden + embed, tgt_vocab)

    def encode(self, src: torch.Tensor) -> dict[str, torch.Tensor]:
        """Keys (B, S, 2h), their attention projection, the pad mask and the first
        decoder state (B, h)."""
        pad_mask = src == PAD_ID
        lengths = (~pad_mask).sum(1).clamp(min=1).cpu()
        packed = pack_padded_sequence(
            self.src_embed(src), lengths, batch_first=True, enforce_sorted=False
        )
        outputs, last = self.encoder(packed)
        keys, _ = pad_packed_sequence(
            outputs, batch_first=True, total_length=src.shape[1]
        )
        final = torch.cat([last[0], last[1]], dim=1)
        state = torch.tanh(self.bridge(final))
        return {
            "keys": keys,
            "prepared": self.attention.prepare(keys),
            "pad_mask": pad_mask,
            "state": state,
            "final": final,
        }

    def step(
        self, prev: torch.Tensor, state: torch.Tensor, memory: dict[str, torch.Tensor]
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """One decoder step: previous tokens (B,) → logits (B, V), new state,
        attention weights (B, S)."""
        emb = self.tgt_embed(prev)
        if self.attend:
            context, weights = self.attention(
                state, memory["keys"], memory["prepared"], memory["pad_mask"]
            )
        else:  # the same summary of the input at every step
            context = memory["final"]
            weights = torch.zeros_like(memory["pad_mask"], dtype=context.dtype)
        state = self.decoder(torch.cat([emb, context], dim=1), state)
        logits = self.out(torch.cat([state, context, emb], dim=1))
        return logits, state, weights

    def forward(
        self,
        src: torch.Tensor,
        tgt_in: torch.Tensor,
        teacher_forcing: float = 1.0,
        generator: torch.Generator | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Logits (B, T, V) and attention (B, T, S) for the target ``tgt_in``.

        With ``teacher_forcing`` < 1, each step feeds the model's own previous
        prediction instead of the true token with probability 1 - ratio.
        """
        memory = self.encode(src)
        state = memory["state"]
        prev = tgt_in[:, 0]
        all_logits, all_weights = [], []
        for t in range(tgt_in.shape[1]):
            logits, state, weights = self.step(prev, state, memory)
            all_logits.append(logits)
            all_weights.append(weights)
            if t + 1 < tgt_in.shape[1]:
                prev = tgt_in[:, t + 1]
                if teacher_forcing < 1.0:
                    own = logits.argmax(1)
                    coin = torch.rand(prev.shape, generator=generator).to(prev.device)
                    prev = torch.where(coin < teacher_forcing, prev, own)
        return torch.stack(all_logits, 1), torch.stack(all_weights, 1)

    @torch.no_grad()
    def greedy(
        self, src: torch.Tensor, max_len: int
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Greedy decoding: tokens (B, L) ending in <eos> (then padding) and
        attention (B, L, S)."""
        memory = self.encode(src)
        state = memory["state"]
        prev = torch.full((src.shape[0],), BOS_ID, dtype=torch.long, device=src.device)
        done = torch.zeros(src.shape[0], dtype=torch.bool, device=src.device)
        tokens, weights_all = [], []
        for _ in range(max_len):
            logits, state, weights = self.step(prev, state, memory)
            prev = no_specials(logits).argmax(1).masked_fill(done, PAD_ID)
            tokens.append(prev)
            weights_all.append(weights)
            done = done | (prev == EOS_ID)
            if bool(done.all()):
                break
        return torch.stack(tokens, 1), torch.stack(weights_all, 1)

    @torch.no_grad()
    def beam_search(
        self,
        src: torch.Tensor,
        k: int,
        max_len: int,
        itos: list[str] | None = None,
        token: Any = None,
    ) -> dict[str, Any]:
        """Beam search of width ``k`` for one source (1, S); see :func:`beam_search`."""
        memory = self.encode(src)

        def advance(prefixes: list[list[int]], states: list) -> tuple:
            n = len(prefixes)
            mem = {
                key: value.expand(n, *value.shape[1:])
                for key, value in memory.items()
                if key != "state"
            }
            prev = torch.tensor(
                [p[-1] if p else BOS_ID for p in prefixes], device=src.device
            )
            logits, new_state, _ = self.step(prev, torch.stack(states), mem)
            return torch.log_softmax(logits, dim=1), list(new_state)

        return beam_search(advance, memory["state"][0], k, max_len, itos, token)


def beam_search(
    advance: Callable[[list[list[int]], list], tuple[torch.Tensor, list]],
    start_state: Any,
    k: int,
    max_len: int,
    itos: list[str] | None = None,
    token: Any = None,
) -> dict[str, Any]:
    """Keep the ``k`` best hypotheses; extend each by its ``k`` best next tokens and
    keep the best ``k`` of all extensions (finished ones compete unchanged).

    ``token`` (a lab's ``current_request``, a :class:`~dlviz.session.jobs.CancelToken`)
    is checked before each step: a cancelled search raises
    :class:`~dlviz.session.jobs.JobCancelled` there, and progress is reported.

    ``advance(prefixes, states)`` returns log-probabilities (n, V) of the next token
    for each prefix (token ids after <bos>) and the new decoder states.

    Returns ``{"steps": [...], "candidates": [...], "best": [...]}``. Each step
    holds ``kept``: the ``k`` hypotheses kept, best first, as dicts with ``tokens``
    (ids after <bos>), ``text`` (token strings), ``score`` (sum of
    log-probabilities) and ``finished``; and ``considered``: the best 2k
    extensions of that step with a ``kept`` flag. ``candidates`` are the final
    hypotheses, best first; ``best`` is the text of the first.
    """

    def name(ids: list[int]) -> list[str]:
        return [itos[i] for i in ids] if itos else [str(i) for i in ids]

    beams: list[dict[str, Any]] = [
        {"tokens": [], "score": 0.0, "finished": False, "state": start_state}
    ]
    steps = []
    for t in range(max_len):
        if token is not None:
            token.check()
            token.progress(t / max(1, max_len))
        live = [b for b in beams if not b["finished"]]
        if not live:
            break
        logp, new_states = advance(
            [b["tokens"] for b in live], [b["state"] for b in live]
        )
        logp = no_specials(logp)
        top_lp, top_id = logp.topk(min(k, logp.shape[1] - 2), dim=1)
        expansions = [b for b in beams if b["finished"]]
        for i, beam in enumerate(live):
            for lp, tok in zip(top_lp[i].tolist(), top_id[i].tolist()):
                expansions.append(
                    {
                        "tokens": beam["tokens"] + [tok],
                        "score": beam["score"] + lp,
                        "finished": tok == EOS_ID,
                        "state": new_states[i],
                    }
                )
        expansions.sort(key=lambda b: b["score"], reverse=True)
        beams = expansions[:k]
        steps.append(
            {
                "kept": [_public(b, name) for b in beams],
                "considered": [
                    dict(_public(b, name), kept=j < k)
                    for j, b in enumerate(expansions[: 2 * k])
                ],
            }
        )
    final = [_public(b, name) for b in beams]
    return {"steps": steps, "candidates": final, "best": final[0]["text"]}


def _public(beam: dict[str, Any], name) -> dict[str, Any]:
    return {
        "tokens": list(beam["tokens"]),
        "text": name(beam["tokens"]),
        "score": float(beam["score"]),
        "finished": bool(beam["finished"]),
    }


def no_specials(logits: torch.Tensor) -> torch.Tensor:
    """Logits with <pad> and <bos> made impossible (for decoding)."""
    logits = logits.clone()
    logits[..., [PAD_ID, BOS_ID]] = float("-inf")
    return logits


def strip_after_eos(ids: list[int]) -> list[int]:
    """Tokens before the first <eos>, without padding."""
    out = []
    for i in ids:
        if i == EOS_ID:
            break
        if i not in (PAD_ID, BOS_ID):
            out.append(int(i))
    return out
