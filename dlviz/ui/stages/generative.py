"""Stages of the toy GANs: the 1-D picture of Goodfellow et al. and the 2-D playground.

Buttons emit requests that the task answers in the worker thread: ``step``
(D / G / both), ``preset`` (collapse / fix) and ``set_target_points`` (a drawing).
The image GANs and the autoencoders have their stages (and register them) in
:mod:`gen_images`; the pieces both modules use live in :mod:`_gen_common`, so
neither imports the other.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from dlviz.ui import theme
from dlviz.ui.kit import Role
from dlviz.ui.stages._gen_common import (
    COVERED_COLOR,
    D_COLOR,
    DATA_COLOR,
    FAKE_COLOR,
    GRID_COLOR,
    MISSED_COLOR,
    OPTIMAL_COLOR,
    PULL_COLOR,
    StepButtons,
    style_colorbar,
    with_loss,
)
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.base import label_colorbar
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.legend import FitsLegend, fit_legend, legend_below, relabel
from dlviz.ui.views.scatter import ScatterView

__all__ = ["Gan1dStage", "Gan2dStage", "StepButtons", "STAGES"]


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


def _losses_view() -> CurvesView:
    """D's and G's losses, manual steps included (the window's loss curves show
    only the steps of training)."""
    return CurvesView(x_label="step")


def view_contains(view: CurvesView, x: np.ndarray, *ys: np.ndarray) -> bool:
    """True when the finite points (x, y) of every ``ys`` lie inside the view."""
    (x0, x1), (y0, y1) = view.plot_item.vb.viewRange()
    values = np.concatenate([np.asarray(y, dtype=np.float64) for y in ys])
    values = values[np.isfinite(values)]
    if not len(x) or not len(values):
        return True
    return (x0 <= float(np.min(x)) and float(np.max(x)) <= x1
            and y0 <= float(values.min()) and float(values.max()) <= y1)


class LossCurves:
    """D's and G's loss curves redrawn at most :attr:`hz` times a second: the
    history grows by a point a step and the view repaints its whole plot for it;
    the newest snapshot always shows, at the latest 1/hz seconds later."""

    hz = 4.0

    def __init__(self, view: CurvesView):
        self.view = view
        self._pending: dict[str, Any] | None = None
        self._shown_at = -math.inf
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def show(self, snapshot: dict[str, Any]) -> None:
        self._pending = snapshot
        wait = self._shown_at + 1.0 / self.hz - time.monotonic()
        if wait <= 0:
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000)))

    def flush(self) -> None:
        self._timer.stop()
        if self._pending is not None:
            snapshot, self._pending = self._pending, None
            self._shown_at = time.monotonic()
            _show_losses(self.view, snapshot)

    def reset(self) -> None:
        self._timer.stop()
        self._pending = None
        self._shown_at = -math.inf
        self.view.clear_curves()


def _show_losses(view: CurvesView, snapshot: dict[str, Any]) -> None:
    """D's and G's losses. A WGAN critic's scores are unbounded: whenever the data
    leave the view — after the user zoomed or panned it, which stops the view from
    following the data — the view starts following them again."""
    steps = snapshot.get("history_steps")
    if steps is None or len(steps) == 0:
        return
    d, g = snapshot["history_d"], snapshot["history_g"]
    for attempt in range(2):
        view.set_curve("d", steps, d, D_COLOR, label="D")
        view.set_curve("g", steps, g, FAKE_COLOR, label="G")
        if attempt or view_contains(view, steps, d, g):
            return
        view.clear_curves()  # forget the user's range: the next data set it afresh


class DensityView(CurvesView):
    """Densities and D(x) over x, with the z → x = G(z) lines underneath.

    The left axis names the two rows of the mapping (``z`` and ``G(z)``) besides
    the values 0, ½ and 1 of D; the ½ line is labelled.
    """

    z_level, x_level = -0.5, -0.16
    y_range = (-0.62, 1.22)

    def __init__(self, parent=None):
        super().__init__(x_label="x", parent=parent)
        item = self.plot_item
        item.setYRange(*self.y_range, padding=0)
        item.setXRange(-4, 4, padding=0)
        item.getAxis("left").setTicks([[
            (self.z_level, "z"), (self.x_level, "G(z)"),
            (0.0, "0"), (0.5, "½"), (1.0, "1"),
        ], []])
        self.half = pg.InfiniteLine(
            pos=0.5, angle=0, pen=theme.pen(DATA_COLOR, width=1,
                                            style=Qt.PenStyle.DotLine),
            label="D = ½",
            labelOpts={"position": 0.02, "anchors": [(0, 1), (0, 1)]},
        )
        item.addItem(self.half)
        self.mapping = pg.PlotDataItem(pen=theme.pen(FAKE_COLOR, width=1),
                                       connect="pairs")
        item.addItem(self.mapping)
        self._style_labels()

    def set_mapping(self, x: np.ndarray, y: np.ndarray) -> None:
        """The z → G(z) segments (``connect="pairs"``); their legend entry joins
        with the first data, as the curves' entries do."""
        if self.legend.getLabel(self.mapping) is None:
            self.legend.addItem(self.mapping, "z → G(z)")
            fit_legend(self)
        self.mapping.setData(x, y)

    def _style_labels(self) -> None:
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 0.9)
        self.half.label.setColor(theme.STYLE.foreground)
        self.half.label.setFont(font)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "half"):
            self._style_labels()


