"""The stage of every CNN lab: what a convolutional network sees while it learns.

Three tabs, sized for a projector:

* **Training** — the chosen validation digit, its class probabilities, the feature
  maps of any conv/pool layer (tiled per channel), the first layer's filters and
  their gradients, and the validation confusion matrix; all update live.
* **Draw a digit** — a canvas; the drawing is sent to the network while drawing and
  its probabilities and feature maps follow the stroke (and the training).
* **Attributions** — saliency, integrated gradients and Grad-CAM over the digit for
  a chosen class, each with the time it took.

The stage never runs torch: it emits ``requested(kind, data)`` with the kinds that
:class:`dlviz.core.labs.cnn.CnnTask` answers (``select_sample``, ``predict_image``,
``attribute``) and shows the answers in :meth:`show_result`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.ui import theme
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.overlay import OverlayView
from dlviz.ui.widgets.draw_canvas import DrawCanvas

STAGE_FONT_PT = 12.0
CLASSES = [str(i) for i in range(10)]
ATTRIBUTION_METHODS = ("saliency", "integrated_gradients", "gradcam")
#: While training, the drawing is predicted again at most this often (seconds).
DRAWING_REFRESH_S = 0.4
#: Most redraws per second of the filters, their gradients and the confusion matrix.
SLOW_VIEWS_HZ = 8.0
#: A request without an answer after this long no longer blocks new ones.
REQUEST_TIMEOUT_S = 3.0
#: Upper level of the gray image under a heat map (>1 dims it so the heat shows).
DIM_BASE = 1.8
RIGHT, WRONG = "#009E73", "#D55E00"


def _vbox(*widgets: QWidget, stretches: tuple[int, ...] = ()) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for i, widget in enumerate(widgets):
        layout.addWidget(widget, stretches[i] if i < len(stretches) else 0)
    return box


def _splitter(orientation: Qt.Orientation, *widgets: QWidget,
              stretches: tuple[int, ...] = ()) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for i, widget in enumerate(widgets):
        splitter.addWidget(widget)
        splitter.setStretchFactor(i, stretches[i] if i < len(stretches) else 1)
    return splitter


class FeatureMapPanel(QWidget):
    """A layer picker over the tiled feature maps of that layer."""

    #: The user picked another layer (its path).
    layer_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(8)
        self.combo.currentIndexChanged.connect(self._on_index)
        self.grid = ImageGridView(normalize_each=True)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.grid, 1)
        self._layers: tuple[str, ...] = ()
        self.shown_layer: str | None = None

    def set_layers(
        self, layers: list[str], kinds: list[str], current: str | None
    ) -> None:
        """Fill the picker when the network's layer list changes."""
        if tuple(layers) == self._layers:
            if current is not None and current != self.current_layer():
                self.select(current)
            return
        self._layers = tuple(layers)
        self.combo.blockSignals(True)
        self.combo.clear()
        for i, (path, kind) in enumerate(zip(layers, kinds)):
            self.combo.addItem(f"{i + 1}. {path}  ({kind})", path)
        index = self.combo.findData(current) if current is not None else -1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def select(self, path: str) -> None:
        index = self.combo.findData(path)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)

    def current_layer(self) -> str | None:
        return self.combo.currentData()

    def show_maps(self, data: dict[str, Any], title: Callable[..., str]) -> None:
        """Tile the maps of the chosen layer from a snapshot or a prediction;
        ``title(layer, shown, total, h, w)`` names them."""
        path = self.current_layer()
        maps = data.get("feature_maps", {})
        if path not in maps:
            return
        self.shown_layer = path
        self.grid.set_maps(maps[path])
        shown, (h, w) = len(maps[path]), maps[path].shape[-2:]
        total = int(data.get("feature_channels", {}).get(path, shown))
        self.grid.set_title(title(path, shown, total, h, w))

    def _on_index(self, index: int) -> None:
        path = self.combo.itemData(index)
        if path is not None:
            self.layer_chosen.emit(path)

    def clear(self) -> None:
        self.grid.set_maps(np.zeros((1, 2, 2), np.float32))
        self.shown_layer = None


