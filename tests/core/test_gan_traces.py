"""Step-through traces of the image GANs (DCGAN, conditional GAN) and the autoencoders.

One traced step must be exactly one training step: the same D and G updates, the same
random draws (batches, noise, the VAE's ε), and no hooks left behind.
"""

from __future__ import annotations

import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.core.trace import PHASES, Trace

CPU = torch.device("cpu")
GAN_SMALL = {"batch_size": 8, "width": 4, "noise_dim": 8}
AE_SMALL = {"batch_size": 16, "hidden": 16}


def _task(key: str, **overrides):
    small = GAN_SMALL if key in ("dcgan", "cgan") else AE_SMALL
    return get_lab(key).create({**small, **overrides}, CPU)


def _params(module: torch.nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in module.parameters()]


def _parts(trace: Trace) -> list[str]:
    parts: list[str] = []
    for event in trace.events:
        if event.part not in parts:
            parts.append(event.part)
    return parts


def _assert_phase_order(events) -> None:
    """Inputs aside, the phases of one part run forward → loss → backward → update."""
    rank = [PHASES.index(e.phase) for e in events if e.phase != "input"]
    assert rank == sorted(rank)
    phases = [e.phase for e in events]
    assert phases.count("loss") == 1
    for phase in ("forward", "backward", "update"):
        assert phase in phases
    assert phases[0] == "input"


def _assert_no_hooks(task) -> None:
    for net in task.modules().values():
        for m in net.modules():
            assert not m._forward_hooks and not m._forward_pre_hooks
            assert not m._backward_hooks and not m._backward_pre_hooks
        for p in net.parameters():
            assert not p._backward_hooks


def _assert_same_step(key: str, **overrides) -> tuple[Trace, dict]:
    """Train one copy, trace another from the same seed; compare everything."""
    plain = _task(key, **overrides)
    metrics = plain.train_step()
    traced = _task(key, **overrides)
    trace = traced.trace_step()
    assert traced.step == plain.step == 1
    assert trace.metrics["loss"] == pytest.approx(metrics["loss"], rel=1e-6)
    for name, value in metrics.items():
        assert trace.metrics[name] == pytest.approx(value, rel=1e-6, abs=1e-7), name
    for role, module in plain.modules().items():
        twin = traced.modules()[role]
        for (name, p), q in zip(module.named_parameters(), twin.parameters()):
            torch.testing.assert_close(q, p, rtol=1e-6, atol=1e-7, msg=name)
        for (name, b), c in zip(module.named_buffers(), twin.buffers()):
            torch.testing.assert_close(c, b, msg=name)  # batch-norm running stats
    # the same random numbers were drawn, in the same order
    assert torch.equal(plain.generator.get_state(), traced.generator.get_state())
    _assert_no_hooks(traced)
    # a later ordinary step still matches: nothing of the recording stays behind
    after_plain, after_traced = plain.train_step(), traced.train_step()
    assert after_traced["loss"] == pytest.approx(after_plain["loss"], rel=1e-5)
    return trace, metrics


# -- image GANs ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "key, overrides",
    [
        ("dcgan", {}),
        ("cgan", {}),
        ("dcgan", {"loss": "wgan-gp", "d_steps": 2}),
        ("cgan", {"loss": "lsgan", "optimizer": "SGD"}),
        ("cgan", {"loss": "minimax", "d_steps": 3}),
    ],
)
def test_gan_trace_step_equals_train_step(key, overrides):
    trace, metrics = _assert_same_step(key, **overrides)
    assert trace.metrics["loss"] == pytest.approx(
        metrics["d_loss"] + metrics["g_loss"], rel=1e-6
    )
    assert trace.role_losses["D"] == pytest.approx(metrics["d_loss"], rel=1e-6)
    assert trace.role_losses["G"] == pytest.approx(metrics["g_loss"], rel=1e-6)
    # a traced step reaches the curves with the keys a training step reports
    assert set(trace.metrics) <= set(metrics) | {"acc"}


