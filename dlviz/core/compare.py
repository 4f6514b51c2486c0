"""Compare mode, core side: the classic comparisons of the course as presets, and
the batch stream that both runs of a comparison share.

A comparison trains the same lab twice (A and B) with one setting changed. Both runs
start from the same seed, so they get the same initial weights where the setting
does not change the architecture, and they must see the same mini-batches in the
same order, so that the setting is the only difference.

Seeding alone is not enough for that: a task draws its batches and some of its other
randomness (a GAN's noise, the teacher-forcing coins of a seq2seq decoder) from the
one generator ``task.generator``, so a setting that changes how much of that other
randomness a step uses (k discriminator steps, a teacher-forcing ratio below 1)
would shift every later batch. :func:`isolate_batches` gives the batch draws a
stream of their own; :func:`compare_factory` wraps a lab's factory to do that for
every task it builds, and :func:`same_batches` proves it by recording the batches
both runs really trained on.

Preset texts (name, question, answer, what to watch) are course content like the
lab notes: English and Chinese are both given here (:class:`Text`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch

from dlviz.core.labs import get_lab
from dlviz.core.labs.base import LabSpec, LabTask

#: Methods that draw one training batch, by the task classes that have them
#: (supervised labs, sequence tasks and autoencoders ``next_batch``; seq2seq and
#: the Transformer ``_batch``; image GANs ``_real_batch``; Siamese ``next_pairs``).
BATCH_METHODS = ("next_batch", "_batch", "_real_batch", "next_pairs")
#: Offset of the batch stream's seed from the lab's seed.
BATCH_SEED_OFFSET = 7919


# -- the shared batch stream ---------------------------------------------------------
def _on_stream(task: LabTask, fn: Callable, stream: torch.Generator,
               record: list | None) -> Callable:
    """``fn`` drawing from ``stream`` instead of the task's generator (and its
    pair sampler's), each batch appended to ``record`` when one is given."""
    sampler = getattr(task, "sampler", None)
    swap_sampler = sampler is not None and hasattr(sampler, "generator")

    @functools.wraps(fn)
    def draw(*args: Any, **kwargs: Any):
        own = task.generator
        task.generator = stream
        if swap_sampler:
            own_sampler, sampler.generator = sampler.generator, stream
        try:
            batch = fn(*args, **kwargs)
        finally:
            task.generator = own
            if swap_sampler:
                sampler.generator = own_sampler
        if record is not None:
            record.append(_detached(batch))
        return batch

    return draw


def _detached(batch: Any) -> Any:
    if isinstance(batch, torch.Tensor):
        return batch.detach().cpu().clone()
    if isinstance(batch, (tuple, list)):
        return tuple(_detached(b) for b in batch)
    return batch


def isolate_batches(task: LabTask, record: list | None = None,
                    own_stream: bool = True) -> bool:
    """Make ``task`` draw its training batches from a stream of their own, seeded
    from ``hparams["seed"]``: the i-th batch is then the same whatever else the
    settings draw. Batches are appended to ``record`` when given; without
    ``own_stream`` they are only recorded (drawn as the lab alone draws them).

    Returns False when the task draws no batches this module knows (an optimizer
    race on a fixed surface).
    """
    if own_stream:
        stream = torch.Generator()
        stream.manual_seed(int(task.hparams.get("seed", 0)) + BATCH_SEED_OFFSET)
    else:
        stream = task.generator
    found = False
    for name in BATCH_METHODS:
        fn = getattr(task, name, None)
        if callable(fn):
            setattr(task, name, _on_stream(task, fn, stream, record))
            found = True
    gan = getattr(task, "gan", None)  # a toy GAN holds its task's real sampler
    if gan is not None and callable(getattr(gan, "sample_real", None)):
        gan.sample_real = _on_stream(task, gan.sample_real, stream, record)
        found = True
    return found


def compare_factory(factory: Callable[[dict, torch.device], LabTask]):
    """``factory`` whose tasks draw their batches from the shared stream."""

    @functools.wraps(factory)  # keeps ``live_hparams`` and the like
    def build(hparams: dict, device: torch.device) -> LabTask:
        task = factory(hparams, device)
        isolate_batches(task)
        report_layer_gradients(task)
        remember_snapshots(task)
        return task

    return build


# -- gradient norm per layer ---------------------------------------------------------
#: Snapshot key of a side's per-layer gradient norms: ``(labels, norms)``.
GRAD_KEY = "compare_layer_grads"


