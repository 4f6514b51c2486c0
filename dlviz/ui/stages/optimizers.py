"""The optimizer race: paths of every optimizer on a loss surface, their losses and the
update rule of one of them with the numbers of its last step.

The main view is the loss surface (its colour bar gives log₁₀ of the loss above the
lowest value) with every optimizer's whole path as a polyline (a dot per step while
the path is short), its position now (● running, ✕ stopped), the start (□) and the
minimum or saddle point (★); the legend of the optimizers sits under the map. Beside
it: the loss gap of each optimizer now (bars, log scale) and the chosen optimizer's
update rule with numbers; the window's loss curves join them. The task reports no
metric besides losses, so the window's metric-curve panel is left out.

The surface, the paths and the rule texts all come from
:class:`dlviz.core.labs.optimization.OptimizerRaceTask`; a click on the map asks the
task (``restart``) to start every optimizer again from the clicked point.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from dlviz.core.metric_names import metric_color_slot
from dlviz.core.polyline import thin_path
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.metric import DeckWithoutMetricCurves
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.legend import FitsLegend, legend_below, relabel
from dlviz.ui.views.outlined_paths import OutlinedPath, OutlinedPaths, PathSample

#: One colour per optimizer (the theme's palette), readable on the colour map
#: (lines and markers get a dark outline).
OPTIMIZER_COLORS = {
    "SGD": theme.PALETTE[8],
    "SGD+momentum": theme.PALETTE[1],
    "Nesterov": theme.PALETTE[6],
    "Adagrad": theme.PALETTE[5],
    "RMSprop": theme.PALETTE[4],
    "Adadelta": theme.PALETTE[2],
    "Adam": theme.PALETTE[3],
}
#: Short names under the loss bars.
SHORT_NAMES = {
    "SGD+momentum": "Mom.",
    "Nesterov": "NAG",
    "Adagrad": "AdaG",
    "RMSprop": "RMS",
    "Adadelta": "AdaD",
}
#: Outline of lines and markers drawn on the colour map, and the fill of the start
#: and critical-point markers: theme roles, dark and light whatever the theme (the
#: map is the same in both).
OUTLINE = "map_outline"
MARK_FILL = "map_fill"
#: A path shows a dot at each step while it has at most this many points.
STEP_DOTS_UP_TO = 150
#: A long path is drawn through the points that move to another cell of a grid of
#: this many pixels, less those on smooth stretches (see :func:`thin_path`): a
#: converging optimizer adds thousands of sub-pixel steps that would each cost
#: drawing time and show nothing.
PATH_CELL_PX = 0.5
#: At most this many points of a path are drawn (an outlined line costs about
#: 2 µs a point to paint; seven paths of 400 fit in a frame).
PATH_POINTS = 400
RULE_FONT_PT = 13.0


def optimizer_color(name: str) -> str:
    return OPTIMIZER_COLORS.get(name, theme.PALETTE[sum(map(ord, name)) % 7])


class SurfaceView(FitsLegend, HeatmapView):
    """The loss surface, y up, with its colour bar and the optimizers' legend under
    the map (outside the data)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.plot_item.invertY(False)  # row 0 of the surface is the lowest y
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.legend = legend_below(self)


