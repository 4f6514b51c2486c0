"""Stages of the first chapter: the 2-D playground and the digits MLP."""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtWidgets import QCheckBox, QLabel, QToolButton, QWidget

from dlviz.core.mlp_features import (
    FEATURE_NAMES,
    FEATURES,
    MAX_LAYERS,
    MAX_WIDTH,
    format_features,
    format_widths,
)
from dlviz.ui import theme
from dlviz.ui.kit import Role
from dlviz.ui.kit.deck import font_scale
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.network import NetworkView, ProbeTable
from dlviz.ui.views.plane import PlaneView


def _steady(previous: tuple[float, float] | None, values: np.ndarray):
    """Symmetric levels for ``values`` that stay put while the data fit them and
    fill at least half of them (the colour bar is not redrawn every frame)."""
    m = float(np.abs(values).max()) if values.size else 1.0
    m = m if m > 0 else 1.0
    if previous is not None and m <= previous[1] and m >= 0.5 * previous[1]:
        return previous
    return (-m, m)


class Classifier2dStage(Stage):
    """The 2-D playground: the network drawn neuron by neuron (the lab ``mlp2d``),
    its output over the plane under the data (train dots, test crosses) and the
    numbers of a selected point. Other labs on points of the plane (a user's
    model) show the output map alone."""

    #: Seconds between refreshes of the selected point's table while training.
    TABLE_INTERVAL = 0.25
    #: Below this width (pixels, at font scale 1; more at a larger font) the output
    #: map is the main view and the network drawing a panel beside it: a laptop or
    #: projector window with its side docks shown leaves the map a thumbnail next
    #: to the drawing otherwise.
    NARROW = 700

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.playground = any(p.key == "features" for p in spec.params)
        self.map = PlaneView()
        deck = self.use_frame()
        self.network: NetworkView | None = None
        self.probe_table: ProbeTable | None = None
        self.feature_buttons: dict[str, QToolButton] = {}
        if self.playground:
            self.network = NetworkView()
            self.probe_table = ProbeTable()
            deck.add(self.network, Role.MAIN, "network")
            deck.add(self.map, Role.SECONDARY, "decision boundary")
            deck.add(self.probe_table, Role.SECONDARY, "selected point")
            self.features_label = QLabel()
            for key in FEATURES:
                button = QToolButton()
                button.setText(FEATURE_NAMES[key])
                button.setCheckable(True)
                button.clicked.connect(self._on_features)
                self.feature_buttons[key] = button
            self.controls.group(self.features_label, *self.feature_buttons.values())
            self.show_test = QCheckBox()
            self.discretize = QCheckBox()
            self.show_test.clicked.connect(
                lambda on: self.request_settings({"show_test": bool(on)}))
            self.discretize.clicked.connect(
                lambda on: self.request_settings({"discretize": bool(on)}))
            self.controls.add(self.show_test, self.discretize)
            self.network.node_clicked.connect(self._on_node)
            self.network.change_requested.connect(self._on_change)
            self.map.clicked.connect(self._on_plane_click)
        else:
            deck.add(self.map, Role.MAIN, "decision boundary")
        self._points_key = None
        self._snapshot: dict | None = None
        self._levels: tuple[float, float] | None = None
        self._legend_key = None
        self._table_at = 0.0
        self._table_probe = None
        #: whether the layout is the narrow one (None: not decided yet)
        self._narrow: bool | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._legend_key = None
        if not self.playground:
            self.map.set_title(self.tr("Decision boundary"))
            self.set_caption(self.tr(
                "Colour: the class the network predicts at each point of the plane "
                "(paler = less sure). Dots: training points; crosses: validation "
                "points, in the colour of their true class."
            ))
            return
        self._network_title()
        self.network.retranslate_ui()
        self.probe_table.retranslate_ui()
        self.deck.set_title(self.network, self.tr("Network"))
        self.deck.set_title(self.map, self.tr("Output"))
        self.deck.set_title(self.probe_table, self.tr("Selected point"))
        self.features_label.setText(self.tr("Inputs:"))
        self.show_test.setText(self.tr("Show test data"))
        self.discretize.setText(self.tr("Discretize output"))
        self.set_caption(self.tr(
            "Squares: each neuron's output over the plane ÷ its largest |value|. "
            "Edges: weights (thicker above |w| = 0.1, 0.5, 1.5). Hover for numbers; "
            "click a neuron to enlarge its map, a point of the output for its z, a, "
            "∂L/∂z."
        ))
        self._map_title()

    def _map_title(self) -> None:
        snap = self._snapshot
        if snap is None or not self.playground:
            self.map.set_title(self.tr("Output"))
            return
        focus = snap.get("focus")
        if focus is not None:
            name = self.network.unit_name(focus["column"], focus["unit"])
            text = self.tr("{0} (click the output to go back)")
            self.map.set_title(text.format(name))
        elif snap.get("task") == "regression":
            self.map.set_title(self.tr("Output: the predicted value"))
        else:
            self.map.set_title(self.tr("Output: decision boundary"))

    # -- layout by width -------------------------------------------------------------
    def narrow(self) -> bool:
        """Whether the stage is too narrow for the drawing to be the main view."""
        return self.width() < self.NARROW * math.sqrt(font_scale())

    def _fit_layout(self) -> None:
        """The output map as the main view when the stage is narrow, the network
        drawing otherwise; switched only when the width crosses the line, so a
        panel the user promoted (double-click on its tab) stays put meanwhile."""
        if not self.playground or self.width() <= 1:
            return
        narrow = self.narrow()
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self._network_title()
        self.deck.promote(self.map if narrow else self.network)
        # a plot moved between the deck's places can keep the size it had there
        # (its legend then left over the title): fit both to their views again
        QTimer.singleShot(0, self._refit_plots)

    def _refit_plots(self) -> None:
        for view in (self.map, self.network):
            view.plot_item.setGeometry(QRectF(0, 0, view.width(), view.height()))
        self.map.relayout()

    def _network_title(self) -> None:
        """The drawing's title, left out in the narrow layout: there its tab names
        it, and the drawing needs the height."""
        self.network.set_title(None if self._narrow else self.tr(
            "Each neuron's output over the plane"))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_layout()

    # -- drawing ---------------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        previous = self._snapshot
        self._snapshot = snapshot
        extent = snapshot["extent"]
        regression = snapshot.get("task") == "regression"
        discrete = bool(snapshot.get("discretize", False))
        focus = snapshot.get("focus")
        if focus is not None:
            self._levels = _steady(self._levels, focus["map"])
            self.map.set_values(focus["map"], extent, self._levels)
        elif regression:
            values = snapshot["values"]
            self.map.set_values(np.sign(values) if discrete else values, extent,
                                (-1.0, 1.0))
        else:
            probs = snapshot["probs"]
            if discrete:
                probs = np.eye(probs.shape[-1], dtype=np.float32)[probs.argmax(-1)]
            self.map.set_map(probs, extent)
        if focus is None:
            self._levels = None
        self._show_points(snapshot, regression)
        if self.playground and "network" in snapshot:
            self._show_network(snapshot, previous)

    def _show_points(self, snapshot: dict, regression: bool) -> None:
        key = (id(snapshot["train_x"]), len(snapshot["train_x"]), regression)
        if key != self._points_key:
            self._points_key = key
            if regression:
                for name, symbol in (("train", "o"), ("val", "x")):
                    self.map.set_value_points(name, snapshot[f"{name}_x"],
                                              snapshot[f"{name}_y"], (-1.0, 1.0),
                                              symbol=symbol)
                self.map.set_class_legend(None)
            else:
                self.map.set_points("train", snapshot["train_x"], snapshot["train_y"])
                self.map.set_points(
                    "val",
                    snapshot["val_x"],
                    snapshot["val_y"],
                    symbol="x",
                    size=theme.STYLE.marker_size + 3,
                    outline=theme.STYLE.foreground,
                )
            self._legend_key = None
        if not regression and self._legend_key != snapshot["n_classes"]:
            self._legend_key = snapshot["n_classes"]
            self.map.set_class_legend(
                [self.tr("class {0}").format(i) for i in range(snapshot["n_classes"])],
                columns=snapshot["n_classes"])
        show_test = bool(snapshot.get("show_test", True)) or not self.playground
        self.map.show_layer("val", show_test)
        probe = snapshot.get("probe")
        self.map.set_marker(probe["point"] if probe is not None else None)

    def _show_network(self, snapshot: dict, previous: dict | None) -> None:
        net = snapshot["network"]
        focus = snapshot.get("focus")
        self.network.set_extent(snapshot["extent"])
        self.network.set_network(
            net, snapshot.get("probe"),
            (focus["column"], focus["unit"]) if focus is not None else None)
        features = set(net["features"])
        for key, button in self.feature_buttons.items():
            if button.isChecked() != (key in features):
                button.setChecked(key in features)
        boxes = ((self.show_test, "show_test"), (self.discretize, "discretize"))
        for box, key in boxes:
            if box.isChecked() != bool(snapshot.get(key)):
                box.setChecked(bool(snapshot.get(key)))
        probe = snapshot.get("probe")
        now = time.monotonic()
        ident = None if probe is None else (probe["split"], probe["index"])
        if ident != self._table_probe or now - self._table_at >= self.TABLE_INTERVAL:
            self._table_probe, self._table_at = ident, now
            self.probe_table.set_probe(probe, self.network.short_name)
        if previous is None or (previous.get("focus") is None) != (focus is None) or (
            focus is not None and previous.get("focus") is not None
            and (focus["column"], focus["unit"]) != (previous["focus"]["column"],
                                                     previous["focus"]["unit"])
        ) or previous.get("task") != snapshot.get("task"):
            self._map_title()

    # -- the class's actions ---------------------------------------------------------
    def widths(self) -> list[int]:
        """The hidden widths of the network now shown."""
        if self._snapshot is None or "network" not in self._snapshot:
            return []
        return list(self._snapshot["network"]["widths"][1:-1])

    def _on_change(self, kind: str, layer: int) -> None:
        widths = self.widths()
        if kind == "add_layer":
            if len(widths) >= MAX_LAYERS:
                return
            widths.append(widths[-1] if widths else 4)
        elif kind == "remove_layer":
            if not widths:
                return
            widths.pop()
        elif kind == "add_unit":
            widths[layer] = min(MAX_WIDTH, widths[layer] + 1)
        elif kind == "remove_unit":
            if widths[layer] <= 1:
                return
            widths[layer] -= 1
        self.request_settings({"widths": format_widths(widths), "layers": len(widths)})

    def _on_features(self) -> None:
        chosen = [k for k, b in self.feature_buttons.items() if b.isChecked()]
        if not chosen:  # at least one input: keep the one just unchecked
            sender = self.sender()
            if isinstance(sender, QToolButton):
                sender.setChecked(True)
            return
        self.request_settings({"features": format_features(chosen)})

    def _on_node(self, column: int, unit: int) -> None:
        snap = self._snapshot
        last = len(snap["network"]["widths"]) - 1 if snap else 0
        if column >= last:
            self.requested.emit("focus", {})
        else:
            self.requested.emit("focus", {"column": column, "unit": unit})

    def _on_plane_click(self, x: float, y: float) -> None:
        self.requested.emit("probe", {"point": [x, y]})

    def focus(self, unit: int | None = None, point: int | None = None,
              column: int = 1, **_where: Any) -> QWidget | None:
        """Select a unit (its map enlarged; ``column`` 1: the first hidden layer)
        and a training point (its numbers in the table), as practice mode's "Show
        me" asks with a question's ``where``; the network view, or None."""
        snap = self._snapshot
        if not self.playground or snap is None or "network" not in snap:
            return None
        widths = snap["network"]["widths"]
        if unit is None or not 0 < column < len(widths) - 1 \
                or not 0 <= unit < widths[column]:
            return None
        self.requested.emit("focus", {"column": int(column), "unit": int(unit)})
        points = snap["train_x"]
        if point is not None and 0 <= point < len(points):
            x, y = (float(v) for v in points[point])
            self.requested.emit("probe", {"point": [x, y]})
        return self.network

    def reset(self) -> None:
        self._points_key = None
        self._levels = None