class Gan1dStage(Stage):
    """Densities, D(x), the optimal D, the ½ line and the z → x mapping."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.plot = DensityView()
        self.mapping = self.plot.mapping
        self.half = self.plot.half
        self.losses = _losses_view()
        self.loss_curves = LossCurves(self.losses)
        self.buttons = StepButtons(self)
        self.gap_label = QLabel()
        deck = self.use_frame()
        deck.add(self.plot, Role.MAIN, "densities")
        deck.add(self.losses, Role.CURVES, "losses")
        self.controls.add(self.buttons, self.gap_label)
        self._d_is_probability = True
        self._gap: float | None = None
        self._loss = ""
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.plot.set_title(self.tr("Densities and D(x)"))
        self.losses.set_title(self.tr("Losses of D and G"))
        self.losses.plot_item.setLabel("bottom", self.tr("step"))
        self.deck.set_title(self.plot, self.tr("Densities"))
        self.deck.set_title(self.losses, self.tr("D and G"))
        self.buttons.retranslate_ui()
        self._relabel()
        self._show_gap()
        self._explanation = self.tr(
            "Both densities are scaled so that the taller one peaks at 1. "
            "Below them, each line takes a noise value z to the point G(z) it "
            "generates. When G matches the data, D(x) = ½ everywhere: D can no "
            "longer tell data from generated points."
        )
        self._show_caption()

    def _show_caption(self) -> None:
        self.set_caption(with_loss(self._explanation, self._loss))

    def _relabel(self) -> None:
        legend = self.plot.legend
        names = {
            "p_data": self.tr("data density"),
            "p_g": self.tr("generator density"),
            "d": "D(x)" if self._d_is_probability
            else self.tr("critic (scaled to 0–1)"),
            "d_opt": self.tr("optimal D*(x)"),
        }
        for key, text in names.items():
            if key in self.plot.curves:
                relabel(legend, self.plot.curves[key], text)
        self._names = names
        self.plot.style_legend()

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        if bool(snapshot["d_is_probability"]) != self._d_is_probability:
            self._d_is_probability = bool(snapshot["d_is_probability"])
            self._relabel()
        if snapshot.get("loss_kind", "") != self._loss:
            self._loss = snapshot.get("loss_kind", "")
            self._show_caption()
        names = self._names
        x = snapshot["x"]
        # the taller density peaks at 1, so a collapsed generator's spike stays
        # inside the plot (and the data's bump shrinks beside it, as it should)
        peak = max(float(snapshot["p_data"].max()), float(snapshot["p_g"].max()),
                   1e-6)
        self.plot.set_curve("p_data", x, snapshot["p_data"] / peak, DATA_COLOR,
                            label=names["p_data"])
        self.plot.set_curve("p_g", x, snapshot["p_g"] / peak, FAKE_COLOR,
                            label=names["p_g"])
        self.plot.set_curve("d", x, self._d_shown(snapshot), D_COLOR,
                            label=names["d"])
        self.plot.set_curve("d_opt", x, snapshot["d_optimal"], OPTIMAL_COLOR,
                            dashed=True, label=names["d_opt"])
        z, gz = snapshot["z_lines_z"], snapshot["z_lines_x"]
        spread = max(float(np.abs(z).max()), 1e-6)
        z_shown = z / spread * 3.5
        starts = np.stack([z_shown, np.full_like(z, DensityView.z_level)], 1)
        ends = np.stack([gz, np.full_like(gz, DensityView.x_level)], 1)
        self.plot.set_mapping(*segments(starts, ends))
        self._gap = float(snapshot["d_gap"])
        self._show_gap()
        self.loss_curves.show(snapshot)

    def _show_gap(self) -> None:
        if self._gap is not None:
            self.gap_label.setText(
                self.tr("max |D(x) − ½| on the data: {0:.3f}").format(self._gap)
            )

    def _d_shown(self, snapshot: dict[str, Any]) -> np.ndarray:
        d = snapshot["d"]
        if snapshot["d_is_probability"]:
            return d
        lo, hi = float(d.min()), float(d.max())
        return (d - lo) / max(hi - lo, 1e-6)  # critic scores squeezed into [0, 1]

    def reset(self) -> None:
        self.loss_curves.reset()


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


class GanMapView(FitsLegend, DrawingScatter):
    """The 2-D GAN's plane: D's verdict as a translucent map with a colour bar,
    data and generated points, the pull on G's points, the warped noise grid, the
    target's modes; a legend below the plot, the modes count in the corner."""

    heat_opacity = 0.55

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        item = self.plot_item
        self.heat = pg.ImageItem()
        self.heat.setOpacity(self.heat_opacity)
        self.heat.setZValue(-10)
        item.addItem(self.heat)
        self.colorbar = pg.ColorBarItem(
            colorMap=pg.colormap.get(theme.STYLE.diverging), interactive=False,
            width=14,
        )
        self.colorbar.setImageItem(self.heat, insert_in=item)
        self.colorbar.bar.setOpacity(self.heat_opacity)  # as the map looks
        self.grid = pg.PlotDataItem(pen=theme.pen(GRID_COLOR, width=1))
        self.grid.setZValue(5)
        item.addItem(self.grid)
        self.arrows = pg.PlotDataItem(pen=theme.pen(PULL_COLOR, width=2),
                                      connect="pairs")
        self.arrows.setZValue(20)
        item.addItem(self.arrows)
        self.count = pg.TextItem(anchor=(0, 0), color=theme.STYLE.foreground)
        self.count.setZValue(40)
        item.addItem(self.count)
        # the legend sits below the plot, outside the data, across the whole
        # width (in the plot's column alone it would push the colour bar out)
        self.legend = legend_below(self)
        size = theme.STYLE.marker_size
        self.samples = {
            "real": pg.ScatterPlotItem(symbol="o", size=size,
                                       brush=pg.mkBrush(DATA_COLOR), pen=None),
            "fake": pg.ScatterPlotItem(symbol="o", size=size,
                                       brush=pg.mkBrush(FAKE_COLOR), pen=None),
            # stand-ins: a click on a legend sample hides its item, and the
            # checkboxes own the visibility of the arrows and the grid
            "pull": pg.PlotDataItem(pen=theme.pen(PULL_COLOR, width=2)),
            "grid": pg.PlotDataItem(pen=theme.pen(GRID_COLOR, width=2)),
            "covered": pg.ScatterPlotItem(symbol="o", size=size * 1.6, brush=None,
                                          pen=theme.pen(COVERED_COLOR, width=2)),
            "missed": pg.ScatterPlotItem(symbol="o", size=size * 1.6, brush=None,
                                         pen=theme.pen(MISSED_COLOR, width=2)),
        }
        for key, sample in self.samples.items():
            self.legend.addItem(sample, key)
        self.apply_style()
        fit_legend(self)

    def set_legend_names(self, names: dict[str, str]) -> None:
        for key, text in names.items():
            relabel(self.legend, self.samples[key], text)
        self.style_legend()

    def set_map(self, grid: np.ndarray, levels) -> None:
        levels = (float(levels[0]), float(levels[1]))
        self.heat.setImage(grid, autoLevels=False, levels=levels)
        self.colorbar.setLevels(levels)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "colorbar"):
            self.colorbar.setColorMap(pg.colormap.get(theme.STYLE.diverging))
            style_colorbar(self.colorbar)
            self.count.setColor(theme.STYLE.foreground)
            font = self.font()
            font.setPointSizeF(theme.STYLE.font_pt + 2)
            self.count.setFont(font)


