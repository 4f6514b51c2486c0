"""The network of the 2-D playground drawn as TensorFlow Playground draws it.

Columns: the input features, each hidden layer, the output. Every node is a small
map of its output over the input plane (each map scaled by its own largest |value|,
in the diverging colours); every edge a weight, coloured by its sign and thick by
its magnitude. Hovering a node or an edge shows its numbers; clicking a node
reports it (``node_clicked``); the +/− buttons over the hidden layers ask for a
neuron more or less, × removes the layer and the + after the last one adds a layer
(``change_requested``). The selected point is a dot in every map.

All node maps are drawn into one RGBA image and the edges into eight curves (two
signs × four thicknesses): a frame updates nine items, whatever the network's size.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QToolTip,
)

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView
from dlviz.ui.views.legend import FitsLegend, legend_below

#: Pixels of a node's map, the node's side (view units), the column and row pitch.
NODE_PX = 24
COL = 4.5
ROW = 1.25
#: |w| thresholds of the four edge thicknesses, and those thicknesses (× line width).
EDGE_LEVELS = (0.1, 0.5, 1.5)
EDGE_WIDTHS = (0.5, 1.2, 2.4, 4.0)


_CONTEXT = "NetworkView"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _fmt(v: float) -> str:
    return f"{v:.3g}".replace("-", "−")


class NetworkView(FitsLegend, PlotView):
    """``set_network(net, probe=None, focus=None)`` draws a snapshot's network."""

    node_clicked = Signal(int, int)
    #: ("add_unit" | "remove_unit" | "remove_layer", hidden layer index) or
    #: ("add_layer", -1)
    change_requested = Signal(str, int)

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent=parent)
        pi = self.plot_item
        pi.hideAxis("left")
        pi.hideAxis("bottom")
        pi.invertY(True)
        pi.setAspectLocked(True)
        vb = pi.getViewBox()
        vb.setMouseEnabled(False, False)
        vb.setMenuEnabled(False)
        self.edges: list[pg.PlotCurveItem] = []
        for _sign in (0, 1):
            for _k in EDGE_WIDTHS:
                # separate segments: drawLines, far faster than stroking a path
                # not antialiased: antialiasing thick lines cost ~6 ms a frame
                curve = pg.PlotCurveItem(connect="pairs", antialias=False)
                curve.setSegmentedLineMode("on")
                curve.setZValue(-5)
                pi.addItem(curve)
                self.edges.append(curve)
        #: one image per column (the gaps between columns are not painted)
        self.images: list[pg.ImageItem] = []
        self.frames = pg.PlotCurveItem(connect="pairs")
        self.highlight = pg.PlotCurveItem(connect="pairs")
        self.frames.setSegmentedLineMode("on")
        self.highlight.setSegmentedLineMode("on")
        # the outlines change only with the layout: painted from a cached pixmap
        self.frames.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.highlight.setZValue(5)
        for item in (self.frames, self.highlight):
            pi.addItem(item)
        self.dots = pg.ScatterPlotItem(symbol="o", brush=pg.mkBrush(None))
        self.dots.setZValue(6)
        pi.addItem(self.dots)
        self.legend = legend_below(self)
        self._legend_pos = pg.PlotDataItem()
        self._legend_neg = pg.PlotDataItem()
        self.legend.addItem(self._legend_pos, "")
        self.legend.addItem(self._legend_neg, "")
        self.bar = self.add_colorbar(
            pg.colormap.get(theme.STYLE.diverging), (-1.0, 1.0))
        # the colour bar and the legend change with the style only: painted from
        # cached pixmaps (their text costs more than the whole network)
        for item in (self.bar, self.bar.axis, self.legend):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # the title spans the plot and the colour bar (a wide title would push the
        # bar out of the view)
        layout = pi.layout
        layout.removeItem(pi.titleLabel)
        layout.addItem(pi.titleLabel, 0, 0, 1, layout.columnCount())
        self._labels: list[pg.TextItem] = []
        self._buttons: list[tuple[QToolButton, float, float]] = []
        self._layout_key = None
        self._nodes: list[list[tuple[float, float]]] = []
        self._segments: list[np.ndarray] = []
        self._net: dict | None = None
        self._probe: dict | None = None
        self._focus: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.scene().sigMouseMoved.connect(self._on_move)
        self.scene().sigMouseClicked.connect(self._on_click)
        vb.sigTransformChanged.connect(self._place_buttons)
        vb.sigResized.connect(self._place_buttons)
        self.style_items()
        self.retranslate_ui()

    # -- texts and style ---------------------------------------------------------
    def retranslate_ui(self) -> None:
        from dlviz.ui.views.legend import relabel

        # legend labels are rich text: "<" must be escaped
        relabel(self.legend, self._legend_pos, html.escape(_tr("weight w > 0")))
        relabel(self.legend, self._legend_neg, html.escape(_tr("weight w < 0")))
        self._retext_buttons()
        self._style_buttons()
        self._fit_legend()

    def set_title(self, title: str | None) -> None:
        """The title, or none (None or ""): then its row is left out, and its text
        too (a hidden title still claims its width and pushes the colour bar out
        of a narrow view)."""
        super().set_title(title or None)
        if not title:
            self.plot_item.titleLabel.setText("")
        self._refit()

    def _refit(self) -> None:
        """Give the plot the view's size again: it keeps a width it was given while
        its title or legend (folded to fewer columns afterwards) needed more, and
        the colour bar then sticks out of a narrow view."""
        plot_item = vars(self).get("plot_item")  # None while the view is being built
        if plot_item is not None:
            plot_item.setGeometry(QRectF(0, 0, self.width(), self.height()))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # places the plot, then folds the legend
        self._refit()

    def _fit_legend(self) -> None:
        from dlviz.ui.views.legend import fit_legend

        fit_legend(self)

    @staticmethod
    def _button_tip(kind: str) -> str:
        return {
            "add_unit": _tr("One neuron more in this layer"),
            "remove_unit": _tr("One neuron less in this layer"),
            "remove_layer": _tr("Remove the last hidden layer"),
            "add_layer": _tr("Add a hidden layer"),
        }[kind]

    def _sign_colors(self) -> tuple[str, str]:
        lut = theme.lookup_table(diverging=True)
        pos, neg = lut[235], lut[20]
        return (pg.mkColor(*pos).name(), pg.mkColor(*neg).name())

    def style_items(self) -> None:
        pos, neg = self._sign_colors()
        line = theme.STYLE.line_width
        for sign, color in enumerate((pos, neg)):
            for k, width in enumerate(EDGE_WIDTHS):
                self.edges[sign * len(EDGE_WIDTHS) + k].setPen(
                    theme.pen(color, width * line))
        self._legend_pos.setPen(theme.pen(pos, 3 * line))
        self._legend_neg.setPen(theme.pen(neg, 3 * line))
        self.frames.setPen(theme.pen(theme.STYLE.foreground, 1))
        self.highlight.setPen(theme.pen("mark", 3 * line))
        self.dots.setPen(theme.pen(theme.role("map_outline"), 1.5))
        self.dots.setBrush(pg.mkBrush(theme.role("map_fill")))
        self.dots.setSize(max(4.0, theme.STYLE.marker_size * 0.6))

    def apply_style(self) -> None:
        super().apply_style()
        if getattr(self, "bar", None) is not None:
            self.bar.setColorMap(pg.colormap.get(theme.STYLE.diverging))
            self.style_colorbar(self.bar)
            self.style_items()
            for label in self._labels:
                self._style_label(label)
            self._style_buttons()
            if self._net is not None:
                self._layout_key = None
                self.set_network(self._net, self._probe, self._focus)

    def _style_label(self, label: pg.TextItem) -> None:
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 0.9)
        label.setFont(font)
        label.setColor(theme.STYLE.foreground)

    # -- geometry ----------------------------------------------------------------
    @staticmethod
    def node_xy(column: int, unit: int, n_units: int,
                tallest: int) -> tuple[float, float]:
        """Top-left corner of a node: columns left to right, each centred in height."""
        top = (tallest - n_units) * ROW / 2
        return column * COL, top + unit * ROW

    def _relayout(self, net: dict) -> None:
        maps = net["maps"]
        counts = [len(m) for m in maps]
        tallest = max(counts)
        self._nodes = [[self.node_xy(c, u, n, tallest) for u in range(n)]
                       for c, n in enumerate(counts)]
        cols = len(counts)
        while len(self.images) < cols:
            image = pg.ImageItem()
            self.plot_item.addItem(image)
            self.images.append(image)
        for image in self.images[cols:]:
            image.setVisible(False)
        self._columns = []
        for c in range(cols):
            height = int(round(((counts[c] - 1) * ROW + 1) * NODE_PX))
            atlas = np.zeros((height, NODE_PX, 4), np.uint8)
            self._columns.append(atlas)
            x, y = self._nodes[c][0]
            image = self.images[c]
            image.setVisible(True)
            image.setImage(atlas, autoLevels=False, levels=(0, 255))
            image.setRect(pg.QtCore.QRectF(x, y, 1, height / NODE_PX))
        self._rows = [[int(round((y - col[0][1]) * NODE_PX)) for _x, y in col]
                      for col in self._nodes]
        # frames: four sides of every node, as pairs of points
        xs, ys = [], []
        for col in self._nodes:
            for x, y in col:
                corners = [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]
                for a, b in zip(corners, corners[1:] + corners[:1]):
                    xs += [a[0], b[0]]
                    ys += [a[1], b[1]]
        self.frames.setData(np.array(xs), np.array(ys), connect="pairs")
        # edges: from each node's right side to the next column's left side
        self._segments = []
        for c in range(cols - 1):
            left, right = self._nodes[c], self._nodes[c + 1]
            seg = np.zeros((len(right), len(left), 4))
            for j, (x1, y1) in enumerate(right):
                for i, (x0, y0) in enumerate(left):
                    seg[j, i] = (x0 + 1, y0 + 0.5, x1, y1 + 0.5)
            self._segments.append(seg)
        self._make_labels(net, tallest)
        self._make_buttons(net)
        pad = 0.3
        top = -1.7  # room for the buttons
        self.plot_item.setRange(
            xRange=(-2.2, (cols - 1) * COL + 1 + pad),
            yRange=(top, (tallest - 1) * ROW + 1 + 1.3), padding=0)

    def _make_labels(self, net: dict, tallest: int) -> None:
        for label in self._labels:
            self.plot_item.removeItem(label)
        self._labels = []
        from dlviz.core.mlp_features import FEATURE_NAMES

        for (x, y), key in zip(self._nodes[0], net["features"]):
            label = pg.TextItem(FEATURE_NAMES.get(key, key), anchor=(1.0, 0.5))
            label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            label.setPos(x - 0.15, y + 0.5)
            self._labels.append(label)
        widths, maps = net["widths"], net["maps"]
        for c, (full, drawn) in enumerate(zip(widths, maps)):
            if full > len(drawn):
                x, y = self._nodes[c][-1]
                # below right of the last node drawn (clear of the layer buttons)
                label = pg.TextItem(f"+{full - len(drawn)}", anchor=(0.0, 0.0))
                label.setPos(x + 1.0, y + 0.9)
                self._labels.append(label)
        for label in self._labels:
            self._style_label(label)
            self.plot_item.addItem(label)

    def _button_specs(self):
        return [(b, kind, x, y) for b, kind, x, y in getattr(self, "_button_list", [])]

    def _make_buttons(self, net: dict) -> None:
        """Over each hidden layer − and + (a neuron less, more); at the bottom
        left "− layer" and "+ layer" (remove the last hidden layer, add one)."""
        for button, *_rest in self._button_specs():
            button.deleteLater()
        specs = [("remove_layer", -1, None, 0), ("add_layer", -1, None, 1)]
        hidden = len(net["widths"]) - 2
        for layer in range(hidden):
            x = (layer + 1) * COL + 0.5
            specs += [("remove_unit", layer, x, -1), ("add_unit", layer, x, 1)]
        self._button_list = []
        self._button_layers = []
        for kind, layer, x, side in specs:
            button = QToolButton(self)
            button.setText({"add_unit": "+", "remove_unit": "−"}.get(kind, ""))
            button.clicked.connect(
                lambda _c=False, k=kind, n=layer: self.change_requested.emit(k, n))
            button.show()
            self._button_list.append((button, kind, x, side))
            self._button_layers.append(layer)
        hidden_now = hidden
        for button, kind, _x, _side in self._button_list:
            if kind == "remove_layer":
                button.setEnabled(hidden_now > 0)
        self._retext_buttons()
        self._style_buttons()

    def _retext_buttons(self) -> None:
        for button, kind, _x, _side in self._button_specs():
            button.setToolTip(self._button_tip(kind))
            if kind == "add_layer":
                button.setText(_tr("+ layer"))
            elif kind == "remove_layer":
                button.setText(_tr("− layer"))

    def _style_buttons(self) -> None:
        side = int(theme.STYLE.font_pt * 1.9)
        for button, kind, _x, _side in self._button_specs():
            font = button.font()
            font.setPointSizeF(theme.STYLE.font_pt)
            button.setFont(font)
            if kind in ("add_unit", "remove_unit"):
                button.setFixedSize(side, side)
            else:
                button.setFixedHeight(side)
                button.adjustSize()
        self._place_buttons()

    def _place_buttons(self, *_args) -> None:
        vb = self.plot_item.getViewBox()
        # the layer buttons: bottom left, below the inputs (a column centred in
        # height leaves that corner free)
        corner = self.mapFromScene(vb.sceneBoundingRect().bottomLeft())
        left = corner.x() + 2
        # the − and + of a layer only where a column has room for them (a small
        # drawing: the panel's tab, double-clicked, makes it the large view)
        column = (vb.mapViewToScene(QPointF(COL, 0))
                  - vb.mapViewToScene(QPointF(0, 0))).x()
        pair = 2 * int(theme.STYLE.font_pt * 1.9) + 8
        for button, _kind, x, side in self._button_specs():
            if x is None:
                button.move(int(left), int(corner.y() - button.height() - 2))
                left += button.width() + 4
                continue
            button.setVisible(column >= pair)
            pos = self.mapFromScene(vb.mapViewToScene(QPointF(x, -0.75)))
            gap = 1
            bx = pos.x() - button.width() - gap if side < 0 else pos.x() + gap
            button.move(int(bx), int(pos.y() - button.height() / 2))

    def buttons(self) -> list[tuple[QToolButton, str, int]]:
        """The +/− buttons: (button, kind, hidden layer or -1)."""
        return [(b, kind, layer) for (b, kind, _x, _s), layer
                in zip(self._button_specs(), getattr(self, "_button_layers", []))]

    # -- data --------------------------------------------------------------------
    def set_network(self, net: dict, probe: dict | None = None,
                    focus: tuple[int, int] | None = None) -> None:
        self._net, self._probe, self._focus = net, probe, focus
        key = (tuple(net["widths"]), tuple(len(m) for m in net["maps"]),
               tuple(net["features"]))
        if key != self._layout_key:
            self._layout_key = key
            self._relayout(net)
        self._draw_maps(net["maps"])
        self._draw_edges(net["weights"])
        self._draw_focus(focus)
        self._draw_probe(probe)

    def _draw_maps(self, maps: list[np.ndarray]) -> None:
        lut = theme.lookup_table(diverging=True)
        stacked = np.concatenate(maps, 0)
        scale = np.abs(stacked).reshape(len(stacked), -1).max(1)
        scale[scale == 0] = 1.0
        idx = ((stacked / scale[:, None, None] + 1.0) * 127.5).clip(0, 255)
        colors = lut[idx.astype(np.uint8)]
        k = 0
        n = NODE_PX
        for c, rows in enumerate(self._rows):
            atlas = self._columns[c]
            for r in rows:
                # the map's row 0 is the plane's bottom (y up): flip it, top first
                atlas[r : r + n] = colors[k, ::-1]
                k += 1
            self.images[c].setImage(atlas, autoLevels=False, levels=(0, 255))

    def _draw_edges(self, weights: list[np.ndarray]) -> None:
        buckets: list[list[np.ndarray]] = [[] for _ in self.edges]
        nk = len(EDGE_WIDTHS)
        for seg, w in zip(self._segments, weights):
            w = w[: seg.shape[0], : seg.shape[1]]
            flat = seg.reshape(-1, 4)
            wf = w.reshape(-1)
            level = np.searchsorted(EDGE_LEVELS, np.abs(wf))
            slot = np.where(wf >= 0, 0, nk) + level
            for s in np.unique(slot):
                buckets[int(s)].append(flat[slot == s])
        for curve, parts in zip(self.edges, buckets):
            if not parts:
                curve.setData([], [])
                continue
            seg = np.concatenate(parts)
            x = np.empty(2 * len(seg))
            y = np.empty(2 * len(seg))
            x[0::2], x[1::2] = seg[:, 0], seg[:, 2]
            y[0::2], y[1::2] = seg[:, 1], seg[:, 3]
            curve.setData(x, y, connect="pairs")

    def _draw_focus(self, focus: tuple[int, int] | None) -> None:
        if focus is None or focus[0] >= len(self._nodes) or \
                focus[1] >= len(self._nodes[focus[0]]):
            x0, y0 = self._nodes[-1][0]
            h = (len(self._nodes[-1]) - 1) * ROW + 1
        else:
            x0, y0 = self._nodes[focus[0]][focus[1]]
            h = 1.0
        xs = [x0, x0 + 1, x0 + 1, x0 + 1, x0 + 1, x0, x0, x0]
        ys = [y0, y0, y0, y0 + h, y0 + h, y0 + h, y0 + h, y0]
        self.highlight.setData(np.array(xs, float) + [-0.06, 0.06, 0.06, 0.06, 0.06,
                                                        -0.06, -0.06, -0.06],
                               np.array(ys, float) + [-0.06, -0.06, -0.06, 0.06, 0.06,
                                                        0.06, 0.06, -0.06],
                               connect="pairs")

    def set_extent(self, extent) -> None:
        self._extent = extent

    def _draw_probe(self, probe: dict | None) -> None:
        extent = getattr(self, "_extent", None)
        if probe is None or extent is None:
            self.dots.setData([], [])
            return
        x0, x1, y0, y1 = extent
        px, py = probe["point"]
        u = (px - x0) / (x1 - x0)
        v = 1.0 - (py - y0) / (y1 - y0)  # maps are drawn y up
        xs, ys = [], []
        for col in self._nodes:
            for x, y in col:
                xs.append(x + u)
                ys.append(y + v)
        self.dots.setData(xs, ys)

    # -- hover and click ---------------------------------------------------------
    def hit(self, x: float, y: float):
        """("node", column, unit) or ("edge", layer, to, from) under (x, y), or None."""
        for c, col in enumerate(self._nodes):
            for u, (nx, ny) in enumerate(col):
                if nx <= x <= nx + 1 and ny <= y <= ny + 1:
                    return ("node", c, u)
        tol = 0.12
        best = None
        for layer, seg in enumerate(self._segments):
            x0, y0, x1, y1 = (seg[..., i] for i in range(4))
            if not (x0.min() <= x <= x1.max()):
                continue
            dx, dy = x1 - x0, y1 - y0
            t = np.clip(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0, 1)
            d = np.hypot(x0 + t * dx - x, y0 + t * dy - y)
            j, i = np.unravel_index(int(d.argmin()), d.shape)
            if d[j, i] < tol and (best is None or d[j, i] < best[0]):
                best = (float(d[j, i]), layer, int(j), int(i))
        return None if best is None else ("edge", *best[1:])

    def column_name(self, column: int) -> str:
        if self._net is None:
            return ""
        last = len(self._net["widths"]) - 1
        if column == 0:
            return _tr("Input")
        if column == last:
            return _tr("Output")
        return _tr("Layer {0}").format(column)

    def short_name(self, column: int, unit: int) -> str:
        """"x₁", "L1 #3", "out #1": a table row's name."""
        if column == 0:
            return self.unit_name(column, unit)
        last = len(self._net["widths"]) - 1 if self._net is not None else -1
        if column == last:
            return _tr("out #{0}").format(unit + 1)
        return _tr("L{0} #{1}").format(column, unit + 1)

    def unit_name(self, column: int, unit: int) -> str:
        if column == 0 and self._net is not None:
            from dlviz.core.mlp_features import FEATURE_NAMES

            key = self._net["features"][unit]
            return FEATURE_NAMES.get(key, key)
        return _tr("{0}, neuron {1}").format(self.column_name(column), unit + 1)

    def tooltip(self, hit) -> str:
        net = self._net
        if net is None or hit is None:
            return ""
        if hit[0] == "node":
            _k, c, u = hit
            values = net["maps"][c][u]
            lines = [self.unit_name(c, u),
                     _tr("output over the plane: {0} … {1}").format(
                         _fmt(float(values.min())), _fmt(float(values.max())))]
            if c > 0:
                bias = float(net["biases"][c - 1][u])
                lines.append(_tr("bias b = {0}").format(_fmt(bias)))
            probe = self._probe
            if probe is not None and c < len(probe["columns"]):
                entry = probe["columns"][c]
                if u < len(entry["a"]):
                    if "z" in entry:
                        text = _tr("selected point: z = {0}, a = {1}, ∂L/∂z = {2}")
                        lines.append(text.format(_fmt(float(entry["z"][u])),
                                             _fmt(float(entry["a"][u])),
                                             _fmt(float(entry["dz"][u]))))
                    else:
                        lines.append(_tr("selected point: {0}").format(
                            _fmt(float(entry["a"][u]))))
            lines.append(_tr("Click: show this map large") if c < len(net["widths"]) - 1
                         else _tr("Click: show the output large"))
            return "\n".join(lines)
        _k, layer, j, i = hit
        w = float(net["weights"][layer][j, i])
        return _tr("weight w = {0}\nfrom {1}\nto {2}").format(
            _fmt(w), self.unit_name(layer, i), self.unit_name(layer + 1, j))

    def _view_point(self, scene_pos):
        vb = self.plot_item.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        return float(p.x()), float(p.y())

    def _on_move(self, scene_pos) -> None:
        p = self._view_point(scene_pos)
        text = self.tooltip(self.hit(*p)) if p is not None else ""
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        p = self._view_point(event.scenePos())
        hit = self.hit(*p) if p is not None else None
        if hit is not None and hit[0] == "node":
            self.node_clicked.emit(hit[1], hit[2])


