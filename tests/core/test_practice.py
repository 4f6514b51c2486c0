"""Practice mode's generators: answers against torch and hand-worked cases,
determinism, at least five kinds per chapter, distractors that differ."""

from __future__ import annotations

import math
import random

import pytest
import torch
from torch import nn

from dlviz.core.labs import CHAPTERS
from dlviz.core.practice import (
    CHOICE,
    KINDS,
    NUMBER,
    TRUE_FALSE,
    NoQuestion,
    kinds_for,
    question_set,
)
from dlviz.core.practice.cnn import layers_of
from dlviz.core.practice.model import Draft, Link, finish


def _all_questions(seeds=range(4)):
    for kind in kinds_for():
        for lab in kind.labs:
            for seed in seeds:
                try:
                    yield kind.question(seed, lab)
                except NoQuestion:
                    pass


def test_every_chapter_has_five_kinds():
    for chapter in CHAPTERS:
        assert len(kinds_for(chapter)) >= 5, chapter


def test_same_seed_same_questions():
    a = question_set(7, 10, lab="lenet5")
    b = question_set(7, 10, lab="lenet5")
    assert [q.text() for q in a] == [q.text() for q in b]
    assert [q.answer for q in a] == [q.answer for q in b]
    c = question_set(8, 10, lab="lenet5")
    assert [q.text() for q in a] != [q.text() for q in c]


def test_sets_cover_kinds_and_every_lab_gets_questions():
    from dlviz.core.labs import all_labs

    for chapter in CHAPTERS:
        questions = question_set(1, 10, chapter=chapter)
        assert len(questions) == 10
        assert len({q.kind for q in questions}) >= 5
    for spec in all_labs():
        questions = question_set(1, 10, lab=spec.key)
        assert len(questions) == 10, spec.key
        assert len({q.kind for q in questions}) >= 5, spec.key


def test_questions_follow_the_labs_settings():
    wide = question_set(3, 12, lab="mlp_digits", hparams={"neurons": 40})
    sizes = [q.args["sizes"] for q in wide if q.kind == "mlp.hidden_params"]
    assert sizes and all(s == "64 → 40 → 10" for s in sizes)


def test_questions_are_well_formed_and_distractors_differ():
    count = 0
    for q in _all_questions():
        count += 1
        assert q.text() and q.solution_text()
        assert "{" not in q.text().replace("{}", "") or q.kind == "vision.nms"
        if q.form == CHOICE:
            assert len(set(q.choices)) == len(q.choices) >= 2
            assert q.mistakes[q.answer] == ""
            assert all(m for i, m in enumerate(q.mistakes) if i != q.answer)
            assert q.check(q.answer)
            assert not any(q.check(i) for i in range(len(q.choices)) if i != q.answer)
        elif q.form == TRUE_FALSE:
            assert q.check(q.answer) and not q.check(not q.answer)
        else:
            assert q.form == NUMBER
            assert q.check(q.answer) and q.check(str(q.answer))
            assert not q.check(q.answer + 10 * q.tolerance + 0.01)
        assert q.link.lab in {k for k in KINDS[q.kind].labs}
    assert count > 150


def _draft_value(key: str, lab: str, seed: int = 0) -> tuple[Draft, random.Random]:
    kind = KINDS[key]
    rng = random.Random(f"{key}|{seed}")
    return kind.make(rng, lab, {}), rng


def test_lenet_c1_has_156_parameters_like_the_course():
    for seed in range(30):
        draft, _ = _draft_value("cnn.conv_params", "lenet5", seed)
        if draft.link.path == "features.0":
            assert draft.value == 6 * (5 * 5 * 1 + 1) == 156
            return
    pytest.fail("LeNet-5's C1 never asked")


def test_conv_counts_and_sizes_match_torch():
    for lab in ("lenet5", "alexnet", "resnet", "mobilenet"):
        model = __import__("dlviz.core.zoo", fromlist=["ZOO"]).ZOO[lab].build()
        modules = dict(model.named_modules())
        for seed in range(6):
            draft, _ = _draft_value("cnn.conv_params", lab, seed)
            module = modules[draft.link.path]
            assert draft.value == sum(p.numel() for p in module.parameters())
            draft, _ = _draft_value("cnn.conv_output", lab, seed)
            layer = next(x for x in layers_of(lab) if x.path == draft.link.path)
            conv = modules[layer.path]
            x = torch.zeros(1, conv.in_channels, layer.in_shape[-1], layer.in_shape[-1])
            assert conv(x).shape[-1] == draft.value


def test_the_course_example_3x3_conv_64_channels():
    from dlviz.core.convmath import conv_params

    assert conv_params(3, 64, 3) == (3 * 3 * 3 + 1) * 64 == 1792
    assert sum(p.numel() for p in nn.Conv2d(3, 64, 3).parameters()) == 1792


def test_recurrent_and_attention_counts_match_torch():
    for seed in range(4):
        draft, _ = _draft_value("rnn.params", "lstm", seed)
        n_in, hidden = int(draft.args["n_in"]), int(draft.args["hidden"])
        lstm = nn.LSTM(n_in, hidden)
        assert draft.value == sum(p.numel() for p in lstm.parameters())
        draft, _ = _draft_value("rnn.params", "gru", seed)
        gru = nn.GRU(int(draft.args["n_in"]), int(draft.args["hidden"]))
        assert draft.value == sum(p.numel() for p in gru.parameters())
        draft, _ = _draft_value("attention.mha_params", "transformer", seed)
        mha = nn.MultiheadAttention(int(draft.args["d"]), int(draft.args["h"]))
        assert draft.value == sum(p.numel() for p in mha.parameters())