def layer_gradients(model: torch.nn.Module) -> tuple[list[str], list[float]] | None:
    """The gradient norm of each weight layer of ``model`` (a module owning a
    parameter of two or more dimensions: linear, convolution, recurrent cell), in
    registration order, labelled 1, 2, …; None before the first backward pass."""
    labels, norms = [], []
    for _path, module in model.named_modules():
        own = [p for p in module.parameters(recurse=False) if p.ndim >= 2]
        if not own:
            continue
        grads = [p.grad.detach().reshape(-1) for p in module.parameters(recurse=False)
                 if p.grad is not None]
        if not grads:
            return None  # not trained yet (or this layer is frozen)
        labels.append(str(len(labels) + 1))
        norms.append(float(torch.linalg.vector_norm(torch.cat(grads).float())))
    return (labels, norms) if labels else None


def report_layer_gradients(task: LabTask) -> bool:
    """Add the per-layer gradient norms of the task's last step to its snapshots
    (key :data:`GRAD_KEY`), so compare mode can chart both sides on one scale.
    Tasks without one ``model`` (a GAN's two nets, an optimizer race) are left
    alone; returns whether the task was wrapped."""
    model = getattr(task, "model", None)
    snapshot = getattr(task, "snapshot", None)
    if not isinstance(model, torch.nn.Module) or not callable(snapshot):
        return False

    @functools.wraps(snapshot)
    def with_gradients(*args: Any, **kwargs: Any):
        snap = snapshot(*args, **kwargs)
        if isinstance(snap, dict):
            grads = layer_gradients(task.model)
            if grads is not None:
                snap[GRAD_KEY] = grads
        return snap

    task.snapshot = with_gradients
    return True


# -- snapshots at the same steps (the rewind of a comparison) -------------------------
def remember_snapshots(task: LabTask) -> bool:
    """Keep the task's newest snapshot as ``task.compare_snapshot`` = ``(step,
    snapshot)``, so the pair that drives both sides can see when one side took
    a snapshot and take the other side's at the same step. Returns whether the
    task has snapshots."""
    snapshot = getattr(task, "snapshot", None)
    if not callable(snapshot):
        return False
    task.compare_snapshot = None

    @functools.wraps(snapshot)
    def remembered(*args: Any, **kwargs: Any):
        snap = snapshot(*args, **kwargs)
        if isinstance(snap, dict):
            task.compare_snapshot = (int(task.step), snap)
        return snap

    task.snapshot = remembered
    return True


def compare_spec(spec: LabSpec) -> LabSpec:
    """``spec`` for one side of a comparison (see :func:`compare_factory`)."""
    from dataclasses import replace

    if spec.factory is None:
        raise ValueError(f"{spec.key} trains nothing: there is nothing to compare")
    return replace(spec, factory=compare_factory(spec.factory))


def batch_sequences(spec_a: LabSpec, hp_a: dict, spec_b: LabSpec, hp_b: dict,
                    steps: int, device: torch.device | None = None,
                    own_stream: bool = True) -> tuple[list, list]:
    """Train both sides ``steps`` steps, alternating, as compare mode does; return
    the batches each drew, in order (``own_stream``: see :func:`isolate_batches`)."""
    device = device or torch.device("cpu")
    records: tuple[list, list] = ([], [])
    tasks = []
    for spec, hp, record in ((spec_a, hp_a, records[0]), (spec_b, hp_b, records[1])):
        task = spec.factory(spec.resolve(hp), device)
        if not isolate_batches(task, record, own_stream):
            raise ValueError(f"{spec.key}: no batch method to compare")
        tasks.append(task)
    for _ in range(steps):
        for task in tasks:
            task.train_step()
    return records


def same_batches(spec_a: LabSpec, hp_a: dict, spec_b: LabSpec | None = None,
                 hp_b: dict | None = None, steps: int = 5,
                 device: torch.device | None = None, own_stream: bool = True) -> int:
    """Prove that A and B train on identical batches: train both ``steps`` steps
    and compare every batch drawn, tensor by tensor. Returns the number of batches
    compared (the shorter record: a side with k discriminator steps draws more);
    raises AssertionError at the first that differs."""
    spec_b = spec_b or spec_a
    a, b = batch_sequences(spec_a, hp_a, spec_b, hp_b or hp_a, steps, device,
                           own_stream)
    n = min(len(a), len(b))
    if n == 0:
        raise AssertionError("no batches were drawn")
    for i in range(n):
        if not _equal(a[i], b[i]):
            raise AssertionError(f"batch {i} differs between A and B")
    return n


def _equal(x: Any, y: Any) -> bool:
    if isinstance(x, torch.Tensor):
        return isinstance(y, torch.Tensor) and x.shape == y.shape and bool(
            torch.equal(x, y))
    if isinstance(x, tuple):
        return (isinstance(y, tuple) and len(x) == len(y)
                and all(_equal(p, q) for p, q in zip(x, y, strict=True)))
    return x == y


# -- presets -----------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """A preset's text in the languages of the course."""

    en: str
    zh_CN: str

    def get(self, language: str) -> str:
        return self.zh_CN if language.startswith("zh") else self.en


