"""Small multiples: views of equal rank (the gates of an LSTM, the heads of one
attention layer) in a grid that fits its panel.

The grid picks the number of columns that gives every view the most room for the
panel's shape; when even the best choice would make the views smaller than the
readable minimum, the grid keeps them at that minimum and scrolls instead of
squeezing them (or widening the window). Views hidden explicitly (a lesson scene
zoomed on one of them) leave the grid to the others.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QSizePolicy, QWidget

from dlviz.ui.kit import min_panel_size

#: Views in a grid may be a little below the deck's readable minimum (they share
#: their axes' meaning), never below this (pixels).
FLOOR = (205, 145)
#: Share of the deck's readable minimum that a view of the grid keeps.
SHARE = 0.85
SPACING = 4


def cell_minimum() -> tuple[int, int]:
    """The smallest view of a grid at the current presentation scale."""
    w, h = min_panel_size()
    return max(FLOOR[0], int(w * SHARE)), max(FLOOR[1], int(h * SHARE))


def best_columns(n: int, width: int, height: int,
                 minimum: tuple[int, int]) -> tuple[int, bool]:
    """(columns, fits): the column count whose cells are largest relative to
    ``minimum``; ``fits`` is False when no choice reaches it."""
    if n <= 1:
        return 1, width >= minimum[0] and height >= minimum[1]
    best, best_score = 1, -1.0
    for columns in range(1, n + 1):
        rows = math.ceil(n / columns)
        w = (width - (columns - 1) * SPACING) / columns
        h = (height - (rows - 1) * SPACING) / rows
        score = min(w / minimum[0], h / minimum[1])
        if score > best_score + 1e-9:
            best, best_score = columns, score
    return best, best_score >= 1.0


class ViewGrid(QScrollArea):
    """Views in a grid with as many columns as suit the panel; scrolls rather
    than squeezing. ``arranged(view, left, bottom)`` is called for each shown view
    after every re-arrangement: ``left`` in the first column, ``bottom`` the last
    of its column (to label the outer axes only)."""

    def __init__(self, parent: QWidget | None = None,
                 arranged: Callable[[QWidget, bool, bool], None] | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.inner = QWidget()
        self.inner.setObjectName("view_grid_inner")
        self.grid = QGridLayout(self.inner)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        self.setWidget(self.inner)
        self.views: list[QWidget] = []
        self.arranged = arranged
        self._layout_key: tuple | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.arrange)

    def set_views(self, views: Sequence[QWidget]) -> None:
        """Show ``views`` (the caller owns the old ones)."""
        for view in self.views:
            view.removeEventFilter(self)
            self.grid.removeWidget(view)
        self.views = list(views)
        for view in self.views:
            view.setParent(self.inner)
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            view.installEventFilter(self)
            view.show()  # a child added to a shown parent stays hidden otherwise
        self._layout_key = None
        self.arrange()

    def refresh(self) -> None:
        """Arrange again, calling ``arranged`` for every view (after the views'
        axis labels were reset)."""
        self._layout_key = None
        self.arrange()

    def shown_views(self) -> list[QWidget]:
        return [v for v in self.views if not v.isHidden()]

    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the current arrangement."""
        if self._layout_key is None:
            return 0, 0
        return self._layout_key[1], self._layout_key[2]

    def arrange(self) -> None:
        shown = self.shown_views()
        minimum = cell_minimum()
        bar = self.verticalScrollBar().sizeHint().width()
        width, height = max(1, self.width()), max(1, self.height())
        columns, fits = best_columns(len(shown), width, height, minimum)
        if not fits and shown:
            # keep the views readable: as many columns as fit, rows scroll
            columns = max(1, min(len(shown),
                                 (width - bar + SPACING) // (minimum[0] + SPACING)))
        rows = max(1, math.ceil(len(shown) / columns)) if shown else 0
        need_w = columns * minimum[0] + (columns - 1) * SPACING
        need_h = rows * minimum[1] + max(0, rows - 1) * SPACING
        self.inner.setMinimumSize(need_w if need_w > width else 0,
                                  need_h if need_h > height else 0)
        key = (tuple(id(v) for v in shown), rows, columns)
        if key == self._layout_key:
            return
        self._layout_key = key
        for view in self.views:
            self.grid.removeWidget(view)
        for i in range(self.grid.columnCount()):
            self.grid.setColumnStretch(i, 0)
        for i in range(self.grid.rowCount()):
            self.grid.setRowStretch(i, 0)
        for index, view in enumerate(shown):
            row, column = divmod(index, columns)
            self.grid.addWidget(view, row, column)
            self.grid.setColumnStretch(column, 1)
            self.grid.setRowStretch(row, 1)
            if self.arranged is not None:
                self.arranged(view, column == 0, index + columns >= len(shown))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent) \
                and watched in getattr(self, "views", ()):
            self._timer.start()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.arrange()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._timer.start()
        super().changeEvent(event)
