"""Stages of the metric chapter: the Siamese network and knowledge distillation.

* **siamese** — the main view is the 2-D embedding of the validation digits, one
  colour per class (legend beside the plot, the class number at the middle of each
  cluster); beside it the histograms of the pair distances (same class vs different
  class) with the margin and the decision threshold labelled on their lines, and a
  validation pair; the verdict on the pair and the verification accuracy are in the
  caption. With the triplet loss the embedding also shows one mined triplet: the
  anchor a (the pair's first digit), its positive p and negative n as the lab's mining
  picks them among the validation digits, the lines a–p (same-class colour) and a–n
  (different-class colour), and the dashed circle of radius d(a, p) + m around the
  anchor (labelled): a negative outside it costs nothing. The pair viewer then shows
  the three digits.
* **distillation** — the main view is the soft targets of one validation digit: the
  hard label, the teacher's and the student's softmax at the training temperature T,
  side by side per class (legend below), with the digit beside them; beside it the
  temperature explorer (the teacher's softmax at the slider's T) and the accuracy race
  of the distilled and the hard-label student, which replaces the window's metric
  curves (they would show the same accuracies again, less clearly labelled).

Requests to the task: ``pair`` (``{"offset": ±1}`` or ``{"index": i}``) for the pair
viewer of the Siamese stage; ``sample`` (``{"offset": ±1}``) and ``temperature``
(``{"T": t}``) for the distillation stage.
"""

from __future__ import annotations

import html
import math
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from dlviz.ui import theme
from dlviz.ui.kit import PanelDeck, Role
from dlviz.ui.stages._steady import SteadyRange
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.base import PlotView
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.histogram import HistogramView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.legend import FitsLegend, legend_below, relabel, swatch
from dlviz.ui.views.scatter import ScatterView

#: Colour roles (all from the theme's colour-blind-safe palette).
POS_COLOR = theme.PALETTE[2]  # same class; a right verdict
NEG_COLOR = theme.PALETTE[3]  # different class; a wrong verdict
MARGIN_COLOR = theme.PALETTE[0]
THRESHOLD_COLOR = theme.PALETTE[4]
# distillation: grey for hard labels, blue for the teacher, orange for the student,
# in the soft targets and in the accuracy race alike
HARD_COLOR = theme.PALETTE[8]
TEACHER_COLOR = theme.PALETTE[0]
STUDENT_COLOR = theme.PALETTE[1]
#: Captions under digit images sit on the images' black margin in either theme.
CAPTION_ON_IMAGE = theme.BASE_STYLE.background
#: Range of the temperature slider (log scale).
T_MIN, T_MAX, T_STEPS = 0.25, 50.0, 200
#: The window's metric-curve panel (see :class:`DeckWithoutMetricCurves`).
METRIC_CURVES = "metric curves"


def slider_temperature(value: int) -> float:
    """Slider position 0..T_STEPS → temperature on a log scale."""
    lo, hi = math.log10(T_MIN), math.log10(T_MAX)
    return 10 ** (lo + (hi - lo) * value / T_STEPS)


def temperature_position(t: float) -> int:
    lo, hi = math.log10(T_MIN), math.log10(T_MAX)
    t = min(max(t, T_MIN), T_MAX)
    return int(round((math.log10(t) - lo) / (hi - lo) * T_STEPS))


class DeckWithoutMetricCurves(PanelDeck):
    """A deck that declines the window's metric-curve panel: for a stage that shows
    its metrics itself, or whose task reports none (the panel would stay empty).
    The window's loss curves join as usual."""

    def add(self, widget: QWidget, role: Role | str, name: str,
            title: str = "") -> QWidget:
        if name == METRIC_CURVES and Role(role) is Role.CURVES:
            return widget
        return super().add(widget, role, name, title)


