"""Many small maps (feature maps, filters, digits) tiled into one image.

One ImageItem draws all tiles, which is far cheaper than one item per map. Captions
(labels under each tile) are text items created once and reused.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


def tile(
    maps: np.ndarray,
    columns: int | None = None,
    gap: int = 1,
    normalize_each: bool = True,
    fill: float = np.nan,
    row_gap: int | None = None,
) -> tuple[np.ndarray, int]:
    """Tile (N, H, W) maps into one 2-D array; return it and the column count.

    With ``normalize_each`` every map is scaled to [0, 1] on its own (feature maps);
    otherwise values are kept (images, signed filters).
    """
    maps = np.asarray(maps, dtype=np.float32)
    if maps.ndim == 2:
        maps = maps[None]
    n, h, w = maps.shape
    columns = columns or max(1, int(np.ceil(np.sqrt(n))))
    rows = max(1, int(np.ceil(n / columns)))
    row_gap = gap if row_gap is None else row_gap
    out = np.full(
        (rows * (h + row_gap) - row_gap + (row_gap - gap), columns * (w + gap) - gap),
        fill,
        np.float32,
    )
    if normalize_each and n:
        lo = maps.reshape(n, -1).min(1)[:, None, None]
        hi = maps.reshape(n, -1).max(1)[:, None, None]
        maps = (maps - lo) / np.where(hi > lo, hi - lo, 1.0)
    for i in range(n):
        r, c = divmod(i, columns)
        top = r * (h + row_gap)
        out[top : top + h, c * (w + gap) : c * (w + gap) + w] = maps[i]
    return out, columns


class ImageGridView(PlotView):
    """Tiles of equal size with optional captions under each."""

    def __init__(
        self,
        title: str = "",
        diverging: bool = False,
        normalize_each: bool = True,
        gray: bool = False,
        parent=None,
        colorbar: bool = False,
        colorbar_below: bool = False,
        lift_dark: bool = False,
    ):
        """``colorbar`` adds a colour bar with the range of the shown values (for
        signed filters, gradients, or maps each scaled to 0…1), right of the tiles
        or, with ``colorbar_below``, below them. ``lift_dark`` starts a sequential
        map above its near-black end in the dark theme (low values stay visible
        on the black background)."""
        self.lift_dark = lift_dark
        super().__init__(title, parent=parent)
        self.diverging = diverging
        self.normalize_each = normalize_each
        self.gray = gray
        self.image = pg.ImageItem()
        self._apply_lut()
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.hideAxis("left")
        self.plot_item.hideAxis("bottom")
        self._captions: list[pg.TextItem] = []
        self._layout: tuple | None = None
        self.colorbar = (
            self.add_colorbar(self._colormap(), below=colorbar_below)
            if colorbar else None
        )

    def _apply_lut(self) -> None:
        if self.gray:
            lut = np.stack([np.arange(256)] * 3 + [np.full(256, 255)], 1).astype(
                np.uint8
            )
            self.image.setLookupTable(lut)
        elif self._lifted():
            self.image.setLookupTable(
                self._colormap().getLookupTable(nPts=256, alpha=True))
        else:
            self.image.setLookupTable(theme.lookup_table(diverging=self.diverging))
        if getattr(self, "colorbar", None) is not None:
            self.colorbar.setColorMap(self._colormap())

    def _lifted(self) -> bool:
        return (self.lift_dark and theme.STYLE.dark and not self.diverging
                and not self.gray)

    def _colormap(self) -> pg.ColorMap:
        if self.gray:
            return pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])
        if self._lifted():
            from dlviz.ui.views.heatmap import lifted_colormap

            return lifted_colormap(theme.STYLE.sequential)
        return pg.colormap.get(
            theme.STYLE.diverging if self.diverging else theme.STYLE.sequential
        )

    def set_maps(
        self,
        maps: np.ndarray,
        captions: Sequence[str] | None = None,
        columns: int | None = None,
        caption_colors: Sequence[str] | None = None,
        levels: tuple[float, float] | None = None,
        row_labels: Sequence[str] | None = None,
    ) -> None:
        """``row_labels`` (optional) name the rows of tiles on a left axis (e.g. the
        digit each row of a conditional GAN's grid was asked for)."""
        maps = np.asarray(maps, dtype=np.float32)
        if maps.ndim == 2:
            maps = maps[None]
        gap = max(1, maps.shape[-1] // 8)
        row_gap = max(gap, int(maps.shape[-2] * 0.6)) if captions else gap
        tiled, columns = tile(
            maps, columns, gap=gap, normalize_each=self.normalize_each, row_gap=row_gap
        )
        if levels is None:
            if self.normalize_each:
                levels = (0.0, 1.0)
            elif self.diverging:
                levels = theme.symmetric_levels(tiled)
            else:
                levels = theme.range_levels(tiled)
        shown = np.nan_to_num(tiled, nan=levels[0] if not self.diverging else 0.0)
        self.image.setImage(shown, autoLevels=False, levels=levels)
        if self.colorbar is not None:
            self.colorbar.setLevels(levels)
        layout = (tiled.shape, len(maps), columns)
        if layout != self._layout:
            self._layout = layout
            self.plot_item.setRange(
                rect=QRectF(0, 0, tiled.shape[1], tiled.shape[0]), padding=0.02
            )
        self._set_captions(maps.shape, columns, gap, row_gap, captions, caption_colors)
        self._set_row_labels(maps.shape[-2], row_gap, row_labels)

    def _set_row_labels(self, h: int, row_gap: int, labels) -> None:
        key = (h, row_gap, tuple(labels) if labels is not None else None)
        if key == getattr(self, "_row_key", None):
            return
        self._row_key = key
        axis = self.plot_item.getAxis("left")
        if not labels:
            axis.setTicks(None)
            self.plot_item.hideAxis("left")
            return
        ticks = [(r * (h + row_gap) + h / 2, str(t)) for r, t in enumerate(labels)]
        axis.setTicks([ticks, []])
        self.plot_item.showAxis("left")

    def _set_captions(self, shape, columns, gap, row_gap, captions, colors) -> None:
        captions = list(captions or [])
        while len(self._captions) < len(captions):
            item = pg.TextItem(anchor=(0.5, 0.0))
            self.plot_item.addItem(item)
            self._captions.append(item)
        _, h, w = shape
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt)
        for i, item in enumerate(self._captions):
            if i >= len(captions):
                item.setVisible(False)
                continue
            r, c = divmod(i, columns)
            item.setPos(c * (w + gap) + w / 2, r * (h + row_gap) + h)
            item.setFont(font)
            color = colors[i] if colors else theme.STYLE.foreground
            item.setText(captions[i], color=color)
            item.setVisible(True)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "image"):
            self._apply_lut()
            self.style_colorbar(getattr(self, "colorbar", None))
