"""A tiny fully convolutional network (Long, Shelhamer and Darrell, 2015) for
per-pixel classes, the arithmetic of transposed convolutions, and mean IoU.

The encoder halves the image three times (48 → 6 pixels); a 1 × 1 convolution turns
the features into class scores; transposed convolutions, started as bilinear
upsampling as in the paper, bring the scores back to full size. With the skip
connection (like FCN-16s) the coarse scores are first doubled and added to scores
read from the finer 1/4-size features.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


def transposed_conv_output_size(
    n: int, kernel: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
    dilation: int = 1,
) -> int:
    """Output length of a transposed convolution:
    ``(n − 1)·s − 2p + d·(k − 1) + output_padding + 1`` (``(n − 1)·s − 2p + k``
    for ``d = 1`` and no output padding)."""
    return (n - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def transposed_conv_formula(n: int, kernel: int, stride: int, padding: int) -> str:
    """The size formula with these numbers filled in, for a label."""
    out = transposed_conv_output_size(n, kernel, stride, padding)
    return (
        f"(n − 1)·s − 2p + k = ({n} − 1)·{stride} − 2·{padding} + {kernel} = {out}"
    )


def transposed_conv_coverage(
    n: int, kernel: int, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """How many input cells write into each output cell of a 2-D transposed
    convolution (n × n input, k × k kernel): the output of all-ones weights on an
    all-ones input. Uneven counts (k not a multiple of s) are the checkerboard."""
    full = (n - 1) * stride + kernel
    line = np.zeros(full, np.int64)
    for i in range(n):
        line[i * stride : i * stride + kernel] += 1
    line = line[padding : full - padding] if padding else line
    return np.outer(line, line)


def bilinear_kernel(channels: int, kernel: int) -> torch.Tensor:
    """Weights (C, C, k, k) that make a transposed convolution upsample each channel
    bilinearly (and mix no channels)."""
    factor = (kernel + 1) // 2
    centre = factor - 1 if kernel % 2 == 1 else factor - 0.5
    grid = torch.arange(kernel, dtype=torch.float32)
    line = 1 - (grid - centre).abs() / factor
    weight = torch.zeros(channels, channels, kernel, kernel)
    weight[range(channels), range(channels)] = line[:, None] * line[None, :]
    return weight


def _upsample(channels: int, factor: int) -> nn.ConvTranspose2d:
    """A transposed convolution that enlarges ``factor`` times: k = 2f, s = f,
    p = f/2, so the output is exactly ``factor · n``."""
    layer = nn.ConvTranspose2d(channels, channels, 2 * factor, stride=factor,
                               padding=factor // 2, bias=False)
    with torch.no_grad():
        layer.weight.copy_(bilinear_kernel(channels, 2 * factor))
    return layer


class TinyFCN(nn.Module):
    """Encoder of three conv + pool stages, 1 × 1 class scores, transposed-conv
    decoder; ``skip`` adds the scores of the 1/4-size features (FCN-16s style)."""

    def __init__(self, n_classes: int, width: int = 16, skip: bool = True):
        super().__init__()
        w = width
        self.skip = skip
        self.stage1 = nn.Sequential(nn.Conv2d(1, w, 3, padding=1), nn.ReLU(),
                                    nn.MaxPool2d(2))
        self.stage2 = nn.Sequential(nn.Conv2d(w, 2 * w, 3, padding=1), nn.ReLU(),
                                    nn.MaxPool2d(2))
        self.stage3 = nn.Sequential(nn.Conv2d(2 * w, 4 * w, 3, padding=1), nn.ReLU(),
                                    nn.MaxPool2d(2),
                                    nn.Conv2d(4 * w, 4 * w, 3, padding=1), nn.ReLU())
        self.score = nn.Conv2d(4 * w, n_classes, 1)
        if skip:
            self.score_skip = nn.Conv2d(2 * w, n_classes, 1)
            self.up2 = _upsample(n_classes, 2)
            self.up4 = _upsample(n_classes, 4)
        else:
            self.up8 = _upsample(n_classes, 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        quarter = self.stage2(self.stage1(x))
        scores = self.score(self.stage3(quarter))
        if self.skip:
            return self.up4(self.up2(scores) + self.score_skip(quarter))
        return self.up8(scores)

    def upsampling_layers(self) -> list[tuple[str, nn.ConvTranspose2d]]:
        """The transposed convolutions in the order they run."""
        names = ("up2", "up4") if self.skip else ("up8",)
        return [(name, getattr(self, name)) for name in names]


def confusion_matrix(
    predicted: torch.Tensor, target: torch.Tensor, n_classes: int
) -> torch.Tensor:
    """(C, C) pixel counts: row = true class, column = predicted class."""
    pairs = target.reshape(-1) * n_classes + predicted.reshape(-1)
    return torch.bincount(pairs, minlength=n_classes**2).reshape(n_classes, n_classes)


def segmentation_scores(confusion: torch.Tensor | np.ndarray) -> dict[str, object]:
    """Pixel accuracy, IoU per class and their mean (over classes that occur in the
    truth or the prediction) from a confusion matrix.

    ``IoU_c = TP_c / (TP_c + FP_c + FN_c)``.
    """
    cm = np.asarray(confusion, dtype=np.float64)
    tp = np.diag(cm)
    union = cm.sum(0) + cm.sum(1) - tp
    iou = np.divide(tp, union, out=np.full(len(tp), np.nan), where=union > 0)
    present = union > 0
    return {
        "pixel_acc": float(tp.sum() / max(cm.sum(), 1.0)),
        "iou": iou,
        "miou": float(iou[present].mean()) if present.any() else 0.0,
    }