class ProbeTable(QTableWidget):
    """The selected point's numbers, neuron by neuron: pre-activation z, activation
    a and the gradient ∂L/∂z of that point's loss."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # sized to the contents when the rows change, not at every new number
        # (resizing to contents on each change costs milliseconds a cell)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self._rows: list[tuple[int, int]] = []
        self._shown = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels([_tr("Neuron"), "z", "a", "∂L/∂z"])
        tips = [_tr("Input feature, or layer and neuron number"),
                _tr("Pre-activation: the weighted sum plus bias"),
                _tr("Activation: the neuron's output"),
                _tr("Gradient of this point's loss with respect to z")]
        for column, tip in enumerate(tips):
            self.horizontalHeaderItem(column).setToolTip(tip)
        self.hint = _tr("Click a point in the output: its numbers in every neuron")
        if self._shown == "hint":
            self.item(0, 0).setText(self.hint)
        else:
            self._shown = None

    def set_probe(self, probe: dict | None, namer) -> None:
        """Fill the table from ``probe`` (``namer(column, unit)`` names a row)."""
        if probe is None:
            if self._shown != "hint":
                self._shown = "hint"
                self.setRowCount(1)
                self.setSpan(0, 0, 1, 4)
                item = QTableWidgetItem(self.hint)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.setItem(0, 0, item)
                for c in (1, 2, 3):
                    self.setItem(0, c, None)
            return
        if self._shown == "hint":
            self.setSpan(0, 0, 1, 1)
            self.setRowCount(0)
            self._shown = None
        rows = []
        for c, entry in enumerate(probe["columns"]):
            for u in range(len(entry["a"])):
                cells = [namer(c, u)]
                for key in ("z", "a", "dz"):
                    cells.append(_fmt(float(entry[key][u])) if key in entry else "")
                rows.append(cells)
        if rows == self._shown:
            return
        resize = not isinstance(self._shown, list) or [r[0] for r in rows] != [
            r[0] for r in self._shown]
        self._shown = rows
        self.setUpdatesEnabled(False)
        self.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    if c:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                              | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(r, c, item)
                if item.text() != text:
                    item.setText(text)
        if resize:
            self.resizeColumnsToContents()
        self.setUpdatesEnabled(True)