@dataclass(frozen=True)
class Preset:
    """One classic comparison of a lab.

    ``common`` applies to both sides, then ``a`` and ``b`` to their own; ``lab_b``
    names another lab with the same settings for B (an RNN against an LSTM), empty
    for the same lab.
    """

    key: str
    lab: str
    name: Text
    label_a: Text
    label_b: Text
    question: Text
    answer: Text
    watch: Text
    a: dict[str, Any] = field(default_factory=dict)
    b: dict[str, Any] = field(default_factory=dict)
    common: dict[str, Any] = field(default_factory=dict)
    lab_b: str = ""

    @property
    def other_lab(self) -> str:
        return self.lab_b or self.lab

    def hparams(self, base: dict | None = None) -> tuple[dict, dict]:
        """Validated settings of A and B on top of ``base`` (the lab's current
        settings; defaults when None). Raises ParamError."""
        spec_a, spec_b = get_lab(self.lab), get_lab(self.other_lab)
        start = dict(base or {})
        hp_a = spec_a.resolve({**start, **self.common, **self.a})
        hp_b = spec_b.resolve({**start, **self.common, **self.b})
        return hp_a, hp_b

    def differences(self) -> list[str]:
        """Keys whose values differ between A and B."""
        hp_a, hp_b = self.hparams()
        return [k for k in hp_a if hp_a.get(k) != hp_b.get(k)]


def _t(en: str, zh: str) -> Text:
    return Text(en, zh)


_WHY_FIRST = _t("Which one will learn first? Why?", "哪一个先学会？为什么？")

_DEEP = {"layers": 8, "neurons": 16, "dataset": "moons", "noise": 0.1,
         "optimizer": "Adam", "lr": 0.01}
_NOISY = {"dataset": "moons", "samples": 80, "noise": 0.35, "val_fraction": 0.5,
          "layers": 3, "neurons": 64, "optimizer": "Adam", "lr": 0.01,
          "batch_size": 16}
_OPTIM = {"dataset": "spirals", "layers": 3, "neurons": 32, "lr": 0.01}
_GAN1 = {"target": "mixture"}

