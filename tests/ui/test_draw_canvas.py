"""The draw-a-digit canvas: strokes become ink where drawn, clear empties it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt

from dlviz.ui.widgets.draw_canvas import DrawCanvas, center_like_mnist


def _stroke(qtbot, widget, points):
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_vertical_stroke_gives_centred_vertical_ink(qtbot):
    canvas = DrawCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 460)
    canvas.show()
    qtbot.waitExposed(canvas)
    surface = canvas.surface
    rect = surface.target_rect()
    x = int(rect.x() + rect.width() * 0.3)  # off-centre: centring must move it
    top = int(rect.y() + rect.height() * 0.2)
    bottom = int(rect.y() + rect.height() * 0.8)
    points = [(x, y) for y in range(top, bottom + 1, 10)]
    with qtbot.waitSignal(canvas.drawing_changed, timeout=2000) as blocker:
        _stroke(qtbot, surface, points)
    image = blocker.args[0]
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert 0.0 <= image.min() and image.max() <= 1.0
    assert image.max() > 0.9
    ink_rows = np.flatnonzero(image.max(1) > 0.5)
    ink_cols = np.flatnonzero(image.max(0) > 0.5)
    # tall and thin, scaled to the 20-pixel box, centred on the middle
    assert ink_rows[-1] - ink_rows[0] >= 17
    assert ink_cols[-1] - ink_cols[0] <= 8
    yy, xx = np.indices(image.shape)
    assert abs((xx * image).sum() / image.sum() - 13.5) <= 1.0
    assert abs((yy * image).sum() / image.sum() - 13.5) <= 1.0
    # the raw canvas has ink exactly where the stroke went
    ink = surface.ink()
    scale = ink.shape[0] / rect.width()
    col = int((x - rect.x()) * scale)
    mid = int((rect.height() / 2) * scale)
    assert ink[mid, col] > 0.9 and ink[mid, ink.shape[1] - 10] == 0

    with qtbot.waitSignal(canvas.drawing_changed, timeout=1000) as cleared:
        qtbot.mouseClick(canvas.clear_button, Qt.MouseButton.LeftButton)
    assert not cleared.args[0].any()
    assert canvas.is_empty() and not canvas.array().any()


def test_emission_is_throttled(qtbot):
    canvas = DrawCanvas(max_rate_hz=20)
    qtbot.addWidget(canvas)
    canvas.resize(400, 460)
    canvas.show()
    qtbot.waitExposed(canvas)
    received = []
    canvas.drawing_changed.connect(received.append)
    surface = canvas.surface
    qtbot.mousePress(surface, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    for i in range(40):  # 40 moves delivered at once: one pending emission only
        qtbot.mouseMove(surface, QPoint(100 + 4 * i, 120))
    assert received == []
    qtbot.waitUntil(lambda: len(received) == 1, timeout=1000)
    qtbot.mouseRelease(surface, Qt.MouseButton.LeftButton, pos=QPoint(260, 120))
    assert len(received) == 1  # nothing new was drawn since the timer fired


def test_center_like_mnist_scales_and_centres():
    ink = np.zeros((100, 100), dtype=np.float32)
    ink[10:50, 60:80] = 1.0  # a 40×20 block off-centre, scaled by 1/2 into 20×10
    out = center_like_mnist(ink, 28, 20)
    rows = np.flatnonzero(out.max(1) > 0)
    cols = np.flatnonzero(out.max(0) > 0)
    assert len(rows) == 20 and len(cols) == 10
    yy, xx = np.indices(out.shape)
    assert abs((yy * out).sum() / out.sum() - 13.5) <= 0.5
    assert abs((xx * out).sum() / out.sum() - 13.5) <= 0.5
    assert out.sum() == np.float32(200.0)  # 800 ink pixels · (1/2)² by area averaging
    assert not center_like_mnist(np.zeros((50, 50)), 8).any()
    assert center_like_mnist(ink, 8, 8).shape == (8, 8)
