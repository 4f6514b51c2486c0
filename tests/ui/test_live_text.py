"""LiveText: live numbers that do not lay the window out on every change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from dlviz.ui.kit import LiveText


class _LayoutRequests(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _row(qtbot, label):
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.addWidget(label)
    layout.addWidget(QLabel("after"))
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    requests = _LayoutRequests()
    row.installEventFilter(requests)
    qtbot.wait(20)
    requests.count = 0
    return row, requests


def test_changing_numbers_lay_nothing_out_and_a_wider_text_makes_room(qtbot):
    live = LiveText("–", typical="00.0000")
    row, requests = _row(qtbot, live)
    width = live.width()
    assert width >= live.fontMetrics().horizontalAdvance("00.0000")
    for step in range(30):
        live.setText(f"{step / 7:.4f}")
        qtbot.wait(1)
    assert requests.count == 0 and live.width() == width
    assert live.text() == f"{29 / 7:.4f}"
    live.setText("a much longer text than any number")
    qtbot.wait(20)
    assert requests.count >= 1 and live.width() > width
    assert live.label.width() == live.width()  # the whole text is shown
    # a plain QLabel asks for a layout on every change
    plain = QLabel("–")
    _row2, plain_requests = _row(qtbot, plain)
    for step in range(10):
        plain.setText(f"{step / 7:.4f}")
        qtbot.wait(1)
    assert plain_requests.count >= 5


def test_a_larger_font_gives_more_room(qtbot):
    live = LiveText("12.3456")
    _row_widget, _requests = _row(qtbot, live)
    before = live.sizeHint().width()
    font = live.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    live.setFont(font)
    assert live.sizeHint().width() > 1.6 * before
    assert live.label.font().pointSizeF() == font.pointSizeF()
