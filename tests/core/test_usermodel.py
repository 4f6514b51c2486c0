"""Bring your own model: loading a file, shape errors that name the layer, the
killable probe, and the example models training as labs (no Qt)."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
import torch
from torch import nn

from dlviz import resources_dir
from dlviz.core import usermodel as um
from dlviz.core.labs import all_labs, get_lab, register_lab, unregister_lab

MODELS = resources_dir() / "models"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


SHAPE_BUG = """
from torch import nn
class Bad(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(64, 32), nn.ReLU())
        self.head = nn.Linear(16, 10)
    def forward(self, x):
        return self.head(self.body(x))
"""
FORWARD_BUG = """
from torch import nn
class Boom(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 10)
    def forward(self, x):
        raise RuntimeError("oops in forward")
"""
LOOP = "while True:\n    pass\n"


def test_find_models_lists_classes_then_factories():
    module = um.load_file(MODELS / "small_mlp.py")
    entries = um.find_models(module)
    assert [(e.name, e.kind) for e in entries] == [
        ("SmallMLP", "class"), ("make_points_mlp", "function")]
    assert entries[0].doc.startswith("Flatten")
    cnn = um.find_models(um.load_file(MODELS / "custom_block_cnn.py"))
    assert [e.name for e in cnn] == ["ResidualBlock", "BlockCNN"]


@pytest.mark.parametrize(
    ("path", "name", "data", "stage", "out"),
    [
        ("small_mlp.py", "SmallMLP", um.DataChoice("digits8"), "digits", (2, 10)),
        ("small_mlp.py", "make_points_mlp", um.DataChoice("points2d"),
         "classifier2d", (2, 2)),
        ("custom_block_cnn.py", "BlockCNN", um.DataChoice("digits32"),
         "image_classifier", (2, 10)),
        ("lstm_tagger.py", "LSTMTagger",
         um.DataChoice("sequence", task="copy", length=12), "user_model", (2, 12, 8)),
        ("small_mlp.py", "SmallMLP", um.DataChoice("random", "mse", (64,)),
         "user_model", (2, 10)),
    ],
)
def test_examples_check_build_train_and_trace(path, name, data, stage, out):
    builder = um.builder_of(um.load_file(MODELS / path), name)
    check = um.check_shapes(builder, data)
    assert check.output_shape == out
    assert check.parameters == sum(p.numel() for p in builder().parameters())
    spec = um.make_lab(um.ModelSource(str(MODELS / path), name), data)
    assert spec.stage == stage and spec.chapter == "tools"
    task = spec.create({"seed": 0}, torch.device("cpu"))
    before = [p.detach().clone() for p in task.parameters()]
    losses = [task.train_step()["loss"] for _ in range(3)]
    assert all(math.isfinite(v) for v in losses)
    assert any(not torch.equal(a, b) for a, b in zip(before, task.parameters()))
    assert math.isfinite(task.evaluate()["val_loss"])
    snap = task.snapshot()
    if stage == "user_model":
        assert len(snap["grad_layers"]) == len(snap["grad_norms"]) >= 2
        assert (snap["grad_norms"] > 0).all()  # the last step's gradients
        assert len(snap["activation_layers"]) == len(snap["activation_spread"]) >= 2
    elif stage == "image_classifier":
        assert "block.conv1" in snap["layers"] and snap["filters_layer"] == "stem"
    else:
        assert snap["probs"].shape[-1] == out[1]
    trace = task.trace_step()
    assert len(trace.events) > 3 and task.step == 4


def test_small_mlp_learns_digits():
    data = um.DataChoice("digits8")
    spec = um.make_lab(um.ModelSource(str(MODELS / "small_mlp.py"), "SmallMLP"), data)
    task = spec.create({"seed": 0, "lr": 0.01}, torch.device("cpu"))
    first = task.evaluate()["val_loss"]
    for _ in range(60):
        task.train_step()
    after = task.evaluate()
    assert after["val_loss"] < 0.6 * first
    assert after["val_acc"] > 0.6


def test_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "syntax.py", "import torch\ndef f(:\n    pass\n")
    with pytest.raises(um.UserModelError) as info:
        um.load_file(path)
    assert info.value.stage == "import"
    assert "SyntaxError" in info.value.message and "line 2" in info.value.message
    assert "syntax.py" in info.value.details


def test_shape_error_names_layer_and_shapes(tmp_path):
    module = um.load_file(write(tmp_path, "shape.py", SHAPE_BUG))
    with pytest.raises(um.UserModelError) as info:
        um.check_shapes(um.builder_of(module, "Bad"), um.DataChoice("digits8"))
    err = info.value
    assert err.stage == "shape"
    assert "Layer 'head' (Linear) got input [2, 32]" in err.message
    assert "expects a last dimension of 16" in err.message
    assert "model input [2, 1, 8, 8]" in err.message


def test_conv_channel_error_says_what_it_expects():
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.Flatten(), nn.LazyLinear(10))
    with pytest.raises(um.UserModelError) as info:
        um.check_shapes(lambda: model, um.DataChoice("digits32"))
    assert "Layer '0' (Conv2d) got input [2, 1, 32, 32]" in info.value.message
    assert "expects 3 input channels" in info.value.message


def test_exception_in_forward_is_reported_with_traceback(tmp_path):
    module = um.load_file(write(tmp_path, "boom.py", FORWARD_BUG))
    builder = um.builder_of(module, "Boom")
    with pytest.raises(um.UserModelError) as info:
        um.first_step(builder, um.DataChoice("digits8"))
    assert info.value.stage == "forward"
    assert "The forward of Boom got input [2, 1, 8, 8]" in info.value.message
    assert "oops in forward" in info.value.message
    assert "boom.py" in info.value.details  # the user's frame is in the traceback


def test_output_that_does_not_fit_the_classes():
    with pytest.raises(um.UserModelError) as info:
        um.check_shapes(lambda: nn.Sequential(nn.Flatten(), nn.Linear(64, 3)),
                        um.DataChoice("digits8"))
    assert info.value.stage == "output"
    assert "[2, 3]" in info.value.message and "10 classes" in info.value.message


def test_data_choice_refuses_a_loss_that_does_not_fit():
    with pytest.raises(ValueError, match="does not fit"):
        um.DataChoice("digits8", "mse")
    assert um.parse_shape("3x16, 16") == (3, 16, 16)
    with pytest.raises(ValueError):
        um.parse_shape("3, a")


def test_register_and_unregister_a_lab():
    spec = um.make_lab(um.ModelSource(obj=nn.Linear(2, 2), name="lin"),
                       um.DataChoice("points2d"), key="user_test_lab")
    register_lab(spec)
    try:
        assert get_lab("user_test_lab") is spec
        assert spec in all_labs()
    finally:
        unregister_lab("user_test_lab")
    with pytest.raises(KeyError):
        get_lab("user_test_lab")
    builtin = get_lab("mlp2d")
    with pytest.raises(ValueError, match="built-in"):
        register_lab(builtin)


def test_a_module_instance_restarts_from_its_weights_at_opening():
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))
    start = [p.detach().clone() for p in model.parameters()]
    spec = um.make_lab(um.ModelSource(obj=model, name="net"), um.DataChoice("points2d"))
    with torch.no_grad():
        model[0].weight.add_(1.0)  # changed after opening: not seen by the lab
    for _ in range(2):  # two runs (a reset) both start from the same weights
        task = spec.create({"seed": 3}, torch.device("cpu"))
        assert all(torch.equal(a, b) for a, b in zip(start, task.parameters()))
        task.train_step()


def test_cli_summary_of_a_file(capsys):
    from dlviz.cli import main

    code = main(["summary", f"{MODELS / 'custom_block_cnn.py'}:BlockCNN"])
    out = capsys.readouterr().out
    assert code == 0
    assert "block.conv1 (Conv2d)" in out and "[2, 8, 16, 16]" in out
    assert "Total params: 6,378" in out


def test_cli_summary_reports_a_shape_error(tmp_path, capsys):
    from dlviz.cli import main

    path = write(tmp_path, "shape.py", SHAPE_BUG)
    assert main(["summary", f"{path}:Bad"]) == 2
    assert "Layer 'head' (Linear)" in capsys.readouterr().err


@pytest.mark.slow
def test_probe_checks_in_a_child_process(tmp_path):
    ok = um.run_probe(str(MODELS / "custom_block_cnn.py"), "BlockCNN",
                      {"kind": "digits32"})
    assert ok["ok"] and ok["has_conv"] and ok["summary"]["parameters"] == 6378
    bad = um.run_probe(write(tmp_path, "shape.py", SHAPE_BUG), "Bad",
                       {"kind": "digits8"})
    assert not bad["ok"] and bad["error"]["stage"] == "shape"
    assert "Layer 'head' (Linear)" in bad["error"]["message"]


@pytest.mark.slow
def test_an_endless_loop_is_stopped_by_the_timeout(tmp_path):
    path = write(tmp_path, "loop.py", LOOP)
    result = um.run_probe(path, timeout=2.0)
    assert not result["ok"] and result["error"]["stage"] == "timeout"
    start = time.monotonic()
    with pytest.raises(um.ProbeCancelled):
        um.run_probe(path, cancelled=lambda: time.monotonic() - start > 0.5)


def test_lab_key_follows_the_file_and_its_contents(tmp_path):
    path = write(tmp_path, "net.py", "from torch import nn\nNet = nn.Linear\n")
    data = um.DataChoice("points2d")
    key = um.ModelSource(path, "Net").key(data)
    assert um.ModelSource(path, "Net").key(data) == key  # same in every run
    assert um.ModelSource(path, "Net").key(um.DataChoice("digits8")) != key
    write(tmp_path, "net.py", "from torch import nn\nNet = nn.Bilinear\n")
    assert um.ModelSource(path, "Net").key(data) != key  # edited: a new lab


def test_the_note_of_a_user_lab_lists_its_layers_in_both_languages():
    summary = {"rows": [["hidden", "Linear", [2, 32], 2080], ["out", "Linear", [2, 10],
                                                                330]],
               "output": [2, 10], "parameters": 2410}
    path = str(MODELS / "small_mlp.py")
    spec = um.make_lab(um.ModelSource(path, "SmallMLP"), um.DataChoice("digits8"),
                       has_conv=False, summary=summary)
    en, zh = um.note_markdown(spec.key, "en"), um.note_markdown(spec.key, "zh_CN")
    assert en.startswith("# Your model: SmallMLP\n") and "`small_mlp.py`" in en
    assert "- **hidden** (Linear): output [2, 32], 2,080 parameters" in en
    assert "**2,410** parameters in all" in en and "Digits 8×8" in en
    assert "About 2.30, that is ln 10" in en  # cross-entropy at step 0
    assert zh.startswith("# 你的模型：SmallMLP\n") and "8×8 手写数字" in zh
    assert "约 2.30，即 ln 10" in zh
    # regression: the question asks for the largest layer, answered from the summary
    spec = um.make_lab(um.ModelSource(path, "SmallMLP"),
                       um.DataChoice("random", "mse", (64,)), has_conv=False,
                       summary=summary)
    assert "hidden (Linear): 2,080 of them, 86% of all." in um.note_markdown(spec.key)
    assert um.note_markdown("mlp2d") == ""  # a built-in lab has its own file
    assert um.is_trusted(path)  # shipped with dlviz
