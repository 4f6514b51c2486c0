"""Stages of the image generators: the GAN sample grid and the autoencoder/VAE views.

Registers ``image_gan`` and ``autoencoder``; shares its pieces with
:mod:`generative` through :mod:`_gen_common` (neither stage module imports the other).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from dlviz.ui import theme
from dlviz.ui.kit import Role
from dlviz.ui.stages._gen_common import (
    SEEN_COLOR,
    UNSEEN_COLOR,
    FittedGridView,
    StepButtons,
    with_loss,
)
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.base import PlotView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.legend import FitsLegend, legend_below
from dlviz.ui.views.scatter import ScatterView


class ImageGanStage(Stage):
    """The generator's images for a fixed batch of noise (the same z in each cell over
    time); for the conditional GAN row r is digit r. Real digits beside them.

    The conditional GAN's panel of new samples of the chosen digit is filled when
    the lab opens (its first snapshot) and again while training, at most every
    :attr:`ask_interval_s` seconds and only when the step moved on."""

    # least seconds between two automatic requests for samples of the chosen digit.
    ask_interval_s = 2.0

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.samples = ImageGridView(normalize_each=False, gray=True)
        self.real = FittedGridView()
        self.asked = FittedGridView()
        self.buttons = StepButtons(self)
        self.digit = QSpinBox()
        self.digit.setRange(0, 9)
        self.digit.valueChanged.connect(self.ask_digit)
        self.digit_label = QLabel()
        self.status = QLabel()
        deck = self.use_frame()
        deck.add(self.samples, Role.MAIN, "samples")
        deck.add(self.real, Role.SECONDARY, "real")
        self.controls.add(self.buttons)
        if self._conditional:
            deck.add(self.asked, Role.SECONDARY, "chosen digit")
            self.controls.group(self.digit_label, self.digit)
        else:
            self.asked.setParent(self)
            self.asked.hide()
        self.controls.add(self.status)
        self._d_means: tuple[float, float] | None = None
        self._asked_digit: int | None = None
        # (step, clock) of the last automatic request for new samples
        self._asked_at: tuple[int, float] | None = None
        self._clock = time.monotonic
        self._loss = ""
        self.retranslate_ui()

    @property
    def _conditional(self) -> bool:
        return self.spec.key == "cgan"

    def retranslate_ui(self) -> None:
        if self._conditional:
            self.samples.set_title(self.tr("Generated: row = digit asked for"))
            self.samples.plot_item.setLabel("left", self.tr("digit"))
            self._explanation = self.tr(
                "Both networks are told the digit: row r of the grid is generated "
                "for digit r, with the same noise z in every row. Choose a digit "
                "to draw new samples of it."
            )
        else:
            self.samples.set_title(self.tr("Generated from fixed noise"))
            self._explanation = self.tr(
                "Every cell keeps the same noise z during training: watch each "
                "cell turn into a digit. Beside it: real digits, for comparison."
            )
        self._show_caption()
        self.real.set_title(self.tr("Real digits"))
        self._title_asked()
        self.deck.set_title(self.samples, self.tr("Generated"))
        self.deck.set_title(self.real, self.tr("Real digits"))
        if self._conditional:
            self.deck.set_title(self.asked, self.tr("Chosen digit"))
        self.digit_label.setText(self.tr("Digit:"))
        self.buttons.retranslate_ui()
        self._show_status()

    def _title_asked(self) -> None:
        if self._asked_digit is None:
            self.asked.set_title(self.tr("Chosen digit: none yet"))
        else:
            self.asked.set_title(
                self.tr("Chosen digit: {0}").format(self._asked_digit)
            )

    def _show_caption(self) -> None:
        self.set_caption(with_loss(self._explanation, self._loss))

    def ask_digit(self) -> None:
        self.requested.emit("generate", {"digit": self.digit.value(), "count": 8})

    def _ask_if_due(self, snapshot: dict[str, Any]) -> None:
        """New samples of the chosen digit for the first snapshot of a run, then
        after training moved on for at least :attr:`ask_interval_s` seconds."""
        step, now = int(snapshot.get("step", 0)), self._clock()
        last = self._asked_at
        if (last is None
                or (step > last[0] and now - last[1] >= self.ask_interval_s)):
            self._asked_at = (step, now)
            self.ask_digit()

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        cols = int(snapshot["cols"])
        rows = None
        labels = snapshot.get("labels")
        if snapshot.get("conditional") and labels is not None and len(labels):
            rows = [str(int(v)) for v in np.asarray(labels)[::cols]]
        self.samples.set_maps(
            snapshot["samples"], columns=cols, levels=(0.0, 1.0), row_labels=rows
        )
        if self.real.maps is None or len(self.real.maps) != len(snapshot["real"]):
            self.real.show_maps(snapshot["real"])
        self._d_means = (snapshot["d_real"], snapshot["d_fake"])
        self._show_status()
        if snapshot.get("loss_kind", "") != self._loss:
            self._loss = snapshot.get("loss_kind", "")
            self._show_caption()
        if self._conditional:
            self._ask_if_due(snapshot)

    def _show_status(self) -> None:
        if self._d_means is not None:
            self.status.setText(
                self.tr("mean D(real) = {0:.2f}   mean D(fake) = {1:.2f}").format(
                    *self._d_means
                )
            )

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "generate":
            self.asked.show_maps(data["images"])
            self._asked_digit = int(data.get("digit", self.digit.value()))
            self._title_asked()

    def reset(self) -> None:
        self.real.maps = None
        self._asked_at = None  # the new run's first snapshot asks again


class ErrorHistogramView(FitsLegend, PlotView):
    """Two step histograms from counts (seen and unseen digits) and a labelled
    threshold; the legend below the plot."""

    def __init__(self, parent=None):
        super().__init__(x_label="reconstruction error", parent=parent)
        self.legend = legend_below(self)  # below the plot, outside the data
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
            angle=90, label="threshold",
            labelOpts={"position": 0.9, "anchors": [(0, 0), (0, 0)]},
        )
        self.plot_item.addItem(self.threshold)
        self._style_threshold()
        self.retranslate_ui()

    def _style_threshold(self) -> None:
        self.threshold.setPen(theme.pen(theme.STYLE.foreground,
                                        style=Qt.PenStyle.DashLine))
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 0.9)
        self.threshold.label.setFont(font)
        self.threshold.label.setColor(theme.STYLE.foreground)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "threshold"):
            self._style_threshold()

    def retranslate_ui(self) -> None:
        self.plot_item.setLabel("bottom", self.tr("reconstruction error"))
        self.plot_item.setLabel("left", self.tr("share"))
        self.threshold.label.setFormat(self.tr("threshold"))
        names = {"seen": self.tr("seen digits"), "unseen": self.tr("held-out digit")}
        for key, item in self.bars.items():
            label = self.legend.getLabel(item)
            if label is not None:
                label.setText(names[key])
        self.style_legend()

    def set_counts(
        self, edges: np.ndarray, seen: np.ndarray, unseen: np.ndarray, threshold: float
    ) -> None:
        # shares, so the small unseen class is as visible as the seen ones
        self.bars["seen"].setData(edges, seen / max(1, seen.sum()))
        self.bars["unseen"].setData(edges, unseen / max(1, unseen.sum()))
        self.threshold.setValue(threshold)


class LatentView(ScatterView):
    """The latent scatter. Each snapshot moves the same validation digits: when
    only their codes changed (same digits, same style), the points are moved in
    place; pyqtgraph's full ``setData`` restyles every point (~2 ms a frame)."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        #: layer -> (style key, labels) of its last full update
        self._styled: dict[str, tuple] = {}

    def set_points(self, name, xy, labels=None, symbol="o", size=None,
                   outline=None, z=10, brush=None) -> None:
        xy = np.asarray(xy, dtype=np.float32).reshape(-1, 2)
        key = (symbol, size or theme.STYLE.marker_size,
               outline or theme.STYLE.background, brush or theme.PALETTE[0], z,
               tuple(theme.class_color(i) for i in range(10)))
        item = self.layers.get(name)
        styled = self._styled.get(name)
        if (item is not None and styled is not None and styled[0] == key
                and len(item.data) == len(xy)
                and (labels is None) == (styled[1] is None)
                and (labels is None or np.array_equal(styled[1], labels))):
            # ScatterPlotItem.addPoints' bookkeeping, minus the per-point styling
            # (each point keeps its cached symbol)
            item.data["x"] = xy[:, 0]
            item.data["y"] = xy[:, 1]
            item.prepareGeometryChange()
            item.informViewBoundsChanged()
            item.bounds = [None, None]
            item.invalidate()
            item.sigPlotChanged.emit(item)
            return
        super().set_points(name, xy, labels, symbol=symbol, size=size,
                           outline=outline, z=z, brush=brush)
        self._styled[name] = (
            key, None if labels is None else np.array(labels, copy=True))

    def apply_style(self) -> None:
        super().apply_style()  # may rescale the markers: the next update restyles
        self.__dict__.get("_styled", {}).clear()


