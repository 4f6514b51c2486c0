"""An image with a translucent heat map on top (attributions, saliency, Grad-CAM).

The base image is drawn in gray; the heat map is drawn over it with a lookup table
whose opacity grows with the magnitude, so weak values leave the image visible.
Unsigned maps in [0, 1] use the sequential colour map; signed maps in [-1, 1] use
the diverging one (opacity grows with ``|value|``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView

#: Largest opacity (0–255) of the heat layer.
MAX_ALPHA = 210
HEAT_MAP = "inferno"


def heat_lookup_table(signed: bool) -> np.ndarray:
    """A 256-entry RGBA table whose alpha rises with the magnitude of the value."""
    name = theme.STYLE.diverging if signed else HEAT_MAP
    lut = theme.lookup_table(name).copy()
    ramp = np.linspace(-1.0, 1.0, 256) if signed else np.linspace(0.0, 1.0, 256)
    lut[:, 3] = np.clip(np.abs(ramp) ** 0.8 * MAX_ALPHA, 0, 255).astype(np.uint8)
    return lut


def heat_colormap(signed: bool) -> pg.ColorMap:
    """The colours of the heat layer (opaque, for its colour bar)."""
    return pg.colormap.get(theme.STYLE.diverging if signed else HEAT_MAP)


def _gray_lookup_table() -> np.ndarray:
    ramp = np.arange(256)
    return np.stack([ramp, ramp, ramp, np.full(256, 255)], 1).astype(np.uint8)


class OverlayView(PlotView):
    """A gray image with an optional heat map drawn over it."""

    def __init__(self, title: str = "", parent=None, colorbar: bool = False):
        """``colorbar`` adds a colour bar of the heat map's colours and range
        (0…1, or −1…1 for signed maps)."""
        super().__init__(title, parent=parent)
        self.base = pg.ImageItem()
        self.base.setLookupTable(_gray_lookup_table())
        self.heat = pg.ImageItem()
        self.heat.setZValue(1)
        self.heat.setVisible(False)
        self.plot_item.addItem(self.base)
        self.plot_item.addItem(self.heat)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.hideAxis("left")
        self.plot_item.hideAxis("bottom")
        self.plot_item.setMouseEnabled(x=False, y=False)
        self._shape: tuple[int, int] | None = None
        self._signed: bool | None = None
        self.colorbar = (
            self.add_colorbar(heat_colormap(False), (0.0, 1.0)) if colorbar else None
        )

    def set_image(
        self, image: np.ndarray, levels: tuple[float, float] = (0.0, 1.0)
    ) -> None:
        """Show ``image`` (H, W) in gray between ``levels``."""
        image = np.asarray(image, dtype=np.float32)
        self.base.setImage(image, autoLevels=False, levels=levels)
        if image.shape != self._shape:
            self._shape = image.shape
            rect = QRectF(0, 0, image.shape[1], image.shape[0])
            self.base.setRect(rect)
            self.plot_item.setRange(rect=rect, padding=0.02)

    def set_heat(self, values: np.ndarray | None, signed: bool = False) -> None:
        """Draw ``values`` over the image: [0, 1] or, when ``signed``, [-1, 1].

        The map is stretched over the image, so a coarser map (Grad-CAM on a small
        feature map) still covers it. ``None`` hides the heat layer.
        """
        if values is None:
            self.heat.setVisible(False)
            return
        values = np.asarray(values, dtype=np.float32)
        if signed != self._signed:
            self._signed = signed
            self.heat.setLookupTable(heat_lookup_table(signed))
            if self.colorbar is not None:
                self.colorbar.setColorMap(heat_colormap(signed))
        levels = (-1.0, 1.0) if signed else (0.0, 1.0)
        if self.colorbar is not None:
            self.colorbar.setLevels(levels)
        self.heat.setImage(np.nan_to_num(values), autoLevels=False, levels=levels)
        h, w = self._shape or values.shape
        self.heat.setRect(QRectF(0, 0, w, h))
        self.heat.setVisible(True)

    def heat_values(self) -> np.ndarray | None:
        """The heat map shown now (for tests), or ``None`` when hidden."""
        return self.heat.image if self.heat.isVisible() else None

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "heat") and self._signed is not None:
            self.heat.setLookupTable(heat_lookup_table(self._signed))
            if self.colorbar is not None:
                self.colorbar.setColorMap(heat_colormap(self._signed))
        self.style_colorbar(getattr(self, "colorbar", None))
