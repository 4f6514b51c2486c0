"""The CNN labs: registration, the snapshot contract, requests, LeNet-5 accuracy."""

import numpy as np
import pytest
import torch
from torch import nn

from dlviz.core.data.digits import _raw
from dlviz.core.labs import get_lab
from dlviz.core.labs.cnn import LABS, CnnTask, prepare_drawing

KEYS = ["lenet5", "alexnet", "vgg", "nin", "googlenet", "resnet", "mobilenet"]
CPU = torch.device("cpu")


def test_every_network_is_a_cnn_lab():
    assert [spec.key for spec in LABS] == KEYS
    for key in KEYS:
        spec = get_lab(key)
        assert spec.chapter == "cnn" and spec.stage == "image_classifier"
        assert spec.year > 1990 and spec.authors and spec.idea
        spec.resolve({})  # defaults are valid


def _hooks(model: nn.Module) -> int:
    return sum(len(m._forward_hooks) for m in model.modules())


@pytest.mark.parametrize("key", KEYS)
def test_snapshot_contract(key):
    task = get_lab(key).create({"batch_size": 16, "sample_index": 5}, CPU)
    assert isinstance(task, CnnTask)
    first = task.snapshot()
    assert not first["filter_grads"].any()  # no step yet
    task.train_step()
    snap = task.snapshot()
    assert _hooks(task.model) == 0
    assert snap["sample_index"] == 5 and snap["label"] == int(task.y_val[5])
    assert snap["image"].shape == (32, 32) and snap["image"].dtype == np.float32
    np.testing.assert_array_equal(snap["image"], task.x_val[5, 0].numpy())
    probs = snap["probs"]
    assert probs.shape == (10,) and probs.dtype == np.float32
    assert probs.sum() == pytest.approx(1.0, abs=1e-5)
    assert snap["prediction"] == int(probs.argmax())
    layers = snap["layers"]
    assert len(layers) >= 3 and len(layers) == len(snap["layer_kinds"])
    assert list(snap["feature_maps"]) == layers
    for path in layers:
        fmap = snap["feature_maps"][path]
        assert fmap.dtype == np.float32 and fmap.ndim == 3
        assert fmap.shape[0] == min(16, snap["feature_channels"][path])
        assert fmap.shape[1] * fmap.shape[2] > 1
    conv = task.model.get_submodule(snap["filters_layer"])
    assert isinstance(conv, nn.Conv2d) and conv.in_channels == 1
    n = min(16, conv.out_channels)
    np.testing.assert_array_equal(snap["filters"], conv.weight[:n, 0].detach().numpy())
    np.testing.assert_array_equal(snap["filter_grads"], conv.weight.grad[:n, 0].numpy())
    assert snap["filter_grads"].any()
    confusion = snap["confusion"]
    assert confusion.shape == (10, 10) and confusion.dtype == np.int64
    assert confusion.sum() == len(task.x_val)
    per_class = np.bincount(task.y_val, minlength=10)
    np.testing.assert_array_equal(confusion.sum(1), per_class)


def test_feature_maps_equal_the_layer_outputs():
    task = get_lab("lenet5").create({}, CPU)
    snap = task.snapshot()
    assert snap["layers"] == ["features.0", "features.2", "features.3", "features.5"]
    assert snap["layer_kinds"] == ["Conv2d", "AvgPool2d", "Conv2d", "AvgPool2d"]
    x = task.x_val[:1]
    with torch.no_grad():
        c1 = task.model.features[0](x)
        s2 = task.model.features[2](task.model.features[1](c1))
    np.testing.assert_allclose(snap["feature_maps"]["features.0"], c1[0].numpy(),
                               rtol=1e-6)
    np.testing.assert_allclose(snap["feature_maps"]["features.2"], s2[0].numpy(),
                               rtol=1e-6)
    assert snap["feature_maps"]["features.3"].shape == (16, 10, 10)


