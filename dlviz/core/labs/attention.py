"""Chapter: attention. Seq2seq with attention (2014) and the Transformer (2017).

Both labs translate generated written dates into ISO dates (or reverse strings), so
the correct alignment is known and the attention map can be compared with it; the
Transformer lab also has an encoder-only classification task.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.attention.bleu import corpus_bleu
from dlviz.core.attention.data import (
    CLASSIFY_TASKS,
    PAD_ID,
    SEQ2SEQ_TASKS,
    encode_batch,
    make_pattern,
    make_sentiment,
    make_seq2seq_data,
    pattern_vocab,
    sentiment_vocab,
)
from dlviz.core.attention.layers import attention_steps, causal_mask
from dlviz.core.attention.seq2seq import Seq2SeqAttention, no_specials
from dlviz.core.attention.transformer import TransformerClassifier, TransformerSeq2Seq
from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.core.params import ParamSpec
from dlviz.core.train.optim import build_optimizer

ATTENTION_NAMES = ("additive", "dot")
MAX_VAL = 300


class _PackedSeq2Seq(nn.Module):
    """Takes ``cat([src, tgt_in], 1)`` as one tensor so the supervised step recorder
    can trace a two-input model; returns flat logits (B·T, V)."""

    def __init__(self, model: nn.Module, src_len: int, teacher_forcing: float = 1.0):
        super().__init__()
        self.model, self.src_len = model, src_len
        self.teacher_forcing = teacher_forcing

    def forward(self, packed: torch.Tensor) -> torch.Tensor:
        src, tgt_in = packed[:, : self.src_len], packed[:, self.src_len :]
        if isinstance(self.model, Seq2SeqAttention):
            logits, _ = self.model(src, tgt_in, self.teacher_forcing)
        else:
            logits, _ = self.model(src, tgt_in)
        return logits.reshape(-1, logits.shape[-1])


class _SequenceTask(LabTask):
    """Shared machinery of the two labs on a sequence-to-sequence task."""

    snapshot_hz = 15.0
    eval_interval_s = 2.0

    def _setup_data(self, hp: dict) -> None:
        self.data = make_seq2seq_data(
            hp["task"], hp["samples"], hp["val_fraction"], hp["seed"]
        )
        d = self.data
        train, val = d.split("train"), d.split("val")
        dev = self.device
        self.src_t, self.in_t, self.out_t = (
            d.src[train].to(dev),
            d.tgt_in[train].to(dev),
            d.tgt_out[train].to(dev),
        )
        n_val = min(MAX_VAL, len(d.src) - d.n_train)
        self.src_v = d.src[val][:n_val].to(dev)
        self.in_v = d.tgt_in[val][:n_val].to(dev)
        self.out_v = d.tgt_out[val][:n_val].to(dev)
        self.val_targets = d.pairs.targets[d.n_train : d.n_train + n_val]
        self.val_sources = d.pairs.sources[d.n_train : d.n_train + n_val]
        self.val_align = d.pairs.alignments[d.n_train : d.n_train + n_val]
        self.max_out = d.tgt_out.shape[1] + 1
        self.criterion = nn.CrossEntropyLoss(ignore_index=PAD_ID)
        n = len(self.src_t)
        self.batch_size = min(int(hp["batch_size"]), n)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, n // self.batch_size)
        self._order = torch.randperm(n, generator=self.generator)
        self._cursor = 0
        self.shown = 0

    def _setup_model(self, model: nn.Module) -> None:
        hp = self.hparams
        self.model = model.to(self.device)
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.parameters(), hp["lr"], hp["weight_decay"]
        )

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    def _batch_index(self) -> torch.Tensor:
        n = len(self.src_t)
        if self._cursor + self.batch_size > n:
            self._order = torch.randperm(n, generator=self.generator)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self.batch_size]
        self._cursor += self.batch_size
        return idx.to(self.device)

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        idx = self._batch_index()
        src, tgt_in, tgt_out = self.src_t[idx], self.in_t[idx], self.out_t[idx]
        # Trim padding columns shared by the whole batch.
        width = int((src != PAD_ID).sum(1).max())
        return src[:, :width], tgt_in, tgt_out

    def _logits(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def _greedy(self, src: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def _clip(self) -> None:
        """Gradient clipping at norm 1 (also in the traced step)."""
        nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)

    def train_step(self) -> dict[str, float]:
        self.model.train()
        src, tgt_in, tgt_out = self._batch()
        self.remember_finite()
        logits = self._logits(src, tgt_in)
        loss = self.criterion(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self._clip()
        self.optimizer.step()
        self.step += 1
        token_acc, seq_acc = _accuracies(logits.detach().argmax(-1), tgt_out)
        return {
            "loss": float(loss.detach()),
            "token_acc": token_acc,
            "seq_acc": seq_acc,
        }

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        self.model.eval()
        logits = self._logits(self.src_v, self.in_v)
        loss = self.criterion(
            logits.reshape(-1, logits.shape[-1]), self.out_v.reshape(-1)
        )
        tokens = self._greedy(self.src_v).cpu().numpy()
        self.model.train()
        vocab = self.data.tgt_vocab
        predictions = [vocab.decode(row) for row in tokens]
        width = self.out_v.shape[1]
        padded = np.full((len(tokens), width), PAD_ID, dtype=np.int64)
        k = min(width, tokens.shape[1])
        padded[:, :k] = tokens[:, :k]
        target = self.out_v.cpu().numpy()
        real = target != PAD_ID
        token_acc = float(((padded == target) & real).sum() / real.sum())
        seq_acc = float(
            np.mean([p == t for p, t in zip(predictions, self.val_targets)])
        )
        self.last_val = {
            "val_loss": float(loss),
            "val_token_acc": token_acc,
            "val_seq_acc": seq_acc,
            "val_bleu": corpus_bleu(predictions, self.val_targets),
        }
        return dict(self.last_val)

    def _sample(self) -> tuple[torch.Tensor, int, torch.Tensor]:
        """The shown validation source (1, S), its index and <bos> + its target."""
        i = self.shown % len(self.src_v)
        src = self.src_v[i : i + 1]
        src = src[:, : int((src != PAD_ID).sum())]
        tgt_in = self.in_v[i : i + 1]
        return src, i, tgt_in[:, : int((tgt_in != PAD_ID).sum())]

    def _describe(
        self,
        i: int,
        src: torch.Tensor,
        tgt_in: torch.Tensor,
        logits: torch.Tensor,
        arrays: dict[str, Any],
    ) -> dict[str, Any]:
        """The snapshot fields shared by both labs."""
        vocab = self.data.tgt_vocab
        predicted = no_specials(logits[0]).argmax(-1).tolist()
        prediction = vocab.decode(predicted)
        return {
            "task": self.hparams["task"],
            "index": i,
            "n_val": len(self.src_v),
            "source": self.val_sources[i],
            "target": self.val_targets[i],
            "prediction": prediction,
            "correct": prediction == self.val_targets[i],
            "src_tokens": self.data.src_vocab.tokens(src[0].tolist()),
            "dec_tokens": vocab.tokens(tgt_in[0].tolist()),
            "out_tokens": vocab.tokens(predicted),
            "alignment": self.val_align[i],
            "val_metrics": dict(getattr(self, "last_val", {})),
            **arrays,
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "select":
            self.shown = int(payload.get("index", 0)) % len(self.src_v)
            return {
                "index": self.shown,
                "source": self.val_sources[self.shown],
                "snapshot": self.snapshot(),
            }
        if kind == "samples":
            count = int(payload.get("count", 20))
            return {
                "sources": list(self.val_sources[:count]),
                "targets": list(self.val_targets[:count]),
            }
        if kind == "beam":
            i = int(payload.get("index", self.shown)) % len(self.src_v)
            k = max(1, int(payload.get("k", self.hparams.get("beam_width", 3))))
            src = self.src_v[i : i + 1]
            src = src[:, : int((src != PAD_ID).sum())]
            self.model.eval()
            try:
                result = self.model.beam_search(
                    src, k, self.max_out, self.data.tgt_vocab.itos,
                    self.current_request,
                )
            finally:
                self.model.train()
            result.update(
                index=i, k=k, source=self.val_sources[i], target=self.val_targets[i]
            )
            return result
        return self._handle_more(kind, payload)

    def _handle_more(self, kind: str, payload: dict) -> dict:
        raise ValueError(f"{type(self).__name__} does not handle {kind!r} requests")

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        src, tgt_in, tgt_out = self._batch()
        self.remember_finite()
        ratio = float(self.hparams.get("teacher_forcing", 1.0))
        packed_model = _PackedSeq2Seq(self.model, src.shape[1], ratio)
        trace = record_supervised_step(
            packed_model,
            torch.cat([src, tgt_in], 1),
            tgt_out.reshape(-1),
            self.criterion,
            self.optimizer,
            name="model",
            before_update=self._clip,
        )
        self.step += 1
        return trace


def score_stats(layers: dict[str, list]) -> dict[str, Any]:
    """Range and spread of the raw attention scores Q Kᵀ / √d of the last recorded
    forward pass (``record`` set on every layer), masked positions left out.

    Returns ``{"score_range": (lo, hi), "score_std": s, "score_ranges": {kind:
    (lo, hi, std)}}`` over every layer and head: the numbers that say whether the
    softmax is soft (scores of order 1) or saturated (scores of ±100: one-hot rows).
    """
    per_kind: dict[str, tuple[float, float, float]] = {}
    everything = []
    for kind, group in layers.items():
        values = []
        for mha in group:
            last = mha.last
            if not last:
                continue
            scores = mha.scores(last["query"], last["key"])
            mask = last["mask"]
            if mask is not None:
                keep = torch.isfinite(mask).expand_as(scores)
                values.append(scores[keep])
            else:
                values.append(scores.reshape(-1))
        if not values:
            continue
        flat = torch.cat(values).float()
        per_kind[kind] = (
            float(flat.min()),
            float(flat.max()),
            float(flat.std()) if flat.numel() > 1 else 0.0,
        )
        everything.append(flat)
    if not everything:
        return {"score_range": (0.0, 0.0), "score_std": 0.0, "score_ranges": {}}
    flat = torch.cat(everything)
    return {
        "score_range": (float(flat.min()), float(flat.max())),
        "score_std": float(flat.std()) if flat.numel() > 1 else 0.0,
        "score_ranges": per_kind,
    }


def _accuracies(pred: torch.Tensor, target: torch.Tensor) -> tuple[float, float]:
    """Token accuracy over non-pad positions and whole-sequence accuracy."""
    real = target != PAD_ID
    right = (pred == target) | ~real
    token = float(((pred == target) & real).sum() / real.sum())
    return token, float(right.all(1).float().mean())


class Seq2SeqTask(_SequenceTask):
    """GRU encoder-decoder with additive or dot-product attention."""

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self._setup_data(hp)
        model = Seq2SeqAttention(
            len(self.data.src_vocab),
            len(self.data.tgt_vocab),
            hp["embed"],
            hp["hidden"],
            hp["attention"],
            attend=bool(hp.get("use_attention", True)),
        )
        self._setup_model(model)

    def _logits(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        ratio = float(self.hparams["teacher_forcing"]) if self.model.training else 1.0
        return self.model(src, tgt_in, ratio, self.generator)[0]

    def _greedy(self, src: torch.Tensor) -> torch.Tensor:
        return self.model.greedy(src, self.max_out)[0]

    @torch.no_grad()
    def snapshot(self) -> dict[str, Any]:
        src, i, tgt_in = self._sample()
        self.model.eval()
        logits, weights = self.model(src, tgt_in)
        self.model.train()
        return self._describe(
            i,
            src,
            tgt_in,
            logits,
            {
                "attention": weights[0].cpu().numpy().astype(np.float32),
            },
        )


class TransformerTask(_SequenceTask):
    """Encoder-decoder Transformer on the date or reversal task."""

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self._setup_data(hp)
        model = TransformerSeq2Seq(
            len(self.data.src_vocab),
            len(self.data.tgt_vocab),
            hp["d_model"],
            hp["heads"],
            hp["layers"],
            hp["ffn"],
            max_len=64,
        )
        self._setup_model(model)
        self.pe = model.src_embed.pe[:32].cpu().numpy().copy()
        with torch.no_grad():
            self.init_scores = score_stats(self._shown_forward(record=True)["layers"])

    def _logits(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        return self.model(src, tgt_in)[0]

    def _greedy(self, src: torch.Tensor) -> torch.Tensor:
        return self.model.greedy(src, self.max_out)

    def _shown_forward(self, record: bool = False) -> dict[str, Any]:
        """One teacher-forced forward pass over the shown sample."""
        src, i, tgt_in = self._sample()
        layers = self.model.attention_layers()
        for group in layers.values():
            for mha in group:
                mha.record = record
        self.model.eval()
        logits, weights = self.model(src, tgt_in)
        self.model.train()
        for group in layers.values():
            for mha in group:
                mha.record = False
        return {
            "src": src,
            "index": i,
            "tgt_in": tgt_in,
            "logits": logits,
            "weights": weights,
            "layers": layers,
        }

    @torch.no_grad()
    def snapshot(self) -> dict[str, Any]:
        run = self._shown_forward(record=True)
        w = run["weights"]

        def stack(key: str) -> np.ndarray:
            return torch.stack([x[0] for x in w[key]]).cpu().numpy().astype(np.float32)

        return self._describe(
            run["index"],
            run["src"],
            run["tgt_in"],
            run["logits"],
            {
                "encoder_attention": stack("encoder"),
                "decoder_attention": stack("decoder"),
                "cross_attention": stack("cross"),
                "causal_mask": causal_mask(run["tgt_in"].shape[1], "cpu").numpy(),
                "positional_encoding": self.pe,
                **score_stats(run["layers"]),
                "init_score_range": self.init_scores["score_range"],
                "init_score_std": self.init_scores["score_std"],
            },
        )

    @torch.no_grad()
    def _handle_more(self, kind: str, payload: dict) -> dict:
        if kind != "attention_steps":
            return super()._handle_more(kind, payload)
        if "index" in payload:
            self.shown = int(payload["index"]) % len(self.src_v)
        run = self._shown_forward(record=True)
        return _steps_from_run(
            run,
            payload,
            self.data.src_vocab.tokens(run["src"][0].tolist()),
            self.data.tgt_vocab.tokens(run["tgt_in"][0].tolist()),
        )


def _steps_from_run(
    run: dict, payload: dict, src_tokens: list[str], dec_tokens: list[str]
) -> dict:
    kind = payload.get("kind", "encoder")
    group = run["layers"][kind]
    layer = int(payload.get("layer", 0)) % len(group)
    mha = group[layer]
    head = int(payload.get("head", 0)) % mha.n_heads
    last = mha.last
    n_query = last["query"].shape[1]
    query = int(payload.get("query", 0)) % n_query
    mask = last["mask"]
    if mask is not None:
        mask = mask[0, 0].expand(n_query, last["key"].shape[1])
    result = attention_steps(
        mha, last["query"][0], last["key"][0], last["value"][0], head, query, mask
    )
    query_tokens = src_tokens if kind == "encoder" else dec_tokens
    key_tokens = dec_tokens if kind == "decoder" else src_tokens
    result.update(
        kind=kind,
        layer=layer,
        head=head,
        query=query,
        query_tokens=query_tokens,
        key_tokens=key_tokens,
    )
    return result


class PatternTask(LabTask):
    """Encoder-only Transformer classifying a sequence: more positive than negative
    words ("sentiment"), or does the string contain "abc" ("pattern")?"""

    snapshot_hz = 15.0
    eval_interval_s = 1.0

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        if hp["task"] == "sentiment":
            texts, labels = make_sentiment(hp["samples"], hp["seed"])
            self.vocab = sentiment_vocab()
        else:
            texts, labels = make_pattern(hp["samples"], hp["seed"])
            self.vocab = pattern_vocab()
        ids = encode_batch(texts, self.vocab, bos=True)
        n_val = max(1, min(MAX_VAL, int(round(len(texts) * hp["val_fraction"]))))
        n_train = len(texts) - n_val
        y = torch.from_numpy(labels)
        self.x_t, self.y_t = ids[:n_train].to(device), y[:n_train].to(device)
        self.x_v, self.y_v = ids[n_train:].to(device), y[n_train:].to(device)
        self.val_texts = [
            t if isinstance(t, str) else " ".join(t) for t in texts[n_train:]
        ]
        self.model = TransformerClassifier(
            len(self.vocab), 2, hp["d_model"], hp["heads"], hp["layers"], hp["ffn"]
        ).to(device)
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.parameters(), hp["lr"], hp["weight_decay"]
        )
        self.criterion = nn.CrossEntropyLoss()
        self.batch_size = min(int(hp["batch_size"]), n_train)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, n_train // self.batch_size)
        self._order = torch.randperm(n_train, generator=self.generator)
        self._cursor = 0
        self.shown = 0
        self.pe = self.model.src_embed.pe[:32].cpu().numpy().copy()
        with torch.no_grad():
            self._shown_forward(record=True)
        self.init_scores = score_stats(self.model.attention_layers())

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        n = len(self.x_t)
        if self._cursor + self.batch_size > n:
            self._order = torch.randperm(n, generator=self.generator)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self.batch_size].to(self.device)
        self._cursor += self.batch_size
        return self.x_t[idx], self.y_t[idx]

    def _clip(self) -> None:
        """Gradient clipping at norm 1 (also in the traced step)."""
        nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x, y = self._batch()
        self.remember_finite()
        logits, _ = self.model(x)
        loss = self.criterion(logits, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self._clip()
        self.optimizer.step()
        self.step += 1
        return {
            "loss": float(loss.detach()),
            "acc": float((logits.argmax(1) == y).float().mean()),
        }

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        self.model.eval()
        logits, _ = self.model(self.x_v)
        self.model.train()
        self.last_val = {
            "val_loss": float(self.criterion(logits, self.y_v)),
            "val_acc": float((logits.argmax(1) == self.y_v).float().mean()),
        }
        return dict(self.last_val)

    def _shown_forward(self, record: bool = False) -> tuple:
        i = self.shown % len(self.x_v)
        x = self.x_v[i : i + 1]
        x = x[:, : int((x != PAD_ID).sum())]
        self.model.eval()
        for mha in self.model.attention_layers()["encoder"]:
            mha.record = record
        logits, weights = self.model(x)
        for mha in self.model.attention_layers()["encoder"]:
            mha.record = False
        self.model.train()
        return i, x, logits, weights

    @torch.no_grad()
    def snapshot(self) -> dict[str, Any]:
        i, x, logits, weights = self._shown_forward(record=True)
        prob = torch.softmax(logits[0], 0).cpu().numpy().astype(np.float32)
        return {
            "task": self.hparams["task"],
            "index": i,
            "n_val": len(self.x_v),
            "source": self.val_texts[i],
            "label": int(self.y_v[i]),
            "probs": prob,
            "correct": int(prob.argmax()) == int(self.y_v[i]),
            "src_tokens": self.vocab.tokens(x[0].tolist()),
            "encoder_attention": torch.stack([w[0] for w in weights["encoder"]])
            .cpu()
            .numpy()
            .astype(np.float32),
            "positional_encoding": self.pe,
            "val_metrics": dict(getattr(self, "last_val", {})),
            **score_stats(self.model.attention_layers()),
            "init_score_range": self.init_scores["score_range"],
            "init_score_std": self.init_scores["score_std"],
        }

    @torch.no_grad()
    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "select":
            self.shown = int(payload.get("index", 0)) % len(self.x_v)
            return {
                "index": self.shown,
                "source": self.val_texts[self.shown],
                "snapshot": self.snapshot(),
            }
        if kind == "attention_steps":
            if "index" in payload:
                self.shown = int(payload["index"]) % len(self.x_v)
            i, x, _, _ = self._shown_forward(record=True)
            tokens = self.vocab.tokens(x[0].tolist())
            run = {"layers": self.model.attention_layers()}
            return _steps_from_run(run, dict(payload, kind="encoder"), tokens, tokens)
        raise ValueError(
            f"the {self.hparams['task']} task does not handle {kind!r} requests"
        )

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        x, y = self._batch()
        self.remember_finite()
        wrapped = _FirstOutput(self.model)
        trace = record_supervised_step(
            wrapped, x, y, self.criterion, self.optimizer, name="model",
            before_update=self._clip,
        )
        self.step += 1
        return trace


class _FirstOutput(nn.Module):
    """Drops the attention weights so the recorder sees plain logits."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model(x)[0]


