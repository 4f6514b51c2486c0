"""Stages of the toy GANs: the 1-D picture of Goodfellow et al. and the 2-D playground.

Buttons emit requests that the task answers in the worker thread: ``step``
(D / G / both), ``preset`` (collapse / fix) and ``set_target_points`` (a drawing).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.ui import theme
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.gen_images import AutoencoderStage, ImageGanStage
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.scatter import ScatterView

REAL_COLOR = "#444444"
FAKE_COLOR = "#009E73"
D_COLOR = "#0072B2"
OPTIMAL_COLOR = "#CC79A7"
ARROW_COLOR = "#D55E00"


def segments(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y arrays for a ``connect="pairs"`` item drawing start→end segments."""
    pts = np.empty((2 * len(starts), 2), dtype=np.float32)
    pts[0::2], pts[1::2] = starts, ends
    return pts[:, 0], pts[:, 1]


def polylines(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(L, P, 2) lines → x, y and a connect mask that breaks between lines."""
    n_lines, n_points = lines.shape[:2]
    connect = np.ones((n_lines, n_points), dtype=bool)
    connect[:, -1] = False
    flat = lines.reshape(-1, 2)
    return flat[:, 0], flat[:, 1], connect.ravel()


class StepButtons(QWidget):
    """Step D / Step G / Step both, emitting ``requested("step", {"which": ...})``."""

    def __init__(self, stage: Stage, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for which in ("D", "G", "both"):
            button = QPushButton()
            button.clicked.connect(getattr(self, f"_step_{which.lower()}"))
            layout.addWidget(button)
            self.buttons[which] = button
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.buttons["D"].setText(self.tr("Step D"))
        self.buttons["G"].setText(self.tr("Step G"))
        self.buttons["both"].setText(self.tr("Step D + G"))

    def add_widget(self, widget: QWidget) -> None:
        self.layout().insertWidget(self.layout().count() - 1, widget)

    def _step_d(self) -> None:
        self.stage.requested.emit("step", {"which": "D"})

    def _step_g(self) -> None:
        self.stage.requested.emit("step", {"which": "G"})

    def _step_both(self) -> None:
        self.stage.requested.emit("step", {"which": "both"})


class Gan1dStage(Stage):
    """Densities, D(x), the optimal D, the ½ line and the z → x mapping."""

    z_level, x_level = -0.45, -0.08

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.plot = CurvesView(x_label="x")
        item = self.plot.plot_item
        item.setYRange(-0.55, 1.25, padding=0)
        item.setXRange(-4, 4, padding=0)
        self.half = pg.InfiniteLine(
            pos=0.5, angle=0, pen=theme.pen("#999999", style=Qt.PenStyle.DotLine)
        )
        item.addItem(self.half)
        self.mapping = pg.PlotDataItem(
            pen=pg.mkPen(FAKE_COLOR, width=1), connect="pairs"
        )
        item.addItem(self.mapping)
        self.losses = CurvesView(x_label="step")
        self.buttons = StepButtons(self)
        self.gap_label = QLabel()
        self.buttons.add_widget(self.gap_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plot)
        splitter.addWidget(self.losses)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.plot.set_title(
            self.tr("Data (black), generator (green), D(x) (blue), optimal D (pink)")
        )
        self.losses.set_title(self.tr("Losses of D and G"))
        self.losses.plot_item.setLabel("bottom", self.tr("step"))
        self.buttons.retranslate_ui()

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        x = snapshot["x"]
        peak = max(float(snapshot["p_data"].max()), 1e-6)
        scale = 1.0 / peak  # densities scaled so the data's peak is at 1
        self.plot.set_curve(
            "p_data",
            x,
            snapshot["p_data"] * scale,
            REAL_COLOR,
            label=self.tr("data density"),
        )
        self.plot.set_curve(
            "p_g",
            x,
            snapshot["p_g"] * scale,
            FAKE_COLOR,
            label=self.tr("generator density"),
        )
        self.plot.set_curve("d", x, self._d_shown(snapshot), D_COLOR, label="D(x)")
        self.plot.set_curve(
            "d_opt", x, snapshot["d_optimal"], OPTIMAL_COLOR, dashed=True, label="D*(x)"
        )
        z, gz = snapshot["z_lines_z"], snapshot["z_lines_x"]
        spread = max(float(np.abs(z).max()), 1e-6)
        z_shown = z / spread * 3.5
        starts = np.stack([z_shown, np.full_like(z, self.z_level)], 1)
        ends = np.stack([gz, np.full_like(gz, self.x_level)], 1)
        self.mapping.setData(*segments(starts, ends))
        self.gap_label.setText(
            self.tr("max |D(x) − ½| on the data: {0:.3f}").format(snapshot["d_gap"])
        )
        self._show_losses(snapshot)

    def _d_shown(self, snapshot: dict[str, Any]) -> np.ndarray:
        d = snapshot["d"]
        if snapshot["d_is_probability"]:
            return d
        lo, hi = float(d.min()), float(d.max())
        return (d - lo) / max(hi - lo, 1e-6)  # critic scores squeezed into [0, 1]

    def _show_losses(self, snapshot: dict[str, Any]) -> None:
        steps = snapshot.get("history_steps")
        if steps is None or len(steps) == 0:
            self.losses.clear_curves()
            return
        self.losses.set_curve("d", steps, snapshot["history_d"], D_COLOR, label="D")
        self.losses.set_curve("g", steps, snapshot["history_g"], FAKE_COLOR, label="G")

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if "snapshot" in data:
            self.show_snapshot(data["snapshot"])

    def reset(self) -> None:
        self.losses.clear_curves()

    def panels(self) -> dict[str, QWidget]:
        return {"densities": self.plot, "losses": self.losses}


class DrawingScatter(ScatterView):
    """A scatter view in which the mouse can draw points while drawing is on."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self.drawing = False
        self.drawn: list[tuple[float, float]] = []
        self.scene().sigMouseMoved.connect(self._on_moved)
        self.scene().sigMouseClicked.connect(self._on_clicked)

    def set_drawing(self, on: bool) -> None:
        self.drawing = on
        self.plot_item.vb.setMouseEnabled(x=not on, y=not on)

    def add_point(self, x: float, y: float) -> None:
        if (
            not self.drawn
            or np.hypot(x - self.drawn[-1][0], y - self.drawn[-1][1]) > 0.04
        ):
            self.drawn.append((float(x), float(y)))
            self.set_points("drawn", np.asarray(self.drawn), size=6, z=30)

    def clear_drawing(self) -> None:
        self.drawn.clear()
        self.set_points("drawn", np.zeros((0, 2)))

    def _view_point(self, scene_pos: QPointF) -> QPointF:
        return self.plot_item.vb.mapSceneToView(scene_pos)

    def _on_moved(self, scene_pos: QPointF) -> None:
        from PySide6.QtWidgets import QApplication

        if self.drawing and QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            p = self._view_point(scene_pos)
            self.add_point(p.x(), p.y())

    def _on_clicked(self, event) -> None:
        if self.drawing:
            p = self._view_point(event.scenePos())
            self.add_point(p.x(), p.y())


class Gan2dStage(Stage):
    """Samples, D's heatmap, the pull on generated points, the warped noise grid."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.view = DrawingScatter()
        item = self.view.plot_item
        self.heat = pg.ImageItem()
        self.heat.setLookupTable(theme.lookup_table("CET-D1", diverging=True))
        self.heat.setOpacity(0.55)
        self.heat.setZValue(-10)
        item.addItem(self.heat)
        self.grid = pg.PlotDataItem(pen=pg.mkPen("#E69F00", width=1))
        self.grid.setZValue(5)
        item.addItem(self.grid)
        self.arrows = pg.PlotDataItem(
            pen=pg.mkPen(ARROW_COLOR, width=2), connect="pairs"
        )
        self.arrows.setZValue(20)
        item.addItem(self.arrows)
        self.count = pg.TextItem(anchor=(0, 0), color=theme.STYLE.foreground)
        self.count.setZValue(40)
        item.addItem(self.count)
        self.losses = CurvesView(x_label="step")
        self.show_heat = QCheckBox()
        self.show_arrows = QCheckBox()
        self.show_grid = QCheckBox()
        for box in (self.show_heat, self.show_arrows):
            box.setChecked(True)
        for box in (self.show_heat, self.show_arrows, self.show_grid):
            box.toggled.connect(self._apply_visibility)
        self.collapse = QPushButton()
        self.fix = QPushButton()
        self.collapse.clicked.connect(self._preset_collapse)
        self.fix.clicked.connect(self._preset_fix)
        self.draw = QPushButton()
        self.draw.setCheckable(True)
        self.draw.toggled.connect(self._toggle_draw)
        self.use_drawing = QPushButton()
        self.use_drawing.clicked.connect(self.send_drawing)
        self.buttons = StepButtons(self)
        for w in (
            self.collapse,
            self.fix,
            self.draw,
            self.use_drawing,
            self.show_heat,
            self.show_arrows,
            self.show_grid,
        ):
            self.buttons.add_widget(w)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.losses)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._extent = None
        self._apply_visibility()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.view.set_title(
            self.tr(
                "Data (grey), generated (green), D (colour), "
                "pull on G's points (arrows)"
            )
        )
        self.losses.set_title(self.tr("Losses of D and G"))
        self.losses.plot_item.setLabel("bottom", self.tr("step"))
        self.show_heat.setText(self.tr("D map"))
        self.show_arrows.setText(self.tr("Arrows"))
        self.show_grid.setText(self.tr("Noise grid"))
        self.collapse.setText(self.tr("Preset: mode collapse"))
        self.fix.setText(self.tr("Preset: fixed"))
        self.draw.setText(self.tr("Draw target"))
        self.use_drawing.setText(self.tr("Use drawing"))
        self.buttons.retranslate_ui()

    def _apply_visibility(self) -> None:
        self.heat.setVisible(self.show_heat.isChecked())
        self.arrows.setVisible(self.show_arrows.isChecked())
        self.grid.setVisible(self.show_grid.isChecked())

    def _preset_collapse(self) -> None:
        self.requested.emit("preset", {"name": "collapse"})

    def _preset_fix(self) -> None:
        self.requested.emit("preset", {"name": "fix"})

    def _toggle_draw(self, on: bool) -> None:
        self.view.set_drawing(on)
        if on:
            self.view.clear_drawing()

    def send_drawing(self) -> None:
        """Send the drawn points as the new target (needs at least 3 points)."""
        if len(self.view.drawn) < 3:
            return
        points = np.asarray(self.view.drawn, dtype=np.float32)
        self.draw.setChecked(False)
        self.requested.emit("set_target_points", {"points": points})

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        extent = tuple(snapshot["d_extent"])
        if extent != self._extent:
            self._extent = extent
            x0, x1, y0, y1 = extent
            self.heat.setRect(x0, y0, x1 - x0, y1 - y0)
            self.view.set_range(x0, x1, y0, y1)
            self.count.setPos(x0 + 0.1, y1 - 0.1)
        # rows of d_grid run along y upwards (images are row-major in dlviz)
        self.heat.setImage(
            snapshot["d_grid"], autoLevels=False, levels=snapshot["d_levels"]
        )
        size = theme.STYLE.marker_size
        self.view.set_points(
            "real", snapshot["real"], size=size * 0.6, outline=REAL_COLOR, z=8
        )
        self.view.layers["real"].setBrush(pg.mkBrush(REAL_COLOR))
        self.view.set_points(
            "fake", snapshot["fake"], size=size * 0.6, outline=FAKE_COLOR, z=12
        )
        self.view.layers["fake"].setBrush(pg.mkBrush(FAKE_COLOR))
        starts = snapshot["arrow_origins"]
        self.arrows.setData(*segments(starts, starts + snapshot["arrow_vectors"]))
        gx, gy, connect = polylines(snapshot["warped_grid"])
        self.grid.setData(gx, gy, connect=connect)
        self._show_modes(snapshot)
        steps = snapshot.get("history_steps")
        if steps is not None and len(steps):
            self.losses.set_curve("d", steps, snapshot["history_d"], D_COLOR, label="D")
            self.losses.set_curve(
                "g", steps, snapshot["history_g"], FAKE_COLOR, label="G"
            )

    def _show_modes(self, snapshot: dict[str, Any]) -> None:
        centres, covered = snapshot["mode_centres"], snapshot["modes_covered"]
        item = self.view.layers.get("modes")
        if item is None:
            item = pg.ScatterPlotItem(pxMode=False)
            item.setZValue(25)
            self.view.plot_item.addItem(item)
            self.view.layers["modes"] = item
        diameter = 2 * snapshot["mode_radius"]
        pens = [pg.mkPen("#009E73" if c else "#D55E00", width=2) for c in covered]
        item.setData(pos=centres, size=diameter, pen=pens, brush=None, symbol="o")
        self.count.setText(
            self.tr("modes covered: {0} / {1}").format(
                snapshot["n_modes_covered"], snapshot["n_modes"]
            )
        )
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt + 2)
        self.count.setFont(font)

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if "snapshot" in data:
            self.show_snapshot(data["snapshot"])

    def reset(self) -> None:
        self.losses.clear_curves()
        self._extent = None

    def panels(self) -> dict[str, QWidget]:
        return {"samples": self.view, "losses": self.losses}


STAGES = {
    "gan1d": Gan1dStage,
    "gan2d": Gan2dStage,
    "image_gan": ImageGanStage,
    "autoencoder": AutoencoderStage,
}
