import pytest

from dlviz.core.params import ParamError, ParamSpec, resolve
from dlviz.core.train.optim import OPTIMIZERS, TRAINING_PARAMS, build_optimizer

LR = next(p for p in TRAINING_PARAMS if p.key == "lr")
BATCH = next(p for p in TRAINING_PARAMS if p.key == "batch_size")


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("abc", "is not a number"),
        ("", "a value is required"),
        ("nan", "finite"),
        ("1000", "at most 100"),
        ("0", "at least 1e-06"),
    ],
)
def test_learning_rate_refuses_bad_values_with_a_reason(raw, reason):
    with pytest.raises(ParamError) as info:
        LR.validate(raw)
    assert reason in str(info.value)
    assert info.value.label == "Learning rate"


def test_numbers_are_converted_and_ints_must_be_whole():
    assert LR.validate("0.5") == 0.5
    assert BATCH.validate("32") == 32
    with pytest.raises(ParamError, match="whole number"):
        BATCH.validate("2.5")
    with pytest.raises(ParamError, match="at least 1"):
        BATCH.validate(0)


def test_choice_and_bool():
    spec = ParamSpec("act", "Activation", "choice", "ReLU", choices=("ReLU", "tanh"))
    assert spec.validate("tanh") == "tanh"
    with pytest.raises(ParamError, match="one of ReLU, tanh"):
        spec.validate("relu6")
    flag = ParamSpec("skip", "Skip", "bool", True)
    assert flag.validate("false") is False
    with pytest.raises(ParamError):
        flag.validate("maybe")


def test_resolve_fills_defaults_and_refuses_unknown_keys():
    values = resolve(TRAINING_PARAMS, {"lr": "0.1"})
    assert values["lr"] == 0.1 and values["optimizer"] == "Adam"
    with pytest.raises(ParamError, match="unknown hyperparameter"):
        resolve(TRAINING_PARAMS, {"learning_rate": 0.1})


def test_every_optimizer_builds_and_steps():
    import torch

    for name in OPTIMIZERS:
        w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
        opt = build_optimizer(name, [w], lr=0.1)
        (w**2).sum().backward()
        opt.step()
        assert torch.all(w.abs() < torch.tensor([1.0, 2.0])), name
    momentum = build_optimizer("SGD+momentum", [w], 0.1)
    assert momentum.defaults["momentum"] == 0.9
    assert build_optimizer("Nesterov", [w], 0.1).defaults["nesterov"] is True