class DigitsStage(Stage):
    """Validation digits with the predicted label (green right, red wrong) and the
    probabilities of the first one."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.grid = ImageGridView(normalize_each=False, gray=True)
        self.bars = BarsView(y_range=(0.0, 1.0))
        deck = self.use_frame()
        deck.add(self.grid, Role.MAIN, "digits")
        deck.add(self.bars, Role.SECONDARY, "probabilities")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.grid.set_title(self.tr("Validation digits: predicted label"))
        self.bars.set_title(self.tr("First digit: probabilities"))
        self.deck.set_title(self.bars, self.tr("Probabilities"))

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        probs, labels = snapshot["probs"], snapshot["labels"]
        predicted = probs.argmax(1)
        captions = [str(int(p)) for p in predicted]
        right, wrong = theme.role("right"), theme.role("wrong")
        colors = [right if p == t else wrong for p, t in zip(predicted, labels)]
        self.grid.set_maps(
            snapshot["images"],
            captions,
            columns=8,
            caption_colors=colors,
            levels=(0.0, 1.0),
        )
        self.bars.set_values(
            probs[0],
            [str(i) for i in range(probs.shape[1])],
            highlight=int(np.argmax(probs[0])),
        )


STAGES = {"classifier2d": Classifier2dStage, "digits": DigitsStage}
