"""The architecture diagram of a trace: one box per layer, arrows for the data flow.

Boxes stand in one column per network, in execution order. An arrow to the very
next box is straight; an arrow that jumps over boxes (a residual shortcut, a branch
of an inception block) is drawn as a curve around the right side of the column; a
module called once per time step gets a loop arrow. The wheel zooms.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from dlviz.core.trace import NetworkGraph, Trace

_CONTEXT = "dlviz.trace"
BOX_W, BOX_H, GAP, COLUMN_GAP = 250.0, 66.0, 34.0, 150.0
FONT_PT = 12

#: Box fill for the phase of the current event.
PHASE_COLORS = {
    "input": "#9ad0f5",
    "forward": "#f5b94a",
    "loss": "#e4785a",
    "backward": "#6fb7e8",
    "update": "#63c29a",
}
IDLE_FILL = "#f4f4f4"
EDGE_COLOR = "#555555"
SKIP_COLOR = "#0072B2"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def phase_name(phase: str) -> str:
    """The translated name of a trace phase ("Forward", "Backward", ...)."""
    names = {
        "input": _tr("Input"),
        "forward": _tr("Forward"),
        "loss": _tr("Loss"),
        "backward": _tr("Backward"),
        "update": _tr("Update"),
    }
    return names.get(phase, phase)


def format_shape(shape: tuple[int, ...]) -> str:
    return "×".join(str(s) for s in shape) if shape else _tr("scalar")


def format_count(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.2f} M"
    if n >= 10_000:
        return f"{n / 1e3:.1f} k"
    return str(n)


class LayerBox(QGraphicsRectItem):
    """A clickable box with the layer's kind, output shape and parameter count."""

    def __init__(self, role: str, path: str, kind: str, shape, params: int):
        super().__init__(0, 0, BOX_W, BOX_H)
        self.role, self.path = role, path
        self.setBrush(QBrush(QColor(IDLE_FILL)))
        self.setPen(QPen(QColor("#707070"), 1.5))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        bold = QFont()
        bold.setPointSize(FONT_PT + 1)
        bold.setBold(True)
        plain = QFont()
        plain.setPointSize(FONT_PT)
        name = kind if path in ("input", "loss") else f"{kind}  {path}"
        title = QGraphicsSimpleTextItem(_elide(name, 26), self)
        title.setFont(bold)
        title.setPos(10, 6)
        detail = format_shape(tuple(shape))
        if params:
            detail += "   " + _tr("{0} params").format(format_count(params))
        text = QGraphicsSimpleTextItem(detail, self)
        text.setFont(plain)
        text.setPos(10, 36)
        self.highlighted = ""

    def set_highlight(self, phase: str) -> None:
        self.highlighted = phase
        color = PHASE_COLORS.get(phase, IDLE_FILL) if phase else IDLE_FILL
        self.setBrush(QBrush(QColor(color)))
        border = QColor("#202020" if phase else "#707070")
        self.setPen(QPen(border, 3.0 if phase else 1.5))