def _held_out_default(spec) -> int:
    param = next((p for p in spec.params if p.key == "held_out"), None)
    if param is None or str(param.default) == "none":
        return -1
    return int(param.default)


class AutoencoderStage(Stage):
    """Latent scatter (main) with a legend of the digits, the decoded manifold,
    reconstructions, prior samples and — when a digit is held out — the anomaly
    histogram; the anomaly result is in the caption."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.latent = LatentView()
        self.latent.plot_item.setLabel("bottom", "z₁")
        self.latent.plot_item.setLabel("left", "z₂")
        self.manifold = ImageGridView(normalize_each=False, gray=True)
        self.recons = ImageGridView(normalize_each=False, gray=True)
        self.prior = FittedGridView()
        self.anomaly = ErrorHistogramView()
        deck = self.use_frame()
        deck.add(self.latent, Role.MAIN, "latent")
        deck.add(self.manifold, Role.SECONDARY, "manifold")
        deck.add(self.recons, Role.SECONDARY, "reconstructions")
        deck.add(self.prior, Role.SECONDARY, "prior samples")
        self._anomaly_shown = False
        self._held_out = _held_out_default(spec)
        self._anomaly: tuple | None = None
        self._show_anomaly_panel(self._held_out >= 0)
        self.retranslate_ui()

    @property
    def _variational(self) -> bool:
        return self.spec.key == "vae"

    def _show_anomaly_panel(self, show: bool) -> None:
        """The anomaly histogram is a panel only while a digit is held out."""
        self.anomaly.setEnabled(show)
        if show == self._anomaly_shown:
            return
        self._anomaly_shown = show
        if show:
            self.deck.add(self.anomaly, Role.SECONDARY, "anomaly",
                          self.tr("Anomaly"))
        else:
            if self.deck.owns(self.anomaly):
                self.deck.remove(self.anomaly)
            self.anomaly.setParent(self)
            self.anomaly.hide()

    def retranslate_ui(self) -> None:
        self.latent.set_title(self.tr("Latent codes"))
        self.manifold.set_title(self.tr("Decoded latent grid"))
        self.recons.set_title(self.tr("Reconstructions"))
        self.prior.set_title(self.tr("Decoded random codes"))
        self.anomaly.set_title(self.tr("Error: seen vs held-out"))
        self.anomaly.retranslate_ui()
        self.deck.set_title(self.latent, self.tr("Latent codes"))
        self.deck.set_title(self.manifold, self.tr("Decoded grid"))
        self.deck.set_title(self.recons, self.tr("Reconstructions"))
        self.deck.set_title(self.prior, self.tr("Random codes"))
        if self.deck.owns(self.anomaly):
            self.deck.set_title(self.anomaly, self.tr("Anomaly"))
        self._row_labels = [self.tr("input"), self.tr("output")]
        self._legend()
        self._caption()

    def _legend(self) -> None:
        names = [str(i) for i in range(10)]
        if 0 <= self._held_out < 10:
            names[self._held_out] = self.tr("{0} (never seen)").format(self._held_out)
        self.latent.set_class_legend(names)

    def _caption(self) -> None:
        if self._variational:
            text = self.tr(
                "Each dot is the code of a validation digit, coloured by digit. The "
                "KL term pulls the codes towards a standard normal, so the decoded "
                "grid (codes −2…2) and random codes decode to digits."
            )
        else:
            text = self.tr(
                "Each dot is the 2-D code of a validation digit, coloured by digit. "
                "The decoded grid is the box of the latent plot, decoded point by "
                "point."
            )
        # no space after a full-width stop (Chinese)
        sep = "" if text.endswith(("。", "！", "？")) else " "
        if self._anomaly is not None:
            text += sep + self.tr(
                "Digit {0} never seen in training. Above the threshold: "
                "{1:.0%} of it, {2:.0%} of the seen digits."
            ).format(*self._anomaly)
        elif self._held_out < 0:
            text += sep + self.tr("Choose a held-out digit to see anomaly "
                                  "detection.")
        if text != self.caption.text():
            self.set_caption(text)

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        held_out = int(snapshot.get("held_out", -1))
        if held_out != self._held_out:
            self._held_out = held_out
            self._legend()
        labels = snapshot["latent_labels"]
        # on the dark theme a light rim keeps the black class (7) visible
        self.latent.set_points(
            "codes", snapshot["latent"], labels, size=theme.STYLE.marker_size * 0.8,
            outline=theme.STYLE.foreground if theme.STYLE.dark else None,
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
        self.recons.set_maps(pairs, columns=len(snapshot["inputs"]),
                             levels=(0.0, 1.0), row_labels=self._row_labels)
        self.prior.show_maps(snapshot["prior_samples"])
        has_anomaly = "err_edges" in snapshot
        self._show_anomaly_panel(has_anomaly)
        if has_anomaly:
            self.anomaly.set_counts(
                snapshot["err_edges"],
                snapshot["err_seen"],
                snapshot["err_unseen"],
                snapshot["err_threshold"],
            )
            self._anomaly = (
                snapshot["held_out"],
                snapshot["anomaly_detected"],
                snapshot["anomaly_false_alarms"],
            )
        else:
            self._anomaly = None
        self._caption()

    def reset(self) -> None:
        self._anomaly = None


STAGES = {"image_gan": ImageGanStage, "autoencoder": AutoencoderStage}