@pytest.mark.parametrize("key", ["dcgan", "cgan"])
@pytest.mark.parametrize("d_steps", [1, 2])
def test_gan_trace_parts_and_event_order(key, d_steps):
    task = _task(key, d_steps=d_steps)
    trace = task.trace_step()
    d_parts = ["D"] if d_steps == 1 else [f"D{i + 1}" for i in range(d_steps)]
    assert _parts(trace) == d_parts + ["G"]
    assert set(trace.graphs) == {"D", "G"}
    for part in d_parts + ["G"]:
        events = [e for e in trace.events if e.part == part]
        _assert_phase_order(events)
        role = "G" if part == "G" else "D"
        # each part updates only its own network, and the loss is tagged with it
        assert {e.role for e in events if e.phase == "update"} == {role}
        (loss,) = [e for e in events if e.phase == "loss"]
        assert loss.role == role
        assert loss.kind == f"{role} loss (nonsaturating)"
        # D reads a real batch and a fake batch; G reads the noise
        inputs = [e for e in events if e.phase == "input"]
        assert [e.role for e in inputs] == [role] * (2 if role == "D" else 1)
        if key == "cgan":
            assert all(e.tensors["target"].shape == (8,) for e in inputs)
    # the D loss event carries the D loss of the last D step, the G one the G loss
    losses = [e for e in trace.events if e.phase == "loss"]
    assert losses[-2].scalars["loss"] == pytest.approx(trace.metrics["d_loss"])
    assert losses[-1].scalars["loss"] == pytest.approx(trace.metrics["g_loss"])
    # G's update events cover every generator parameter, D's every D parameter
    for role, net in (("G", task.G), ("D", task.D)):
        last = d_parts[-1] if role == "D" else "G"
        updated = sum(
            e.params for e in trace.events
            if e.phase == "update" and e.part == last
        )
        assert updated == sum(p.numel() for p in net.parameters())


def test_gan_d_graph_has_no_loop():
    trace = _task("dcgan").trace_step()
    d_graph = trace.graphs["D"]
    order = d_graph.order()
    assert all(order[a] < order[b] for a, b in d_graph.edges)
    assert ("input", "body.0") in d_graph.edges
    assert d_graph.nodes[-1].path == "loss"


@pytest.mark.parametrize("key", ["dcgan", "cgan"])
def test_g_part_leaves_the_discriminator_unchanged(key, monkeypatch):
    task = _task(key)
    seen: dict[str, list[torch.Tensor]] = {}
    original = task.g_step

    def watched_g_step(rec=None):
        seen["d_before"], seen["g_before"] = _params(task.D), _params(task.G)
        value = original(rec)
        seen["d_after"], seen["g_after"] = _params(task.D), _params(task.G)
        return value

    monkeypatch.setattr(task, "g_step", watched_g_step)
    d_start = _params(task.D)
    trace = task.trace_step()
    assert "d_after" in seen  # the traced step did go through g_step
    for before, after in zip(seen["d_before"], seen["d_after"]):
        assert torch.equal(before, after)
    assert any(
        not torch.equal(a, b) for a, b in zip(seen["g_before"], seen["g_after"])
    )
    # the D part did move D
    assert any(not torch.equal(a, b) for a, b in zip(d_start, seen["d_before"]))
    # the G part's backward passes through D (its events are there) without an update
    g_events = [e for e in trace.events if e.part == "G"]
    assert any(e.role == "D" and e.phase == "backward" for e in g_events)
    assert not any(e.role == "D" and e.phase == "update" for e in g_events)


def test_gan_loss_formula_names_the_objective():
    trace = _task("dcgan", loss="lsgan").trace_step()
    d_loss, g_loss = [e for e in trace.events if e.phase == "loss"]
    assert "½·mean (D(x) − 1)²" in d_loss.formula
    assert f"{d_loss.scalars['loss']:.4f}" in d_loss.formula
    assert "L_G = ½·mean (D(G(z)) − 1)²" in g_loss.formula


# -- autoencoders -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "key, overrides",
    [
        ("autoencoder", {}),
        ("vae", {}),
        ("vae", {"beta": 4.0, "optimizer": "SGD"}),
    ],
)
def test_autoencoder_trace_step_equals_train_step(key, overrides):
    _assert_same_step(key, **overrides)


