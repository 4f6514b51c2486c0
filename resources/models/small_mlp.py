"""A small multilayer perceptron — open it in dlviz with File → Open model…

Train it on "Digits 8×8" (input [batch, 1, 8, 8], 10 classes) or, after changing
``n_in`` to 2 and ``n_out`` to 2, on "2-D points".
"""

from torch import nn


class SmallMLP(nn.Module):
    """Flatten → Linear(64, 32) → ReLU → Linear(32, 10)."""

    def __init__(self, n_in: int = 64, hidden: int = 32, n_out: int = 10):
        super().__init__()
        self.flatten = nn.Flatten()
        self.hidden = nn.Linear(n_in, hidden)
        self.act = nn.ReLU()
        self.out = nn.Linear(hidden, n_out)

    def forward(self, x):
        return self.out(self.act(self.hidden(self.flatten(x))))


def make_points_mlp() -> nn.Module:
    """The same idea for 2-D points: 2 inputs, two hidden layers, 2 classes."""
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(),
                         nn.Linear(16, 2))
