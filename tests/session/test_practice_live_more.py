"""Live practice questions of the 2-D and image GANs, the autoencoder and the VAE,
batch normalization, transfer learning, the character GPT and two-stage detection:
each answer is the lab's own value at the step shown (recomputed here from the
lab's task), and no question is made without the values. Tiny settings. No Qt."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from dlviz.core.practice import CHOICE, Live, NoQuestion, live_kinds_for
from tests.session.test_practice_live import _listed, _live, _session, _train

SEEDS = range(6)
NEW_LABS = ("gan2d", "dcgan", "cgan", "autoencoder", "vae", "batchnorm", "transfer",
            "charlm", "two_stage")
TINY = {
    "gan2d": dict(g_width=8, d_width=8, g_depth=1, d_depth=1, batch_size=32),
    "dcgan": dict(width=4, noise_dim=4, batch_size=8),
    "cgan": dict(width=4, noise_dim=4, batch_size=8),
    "autoencoder": dict(hidden=16, batch_size=32),
    "vae": dict(hidden=16, batch_size=32),
    "batchnorm": dict(neurons=8, layers=2, dropout=0.3, batch_size=32),
    "transfer": dict(examples=20, batch_size=8),
    "charlm": dict(d_model=16, heads=2, layers=1, ffn=16, context=16, batch_size=8,
                   lr=0.01, dropout=0.0),
    "two_stage": dict(scenes=100, width=4, batch_size=2),
}


def _questions(session, kinds: set[str] | None = None):
    """Every live question of the session's lab over the seeds; each kind in
    ``kinds`` (all the lab's when None) made at least one."""
    live = _live(session)
    key = session.spec.key
    out = []
    for kind in live_kinds_for(lab=key):
        for seed in SEEDS:
            try:
                out.append(kind.question(seed, key, live=live))
            except NoQuestion:
                pass
    wanted = kinds or {k.key for k in live_kinds_for(lab=key)}
    assert wanted <= {q.kind for q in out}, (key, wanted - {q.kind for q in out})
    listed = _listed()
    for q in out:
        missing = {t for t in (q.prompt, q.solution, *q.mistakes) if t} - listed
        assert not missing, missing
        assert q.step == session.snapshot_step
        assert f"step {q.step}" in q.text()
        assert q.form == CHOICE and len(set(q.choices)) == len(q.choices) == 4
        assert "{" not in q.text() and "{" not in q.solution_text()
        assert all("{" not in q.mistake_text(i) for i in range(4))
    return out


def test_every_new_lab_has_a_live_kind_and_none_without_values():
    for key in NEW_LABS:
        kinds = live_kinds_for(lab=key)
        assert kinds, key
        for kind in kinds:
            for live in (Live(key, None, None), Live(key, None, 3),
                         Live(key, {}, 3)):  # no snapshot, or none of its values
                with pytest.raises(NoQuestion):
                    kind.question(0, key, live=live)


def test_no_question_before_the_autoencoder_has_trained():
    session = _session("autoencoder", TINY["autoencoder"])
    try:
        assert session.snapshot is not None and session.snapshot_step == 0
        for kind in live_kinds_for(lab="autoencoder"):
            with pytest.raises(NoQuestion):
                kind.question(0, "autoencoder", live=_live(session))
    finally:
        session.shutdown()


def test_gan2d_losses_at_points_of_ds_map():
    session = _session("gan2d", TINY["gan2d"])
    try:
        _train(session)
        task = session.engine.task
        assert task.gan.loss == "nonsaturating"
        for q in _questions(session):
            w = q.where
            points = torch.tensor([w["real_xy"], w["fake_xy"]], dtype=torch.float32)
            with torch.no_grad():
                a, b = (float(v) for v in task.gan.d_values(points))
            if "L_G" in q.prompt:  # the generator's loss of a sample at the point
                assert q.value == pytest.approx(-math.log(b), abs=1e-4)
                assert f"D(x) = {b:.3f}" in q.text()
            else:
                assert q.value == pytest.approx(-math.log(a) - math.log(1 - b),
                                                abs=1e-4)
                assert f"D = {a:.3f}" in q.text() and f"D = {b:.3f}" in q.text()
    finally:
        session.shutdown()


@pytest.mark.parametrize("key", ["dcgan", "cgan"])
def test_image_gan_losses_from_ds_means(key):
    session = _session(key, TINY[key])
    try:
        _train(session)
        last = session.engine.task.last
        a, b = last["d_real"], last["d_fake"]
        kinds = set()
        for q in _questions(session):
            kinds.add("G" if "generator's loss" in q.prompt else "D")
            want = -math.log(b) if "generator's loss" in q.prompt else (
                -math.log(a) - math.log(1 - b))
            assert q.value == pytest.approx(want, abs=1e-6)
            assert f"{b:.3f}" in q.text()
        assert kinds == {"D", "G"}
    finally:
        session.shutdown()


@pytest.mark.parametrize("key", ["autoencoder", "vae"])
def test_pixel_loss_and_manifold_code_are_the_networks(key):
    session = _session(key, TINY[key])
    try:
        _train(session)
        task = session.engine.task
        task.model.eval()
        snap = session.snapshot
        with torch.no_grad():
            recon = task.model.decode(task.model.encode(task.shown)[0]).view(-1, 8, 8)
        for q in _questions(session):
            w = q.where
            if q.kind == "generative.live_pixel_bce":
                x = float(task.shown[w["digit"], 0, w["row"], w["col"]])
                xh = float(recon[w["digit"], w["row"], w["col"]])
                bce = -(x * math.log(xh) + (1 - x) * math.log(1 - xh))
                assert q.value == pytest.approx(bce, abs=1e-5)
            elif q.kind == "generative.live_vae_kl":  # the encoder's own numbers
                with torch.no_grad():
                    mu, logvar = task.model.encode(task.x_val[w["code"]][None])
                kl = 0.5 * float((mu**2 + logvar.exp() - logvar - 1).sum())
                assert q.value == pytest.approx(kl, rel=1e-4, abs=1e-5)
                np.testing.assert_allclose(snap["latent_logvar"][w["code"]],
                                           logvar[0].numpy(), atol=1e-5)
            else:  # the code decodes to the tile the manifold panel shows there
                z1, z2 = (float(v) for v in q.right_text.strip("()").split(", "))
                assert (z1, z2) == pytest.approx(w["z"], abs=6e-4)
                with torch.no_grad():
                    image = task.model.decode(torch.tensor([w["z"]])).view(8, 8)
                r, c = w["row"], w["col"]
                tile = snap["manifold"][8 * r : 8 * r + 8, 8 * c : 8 * c + 8]
                np.testing.assert_allclose(image.numpy(), tile, atol=1e-5)
    finally:
        session.shutdown()


def test_running_statistics_and_dropout_are_the_labs():
    session = _session("batchnorm", TINY["batchnorm"])
    try:
        _train(session)
        task = session.engine.task
        for q in _questions(session):
            if q.kind == "optim.live_running_stat":
                bn = task.bn_net.norms()[q.where["layer"]]
                buffer = bn.running_mean if q.where["stat"] == "mean" else (
                    bn.running_var)
                assert q.value == pytest.approx(float(buffer[0]), abs=1e-6)
            else:
                drop = session.snapshot["probe"]["dropout"]
                assert q.value == pytest.approx(drop["y"], abs=1e-6)
                assert q.value == pytest.approx(drop["x"] / 0.7, abs=1e-6)
    finally:
        session.shutdown()


@pytest.mark.slow  # the body is pre-trained first (once per process)
def test_transfer_gain_counts_the_right_digits():
    session = _session("transfer", TINY["transfer"])
    try:
        _train(session, 4)  # four steps and a recorded one: a point at step 5
        task = session.engine.task
        n = len(task.x_val)
        right = {m: round(a * n) for m, a in task.accuracies().items()}
        for q in _questions(session):
            a, b = q.where["a"], q.where["b"]
            assert q.where["rec"] == 5
            assert q.value == right[a] - right[b]
    finally:
        session.shutdown()


def test_sampling_questions_are_the_labs_distribution():
    from dlviz.core.attention.charlm import Sampling

    session = _session("charlm", TINY["charlm"])
    try:
        _train(session, 30)  # a peaked enough distribution for top-p
        task = session.engine.task
        snap = session.snapshot
        tokens = snap["top_tokens"]
        ids = [task.corpus.stoi[t] for t in tokens]
        for q in _questions(session):
            w = q.where
            if q.kind == "attention.live_sampling":
                probs = task.next_char(task.prompt,
                                       Sampling(w["temperature"], w["top_k"]))
                assert q.value == pytest.approx(
                    float(probs["shaped"][ids[w["char"]]]), abs=1e-5)
            else:
                probs = task.next_char(task.prompt, Sampling(1.0, 0, w["top_p"]))
                assert q.value == int((probs["shaped"] > 0).sum())
    finally:
        session.shutdown()


def test_proposal_iou_and_rpn_nms_are_the_labs():
    from dlviz.core.vision.boxes import box_iou

    session = _session("two_stage", TINY["two_stage"])
    try:
        _train(session)
        task = session.engine.task
        i = task.scene_index
        out = task.infer(task.x_val[i : i + 1])
        proposals = out["proposals"][0]
        kept = proposals.boxes[proposals.keep]
        truth = task.val_scenes.objects(i)[0]
        for q in _questions(session):
            w = q.where
            if q.kind == "vision.live_proposal_iou":
                iou = box_iou(kept[w["proposal"]][None].double(),
                              truth[w["truth"]][None].double())
                assert q.value == pytest.approx(float(iou), abs=1e-5)
            else:  # NMS over all candidates keeps as many of the best m
                m = w["candidates"]
                assert q.value == int((proposals.keep < m).sum())
    finally:
        session.shutdown()
