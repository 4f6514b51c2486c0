"""Attention, seq2seq and the Transformer: models, generated tasks, BLEU."""

from dlviz.core.attention.bleu import corpus_bleu, course_bleu
from dlviz.core.attention.layers import (
    AdditiveAttention,
    DotAttention,
    MultiHeadAttention,
    attention_steps,
    causal_mask,
    positional_encoding,
    scaled_dot_product,
)
from dlviz.core.attention.seq2seq import Seq2SeqAttention
from dlviz.core.attention.transformer import TransformerClassifier, TransformerSeq2Seq

__all__ = [
    "AdditiveAttention",
    "DotAttention",
    "MultiHeadAttention",
    "Seq2SeqAttention",
    "TransformerClassifier",
    "TransformerSeq2Seq",
    "attention_steps",
    "causal_mask",
    "corpus_bleu",
    "course_bleu",
    "positional_encoding",
    "scaled_dot_product",
]
