"""A canvas to draw a digit with the mouse or a pen, for live predictions.

White round strokes on black. While drawing, the canvas emits the drawing as a small
float32 image in [0, 1] (28×28 by default), prepared like MNIST: the ink's bounding
box is scaled into a 20×20 box and shifted so its centre of mass is in the middle.
Emission is throttled by a timer to at most ~20 per second.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

#: Side of the internal drawing image in pixels (ten per output pixel at 28×28).
CANVAS_PIXELS = 280


def _area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) weights averaging input pixels into output bins by overlap."""
    edges_in = np.arange(n_in + 1) / n_in
    edges_out = np.arange(n_out + 1) / n_out
    low = np.maximum(edges_out[:-1, None], edges_in[None, :-1])
    high = np.minimum(edges_out[1:, None], edges_in[None, 1:])
    overlap = np.clip(high - low, 0.0, None)
    return overlap / overlap.sum(1, keepdims=True)


def center_like_mnist(
    ink: np.ndarray, size: int = 28, box: int = 20
) -> np.ndarray:
    """Fit the ink of a square (H, W) image in [0, 1] into a ``box``-pixel square,
    place it in a ``size``×``size`` image and centre its centre of mass.

    Returns float32 (size, size) in [0, 1]; all zeros when there is no ink.
    """
    out = np.zeros((size, size), dtype=np.float32)
    rows = np.flatnonzero(ink.max(1) > 0)
    cols = np.flatnonzero(ink.max(0) > 0)
    if rows.size == 0:
        return out
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    side = max(crop.shape)
    square = np.zeros((side, side), dtype=np.float64)
    top, left = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    box = min(box, size)
    small = _area_matrix(side, box) @ square @ _area_matrix(side, box).T
    offset = (size - box) // 2
    out[offset : offset + box, offset : offset + box] = small
    total = out.sum()
    if total > 0:
        yy, xx = np.indices(out.shape)
        dy = int(round((size - 1) / 2 - (yy * out).sum() / total))
        dx = int(round((size - 1) / 2 - (xx * out).sum() / total))
        out = _shift(out, dy, dx)
    return np.clip(out, 0.0, 1.0).astype(np.float32)


def _shift(image: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move ``image`` by (dy, dx) pixels, filling with zeros."""
    h, w = image.shape
    out = np.zeros_like(image)
    src_y = slice(max(0, -dy), min(h, h - dy))
    dst_y = slice(max(0, dy), min(h, h + dy))
    src_x = slice(max(0, -dx), min(w, w - dx))
    dst_x = slice(max(0, dx), min(w, w + dx))
    out[dst_y, dst_x] = image[src_y, src_x]
    return out


class _Surface(QWidget):
    """The square drawing area; paints a grayscale QImage scaled to fit."""

    stroke = Signal()
    stroke_finished = Signal()

    def __init__(self, brush_fraction: float, parent: QWidget | None = None):
        super().__init__(parent)
        side = CANVAS_PIXELS
        self.image = QImage(side, side, QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self.brush = brush_fraction * CANVAS_PIXELS
        self._last: QPointF | None = None
        self.setMinimumSize(280, 280)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def target_rect(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_image(self, pos: QPointF) -> QPointF:
        rect = self.target_rect()
        scale = CANVAS_PIXELS / max(rect.width(), 1.0)
        return QPointF((pos.x() - rect.x()) * scale, (pos.y() - rect.y()) * scale)

    def _draw_to(self, point: QPointF) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(255, 255, 255), self.brush)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        start = self._last if self._last is not None else point
        painter.drawLine(start, point)
        painter.end()
        self._last = point
        self.update()
        self.stroke.emit()

    def clear(self) -> None:
        self.image.fill(0)
        self._last = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = None
            self._draw_to(self.to_image(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._draw_to(self.to_image(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = None
            self.stroke_finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(60, 60, 60))
        rect = self.target_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(rect, self.image)
        painter.setPen(QPen(QColor(120, 120, 120), 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    def ink(self) -> np.ndarray:
        """The drawing as float (CANVAS_PIXELS, CANVAS_PIXELS) in [0, 1]."""
        ptr = self.image.constBits()
        stride = self.image.bytesPerLine()
        raw = np.frombuffer(ptr, dtype=np.uint8, count=stride * CANVAS_PIXELS)
        raw = raw.reshape(CANVAS_PIXELS, stride)[:, :CANVAS_PIXELS]
        return raw.astype(np.float32) / 255.0


class DrawCanvas(QWidget):
    """Draw a digit; emits ``drawing_changed(array)`` with float32 (size, size).

    Parameters
    ----------
    output_size
        Side of the emitted image (28 for MNIST-like models, 8 for the bundled digits).
    box
        Side of the box the ink is scaled into (20 of 28 as MNIST; ``None`` picks
        ``round(output_size · 20/28)``).
    brush_fraction
        Brush width as a fraction of the canvas side.
    max_rate_hz
        Most emissions per second while drawing.
    """

    drawing_changed = Signal(object)

    def __init__(
        self,
        output_size: int = 28,
        box: int | None = None,
        brush_fraction: float = 0.085,
        max_rate_hz: float = 20.0,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.output_size = output_size
        self.box = box if box is not None else max(1, round(output_size * 20 / 28))
        self.surface = _Surface(brush_fraction, self)
        self.clear_button = QPushButton("Clear", self)
        font = self.clear_button.font()
        font.setPointSizeF(max(font.pointSizeF(), 13.0))
        self.clear_button.setFont(font)
        self.clear_button.setMinimumHeight(40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.surface, 1)
        layout.addWidget(self.clear_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(1000 / max_rate_hz))
        self._timer.timeout.connect(self._emit_now)
        self._dirty = False
        self.surface.stroke.connect(self._on_stroke)
        self.surface.stroke_finished.connect(self.flush)
        self.clear_button.clicked.connect(self.clear)

    def array(self) -> np.ndarray:
        """The current drawing, prepared like MNIST: float32 (size, size) in [0, 1]."""
        return center_like_mnist(self.surface.ink(), self.output_size, self.box)

    def is_empty(self) -> bool:
        return not bool(self.surface.ink().any())

    def clear(self) -> None:
        """Erase the drawing and emit an all-zero image at once."""
        self._timer.stop()
        self._dirty = False
        self.surface.clear()
        self.drawing_changed.emit(np.zeros((self.output_size,) * 2, dtype=np.float32))

    def flush(self) -> None:
        """Emit now if the drawing changed since the last emission."""
        if self._dirty:
            self._timer.stop()
            self._emit_now()

    def shutdown(self) -> None:
        self._timer.stop()

    def _on_stroke(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def _emit_now(self) -> None:
        self._dirty = False
        self.drawing_changed.emit(self.array())
