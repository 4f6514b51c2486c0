"""Fixtures of the fault suite: the UI window fixture and leak check, a memory cap
(a runaway allocation fails its test instead of exhausting the machine), and a Qt
message handler that collects warnings."""

from __future__ import annotations

import resource

import pytest

from tests.ui.conftest import _warm_imports, no_leaks, window  # noqa: F401

#: Address space a single fault test may add on top of what the process already has.
MEMORY_HEADROOM = 4 * 2**30


def _address_space() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


@pytest.fixture(autouse=True)
def memory_cap():
    """Cap the address space during the test, so a huge allocation raises
    MemoryError (reported by the engine) instead of invoking the OOM killer."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _address_space() + MEMORY_HEADROOM
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):  # not Linux, or not allowed: run uncapped
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class QtMessages:
    """Every Qt warning, critical and fatal message while installed."""

    #: Harmless messages of the headless platform plugin.
    ignored = ("propagateSizeHints", "QFont::", "fontconfig")

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, mode, context, message: str) -> None:  # noqa: ARG002
        from PySide6.QtCore import QtMsgType

        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if any(text in message for text in self.ignored):
            return
        self.messages.append(message)


@pytest.fixture
def qt_messages(qapp):
    """Collect Qt warnings during the test (fail on them in the test itself)."""
    from PySide6.QtCore import qInstallMessageHandler

    collector = QtMessages()
    previous = qInstallMessageHandler(collector)
    try:
        yield collector
    finally:
        qInstallMessageHandler(previous)