def _make_transformer(hp: dict, device: torch.device) -> LabTask:
    if hp["task"] in CLASSIFY_TASKS:
        return PatternTask(hp, device)
    return TransformerTask(hp, device)


_DATA = (
    ParamSpec(
        "samples",
        "Samples",
        "int",
        10000,
        minimum=200,
        maximum=100000,
        group="data",
        help="Generated pairs, training and validation.",
    ),
    ParamSpec(
        "val_fraction",
        "Validation share",
        "float",
        0.05,
        minimum=0.01,
        maximum=0.5,
        group="data",
        help="Part held out (at most 400 are used).",
    ),
)
_BEAM = ParamSpec(
    "beam_width",
    "Beam width",
    "int",
    3,
    minimum=1,
    maximum=10,
    help="Hypotheses kept by beam search (1 is greedy).",
)


def transformer_size_params(ffn: int) -> tuple[ParamSpec, ...]:
    """A Transformer's size settings (width, heads, layers, feed-forward), shared by
    the labs that build one."""
    return (
        ParamSpec("d_model", "Model width", "int", 64, minimum=8, maximum=512),
        ParamSpec("heads", "Heads", "int", 4, minimum=1, maximum=16,
                  help="Must divide the model width."),
        ParamSpec("layers", "Layers", "int", 2, minimum=1, maximum=6),
        ParamSpec("ffn", "Feed-forward size", "int", ffn, minimum=8, maximum=2048),
    )

