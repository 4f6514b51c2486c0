"""Attributions: saliency equals autograd; Grad-CAM finds what a hand-made net uses."""

import numpy as np
import pytest
import torch
from torch import nn

from dlviz.core.explain.attributions import METHODS, attribute, last_feature_layer


def tiny_model() -> nn.Module:
    torch.manual_seed(3)
    return nn.Sequential(
        nn.Conv2d(1, 3, 3, padding=1), nn.Tanh(), nn.Flatten(), nn.Linear(3 * 36, 4)
    )


def test_saliency_equals_absolute_input_gradient():
    model = tiny_model()
    x = torch.rand(1, 1, 6, 6)
    out = attribute(model, x[0], target=2, methods=["saliency"])
    inp = x.clone().requires_grad_(True)
    model(inp)[0, 2].backward()
    expected = inp.grad[0, 0].abs().numpy()
    expected = expected / expected.max()
    np.testing.assert_allclose(out["maps"]["saliency"], expected, rtol=1e-5, atol=1e-6)
    assert out["target"] == 2
    assert out["maps"]["saliency"].shape == (6, 6)


def test_model_untouched_and_predicted_target():
    model = tiny_model()
    model.train()
    before = [p.detach().clone() for p in model.parameters()]
    x = torch.rand(1, 6, 6)
    out = attribute(model, x, target=None)
    assert model.training
    assert all(p.grad is None for p in model.parameters())
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))
    with torch.no_grad():
        predicted = int(model.eval()(x.unsqueeze(0)).argmax())
    assert out["target"] == predicted
    assert set(out["maps"]) == set(METHODS) == set(out["seconds"])
    assert abs(out["probs"].sum() - 1) < 1e-5
    ig = out["maps"]["integrated_gradients"]
    assert ig.min() >= -1 and ig.max() <= 1 and np.abs(ig).max() == pytest.approx(1)


def test_integrated_gradients_completeness_on_linear_model():
    # For a linear model, IG from a zero baseline is exactly w * x.
    model = nn.Sequential(nn.Flatten(), nn.Linear(16, 2))
    with torch.no_grad():
        model[1].weight.copy_(torch.arange(32.0).reshape(2, 16) - 10)
        model[1].bias.zero_()
    x = torch.rand(1, 4, 4)
    out = attribute(model, x, target=1, methods=["integrated_gradients"])
    expected = (model[1].weight[1].detach().reshape(4, 4) * x[0]).numpy()
    np.testing.assert_allclose(
        out["maps"]["integrated_gradients"], expected / np.abs(expected).max(),
        rtol=1e-4, atol=1e-5,
    )


class BarNet(nn.Module):
    """Channel 0 detects vertical bars, channel 1 horizontal ones; class k is the
    mean of channel k."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1, bias=False)
        vertical = torch.tensor([[-1.0, 2.0, -1.0]] * 3)
        with torch.no_grad():
            self.conv.weight.copy_(torch.stack([vertical, vertical.T]).unsqueeze(1))
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        return self.pool(self.relu(self.conv(x))).flatten(1)


def test_gradcam_highlights_the_region_the_model_keys_on():
    image = torch.zeros(1, 16, 16)
    image[0, 3:13, 4] = 1.0  # a vertical bar on the left
    image[0, 8, 9:15] = 1.0  # a horizontal bar on the right
    model = BarNet()
    assert last_feature_layer(model, image.unsqueeze(0)) is model.relu
    for cls, (keyed, other) in {0: (slice(0, 8), slice(8, 16)),
                                1: (slice(8, 16), slice(0, 8))}.items():
        out = attribute(model, image, target=cls, methods=["gradcam"])
        cam = out["maps"]["gradcam"]
        assert cam.shape == (16, 16)
        assert cam.max() == pytest.approx(1.0)
        assert cam[:, keyed].mean() > 5 * cam[:, other].mean()


class _CancelAfter:
    """A cancel token that the user cancels after ``n`` checks (mid-way)."""

    def __init__(self, n: int):
        self.n = n
        self.checks = 0
        self.fractions: list[float] = []
        self.cancelled = False

    def check(self) -> None:
        from dlviz.session.jobs import JobCancelled

        self.checks += 1
        if self.checks > self.n:
            self.cancelled = True
            raise JobCancelled

    def progress(self, fraction: float, text: str = "") -> None:
        self.fractions.append(fraction)


def test_integrated_gradients_equal_captums():
    from captum.attr import IntegratedGradients

    from dlviz.core.explain.attributions import integrated_gradients

    model = tiny_model().eval()
    x = torch.rand(1, 1, 6, 6)
    ours = integrated_gradients(model, x, 1, n_steps=20, batch=6)
    theirs = IntegratedGradients(model).attribute(
        x.clone().requires_grad_(True), baselines=torch.zeros_like(x), target=1,
        n_steps=20,
    )
    torch.testing.assert_close(ours, theirs.detach(), rtol=1e-4, atol=1e-6)


def test_integrated_gradients_stop_between_batches_when_cancelled():
    from dlviz.core.explain.attributions import integrated_gradients
    from dlviz.session.jobs import JobCancelled

    model = tiny_model().eval()
    calls = []
    model.register_forward_hook(lambda m, i, o: calls.append(len(i[0])))
    token = _CancelAfter(2)
    with pytest.raises(JobCancelled):
        integrated_gradients(model, torch.rand(1, 1, 6, 6), 0, n_steps=32, batch=8,
                             token=token)
    assert calls == [8, 8]  # two of the four batches ran, then it stopped
    assert token.fractions == [0.0, 0.25]


def test_a_cancelled_attribute_request_never_reaches_gradcam():
    from dlviz.session.jobs import JobCancelled

    token = _CancelAfter(2)  # saliency, then IG's first batch
    with pytest.raises(JobCancelled):
        attribute(tiny_model(), torch.rand(1, 6, 6), 0, token=token)
    assert token.checks == 3


def test_the_cnn_lab_passes_its_current_request_to_the_attribution():
    from dlviz.core.labs import get_lab
    from dlviz.session.jobs import JobCancelled, RequestJob

    task = get_lab("lenet5").create({}, torch.device("cpu"))
    job = RequestJob(1, "attribute")
    task.current_request = job
    job.cancel()
    with pytest.raises(JobCancelled):
        task.handle("attribute", {"index": 0, "methods": ["integrated_gradients"]})
    task.current_request = RequestJob(2, "attribute")
    out = task.handle("attribute", {"index": 0, "methods": ["integrated_gradients"]})
    assert out["maps"]["integrated_gradients"].shape == (32, 32)