@pytest.mark.parametrize("key", ["autoencoder", "vae"])
def test_autoencoder_trace_roles_and_order(key):
    task = _task(key)
    trace = task.trace_step()
    assert _parts(trace) == [""]
    _assert_phase_order(trace.events)
    assert set(trace.graphs) == {"model"}
    graph = trace.graphs["model"]
    encoder = [f"encoder.{i}" for i in range(5)]
    decoder = [f"decoder.{i}" for i in range(6)]
    # the VAE draws the code z = μ + σ·ε between encoder and decoder, and its KL
    # term reads the encoder's output: two recorded operations
    sample = ["sample z"] if task.variational else []
    kl = ["KL"] if task.variational else []
    assert [n.path for n in graph.nodes] == [
        "input", *encoder, *sample, *decoder, *kl, "loss"]
    path = ["input", *encoder, *sample, *decoder, "loss"]
    chain = list(zip(path, path[1:]))
    kl_edges = [("encoder.4", "KL"), ("KL", "loss")] if task.variational else []
    assert sorted(graph.edges) == sorted(chain + kl_edges)
    forward = [e.path for e in trace.events if e.phase == "forward"]
    assert forward == encoder + sample + decoder + kl
    backward = [e.path for e in trace.events if e.phase == "backward"]
    assert backward == kl + decoder[::-1] + sample + encoder[::-1] + ["input"]
    updated = sum(e.params for e in trace.events if e.phase == "update")
    assert updated == sum(p.numel() for p in task.model.parameters())
    # the code has 2 numbers; the VAE's encoder gives μ and log σ² (4 numbers)
    (last_encoder,) = [e for e in trace.events
                       if e.phase == "forward" and e.path == "encoder.4"]
    assert last_encoder.output_shapes == [(16, 4 if task.variational else 2)]
    _assert_no_hooks(task)


def test_vae_loss_event_carries_reconstruction_and_kl():
    task = _task("vae", beta=2.0)
    trace = task.trace_step()
    (loss,) = [e for e in trace.events if e.phase == "loss"]
    recon, kl = loss.scalars["recon"], loss.scalars["kl"]
    assert kl > 0
    assert loss.scalars["loss"] == pytest.approx(recon + 2.0 * kl, rel=1e-6)
    assert trace.metrics["loss"] == pytest.approx(loss.scalars["loss"])
    assert trace.metrics["recon"] == pytest.approx(recon)
    assert trace.metrics["kl"] == pytest.approx(kl)
    assert f"= {recon:.4f} + 2·{kl:.4f} = {loss.scalars['loss']:.4f}" in loss.formula
    # what the loss compared: the reconstructed images and the inputs, as images
    assert loss.tensors["output"].shape == loss.tensors["target"].shape == (
        16, 1, 8, 8
    )


def test_autoencoder_loss_has_zero_kl():
    trace = _task("autoencoder").trace_step()
    (loss,) = [e for e in trace.events if e.phase == "loss"]
    assert loss.scalars["kl"] == 0.0
    assert loss.scalars["loss"] == pytest.approx(loss.scalars["recon"])
    assert loss.kind == "Reconstruction loss"


@pytest.mark.parametrize("loss_kind", ["nonsaturating", "wgan-gp"])
def test_gan_loss_events_show_the_scores_compared(loss_kind):
    task = _task("cgan", loss=loss_kind)
    trace = task.trace_step()
    d_loss, g_loss = [e for e in trace.events if e.phase == "loss"]
    # D scores the real batch, then the fake batch (8 + 8); G only the fakes
    assert d_loss.input_shapes[0] == (16,) and g_loss.input_shapes[0] == (8,)
    assert d_loss.tensors["output"].shape == (16,)
    if loss_kind == "wgan-gp":  # a critic's scores have no labels
        assert "target" not in d_loss.tensors and "target" not in g_loss.tensors
        return
    labels = d_loss.tensors["target"].sample
    assert labels.tolist() == [1.0] * 8 + [0.0] * 8
    assert g_loss.tensors["target"].sample.tolist() == [1.0] * 8
