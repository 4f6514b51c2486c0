"""The stage of every CNN lab: what a convolutional network sees while it learns.

Four pages, each a panel deck (:mod:`dlviz.ui.kit`), with one row of controls above
them (the sample, the layer, augmentation, the class to explain: each shown on the
pages it acts on) and a caption below that says what the page shows:

* **Inside the network** — the main view is the chosen validation digit beside the
  feature maps of the chosen conv/pool layer (tiled per channel); beside it the
  class probabilities, the validation confusion matrix, the first layer's filters
  and their gradients, and the window's loss and metric curves; all update live.
* **Draw a digit** — a canvas (main view); the drawing is sent to the network while
  drawing and its probabilities and feature maps follow the stroke (and the
  training).
* **Attributions** — Grad-CAM (main view), saliency and integrated gradients over
  the digit for a chosen class, each with its colour bar and the time it took.
* **One unit** — click a unit in any feature map (on the first two pages, or on
  this page's output map): its input patch from every input channel × the kernel
  = the products, the sum + bias → the value, what ReLU / batch norm make of it
  (a pooling unit: its window and the max or mean), checked against the layer's
  own output; beside it the receptive window on the input, the unit on its map
  and the output's softmax with every number (:mod:`dlviz.ui.views.unit_detail`).
  While training runs the unit is worked out again about twice a second.

A lab on colour images (:mod:`dlviz.core.labs.colour_cnn`) shows its input in
colour and as its R, G and B channels, the first layer's kernels per channel and as
colour tiles, its class names instead of digits, and no drawing page.

The stage never runs torch: it emits ``requested(kind, data)`` with the kinds that
:class:`dlviz.core.labs.cnn.CnnTask` answers (``predict_image``, ``attribute``,
``explain_unit`` in :meth:`show_result`; ``select_sample`` comes back as the lab's new
live snapshot, drawn through :meth:`show_snapshot` like a training step's).

A lab with presets (:data:`dlviz.core.labs.cnn.STAGE_PRESETS`: ResNet's plain-20,
plain-56 and residual-56 of He et al. 2015, Fig. 1) gets a button per preset on the
training page; a button sets the lab's settings (the lab's defaults with the
preset's changes, as a lesson scene does) and the caption says what to compare.
"""

from __future__ import annotations

import html
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.core.labs.cnn import RESNET_DEGRADATION_STEPS, STAGE_PRESETS
from dlviz.core.labs.colour_cnn import LABS as COLOUR_LABS
from dlviz.ui import theme
from dlviz.ui.kit import PanelDeck, Role
from dlviz.ui.kit.deck import SPACING
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.overlay import OverlayView
from dlviz.ui.views.titles import FittedTitle, TitledBars
from dlviz.ui.views.unit_detail import (
    RGB,
    MarkedMapView,
    RgbTilesView,
    SoftmaxPanel,
    UnitPanel,
    channel_name,
    grid_unit,
    shown_rows,
)
from dlviz.ui.widgets.draw_canvas import DrawCanvas

CLASSES = [str(i) for i in range(10)]
ATTRIBUTION_METHODS = ("saliency", "integrated_gradients", "gradcam")
#: The attribution shown as the main view of its page.
MAIN_ATTRIBUTION = "gradcam"
#: While training, the drawing is predicted again at most this often (seconds).
DRAWING_REFRESH_S = 0.4
#: Most redraws per second of the filters, their gradients and the confusion matrix.
SLOW_VIEWS_HZ = 8.0
#: A request without an answer after this long no longer blocks new ones.
REQUEST_TIMEOUT_S = 3.0
#: Upper level of the gray image under a heat map (>1 dims it so the heat shows).
DIM_BASE = 1.8
#: The pages of the stage.
TRAINING, DRAWING, ATTRIBUTIONS, UNIT = range(4)
#: While training, the chosen unit is worked out again at most this often (s).
UNIT_REFRESH_S = 0.5
#: Labs whose inputs are RGB images.
RGB_LABS = frozenset(spec.key for spec in COLOUR_LABS)
#: Shape names of the colour lab's classes and their symbols (short labels).
SHAPE_SYMBOLS = {"disc": "●", "square": "■", "triangle": "▲"}
#: Numbers on dark and on light cells of the confusion matrix.
INK_ON_DARK, INK_ON_LIGHT = theme.BASE_STYLE.background, theme.BASE_STYLE.foreground
#: Cells brighter than this (luminance 0…1) get dark numbers.
LIGHT_CELL = 0.5
#: The main view's share of the training page (the digit and its feature maps).
TRAINING_MAIN_SHARE = 0.66
#: The input's share of the main view, and the least it gets (pixels) while that
#: leaves the feature maps at least as much.
INPUT_SHARE, INPUT_MIN = 0.36, 205


class TitledGrid(FittedTitle, ImageGridView):
    """Tiled maps whose title fits the width."""


class TitledOverlay(FittedTitle, OverlayView):
    """An image (with a heat map) whose title fits the width."""


class TitledRgbTiles(FittedTitle, RgbTilesView):
    """Colour kernels whose title (with the legend) fits the width."""


class TitledMarked(FittedTitle, MarkedMapView):
    """A map with a mark whose title fits the width."""


