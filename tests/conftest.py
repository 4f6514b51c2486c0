"""Test configuration shared by every test: headless Qt, one torch thread."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DLVIZ_TORCH_THREADS", "1")
os.environ.setdefault("DLVIZ_SETTINGS_ORG", "dlviz-tests")

import torch  # noqa: E402 - after the environment above

# One torch thread: the suite shares two cores with the GUI thread and other work.
torch.set_num_threads(int(os.environ["DLVIZ_TORCH_THREADS"]))