class Gan2dStage(Stage):
    """Samples, D's heatmap, the pull on generated points, the warped noise grid."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.view = GanMapView()
        self.heat, self.grid = self.view.heat, self.view.grid
        self.arrows, self.count = self.view.arrows, self.view.count
        self.losses = _losses_view()
        self.loss_curves = LossCurves(self.losses)
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
        deck = self.use_frame()
        deck.add(self.view, Role.MAIN, "samples")
        deck.add(self.losses, Role.CURVES, "losses")
        self.controls.add(self.buttons)
        self.controls.group(self.collapse, self.fix)
        self.controls.group(self.draw, self.use_drawing)
        self.controls.group(self.show_heat, self.show_arrows, self.show_grid)
        self._extent = None
        self._d_is_probability = True
        self._modes = (0, 0)
        self._modes_key: tuple = ()
        self._real_key: tuple = ()
        self._real = np.zeros((0, 2))
        self._loss = ""
        self._apply_visibility()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.view.set_title(self.tr("Data, generated points and D"))
        self.losses.set_title(self.tr("Losses of D and G"))
        self.losses.plot_item.setLabel("bottom", self.tr("step"))
        self.deck.set_title(self.view, self.tr("Samples"))
        self.deck.set_title(self.losses, self.tr("D and G"))
        self.show_heat.setText(self.tr("D map"))
        self.show_arrows.setText(self.tr("Arrows"))
        self.show_grid.setText(self.tr("Noise grid"))
        self.collapse.setText(self.tr("Preset: mode collapse"))
        self.fix.setText(self.tr("Preset: fixed"))
        self.draw.setText(self.tr("Draw target"))
        self.use_drawing.setText(self.tr("Use drawing"))
        self.buttons.retranslate_ui()
        self.view.set_legend_names({
            "real": self.tr("data"),
            "fake": self.tr("generated"),
            "pull": self.tr("pull on G's points"),
            "grid": self.tr("noise grid"),
            "covered": self.tr("mode covered"),
            "missed": self.tr("mode missed"),
        })
        self._label_colorbar()
        self._show_count()
        self._explanation = self.tr(
            "The background is D's verdict on each point of the plane (colour "
            "bar); the arrows show where D's gradient pushes G's points. Circles "
            "mark the modes of the target: green when G covers them."
        )
        self._show_caption()

    def _show_caption(self) -> None:
        self.set_caption(with_loss(self._explanation, self._loss))

    def _label_colorbar(self) -> None:
        label_colorbar(
            self.view.colorbar,
            "D(x)" if self._d_is_probability else self.tr("critic score"),
        )

    def _apply_visibility(self) -> None:
        self.heat.setVisible(self.show_heat.isChecked())
        self.view.colorbar.setVisible(self.show_heat.isChecked())
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
        # rows of d_grid run along y upwards (images are row-major in dlviz)
        self.view.set_map(snapshot["d_grid"], snapshot["d_levels"])
        extent = tuple(snapshot["d_extent"])
        if extent != self._extent:  # after setImage: setRect scales the image
            self._extent = extent
            x0, x1, y0, y1 = extent
            self.heat.setRect(x0, y0, x1 - x0, y1 - y0)
            self.view.set_range(x0, x1, y0, y1)
            self.count.setPos(x0 + 0.1, y1 - 0.1)
        if bool(snapshot["d_is_probability"]) != self._d_is_probability:
            self._d_is_probability = bool(snapshot["d_is_probability"])
            self._label_colorbar()
        if snapshot.get("loss_kind", "") != self._loss:
            self._loss = snapshot.get("loss_kind", "")
            self._show_caption()
        size = theme.STYLE.marker_size * 0.6
        outline = theme.STYLE.foreground
        # the data points change only with a new target: drawn once per target
        real_key = (size, outline, theme.STYLE.dark)
        if real_key != self._real_key or not np.array_equal(snapshot["real"],
                                                             self._real):
            self._real_key, self._real = real_key, np.array(snapshot["real"])
            self.view.set_points("real", snapshot["real"], size=size,
                                 outline=outline, z=8, brush=DATA_COLOR)
        self.view.set_points("fake", snapshot["fake"], size=size,
                             outline=FAKE_COLOR, z=12, brush=FAKE_COLOR)
        starts = snapshot["arrow_origins"]
        self.arrows.setData(*segments(starts, starts + snapshot["arrow_vectors"]))
        gx, gy, connect = polylines(snapshot["warped_grid"])
        self.grid.setData(gx, gy, connect=connect)
        self._show_modes(snapshot)
        self.loss_curves.show(snapshot)

    def _show_modes(self, snapshot: dict[str, Any]) -> None:
        centres, covered = snapshot["mode_centres"], snapshot["modes_covered"]
        item = self.view.layers.get("modes")
        if item is None:
            item = pg.ScatterPlotItem(pxMode=False)
            item.setZValue(25)
            self.view.plot_item.addItem(item)
            self.view.layers["modes"] = item
        diameter = 2 * snapshot["mode_radius"]
        width = max(2.0, theme.STYLE.line_width)
        key = (np.asarray(centres).tobytes(), np.asarray(covered).tobytes(),
               float(diameter), width)
        if key != self._modes_key:  # the modes change with the target or coverage
            self._modes_key = key
            pens = [theme.pen(COVERED_COLOR if c else MISSED_COLOR, width=width)
                    for c in covered]
            item.setData(pos=centres, size=diameter, pen=pens, brush=None,
                         symbol="o")
        modes = (snapshot["n_modes_covered"], snapshot["n_modes"])
        if modes != self._modes:
            self._modes = modes
            self._show_count()

    def _show_count(self) -> None:
        if self._modes[1]:
            self.count.setText(
                self.tr("modes covered: {0} / {1}").format(*self._modes)
            )

    def reset(self) -> None:
        self.loss_curves.reset()
        self._extent = None
        self._modes_key = ()
        if not self.draw.isChecked():
            # the drawing, once used, is the target: its data points show it
            self.view.clear_drawing()


STAGES = {"gan1d": Gan1dStage, "gan2d": Gan2dStage}