LABS = [
    LabSpec(
        key="seq2seq",
        title="Seq2seq with attention",
        chapter="attention",
        year=2014,
        teaches="The decoder learns where to look: attention aligns output and input.",
        stage="seq2seq",
        factory=Seq2SeqTask,
        authors="Bahdanau, Cho, Bengio",
        idea="Each output step takes a weighted sum of all encoder states.",
        paper="Neural Machine Translation by Jointly Learning to Align and "
        "Translate (2014)",
        params=(
            ParamSpec(
                "task",
                "Task",
                "choice",
                "dates",
                choices=SEQ2SEQ_TASKS,
                group="data",
                help="Normalise written dates, or reverse strings.",
            ),
            *_DATA,
            ParamSpec(
                "attention",
                "Attention score",
                "choice",
                "additive",
                choices=ATTENTION_NAMES,
                help="Additive (an MLP) or scaled dot product.",
            ),
            ParamSpec(
                "use_attention",
                "Use attention",
                "bool",
                True,
                help="Off: the decoder sees only the encoder's final state, one "
                "fixed summary of the whole input (no attention weights).",
            ),
            ParamSpec("embed", "Embedding size", "int", 32, minimum=4, maximum=256),
            ParamSpec("hidden", "Hidden size", "int", 64, minimum=4, maximum=512),
            ParamSpec(
                "teacher_forcing",
                "Teacher forcing",
                "float",
                1.0,
                minimum=0.0,
                maximum=1.0,
                help="Chance of feeding the true previous token while training.",
            ),
            _BEAM,
        ),
        training_defaults={"lr": 0.003, "batch_size": 64},
    ),
    LabSpec(
        key="transformer",
        title="Transformer",
        chapter="attention",
        year=2017,
        teaches="Self-attention, many heads, positions and the causal mask.",
        stage="transformer",
        factory=_make_transformer,
        heavy=True,
        authors="Vaswani et al.",
        idea="Attention only: no recurrence, every position sees every other.",
        paper="Attention Is All You Need (2017)",
        params=(
            ParamSpec(
                "task",
                "Task",
                "choice",
                "dates",
                choices=SEQ2SEQ_TASKS + CLASSIFY_TASKS,
                group="data",
                help="Dates, reversal: encoder-decoder. Sentiment, pattern: "
                "encoder only.",
            ),
            *_DATA,
            *transformer_size_params(ffn=128),
            _BEAM,
        ),
        training_defaults={"lr": 0.002, "batch_size": 64},
    ),
]
