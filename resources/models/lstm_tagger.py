"""An LSTM that labels every time step — open it with File → Open model… and train
it on "Sequences" with the copy task (10 one-hot symbols in, 8 classes out per
step) or the reverse task."""

import torch
from torch import nn


class LSTMTagger(nn.Module):
    """LSTM over the sequence, then a linear layer scoring 8 symbols at each step."""

    def __init__(self, n_in: int = 10, hidden: int = 32, n_out: int = 8):
        super().__init__()
        self.lstm = nn.LSTM(n_in, hidden, batch_first=True)
        self.tag = nn.Linear(hidden, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        states, _ = self.lstm(x)  # [batch, time, hidden]
        return self.tag(states)  # [batch, time, n_out]
