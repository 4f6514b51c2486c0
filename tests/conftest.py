"""Test configuration shared by every test: headless Qt, one torch thread."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DLVIZ_TORCH_THREADS", "1")
os.environ.setdefault("DLVIZ_SETTINGS_ORG", "dlviz-tests")
