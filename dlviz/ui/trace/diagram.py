"""The architecture diagram of a trace: one box per layer, arrows for the data flow.

Boxes follow the data flow top to bottom (:meth:`NetworkGraph.layout`): parallel
branches (an inception block's four branches, a ResNet shortcut's downsampling, two
heads) stand side by side in their own columns and meet at a small join node where
their outputs are added (``+``) or concatenated (``concat``). An arrow between
neighbours is straight; one that jumps over boxes of its column (an identity
shortcut) curves around the right side; a module called once per time step gets a
loop arrow. Each box shows a short name (``enc0.self_attn.q``, ``conv 5×5 → 6``);
its tooltip has the full module path. The wheel zooms.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, Signal
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
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from dlviz.core.trace import GraphNode, NetworkGraph, Trace
from dlviz.core.trace.names import short_path

_CONTEXT = "dlviz.trace"
BOX_W, BOX_H, GAP = 180.0, 80.0, 30.0
#: Space between the columns of one network, and between networks.
COLUMN_GAP, NETWORK_GAP = 22.0, 110.0
#: Height of a row that holds only join nodes, and a join node's size.
JOIN_ROW, JOIN_H = 36.0, 30.0
FONT_PT = 12
#: The diagram is never drawn smaller than this (scroll sideways instead).
MIN_SCALE = 0.45

#: Box fill for the phase of the current event.
PHASE_COLORS = {
    "input": "#9ad0f5",
    "forward": "#f5b94a",
    "loss": "#e4785a",
    "backward": "#6fb7e8",
    "update": "#63c29a",
}
IDLE_FILL = "#f4f4f4"
JOIN_FILL = "#ffffff"
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


def what_text(what: tuple[str, tuple[str, ...]]) -> str:
    """What a layer does (:func:`dlviz.core.trace.names.describe_module`),
    translated."""
    template, args = what
    templates = {
        "conv {0} → {1}": _tr("conv {0} → {1}"),
        "deconv {0} → {1}": _tr("deconv {0} → {1}"),
        "depthwise conv {0}": _tr("depthwise conv {0}"),
        "linear {0} → {1}": _tr("linear {0} → {1}"),
        "batch norm": _tr("batch norm"),
        "layer norm": _tr("layer norm"),
        "max pool {0}": _tr("max pool {0}"),
        "avg pool {0}": _tr("avg pool {0}"),
        "avg pool → {0}": _tr("avg pool → {0}"),
        "max pool → {0}": _tr("max pool → {0}"),
        "dropout {0}": _tr("dropout {0}"),
        "flatten": _tr("flatten"),
        "embedding {0} → {1}": _tr("embedding {0} → {1}"),
        "attention, {0} heads": _tr("attention, {0} heads"),
        "{0} cell {1} → {2}": _tr("{0} cell {1} → {2}"),
        "Input": _tr("Input"),
    }
    text = templates.get(template, template)
    return text.format(*args) if args else text


def node_name(node: GraphNode) -> str:
    """The name on a box: its short title, else what it does (translated)."""
    return node.title or what_text(node.what) or node.kind


def join_text(op: str) -> str:
    return {"concat": _tr("concat"), "stack": _tr("stack")}.get(op, op)


def format_shape(shape: tuple[int, ...]) -> str:
    return "×".join(str(s) for s in shape) if shape else _tr("scalar")


def format_count(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.2f} M"
    if n >= 10_000:
        return f"{n / 1e3:.1f} k"
    return str(n)


def _fit_text(item: QGraphicsSimpleTextItem, width: float) -> None:
    """Shrink a text item that would be wider than ``width`` (never cut it)."""
    natural = item.boundingRect().width()
    if natural > width > 0:
        item.setScale(width / natural)


class LayerBox(QGraphicsRectItem):
    """A clickable box: the layer's short name, what it does (or its short path),
    its output shape and parameter count; the tooltip has the full path."""

    def __init__(self, role: str, node: GraphNode):
        super().__init__(0, 0, BOX_W, BOX_H)
        self.role, self.path = role, node.path
        self.setBrush(QBrush(QColor(IDLE_FILL)))
        self.setPen(QPen(QColor("#707070"), 1.5))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        bold = QFont()
        bold.setPointSize(FONT_PT + 1)
        bold.setBold(True)
        plain = QFont()
        plain.setPointSize(FONT_PT)
        special = node.path in ("input", "loss")
        if node.path == "input":
            name, second = _tr("Input"), ""
        elif special:
            name, second = node.kind, ""
        elif node.title:
            name, second = node.title, what_text(node.what)
        else:
            name, second = node_name(node), short_path(node.path)
        if second == name:  # a root module: its title is its class name
            second = ""
        detail = format_shape(tuple(node.output_shape))
        if node.params:
            detail += "   " + _tr("{0} params").format(format_count(node.params))
        self.name = name
        self.lines: list[QGraphicsSimpleTextItem] = []
        texts = [(t, f) for t, f in ((name, bold), (second, plain), (detail, plain))
                 if t]
        for i, (text, font) in enumerate(texts):
            item = QGraphicsSimpleTextItem(text, self)
            item.setFont(font)
            item.setPos(10, 5 + 24 * i)
            _fit_text(item, BOX_W - 18)
            self.lines.append(item)
        tip = node.path if special else f"{node.path}  ({node.kind})"
        self.setToolTip(tip)
        self.highlighted = ""

    def set_highlight(self, phase: str) -> None:
        self.highlighted = phase
        color = PHASE_COLORS.get(phase, IDLE_FILL) if phase else IDLE_FILL
        self.setBrush(QBrush(QColor(color)))
        border = QColor("#202020" if phase else "#707070")
        self.setPen(QPen(border, 3.0 if phase else 1.5))


class JoinNode(QGraphicsEllipseItem):
    """Where outputs meet: a small round node with ``+`` or ``concat``."""

    def __init__(self, op: str):
        text = join_text(op)
        font = QFont()
        font.setPointSize(FONT_PT)
        font.setBold(True)
        label = QGraphicsSimpleTextItem(text)
        label.setFont(font)
        width = max(JOIN_H, label.boundingRect().width() + 18)
        super().__init__(0, 0, width, JOIN_H)
        label.setParentItem(self)
        rect = label.boundingRect()
        label.setPos((width - rect.width()) / 2, (JOIN_H - rect.height()) / 2)
        self.op = op
        self.setBrush(QBrush(QColor(JOIN_FILL)))
        self.setPen(QPen(QColor(SKIP_COLOR), 2.0))
        self.setToolTip({"+": _tr("outputs added"), "concat": _tr(
            "outputs concatenated along the channels")}.get(op, op))


class ArchitectureDiagram(QGraphicsView):
    """The diagram; emits ``node_clicked(role, path)`` when a box is clicked."""

    node_clicked = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.boxes: dict[tuple[str, str], LayerBox] = {}
        self.joins: dict[tuple[str, str], JoinNode] = {}
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
        self.joins: dict[tuple[str, str], JoinNode] = {}
        self.current = None
        self._trace = trace
        stacked = trace.roles == "optimizer"  # small graphs: one under the other
        x0 = y0 = 0.0
        for role, graph in trace.graphs.items():
            if len(trace.graphs) > 1:
                if trace.roles == "optimizer":
                    title = _tr("Optimizer {0}").format(role)
                else:
                    title = _tr("Network {0}").format(role)
                label = QGraphicsSimpleTextItem(title)
                font = QFont()
                font.setPointSize(FONT_PT + 2)
                font.setBold(True)
                label.setFont(font)
                label.setPos(x0, y0 - 40)
                _fit_text(label, BOX_W)
                scene.addItem(label)
            width, height = self._add_graph(graph, x0, y0)
            if stacked:
                y0 += height + 90
            else:
                x0 += width + NETWORK_GAP
        self.resetTransform()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-8, -8, 8, 8))
        self._user_zoom = False
        self.fit_width()

    def fit_width(self) -> None:
        """Scale the diagram so its columns fill the view's width (scroll
        vertically through a deep network); a diagram wider than the view at
        :data:`MIN_SCALE` (many parallel branches) scrolls sideways too."""
        rect = self.scene().sceneRect()
        width = self.viewport().width()
        if rect.width() <= 0 or width <= 0:
            return
        scale = min(1.25, max(MIN_SCALE, (width - 4) / rect.width()))
        self.resetTransform()
        self.scale(scale, scale)
        if self.current in self.boxes:
            self.ensureVisible(self.boxes[self.current], 10, 60)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._user_zoom:
            self.fit_width()

    def _add_graph(self, graph: NetworkGraph, x0: float, y0: float
                   ) -> tuple[float, float]:
        """Draw one network from (x0, y0); returns its width and height."""
        scene = self.scene()
        place = graph.layout()
        joins = {j.key: j for j in graph.joins}
        nodes = {n.path: n for n in graph.nodes}
        rows = max((r for r, _ in place.values()), default=0) + 1
        columns = max((c for _, c in place.values()), default=0) + 1
        # a row of join nodes only is lower than a row with boxes
        heights = [JOIN_ROW] * rows
        for key, (r, _) in place.items():
            if key in nodes:
                heights[r] = BOX_H
        tops = [y0]
        for h in heights[:-1]:
            tops.append(tops[-1] + h + GAP)
        rects: dict[str, QRectF] = {}
        for key, (r, c) in place.items():
            x = x0 + c * (BOX_W + COLUMN_GAP)
            if key in nodes:
                box = LayerBox(graph.role, nodes[key])
                box.setPos(x, tops[r])
                box.setZValue(1)
                scene.addItem(box)
                self.boxes[(graph.role, key)] = box
                rects[key] = QRectF(x, tops[r], BOX_W, BOX_H)
            elif key in joins:
                item = JoinNode(joins[key].op)
                w = item.rect().width()
                top = tops[r] + (heights[r] - JOIN_H) / 2
                item.setPos(x + (BOX_W - w) / 2, top)
                item.setZValue(1)
                scene.addItem(item)
                self.joins[(graph.role, key)] = item
                rects[key] = QRectF(x + (BOX_W - w) / 2, top, w, JOIN_H)
        taken = {(r, c) for r, c in place.values()}
        skips = 0
        for src, dst in graph.flow_edges():
            if src not in rects or dst not in rects:
                continue
            (ra, ca), (rb, cb) = place[src], place[dst]
            a, b = rects[src], rects[dst]
            if src == dst:
                path, color = _loop_path(a), SKIP_COLOR
            elif rb <= ra:  # back up: around the right side
                skips += 1
                path, color = _side_path(a, b, 16 + 8 * (skips % 3), True), SKIP_COLOR
            elif ca == cb and all((r, ca) not in taken for r in range(ra + 1, rb)):
                path = _straight_path(a, b)
                color = EDGE_COLOR if rb - ra == 1 else SKIP_COLOR
            elif ca == cb:  # over boxes of the column: around its right side
                skips += 1
                path = _side_path(a, b, 16 + 8 * (skips % 3), False)
                color = SKIP_COLOR
            else:
                path, color = _cross_path(a, b), SKIP_COLOR
            item = QGraphicsPathItem(path)
            item.setPen(QPen(QColor(color), 2.2))
            item.setZValue(0)
            scene.addItem(item)
            scene.addItem(_arrow_head(path, color))
        width = columns * (BOX_W + COLUMN_GAP) - COLUMN_GAP
        height = sum(heights) + GAP * (rows - 1)
        return width, height

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


def _straight_path(a: QRectF, b: QRectF) -> QPainterPath:
    path = QPainterPath(QPointF(a.center().x(), a.bottom()))
    path.lineTo(QPointF(b.center().x(), b.top()))
    return path


def _cross_path(a: QRectF, b: QRectF) -> QPainterPath:
    """From the bottom of ``a`` to the top of ``b`` in another column: an S-curve."""
    start = QPointF(a.center().x(), a.bottom())
    end = QPointF(b.center().x(), b.top())
    bend = min(80.0, max(20.0, (end.y() - start.y()) / 2))
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), start.y() + bend), QPointF(end.x(), end.y() - bend),
                 end)
    return path


def _side_path(a: QRectF, b: QRectF, bulge: float, back: bool) -> QPainterPath:
    """From the right side of ``a`` around the column to the right side of ``b``."""
    ya = a.top() + a.height() * (0.65 if not back else 0.35)
    yb = b.top() + b.height() * (0.35 if not back else 0.65)
    path = QPainterPath(QPointF(a.right(), ya))
    right = max(a.right(), b.right())
    path.cubicTo(QPointF(right + bulge * 2, ya), QPointF(right + bulge * 2, yb),
                 QPointF(b.right(), yb))
    return path


def _loop_path(a: QRectF) -> QPainterPath:
    """A loop on the left side of a box: the module runs again at the next step."""
    top = a.top() + a.height() * 0.25
    bottom = a.top() + a.height() * 0.75
    path = QPainterPath(QPointF(a.left(), bottom))
    path.cubicTo(QPointF(a.left() - 60, bottom + 10), QPointF(a.left() - 60, top - 10),
                 QPointF(a.left(), top))
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


__all__ = ["PHASE_COLORS", "ArchitectureDiagram", "JoinNode", "LayerBox"]
