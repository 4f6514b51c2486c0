"""The optimizer race: paths of every optimizer on a loss surface, their losses and the
update rule of one of them with the numbers of its last step.

The surface, the paths and the rule texts all come from
:class:`dlviz.core.labs.optimization.OptimizerRaceTask`; a click on the map asks the
task (``restart``) to start every optimizer again from the clicked point.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.heatmap import HeatmapView

#: One colour per optimizer, readable on the colour map (lines get a dark outline).
OPTIMIZER_COLORS = {
    "SGD": "#B0B0B0",
    "SGD+momentum": "#E69F00",
    "Nesterov": "#F0E442",
    "Adagrad": "#56B4E9",
    "RMSprop": "#CC79A7",
    "Adadelta": "#009E73",
    "Adam": "#D55E00",
}
#: Short names under the loss bars.
SHORT_NAMES = {
    "SGD+momentum": "Mom.",
    "Nesterov": "NAG",
    "Adagrad": "AdaG",
    "RMSprop": "RMS",
    "Adadelta": "AdaD",
}
OUTLINE = "#000000"
RULE_FONT_PT = 13.0


def optimizer_color(name: str) -> str:
    return OPTIMIZER_COLORS.get(name, theme.PALETTE[sum(map(ord, name)) % 7])


class SurfaceView(HeatmapView):
    """The heatmap with y up and a legend on a backdrop in the theme's colour."""

    def apply_style(self) -> None:
        super().apply_style()
        legend = self.plot_item.legend
        if legend is not None:
            color = pg.mkColor(theme.STYLE.background)
            color.setAlpha(215)
            legend.setBrush(pg.mkBrush(color))


class OptimizersStage(Stage):
    """The loss surface with one path per optimizer, the loss bars and the rule."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.surface = SurfaceView(x_label="x", y_label="y")
        item = self.surface.plot_item
        item.invertY(False)  # row 0 of the surface is the lowest y
        item.setMouseEnabled(x=False, y=False)
        self.legend = item.addLegend(offset=(-8, 8))
        self.surface.apply_style()
        self.critical = pg.ScatterPlotItem(
            symbol="star", size=18, brush=pg.mkBrush("#FFFFFF"), pen=pg.mkPen(OUTLINE)
        )
        self.critical.setZValue(5)
        self.start_marker = pg.ScatterPlotItem(
            symbol="s", size=11, brush=pg.mkBrush("#FFFFFF"), pen=pg.mkPen(OUTLINE)
        )
        self.start_marker.setZValue(6)
        self.markers = pg.ScatterPlotItem(pen=pg.mkPen(OUTLINE, width=1.5))
        self.markers.setZValue(20)
        for extra in (self.critical, self.start_marker, self.markers):
            item.addItem(extra)
        self.paths: dict[str, pg.PlotDataItem] = {}
        self.surface.scene().sigMouseClicked.connect(self._on_clicked)

        self.bars = BarsView(log=True)
        self.rule_label = QLabel()
        self.rule_combo = QComboBox()
        self.rule_combo.currentIndexChanged.connect(self._on_rule_chosen)
        self.status_label = QLabel()
        self.rule_text = QPlainTextEdit()
        self.rule_text.setReadOnly(True)
        self.rule_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.rule_text.setMinimumWidth(160)
        self.rule_text.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        self.rule_text.viewport().installEventFilter(self)
        self._fitted_for = 0
        self._start: tuple[float, ...] = ()
        self._path_keys: dict[str, tuple] = {}
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule_label)
        rule_row.addWidget(self.rule_combo, 1)
        rule_box = QWidget()
        rule_layout = QVBoxLayout(rule_box)
        rule_layout.setContentsMargins(0, 0, 0, 0)
        rule_layout.addLayout(rule_row)
        rule_layout.addWidget(self.status_label)
        rule_layout.addWidget(self.rule_text, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.surface, 1)
        left_layout.addWidget(self.hint)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.bars)
        right.addWidget(rule_box)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.snapshot: dict[str, Any] | None = None
        self._surface_key: int | None = None
        self._names: tuple[str, ...] = ()
        self._rule_shown = ""
        self.retranslate_ui()

    # -- text ----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.rule_label.setText(self.tr("Update rule of"))
        self.hint.setText(
            self.tr("Colour: log₁₀(loss − lowest). Square: start. Star: ")
            + self._critical_text()
            + " "
            + self.tr("Click on the map to start every optimizer there.")
        )
        self.bars.set_title(self.tr("Loss above the lowest value"))
        self.bars.plot_item.getAxis("left").setLabel(self.tr("log₁₀ of the gap"))
        self._show_titles()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _critical_text(self) -> str:
        kind = (self.snapshot or {}).get("critical_kind", "minimum")
        if kind == "saddle":
            return self.tr("the saddle point.")
        return self.tr("the minimum.")

    def _show_titles(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.surface.set_title(self.tr("Loss surface"))
            return
        title = self.tr("{surface}: {formula}")
        text = title.format(
            surface=tr_core(snap["surface_name"]), formula=snap["formula"]
        )
        if snap.get("noise", 0.0) > 0:
            text += self.tr(", gradient noise σ = {0:g}").format(snap["noise"])
        self.surface.set_title(text)

    def _show_status(self) -> None:
        snap, name = self.snapshot, self.rule_combo.currentData()
        status = ""
        if snap is not None and name in snap["names"]:
            status = snap["status"][snap["names"].index(name)]
        text = {
            "diverged": self.tr("Stopped: the steps grew without bound."),
            "left the map": self.tr("Stopped: it left the map."),
        }.get(status, "")
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

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
                self.paths[name].setData(path[:, 0], path[:, 1])
        points = snapshot["points"]
        stopped = [bool(s) for s in snapshot["status"]]
        self.markers.setData(
            pos=points,
            brush=[pg.mkBrush(optimizer_color(n)) for n in names],
            symbol=["x" if s else "o" for s in stopped],
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

    def _set_names(self, names: tuple[str, ...], selected: str) -> None:
        self._names = names
        for name in list(self.paths):
            if name not in names:
                path = self.paths.pop(name)
                self.surface.plot_item.removeItem(path)
                self.legend.removeItem(path)
        width = theme.STYLE.line_width + 0.5
        for name in names:
            if name not in self.paths:
                path = pg.PlotDataItem(
                    pen=pg.mkPen(optimizer_color(name), width=width),
                    shadowPen=pg.mkPen(OUTLINE, width=width + 2),
                    name=tr_core(name),
                )
                path.setZValue(10)
                self.surface.plot_item.addItem(path)
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

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if "snapshot" in data:
            self.show_snapshot(data["snapshot"])

    def reset(self) -> None:
        self._rule_shown = ""
        self._path_keys.clear()

    def panels(self) -> dict[str, QWidget]:
        return {
            "loss surface": self.surface,
            "losses": self.bars,
            "update rule": self.rule_text,
        }


STAGES = {"optimizers": OptimizersStage}
