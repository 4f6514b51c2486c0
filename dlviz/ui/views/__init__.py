"""One view class per kind of snapshot data; labs compose them into stages.

* :class:`~dlviz.ui.views.heatmap.HeatmapView` — a 2-D array (attention, gates, a map).
* :class:`~dlviz.ui.views.image_grid.ImageGridView` — small maps tiled in one image.
* :class:`~dlviz.ui.views.bars.BarsView` — one value per label (predictions, norms).
* :class:`~dlviz.ui.views.curves.CurvesView` — named curves against a shared x axis.
* :class:`~dlviz.ui.views.scatter.ScatterView` — labelled 2-D points.
* :class:`~dlviz.ui.views.histogram.HistogramView` — the distribution of values.
"""
