"""Plot titles that always fit: the longest of several forms that fits the view."""

from __future__ import annotations

from dlviz.ui.views.bars import BarsView


class FittedTitle:
    """Mixin for a plot view: shows the longest of several titles that fits the
    view's width (again when it is resized or restyled), so a title is never cut;
    the detail the short forms leave out belongs in the stage's caption."""

    _title_options: tuple[str, ...] = ()

    def set_titles(self, *options: str) -> None:
        options = tuple(o for o in options if o)
        if options != self._title_options:
            self._title_options = options
            self._fit_title()

    def _fit_title(self) -> None:
        if not self._title_options:
            return
        # the title is centred over the plot area (which the left axis pushes
        # right): the whole text must lie inside the view
        label = self.plot_item.titleLabel
        for text in self._title_options:
            self.set_title(text)
            # a longer title tried before widened the plot item past the view
            # (its minimum width follows the title): back to the view's size
            self.plot_item.setGeometry(self.range)
            self.plot_item.layout.activate()  # place the new title now
            box = self.mapFromScene(label.item.sceneBoundingRect()).boundingRect()
            if box.left() >= 0 and box.right() <= self.width() - 2:
                return

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_title()

    def apply_style(self) -> None:
        super().apply_style()
        self._fit_title()


class TitledBars(FittedTitle, BarsView):
    """Bars whose title fits the width."""