PRESETS: tuple[Preset, ...] = (
    Preset(
        "sigmoid_relu_deep", "mlp2d",
        _t("Sigmoid vs ReLU, 8 hidden layers", "8 层隐藏层：Sigmoid 对 ReLU"),
        _t("sigmoid", "sigmoid"), _t("ReLU", "ReLU"),
        _WHY_FIRST,
        _t("ReLU. Its slope is 1 for every active unit, while the sigmoid's is at "
           "most 0.25: through 8 layers the gradient that reaches the first layers "
           "of the sigmoid net shrinks by up to 0.25⁸ ≈ 1.5·10⁻⁵ (vanishing "
           "gradients), so its first layers hardly move.",
           "ReLU。激活单元的 ReLU 导数是 1，而 sigmoid 的导数最大只有 0.25："
           "穿过 8 层后，传到 sigmoid 网络前几层的梯度最多缩小到 0.25⁸ ≈ 1.5·10⁻⁵"
           "（梯度消失），所以前几层几乎不动。"),
        _t("The loss curves, and how long the sigmoid boundary stays a straight "
           "line.", "损失曲线，以及 sigmoid 的决策边界保持直线多久。"),
        a={"activation": "sigmoid"}, b={"activation": "ReLU"}, common=_DEEP,
    ),
    Preset(
        "l2_none", "mlp2d",
        _t("Weight decay (L2) vs none, small noisy set",
           "小而嘈杂的数据：L2 权重衰减 对 无正则化"),
        _t("no regularization", "无正则化"), _t("L2 0.01", "L2 0.01"),
        _t("Which one will do better on the validation points? Why?",
           "哪一个在验证点上表现更好？为什么？"),
        _t("B. With 40 noisy training points a 64-unit net can fit the noise: A's "
           "training loss keeps falling while its validation loss climbs "
           "(overfitting). Weight decay keeps the weights small and the boundary "
           "smooth, so B's validation loss stays lower.",
           "B。只有 40 个带噪声的训练点时，64 个神经元的网络能把噪声也拟合进去：A 的"
           "训练损失一直下降，验证损失却回升（过拟合）。权重衰减让权重保持较小、"
           "边界保持平滑，所以 B 的验证损失更低。"),
        _t("The gap between the solid training and dashed validation curves, and "
           "the islands in A's boundary.",
           "实线（训练）与虚线（验证）之间的差距，以及 A 的边界里的“小岛”。"),
        a={"weight_decay": 0.0}, b={"weight_decay": 0.01}, common=_NOISY,
    ),
    Preset(
        "dropout_none", "mlp2d",
        _t("Dropout vs none, small noisy set", "小而嘈杂的数据：Dropout 对 无正则化"),
        _t("no dropout", "无 Dropout"), _t("dropout 0.5", "Dropout 0.5"),
        _t("Which one will overfit? Why?", "哪一个会过拟合？为什么？"),
        _t("A. Without dropout the net memorizes the 40 noisy points; dropout "
           "trains a different thinned net on every batch, so no unit can rely on "
           "another to memorize one point, and B's boundary stays smoother.",
           "A。没有 Dropout 时网络会记住这 40 个带噪声的点；Dropout 在每个批次训练一个"
           "不同的“变瘦”的网络，任何单元都不能依赖别的单元去记住某个点，所以 B 的"
           "边界更平滑。"),
        _t("The validation curves (dashed) after a few hundred steps.",
           "几百步以后的验证曲线（虚线）。"),
        a={"dropout": 0.0}, b={"dropout": 0.5}, common=_NOISY,
    ),
    Preset(
        "sgd_momentum", "mlp2d",
        _t("SGD vs SGD with momentum", "SGD 对 带动量的 SGD"),
        _t("SGD", "SGD"), _t("SGD + momentum", "SGD + 动量"),
        _WHY_FIRST,
        _t("Momentum. It adds up the steps that keep pointing the same way, so on "
           "long flat valleys it moves up to 1/(1−0.9) = 10× faster than plain SGD "
           "with the same learning rate, and it damps the zig-zag across them.",
           "动量。它把方向一致的步子累加起来，在又长又平的山谷里，同样的学习率下"
           "最多比普通 SGD 快 1/(1−0.9) = 10 倍，并且抑制了横向的来回震荡。"),
        _t("How long each loss stays on its first plateau.",
           "每条损失曲线在第一个平台上停留多久。"),
        a={"optimizer": "SGD"}, b={"optimizer": "SGD+momentum"}, common=_OPTIM,
    ),
    Preset(
        "momentum_adam", "mlp2d",
        _t("SGD with momentum vs Adam", "带动量的 SGD 对 Adam"),
        _t("SGD + momentum", "SGD + 动量"), _t("Adam", "Adam"),
        _WHY_FIRST,
        _t("Usually Adam: it divides each weight's step by that weight's recent "
           "gradient size, so weights with small gradients (the first layers) move "
           "as fast as the others. Momentum uses one learning rate for all.",
           "通常是 Adam：它把每个权重的步长除以该权重最近的梯度大小，梯度小的权重"
           "（前几层）也能和其他权重走得一样快。动量法对所有权重只用一个学习率。"),
        _t("The loss curves in the first few hundred steps.",
           "前几百步的损失曲线。"),
        a={"optimizer": "SGD+momentum"}, b={"optimizer": "Adam"}, common=_OPTIM,
    ),
    Preset(
        "sgd_adam", "mlp2d",
        _t("SGD vs Adam", "SGD 对 Adam"),
        _t("SGD", "SGD"), _t("Adam", "Adam"),
        _WHY_FIRST,
        _t("Adam. Plain SGD with this learning rate crawls across the plateaus; "
           "Adam adds momentum and scales every weight's step by its own gradient "
           "size.",
           "Adam。用这个学习率的普通 SGD 在平台上爬得很慢；Adam 既有动量，又按每个"
           "权重自己的梯度大小调整步长。"),
        _t("The loss curves, and when the spiral arms appear in each boundary.",
           "损失曲线，以及每个决策边界何时出现螺旋臂。"),
        a={"optimizer": "SGD"}, b={"optimizer": "Adam"}, common=_OPTIM,
    ),
    Preset(
        "sigmoid_relu_digits", "mlp_digits",
        _t("Sigmoid vs ReLU, 6 hidden layers", "6 层隐藏层：Sigmoid 对 ReLU"),
        _t("sigmoid", "sigmoid"), _t("ReLU", "ReLU"),
        _WHY_FIRST,
        _t("ReLU: the sigmoid's slope of at most 0.25 per layer makes the gradient "
           "vanish on its way back through 6 layers.",
           "ReLU：sigmoid 每层的导数最多 0.25，梯度反向穿过 6 层时就消失了。"),
        _t("The accuracy curves.", "准确率曲线。"),
        a={"activation": "sigmoid"}, b={"activation": "ReLU"},
        common={"layers": 6, "neurons": 64, "optimizer": "SGD+momentum",
                "lr": 0.05},
    ),
    Preset(
        "batchnorm_on_off", "batchnorm",
        _t("Batch normalization off vs on", "批归一化：关 对 开"),
        _t("no batch norm", "无批归一化"), _t("batch norm", "批归一化"),
        _WHY_FIRST,
        _t("B, with batch normalization. Each layer's pre-activations are "
           "normalized over the batch, so they stay near mean 0 and variance 1 "
           "however the earlier layers change; the large learning rate (0.5) then "
           "works for every layer, and B's loss falls faster.",
           "B，有批归一化的那个。每一层的预激活在批次上被归一化，不论前面的层怎么变，"
           "它们都保持在均值 0、方差 1 附近；于是较大的学习率（0.5）对每一层都合适，"
           "B 的损失下降得更快。"),
        _t("The loss curves, and how far the pre-activation histograms of A drift.",
           "损失曲线，以及 A 的预激活直方图漂移了多远。"),
        a={"batchnorm": False}, b={"batchnorm": True},
    ),
    Preset(
        "resnet_skip", "resnet",
        _t("Plain net vs ResNet, 32 layers", "32 层：普通网络 对 ResNet"),
        _t("no skips", "无跳跃连接"), _t("skips", "跳跃连接"),
        _t("Both are 32 layers deep. Which one trains better? Why?",
           "两个都是 32 层。哪一个训练得更好？为什么？"),
        _t("The ResNet. Without skip connections the deep plain net trains worse "
           "even on its training set (degradation, not overfitting): every layer "
           "must learn its whole mapping. With skips a block only learns a "
           "residual, and the gradient flows back through the identity paths.",
           "ResNet。没有跳跃连接的深层普通网络连训练集都训练得更差（这是退化，"
           "不是过拟合）：每一层都要学会完整的映射。有跳跃连接时一个块只学残差，"
           "梯度也能沿恒等路径流回去。"),
        _t("The training loss curves (solid): degradation shows on the training "
           "set.", "训练损失曲线（实线）：退化在训练集上就能看到。"),
        a={"skip": False}, b={"skip": True}, common={"depth": "32"},
    ),
    Preset(
        "fcn_unet", "segmentation",
        _t("FCN vs U-Net (skip connection)", "FCN 对 U-Net（跳跃连接）"),
        _t("FCN", "FCN"), _t("with skip", "有跳跃连接"),
        _t("Which one draws sharper object edges? Why?",
           "哪一个画出的物体边缘更清晰？为什么？"),
        _t("The net with the skip: the decoder gets the encoder's full-resolution "
           "features back, so the edges lost by downsampling are restored. The "
           "plain FCN upsamples coarse maps and its edges stay blurred. It takes "
           "a while to show: after 100 steps here the net with the skip labels "
           "55 % of the pixels on object borders right and the FCN 46 %, while "
           "inside the objects both get about 90 %.",
           "有跳跃连接的网络：解码器拿回编码器的全分辨率特征，下采样丢掉的边缘被"
           "恢复。普通 FCN 只能把粗糙的特征图放大，边缘依然模糊。这需要训练一段时间"
           "才看得出来：本实验 100 步后，有跳跃连接的网络在物体边界上的像素有 55 % "
           "分对，FCN 只有 46 %，而物体内部两者都在 90 % 左右。"),
        _t("The predicted masks at the objects' borders.",
           "预测掩码在物体边界处的样子。"),
        a={"skip": False}, b={"skip": True},
    ),
    Preset(
        "rnn_lstm_adding", "rnn",
        _t("RNN vs LSTM on the adding problem", "加法问题：RNN 对 LSTM"),
        _t("RNN", "RNN"), _t("LSTM", "LSTM"),
        _t("The two marked numbers can be up to 50 steps apart. Which cell learns "
           "to add them? Why?", "两个被标记的数最多可能相隔 50 步。哪种单元能学会"
           "把它们相加？为什么？"),
        _t("The LSTM. In a plain RNN the gradient is multiplied by the recurrent "
           "Jacobian at every step and vanishes over 50 steps, so it only learns "
           "to output the mean (loss ≈ 0.17). The LSTM's cell state is updated "
           "additively through its gates, which keeps the gradient alive.",
           "LSTM。普通 RNN 的梯度每一步都要乘以循环雅可比矩阵，50 步后就消失了，"
           "所以它只学会输出平均值（损失约 0.17）。LSTM 的细胞状态通过门以加法方式"
           "更新，梯度得以保持。"),
        _t("Whether each loss gets below the 0.17 line of always guessing the mean.",
           "每条损失曲线能否降到“总是猜平均值”的 0.17 以下。"),
        common={"task": "adding", "length": 50}, lab_b="lstm",
    ),
    Preset(
        "rnn_gru_adding", "rnn",
        _t("RNN vs GRU on the adding problem", "加法问题：RNN 对 GRU"),
        _t("RNN", "RNN"), _t("GRU", "GRU"),
        _WHY_FIRST,
        _t("The GRU: its update gate lets the hidden state pass unchanged across "
           "many steps, so the gradient does not vanish as in the plain RNN.",
           "GRU：它的更新门让隐藏状态可以原样穿过许多步，梯度不会像普通 RNN 那样"
           "消失。"),
        _t("The loss curves against the 0.17 line of guessing the mean.",
           "损失曲线和“猜平均值”的 0.17 线。"),
        common={"task": "adding", "length": 50}, lab_b="gru",
    ),
    Preset(
        "clip_rnn", "rnn",
        _t("Gradient clipping on vs off", "梯度裁剪：开 对 关"),
        _t("clipping", "裁剪"), _t("no clipping", "不裁剪"),
        _t("With a large learning rate, which run will jump? Why?",
           "学习率较大时，哪一次训练会“跳”？为什么？"),
        _t("B. Gradients through many time steps can explode; one huge step then "
           "throws the weights far away and the loss jumps. Clipping rescales the "
           "gradient to norm at most 1, keeping each step's direction but capping "
           "its length.",
           "B。穿过许多时间步的梯度可能爆炸；一步巨大的更新会把权重甩得很远，损失"
           "随之跳起。裁剪把梯度的范数缩放到不超过 1：保留方向，限制步长。"),
        _t("Spikes in B's loss curve and its gradient-norm chart.",
           "B 的损失曲线和梯度范数图上的尖峰。"),
        a={"clip": True}, b={"clip": False},
        common={"task": "forecast", "optimizer": "SGD", "lr": 0.5,
                "length": 100},
    ),
    Preset(
        "clip_lstm", "lstm",
        _t("Gradient clipping on vs off", "梯度裁剪：开 对 关"),
        _t("clipping", "裁剪"), _t("no clipping", "不裁剪"),
        _t("With a large learning rate, which run will jump? Why?",
           "学习率较大时，哪一次训练会“跳”？为什么？"),
        _t("B: without clipping one exploding gradient is enough to throw the "
           "weights far away; clipping caps each step's length.",
           "B：不裁剪时，一次梯度爆炸就足以把权重甩远；裁剪限制了每一步的长度。"),
        _t("Spikes in B's loss curve.", "B 的损失曲线上的尖峰。"),
        a={"clip": True}, b={"clip": False},
        common={"optimizer": "SGD", "lr": 1.0},
    ),
    Preset(
        "seq2seq_teacher", "seq2seq",
        _t("Teacher forcing 1.0 vs 0.0", "Teacher forcing：1.0 对 0.0"),
        _t("teacher forcing 1.0", "teacher forcing 1.0"),
        _t("teacher forcing 0.0", "teacher forcing 0.0"),
        _WHY_FIRST,
        _t("A, fed the true previous token, learns much faster: each step is an "
           "easy one-token prediction. B is fed its own early mistakes and "
           "learns slowly, but it is trained on the situation it meets at test "
           "time; scheduled sampling mixes the two.",
           "A 每步都拿到真实的上一个词，学得快得多：每一步只是简单的单词预测。B 拿到"
           "的是自己早期的错误输出，学得慢，但它练习的正是测试时的情形；"
           "计划采样（scheduled sampling）把两者结合起来。"),
        _t("The training loss (solid) against the validation accuracy of greedy "
           "decoding.", "训练损失（实线）与贪心解码的验证准确率。"),
        a={"teacher_forcing": 1.0}, b={"teacher_forcing": 0.0},
    ),
    Preset(
        "seq2seq_attention", "seq2seq",
        _t("With vs without attention, reversing strings",
           "反转字符串：有注意力 对 无注意力"),
        _t("attention", "有注意力"), _t("no attention", "无注意力"),
        _t("The strings have 4 to 10 letters. Which decoder learns to reverse the "
           "long ones? Why?",
           "字符串有 4 到 10 个字母。哪个解码器能学会反转长字符串？为什么？"),
        _t("A, with attention. Without attention the decoder sees only the "
           "encoder's final state: one fixed-size vector must hold the whole "
           "string, and the longer the input, the more of it is lost. With "
           "attention every output step looks back at the letter it needs (the "
           "mirrored position: the anti-diagonal of A's attention map). Here, "
           "after 150 steps, A reverses almost every 9–10 letter string and B "
           "none of them, though B gets most short ones right.",
           "A，有注意力的那个。没有注意力时，解码器只能看到编码器的最终状态：一个固定"
           "大小的向量要装下整个字符串，输入越长，丢失的就越多。有注意力时，每个输出"
           "步都回头去看它需要的那个字母（镜像位置：A 的注意力图上的反对角线）。本实验"
           "训练 150 步后，A 几乎能反转所有 9–10 个字母的字符串，B 一个也反转不了，"
           "但短字符串 B 大多能做对。"),
        _t("The validation accuracy curves, and which samples B gets wrong (the "
           "long ones). B's attention map stays empty: it has none.",
           "验证准确率曲线，以及 B 做错的是哪些样本（长的那些）。B 的注意力图是空的："
           "它没有注意力。"),
        a={"use_attention": True}, b={"use_attention": False},
        common={"task": "reverse", "samples": 2000},
    ),
    Preset(
        "gan1d_minimax", "gan1d",
        _t("GAN: minimax vs non-saturating loss", "GAN：极小极大损失 对 非饱和损失"),
        _t("minimax", "极小极大"), _t("non-saturating", "非饱和"),
        _WHY_FIRST,
        _t("In theory the non-saturating loss: when D confidently rejects the "
           "fakes, log(1 − D(G(z))) is flat and the minimax generator gets almost "
           "no gradient, while maximizing log D(G(z)) gives G its strongest "
           "gradient exactly when it is worst. In this small lab, though, they "
           "keep pace: D never gets that confident (it gives the fakes about "
           "0.4–0.5 in the first 150 steps), so the minimax loss does not "
           "saturate and both densities move onto the target alike.",
           "理论上是非饱和损失：当 D 很有把握地识破假样本时，log(1 − D(G(z))) 几乎是"
           "平的，极小极大的生成器几乎得不到梯度；改为最大化 log D(G(z)) 后，G 在最差的"
           "时候反而得到最强的梯度。但在这个小实验里两者不相上下：D 从未那么有把握"
           "（前 150 步它给假样本的输出约为 0.4–0.5），极小极大损失没有饱和，两个生成"
           "分布以差不多的速度移向目标。"),
        _t("How fast each generated density moves onto the target.",
           "每个生成分布向目标移动的速度。"),
        a={"loss": "minimax"}, b={"loss": "nonsaturating"}, common=_GAN1,
    ),
    Preset(
        "gan1d_k", "gan1d",
        _t("GAN: k = 1 vs 5 discriminator steps", "GAN：每步判别器训练 k = 1 对 5"),
        _t("k = 1", "k = 1"), _t("k = 5", "k = 5"),
        _t("Which discriminator stays closer to the optimal D? What does G get "
           "from that?", "哪个判别器更接近最优 D？G 从中得到了什么？"),
        _t("k = 5: D gets 5 updates per G step and stays near the optimal "
           "p_data / (p_data + p_g) (here, after 50 steps, about a third as far "
           "from it as k = 1's), so G follows the gradient of a nearly optimal D. "
           "That does not make G faster in this lab: after 200 steps the k = 5 "
           "generator still sits on one of the two bumps while k = 1's covers "
           "both — a D that is right about the current G can push all of G the "
           "same way. On the 2-D ring (GAN in 2-D) k = 5 covers more modes.",
           "k = 5：每次 G 更新时 D 更新 5 次，始终接近最优的 p_data / (p_data + p_g)"
           "（本实验 50 步后，它离最优 D 的距离约为 k = 1 的三分之一），"
           "G 沿着近乎最优的 D 的梯度前进。但在这个实验里 G 并没有因此更快："
           "200 步后 k = 5 的生成器仍停在"
           "两个峰中的一个上，而 k = 1 的已覆盖两个峰——一个对当前 G 判断正确的 D 可能"
           "把整个 G 推向同一个方向。在二维的环上（二维 GAN），k = 5 覆盖的模式更多。"),
        _t("D's curve against the optimal D, and the density overlap.",
           "D 的曲线与最优 D 的差距，以及两个分布的重叠。"),
        a={"d_steps": 1}, b={"d_steps": 5}, common=_GAN1,
    ),
    Preset(
        "gan2d_minimax", "gan2d",
        _t("GAN: minimax vs non-saturating loss", "GAN：极小极大损失 对 非饱和损失"),
        _t("minimax", "极小极大"), _t("non-saturating", "非饱和"),
        _WHY_FIRST,
        _t("In theory the non-saturating loss: with the minimax loss a confident D "
           "leaves G on the flat part of log(1 − D), with hardly any gradient. "
           "Here the difference is small and changes from run to run: D gives the "
           "fakes 0.2–0.6 in the first 150 steps, so the minimax loss hardly "
           "saturates.",
           "理论上是非饱和损失：用极小极大损失时，自信的 D 让 G 停在 log(1 − D) 平坦的"
           "部分，几乎没有梯度。但在这里差别很小，而且每次训练都不一样：前 150 步 D 给"
           "假样本的输出在 0.2–0.6 之间，极小极大损失几乎没有饱和。"),
        _t("How many modes of the ring each generator covers.",
           "每个生成器覆盖了环上的几个模式。"),
        a={"loss": "minimax"}, b={"loss": "nonsaturating"},
    ),
    Preset(
        "gan2d_k", "gan2d",
        _t("GAN: k = 1 vs 5 discriminator steps", "GAN：每步判别器训练 k = 1 对 5"),
        _t("k = 1", "k = 1"), _t("k = 5", "k = 5"),
        _t("Which run covers the ring more evenly?",
           "哪一次训练更均匀地覆盖了整个环？"),
        _t("Usually k = 5: a discriminator kept near its optimum points G to the "
           "modes it misses, instead of chasing the one it just found.",
           "通常是 k = 5：保持在最优附近的判别器会把 G 指向它漏掉的模式，而不是追着刚"
           "找到的那个模式跑。"),
        _t("The generated points and the coverage bars.", "生成的点和覆盖率柱状图。"),
        a={"d_steps": 1}, b={"d_steps": 5},
    ),
    Preset(
        "dcgan_minimax", "dcgan",
        _t("DCGAN: minimax vs non-saturating loss",
           "DCGAN：极小极大损失 对 非饱和损失"),
        _t("minimax", "极小极大"), _t("non-saturating", "非饱和"),
        _WHY_FIRST,
        _t("In theory the non-saturating loss: once D rejects the fakes with "
           "confidence, the minimax loss gives G almost no gradient. At this "
           "lab's settings D does not win early (it gives the fakes about ½ in the "
           "first 30 steps) and both generators get the same gradient, so watch "
           "D's output on the fakes: the two runs part only when it falls towards "
           "0.",
           "理论上是非饱和损失：一旦 D 很有把握地识破假样本，"
           "极小极大损失几乎不给 G 梯度。"
           "在本实验的设置下 D 并没有很早占上风（前 30 步它给假样本的输出约为 ½），两个"
           "生成器得到的梯度相同；请观察 D 对假样本的输出：只有当它降向 0 时，两次训练"
           "才会分开。"),
        _t("When digit shapes first appear in each grid.",
           "每个网格中何时开始出现数字形状。"),
        a={"loss": "minimax"}, b={"loss": "nonsaturating"},
    ),
    Preset(
        "siamese_contrastive_triplet", "siamese",
        _t("Siamese: contrastive vs triplet loss", "孪生网络：对比损失 对 三元组损失"),
        _t("contrastive", "对比损失"), _t("triplet, semi-hard", "三元组，半难挖掘"),
        _t("Which one separates the pairs better? How will their distance "
           "histograms differ?",
           "哪一个能更好地区分样本对？两者的距离直方图会有什么不同？"),
        _t("About equally well (94–95 % pair verification after 400 steps here), "
           "with different distances: the contrastive loss pulls same-class pairs "
           "to 0 and stops different-class pairs at the margin, while the triplet "
           "loss only asks d(a, n) > d(a, p) + m, so its embedding keeps spreading "
           "out and its distances and threshold end up several times larger.",
           "两者差不多（本实验 400 步后样本对验证准确率都在 94–95 %），但距离不同："
           "对比损失把同类样本对拉到 0，把异类样本对推到间隔处就停下；三元组损失只要求 "
           "d(a, n) > d(a, p) + m，所以嵌入会不断散开，距离和阈值最终大好几倍。"),
        _t("The two distance histograms (their scales and the threshold lines) and "
           "the validation accuracy curves.",
           "两个距离直方图（刻度和阈值线）以及验证准确率曲线。"),
        a={"loss": "contrastive"}, b={"loss": "triplet"},
        common={"mining": "semi-hard"},
    ),
)