def _elide(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class ArchitectureDiagram(QGraphicsView):
    """The diagram; emits ``node_clicked(role, path)`` when a box is clicked."""

    node_clicked = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.boxes: dict[tuple[str, str], LayerBox] = {}
        self.current: tuple[str, str] | None = None
        self._press: QPointF | None = None
        self._trace: Trace | None = None
        #: the user zoomed with the wheel: stop fitting the diagram to the width
        self._user_zoom = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Redraw the boxes in the new language, keeping zoom and highlight."""
        if self._trace is None or not self.boxes:
            return
        current = self.current
        phase = self.boxes[current].highlighted if current in self.boxes else ""
        transform, user_zoom = self.transform(), self._user_zoom
        center = self.mapToScene(self.viewport().rect().center())
        self.set_trace(self._trace)
        self._user_zoom = user_zoom
        self.setTransform(transform)
        self.centerOn(center)
        box = self.boxes.get(current) if current is not None else None
        if box is not None:
            self.current = current
            box.set_highlight(phase)

    # -- content --------------------------------------------------------------------
    def set_trace(self, trace: Trace) -> None:
        scene = self.scene()
        scene.clear()
        self.boxes.clear()
        self.current = None
        self._trace = trace
        for column, (role, graph) in enumerate(trace.graphs.items()):
            x0 = column * (BOX_W + COLUMN_GAP)
            if len(trace.graphs) > 1:
                label = QGraphicsSimpleTextItem(_tr("Network {0}").format(role))
                font = QFont()
                font.setPointSize(FONT_PT + 2)
                font.setBold(True)
                label.setFont(font)
                label.setPos(x0, -40)
                scene.addItem(label)
            self._add_graph(graph, x0)
        self.resetTransform()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._user_zoom = False
        self.fit_width()

    def fit_width(self) -> None:
        """Scale the diagram so its columns fill the view's width (boxes never cut
        at the side; scroll vertically through a deep network)."""
        rect = self.scene().sceneRect()
        width = self.viewport().width()
        if rect.width() <= 0 or width <= 0:
            return
        scale = min(1.25, max(0.2, (width - 4) / rect.width()))
        self.resetTransform()
        self.scale(scale, scale)
        if self.current in self.boxes:
            self.ensureVisible(self.boxes[self.current], 10, 60)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._user_zoom:
            self.fit_width()

    def _add_graph(self, graph: NetworkGraph, x0: float) -> None:
        scene = self.scene()
        order = graph.order()
        for i, node in enumerate(graph.nodes):
            box = LayerBox(graph.role, node.path, node.kind, node.output_shape,
                           node.params)
            box.setPos(x0, i * (BOX_H + GAP))
            box.setZValue(1)
            scene.addItem(box)
            self.boxes[(graph.role, node.path)] = box
        skips = 0
        for src, dst in graph.edges:
            a, b = order[src], order[dst]
            if a == b:
                path = _loop_path(x0, a)
                color = SKIP_COLOR
            elif b - a == 1:
                path = _straight_path(x0, a, b)
                color = EDGE_COLOR
            else:
                skips += 1
                path = _curve_path(x0, a, b, 40 + 22 * (skips % 4), b < a)
                color = SKIP_COLOR
            item = QGraphicsPathItem(path)
            item.setPen(QPen(QColor(color), 2.2))
            item.setZValue(0)
            scene.addItem(item)
            scene.addItem(_arrow_head(path, color))

    # -- highlight and navigation ---------------------------------------------------
    def highlight(self, role: str, path: str, phase: str) -> None:
        """Colour the box of (role, path) for ``phase``; clear the previous one."""
        if self.current in self.boxes:
            self.boxes[self.current].set_highlight("")
        key = (role, path)
        self.current = key if key in self.boxes else None
        if self.current is not None:
            box = self.boxes[key]
            box.set_highlight(phase)
            self.ensureVisible(box, 40, 60)

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.15 <= scale <= 4.0:
            self._user_zoom = True
            self.scale(factor, factor)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        navigation = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home,
                      Qt.Key.Key_End)
        if event.key() in navigation:
            event.ignore()  # the step-through panel navigates
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        moved = self._press is not None and (
            (event.position() - self._press).manhattanLength() > 6
        )
        self._press = None
        if moved:
            return
        box = self.box_at(event.position().toPoint())
        if box is not None:
            self.node_clicked.emit(box.role, box.path)

    def box_at(self, point) -> LayerBox | None:
        for item in self.items(point):
            while item is not None and not isinstance(item, LayerBox):
                item = item.parentItem()
            if isinstance(item, LayerBox):
                return item
        return None


def _bottom(x0: float, i: int) -> QPointF:
    return QPointF(x0 + BOX_W / 2, i * (BOX_H + GAP) + BOX_H)


def _top(x0: float, i: int) -> QPointF:
    return QPointF(x0 + BOX_W / 2, i * (BOX_H + GAP))


def _straight_path(x0: float, a: int, b: int) -> QPainterPath:
    path = QPainterPath(_bottom(x0, a))
    path.lineTo(_top(x0, b))
    return path


def _curve_path(x0: float, a: int, b: int, bulge: float, back: bool) -> QPainterPath:
    """From the right side of box ``a`` around the column to the right of box ``b``."""
    ya = a * (BOX_H + GAP) + BOX_H * (0.65 if not back else 0.35)
    yb = b * (BOX_H + GAP) + BOX_H * (0.35 if not back else 0.65)
    right = x0 + BOX_W
    path = QPainterPath(QPointF(right, ya))
    path.cubicTo(QPointF(right + bulge * 2, ya), QPointF(right + bulge * 2, yb),
                 QPointF(right, yb))
    return path


def _loop_path(x0: float, i: int) -> QPainterPath:
    """A loop on the left side of a box: the module runs again at the next step."""
    top = i * (BOX_H + GAP) + BOX_H * 0.25
    bottom = i * (BOX_H + GAP) + BOX_H * 0.75
    path = QPainterPath(QPointF(x0, bottom))
    path.cubicTo(QPointF(x0 - 60, bottom + 10), QPointF(x0 - 60, top - 10),
                 QPointF(x0, top))
    return path


def _arrow_head(path: QPainterPath, color: str) -> QGraphicsPathItem:
    tip = path.pointAtPercent(1.0)
    before = path.pointAtPercent(0.97)
    direction = tip - before
    length = max(1e-6, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
    ux, uy = direction.x() / length, direction.y() / length
    size = 11.0
    left = QPointF(tip.x() - size * ux + size * 0.5 * uy,
                   tip.y() - size * uy - size * 0.5 * ux)
    right = QPointF(tip.x() - size * ux - size * 0.5 * uy,
                    tip.y() - size * uy + size * 0.5 * ux)
    head = QPainterPath()
    head.addPolygon(QPolygonF([tip, left, right, tip]))
    item = QGraphicsPathItem(head)
    item.setBrush(QBrush(QColor(color)))
    item.setPen(QPen(QColor(color), 1))
    item.setZValue(2)
    return item


__all__ = ["PHASE_COLORS", "ArchitectureDiagram", "LayerBox"]