class OptimizersStage(Stage):
    """The loss surface with one path per optimizer, the loss bars and the rule."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.surface = SurfaceView(x_label="x", y_label="y")
        item = self.surface.plot_item
        self.legend = self.surface.legend
        size = theme.STYLE.marker_size
        self.critical = pg.ScatterPlotItem(
            symbol="star", size=size + 11, brush=pg.mkBrush(theme.role(MARK_FILL)),
            pen=theme.pen(OUTLINE, width=1.5),
        )
        self.critical.setZValue(16)
        self.start_marker = pg.ScatterPlotItem(
            symbol="s", size=size + 5, brush=pg.mkBrush(theme.role(MARK_FILL)),
            pen=theme.pen(OUTLINE, width=1.5),
        )
        self.start_marker.setZValue(15)  # above the paths, under the markers
        self.markers = pg.ScatterPlotItem(pen=theme.pen(OUTLINE, width=1.5))
        self.markers.setZValue(20)
        for extra in (self.critical, self.start_marker, self.markers):
            item.addItem(extra)
        # the surface, the start and the critical points change with the surface or
        # a restart only: painted from cached pixmaps (the moving markers repaint
        # the map; scaling the surface's image again cost ~0.8 ms a frame)
        for still in (self.critical, self.start_marker, self.surface.image):
            still.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # every path in one item: seven curves of their own cost more in
        # bookkeeping than in painting
        self.path_item = OutlinedPaths(OUTLINE)
        self.path_item.setZValue(10)
        item.addItem(self.path_item, ignoreBounds=True)
        self.paths: dict[str, OutlinedPath] = {}
        self.surface.scene().sigMouseClicked.connect(self._on_clicked)

        self.bars = BarsView(log=True)
        self.rule_label = QLabel()
        self.rule_combo = QComboBox()
        self.rule_combo.currentIndexChanged.connect(self._on_rule_chosen)
        self.status_label = QLabel()
        self.rule_text = QPlainTextEdit()
        self.rule_text.setReadOnly(True)
        self.rule_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.rule_text.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        self.rule_text.viewport().installEventFilter(self)
        self._fitted_for = 0
        self._start: tuple[float, ...] = ()
        self._path_keys: dict[str, tuple] = {}
        self._marker_style: tuple = ()
        self._marker_brushes: list = []
        self._marker_symbols: list[str] = []

        # the task reports losses only: no (always empty) metric-curve panel
        self.deck = DeckWithoutMetricCurves()
        deck = self.use_frame()
        deck.add(self.surface, Role.MAIN, "loss surface")
        deck.add(self.rule_text, Role.SECONDARY, "update rule")
        deck.add(self.bars, Role.SECONDARY, "losses")
        self.controls.group(self.rule_label, self.rule_combo)
        self.controls.add(self.status_label)

        self.snapshot: dict[str, Any] | None = None
        self._surface_key: int | None = None
        self._names: tuple[str, ...] = ()
        self._rule_shown = ""
        self.retranslate_ui()

    # -- text ----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.rule_label.setText(self.tr("Update rule of"))
        self.bars.set_title(self.tr("Gap to the lowest loss"))
        self.deck.set_title(self.surface, self.tr("Loss surface"))
        self.deck.set_title(self.rule_text, self.tr("Update rule"))
        self.deck.set_title(self.bars, self.tr("Loss gaps"))
        for name, path in self.paths.items():
            self._legend_label(path, tr_core(name))
        for i in range(self.rule_combo.count()):
            self.rule_combo.setItemText(i, tr_core(self.rule_combo.itemData(i)))
        self._show_titles()
        self._show_status()

    def _legend_label(self, path: OutlinedPath, text: str) -> None:
        relabel(self.legend, path, text)
        self.surface.style_legend()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def caption_text(self) -> str:
        """The surface's formula and what the colours and marks mean (rich text)."""
        snap = self.snapshot or {}
        parts = []
        if snap:
            text = self.tr("{surface}: f(x, y) = {formula}").format(
                surface=tr_core(snap["surface_name"]), formula=snap["formula"]
            )
            if snap.get("noise", 0.0) > 0:
                text += self.tr(", gradient noise σ = {0:g}").format(snap["noise"])
            # the sentence's full stop follows the language ("." or "。")
            parts.append(self.tr("{0}.").format(f"<b>{html.escape(text)}</b>"))
        critical = (
            self.tr("the saddle point") if snap.get("critical_kind") == "saddle"
            else self.tr("the minimum")
        )
        parts.append(html.escape(self.tr("Colour: log₁₀(loss − lowest).")))
        parts.append(html.escape(self.tr(
            "□ start, ★ {0}, ● each optimizer now, ✕ stopped "
            "(it left the map or diverged)."
        ).format(critical)))
        parts.append(html.escape(
            self.tr("Click on the map to start every optimizer there.")
        ))
        return " ".join(parts)

    def _show_titles(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.surface.set_title(self.tr("Loss surface"))
        else:
            self.surface.set_title(
                self.tr("Surface: {0}").format(tr_core(snap["surface_name"]))
            )
        self.set_caption(self.caption_text())

    def _show_status(self) -> None:
        snap, name = self.snapshot, self.rule_combo.currentData()
        status = ""
        if snap is not None and name in snap["names"]:
            status = snap["status"][snap["names"].index(name)]
        text = {
            "diverged": self.tr("Stopped: the steps grew without bound."),
            "left the map": self.tr("Stopped: it left the map."),
        }.get(status, "")
        if text != self.status_label.text():
            self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def curve_style(self, name: str) -> tuple[str, str] | None:
        """Colour and label for the window's curve ``name``: the loss of each
        optimizer (``loss_<optimizer>``) in that optimizer's colour, as its path —
        named once, by the map's legend beside it (label ``""``: eight entries under
        a 1024×768 ×1.5 loss panel left its curves no height); ``loss``, their mean,
        named as such; None for the window's own style."""
        optimizer = name.removeprefix("loss_")
        if name.startswith("loss_") and optimizer in OPTIMIZER_COLORS:
            return optimizer_color(optimizer), ""
        if name == "loss":
            return (theme.class_color(metric_color_slot("loss")),
                    self.tr("mean of the optimizers"))
        return None

    # -- snapshots -----------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        first = self.snapshot is None
        self.snapshot = snapshot
        if id(snapshot["surface"]) != self._surface_key:
            self._surface_key = id(snapshot["surface"])
            self.surface.set_data(
                snapshot["surface"], snapshot["levels"], snapshot["extent"]
            )
            self.critical.setData(pos=snapshot["critical_points"])
            self.path_item.set_area(*snapshot["extent"])
            self.retranslate_ui()
        names = tuple(snapshot["names"])
        if names != self._names:
            self._set_names(names, snapshot["selected"])
        elif first:
            self._show_titles()
        for name, path, status in zip(names, snapshot["paths"], snapshot["status"]):
            key = (len(path), status, tuple(path[-1].tolist()))
            if key != self._path_keys.get(name):  # stopped paths stay as they are
                self._path_keys[name] = key
                self._set_path(self.paths[name], path)
        # a racer that left the map stopped just outside it: its mark sits on the
        # edge where its path leaves, not out of sight
        x0, x1, y0, y1 = snapshot["extent"]
        dx, dy = 0.025 * (x1 - x0), 0.025 * (y1 - y0)  # the whole mark in view
        points = np.asarray(snapshot["points"], dtype=np.float64).reshape(-1, 2)
        stopped = [bool(s) for s in snapshot["status"]]
        if any(stopped):
            inside = np.c_[np.clip(points[:, 0], x0 + dx, x1 - dx),
                           np.clip(points[:, 1], y0 + dy, y1 - dy)]
            points = np.where(np.array(stopped)[:, None], inside, points)
        style = (names, tuple(stopped), theme.STYLE.marker_size)
        if style != self._marker_style:  # brushes made once per set of racers
            self._marker_style = style
            self._marker_brushes = [pg.mkBrush(optimizer_color(n)) for n in names]
            self._marker_symbols = ["x" if s else "o" for s in stopped]
        self.markers.setData(
            pos=points,
            brush=self._marker_brushes,
            symbol=self._marker_symbols,
            size=theme.STYLE.marker_size + 7,
        )
        start = tuple(snapshot["start"].tolist())
        if start != self._start:
            self._start = start
            self.start_marker.setData(pos=[start])
        gaps = np.maximum(snapshot["losses"] - snapshot["loss_floor"], 1e-12)
        self.bars.set_values(
            gaps,
            [SHORT_NAMES.get(n, n) for n in names],
            colors=[optimizer_color(n) for n in names],
        )
        self._show_rule()

    def _set_path(self, path: OutlinedPath, points: np.ndarray) -> None:
        """The whole path as a polyline; a dot at every step while it is short (the
        straight pieces between them are the steps). A long path is thinned to
        sub-pixel detail (:func:`thin_path`); an update that changes nothing drawn
        is skipped."""
        dots = len(points) <= STEP_DOTS_UP_TO
        if dots:
            shown = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        else:
            pixel = self.surface.plot_item.getViewBox().viewPixelSize()
            cell = (PATH_CELL_PX * abs(pixel[0]), PATH_CELL_PX * abs(pixel[1]))
            shown = thin_path(points, cell, PATH_POINTS)
        if (path.dots == dots and len(path.x) == len(shown)
                and np.array_equal(path.x, shown[:, 0])
                and np.array_equal(path.y, shown[:, 1])):
            return
        path.set_data(shown, dots)

    def _set_names(self, names: tuple[str, ...], selected: str) -> None:
        self._names = names
        for name in list(self.paths):
            if name not in names:
                path = self.paths.pop(name)
                self.path_item.remove(path)
                self.legend.removeItem(path)
        for name in names:
            if name not in self.paths:
                path = self.path_item.add(optimizer_color(name))
                self.legend.addItem(PathSample(path), tr_core(name))
                self.paths[name] = path
        self.surface.style_legend()
        current = self.rule_combo.currentData()
        self.rule_combo.blockSignals(True)
        self.rule_combo.clear()
        for name in names:
            self.rule_combo.addItem(tr_core(name), name)
        keep = current if current in names else selected
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(keep)))
        self.rule_combo.blockSignals(False)

    def _show_rule(self) -> None:
        snap, name = self.snapshot, self.rule_combo.currentData()
        if snap is None or name not in snap["names"]:
            return
        text = snap["rules"][snap["names"].index(name)]
        if text != self._rule_shown:
            self._rule_shown = text
            self.rule_text.setPlainText(text)
            widest = max((len(line) for line in text.splitlines()), default=0)
            # refit only when the widest line grows, or shrinks a lot
            if not self._fitted_for - 6 <= widest <= self._fitted_for:
                self._fitted_for = widest
                self._fit_rule_font()
        self._show_status()

    def _fit_rule_font(self) -> None:
        """The largest font (up to RULE_FONT_PT) in which the widest line fits."""
        font = QFont(self.rule_text.font())
        font.setPointSizeF(RULE_FONT_PT * max(1.0, theme.STYLE.font_pt / 11.0))
        metrics = QFontMetricsF(font)
        lines = self._rule_shown.splitlines() or [""]
        needed = max(metrics.horizontalAdvance(line + "  ") for line in lines)
        room = self.rule_text.viewport().width() - 8
        if needed > room > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() * room / needed))
        if font.pointSizeF() != self.rule_text.font().pointSizeF():
            self.rule_text.setFont(font)

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.rule_text.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rule_font()
        return super().eventFilter(watched, event)

    def _on_rule_chosen(self, _index: int) -> None:
        self._show_rule()

    # -- clicks --------------------------------------------------------------------
    def _on_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.snapshot is None:
            return
        pos = self.surface.plot_item.vb.mapSceneToView(event.scenePos())
        self.restart_at(pos.x(), pos.y())

    def restart_at(self, x: float, y: float) -> bool:
        """Ask the task to restart every optimizer at ``(x, y)`` if it is on the map."""
        if self.snapshot is None:
            return False
        x0, x1, y0, y1 = self.snapshot["extent"]
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        self.requested.emit("restart", {"x": float(x), "y": float(y)})
        return True

    def reset(self) -> None:
        self._rule_shown = ""
        self._path_keys.clear()


STAGES = {"optimizers": OptimizersStage}
