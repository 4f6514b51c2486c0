"""The transport bar keeps its counters readable at every window width."""

import pytest

from dlviz.ui.widgets.transport import TransportBar


@pytest.mark.parametrize("width", [700, 1024, 1280, 1920])
def test_counters_are_visible_and_the_bar_is_no_taller_than_its_rows(qtbot, width):
    bar = TransportBar()
    qtbot.addWidget(bar)
    bar.resize(width, 60)
    bar.show()
    qtbot.wait(20)
    bar.resize(width, bar.sizeHint().height())  # as the toolbar holding it does
    qtbot.wait(20)
    for key, label in bar.counters.items():
        assert label.isVisible() and label.width() >= label.sizeHint().width(), key
        assert bar.rect().contains(label.mapTo(bar, label.rect().bottomRight())), key
    one_row = max(bar._controls.sizeHint().height(), bar.counters["loss"].height())
    # one row when buttons and counters fit side by side (at 1920 they always do),
    # two at most on a narrow one; never a band of spare room
    assert bar.sizeHint().height() <= 2 * one_row + 30
    counters = sum(box.sizeHint().width() + 12 for box in bar._boxes.values())
    if width >= 1920 or width >= bar._controls.sizeHint().width() + counters + 40:
        assert not bar._two_rows
        assert bar.sizeHint().height() <= one_row + 10