class EmbeddingView(ScatterView):
    """The embedding scatter with a class legend beside it and the class number at
    the middle of each cluster (on a backdrop, readable over the points)."""

    def __init__(self, classes: int = 10, parent=None):
        super().__init__(parent=parent)
        self.tags: list[pg.TextItem] = []
        for c in range(classes):
            tag = pg.TextItem(str(c), anchor=(0.5, 0.5))
            tag.textItem.document().setDocumentMargin(1)
            tag.setZValue(20)
            tag.setVisible(False)
            self.plot_item.addItem(tag)
            self.tags.append(tag)
        self.set_class_legend([str(c) for c in range(classes)])
        self.triplet = TripletOverlay(self.plot_item)
        self._style_marks()

    def outline(self) -> str | None:
        """The points' outline: the text colour on a dark background, where a black
        class would vanish otherwise."""
        return theme.STYLE.foreground if theme.STYLE.dark else None

    def _style_marks(self) -> None:
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt)
        font.setBold(True)
        backdrop = pg.mkColor(theme.STYLE.background)
        backdrop.setAlpha(190)
        for tag in getattr(self, "tags", []):
            tag.setFont(font)
            tag.setColor(theme.STYLE.foreground)
            tag.fill = pg.mkBrush(backdrop)
            tag.border = theme.pen(theme.STYLE.foreground, width=1)
            tag.update()
        for sample in getattr(self, "_class_samples", []):
            sample.setPen(theme.pen(theme.STYLE.foreground, width=1))
        if getattr(self, "triplet", None) is not None:
            self.triplet.style()

    def apply_style(self) -> None:
        super().apply_style()
        self._style_marks()


#: Points of the margin circle.
CIRCLE_POINTS = 72


class TripletOverlay:
    """One triplet drawn on an embedding plot: marks on a, p and n (a star for the
    anchor, rings in the same-/different-class colours), the lines a–p and a–n, the
    dashed circle of radius d(a, p) + m around the anchor and the letters and the
    circle's radius as labels on a backdrop."""

    def __init__(self, plot_item: pg.PlotItem):
        self.plot_item = plot_item
        self.line_ap = pg.PlotDataItem()
        self.line_an = pg.PlotDataItem()
        self.circle = pg.PlotDataItem()
        self.marks = pg.ScatterPlotItem()
        self.letters = [pg.TextItem(t, anchor=(-0.25, 1.1)) for t in "apn"]
        self.radius_label = pg.TextItem("", anchor=(0.5, 1.0))
        for z, item in ((15, self.line_ap), (15, self.line_an), (14, self.circle),
                        (25, self.marks)):
            item.setZValue(z)
            # the stage sets the range itself: no bounds bookkeeping per frame
            plot_item.addItem(item, ignoreBounds=True)
        for item in (*self.letters, self.radius_label):
            item.setZValue(30)
            item.textItem.document().setDocumentMargin(1)
            plot_item.addItem(item, ignoreBounds=True)
        self._angles = np.linspace(0, 2 * np.pi, CIRCLE_POINTS)
        self._radius_text = ""
        self._marks_key: tuple = ()
        self._marks_style: dict[str, Any] = {}
        self.style()
        self.set_visible(False, False)

    def items(self) -> list:
        return [self.line_ap, self.line_an, self.circle, self.marks, *self.letters,
                self.radius_label]

    def set_visible(self, shown: bool, circle: bool = True) -> None:
        for item in self.items():
            want = shown and (circle or item not in (self.circle, self.radius_label))
            if item.isVisible() != want:
                item.setVisible(want)

    def style(self) -> None:
        width = 2 * theme.STYLE.line_width
        self.line_ap.setPen(theme.pen(POS_COLOR, width=width))
        self.line_an.setPen(theme.pen(NEG_COLOR, width=width))
        self.circle.setPen(theme.pen(MARGIN_COLOR, width=width,
                                     style=Qt.PenStyle.DashLine))
        font = pg.QtGui.QFont()
        font.setPointSizeF(theme.STYLE.font_pt)
        font.setBold(True)
        backdrop = pg.mkColor(theme.STYLE.background)
        backdrop.setAlpha(200)
        for item in (*self.letters, self.radius_label):
            item.setFont(font)
            item.setColor(theme.STYLE.foreground)
            item.fill = pg.mkBrush(backdrop)
            item.update()

    def show(self, triplet: dict[str, Any], margin: float, radius_format: str) -> None:
        """Draw ``triplet`` (a snapshot's ``"triplet"``); the circle only where the
        plane shows true distances (``triplet["exact"]``)."""
        a, p, n = (np.asarray(v, dtype=np.float64) for v in triplet["points"])
        self.line_ap.setData([a[0], p[0]], [a[1], p[1]])
        self.line_an.setData([a[0], n[0]], [a[1], n[1]])
        key = (tuple(int(c) for c in triplet["labels"]), theme.STYLE.marker_size,
               theme.STYLE.foreground)
        if key != self._marks_key:  # brushes and pens only when they change
            self._marks_key = key
            size = 2.4 * theme.STYLE.marker_size
            self._marks_style = {
                "symbol": ["star", "o", "o"], "size": [1.4 * size, size, size],
                "brush": [pg.mkBrush(theme.class_color(c)) for c in key[0]],
                "pen": [theme.pen(theme.STYLE.foreground, width=2),
                        theme.pen(POS_COLOR, width=3), theme.pen(NEG_COLOR, width=3)],
            }
        self.marks.setData(x=[a[0], p[0], n[0]], y=[a[1], p[1], n[1]],
                           **self._marks_style)
        for item, xy in zip(self.letters, (a, p, n), strict=True):
            item.setPos(float(xy[0]), float(xy[1]))
        exact = bool(triplet["exact"])
        self.set_visible(True, exact)
        if exact:
            r = triplet["d_ap"] + margin
            self.circle.setData(a[0] + r * np.cos(self._angles),
                                a[1] + r * np.sin(self._angles))
            self.radius_label.setPos(float(a[0]), float(a[1] + r))
            text = radius_format.format(value=r)
            if text != self._radius_text:
                self._radius_text = text
                self.radius_label.setText(text)

    def bounds(self, triplet: dict[str, Any], margin: float) -> np.ndarray:
        """Corners of what the overlay draws (to keep it inside the view)."""
        points = np.asarray(triplet["points"], dtype=np.float64)
        if not triplet["exact"]:
            return points
        r = triplet["d_ap"] + margin
        a = points[0]
        return np.vstack([points, a - r, a + r])


