"""Stages of the image generators: the GAN sample grid and the autoencoder/VAE views.

Registered by :mod:`dlviz.ui.stages.generative` (this module defines no ``STAGES``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from dlviz.ui import theme
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.base import PlotView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.scatter import ScatterView

SEEN_COLOR = "#0072B2"
UNSEEN_COLOR = "#D55E00"


class ImageGanStage(Stage):
    """The generator's images for a fixed batch of noise (the same z in each cell over
    time); for the conditional GAN row r is digit r. Real digits beside them."""

    def __init__(self, spec, parent: QWidget | None = None):
        from dlviz.ui.stages.generative import StepButtons

        super().__init__(spec, parent)
        self.samples = ImageGridView(normalize_each=False, gray=True)
        self.real = ImageGridView(normalize_each=False, gray=True)
        self.asked = ImageGridView(normalize_each=False, gray=True)
        self.buttons = StepButtons(self)
        self.digit = QSpinBox()
        self.digit.setRange(0, 9)
        self.digit.valueChanged.connect(self.ask_digit)
        self.digit_label = QLabel()
        self.status = QLabel()
        self.buttons.add_widget(self.status)
        if self._conditional:
            self.buttons.add_widget(self.digit_label)
            self.buttons.add_widget(self.digit)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.samples, 0, 0, 2, 1)
        layout.addWidget(self.real, 0, 1)
        layout.addWidget(self.asked, 1, 1)
        layout.addWidget(self.buttons, 2, 0, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 1)
        self.asked.setVisible(self._conditional)
        self.retranslate_ui()

    @property
    def _conditional(self) -> bool:
        return self.spec.key == "cgan"

    def retranslate_ui(self) -> None:
        if self._conditional:
            self.samples.set_title(self.tr("Generated: row = digit asked for (0–9)"))
        else:
            self.samples.set_title(self.tr("Generated from fixed noise"))
        self.real.set_title(self.tr("Real digits"))
        self.asked.set_title(self.tr("New samples of the chosen digit"))
        self.digit_label.setText(self.tr("Digit:"))
        self.buttons.retranslate_ui()

    def ask_digit(self) -> None:
        self.requested.emit("generate", {"digit": self.digit.value(), "count": 8})

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.samples.set_maps(
            snapshot["samples"], columns=snapshot["cols"], levels=(0.0, 1.0)
        )
        self.real.set_maps(snapshot["real"], columns=4, levels=(0.0, 1.0))
        self.status.setText(
            self.tr("mean D(real) = {0:.2f}   mean D(fake) = {1:.2f}").format(
                snapshot["d_real"], snapshot["d_fake"]
            )
        )

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "generate":
            self.asked.set_maps(data["images"], columns=4, levels=(0.0, 1.0))
        elif "snapshot" in data:
            self.show_snapshot(data["snapshot"])

    def panels(self) -> dict[str, QWidget]:
        return {"samples": self.samples, "real": self.real}


class ErrorHistogramView(PlotView):
    """Two step histograms from counts (seen and unseen digits) and a threshold."""

    def __init__(self, parent=None):
        super().__init__(x_label="reconstruction error", parent=parent)
        self.plot_item.addLegend(offset=(-10, 10))
        self.bars: dict[str, pg.PlotDataItem] = {}
        for name, color in (("seen", SEEN_COLOR), ("unseen", UNSEEN_COLOR)):
            fill = pg.mkColor(color)
            fill.setAlpha(90)
            item = self.plot_item.plot(
                [],
                [],
                stepMode="center",
                fillLevel=0,
                pen=theme.pen(color),
                brush=pg.mkBrush(fill),
                name=name,
            )
            self.bars[name] = item
        self.threshold = pg.InfiniteLine(
            angle=90, pen=theme.pen("#000000", style=Qt.PenStyle.DashLine)
        )
        self.plot_item.addItem(self.threshold)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.plot_item.setLabel("bottom", self.tr("reconstruction error"))
        names = {"seen": self.tr("seen digits"), "unseen": self.tr("held-out digit")}
        legend = self.plot_item.legend
        for key, item in self.bars.items():
            label = legend.getLabel(item) if legend is not None else None
            if label is not None:
                label.setText(names[key])

    def set_counts(
        self, edges: np.ndarray, seen: np.ndarray, unseen: np.ndarray, threshold: float
    ) -> None:
        # shares, so the small unseen class is as visible as the seen ones
        self.bars["seen"].setData(edges, seen / max(1, seen.sum()))
        self.bars["unseen"].setData(edges, unseen / max(1, unseen.sum()))
        self.threshold.setValue(threshold)


class AutoencoderStage(Stage):
    """Latent scatter with the decoded manifold, reconstructions, prior samples and the
    anomaly histogram."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.latent = ScatterView()
        self.manifold = ImageGridView(normalize_each=False, gray=True)
        self.recons = ImageGridView(normalize_each=False, gray=True)
        self.prior = ImageGridView(normalize_each=False, gray=True)
        self.anomaly = ErrorHistogramView()
        self.anomaly_label = QLabel()
        self.anomaly_label.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.anomaly, 1)
        side_layout.addWidget(self.anomaly_label)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.latent, 0, 0)
        layout.addWidget(self.manifold, 0, 1)
        layout.addWidget(self.recons, 1, 0)
        layout.addWidget(self.prior, 1, 1)
        layout.addWidget(side, 0, 2, 2, 1)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.latent.set_title(self.tr("Latent codes (colour = digit)"))
        self.manifold.set_title(self.tr("Decoded latent grid"))
        self.recons.set_title(self.tr("Inputs (top) and reconstructions (bottom)"))
        self.prior.set_title(self.tr("Decoded random codes"))
        self.anomaly.set_title(self.tr("Error: seen vs held-out digit"))
        self.anomaly.retranslate_ui()

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        labels = snapshot["latent_labels"]
        self.latent.set_points(
            "codes", snapshot["latent"], labels, size=theme.STYLE.marker_size * 0.8
        )
        x0, x1, y0, y1 = snapshot["manifold_extent"]
        pad_x, pad_y = 0.15 * (x1 - x0), 0.15 * (y1 - y0)
        self.latent.set_range(x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y)
        t = int(snapshot["manifold_tiles"])
        image = snapshot["manifold"]
        h, w = image.shape[0] // t, image.shape[1] // t
        tiles = image.reshape(t, h, t, w).transpose(0, 2, 1, 3).reshape(-1, h, w)
        self.manifold.set_maps(tiles, columns=t, levels=(0.0, 1.0))
        pairs = np.concatenate([snapshot["inputs"], snapshot["recons"]])
        self.recons.set_maps(pairs, columns=len(snapshot["inputs"]), levels=(0.0, 1.0))
        self.prior.set_maps(snapshot["prior_samples"], columns=8, levels=(0.0, 1.0))
        if "err_edges" in snapshot:
            self.anomaly.setEnabled(True)
            self.anomaly.setVisible(True)
            self.anomaly.set_counts(
                snapshot["err_edges"],
                snapshot["err_seen"],
                snapshot["err_unseen"],
                snapshot["err_threshold"],
            )
            self.anomaly_label.setText(
                self.tr(
                    "Digit {0} never seen in training. Above the threshold: "
                    "{1:.0%} of it, {2:.0%} of the seen digits."
                ).format(
                    snapshot["held_out"],
                    snapshot["anomaly_detected"],
                    snapshot["anomaly_false_alarms"],
                )
            )
        else:
            self.anomaly.setEnabled(False)
            self.anomaly.setVisible(False)
            self.anomaly_label.setText(
                self.tr("Choose a held-out digit to see anomaly detection.")
            )

    def panels(self) -> dict[str, QWidget]:
        return {
            "latent": self.latent,
            "manifold": self.manifold,
            "reconstructions": self.recons,
            "prior samples": self.prior,
            "anomaly": self.anomaly,
        }
