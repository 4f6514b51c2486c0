"""A small CNN with a home-made residual block — open it with File → Open model…
and train it on "Digits 32×32" (input [batch, 1, 32, 32], 10 classes)."""

import torch
from torch import nn


class ResidualBlock(nn.Module):
    """Two 3×3 convolutions whose result is added to the block's input."""

    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.relu(self.conv1(x))
        return torch.relu(x + self.conv2(y))


class BlockCNN(nn.Module):
    """conv → pool → residual block → pool → linear classifier."""

    def __init__(self, channels: int = 8, classes: int = 10):
        super().__init__()
        self.stem = nn.Conv2d(1, channels, 3, padding=1)
        self.pool1 = nn.MaxPool2d(2)
        self.block = ResidualBlock(channels)
        self.pool2 = nn.MaxPool2d(2)
        self.head = nn.Linear(channels * 8 * 8, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(torch.relu(self.stem(x)))
        x = self.pool2(self.block(x))
        return self.head(x.flatten(1))