class DistanceView(FitsLegend, HistogramView):
    """The pair-distance histograms with their legend under the plot."""


class SiameseStage(Stage):
    """Embedding scatter, distance histograms with margin and threshold, pair viewer."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.scatter = EmbeddingView()
        self.class_tags = self.scatter.tags
        self.hist = DistanceView()
        legend_below(self.hist)
        self.pair_view = ImageGridView(normalize_each=False, gray=True)
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(self.previous_pair)
        self.next_button.clicked.connect(self.next_pair)
        deck = self.use_frame()
        deck.add(self.scatter, Role.MAIN, "embedding")
        deck.add(self.hist, Role.SECONDARY, "distances")
        deck.add(self.pair_view, Role.SECONDARY, "pair")
        self.controls.group(self.previous_button, self.next_button)
        # the histograms' ranges are kept here, with hysteresis (auto-range would
        # re-lay the axes out on every frame)
        self.hist.plot_item.enableAutoRange(False)
        self._hist_x = SteadyRange(pad=(0.0, 0.1))
        self._hist_y = SteadyRange(pad=(0.0, 0.15))
        self._lines_shown: dict[str, tuple] = {}
        self._pair_shown: tuple = ()
        self._mode_shown = ""
        self._ranges = _RangeKeeper()
        self._snapshot: dict[str, Any] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.scatter.set_title(self.tr("Embeddings by class"))
        self.hist.set_title(self.tr("Pair distances"))
        self.deck.set_title(self.scatter, self.tr("Embeddings"))
        self.deck.set_title(self.hist, self.tr("Distances"))
        self._mode_texts(self._triplet_mode())
        self._legend_names()
        if self._snapshot is not None:
            self._show_lines(self._snapshot)
        self._show_texts(self._snapshot)

    def _triplet_mode(self) -> bool:
        return self._snapshot is not None and "triplet" in self._snapshot

    def _mode_texts(self, triplet: bool) -> None:
        """The pair viewer's title and buttons: pairs, or triplets whose anchor is
        the pair's first digit."""
        self._mode_shown = "triplet" if triplet else "pair"
        if triplet:
            self.pair_view.set_title(self.tr("A validation triplet (a, p, n)"))
            self.deck.set_title(self.pair_view, self.tr("Triplet"))
            self.previous_button.setText(self.tr("◀ Previous anchor"))
            self.next_button.setText(self.tr("Next anchor ▶"))
        else:
            self.pair_view.set_title(self.tr("A validation pair"))
            self.deck.set_title(self.pair_view, self.tr("Pair"))
            self.previous_button.setText(self.tr("◀ Previous pair"))
            self.next_button.setText(self.tr("Next pair ▶"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._snapshot = snapshot
        triplet = snapshot.get("triplet")
        if self._mode_shown != ("triplet" if triplet else "pair"):
            self._mode_texts(triplet is not None)
        emb, labels = snapshot["embedding"], snapshot["labels"]
        self.scatter.set_points("val", emb, labels, outline=self.scatter.outline())
        for c, tag in enumerate(self.class_tags):
            members = emb[labels == c]
            if tag.isVisible() != (len(members) > 0):
                tag.setVisible(len(members) > 0)
            if len(members):
                x, y = np.median(members, 0)
                tag.setPos(float(x), float(y))
        extent = emb
        if triplet is not None:
            self.scatter.triplet.show(triplet, snapshot["margin"],
                                      self.tr("d(a,p) + m = {value:.2f}"))
            extent = np.vstack([emb, self.scatter.triplet.bounds(
                triplet, snapshot["margin"])])
        else:
            self.scatter.triplet.set_visible(False)
        new = self._ranges.update(extent)
        if new is not None:
            self.scatter.set_range(*new)
        self._show_histograms(snapshot)
        self._show_lines(snapshot)
        if triplet is not None:
            images = triplet["images"]
            captions = [f"{letter} · {c}"
                        for letter, c in zip("apn", triplet["labels"], strict=True)]
        else:
            images = snapshot["pair_images"]
            captions = [str(c) for c in snapshot["pair_labels"]]
        pair = (images.tobytes(), *captions)
        if pair != self._pair_shown:  # the pair changes when asked or mined anew
            self._pair_shown = pair
            self.pair_view.set_maps(images, captions, columns=len(captions),
                                    levels=(0, 1),
                                    caption_colors=[CAPTION_ON_IMAGE] * len(captions))
        self._legend_names()
        self._show_texts(snapshot)

    def _show_histograms(self, snapshot: dict[str, Any]) -> None:
        """Both distance histograms over one range of distances, 0 … top, and
        the counts from 0; both move only when they must (:class:`SteadyRange`:
        at once to hold a larger distance or count, a second late to shrink)."""
        pos, neg = snapshot["pos_dist"], snapshot["neg_dist"]
        top = max(float(np.max(pos, initial=0)), float(np.max(neg, initial=0)))
        top = max(top, snapshot["margin"] * 1.1, 1e-3)
        new = self._hist_x.update(0.0, top)
        if new is not None:
            self.hist.plot_item.setXRange(0.0, new[1], padding=0.02)
        top = self._hist_x.range[1]
        self.hist.set_samples("pos", pos, 30, POS_COLOR, value_range=(0, top))
        self.hist.set_samples("neg", neg, 30, NEG_COLOR, value_range=(0, top))
        peak = max((float(np.max(item.yData, initial=0))
                    for item in self.hist.items.values() if item.yData is not None),
                   default=0.0)
        new = self._hist_y.update(0.0, max(peak, 1.0))
        if new is not None:
            self.hist.plot_item.setYRange(0.0, new[1], padding=0)

    def _show_lines(self, snapshot: dict[str, Any]) -> None:
        lines = {
            "margin": (snapshot["margin"], MARGIN_COLOR,
                       self.tr("margin {value:.2f}"), 0.9),
            "threshold": (snapshot["threshold"], THRESHOLD_COLOR,
                          self.tr("threshold {value:.2f}"), 0.65),
        }
        for name, (value, color, label, position) in lines.items():
            key = (float(value), label)
            if key != self._lines_shown.get(name):  # the margin stays put
                self._lines_shown[name] = key
                self.hist.set_line(name, value, color, label=label,
                                   label_position=position)
        # a triplet's margin is between two distances, not a distance: no line
        margin_line = self.hist.lines.get("margin")
        shown = "triplet" not in snapshot
        if margin_line is not None and margin_line.isVisible() != shown:
            margin_line.setVisible(shown)

    def _show_texts(self, snapshot: dict[str, Any] | None) -> None:
        if snapshot is None:
            self.set_caption(self.tr(
                "Each dot is a validation digit, placed by the network in 2-D."
            ))
            return
        if "triplet" in snapshot:
            self._show_triplet_texts(snapshot)
            return
        d, thr = snapshot["pair_distance"], snapshot["threshold"]
        called_same = d < thr
        verdict = self.tr("same") if called_same else self.tr("different")
        right = called_same == snapshot["pair_same"]
        mark = "✓" if right else "✗"
        color = POS_COLOR if right else NEG_COLOR
        pair = self.tr("{0} vs {1}: distance {2:.3f} {3} {4:.3f} → {5} {6}").format(
            *snapshot["pair_labels"],
            d,
            "<" if called_same else "≥",
            thr,
            verdict,
            mark,
        )
        accuracy = self.tr(
            "Verification accuracy {0:.1f}% at the best threshold ({1}, {2})."
        ).format(
            100 * snapshot["verification_acc"],
            self.tr("cosine") if snapshot["metric"] == "cosine"
            else self.tr("Euclidean"),
            self.tr("shared weights") if snapshot["shared"]
            else self.tr("two towers, unshared"),
        )
        self.set_caption(
            f"<span style='color:{color}'><b>{html.escape(pair)}</b></span><br>"
            f"{html.escape(accuracy)}"
        )

    def mining_name(self, mining: str) -> str:
        return {
            "random": self.tr("random"),
            "batch-hard": self.tr("batch-hard"),
            "semi-hard": self.tr("semi-hard"),
        }.get(mining, mining)

    def _show_triplet_texts(self, snapshot: dict[str, Any]) -> None:
        tri, m = snapshot["triplet"], snapshot["margin"]
        loss = tri["loss"]
        line = self.tr(
            "Triplet ({0}): d(a,p) = {1:.3f}, d(a,n) = {2:.3f} → loss "
            "max(0, {1:.3f} − {2:.3f} + {3:.2f}) = {4:.3f} {5}"
        ).format(self.mining_name(snapshot["mining"]), tri["d_ap"], tri["d_an"], m,
                 loss, "✓" if loss == 0 else "✗")
        color = POS_COLOR if loss == 0 else NEG_COLOR
        accuracy = self.tr(
            "Verification accuracy {0:.1f}% at the best threshold ({1}, {2}, "
            "triplet loss)."
        ).format(
            100 * snapshot["verification_acc"],
            self.tr("cosine") if snapshot["metric"] == "cosine"
            else self.tr("Euclidean"),
            self.tr("shared weights") if snapshot["shared"]
            else self.tr("two towers, unshared"),
        )
        if not tri["exact"]:
            accuracy += " " + self.tr(
                "The circle d(a,p) + m is drawn only for a 2-D Euclidean embedding."
            )
        self.set_caption(
            f"<span style='color:{color}'><b>{html.escape(line)}</b></span><br>"
            f"{html.escape(accuracy)}"
        )

    def _legend_names(self) -> None:
        legend = self.hist.plot_item.legend
        names = {
            "pos": self.tr("same class"),
            "neg": self.tr("different class"),
        }
        if not all(key in self.hist.items for key in names):
            return
        if [label.text for _sample, label in legend.items] == list(names.values()):
            return
        legend.clear()
        for key in ("pos", "neg"):
            legend.addItem(self.hist.items[key], names[key])
        self.hist.style_legend()

    def previous_pair(self) -> None:
        self.deck.reveal(self.pair_view)
        self.requested.emit("pair", {"offset": -1})

    def next_pair(self) -> None:
        self.deck.reveal(self.pair_view)
        self.requested.emit("pair", {"offset": 1})

    def reset(self) -> None:
        self._ranges = _RangeKeeper()
        self._snapshot = None
        self._hist_x.reset()
        self._hist_y.reset()
        self._pair_shown = ()
        self.scatter.triplet.set_visible(False)


class _RangeKeeper:
    """Set a view's (square) range from the data with hysteresis: grow at once to
    hold the old range and the data, shrink when the data have used less than half
    of it for a second."""

    shrink_after_s = 1.0

    def __init__(self) -> None:
        self.range: tuple[float, float, float, float] | None = None
        self._small_since: float | None = None

    def update(self, xy: np.ndarray) -> tuple[float, float, float, float] | None:
        if len(xy) == 0 or not np.isfinite(xy).all():
            return None
        x0, y0 = (float(v) for v in xy.min(0))
        x1, y1 = (float(v) for v in xy.max(0))
        if self.range is not None:
            rx0, rx1, ry0, ry1 = self.range
            inside = rx0 <= x0 and x1 <= rx1 and ry0 <= y0 and y1 <= ry1
            if inside and max(x1 - x0, y1 - y0) >= 0.5 * (rx1 - rx0):
                self._small_since = None
                return None
            if inside:  # small: shrink only once it has stayed small a while
                now = time.monotonic()
                if self._small_since is None:
                    self._small_since = now
                if now - self._small_since < self.shrink_after_s:
                    return None
            else:  # grow, keeping what was shown
                x0, x1 = min(x0, rx0), max(x1, rx1)
                y0, y1 = min(y0, ry0), max(y1, ry1)
        self._small_since = None
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        half = 1.15 * max(x1 - x0, y1 - y0, 1e-3) / 2
        self.range = (cx - half, cx + half, cy - half, cy + half)
        return self.range


class SoftTargetsView(FitsLegend, PlotView):
    """Grouped bars: per class, one bar of each series (hard label, teacher,
    student) side by side; the legend under the plot."""

    SERIES = ("hard", "teacher", "student")
    COLORS = {"hard": HARD_COLOR, "teacher": TEACHER_COLOR, "student": STUDENT_COLOR}

    def __init__(self, classes: int = 10, parent=None):
        super().__init__(parent=parent)
        self.plot_item.setMouseEnabled(x=False, y=False)
        width = 0.8 / len(self.SERIES)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.samples: dict[str, pg.ScatterPlotItem] = {}
        for i, key in enumerate(self.SERIES):
            bars = pg.BarGraphItem(
                x=[], height=[], width=width * 0.92,
                brush=pg.mkBrush(self.COLORS[key]), pen=None,
            )
            bars.setProperty("offset", (i - (len(self.SERIES) - 1) / 2) * width)
            self.plot_item.addItem(bars)
            self.bars[key] = bars
            self.samples[key] = swatch(self.COLORS[key])
        self.legend = legend_below(self)
        self._names: tuple[str, ...] = ()
        ticks = [(c, str(c)) for c in range(classes)]
        self.plot_item.getAxis("bottom").setTicks([ticks, []])
        self.plot_item.setXRange(-0.6, classes - 0.4, padding=0)
        self.plot_item.setYRange(0.0, 1.0, padding=0.02)

    def set_names(self, names: dict[str, str]) -> None:
        """The legend's text for each series (call again to translate)."""
        shown = tuple(names[key] for key in self.SERIES)
        if shown == self._names:
            return
        self._names = shown
        self.legend.clear()
        for key, name in zip(self.SERIES, shown):
            self.legend.addItem(self.samples[key], name)
        self.style_legend()

    def set_values(self, key: str, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64)
        bars = self.bars[key]
        bars.setOpts(x=np.arange(len(values)) + bars.property("offset"), height=values)

    def heights(self, key: str) -> np.ndarray:
        return np.asarray(self.bars[key].opts["height"])


class RaceCurves(CurvesView):
    """The students' accuracy race (legend entries a row fit the width) under the
    teacher's accuracy, a dashed line labelled with its value."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.plot_item.setYRange(0, 1.05, padding=0)
        self.teacher = pg.InfiniteLine(
            angle=0, pen=theme.pen(TEACHER_COLOR, style=Qt.PenStyle.DashLine)
        )
        self.teacher.label = pg.InfLineLabel(self.teacher, text="", position=0.12,
                                             anchors=[(0, 0), (0, 0)])
        self.teacher.setVisible(False)
        self.plot_item.addItem(self.teacher)
        self._style_teacher()

    def set_teacher(self, accuracy: float, label: str) -> None:
        """The teacher's accuracy; ``label`` may hold ``{value}``."""
        changed = self.teacher.label.format != label or not self.teacher.isVisible()
        self.teacher.label.format = label
        self.teacher.setVisible(True)  # a hidden label ignores new values
        if changed or self.teacher.value() != accuracy:
            self.teacher.setValue(float(accuracy))
            self.teacher.label.valueChanged()

    def _style_teacher(self) -> None:
        label = self.teacher.label
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 0.9)
        label.setFont(font)
        label.setColor(theme.STYLE.foreground)
        backdrop = pg.mkColor(theme.STYLE.background)
        backdrop.setAlpha(200)
        label.fill = pg.mkBrush(backdrop)
        self.teacher.setPen(
            theme.pen(TEACHER_COLOR, style=Qt.PenStyle.DashLine)
        )

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "teacher"):
            self._style_teacher()

    def clear_curves(self) -> None:
        super().clear_curves()
        self.plot_item.setYRange(0, 1.05, padding=0)
        self.teacher.setVisible(False)