def test_confusion_is_cached_between_refreshes(monkeypatch):
    task = get_lab("lenet5").create({}, CPU)
    task.snapshot()  # the first snapshot counts
    calls = []
    original = task.predict

    def counting(x, *args, **kw):
        calls.append(len(x))
        return original(x, *args, **kw)

    monkeypatch.setattr(task, "predict", counting)
    task.confusion_interval_s = 1e9
    task.snapshot()
    task.train_step()
    task.snapshot()
    assert calls == []  # cached since the build
    task.confusion_interval_s = 0.0
    task.snapshot()
    assert calls == [len(task.x_val)]
    task.snapshot()  # same step: nothing new to count
    assert calls == [len(task.x_val)]
    task.evaluate()  # validation refreshes the cache as a side effect
    assert task._confusion_step == task.step


def test_select_sample_and_attribute_requests():
    task = get_lab("resnet").create({"depth": "8", "width": 0.5}, CPU)
    task.train_step()
    answer = task.handle("select_sample", {"index": 9})
    assert task.sample_index == 9 and answer["label"] == int(task.y_val[9])
    before = {k: v.clone() for k, v in task.model.state_dict().items()}
    grads = [p.grad.clone() for p in task.model.parameters()]
    out = task.handle("attribute", {"index": 3, "target": None, "methods": []})
    assert set(out["maps"]) == {"saliency", "integrated_gradients", "gradcam"}
    for heat in out["maps"].values():
        assert heat.shape == (32, 32) and np.isfinite(heat).all()
    assert out["index"] == 3 and out["label"] == int(task.y_val[3])
    assert out["image"].shape == (32, 32)
    assert all(torch.equal(before[k], v) for k, v in task.model.state_dict().items())
    assert all(torch.equal(g, p.grad) for g, p in zip(grads, task.model.parameters()))
    assert task.model.training
    with pytest.raises(ValueError):
        task.handle("no_such_request", {})


def _as_drawing(digit: np.ndarray, scale: int = 12, pad: int = 30) -> np.ndarray:
    big = np.kron(digit, np.ones((scale, scale), np.float32))
    return np.pad(big, ((pad, 2 * pad), (2 * pad, pad)))


def test_prepare_drawing_like_the_digits():
    images, _ = _raw()
    digit = images[0]
    x = prepare_drawing(_as_drawing(digit))
    assert x.shape == (1, 1, 32, 32)
    assert float(x.min()) >= 0 and 0.5 < float(x.max()) <= 1.0
    dark_on_light = prepare_drawing(1.0 - _as_drawing(digit))
    torch.testing.assert_close(dark_on_light, x)
    # off-centre strokes end up centred
    mass = x[0, 0].numpy()
    rows, cols = np.indices(mass.shape)
    centre = (rows * mass).sum() / mass.sum(), (cols * mass).sum() / mass.sum()
    assert abs(centre[0] - 15.5) < 3 and abs(centre[1] - 15.5) < 3
    assert not prepare_drawing(np.zeros((50, 50))).any()


def test_predict_image_request():
    task = get_lab("lenet5").create({}, CPU)
    images, _ = _raw()
    out = task.handle("predict_image", {"image": _as_drawing(images[10])})
    assert out["probs"].shape == (10,) and out["image"].shape == (32, 32)
    assert out["layers"][0] == "features.0"
    assert out["feature_maps"]["features.0"].shape == (6, 28, 28)


@pytest.mark.slow
def test_lenet5_defaults_reach_97_percent():
    torch.set_num_threads(1)
    spec = get_lab("lenet5")
    hp = spec.resolve({})
    assert (hp["activation"], hp["pooling"]) == ("sigmoid", "avg")
    task = spec.create({}, CPU)
    best = 0.0
    for _ in range(40):  # epochs; about 25 are needed
        for _ in range(task.steps_per_epoch):
            task.train_step()
        best = max(best, task.evaluate()["val_acc"])
        if best >= 0.97:
            break
    assert best >= 0.97
