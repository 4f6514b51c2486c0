"""Chapter: attention. A character-level GPT that trains live and writes.

The model (:mod:`dlviz.core.attention.charlm`) trains on a short essay shipped with
the app (English or Chinese) and is measured by its perplexity on the held-out end
of the essay. The stage types a prompt; the task answers with the next-character
distribution — as the model gives it and as temperature, top-k and top-p reshape
it — and samples characters one at a time, each with the attention of every head
over the context that produced it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.attention.charlm import (
    TEXTS,
    CharCorpus,
    CharGPT,
    FlatLogits,
    Sampling,
    load_text,
    perplexity,
    reshape_distribution,
)
from dlviz.core.labs.attention import transformer_size_params
from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.core.params import ParamSpec
from dlviz.core.train.optim import build_optimizer

#: Characters shown as bars: the most likely ones.
TOP_SHOWN = 12
#: Prompts a new run starts from, by text.
DEFAULT_PROMPTS = {"en": "The network ", "zh_CN": "神经网络"}
#: Characters of the live sample written after each validation pass.
SAMPLE_LENGTH = 80


class CharLMTask(LabTask):
    """Trains :class:`CharGPT` on random windows of the chosen text; keeps the
    prompt and sampling settings the stage sent, and reports the distribution
    for them in every snapshot."""

    snapshot_hz = 15.0
    eval_interval_s = 2.0

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        self.corpus = CharCorpus(load_text(hp["text"]), hp["val_fraction"])
        self.context = int(hp["context"])
        self.model = CharGPT(
            len(self.corpus), hp["d_model"], hp["heads"], hp["layers"],
            self.context, hp["ffn"], hp["dropout"],
        ).to(device)
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.parameters(), hp["lr"], hp["weight_decay"]
        )
        self.criterion = nn.CrossEntropyLoss()
        self.batch_size = int(hp["batch_size"])
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(
            1, len(self.corpus.train_ids) // (self.batch_size * self.context))
        x_v, y_v = self.corpus.val_windows(self.context)
        self.x_v, self.y_v = x_v.to(device), y_v.to(device)
        self.unigram = self.corpus.unigram_perplexity()
        self.prompt = DEFAULT_PROMPTS[hp["text"]]
        self.sampling = Sampling()
        # sampling draws from its own generator: writing does not move the batches
        self.sampler = torch.Generator().manual_seed(int(hp["seed"]) + 1)
        self.last_val: dict[str, float] = {}
        self.last_sample = ""

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        x, y = self.corpus.batch(self.batch_size, self.context, self.generator)
        return x.to(self.device), y.to(self.device)

    def _clip(self) -> None:
        """Gradient clipping at norm 1 (also in the traced step)."""
        nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)

    def train_step(self) -> dict[str, float]:
        self.model.train()
        x, y = self._batch()
        self.remember_finite()
        logits, _ = self.model(x)
        loss = self.criterion(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self._clip()
        self.optimizer.step()
        self.step += 1
        value = float(loss.detach())
        return {"loss": value, "perplexity": math.exp(min(value, 50.0))}

    def evaluate(self) -> dict[str, float]:
        nll, ppl = perplexity(self.model, self.x_v, self.y_v)
        self.last_val = {"val_loss": nll, "val_perplexity": ppl}
        self.last_sample = self.write(self.prompt, SAMPLE_LENGTH, Sampling(0.8),
                                      torch.Generator().manual_seed(0))
        return dict(self.last_val)

    # -- the next character ---------------------------------------------------------
    def _context_ids(self, text: str) -> list[int]:
        ids = self.corpus.encode(text)[-self.context :]
        return ids or self.corpus.encode(DEFAULT_PROMPTS[self.hparams["text"]])

    @torch.no_grad()
    def next_char(self, text: str, sampling: Sampling) -> dict[str, Any]:
        """The model's next-character distribution after ``text`` (its last
        ``context`` known characters) and the one ``sampling`` makes of it."""
        ids = self._context_ids(text)
        was_training = self.model.training
        self.model.eval()
        logits, weights = self.model(torch.tensor([ids], device=self.device))
        self.model.train(was_training)
        last = logits[0, -1].float().cpu()
        model_probs = torch.softmax(last.double(), 0).float()
        shaped = reshape_distribution(last, sampling)
        return {
            "ids": ids,
            "model_probs": model_probs,
            "shaped": shaped,
            # the last position's row of every layer and head: (layers, heads, T)
            "attention": torch.stack([w[0, :, -1] for w in weights]).cpu(),
        }

    def describe(self, text: str, sampling: Sampling,
                 nxt: dict[str, Any] | None = None) -> dict[str, Any]:
        """The snapshot fields about ``text`` under ``sampling`` (``nxt``: its
        :meth:`next_char`, when already computed)."""
        nxt = nxt if nxt is not None else self.next_char(text, sampling)
        model_probs, shaped = nxt["model_probs"], nxt["shaped"]
        order = torch.argsort(model_probs, descending=True, stable=True)[:TOP_SHOWN]
        tokens = [self.corpus.itos[i] for i in nxt["ids"]]
        return {
            "prompt": text,
            "context_tokens": tokens,
            "unknown": self.corpus.unknown(text),
            "top_tokens": [self.corpus.itos[int(i)] for i in order],
            "top_model": model_probs[order].numpy().astype(np.float32),
            "top_shaped": shaped[order].numpy().astype(np.float32),
            "kept": int((shaped > 0).sum()),
            "vocab": len(self.corpus),
            "temperature": sampling.temperature,
            "top_k": sampling.top_k,
            "top_p": sampling.top_p,
            "attention": nxt["attention"].numpy().astype(np.float32),
        }

    @torch.no_grad()
    def write(self, text: str, count: int, sampling: Sampling,
              generator: torch.Generator) -> str:
        """``count`` characters sampled one by one after ``text``."""
        ids = self._context_ids(text)
        was_training = self.model.training
        self.model.eval()
        out = []
        for _ in range(count):
            window = torch.tensor([ids[-self.context :]], device=self.device)
            logits, _ = self.model(window)
            probs = reshape_distribution(logits[0, -1].float().cpu(), sampling)
            nxt = int(torch.multinomial(probs, 1, generator=generator))
            ids.append(nxt)
            out.append(self.corpus.itos[nxt])
        self.model.train(was_training)
        return "".join(out)

    @torch.no_grad()
    def snapshot(self) -> dict[str, Any]:
        return {
            **self.describe(self.prompt, self.sampling),
            "val_metrics": dict(self.last_val),
            "unigram_perplexity": self.unigram,
            "sample": self.last_sample,
            "text": self.hparams["text"],
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind not in ("prompt", "sample"):
            raise ValueError(f"the character model does not handle {kind!r} requests")
        self.sampling = Sampling.of(payload, self.sampling)
        if "text" in payload:
            self.prompt = str(payload["text"])
        if kind == "prompt":
            return {"snapshot": self.snapshot()}
        # sample one character from the shaped distribution, append it
        nxt = self.next_char(self.prompt, self.sampling)
        step = self.describe(self.prompt, self.sampling, nxt)
        probs = nxt["shaped"]
        index = int(torch.multinomial(probs, 1, generator=self.sampler))
        char = self.corpus.itos[index]
        self.prompt = self.prompt + char
        return {
            "char": char,
            "probability": float(probs[index]),
            "text": self.prompt,
            "attention": step["attention"],
            "context_tokens": step["context_tokens"],
            "snapshot": self.snapshot(),
        }

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        x, y = self._batch()
        self.remember_finite()
        trace = record_supervised_step(
            FlatLogits(self.model), x, y.reshape(-1), self.criterion,
            self.optimizer, name="model", before_update=self._clip,
        )
        trace.metrics["perplexity"] = math.exp(min(trace.metrics["loss"], 50.0))
        self.step += 1
        return trace


LABS = [
    LabSpec(
        key="charlm",
        title="Character GPT",
        chapter="attention",
        year=2018,
        teaches="A causal Transformer learns to write, one character at a time; "
        "temperature, top-k and top-p reshape what it samples.",
        stage="charlm",
        factory=CharLMTask,
        heavy=True,
        authors="Radford et al.",
        idea="Predict the next token from every earlier one, under a causal mask.",
        paper="Improving Language Understanding by Generative Pre-Training (2018)",
        params=(
            ParamSpec(
                "text",
                "Text",
                "choice",
                "en",
                choices=TEXTS,
                choice_labels=("English essay", "Chinese essay"),
                group="data",
                help="The essay on neural networks the model learns to write.",
            ),
            ParamSpec(
                "val_fraction",
                "Validation share",
                "float",
                0.1,
                minimum=0.05,
                maximum=0.5,
                group="data",
                help="The end of the text held out to measure perplexity.",
            ),
            ParamSpec(
                "context",
                "Context length",
                "int",
                64,
                minimum=4,
                maximum=256,
                help="Characters the model sees at once.",
            ),
            *transformer_size_params(ffn=256),
            ParamSpec(
                "dropout",
                "Dropout",
                "float",
                0.3,
                minimum=0.0,
                maximum=0.8,
                help="Share of activations zeroed while training.",
            ),
        ),
        training_defaults={"lr": 0.003, "batch_size": 32},
    ),
]