class DigitThumb(ImageGridView):
    """The digit whose soft targets the main view shows: a small picture beside the
    bars (a decoration of that view, not a panel of its own)."""

    decorative = True


class DistillationStage(Stage):
    """Hard label, teacher and student soft labels; a temperature explorer; the
    accuracy race of the distilled and the hard-label student."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self._digits = [str(i) for i in range(10)]
        self.sample_view = DigitThumb(normalize_each=False, gray=True)
        self.targets = SoftTargetsView()
        soft = QWidget()
        row = QHBoxLayout(soft)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.sample_view, 1)
        row.addWidget(self.targets, 4)
        self.soft_targets = soft
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(self.previous_sample)
        self.next_button.clicked.connect(self.next_sample)
        self.sample_label = QLabel()
        self.explorer = BarsView(y_range=(0.0, 1.0))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, T_STEPS)
        self.slider.setMinimumWidth(140)
        self.slider.setValue(temperature_position(4.0))
        self.slider.valueChanged.connect(self.on_slider)
        self.slider_title = QLabel()
        self.slider_label = QLabel()
        self.curves = RaceCurves()
        # the accuracy race replaces the window's metric curves (same numbers)
        self.deck = DeckWithoutMetricCurves()
        deck = self.use_frame()
        deck.add(soft, Role.MAIN, "soft targets")
        deck.add(self.explorer, Role.SECONDARY, "temperature")
        deck.add(self.curves, Role.CURVES, "accuracy")
        self.controls.group(self.sample_label, self.previous_button, self.next_button)
        self.controls.group(self.slider_title, self.slider, self.slider_label)
        self._snapshot: dict[str, Any] | None = None
        self._explored: dict[str, Any] | None = None
        self._legend_shown: tuple[str, ...] = ()
        #: ((label, text size), image) of the digit shown beside the soft targets
        self._sample_shown: tuple | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.sample_view.set_title(self.tr("Digit"))
        self.sample_label.setText(self.tr("Digit:"))
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.slider_title.setText(self.tr("Explore T:"))
        self.curves.set_title(self.tr("Validation accuracy"))
        self.deck.set_title(self.soft_targets, self.tr("Soft targets"))
        self.deck.set_title(self.explorer, self.tr("Temperature"))
        self.deck.set_title(self.curves, self.tr("Accuracy"))
        self.targets.set_names({
            "hard": self.tr("hard label"),
            "teacher": self.tr("teacher"),
            "student": self.tr("student"),
        })
        self._set_temperature_titles()
        self._show_explorer_text()
        self._legend_shown = ()
        if self._snapshot is not None:
            self._show_curves(self._snapshot)
        self._show_caption()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_temperature_titles(self) -> None:
        t = self._snapshot["temperature"] if self._snapshot else None
        if t is None:
            title = self.tr("Soft targets")
        else:
            title = self.tr("Soft targets, T = {0:g}").format(t)
        self.targets.set_title(title)

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        first = self._snapshot is None
        self._snapshot = snapshot
        self._show_sample(snapshot)
        self.targets.set_values("hard", snapshot["hard_label"])
        self.targets.set_values("teacher", snapshot["teacher_soft"])
        self.targets.set_values("student", snapshot["student_soft"])
        self._set_temperature_titles()
        self._show_curves(snapshot)
        self._show_caption()
        if first or self._explored is None:
            self._request_temperature()

    def _show_sample(self, snapshot: dict[str, Any]) -> None:
        """The digit and its label, redrawn only when they (or the text size) change:
        the same digit comes with every snapshot until another is chosen."""
        label = int(snapshot["sample_label"])
        image = np.asarray(snapshot["sample_image"])
        key = (label, theme.STYLE.font_pt)
        shown = self._sample_shown
        if shown is not None and shown[0] == key and np.array_equal(shown[1], image):
            return
        self._sample_shown = (key, image.copy())
        self.sample_view.set_maps(
            image[None], [str(label)], levels=(0.0, 1.0),
            caption_colors=[CAPTION_ON_IMAGE],
        )

    def _show_curves(self, snapshot: dict[str, Any]) -> None:
        steps = snapshot["history_steps"]
        self.curves.set_curve(
            "distilled",
            steps,
            snapshot["history_acc"],
            STUDENT_COLOR,
            label=self.tr("distilled student"),
        )
        self.curves.set_curve(
            "hard",
            steps,
            snapshot["history_acc_hard"],
            HARD_COLOR,
            label=self.tr("hard labels only"),
        )
        self.curves.set_teacher(snapshot["teacher_acc"], self.tr("teacher {value:.1%}"))
        self._curve_names()

    def _curve_names(self) -> None:
        """Legend entries follow the language (the curves keep their first label)."""
        names = {
            "distilled": self.tr("distilled student"),
            "hard": self.tr("hard labels only"),
        }
        shown = tuple(label.text for _sample, label in self.curves.legend.items)
        if shown == self._legend_shown:
            return
        for key, text in names.items():
            if key in self.curves.curves:
                relabel(self.curves.legend, self.curves.curves[key], text)
        self.curves.style_legend()
        self._legend_shown = tuple(
            label.text for _sample, label in self.curves.legend.items
        )

    def caption_text(self) -> str:
        snapshot = self._snapshot
        if snapshot is None:
            return ""
        acc, acc_hard = snapshot["history_acc"], snapshot["history_acc_hard"]
        n_t, n_s = snapshot["params_teacher"], snapshot["params_student"]
        text = self.tr(
            "Teacher: {0:,} parameters, {1:.1f}%. Student: {2:,} parameters "
            "({3:.0f}× fewer)."
        ).format(n_t, 100 * snapshot["teacher_acc"], n_s, n_t / max(n_s, 1))
        if len(acc):
            now = self.tr("Now: distilled {0:.1f}%, hard labels {1:.1f}%.")
            text += " " + now.format(100 * float(acc[-1]), 100 * float(acc_hard[-1]))
        return text

    def _show_caption(self) -> None:
        self.set_caption(html.escape(self.caption_text()))

    # -- temperature explorer ----------------------------------------------------------
    def slider_value(self) -> float:
        return slider_temperature(self.slider.value())

    def on_slider(self, _value: int) -> None:
        self._request_temperature()

    def _request_temperature(self) -> None:
        self.requested.emit("temperature", {"T": round(self.slider_value(), 3)})

    def _show_explorer_text(self) -> None:
        data = self._explored
        if data is None:
            self.explorer.set_title(self.tr("Teacher at T"))
            self.slider_label.setText(
                self.tr("T = {0:.2f}").format(self.slider_value())
            )
            return
        self.explorer.set_title(
            self.tr("Teacher, T = {0:.2f}").format(data["T"])
        )
        self.slider_label.setText(
            self.tr("T = {0:.2f}, entropy {1:.2f} (max {2:.2f})").format(
                data["T"], data["entropy"], math.log(10)
            )
        )

    # -- requests --------------------------------------------------------------------
    def previous_sample(self) -> None:
        self.requested.emit("sample", {"offset": -1})

    def next_sample(self) -> None:
        self.requested.emit("sample", {"offset": 1})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "temperature":
            self._explored = data
            label = self._snapshot["sample_label"] if self._snapshot else None
            self.explorer.set_values(data["probs"], self._digits, label)
            self._show_explorer_text()
        elif kind == "sample":
            # the new sample's snapshot came first (the session makes it the live
            # one); the explorer follows it
            self._request_temperature()

    def reset(self) -> None:
        self.curves.clear_curves()
        self._legend_shown = ()
        self._snapshot = None
        self._explored = None


STAGES = {"siamese": SiameseStage, "distillation": DistillationStage}
