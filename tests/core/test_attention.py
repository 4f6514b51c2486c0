"""Attention layers, the Transformer blocks, seq2seq decoding and the generated data."""

import math
from datetime import date

import numpy as np
import pytest
import torch
from torch import nn

from dlviz.core.attention.data import (
    BOS_ID,
    EOS_ID,
    PAD_ID,
    make_dates,
    make_pattern,
    make_reverse,
    make_seq2seq_data,
)
from dlviz.core.attention.layers import (
    AdditiveAttention,
    MultiHeadAttention,
    attention_steps,
    causal_mask,
    positional_encoding,
)
from dlviz.core.attention.seq2seq import Seq2SeqAttention, beam_search
from dlviz.core.attention.transformer import (
    DecoderBlock,
    EncoderBlock,
    TransformerClassifier,
    TransformerSeq2Seq,
)

torch.set_num_threads(1)


def _pair(d_model=16, heads=4, seed=0):
    torch.manual_seed(seed)
    ref = nn.MultiheadAttention(d_model, heads, batch_first=True)
    with torch.no_grad():
        ref.in_proj_bias.normal_()
        ref.out_proj.bias.normal_()
    mine = MultiHeadAttention(d_model, heads)
    mine.copy_from_torch(ref)
    return ref, mine


@pytest.mark.parametrize("mask", ["none", "causal_bool", "float", "padding", "both"])
def test_multihead_attention_equals_torch(mask):
    ref, mine = _pair()
    torch.manual_seed(1)
    x = torch.randn(3, 5, 16)
    attn_mask = key_padding = None
    if mask in ("causal_bool", "both"):
        attn_mask = causal_mask(5)
    if mask == "float":
        attn_mask = torch.randn(5, 5)
    if mask in ("padding", "both"):
        key_padding = torch.tensor(
            [[0, 0, 0, 0, 0], [0, 0, 0, 1, 1], [0, 0, 0, 0, 1]], dtype=torch.bool
        )
    out_ref, w_ref = ref(
        x,
        x,
        x,
        attn_mask=attn_mask,
        key_padding_mask=key_padding,
        average_attn_weights=False,
    )
    out, w = mine(x, x, x, attn_mask=attn_mask, key_padding_mask=key_padding)
    torch.testing.assert_close(out, out_ref, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(w, w_ref, rtol=1e-5, atol=1e-6)
    assert w.shape == (3, 4, 5, 5)


def test_cross_attention_equals_torch_and_weights_sum_to_one():
    ref, mine = _pair(d_model=12, heads=3, seed=2)
    q, kv = torch.randn(2, 4, 12), torch.randn(2, 7, 12)
    out_ref, w_ref = ref(q, kv, kv, average_attn_weights=False)
    out, w = mine(q, kv, kv)
    torch.testing.assert_close(out, out_ref, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(w, w_ref, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(w.sum(-1), torch.ones(2, 3, 4))
    # Same parameter count as torch's module: 4 · (d² + d).
    assert sum(p.numel() for p in mine.parameters()) == 4 * (12 * 12 + 12)
    assert sum(p.numel() for p in mine.parameters()) == sum(
        p.numel() for p in ref.parameters()
    )


def test_causal_mask_blocks_the_future():
    m = causal_mask(4)
    assert m.dtype == torch.bool
    assert m.tolist() == [
        [False, True, True, True],
        [False, False, True, True],
        [False, False, False, True],
        [False, False, False, False],
    ]


def test_positional_encoding_values():
    pe = positional_encoding(50, 8)
    assert pe.shape == (50, 8)
    assert pe[0].tolist() == [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    assert pe[1, 0].item() == pytest.approx(math.sin(1.0))
    assert pe[1, 1].item() == pytest.approx(math.cos(1.0))
    # Dimension pair i = 1 has frequency 1 / 10000^(2/8).
    assert pe[7, 2].item() == pytest.approx(math.sin(7 / 10000 ** (2 / 8)), abs=1e-6)
    assert pe[7, 3].item() == pytest.approx(math.cos(7 / 10000 ** (2 / 8)), abs=1e-6)


def test_attention_steps_reproduce_the_layer():
    _, mha = _pair(d_model=16, heads=4, seed=3)
    x = torch.randn(1, 6, 16)
    mask = torch.zeros(6, 6).masked_fill(causal_mask(6), float("-inf"))
    _, w = mha(x, x, x, attn_mask=mask)
    steps = attention_steps(mha, x[0], x[0], x[0], head=2, query_index=3, mask=mask)
    assert steps["q"].shape == (4,) and steps["K"].shape == (6, 4)
    assert steps["scale"] == 2.0
    # scores = K q / √d_head, by hand:
    np.testing.assert_allclose(
        steps["scores"], steps["K"] @ steps["q"] / 2.0, rtol=1e-5
    )
    assert np.isinf(steps["masked"][4:]).all() and (steps["weights"][4:] == 0).all()
    np.testing.assert_allclose(
        steps["weights"], w[0, 2, 3].detach().numpy(), rtol=1e-5, atol=1e-7
    )
    np.testing.assert_allclose(
        steps["output"], steps["weights"] @ steps["V"], rtol=1e-5
    )
    # The output is that head's slice of the concatenated heads (before out_proj).
    with torch.no_grad():
        v = mha.v_proj(x[0])[:, 8:12]
        head_out = w[0, 2, 3] @ v
    np.testing.assert_allclose(steps["output"], head_out.numpy(), rtol=1e-5, atol=1e-6)


def test_encoder_block_equals_torch_transformer_encoder_layer():
    torch.manual_seed(4)
    ref = nn.TransformerEncoderLayer(16, 4, 32, dropout=0.0, batch_first=True)
    mine = EncoderBlock(16, 4, 32)
    mine.self_attn.copy_from_torch(ref.self_attn)
    with torch.no_grad():
        mine.ffn[0].load_state_dict(ref.linear1.state_dict())
        mine.ffn[2].load_state_dict(ref.linear2.state_dict())
        mine.norm1.load_state_dict(ref.norm1.state_dict())
        mine.norm2.load_state_dict(ref.norm2.state_dict())
    ref.eval()
    x = torch.randn(2, 5, 16)
    pad = torch.tensor([[0, 0, 0, 0, 0], [0, 0, 0, 1, 1]], dtype=torch.bool)
    out, _ = mine(x, pad)
    # Padded positions' outputs are not meaningful; compare the real ones.
    expected = ref(x, src_key_padding_mask=pad)
    torch.testing.assert_close(out[0], expected[0], rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(out[1, :3], expected[1, :3], rtol=1e-5, atol=1e-5)


def test_block_parameter_counts_match_the_paper_base_model():
    # d_model 512, 8 heads, d_ff 2048: the same counts as torch's layers.
    enc = EncoderBlock(512, 8, 2048)
    dec = DecoderBlock(512, 8, 2048)
    n_enc = sum(p.numel() for p in enc.parameters())
    n_dec = sum(p.numel() for p in dec.parameters())
    attn = 4 * (512 * 512 + 512)
    ffn = 512 * 2048 + 2048 + 2048 * 512 + 512
    assert n_enc == attn + ffn + 2 * 2 * 512 == 3_152_384
    assert n_dec == 2 * attn + ffn + 3 * 2 * 512 == 4_204_032
    ref = nn.TransformerDecoderLayer(512, 8, 2048)
    assert n_dec == sum(p.numel() for p in ref.parameters())


def test_transformer_decoder_is_causal_and_ignores_source_padding():
    torch.manual_seed(5)
    model = TransformerSeq2Seq(20, 12, d_model=16, n_heads=2, layers=2, ffn=32).eval()
    src = torch.randint(3, 20, (2, 6))
    tgt = torch.randint(3, 12, (2, 5))
    logits, w = model(src, tgt)
    changed = tgt.clone()
    changed[:, 3:] = (changed[:, 3:] + 1 - 3) % 9 + 3
    logits2, _ = model(src, changed)
    torch.testing.assert_close(logits[:, :3], logits2[:, :3])
    assert not torch.allclose(logits[:, 3:], logits2[:, 3:])
    upper = causal_mask(5)
    for layer_w in w["decoder"]:
        assert (layer_w[:, :, upper] == 0).all()
    padded = torch.cat([src, torch.full((2, 3), PAD_ID)], 1)
    logits3, w3 = model(padded, tgt)
    torch.testing.assert_close(logits3, logits, rtol=1e-5, atol=1e-5)
    assert (w3["cross"][0][..., 6:] == 0).all()


def test_classifier_shapes():
    model = TransformerClassifier(9, 2, d_model=16, n_heads=4, layers=3, ffn=32)
    logits, w = model(torch.randint(3, 9, (5, 7)))
    assert logits.shape == (5, 2)
    assert [x.shape for x in w["encoder"]] == [(5, 4, 7, 7)] * 3


@pytest.mark.parametrize("kind", ["additive", "dot"])
def test_seq2seq_ignores_padding_and_attention_sums_to_one(kind):
    torch.manual_seed(6)
    model = Seq2SeqAttention(15, 10, embed=8, hidden=12, attention=kind).eval()
    src = torch.tensor([[4, 5, 6, PAD_ID, PAD_ID], [7, 8, 9, 10, 11]])
    tgt = torch.tensor([[BOS_ID, 3, 4], [BOS_ID, 5, 6]])
    logits, w = model(src, tgt)
    assert logits.shape == (2, 3, 10) and w.shape == (2, 3, 5)
    torch.testing.assert_close(w.sum(-1), torch.ones(2, 3))
    assert (w[0, :, 3:] == 0).all()
    alone, w_alone = model(src[:1, :3], tgt[:1])
    torch.testing.assert_close(alone, logits[:1], rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(w_alone, w[:1, :, :3], rtol=1e-5, atol=1e-6)


def test_additive_attention_by_hand():
    att = AdditiveAttention(2, 2, 2)
    with torch.no_grad():
        att.w_query.weight.copy_(torch.eye(2))
        att.w_key.weight.copy_(torch.eye(2))
        att.v.weight.copy_(torch.tensor([[1.0, 1.0]]))
    keys = torch.tensor([[[1.0, 0.0], [0.0, 0.0]]])
    query = torch.tensor([[0.0, 0.0]])
    context, w = att(query, keys, att.prepare(keys), None)
    # scores: tanh(1) + tanh(0) = 0.7616 and 0 → softmax.
    s = math.tanh(1.0)
    p0 = math.exp(s) / (math.exp(s) + 1)
    assert w[0].tolist() == pytest.approx([p0, 1 - p0])
    assert context[0].tolist() == pytest.approx([p0, 0.0])


ITOS = ["<pad>", "<bos>", "<eos>", "A", "B"]
TABLE = {  # next-token probabilities after each prefix (pad and bos tiny)
    (): [0.0, 0.0, 0.1, 0.5, 0.4],
    (3,): [0.0, 0.0, 0.4, 0.35, 0.25],
    (4,): [0.0, 0.0, 0.9, 0.05, 0.05],
}


def _advance(prefixes, states):
    rows = [TABLE.get(tuple(p), [0.0, 0.0, 1.0, 0.0, 0.0]) for p in prefixes]
    probs = torch.tensor(rows) + 1e-12
    return probs.log(), [None] * len(prefixes)


def test_beam_search_finds_what_greedy_misses():
    greedy = beam_search(_advance, None, 1, 5, ITOS)
    # Greedy: A (0.5), then <eos> (0.4): probability 0.2.
    assert greedy["best"] == ["A", "<eos>"]
    assert greedy["candidates"][0]["score"] == pytest.approx(math.log(0.2), abs=1e-6)
    beam = beam_search(_advance, None, 2, 5, ITOS)
    # Width 2 keeps B (0.4) and finds B <eos>: 0.36 > 0.2.
    assert beam["best"] == ["B", "<eos>"]
    assert beam["candidates"][0]["score"] == pytest.approx(math.log(0.36), abs=1e-6)
    assert [c["text"] for c in beam["steps"][0]["kept"]] == [["A"], ["B"]]
    second = beam["steps"][1]
    assert [c["text"] for c in second["kept"]] == [["B", "<eos>"], ["A", "<eos>"]]
    assert [c["kept"] for c in second["considered"]] == [True, True, False, False]
    assert all(c["finished"] for c in beam["candidates"])
    assert len(beam["steps"]) == 2


def test_model_beam_width_one_equals_greedy():
    torch.manual_seed(7)
    data = make_seq2seq_data("dates", 40, seed=1)
    model = Seq2SeqAttention(len(data.src_vocab), len(data.tgt_vocab), 8, 16).eval()
    src = data.src[:1]
    src = src[:, : int((src != PAD_ID).sum())]
    tokens, _ = model.greedy(src, 12)
    beam = model.beam_search(src, 1, 12, data.tgt_vocab.itos)
    greedy_ids = [t for t in tokens[0].tolist() if t != PAD_ID]
    assert (
        beam["candidates"][0]["tokens"]
        == greedy_ids[: len(beam["candidates"][0]["tokens"])]
    )
    tmodel = TransformerSeq2Seq(
        len(data.src_vocab), len(data.tgt_vocab), 16, 2, 1, 32
    ).eval()
    ttokens = [t for t in tmodel.greedy(src, 12)[0].tolist() if t != PAD_ID]
    tbeam = tmodel.beam_search(src, 1, 12, data.tgt_vocab.itos)
    assert tbeam["candidates"][0]["tokens"] == ttokens


def test_dates_are_valid_and_seeded():
    pairs = make_dates(300, seed=3)
    assert make_dates(300, seed=3).sources == pairs.sources
    assert make_dates(300, seed=4).sources != pairs.sources
    assert len(set(pairs.sources)) == 300
    for target in pairs.targets:
        date.fromisoformat(target)
    formats = {("/" in s, "," in s) for s in pairs.sources}
    assert formats == {(True, False), (False, True), (False, False)}


def test_date_alignment_by_hand():
    from dlviz.core.attention.data import _format_date, date_alignment

    text, fields = _format_date(23, 11, 2026, "D Month YYYY")
    assert text == "23 November 2026"
    align = date_alignment(text, fields, "2026-11-23")
    assert align.shape == (10, 16)
    assert [int(np.flatnonzero(align[i])[0]) for i in range(4)] == [12, 13, 14, 15]
    assert np.flatnonzero(align[5]).tolist() == list(range(3, 11))  # "November"
    assert np.flatnonzero(align[8]).tolist() == [0, 1]  # "23"
    assert not align[4].any() and not align[7].any()  # the dashes
    text, fields = _format_date(5, 3, 1999, "Mon D, YYYY")
    assert text == "Mar 5, 1999"


def test_reverse_and_pattern_data():
    rev = make_reverse(20, seed=0)
    for s, t, a in zip(rev.sources, rev.targets, rev.alignments):
        assert t == s[::-1]
        assert (a == np.fliplr(np.eye(len(s), dtype=bool))).all()
    texts, labels = make_pattern(200, seed=0)
    assert labels.sum() == 100
    assert all(("abc" in t) == bool(y) for t, y in zip(texts, labels))


def test_seq2seq_tensors():
    data = make_seq2seq_data("dates", 100, val_fraction=0.1, seed=0)
    assert data.n_train == 90
    assert data.tgt_in.shape == data.tgt_out.shape == (100, 11)
    assert (data.tgt_in[:, 0] == BOS_ID).all()
    assert (data.tgt_out[:, 10] == EOS_ID).all()
    assert data.tgt_vocab.decode(data.tgt_out[0].tolist()) == data.pairs.targets[0]
    assert data.src_vocab.decode(data.src[0].tolist()) == data.pairs.sources[0]
    torch.testing.assert_close(data.tgt_in[:, 1:], data.tgt_out[:, :-1])


def test_a_cancelled_beam_search_stops_between_steps():
    from dlviz.session.jobs import CancelToken, JobCancelled

    token = CancelToken()
    seen = []

    def advance(prefixes, states):
        seen.append(len(prefixes))
        if len(seen) == 2:
            token.cancel()  # the user presses Cancel during the second step
        return _advance(prefixes, states)

    with pytest.raises(JobCancelled):
        beam_search(advance, None, 2, 5, ITOS, token)
    assert len(seen) == 2
    assert beam_search(_advance, None, 2, 5, ITOS, CancelToken())["best"] == [
        "B", "<eos>"
    ]
