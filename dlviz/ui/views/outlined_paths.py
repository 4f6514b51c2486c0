"""Many outlined polylines on a plot, drawn by one graphics item.

A line on a colour map needs a dark outline to be seen over every colour; with
pyqtgraph that is a curve with a shadow pen, and each curve is an item of its own
with its own bookkeeping on every update (bounds, geometry, a repaint). Seven
moving paths updated thirty times a second spent more time in that bookkeeping
than in painting. :class:`OutlinedPaths` keeps the paths' points only and paints
them all in one pass: per path, its outline, its line and, while asked for, a dot
at every point (outlined too). The outline is not antialiased (the line over it
is): the same to the eye, and half the painting time of a long scribbling path.

Each path is an :class:`OutlinedPath`, the handle the owner updates and the legend
shows (:class:`PathSample`: a click on the entry hides or shows the path, as with
pyqtgraph's own legend entries).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from pyqtgraph.graphicsItems.LegendItem import ItemSample, invisibleEye
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from dlviz.ui import theme

#: The antialiased line is painted in pieces of this many segments (square caps
#: close the joints between them): Qt antialiases one long self-crossing polyline
#: far more slowly than its pieces — a path scribbling 400 times across a valley
#: took 11.8 ms as one polyline and 2.8 ms in pieces of four.
PIECE = 4


class OutlinedPath:
    """One path of an :class:`OutlinedPaths`: its points, colour, dots and
    visibility. ``getData`` and ``opts["symbol"]`` read as with a PlotDataItem."""

    def __init__(self, owner: OutlinedPaths, color: str):
        self.owner = owner
        self.color = QColor(color)
        self.x = np.empty(0)
        self.y = np.empty(0)
        self.opts: dict = {"symbol": "o"}
        self._visible = True

    @property
    def dots(self) -> bool:
        return self.opts["symbol"] is not None

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - pyqtgraph's name
        return self.x, self.y

    def set_data(self, points: np.ndarray, dots: bool) -> None:
        """Show ``points`` ((n, 2), data coordinates), a dot at each if ``dots``."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        self.x, self.y = points[:, 0].copy(), points[:, 1].copy()
        self.opts["symbol"] = "o" if dots else None
        self.owner.update()

    def isVisible(self) -> bool:  # noqa: N802 - the legend's name
        return self._visible

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - the legend's name
        self._visible = bool(visible)
        self.owner.update()


class OutlinedPaths(pg.GraphicsObject):
    """Outlined polylines (with optional dots) in data coordinates, painted in one
    pass in the order they were added. Line width, dot size and outline follow the
    theme when painted (presentation mode needs no restyling). Its bounds are the
    area it is told to cover (:meth:`set_area`, the map): the paths are clipped to
    the view anyway, and a growing path never changes the item's geometry."""

    def __init__(self, outline: str, line_extra: float = 0.5, dot_share: float = 0.6):
        super().__init__()
        self.outline = outline
        self.line_extra = line_extra
        self.dot_share = dot_share
        self.paths: list[OutlinedPath] = []
        self._area = QRectF(0, 0, 1, 1)

    # -- the paths -----------------------------------------------------------------
    def add(self, color: str) -> OutlinedPath:
        path = OutlinedPath(self, color)
        self.paths.append(path)
        self.update()
        return path

    def remove(self, path: OutlinedPath) -> None:
        self.paths.remove(path)
        self.update()

    def set_area(self, x0: float, x1: float, y0: float, y1: float) -> None:
        area = QRectF(x0, y0, x1 - x0, y1 - y0).normalized()
        if area != self._area:
            self.prepareGeometryChange()
            self._area = area
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._area)

    # -- painting ------------------------------------------------------------------
    def sizes(self) -> tuple[float, float]:
        """(line width, dot diameter) in pixels, from the theme now."""
        return (theme.STYLE.line_width + self.line_extra,
                max(4.0, theme.STYLE.marker_size * self.dot_share))

    def paint(self, p: QPainter, *_args) -> None:
        shown = [path for path in self.paths if path._visible and len(path.x)]
        if not shown:
            return
        t = p.transform()
        p.save()
        p.resetTransform()  # pixels from here: dots stay round whatever the scale
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, dot = self.sizes()
        outline = theme.role(self.outline)
        for path in shown:
            px = t.m11() * path.x + t.m21() * path.y + t.dx()
            py = t.m12() * path.x + t.m22() * path.y + t.dy()
            polygon = fn.arrayToQPolygonF(px, py)
            if len(px) > 1:
                # the outline without antialiasing: its edge is a dark pixel
                # either way, and a scribbling path painted in half the time
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                p.setPen(_line_pen(outline, width + 2))
                p.drawPolyline(polygon)
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.setPen(_line_pen(path.color, width, Qt.PenCapStyle.SquareCap))
                for start in range(0, len(px) - 1, PIECE):
                    p.drawPolyline(polygon.mid(start, PIECE + 1))
            if path.dots:  # round caps of zero-length lines: one call for all dots
                p.setPen(_dot_pen(outline, dot + 2))
                p.drawPoints(polygon)
                p.setPen(_dot_pen(path.color, dot))
                p.drawPoints(polygon)
        p.restore()


def _line_pen(color, width: float, cap=Qt.PenCapStyle.FlatCap) -> QPen:
    """Bevelled joins: a third cheaper to paint than round ones, and the same at
    these widths."""
    pen = QPen(QColor(color), width)
    pen.setCapStyle(cap)
    pen.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
    pen.setCosmetic(True)
    return pen


def _dot_pen(color, width: float) -> QPen:
    """Round caps: a point drawn with it is a dot of diameter ``width``."""
    pen = QPen(QColor(color), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setCosmetic(True)
    return pen


class PathSample(ItemSample):
    """The legend entry of an :class:`OutlinedPath`: a short outlined line with a
    dot, or the crossed-out eye while the path is hidden (a click toggles it)."""

    def paint(self, p: QPainter, *_args) -> None:
        path = self.item
        if not path.isVisible():
            p.drawPixmap(1, 1, invisibleEye.qicon.pixmap(18, 18))
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, dot = path.owner.sizes()
        outline = theme.role(path.owner.outline)
        p.setPen(_line_pen(outline, width + 2))
        p.drawLine(QPointF(2, 11), QPointF(18, 11))
        p.setPen(_line_pen(path.color, width))
        p.drawLine(QPointF(2, 11), QPointF(18, 11))
        p.setPen(_dot_pen(outline, dot + 2))
        p.drawPoint(QPointF(10, 11))
        p.setPen(_dot_pen(path.color, dot))
        p.drawPoint(QPointF(10, 11))