def test_iou_and_nms_by_hand():
    from dlviz.core.vision.boxes import box_iou, nms

    a = torch.tensor([[0.0, 0.0, 4.0, 4.0]])
    b = torch.tensor([[2.0, 2.0, 6.0, 6.0]])
    assert float(box_iou(a, b)) == pytest.approx(4 / 28)
    boxes = torch.tensor([[0.0, 0, 4, 4], [0.5, 0, 4.5, 4], [10, 10, 14, 14]])
    kept = nms(boxes, torch.tensor([0.9, 0.8, 0.7]), 0.5)
    assert sorted(kept.tolist()) == [0, 2]
    for seed in range(5):
        draft, _ = _draft_value("vision.iou", "detection", seed)
        args = draft.solution_args
        assert draft.value == pytest.approx(args["inter"] / args["union"])


def test_numbers_against_worked_cases():
    # softmax at T: hand-computed
    from dlviz.core.metric.distill import softmax_t

    p = softmax_t(torch.tensor([4.0, 0.0]), 4.0)
    assert float(p[0]) == pytest.approx(1 / (1 + math.exp(-1)), abs=1e-6)
    # LSTM: f = 1, i = 0 keeps c; f = 0, i = 1 does not
    truths = {}
    for seed in range(30):
        draft, _ = _draft_value("rnn.gates_true_false", "lstm", seed)
        truths[draft.prompt] = draft.value
    keep = [v for k, v in truths.items() if "f = 1 and input gate i = 0" in k]
    drop = [v for k, v in truths.items() if "f = 0 and input gate i = 1" in k]
    assert keep == [True] and drop == [False]
    # Adam's first bias-corrected step moves w by lr, whatever the gradient
    for seed in range(5):
        draft, _ = _draft_value("optim.adam", "optimizers", seed)
        w, lr = float(draft.args["w"]), float(draft.args["lr"])
        assert abs(draft.value - w) == pytest.approx(lr, rel=1e-5)
    # sigmoid's slope 0.25 over n layers
    draft, _ = _draft_value("optim.vanishing", "optimizers", 0)
    assert draft.value == pytest.approx(0.25 ** int(draft.args["n"]))
    # the GAN's equilibrium loss is 2 ln 2
    from dlviz.core.gan.losses import discriminator_loss

    zero = torch.zeros(1)
    assert float(discriminator_loss("minimax", zero, zero)) == pytest.approx(1.3863,
                                                                             abs=1e-4)


def test_distractor_of_distillation_is_the_missing_t_squared():
    draft, rng = _draft_value("metric.t_squared", "distillation", 2)
    q = finish(draft, "metric.t_squared", "metric", rng)
    t = float(draft.args["t"])
    forgot = [i for i, m in enumerate(q.mistakes) if m.startswith("Forgetting T²")]
    assert forgot and q.choices[forgot[0]] != q.choices[q.answer]
    assert t > 1


def test_finish_never_repeats_a_choice():
    draft = Draft("{x}?", {"x": 1}, 5, "", Link("convmath"), [(5, "same"), (6, "m")])
    q = finish(draft, "k", "tools", random.Random(0))
    assert len(set(q.choices)) == 4 and q.choices[q.answer] == "5"


def test_playground_questions_follow_its_widths_and_features():
    import random

    import torch

    from dlviz.core.labs import get_lab
    from dlviz.core.practice.mlp import hidden_parameters

    spec = get_lab("mlp2d")
    hp = spec.resolve({"widths": "5,3", "features": "x1,x2,x1x2,sin_x1"})
    task = spec.create(hp, torch.device("cpu"))
    linears = [m for m in task.modules()["model"].modules()
               if isinstance(m, torch.nn.Linear)][:-1]
    expected = sum(p.numel() for m in linears for p in m.parameters())
    draft = hidden_parameters(random.Random(0), "mlp2d", hp)
    assert draft.value == expected == (4 * 5 + 5) + (5 * 3 + 3)


def test_live_generator_loss_follows_the_labs_loss():
    import numpy as np

    from dlviz.core.practice import Live, live_kinds_for

    kind = next(k for k in live_kinds_for(lab="gan1d")
                if k.key == "generative.live_generator_loss")
    snap = {"x": np.linspace(0, 1, 5, dtype=np.float32),
            "d": np.array([0.01, 0.3, 0.6, 0.9, 0.99], np.float32),
            "loss_kind": "minimax", "d_is_probability": True}
    q = kind.question(1, "gan1d", live=Live("gan1d", snap, 7))
    d = float(snap["d"][q.where["x"]])
    assert q.value == pytest.approx(math.log(1 - d), abs=1e-6)
    assert "log(1 − D(G(z)))" in q.text() and q.step == 7
    snap["loss_kind"] = "nonsaturating"
    q = kind.question(1, "gan1d", live=Live("gan1d", snap, 7))
    assert q.value == pytest.approx(-math.log(float(snap["d"][q.where["x"]])), abs=1e-6)
    for loss in ("wgan", "lsgan"):  # D is no probability there: no question
        snap["loss_kind"] = loss
        with pytest.raises(NoQuestion):
            kind.question(1, "gan1d", live=Live("gan1d", snap, 7))
    with pytest.raises(NoQuestion):  # step 0: the lab has not trained
        kind.question(1, "gan1d", live=Live("gan1d", snap, 0))
