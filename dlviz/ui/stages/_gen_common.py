"""Pieces shared by the generative stages (:mod:`generative`, :mod:`gen_images`):
colour roles, the Step D / Step G buttons, a grid that fills its panel, the styling
of a colour bar and the line that names the GAN loss with its formulas. Defines no
stages (the registry skips ``_`` modules), so the two stage modules import from here
and never from each other."""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from dlviz.core.gan.losses import loss_formulas, loss_name
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.views.image_grid import ImageGridView

# The names of :data:`dlviz.core.gan.losses.LOSS_NAMES`, marked for the translation
# tool (context "core", where :func:`tr_core` looks them up). A test keeps the two
# lists equal.
LOSS_NAME_TEXTS = (
    QT_TRANSLATE_NOOP("core", "Minimax"),
    QT_TRANSLATE_NOOP("core", "Non-saturating"),
    QT_TRANSLATE_NOOP("core", "Least squares (LSGAN)"),
    QT_TRANSLATE_NOOP("core", "Wasserstein (WGAN)"),
    QT_TRANSLATE_NOOP("core", "Wasserstein with gradient penalty (WGAN-GP)"),
)


def loss_line(loss: str) -> str:
    """Rich text naming the GAN loss ``loss`` (translated) with what D and G
    minimise: ``<b>Least squares (LSGAN)</b>: L_D = …; L_G = …``."""
    if not loss:
        return ""
    name = html.escape(tr_core(loss_name(loss)))
    formulas = loss_formulas(loss)
    return f"<b>{name}</b>: {html.escape(formulas)}" if formulas else f"<b>{name}</b>"


def with_loss(text: str, loss: str) -> str:
    """A stage's caption ``text`` with the :func:`loss_line` of ``loss`` below it."""
    line = loss_line(loss)
    return f"{text}<br>{line}" if line else text

# -- colour roles (Okabe-Ito, from the theme; legible on light and dark) -------------
#: The data (real samples, the data density).
DATA_COLOR = theme.PALETTE[8]
#: The generator (generated samples, its density, z → G(z)).
FAKE_COLOR = theme.PALETTE[2]
#: The discriminator D(x).
D_COLOR = theme.PALETTE[0]
#: The optimal discriminator D*(x).
OPTIMAL_COLOR = theme.PALETTE[4]
#: The pull of D's gradient on generated points.
PULL_COLOR = theme.PALETTE[4]
#: The noise grid warped by G.
GRID_COLOR = theme.PALETTE[1]
#: A mode of the target that G covers / misses.
COVERED_COLOR = theme.PALETTE[2]
MISSED_COLOR = theme.PALETTE[3]
#: Digits seen in training / the held-out digit (autoencoder anomaly histogram).
SEEN_COLOR = theme.PALETTE[0]
UNSEEN_COLOR = theme.PALETTE[3]


class StepButtons(QWidget):
    """Step D / Step G / Step both, emitting ``requested("step", {"which": ...})``.
    The three buttons stay together on one line of the stage's controls."""

    def __init__(self, stage, parent: QWidget | None = None):
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
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.buttons["D"].setText(self.tr("Step D"))
        self.buttons["G"].setText(self.tr("Step G"))
        self.buttons["both"].setText(self.tr("Step D + G"))

    def _step_d(self) -> None:
        self.stage.requested.emit("step", {"which": "D"})

    def _step_g(self) -> None:
        self.stage.requested.emit("step", {"which": "G"})

    def _step_both(self) -> None:
        self.stage.requested.emit("step", {"which": "both"})


def best_columns(n: int, h: int, w: int, width: float, height: float) -> int:
    """The column count that shows ``n`` tiles of h×w pixels largest in a
    ``width``×``height`` area (ties: the fewest empty cells)."""
    if n <= 1:
        return 1
    if width <= 1 or height <= 1:
        return math.ceil(math.sqrt(n))
    gap = max(1, w // 8)
    best, best_key = 1, None
    for columns in range(1, n + 1):
        rows = math.ceil(n / columns)
        scale = min(width / (columns * (w + gap) - gap),
                    height / (rows * (h + gap) - gap))
        key = (round(scale, 6), -(rows * columns - n))
        if best_key is None or key > best_key:
            best, best_key = columns, key
    return best


class FittedGridView(ImageGridView):
    """Grey images in as many columns as fill the panel (a few digits in a tall or
    a wide slot, not a small block in an empty plot); re-tiled on resize."""

    def __init__(self, parent=None):
        super().__init__(normalize_each=False, gray=True, parent=parent)
        self.maps: np.ndarray | None = None
        self.columns = 0
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self.refit)

    def show_maps(self, maps: np.ndarray) -> None:
        self.maps = np.asarray(maps, dtype=np.float32)
        self.refit(force=True)

    def refit(self, force: bool = False) -> None:
        if self.maps is None or not len(self.maps):
            return
        n, h, w = self.maps.shape
        box = self.plot_item.vb
        width, height = box.width(), box.height()
        if width < 2 or height < 2:
            width, height = self.width(), self.height()
        columns = best_columns(n, h, w, width, height)
        if force or columns != self.columns:
            self.columns = columns
            self.set_maps(self.maps, columns=columns, levels=(0.0, 1.0))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        timer = self.__dict__.get("_refit_timer")  # None while pyqtgraph builds it
        if timer is not None:
            timer.start()  # the view box has its new size after layout


def style_colorbar(bar: pg.ColorBarItem) -> None:
    """A colour bar's ticks and label in the theme's text size and colour."""
    font = pg.QtGui.QFont()
    font.setPointSizeF(theme.STYLE.font_pt)
    for name in ("left", "right", "top", "bottom"):
        axis = bar.getAxis(name)
        axis.setPen(theme.STYLE.foreground)
        axis.setTextPen(theme.STYLE.foreground)
        axis.setTickFont(font)
        axis.label.setFont(font)
    bar.axis.setWidth(None)  # as wide as its tick labels and label need
    # values such as 0.45 … 0.55 read as they are, never as "450 … 550 (x0.001)"
    bar.axis.enableAutoSIPrefix(False)
