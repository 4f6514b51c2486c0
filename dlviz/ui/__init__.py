"""The Qt layer: windows, panels, views and the worker thread."""
