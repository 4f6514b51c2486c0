"""Test configuration shared by every test: headless Qt, one torch thread."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DLVIZ_TORCH_THREADS", "1")
os.environ.setdefault("DLVIZ_SETTINGS_ORG", "dlviz-tests")
# Settings of this test run only (never the user's, never a previous run's): a
# fresh INI file, so a language or theme one run leaves behind cannot leak.
os.environ["DLVIZ_SETTINGS_FILE"] = os.path.join(
    tempfile.mkdtemp(prefix="dlviz-tests-"), "settings.ini"
)

import torch  # noqa: E402 - after the environment above

# One torch thread: the suite shares two cores with the GUI thread and other work.
torch.set_num_threads(int(os.environ["DLVIZ_TORCH_THREADS"]))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _forget_runtime_labs():
    """Labs registered at run time during a test (a user's model, e.g. by loading a
    lesson with a model scene) are removed after it: other tests see the built-in
    labs only."""
    from dlviz.core import labs

    before = set(labs._RUNTIME)
    yield
    for key in set(labs._RUNTIME) - before:
        labs.unregister_lab(key)


@pytest.fixture(autouse=True)
def _collect_between_tests():
    """Once a test has created the application, automatic garbage collection is off
    (it runs on a GUI timer, :mod:`dlviz.ui.gui_gc`); tests that never spin the event
    loop still get the collections that are due, between tests, on this thread."""
    import gc

    yield
    if not gc.isenabled():
        from dlviz.ui.gui_gc import collect_due

        collect_due()
