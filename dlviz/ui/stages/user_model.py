"""The stage of a user's own model on sequences or random input: one bar per layer
for the gradient norm of the last step and for the spread of the layer's output.

(A user model on 2-D points, digits or 32×32 digits with convolutions uses the
stage of the matching built-in lab; see :func:`dlviz.core.usermodel.stage_for`.)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView


class UserModelStage(Stage):
    """Per-layer gradient norms (main) and output spreads (secondary)."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.grads = BarsView(horizontal=True)
        self.spread = BarsView(horizontal=True)
        deck = self.use_frame()
        deck.add(self.grads, Role.MAIN, "gradient norms")
        deck.add(self.spread, Role.SECONDARY, "output spread")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.grads.set_title(self.tr("Gradient norm per layer"))
        self.spread.set_title(self.tr("Output spread"))
        self.deck.set_title(self.spread, self.tr("Output spread"))
        self.set_caption(self.tr(
            "Gradient norm: how large each layer's weight gradient was in the last "
            "training step — a layer near zero learns little. Output spread: the "
            "standard deviation of each layer's output on validation inputs — values "
            "that shrink or grow layer after layer signal vanishing or exploding "
            "activations."
        ))

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        layers = snapshot.get("grad_layers") or []
        if len(layers):
            self.grads.set_values(snapshot["grad_norms"], list(layers))
        spread = snapshot.get("activation_layers") or []
        if len(spread):
            self.spread.set_values(snapshot["activation_spread"], list(spread))


STAGES = {"user_model": UserModelStage}
