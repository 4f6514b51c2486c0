"""Chapter: attention. BERT-style pre-training, then fine-tuning on few labels.

A small encoder-only Transformer (:class:`dlviz.core.attention.bert.MiniBert`)
first learns the masked-word task on unlabelled sentences of the sentiment task
(:func:`dlviz.core.attention.data.make_sentiment`, labels thrown away): for
``pretrain_steps`` steps every batch has 15 % of its words chosen and corrupted by
the 80/10/10 rule. Then the run fine-tunes it on ``examples`` labelled sentences
from the output vector of ``[CLS]`` — and, in lockstep on the same batches, the same
network from random weights ("from scratch"), so the two validation accuracies can
be compared step by step. The lab's network (the one the step-through records) is
the pre-trained one, in both phases.

What the stage shows comes from the snapshot: one validation sentence with its
masking drawn (which positions were chosen, what became of each) and the model's
top words at every chosen position, its three input embeddings, the attention of
every head, the masked-LM curves of pre-training and the two fine-tuning curves.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.attention.bert import (
    IGNORE,
    PAD_ID,
    ClassLogits,
    MaskedLMLogits,
    MiniBert,
    balanced_first,
    encode_sentences,
    mask_tokens,
    masked_accuracy,
    sentiment_word_vocab,
    unigram_loss,
)
from dlviz.core.attention.data import make_sentiment
from dlviz.core.labs.attention import score_stats, transformer_size_params
from dlviz.core.labs.base import LabSpec, LabTask
from dlviz.core.labs.normalization import ColumnHistory
from dlviz.core.params import ParamSpec
from dlviz.core.train.optim import build_optimizer

#: Labelled sentences held out to measure both fine-tuned networks.
N_VAL = 500
#: Unlabelled sentences held out to measure the masked-LM loss (masked once).
N_MLM_VAL = 500
#: Fine-tuning batch (at most; fewer when there are fewer labelled examples).
FINETUNE_BATCH = 16
#: Words listed per chosen position, most likely first.
TOP_WORDS = 5
#: The two fine-tuned ways, in the order of every array in a snapshot.
METHODS = ("pretrained", "scratch")
#: Most recorded points per curve (the interval doubles when full), first interval.
MAX_POINTS = 150
RECORD_EVERY = 5
#: Longest sentence: 12 words + [CLS] + [SEP].
MAX_LEN = 16


class BertTask(LabTask):
    """Masked-LM pre-training, then fine-tuning beside a from-scratch twin."""

    snapshot_hz = 10.0
    eval_interval_s = 1.0

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        seed = int(hp["seed"])
        self.vocab = sentiment_word_vocab()
        corpus, _ = make_sentiment(int(hp["corpus"]) + N_MLM_VAL, seed + 1)
        ids = encode_sentences(corpus, self.vocab)
        self.corpus_t = ids[N_MLM_VAL:].to(device)
        # the held-out masked-LM set is masked once, from its own generator
        mlm_gen = torch.Generator().manual_seed(seed + 2)
        val_in, val_lab, _ = mask_tokens(ids[:N_MLM_VAL], len(self.vocab), mlm_gen)
        self.mlm_val_in, self.mlm_val_lab = val_in.to(device), val_lab.to(device)
        self.unigram_loss = unigram_loss(self.corpus_t, len(self.vocab),
                                         self.vocab.first_word)

        n_examples = int(hp["examples"])
        texts, labels = make_sentiment(n_examples * 2 + 2 + N_VAL, seed)
        val_texts, val_labels = texts[-N_VAL:], labels[-N_VAL:]
        chosen = balanced_first(labels[:-N_VAL], n_examples)
        lab_ids = encode_sentences([texts[i] for i in chosen] + val_texts, self.vocab)
        self.x_t = lab_ids[:n_examples].to(device)
        self.y_t = torch.from_numpy(labels[chosen]).to(device)
        self.x_v = lab_ids[n_examples:].to(device)
        self.y_v = torch.from_numpy(val_labels).to(device)
        self.val_words = val_texts
        self.examples = n_examples

        size = (len(self.vocab), hp["d_model"], hp["heads"], hp["layers"], hp["ffn"],
                MAX_LEN)
        self.model = MiniBert(*size).to(device)
        head = self.model.classifier.state_dict()
        self.scratch = MiniBert(*size).to(device)
        self.scratch.classifier.load_state_dict(head)  # both start from one head
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.pretraining_parameters(), hp["lr"],
            hp["weight_decay"])
        self.finetune_lr = float(hp["finetune_lr"])
        self.scratch_optimizer = build_optimizer(
            hp["optimizer"], self.scratch.finetuning_parameters(), self.finetune_lr,
            hp["weight_decay"])
        self.mlm_criterion = nn.CrossEntropyLoss(ignore_index=IGNORE)
        self.criterion = nn.CrossEntropyLoss()
        self.pretrain_steps = int(hp["pretrain_steps"])
        self.batch_size = min(int(hp["batch_size"]), len(self.corpus_t))
        self.finetune_batch = min(FINETUNE_BATCH, n_examples)
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, len(self.corpus_t) // self.batch_size)
        # fine-tuning batches come from a generator of their own: the number of
        # labelled examples does not change the pre-training batches
        self.ft_generator = torch.Generator().manual_seed(seed + 3)
        self._ft_order = torch.randperm(n_examples, generator=self.ft_generator,
                                       device="cpu")
        self._ft_cursor = 0
        self._switched = False
        self.last_counts = np.zeros(4, dtype=np.int64)  # not chosen, mask, random, kept
        self.last_words = 0
        self.mlm_history = ColumnHistory(MAX_POINTS)
        self.mlm_history.stride = RECORD_EVERY
        self.ft_history = ColumnHistory(MAX_POINTS)
        self.ft_history.stride = RECORD_EVERY
        self._mlm_sum = np.zeros(2)
        self._mlm_n = 0
        self.last_val: dict[str, float] = {}
        self.pretrain_result: dict[str, float] = {}
        self.shown = 0
        self.draw = 0
        if self.pretrain_steps == 0:
            self._switch()

    # -- roles -------------------------------------------------------------------------
    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.model, "scratch": self.scratch}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer, "scratch": self.scratch_optimizer}

    def load_state_dict(self, state: dict) -> None:
        """A run saved while fine-tuning is loaded into the fine-tuning optimizer."""
        if int(state.get("step", 0)) >= self.pretrain_steps:
            self._switch()
        super().load_state_dict(state)

    @property
    def phase(self) -> str:
        """``"pretrain"`` for the first ``pretrain_steps`` steps, then
        ``"finetune"``."""
        return "pretrain" if self.step < self.pretrain_steps else "finetune"

    @property
    def finetune_step(self) -> int:
        return max(0, self.step - self.pretrain_steps)

    def _switch(self) -> None:
        """Pre-training is over: a new optimizer (no state) for the body and the
        classifier at the fine-tuning rate, like the twin's; the masked-word head
        is left behind."""
        if self._switched:
            return
        self._switched = True
        hp = self.hparams
        self.optimizer = build_optimizer(
            hp["optimizer"], self.model.finetuning_parameters(), self.finetune_lr,
            hp["weight_decay"])
        if self.pretrain_steps:
            val = self._mlm_val()
            self.pretrain_result = {"mlm_val_loss": val["val_loss"],
                                    "mlm_val_acc": val["val_mlm_acc"]}
        self._record_finetune(force=True)

    # -- batches -----------------------------------------------------------------------
    def _mlm_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        idx = torch.randint(len(self.corpus_t), (self.batch_size,),
                            generator=self.generator, device="cpu").to(self.device)
        ids = self.corpus_t[idx]
        ids = ids[:, : int((ids != PAD_ID).sum(1).max())]
        inputs, labels, actions = mask_tokens(ids, len(self.vocab), self.generator)
        counts = torch.bincount(actions[ids >= self.vocab.first_word].cpu(),
                                minlength=4)
        self.last_counts = counts.numpy().astype(np.int64)
        self.last_words = int((ids >= self.vocab.first_word).sum())
        return inputs, labels

    def _ft_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        n = len(self.x_t)
        if self._ft_cursor + self.finetune_batch > n:
            self._ft_order = torch.randperm(n, generator=self.ft_generator,
                                            device="cpu")
            self._ft_cursor = 0
        idx = self._ft_order[self._ft_cursor : self._ft_cursor + self.finetune_batch]
        self._ft_cursor += self.finetune_batch
        x = self.x_t[idx.to(self.device)]
        x = x[:, : int((x != PAD_ID).sum(1).max())]
        return x, self.y_t[idx.to(self.device)]

    def _clip(self) -> None:
        """Gradient clipping at norm 1 (also in the traced step)."""
        nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)

    # -- training ----------------------------------------------------------------------
    def train_step(self) -> dict[str, float]:
        self.model.train()
        if self.phase == "pretrain":
            inputs, labels = self._mlm_batch()
            chosen = labels != IGNORE
            self.remember_finite()
            logits = MaskedLMLogits(self.model, chosen)(inputs)
            loss = self.criterion(logits, labels[chosen])
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self._clip()
            self.optimizer.step()
            self.step += 1
            acc = float((logits.detach().argmax(1) == labels[chosen]).float().mean())
            return self._after_mlm_step(float(loss.detach()), acc)
        self._switch()
        x, y = self._ft_batch()
        self.remember_finite()
        logits = self.model.classify(x)
        loss = self.criterion(logits, y)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self._clip()
        self.optimizer.step()
        metrics = {"loss": float(loss.detach()),
                   "acc": float((logits.detach().argmax(1) == y).float().mean())}
        metrics.update(self._scratch_step(x, y))
        self.step += 1
        self._record_finetune()
        return metrics

    def _after_mlm_step(self, loss: float, acc: float) -> dict[str, float]:
        self._mlm_sum += (loss, acc)
        self._mlm_n += 1
        if (self.mlm_history.due(self.step) or self.step == self.pretrain_steps
                or not self.mlm_history.steps):
            mean = self._mlm_sum / max(1, self._mlm_n)
            self.mlm_history.add(self.step, loss=np.float32(mean[0]),
                                 acc=np.float32(mean[1]))
            self._mlm_sum[:] = 0
            self._mlm_n = 0
        return {"loss": loss, "mlm_acc": acc}

    def _scratch_step(self, x: torch.Tensor, y: torch.Tensor) -> dict[str, float]:
        """One step of the from-scratch twin on the same batch (clipped alike)."""
        net, opt = self.scratch, self.scratch_optimizer
        net.train()
        logits = net.classify(x)
        loss = self.criterion(logits, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        return {"loss_scratch": float(loss.detach()),
                "acc_scratch": float((logits.detach().argmax(1) == y).float().mean())}

    def trace_step(self):
        from dlviz.core.trace import record_supervised_step

        self.model.train()
        if self.phase == "pretrain":
            inputs, labels = self._mlm_batch()
            chosen = labels != IGNORE
            self.remember_finite()
            trace = record_supervised_step(
                MaskedLMLogits(self.model, chosen), inputs, labels[chosen],
                self.criterion, self.optimizer, name="model",
                before_update=self._clip)
            # the recorder's accuracy is over the chosen positions: the masked-word one
            acc = trace.metrics.pop("acc")
            self.step += 1
            trace.metrics.update(self._after_mlm_step(trace.metrics["loss"], acc))
            return trace
        self._switch()
        x, y = self._ft_batch()
        self.remember_finite()
        trace = record_supervised_step(
            ClassLogits(self.model), x, y, self.criterion, self.optimizer,
            name="model", before_update=self._clip)
        trace.metrics.update(self._scratch_step(x, y))
        self.step += 1
        self._record_finetune()
        return trace

    # -- measuring ---------------------------------------------------------------------
    @torch.no_grad()
    def _mlm_val(self) -> dict[str, float]:
        self.model.eval()
        logits, _ = self.model(self.mlm_val_in)
        self.model.train()
        flat = logits.reshape(-1, logits.shape[-1])
        labels = self.mlm_val_lab.reshape(-1)
        return {"val_loss": float(self.mlm_criterion(flat, labels)),
                "val_mlm_acc": masked_accuracy(flat, labels)}

    @torch.no_grad()
    def _validate(self) -> dict[str, tuple[float, float]]:
        """(loss, accuracy) on the held-out labelled sentences, per network."""
        out = {}
        for name, net in zip(METHODS, (self.model, self.scratch)):
            was = net.training
            net.eval()
            logits = net.classify(self.x_v)
            net.train(was)
            out[name] = (float(self.criterion(logits, self.y_v)),
                         float((logits.argmax(1) == self.y_v).float().mean()))
        return out

    def accuracies(self) -> dict[str, float]:
        """Validation accuracy of the pre-trained and the from-scratch network."""
        return {name: acc for name, (_, acc) in self._validate().items()}

    def _val_losses(self) -> dict[str, float]:
        out = {}
        for name, (loss, acc) in self._validate().items():
            suffix = "" if name == "pretrained" else "_scratch"
            out[f"val_loss{suffix}"] = loss
            out[f"val_acc{suffix}"] = acc
        return out

    def evaluate(self) -> dict[str, float]:
        if self.phase == "pretrain":
            self.last_val = self._mlm_val()
        else:
            self.last_val = self._val_losses()
        return dict(self.last_val)

    def _record_finetune(self, force: bool = False) -> None:
        step = self.finetune_step
        if force or self.ft_history.due(step):
            if self.ft_history.steps and self.ft_history.steps[-1] == step:
                return
            acc = self.accuracies()
            self.ft_history.add(step, acc=np.array([acc[m] for m in METHODS]))

    # -- the shown sentence ------------------------------------------------------------
    def _shown_masking(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor,
                                      torch.Tensor]:
        """The shown validation sentence (1, T) and its masking, drawn from a
        generator of its own (the same at every snapshot until "Mask again")."""
        i = self.shown % len(self.x_v)
        ids = self.x_v[i : i + 1]
        ids = ids[:, : int((ids != PAD_ID).sum())]
        gen = torch.Generator().manual_seed(
            int(self.hparams["seed"]) * 100_003 + i * 7919 + self.draw)
        inputs, labels, actions = mask_tokens(ids, len(self.vocab), gen)
        return ids, inputs, labels, actions

    @torch.no_grad()
    def describe_sample(self) -> dict[str, Any]:
        """The masking of the shown sentence, the model's words at every chosen
        position, its embeddings and the attention of every head."""
        ids, inputs, labels, actions = self._shown_masking()
        model = self.model
        model.eval()
        layers = model.attention_layers()["encoder"]
        for mha in layers:
            mha.record = True
        logits, weights = model(inputs)
        for mha in layers:
            mha.record = False
        scores = score_stats({"encoder": layers})
        probs = torch.softmax(logits[0].double(), -1).float()
        parts = model.embeddings.parts(inputs)
        class_probs = {}
        for name, net in zip(METHODS, (self.model, self.scratch)):
            net.eval()
            class_probs[name] = torch.softmax(net.classify(ids)[0], 0).cpu().numpy()
        for net in (self.model, self.scratch):
            net.train()
        first = self.vocab.first_word
        chosen = torch.nonzero(labels[0] != IGNORE)[:, 0].tolist()
        top = []
        for pos in chosen:
            order = torch.argsort(probs[pos], descending=True, stable=True)[:TOP_WORDS]
            top.append({
                "position": pos,
                "words": [self.vocab.itos[int(j)] for j in order],
                "probs": probs[pos, order].cpu().numpy().astype(np.float32),
                "p_original": float(probs[pos, int(ids[0, pos])]),
            })
        i = self.shown % len(self.x_v)
        return {
            "index": i,
            "n_val": len(self.x_v),
            "label": int(self.y_v[i]),
            "tokens": self.vocab.tokens(ids[0].tolist()),
            "inputs": self.vocab.tokens(inputs[0].tolist()),
            "actions": actions[0].cpu().numpy().astype(np.int64),
            "chosen": chosen,
            "top": top,
            "word_names": self.vocab.itos[first:],
            "word_probs": probs[:, first:].cpu().numpy().astype(np.float32),
            "embeddings": torch.stack([p[0] for p in parts]).cpu().numpy()
            .astype(np.float32),  # (3, T, d): token, segment, position
            "attention": torch.stack([w[0] for w in weights]).cpu().numpy()
            .astype(np.float32),  # (layers, heads, T, T)
            "class_probs": np.stack([class_probs[m] for m in METHODS])
            .astype(np.float32),
            **scores,
        }

    def snapshot(self) -> dict[str, Any]:
        mlm = self.mlm_history
        ft = self.ft_history
        empty = np.zeros(0, np.float32)
        return {
            **self.describe_sample(),
            "phase": self.phase,
            "step": self.step,
            "pretrain_steps": self.pretrain_steps,
            "finetune_step": self.finetune_step,
            "examples": self.examples,
            "val_size": len(self.x_v),
            "mlm_steps": np.asarray(mlm.steps, dtype=np.int64),
            "mlm_loss": mlm.stacked("loss") if mlm.steps else empty,
            "mlm_acc": mlm.stacked("acc") if mlm.steps else empty,
            "ft_steps": np.asarray(ft.steps, dtype=np.int64),
            "ft_acc": ft.stacked("acc") if ft.steps else np.zeros((2, 0), np.float32),
            "methods": METHODS,
            "mask_counts": self.last_counts.copy(),
            "mask_words": self.last_words,
            "pretrain_result": dict(self.pretrain_result),
            "unigram_loss": self.unigram_loss,
            "val_metrics": dict(self.last_val),
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "select":
            self.shown = int(payload.get("index", 0)) % len(self.x_v)
            self.draw = 0
            return {"index": self.shown, "snapshot": self.snapshot()}
        if kind == "remask":
            self.draw += 1
            return {"draw": self.draw, "snapshot": self.snapshot()}
        raise ValueError(f"the BERT lab does not handle {kind!r} requests")


def finetune_comparison(hp: dict, finetune_steps: int,
                        device: torch.device | None = None) -> dict[str, float]:
    """Pre-train for the settings' ``pretrain_steps``, fine-tune both networks for
    ``finetune_steps``; their validation accuracies (the README's numbers)."""
    spec_hp = BERT_LAB.resolve(hp)
    task = BertTask(spec_hp, device or torch.device("cpu"))
    for _ in range(task.pretrain_steps + finetune_steps):
        task.train_step()
    return {**task.accuracies(), **task.pretrain_result,
            "unigram_loss": task.unigram_loss}


def _size_params() -> tuple[ParamSpec, ...]:
    small = {"d_model": 32, "ffn": 64}
    return tuple(replace(p, default=small[p.key]) if p.key in small else p
                 for p in transformer_size_params(ffn=64))


BERT_LAB = LabSpec(
    key="bert",
    title="BERT pre-training",
    chapter="attention",
    year=2018,
    teaches="Pre-train an encoder by filling in masked words (15 %, 80/10/10), "
    "then fine-tune it from [CLS] on a few labels: it beats the same network "
    "trained from scratch.",
    stage="bert",
    factory=BertTask,
    heavy=False,
    authors="Devlin, Chang, Lee, Toutanova",
    idea="Self-supervised pre-training on unlabelled text; a new output layer "
    "and a little labelled data adapt it to the task.",
    paper="BERT: Pre-training of Deep Bidirectional Transformers for Language "
    "Understanding (2018)",
    metrics={
        "mlm_acc": "masked-word accuracy",
        "loss_scratch": "training loss (from scratch)",
        "acc_scratch": "training accuracy (from scratch)",
    },
    params=(
        ParamSpec(
            "examples", "Labelled examples", "int", 16, minimum=4, maximum=1000,
            group="data",
            help="Labelled sentences both networks are fine-tuned on (half "
            "positive, half negative).",
        ),
        ParamSpec(
            "corpus", "Unlabelled sentences", "int", 4000, minimum=200,
            maximum=50000, group="data",
            help="Sentences without labels the masked-word task learns from.",
        ),
        ParamSpec(
            "pretrain_steps", "Pre-training steps", "int", 4000, minimum=0,
            maximum=100000, group="training",
            help="Masked-word steps before fine-tuning starts (0: no "
            "pre-training).",
        ),
        ParamSpec(
            "finetune_lr", "Fine-tuning learning rate", "float", 0.0003,
            minimum=1e-6, maximum=1.0, log=True, group="training",
            help="The rate of both networks while fine-tuning; the learning "
            "rate above is pre-training's.",
        ),
        *_size_params(),
    ),
    training_defaults={"optimizer": "Adam", "lr": 0.003, "batch_size": 64},
)

LABS = [BERT_LAB]