class ConfusionView(HeatmapView):
    """A 10 × 10 confusion matrix: colour by row share, the count in each cell."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, colorbar=False, parent=parent)
        self.set_ticks(CLASSES, CLASSES)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.setAspectLocked(True)
        self._texts: list[pg.TextItem] = []
        self._counts: np.ndarray | None = None

    def set_axis_labels(self, predicted: str, true: str) -> None:
        self.plot_item.setLabel("bottom", predicted)
        self.plot_item.setLabel("left", true)

    def set_counts(self, counts: np.ndarray) -> None:
        counts = np.asarray(counts)
        if self._counts is not None and np.array_equal(counts, self._counts):
            return
        self._counts = counts.copy()
        rows = counts.sum(1, keepdims=True)
        share = counts / np.where(rows > 0, rows, 1)
        self.set_data(share, levels=(0.0, 1.0))
        n_rows, n_cols = counts.shape
        font = self.font()
        font.setPointSizeF(max(theme.STYLE.font_pt - 1, 9.0))
        while len(self._texts) < counts.size:
            item = pg.TextItem(anchor=(0.5, 0.5))
            item.setFont(font)
            self.plot_item.addItem(item)
            self._texts.append(item)
        for i, item in enumerate(self._texts):
            r, c = divmod(i, n_cols)
            if r >= n_rows or counts[r, c] == 0:
                item.setVisible(False)
                continue
            color = "#000000" if share[r, c] > 0.6 else "#ffffff"
            item.setText(str(int(counts[r, c])), color=color)
            item.setPos(c + 0.5, r + 0.5)
            item.setVisible(True)

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
        self.spin.setMinimumWidth(56)
        self.next_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.spin)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
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


class ImageClassifierStage(Stage):
    """Feature maps, filters, predictions, confusion, drawing and attributions."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        font = self.font()
        font.setPointSizeF(max(STAGE_FONT_PT, theme.STYLE.font_pt))
        self.setFont(font)
        self.layer: str | None = None
        self.sample_index = 0
        self.snapshot: dict[str, Any] | None = None
        self.drawing: np.ndarray | None = None
        self.drawing_result: dict[str, Any] | None = None
        self.attribution: dict[str, Any] | None = None
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
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_training(maximum), "")
        self.tabs.addTab(self._build_drawing(), "")
        self.tabs.addTab(self._build_attributions(maximum), "")
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate_ui()

    # -- construction ----------------------------------------------------------------
    def _build_training(self, maximum: int) -> QWidget:
        self.sample_chooser = SampleChooser(maximum)
        self.sample_chooser.chosen.connect(self.choose_sample)
        self.sample_view = OverlayView()
        self.sample_caption = QLabel()
        self.sample_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bars = BarsView(y_range=(0.0, 1.0))
        self.feature_panel = FeatureMapPanel()
        self.feature_panel.layer_chosen.connect(self.choose_layer)
        self.filters = ImageGridView(diverging=True, normalize_each=False)
        self.filter_grads = ImageGridView(diverging=True, normalize_each=False)
        self.confusion = ConfusionView()
        self.augment_box = QCheckBox()
        self.augment_box.setVisible(False)  # until the task reports "augment"
        self.augment_box.toggled.connect(self.set_augmentation)
        sample_box = _vbox(self.sample_chooser, self.sample_view, self.sample_caption,
                           self.augment_box, stretches=(0, 1, 0, 0))
        left = _splitter(Qt.Orientation.Vertical, sample_box, self.bars)
        filters = _splitter(Qt.Orientation.Horizontal, self.filters, self.filter_grads)
        right = _splitter(Qt.Orientation.Vertical, filters, self.confusion,
                          stretches=(2, 3))
        return _splitter(Qt.Orientation.Horizontal, left, self.feature_panel, right,
                         stretches=(2, 4, 3))

    def _build_drawing(self) -> QWidget:
        self.canvas = DrawCanvas(output_size=28, brush_fraction=0.1)
        self.canvas.drawing_changed.connect(self.on_drawing)
        self.draw_hint = QLabel()
        self.draw_hint.setWordWrap(True)
        self.draw_input = OverlayView()
        self.draw_bars = BarsView(y_range=(0.0, 1.0))
        self.draw_caption = QLabel()
        self.draw_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption_font = self.draw_caption.font()
        caption_font.setPointSizeF(caption_font.pointSizeF() * 1.6)
        caption_font.setBold(True)
        self.draw_caption.setFont(caption_font)
        self.draw_caption.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.draw_features = FeatureMapPanel()
        self.draw_features.layer_chosen.connect(self.choose_layer)
        left = _vbox(self.draw_hint, self.canvas, stretches=(0, 1))
        middle = _splitter(Qt.Orientation.Vertical, self.draw_input,
                           _vbox(self.draw_caption, self.draw_bars, stretches=(0, 1)),
                           stretches=(2, 3))
        return _splitter(Qt.Orientation.Horizontal, left, middle, self.draw_features,
                         stretches=(3, 2, 3))

    def _build_attributions(self, maximum: int) -> QWidget:
        self.attr_chooser = SampleChooser(maximum)
        self.attr_chooser.chosen.connect(self.choose_sample)
        self.class_label = QLabel()
        self.class_combo = QComboBox()
        self.class_combo.addItem("", None)
        for name in CLASSES:
            self.class_combo.addItem(name, int(name))
        self.class_combo.currentIndexChanged.connect(self._on_class)
        self.compute_button = QPushButton()
        self.compute_button.setMinimumHeight(36)
        self.compute_button.clicked.connect(self.request_attributions)
        self.attr_status = QLabel()
        self.attr_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.attr_chooser)
        row.addWidget(self.compute_button)
        row.addStretch(1)
        class_row = QHBoxLayout()
        class_row.addWidget(self.class_label)
        class_row.addWidget(self.class_combo)
        class_row.addWidget(self.attr_status, 1)
        self.attr_input = OverlayView()
        self.attr_views = {method: OverlayView() for method in ATTRIBUTION_METHODS}
        grid = QHBoxLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.attr_input)
        for view in self.attr_views.values():
            grid.addWidget(view)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addLayout(class_row)
        layout.addLayout(grid, 1)
        return box

    # -- text --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Inside the network"))
        self.tabs.setTabText(1, self.tr("Draw a digit"))
        self.tabs.setTabText(2, self.tr("Attributions"))
        for chooser in (self.sample_chooser, self.attr_chooser):
            chooser.label.setText(self.tr("Sample"))
            chooser.next_button.setText(self.tr("Next"))
        self.sample_view.set_title(self.tr("Validation digit"))
        self.augment_box.setText(self.tr("Augment training images"))
        self.bars.set_title(self.tr("Probabilities"))
        self.filters.set_title(self.tr("First-layer filters"))
        self.filter_grads.set_title(self.tr("Their gradients"))
        self.confusion.set_title(self.tr("Confusion (validation)"))
        self.confusion.set_axis_labels(self.tr("predicted"), self.tr("true"))
        for panel in (self.feature_panel, self.draw_features):
            panel.label.setText(self.tr("Layer"))
            panel.grid.set_title(self.tr("Feature maps"))
        self.canvas.clear_button.setText(self.tr("Clear"))
        self.draw_hint.setText(
            self.tr("Draw one digit, large, with the mouse or a pen.")
        )
        self.draw_input.set_title(self.tr("What the network sees"))
        self.draw_bars.set_title(self.tr("Probabilities"))
        self.class_label.setText(self.tr("Explain class"))
        self.class_combo.setItemText(0, self.tr("predicted"))
        self.compute_button.setText(self.tr("Compute"))
        self.attr_input.set_title(self.tr("Input"))
        self._show_caption()
        self._show_drawing_caption()
        self._show_attribution_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _method_name(self, method: str) -> str:
        return {
            "saliency": self.tr("Saliency"),
            "integrated_gradients": self.tr("Integrated Gradients"),
            "gradcam": self.tr("Grad-CAM"),
        }.get(method, method)

    def feature_title(self, layer: str, shown: int, total: int, h: int, w: int) -> str:
        """Title of a feature-map view: the layer, its channels and map size."""
        if shown < total:
            text = self.tr("{layer}: first {shown} of {total} channels, {h}×{w}")
        else:
            text = self.tr("{layer}: {total} channels, {h}×{w}")
        return text.format(layer=layer, shown=shown, total=total, h=h, w=w)

    # -- snapshots ---------------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._show(snapshot)

    def _show(self, snapshot: dict[str, Any], force: bool = False) -> None:
        self.snapshot = snapshot
        self.sample_index = int(snapshot.get("sample_index", self.sample_index))
        self.sample_chooser.set_value(self.sample_index)
        self.attr_chooser.set_value(self.sample_index)
        if "augment" in snapshot:
            self._show_augmentation(bool(snapshot["augment"]))
        current = self.tabs.currentIndex()
        self._stale_tabs = {0, 1, 2} - {current}
        if current == 0:
            self._draw_training(snapshot, force)
        elif current == 1:
            self._refresh_drawing()
        self._show_caption()

    def _draw_training(self, snapshot: dict[str, Any], force: bool = False) -> None:
        """Feature maps and probabilities every time; the sample only when it
        changes; filters, gradients and confusion at most SLOW_VIEWS_HZ times a
        second (each repaint costs a few ms on a CPU-only machine)."""
        layers = list(snapshot.get("layers", []))
        if layers and self.layer not in layers:
            self.layer = layers[0]
        self.feature_panel.set_layers(layers, snapshot.get("layer_kinds", []),
                                      self.layer)
        self.feature_panel.show_maps(snapshot, self.feature_title)
        image = snapshot["image"]
        shown = self.sample_view.base.image
        if force or shown is None or not np.array_equal(shown, image):
            self.sample_view.set_image(image)
        probs = snapshot["probs"]
        self.bars.set_values(probs, CLASSES, highlight=int(np.argmax(probs)))
        wait = self._slow_views_at + 1.0 / SLOW_VIEWS_HZ - time.perf_counter()
        if force or wait <= 0:
            self._draw_slow_views()
        elif not self._slow_timer.isActive():  # the last snapshot is drawn too
            self._slow_timer.start(int(wait * 1000) + 1)

    def _draw_slow_views(self) -> None:
        self._slow_timer.stop()
        snapshot = self.snapshot
        if snapshot is None or self.tabs.currentIndex() != 0:
            return
        self._slow_views_at = time.perf_counter()
        self.filters.set_maps(snapshot["filters"])
        self.filter_grads.set_maps(snapshot["filter_grads"])
        self.confusion.set_counts(snapshot["confusion"])

    def _show_caption(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.sample_caption.setText("")
            return
        label, predicted = int(snap.get("label", -1)), int(np.argmax(snap["probs"]))
        color = RIGHT if label == predicted else WRONG
        text = self.tr("true {0} · predicted {1} ({2:.0%})").format(
            label, predicted, float(snap["probs"][predicted])
        )
        self.sample_caption.setText(f"<span style='color:{color}'>{text}</span>")

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
        self.attr_chooser.set_value(self.sample_index)
        self._request("select_sample", {"index": self.sample_index})
        if self.tabs.currentIndex() == 2:
            self.request_attributions()

    def choose_layer(self, path: str) -> None:
        self.layer = path
        for panel in (self.feature_panel, self.draw_features):
            panel.select(path)
        if self.snapshot is not None:
            self.feature_panel.show_maps(self.snapshot, self.feature_title)
        if self.drawing_result is not None:
            self.draw_features.show_maps(self.drawing_result, self.feature_title)

    def on_drawing(self, image: np.ndarray) -> None:
        """The canvas changed: ask for a prediction (an empty canvas clears)."""
        image = np.asarray(image, dtype=np.float32)
        if not image.any():
            self.drawing = None
            self.drawing_result = None
            self.draw_bars.set_values(np.zeros(10), CLASSES)
            self.draw_input.set_image(np.zeros((32, 32), np.float32))
            self.draw_features.clear()
            self._show_drawing_caption()
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
        self.augment_box.setVisible(True)
        if self.augment_box.isChecked() != enabled:
            self.augment_box.blockSignals(True)
            self.augment_box.setChecked(enabled)
            self.augment_box.blockSignals(False)

    def request_attributions(self) -> None:
        data = {"index": self.sample_index, "methods": list(ATTRIBUTION_METHODS),
                "target": self.class_combo.currentData()}
        self.attr_status.setText(self.tr("computing…"))
        self._request("attribute", data)

    def _on_class(self, index: int) -> None:
        if self.attribution is not None:
            self.request_attributions()

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        self._pending.pop(kind, None)
        if kind == "select_sample":
            self._show(data, force=True)
        elif kind == "predict_image":
            if self.drawing is not None:
                self._show_drawing(data)
        elif kind == "attribute":
            self._show_attributions(data)
        elif kind == "set_augmentation" and "augment" in data:
            self._show_augmentation(bool(data["augment"]))

    def _show_drawing(self, data: dict[str, Any]) -> None:
        self.drawing_result = data
        probs = data["probs"]
        self.draw_bars.set_values(probs, CLASSES, highlight=int(np.argmax(probs)))
        self.draw_input.set_image(data["image"])
        layers = list(data.get("layers", []))
        if layers and self.layer not in layers:
            self.layer = layers[0]
        self.draw_features.set_layers(layers, data.get("layer_kinds", []), self.layer)
        self.draw_features.show_maps(data, self.feature_title)
        self._show_drawing_caption()

    def _show_drawing_caption(self) -> None:
        data = self.drawing_result
        if data is None:
            self.draw_caption.setText(self.tr("Draw a digit"))
            return
        probs = data["probs"]
        best = int(np.argmax(probs))
        self.draw_caption.setText(
            self.tr("It is a {0} ({1:.0%})").format(best, float(probs[best]))
        )

    def _show_attributions(self, data: dict[str, Any]) -> None:
        self.attribution = data
        self.attr_input.set_image(data["image"])
        for method, view in self.attr_views.items():
            heat = data["maps"].get(method)
            view.set_image(data["image"], levels=(0.0, DIM_BASE))
            view.set_heat(heat, bool(data.get("signed", {}).get(method, False)))
        self._show_attribution_titles()

    def _show_attribution_titles(self) -> None:
        data = self.attribution
        for method, view in self.attr_views.items():
            title = self._method_name(method)
            if data is not None and method in data.get("seconds", {}):
                title += f" · {data['seconds'][method] * 1000:.0f} ms"
            view.set_title(title)
        if data is None:
            self.attr_status.setText(self.tr("Press Compute."))
            return
        target, probs = int(data["target"]), data["probs"]
        self.attr_status.setText(
            self.tr("sample {0}, true {1}: class {2} explained (p = {3:.2f})").format(
                data["index"], data["label"], target, float(probs[target])
            )
        )

    # -- tabs, reset, panels -----------------------------------------------------------
    def _on_tab(self, index: int) -> None:
        if index in self._stale_tabs and self.snapshot is not None:
            self._stale_tabs.discard(index)
            if index == 0:
                self._draw_training(self.snapshot, force=True)
        if index == 1:
            self._refresh_drawing()
        if index == 2 and self.attribution is None and self.snapshot is not None:
            self.request_attributions()

    def reset(self) -> None:
        self._pending.clear()
        self.attribution = None
        for view in self.attr_views.values():
            view.set_heat(None)
        self._show_attribution_titles()
        if self.drawing is not None:
            self._send_drawing()

    def shutdown(self) -> None:
        self._slow_timer.stop()
        self.canvas.shutdown()

    def panels(self) -> dict[str, QWidget]:
        return {
            "feature maps": self.feature_panel,
            "sample": self.sample_view,
            "predictions": self.bars,
            "filters": self.filters,
            "filter gradients": self.filter_grads,
            "confusion matrix": self.confusion,
            "draw": self.canvas,
            "drawing predictions": self.draw_bars,
            "drawing feature maps": self.draw_features,
            "attributions": self.attr_views["gradcam"].parentWidget(),
        }


STAGES = {"image_classifier": ImageClassifierStage}
