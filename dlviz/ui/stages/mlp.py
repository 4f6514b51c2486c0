"""Stages of the first chapter: the 2-D classifier playground and the digits MLP."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QWidget

from dlviz.ui import theme
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.decision import DecisionMapView
from dlviz.ui.views.image_grid import ImageGridView


class Classifier2dStage(Stage):
    """The decision boundary with train (dots) and validation (crosses) points."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.map = DecisionMapView()
        self.use_frame().add(self.map, Role.MAIN, "decision boundary")
        self.retranslate_ui()
        self._points_key = None

    def retranslate_ui(self) -> None:
        self.map.set_title(self.tr("Decision boundary"))
        self.set_caption(self.tr(
            "Colour: the class the network predicts at each point of the plane "
            "(paler = less sure). Dots: training points; crosses: validation points, "
            "in the colour of their true class."
        ))

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.map.set_map(snapshot["probs"], snapshot["extent"])
        key = (id(snapshot["train_x"]), len(snapshot["train_x"]))
        if key != self._points_key:
            self._points_key = key
            self.map.set_points("train", snapshot["train_x"], snapshot["train_y"])
            self.map.set_points(
                "val",
                snapshot["val_x"],
                snapshot["val_y"],
                symbol="x",
                size=theme.STYLE.marker_size + 3,
                outline=theme.STYLE.foreground,
            )

    def reset(self) -> None:
        self._points_key = None


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