def presets_for(lab: str) -> list[Preset]:
    """The presets of lab ``lab`` (in course order)."""
    return [p for p in PRESETS if p.lab == lab]


def preset(key: str) -> Preset:
    for p in PRESETS:
        if p.key == key:
            return p
    raise KeyError(key)


# -- compare scenes of lessons -------------------------------------------------------
#: Fields of a lesson scene's ``compare``: a preset's key and/or B's own settings.
SCENE_COMPARE_KEYS = ("preset", "b")


def scene_comparison(lab: str, hparams: dict, compare: dict
                     ) -> tuple[Preset | None, dict, dict]:
    """The comparison a lesson scene opens: ``(preset, A's settings, B's
    settings)``, both validated. ``compare`` is ``{"preset": key}`` (the preset's
    A and B on top of the scene's settings), ``{"b": {...}}`` (A: the scene's
    settings; B: those with these changed), or both (the preset's B, then these).
    Raises ValueError (unknown field or preset, a preset of another lab) or
    ParamError (a bad setting)."""
    if not isinstance(compare, dict):
        raise ValueError("compare must be an object")
    unknown = sorted(set(compare) - set(SCENE_COMPARE_KEYS))
    if unknown:
        raise ValueError(f"unknown compare field {unknown[0]!r}")
    key, b = compare.get("preset"), compare.get("b", {})
    if key is None and not b:
        raise ValueError("compare needs a preset or B's settings")
    if not isinstance(b, dict):
        raise ValueError("compare.b must be an object of settings")
    spec = get_lab(lab)
    if key is None:
        hp_a = spec.resolve(hparams)
        return None, hp_a, spec.resolve({**hp_a, **b})
    try:
        p = preset(str(key))
    except KeyError:
        raise ValueError(f"unknown compare preset {key!r}") from None
    if p.lab != lab:
        raise ValueError(
            f"the preset {p.key!r} compares runs of {p.lab!r}, not {lab!r}")
    hp_a, hp_b = p.hparams(spec.resolve(hparams))
    if b:
        hp_b = get_lab(p.other_lab).resolve({**hp_b, **b})
    return p, hp_a, hp_b