class FeatureMapPanel(QWidget):
    """The feature maps of the chosen layer, tiled per channel, each map scaled to
    its own range (colour bar 0…1); with ``with_input`` the input image beside
    them (above them when the panel is taller than wide)."""

    def __init__(self, with_input: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.input = TitledOverlay() if with_input else None
        self.grid = TitledGrid(normalize_each=True, colorbar=True,
                               colorbar_below=True, lift_dark=True)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(SPACING)
        if self.input is not None:
            self._box.addWidget(self.input, 2)
        self._box.addWidget(self.grid, 3)
        self.shown_layer: str | None = None
        self.shown: tuple[int, int, int, int] | None = None  # shown, total, h, w

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.input is None:
            return
        wide = self.width() >= self.height()
        direction = (QBoxLayout.Direction.LeftToRight if wide
                     else QBoxLayout.Direction.TopToBottom)
        if self._box.direction() != direction:
            self._box.setDirection(direction)
        length = max(self.width() if wide else self.height(), 1)
        first = int(max(INPUT_SHARE * length, min(INPUT_MIN, length / 2)))
        if (self._box.stretch(0), self._box.stretch(1)) != (first, length - first):
            self._box.setStretch(0, first)
            self._box.setStretch(1, length - first)

    def show_maps(self, data: dict[str, Any], path: str | None) -> bool:
        """Tile the maps of layer ``path`` from a snapshot or a prediction; False
        when the data has no such layer."""
        maps = data.get("feature_maps", {})
        if path not in maps:
            return False
        self.shown_layer = path
        self.grid.set_maps(maps[path])
        shown, (h, w) = len(maps[path]), maps[path].shape[-2:]
        total = int(data.get("feature_channels", {}).get(path, shown))
        self.shown = (shown, total, int(h), int(w))
        return True

    def clear(self) -> None:
        self.grid.set_maps(np.zeros((1, 2, 2), np.float32))
        self.shown_layer = None
        self.shown = None


class ConfusionView(FittedTitle, HeatmapView):
    """A 10 × 10 confusion matrix: colour by the share of the true class (colour
    bar 0…1), the count in each cell while the cells are big enough to read it.
    On the dark theme the map starts above its black end, so empty cells stay
    visible on the black background."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, colorbar=True, lift_dark=True, parent=parent)
        self.set_ticks(CLASSES, CLASSES, fit=True)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.setAspectLocked(True)
        self.style_colorbar(self.colorbar)
        self._texts: list[pg.TextItem] = []
        self._counts: np.ndarray | None = None
        self.plot_item.getViewBox().sigResized.connect(self._show_counts)

    def set_axis_labels(self, predicted: str, true: str) -> None:
        self.plot_item.setLabel("bottom", predicted)
        self.plot_item.setLabel("left", true)

    def set_counts(self, counts: np.ndarray) -> None:
        counts = np.asarray(counts)
        if self._counts is not None and np.array_equal(counts, self._counts):
            return
        self._counts = counts.copy()
        self.set_data(self._shares(), levels=(0.0, 1.0))
        self._show_counts()

    def _shares(self) -> np.ndarray:
        rows = self._counts.sum(1, keepdims=True)
        return self._counts / np.where(rows > 0, rows, 1)

    def _font(self):
        font = self.font()
        font.setPointSizeF(max(theme.STYLE.font_pt - 1, 9.0))
        return font

    def numbers_fit(self) -> bool:
        """Whether the counts fit in the cells at the theme's text size."""
        if self._counts is None:
            return False
        rows, cols = self._counts.shape
        box = self.plot_item.getViewBox().size()
        cell = min(box.width() / max(cols, 1), box.height() / max(rows, 1))
        metrics = QFontMetricsF(self._font())
        widest = str(int(self._counts.max())) if self._counts.size else "0"
        return cell >= max(metrics.horizontalAdvance(widest) + 4, metrics.height())

    def _show_counts(self, *_args) -> None:
        if self._counts is None:
            return
        counts, shares = self._counts, self._shares()
        n_rows, n_cols = counts.shape
        fits = self.numbers_fit()
        font = self._font()
        cmap = self._colormap()
        while len(self._texts) < counts.size:
            item = pg.TextItem(anchor=(0.5, 0.5))
            self.plot_item.addItem(item)
            self._texts.append(item)
        for i, item in enumerate(self._texts):
            r, c = divmod(i, n_cols)
            if not fits or r >= n_rows or counts[r, c] == 0:
                item.setVisible(False)
                continue
            red, green, blue = cmap.map(float(shares[r, c]), mode="float")[:3]
            light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > LIGHT_CELL
            item.setFont(font)
            item.setText(str(int(counts[r, c])),
                         color=INK_ON_LIGHT if light else INK_ON_DARK)
            item.setPos(c + 0.5, r + 0.5)
            item.setVisible(True)

    def apply_style(self) -> None:
        super().apply_style()
        self.style_colorbar(getattr(self, "colorbar", None))
        if getattr(self, "_counts", None) is not None:
            self._show_counts()  # the map and the text size follow the theme

    def counts(self) -> np.ndarray | None:
        return self._counts


class SampleChooser(QWidget):
    """Spin box and "next" button choosing a validation sample."""

    chosen = Signal(int)

    def __init__(self, maximum: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.spin = QSpinBox()
        self.spin.setRange(0, maximum)
        self.spin.setWrapping(True)
        self.next_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.spin)
        layout.addWidget(self.next_button)
        self.spin.valueChanged.connect(self.chosen)
        self.next_button.clicked.connect(self.next_sample)

    def next_sample(self) -> None:
        self.spin.stepBy(1)

    def set_value(self, index: int) -> None:
        """Show ``index`` without emitting ``chosen``."""
        if self.spin.value() != index:
            self.spin.blockSignals(True)
            self.spin.setValue(index)
            self.spin.blockSignals(False)


def _displayed(image: np.ndarray) -> np.ndarray:
    """An input as an image item holds it: (H, W) gray or (H, W, 3) colour."""
    image = np.asarray(image, dtype=np.float32)
    return image.transpose(1, 2, 0) if image.ndim == 3 else image


def set_input_image(view: OverlayView, image: np.ndarray) -> None:
    """Show an input (H, W) in gray or (3, H, W) in colour on ``view``."""
    shown = _displayed(image)
    if shown.ndim == 3:  # a colour lab's stage shows only colour inputs
        view.base.setLookupTable(None)
    view.set_image(shown)


def _by_channel(kernels: np.ndarray) -> np.ndarray:
    """(n, 3, k, k) kernels as 3·n maps, the n kernels' R, then G, then B."""
    n, c, kh, kw = kernels.shape
    return np.ascontiguousarray(kernels.transpose(1, 0, 2, 3)).reshape(c * n, kh, kw)


class ImageClassifierStage(Stage):
    """Feature maps, filters, predictions, confusion, drawing and attributions."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.layer: str | None = None
        self.sample_index = 0
        self.snapshot: dict[str, Any] | None = None
        self.drawing: np.ndarray | None = None
        self.drawing_result: dict[str, Any] | None = None
        self.attribution: dict[str, Any] | None = None
        self.rgb = spec.key in RGB_LABS
        self.class_names: list[str] = list(CLASSES)  # as the task names them
        #: the unit asked for (layer, channel, row, col, source) and its answer
        self.unit_request: dict[str, Any] | None = None
        self.unit: dict[str, Any] | None = None
        self._unit_sent_at = 0.0
        self._computing = False
        self._augment_known = False
        self._layer_kinds: dict[str, str] = {}
        self._pending: dict[str, float] = {}
        self._drawing_sent_at = 0.0
        self._slow_views_at = -np.inf
        self._slow_timer = QTimer(self)
        self._slow_timer.setSingleShot(True)
        self._slow_timer.timeout.connect(self._draw_slow_views)
        self._stale_tabs: set[int] = set()
        maximum = next(
            (int(p.maximum) for p in spec.params
             if p.key == "sample_index" and p.maximum is not None),
            359,
        )
        # the training page (the window's curves join it)
        self.deck = PanelDeck(main_share=TRAINING_MAIN_SHARE)
        self.draw_deck = PanelDeck()
        self.attr_deck = PanelDeck()
        self.unit_deck = PanelDeck(main_share=TRAINING_MAIN_SHARE)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in (self.deck, self.draw_deck, self.attr_deck, self.unit_deck):
            self.tabs.addTab(page, "")
        self.tabs.setTabVisible(DRAWING, not self.rgb)
        self.use_frame(deck=self.tabs)
        self._build_controls(maximum)
        self._build_training()
        self._build_drawing()
        self._build_attributions()
        self._build_unit()
        self.tabs.currentChanged.connect(self._on_tab)
        self.retranslate_ui()
        self._show_controls()

    # -- construction ----------------------------------------------------------------
    def _build_controls(self, maximum: int) -> None:
        self.sample_chooser = SampleChooser(maximum)
        self.sample_chooser.chosen.connect(self.choose_sample)
        self.layer_label = QLabel()
        self.layer_combo = QComboBox()
        self.layer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents
        )
        self.layer_combo.currentIndexChanged.connect(self._on_layer_index)
        self.augment_box = QCheckBox()
        self.augment_box.toggled.connect(self.set_augmentation)
        self.class_label = QLabel()
        self.class_combo = QComboBox()
        self.class_combo.addItem("", None)
        for name in CLASSES:
            self.class_combo.addItem(name, int(name))
        self.class_combo.currentIndexChanged.connect(self._on_class)
        self.compute_button = QPushButton()
        self.compute_button.clicked.connect(self.request_attributions)
        self.controls.add(self.sample_chooser)
        self.layer_group = self.controls.group(self.layer_label, self.layer_combo)
        self.controls.add(self.augment_box)
        self.class_group = self.controls.group(self.class_label, self.class_combo)
        self.controls.add(self.compute_button)
        # the unit of the "One unit" page: channel, row, column
        self.unit_labels = [QLabel() for _ in range(3)]
        self.unit_spins = [QSpinBox() for _ in range(3)]
        parts: list[QWidget] = []
        for label, spin in zip(self.unit_labels, self.unit_spins):
            spin.setRange(0, 0)
            spin.valueChanged.connect(self._on_unit_spin)
            parts += [label, spin]
        self.unit_group = self.controls.group(*parts)
        # the lab's presets (ResNet: the degradation comparison)
        self.presets: dict[str, dict[str, Any]] = dict(
            STAGE_PRESETS.get(self.spec.key, {}))
        self.preset_label = QLabel()
        self.preset_buttons: dict[str, QPushButton] = {}
        for name in self.presets:
            button = QPushButton()
            button.clicked.connect(lambda _=False, n=name: self.apply_preset(n))
            self.preset_buttons[name] = button
        self.preset_group = (
            self.controls.group(self.preset_label, *self.preset_buttons.values())
            if self.presets else None)

    def _build_training(self) -> None:
        self.feature_panel = FeatureMapPanel(with_input=True)
        self.sample_view = self.feature_panel.input
        self.feature_panel.grid.scene().sigMouseClicked.connect(
            lambda event: self._on_map_click(self.feature_panel, event, "sample"))
        self.bars = TitledBars(y_range=(0.0, 1.0), horizontal=self.rgb)
        self.confusion = ConfusionView()
        self.filters = TitledGrid(diverging=True, normalize_each=False, colorbar=True)
        self.filter_grads = TitledGrid(diverging=True, normalize_each=False,
                                       colorbar=True)
        self.channels_view: TitledGrid | None = None
        self.rgb_filters: TitledRgbTiles | None = None
        deck = self.deck
        deck.add(self.feature_panel, Role.MAIN, "feature maps")
        deck.add(self.bars, Role.SECONDARY, "predictions")
        if self.rgb:  # the colour views come first: they are the lab's point
            self.confusion.set_ticks(self._short_names(), self._short_names(),
                                     fit=True)
            self.channels_view = TitledGrid(normalize_each=False, gray=True,
                                            colorbar=True)
            self.rgb_filters = TitledRgbTiles()
            deck.add(self.channels_view, Role.SECONDARY, "input channels")
            deck.add(self.rgb_filters, Role.SECONDARY, "colour filters")
        deck.add(self.confusion, Role.SECONDARY, "confusion matrix")
        deck.add(self.filters, Role.SECONDARY, "filters")
        deck.add(self.filter_grads, Role.SECONDARY, "filter gradients")

    def _build_drawing(self) -> None:
        self.canvas = DrawCanvas(output_size=28, brush_fraction=0.1)
        self.canvas.drawing_changed.connect(self.on_drawing)
        self.draw_features = FeatureMapPanel()
        self.draw_features.grid.scene().sigMouseClicked.connect(
            lambda event: self._on_map_click(self.draw_features, event, "drawing"))
        self.draw_bars = TitledBars(y_range=(0.0, 1.0))
        self.draw_input = TitledOverlay()
        deck = self.draw_deck
        deck.add(self.canvas, Role.MAIN, "draw")
        deck.add(self.draw_features, Role.SECONDARY, "drawing feature maps")
        deck.add(self.draw_bars, Role.SECONDARY, "drawing predictions")
        deck.add(self.draw_input, Role.SECONDARY, "drawing input")

    def _build_attributions(self) -> None:
        self.attr_views = {
            method: TitledOverlay(colorbar=True) for method in ATTRIBUTION_METHODS
        }
        self.attr_input = TitledOverlay()
        names = {"saliency": "saliency", "integrated_gradients": "integrated gradients",
                 "gradcam": "grad-cam"}
        deck = self.attr_deck
        deck.add(self.attr_views[MAIN_ATTRIBUTION], Role.MAIN, names[MAIN_ATTRIBUTION])
        for method in ATTRIBUTION_METHODS:
            if method != MAIN_ATTRIBUTION:
                deck.add(self.attr_views[method], Role.SECONDARY, names[method])
        deck.add(self.attr_input, Role.SECONDARY, "attribution input")

    def _build_unit(self) -> None:
        self.unit_panel = UnitPanel()
        self.unit_output = TitledMarked()
        self.unit_output.clicked.connect(self._on_output_click)
        self.unit_input = TitledMarked()
        self.softmax_panel = SoftmaxPanel()
        deck = self.unit_deck
        deck.add(self.unit_panel, Role.MAIN, "unit")
        deck.add(self.unit_output, Role.SECONDARY, "unit output")
        deck.add(self.unit_input, Role.SECONDARY, "unit input")
        deck.add(self.softmax_panel, Role.SECONDARY, "softmax")

    # -- text --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.tabs.setTabText(TRAINING, self.tr("Inside the network"))
        self.tabs.setTabText(DRAWING, self.tr("Draw a digit"))
        self.tabs.setTabText(ATTRIBUTIONS, self.tr("Attributions"))
        self.tabs.setTabText(UNIT, self.tr("One unit"))
        for label, text in zip(self.unit_labels,
                               (self.tr("Channel"), self.tr("Row"), self.tr("Column"))):
            label.setText(text)
        self.sample_chooser.label.setText(self.tr("Sample"))
        self.sample_chooser.next_button.setText(self.tr("Next"))
        self.layer_label.setText(self.tr("Layer"))
        self.augment_box.setText(self.tr("Augment training images"))
        self.class_label.setText(self.tr("Explain class"))
        self.class_combo.setItemText(0, self.tr("predicted"))
        self.compute_button.setText(self.tr("Compute"))
        self.preset_label.setText(self.tr("Presets"))
        for name, button in self.preset_buttons.items():
            button.setText(self._preset_name(name))
            button.setToolTip(self._preset_help(name))
        # training page
        self.sample_view.set_titles(
            self.tr("Validation image") if self.rgb else self.tr("Validation digit"),
            self.tr("Input"))
        self.bars.set_titles(self.tr("Probabilities"))
        self.filters.set_titles(self.tr("First-layer filters"), self.tr("Filters"))
        self.filter_grads.set_titles(self.tr("First-layer gradients"),
                                     self.tr("Gradients"))
        self.confusion.set_titles(self.tr("Confusion (validation)"),
                                  self.tr("Confusion"))
        self.confusion.set_axis_labels(self.tr("predicted"), self.tr("true"))
        for widget, title in (
            (self.feature_panel, self.tr("Feature maps")),
            (self.bars, self.tr("Probabilities")),
            (self.confusion, self.tr("Confusion")),
            (self.filters, self.tr("Filters")),
            (self.filter_grads, self.tr("Gradients")),
        ):
            self.deck.set_title(widget, title)
        # drawing page
        self.canvas.clear_button.setText(self.tr("Clear"))
        self.draw_input.set_titles(self.tr("What the network sees"), self.tr("Input"))
        self.draw_bars.set_titles(self.tr("Probabilities"))
        for widget, title in (
            (self.canvas, self.tr("Draw a digit")),
            (self.draw_features, self.tr("Feature maps")),
            (self.draw_bars, self.tr("Probabilities")),
            (self.draw_input, self.tr("Input")),
        ):
            self.draw_deck.set_title(widget, title)
        # attributions page
        self.attr_input.set_titles(self.tr("Input"))
        for method, view in self.attr_views.items():
            self.attr_deck.set_title(view, self._method_name(method))
        self.attr_deck.set_title(self.attr_input, self.tr("Input"))
        # the colour lab's panels
        if self.channels_view is not None:
            self.channels_view.set_titles(self.tr("Input as R, G, B channels"),
                                          self.tr("R, G, B"))
            self.deck.set_title(self.channels_view, self.tr("R, G, B"))
        if self.rgb_filters is not None:
            legend = self.rgb_filters.legend()
            self.rgb_filters.set_titles(
                self.tr("Filters in colour: {0}").format(legend),
                self.tr("Colour = R, G, B weights (0…1)"),
                self.tr("RGB weights, 0…1"))
            self.deck.set_title(self.rgb_filters, self.tr("Colour filters"))
        if self.rgb:
            self.filters.set_titles(self.tr("First-layer filters per channel"),
                                    self.tr("Filters"))
        # the unit page
        self.unit_panel.retranslate()
        if self.unit is not None:
            self.softmax_panel.set_softmax(*self._softmax_args())
        else:
            self.softmax_panel.retranslate()
        self._show_unit_titles()
        for widget, title in (
            (self.unit_panel, self.tr("One unit")),
            (self.unit_output, self.tr("Unit's map")),
            (self.unit_input, self.tr("Its input")),
            (self.softmax_panel, self.tr("Softmax")),
        ):
            self.unit_deck.set_title(widget, title)
        if self.snapshot is not None:
            self._show_class_names()
        self._fill_layer_names()
        self._show_feature_titles()
        self._show_attribution_titles()
        self._show_caption()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _preset_name(self, name: str) -> str:
        """A preset's button text: ``plain-56`` → "plain 56"."""
        kind, _, depth = name.partition("-")
        text = {"plain": self.tr("plain {0}"), "residual": self.tr("residual {0}")}
        return text[kind].format(depth) if kind in text else name

    def _preset_help(self, name: str) -> str:
        """What a preset sets (its tooltip)."""
        values = self.presets[name]
        text = (self.tr("{depth} layers with skip connections, the lab's other "
                        "defaults, batch {batch}, width ×{width}")
                if values.get("skip") else
                self.tr("{depth} layers without skip connections, the lab's other "
                        "defaults, batch {batch}, width ×{width}"))
        return text.format(depth=values.get("depth", ""),
                           batch=values.get("batch_size", ""),
                           width=values.get("width", ""))

    def _preset_text(self) -> str:
        """The caption's sentence on the presets: what they compare, what to
        watch."""
        if not self.presets:
            return ""
        return self.tr(
            "Presets compare plain 20, plain 56 and residual 56 layers (He et al. "
            "2015, Fig. 1). Train each about {steps} steps and watch the training "
            "loss: plain 56 stays above plain 20, residual 56 goes lowest."
        ).format(steps=RESNET_DEGRADATION_STEPS)

    def _method_name(self, method: str) -> str:
        return {
            "saliency": self.tr("Saliency"),
            "integrated_gradients": self.tr("Integrated Gradients"),
            "gradcam": self.tr("Grad-CAM"),
        }.get(method, method)

    def feature_title(self, layer: str, shown: int, total: int, h: int, w: int) -> str:
        """The full title of a feature-map view: the layer, its channels and size."""
        if shown < total:
            text = self.tr("{layer}: first {shown} of {total} channels, {h}×{w}")
        else:
            text = self.tr("{layer}: {total} channels, {h}×{w}")
        return text.format(layer=layer, shown=shown, total=total, h=h, w=w)

    def _feature_titles(self, panel: FeatureMapPanel) -> tuple[str, ...]:
        """The titles of ``panel``, longest first (the view shows one that fits)."""
        if panel.shown_layer is None or panel.shown is None:
            return (self.tr("Feature maps"),)
        layer, (shown, total, h, w) = panel.shown_layer, panel.shown
        return (
            self.feature_title(layer, shown, total, h, w),
            f"{layer} · {h}×{w}",
            layer,
            self.tr("Feature maps"),
        )

    def _show_feature_titles(self) -> None:
        for panel in (self.feature_panel, self.draw_features):
            panel.grid.set_titles(*self._feature_titles(panel))

    def _layer_text(self, panel: FeatureMapPanel) -> str:
        """One sentence on the feature maps of ``panel`` for the caption."""
        if panel.shown_layer is None or panel.shown is None:
            return ""
        layer, (shown, total, h, w) = panel.shown_layer, panel.shown
        kind = self._layer_kinds.get(layer, "")
        if shown < total:
            text = self.tr("{layer} ({kind}): the first {shown} of {total} maps, "
                           "{h}×{w}, each scaled to its own range 0…1.")
        else:
            text = self.tr("{layer} ({kind}): {total} maps, {h}×{w}, each scaled to "
                           "its own range 0…1.")
        return text.format(layer=layer, kind=kind, shown=shown, total=total, h=h, w=w)

    def _show_caption(self) -> None:
        """The caption of the page on show (updated with the page and language)."""
        page = self.tabs.currentIndex()
        if page == TRAINING:
            self.set_caption(self._training_caption())
        elif page == DRAWING:
            self.set_caption(self._drawing_caption())
        elif page == UNIT:
            self.set_caption(self._unit_caption())
        else:
            self.set_caption(self._attribution_caption())

    def _training_caption(self) -> str:
        snap = self.snapshot
        parts = []
        if snap is not None:
            label = int(snap.get("label", -1))
            predicted = int(np.argmax(snap["probs"]))
            color = theme.role("right" if label == predicted else "wrong")
            verdict = self.tr("true {0} · predicted {1} ({2:.0%})").format(
                self._name_of(label), self._name_of(predicted),
                float(snap["probs"][predicted])
            )
            parts.append(f"<b><span style='color:{color}'>{verdict}</span></b>")
        parts.append(html.escape(self._layer_text(self.feature_panel)))
        text = " ".join(p for p in parts if p)
        presets = html.escape(self._preset_text())
        if presets:
            text = f"{text}<br>{presets}" if text else presets
        return text

    def _drawing_caption(self) -> str:
        data = self.drawing_result
        hint = html.escape(
            self.tr("Draw one digit, large, with the mouse or a pen.")
        )
        if data is None:
            return hint
        probs = data["probs"]
        best = int(np.argmax(probs))
        verdict = html.escape(
            self.tr("It is a {0} ({1:.0%})").format(best, float(probs[best]))
        )
        layer = html.escape(self._layer_text(self.draw_features))
        return f"<b><big>{verdict}</big></b> {hint} {layer}"

    def _attribution_caption(self) -> str:
        data = self.attribution
        if self._computing:
            status = self.tr("computing…")
        elif data is None:
            status = self.tr("Press Compute.")
        else:
            target, probs = int(data["target"]), data["probs"]
            status = self.tr(
                "sample {0}, true {1}: class {2} explained (p = {3:.2f})"
            ).format(data["index"], self._name_of(int(data["label"])),
                     self._name_of(target), float(probs[target]))
        explain = self.tr(
            "Which pixels raise the class's score: 0 none, 1 most; integrated "
            "gradients also show the pixels against it (below 0)."
        )
        text = f"<b>{html.escape(status)}</b> {html.escape(explain)}"
        gradcam = self._gradcam_text()
        return f"{text} {gradcam}" if gradcam else text

    def _gradcam_text(self) -> str:
        """Where Grad-CAM looked (rich text): its layer, how coarse its map is, and
        whether it found no positive evidence for the class at all."""
        data = self.attribution
        details = (data or {}).get("details", {}).get("gradcam")
        if not details or self._computing:
            return ""
        h, w = (int(v) for v in details.get("map_size", (0, 0)))
        size = np.shape(data.get("image", ()))[-2:]
        text = self.tr("Grad-CAM on {layer}: {h}×{w} upsampled to {H}×{W}.").format(
            layer=details.get("layer", ""), h=h, w=w,
            H=size[0] if len(size) == 2 else h, W=size[1] if len(size) == 2 else w)
        text = html.escape(text)
        if details.get("empty"):
            empty = self.tr("Grad-CAM is empty: no positive evidence for this class "
                            "at that layer.")
            wrong = theme.role("wrong")
            text += f" <b><span style='color:{wrong}'>{html.escape(empty)}</span></b>"
        return text

    # -- class names (the colour lab's) ------------------------------------------------
    def class_display(self, name: str) -> str:
        """A class's name on screen: a digit as it is, a colour lab's class
        (``"red disc"``) translated."""
        colour, _, shape = name.partition(" ")
        colours = {"red": self.tr("red"), "green": self.tr("green"),
                   "blue": self.tr("blue")}
        shapes = {"disc": self.tr("disc"), "square": self.tr("square"),
                  "triangle": self.tr("triangle")}
        if colour in colours and shape in shapes:
            return self.tr("{colour} {shape}").format(colour=colours[colour],
                                                      shape=shapes[shape])
        return name

    def _short_names(self) -> list[str]:
        """Short class labels for the confusion matrix: R● for a red disc."""
        names = list(self.class_names)
        if not self.rgb:
            return names
        from dlviz.core.labs.colour_cnn import CLASS_NAMES

        names = list(CLASS_NAMES) if names == list(CLASSES) else names
        out = []
        for name in names:
            colour, _, shape = name.partition(" ")
            out.append(f"{colour[:1].upper()}{SHAPE_SYMBOLS.get(shape, shape)}")
        return out

    def _name_of(self, index: int) -> str:
        names = self.class_names
        return self.class_display(names[index]) if 0 <= index < len(names) \
            else str(index)

    def _labels(self) -> list[str]:
        return [self.class_display(n) for n in self.class_names]

    def _show_class_names(self) -> None:
        """Class names of the task in the bars, the confusion matrix and the class
        picker (digits unless the task names its classes)."""
        labels = self._labels()
        if self.rgb:
            self.confusion.set_ticks(self._short_names(), self._short_names(),
                                     fit=True)
        for i, label in enumerate(labels):
            if self.class_combo.count() <= i + 1:
                self.class_combo.addItem(label, i)
            else:
                self.class_combo.setItemText(i + 1, label)
        while self.class_combo.count() > len(labels) + 1:
            self.class_combo.removeItem(self.class_combo.count() - 1)

    # -- controls ----------------------------------------------------------------------
    def _show_controls(self) -> None:
        """Each control on the pages it acts on."""
        page = self.tabs.currentIndex()
        self.sample_chooser.setVisible(page in (TRAINING, ATTRIBUTIONS, UNIT))
        self.layer_group.setVisible(page in (TRAINING, DRAWING, UNIT))
        self.unit_group.setVisible(page == UNIT)
        self.augment_box.setVisible(page == TRAINING and self._augment_known)
        self.class_group.setVisible(page == ATTRIBUTIONS)
        self.compute_button.setVisible(page == ATTRIBUTIONS)
        if self.preset_group is not None:
            self.preset_group.setVisible(page == TRAINING)

    def preset_values(self, name: str) -> dict[str, Any]:
        """The settings preset ``name`` puts in force: the lab's defaults with the
        preset's changes."""
        return self.spec.resolve(self.presets[name])

    def apply_preset(self, name: str) -> None:
        """Set the lab's settings to preset ``name`` (the run restarts)."""
        self.request_settings(self.preset_values(name))

    def current_layer(self) -> str | None:
        return self.layer_combo.currentData()

    def _set_layers(self, layers: list[str], kinds: list[str]) -> None:
        """Fill the layer picker when the network's layers change: their paths, or
        only their kinds (average → max pooling keeps the paths)."""
        if layers and self.layer not in layers:
            self.layer = layers[0]
        new_kinds = dict(zip(layers, kinds))
        relabel = new_kinds != self._layer_kinds
        self._layer_kinds = new_kinds
        known = [self.layer_combo.itemData(i) for i in range(self.layer_combo.count())]
        if known != list(layers):
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            for path in layers:
                self.layer_combo.addItem("", path)
            self.layer_combo.blockSignals(False)
            relabel = True
        if relabel:
            self._fill_layer_names()
        self._select_layer(self.layer)

    def _fill_layer_names(self) -> None:
        for i in range(self.layer_combo.count()):
            path = self.layer_combo.itemData(i)
            kind = self._layer_kinds.get(path, "")
            self.layer_combo.setItemText(i, f"{i + 1}. {path}  ({kind})")

    def _select_layer(self, path: str | None) -> None:
        index = self.layer_combo.findData(path)
        if index >= 0 and index != self.layer_combo.currentIndex():
            self.layer_combo.blockSignals(True)
            self.layer_combo.setCurrentIndex(index)
            self.layer_combo.blockSignals(False)

    def _on_layer_index(self, index: int) -> None:
        path = self.layer_combo.itemData(index)
        if path is not None:
            self.choose_layer(path)

    # -- snapshots ---------------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._show(snapshot)

    def _show(self, snapshot: dict[str, Any], force: bool = False) -> None:
        self.snapshot = snapshot
        self.sample_index = int(snapshot.get("sample_index", self.sample_index))
        self.sample_chooser.set_value(self.sample_index)
        if "augment" in snapshot:
            self._show_augmentation(bool(snapshot["augment"]))
        names = list(snapshot.get("class_names", CLASSES))
        if names != self.class_names:
            self.class_names = names
            self._show_class_names()
        current = self.tabs.currentIndex()
        self._stale_tabs = {TRAINING, DRAWING, ATTRIBUTIONS} - {current}
        if current == TRAINING:
            self._draw_training(snapshot, force)
            self._show_caption()
        elif current == DRAWING:
            self._refresh_drawing()
        elif current == UNIT:
            self._set_layers(list(snapshot.get("layers", [])),
                             list(snapshot.get("layer_kinds", [])))
            self._refresh_unit()

    def _draw_training(self, snapshot: dict[str, Any], force: bool = False) -> None:
        """Feature maps and probabilities every time; the sample only when it
        changes; filters, gradients and confusion at most SLOW_VIEWS_HZ times a
        second (each repaint costs a few ms on a CPU-only machine)."""
        self._set_layers(list(snapshot.get("layers", [])),
                         list(snapshot.get("layer_kinds", [])))
        if self.feature_panel.show_maps(snapshot, self.layer):
            self.feature_panel.grid.set_titles(*self._feature_titles(self.feature_panel))
        image = snapshot["image"]
        shown = self.sample_view.base.image
        if force or shown is None or not np.array_equal(shown, _displayed(image)):
            set_input_image(self.sample_view, image)
            if self.channels_view is not None and image.ndim == 3:
                self.channels_view.set_maps(image, captions=list(RGB), columns=3,
                                            levels=(0.0, 1.0))
        probs = snapshot["probs"]
        self.bars.set_values(probs, self._labels(), highlight=int(np.argmax(probs)))
        wait = self._slow_views_at + 1.0 / SLOW_VIEWS_HZ - time.perf_counter()
        if force or wait <= 0:
            self._draw_slow_views()
        elif not self._slow_timer.isActive():  # the last snapshot is drawn too
            self._slow_timer.start(int(wait * 1000) + 1)

    def _draw_slow_views(self) -> None:
        self._slow_timer.stop()
        snapshot = self.snapshot
        if snapshot is None or self.tabs.currentIndex() != TRAINING:
            return
        self._slow_views_at = time.perf_counter()
        filters, grads = snapshot["filters"], snapshot["filter_grads"]
        if filters.ndim == 4:  # (n, 3, k, k): a row per input channel
            n = filters.shape[0]
            self.filters.set_maps(_by_channel(filters), columns=n, row_labels=RGB)
            self.filter_grads.set_maps(_by_channel(grads), columns=n, row_labels=RGB)
            if self.rgb_filters is not None:
                self.rgb_filters.set_tiles(filters)
        else:
            self.filters.set_maps(filters)
            self.filter_grads.set_maps(grads)
        self.confusion.set_counts(snapshot["confusion"])

    # -- requests and answers ---------------------------------------------------------
    def _request(self, kind: str, data: dict) -> None:
        self._pending[kind] = time.perf_counter()
        self.requested.emit(kind, data)

    def _busy(self, kind: str) -> bool:
        sent = self._pending.get(kind)
        return sent is not None and time.perf_counter() - sent < REQUEST_TIMEOUT_S

    def choose_sample(self, index: int) -> None:
        """Show validation sample ``index``: asks the task, which answers with a
        snapshot."""
        self.sample_index = int(index)
        self.sample_chooser.set_value(self.sample_index)
        self._request("select_sample", {"index": self.sample_index})
        if self.tabs.currentIndex() == ATTRIBUTIONS:
            self.request_attributions()
        if self.tabs.currentIndex() == UNIT and self.unit_request is not None:
            self.unit_request["source"] = "sample"
            self._send_unit()

    def choose_layer(self, path: str) -> None:
        self.layer = path
        self._select_layer(path)
        if self.snapshot is not None:
            self.feature_panel.show_maps(self.snapshot, path)
        if self.drawing_result is not None:
            self.draw_features.show_maps(self.drawing_result, path)
        self._show_feature_titles()
        if self.tabs.currentIndex() == UNIT:
            request = self.unit_request or {"channel": 0, "row": 0, "col": 0,
                                            "source": "sample"}
            self.choose_unit(path, request["channel"], request["row"], request["col"],
                             request["source"])
        self._show_caption()

    # -- one unit ----------------------------------------------------------------------
    def _unit_source_data(self, source: str) -> dict[str, Any] | None:
        return self.drawing_result if source == "drawing" else self.snapshot

    def layer_shape(self, layer: str, source: str = "sample") -> tuple[int, int, int]:
        """(channels, height, width) of ``layer`` as last shown (0s if unknown)."""
        data = self._unit_source_data(source) or {}
        maps = data.get("feature_maps", {}).get(layer)
        if maps is None:
            return 0, 0, 0
        total = int(data.get("feature_channels", {}).get(layer, maps.shape[0]))
        return total, int(maps.shape[-2]), int(maps.shape[-1])

    def choose_unit(self, layer: str, channel: int, row: int, col: int,
                    source: str = "sample") -> None:
        """Work out unit (``channel``, ``row``, ``col``) of ``layer`` on the shown
        sample (or the drawing) and show it on the unit page."""
        if source == "drawing" and self.drawing is None:
            source = "sample"
        c, h, w = self.layer_shape(layer, source)
        if c:  # a unit of the layer picked before may lie outside this one
            channel, row, col = min(channel, c - 1), min(row, h - 1), min(col, w - 1)
        self.unit_request = {"layer": layer, "channel": int(channel), "row": int(row),
                             "col": int(col), "source": source}
        self._set_unit_spins()
        self._send_unit()
        if self.tabs.currentIndex() != UNIT:
            self.tabs.setCurrentIndex(UNIT)

    def _set_unit_spins(self) -> None:
        request = self.unit_request
        if request is None:
            return
        shape = self.layer_shape(request["layer"], request["source"])
        for spin, key, size in zip(self.unit_spins, ("channel", "row", "col"), shape):
            spin.blockSignals(True)
            spin.setRange(0, max(size - 1, request[key]))
            spin.setValue(request[key])
            spin.blockSignals(False)

    def _send_unit(self) -> None:
        request = dict(self.unit_request or {})
        if not request:
            return
        source = request.pop("source")
        if source == "drawing" and self.drawing is not None:
            request["image"] = self.drawing
        else:
            request["index"] = self.sample_index
        self._unit_sent_at = time.perf_counter()
        self._request("explain_unit", request)

    def _refresh_unit(self) -> None:
        """While training, work the unit out again now and then."""
        if self.unit_request is None or self._busy("explain_unit"):
            return
        if time.perf_counter() - self._unit_sent_at >= UNIT_REFRESH_S:
            self._send_unit()

    def _on_map_click(self, panel: FeatureMapPanel, event, source: str) -> None:
        """A click on a tiled feature map picks that unit."""
        if panel.shown is None or panel.shown_layer is None \
                or panel.grid._layout is None:
            return
        shown, _total, h, w = panel.shown
        columns = panel.grid._layout[2]
        point = panel.grid.plot_item.getViewBox().mapSceneToView(event.scenePos())
        hit = grid_unit(point.x(), point.y(), shown, h, w, columns, max(1, w // 8))
        if hit is not None:
            self.choose_unit(panel.shown_layer, *hit, source=source)

    def _on_output_click(self, row: int, col: int) -> None:
        request = self.unit_request
        if request is not None:
            self.choose_unit(request["layer"], request["channel"], row, col,
                             request["source"])

    def _on_unit_spin(self, _value: int) -> None:
        layer = (self.unit_request or {}).get("layer", self.layer)
        if layer is None:
            return
        channel, row, col = (spin.value() for spin in self.unit_spins)
        source = (self.unit_request or {}).get("source", "sample")
        self.choose_unit(layer, channel, row, col, source)

    def _show_unit(self, data: dict[str, Any]) -> None:
        self.unit = data
        self.unit_panel.set_unit(data)
        conv = data["kind"] == "conv"
        pick = shown_rows(data, 1)[0] if conv else 0
        kh, kw = data["kernel_size"]
        if conv:
            dh, dw = data["dilation"]
            kh, kw = dh * (kh - 1) + 1, dw * (kw - 1) + 1
        top, left = data["window"]
        self.unit_input.set_map(data["input_maps"][pick], (top, left, kh, kw))
        self.unit_output.set_map(data["output_map"], (data["row"], data["col"], 1, 1))
        self.softmax_panel.set_softmax(*self._softmax_args())
        self._show_unit_titles()
        self._show_caption()

    def _softmax_args(self) -> tuple[dict[str, Any], list[str]]:
        # the colour lab's short names (R● …) keep the table narrow
        names = self._short_names() if self.rgb else self._labels()
        return self.unit["softmax"], names

    def _show_unit_titles(self) -> None:
        data = self.unit
        if data is None:
            self.unit_output.set_titles(self.tr("Unit's map"))
            self.unit_input.set_titles(self.tr("Its input"))
            return
        layer, channel = data["layer"], data["channel"]
        self.unit_output.set_titles(
            self.tr("{layer}, channel {channel}").format(layer=layer, channel=channel),
            self.tr("channel {0}").format(channel), self.tr("Unit's map"))
        pick = shown_rows(data, 1)[0] if data["kind"] == "conv" else 0
        name = channel_name(int(data["in_channels"][pick]), len(data["in_channels"])
                            if data["kind"] == "conv" else int(data["in_shape"][0]),
                            bool(data.get("reads_image", False)))
        self.unit_input.set_titles(
            self.tr("Input {0} and the window").format(name),
            self.tr("Input {0}").format(name), self.tr("Its input"))

    def _unit_caption(self) -> str:
        data = self.unit
        if data is None:
            return html.escape(self.tr(
                "Click a unit in any feature map (first page) to see how its value "
                "is computed from its input."))
        if data["kind"] == "conv":
            text = self.tr("Click a cell for its numbers, the unit's map for "
                           "another unit.")
        else:
            text = self.tr(
                "A pooling unit reads one channel: the maximum (outlined) or the "
                "mean of its window. Click the unit's map for another unit.")
        if data.get("source") == "drawing":
            drawing = html.escape(self.tr("On the drawing."))
            return f"<b>{drawing}</b> {html.escape(text)}"
        return html.escape(text)

    def on_drawing(self, image: np.ndarray) -> None:
        """The canvas changed: ask for a prediction (an empty canvas clears)."""
        image = np.asarray(image, dtype=np.float32)
        if not image.any():
            self.drawing = None
            self.drawing_result = None
            self.draw_bars.set_values(np.zeros(10), CLASSES)
            self.draw_input.set_image(np.zeros((32, 32), np.float32))
            self.draw_features.clear()
            self._show_feature_titles()
            self._show_caption()
            return
        self.drawing = image
        self._send_drawing()

    def _send_drawing(self) -> None:
        self._drawing_sent_at = time.perf_counter()
        self._request("predict_image", {"image": self.drawing})

    def _refresh_drawing(self) -> None:
        """While training, predict the drawing again now and then."""
        if self.drawing is None or self._busy("predict_image"):
            return
        if time.perf_counter() - self._drawing_sent_at >= DRAWING_REFRESH_S:
            self._send_drawing()

    def set_augmentation(self, enabled: bool) -> None:
        """Switch augmentation of the training batches on or off without a reset."""
        self._request("set_augmentation", {"enabled": bool(enabled)})

    def _show_augmentation(self, enabled: bool) -> None:
        if not self._augment_known:
            self._augment_known = True
            self._show_controls()
        if self.augment_box.isChecked() != enabled:
            self.augment_box.blockSignals(True)
            self.augment_box.setChecked(enabled)
            self.augment_box.blockSignals(False)

    def request_attributions(self) -> None:
        data = {"index": self.sample_index, "methods": list(ATTRIBUTION_METHODS),
                "target": self.class_combo.currentData()}
        self._computing = True
        self._show_caption()
        self._request("attribute", data)

    def _on_class(self, index: int) -> None:
        if self.attribution is not None:
            self.request_attributions()

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        self._pending.pop(kind, None)
        # a new sample comes back as the lab's live snapshot (the one path)
        if kind == "predict_image":
            if self.drawing is not None:
                self._show_drawing(data)
        elif kind == "attribute":
            self._show_attributions(data)
        elif kind == "explain_unit":
            self._show_unit(data)
        elif kind == "set_augmentation" and "augment" in data:
            self._show_augmentation(bool(data["augment"]))

    def _show_drawing(self, data: dict[str, Any]) -> None:
        self.drawing_result = data
        probs = data["probs"]
        self.draw_bars.set_values(probs, CLASSES, highlight=int(np.argmax(probs)))
        self.draw_input.set_image(data["image"])
        self._set_layers(list(data.get("layers", [])),
                         list(data.get("layer_kinds", [])))
        self.draw_features.show_maps(data, self.layer)
        self._show_feature_titles()
        self._show_caption()

    def _show_attributions(self, data: dict[str, Any]) -> None:
        self.attribution = data
        self._computing = False
        set_input_image(self.attr_input, data.get("rgb", data["image"]))
        for method, view in self.attr_views.items():
            heat = data["maps"].get(method)
            view.set_image(data["image"], levels=(0.0, DIM_BASE))
            view.set_heat(heat, bool(data.get("signed", {}).get(method, False)))
        self._show_attribution_titles()
        self._show_caption()

    def _show_attribution_titles(self) -> None:
        data = self.attribution
        for method, view in self.attr_views.items():
            name = self._method_name(method)
            if data is not None and method in data.get("seconds", {}):
                timed = f"{name} · {data['seconds'][method] * 1000:.0f} ms"
                view.set_titles(timed, name)
            else:
                view.set_titles(name)

    # -- pages, reset, panels ----------------------------------------------------------
    def _on_tab(self, index: int) -> None:
        self._show_controls()
        if index in self._stale_tabs and self.snapshot is not None:
            self._stale_tabs.discard(index)
            if index == TRAINING:
                self._draw_training(self.snapshot, force=True)
        if index == DRAWING:
            self._refresh_drawing()
        if index == ATTRIBUTIONS and self.attribution is None \
                and self.snapshot is not None:
            self.request_attributions()
        if index == UNIT and self.snapshot is not None:
            self._set_layers(list(self.snapshot.get("layers", [])),
                             list(self.snapshot.get("layer_kinds", [])))
            if self.unit_request is None and self.layer is not None:
                self.choose_unit(self.layer, 0, 0, 0)
        self._show_caption()

    def reset(self) -> None:
        self._pending.clear()
        self.attribution = None
        self._computing = False
        for view in self.attr_views.values():
            view.set_heat(None)
        self._show_attribution_titles()
        self._show_caption()
        if self.drawing is not None:
            self._send_drawing()
        if self.unit_request is not None:  # the same unit of the new network
            self._send_unit()

    def shutdown(self) -> None:
        self._slow_timer.stop()
        self.canvas.shutdown()

    def panels(self) -> dict[str, QWidget]:
        """The panels of the three pages by name; ``sample`` (the digit) is shown
        with its feature maps, ``attributions`` is the whole attributions page."""
        return {
            **self.deck.panels(),
            **self.draw_deck.panels(),
            **self.attr_deck.panels(),
            **self.unit_deck.panels(),
            "sample": self.feature_panel,
            "attributions": self.attr_deck,
        }


STAGES = {"image_classifier": ImageClassifierStage}
