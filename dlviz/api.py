"""``dlviz.open(model, data=..., loss=...)``: open a model from a script or a notebook.

In a Jupyter notebook run ``%gui qt`` first: the notebook's Qt event loop then drives
the window and the notebook stays usable while dlviz trains (training runs on the
lab's worker thread). From a plain script, ``dlviz.open`` shows the window and runs
the event loop until it is closed.
"""

from __future__ import annotations

from typing import Any

from dlviz.core.usermodel import DataChoice, ModelSource, check_shapes, make_lab


def open_model(
    model: Any,
    data: str | DataChoice = "digits8",
    loss: str = "",
    *,
    shape: tuple[int, ...] = (16,),
    task: str = "parity",
    length: int = 12,
    name: str = "",
    block: bool | None = None,
):
    """Open ``model`` as a lab in a dlviz window and return the window.

    ``model`` is an ``nn.Module`` (every run starts from a copy of its weights as
    they are now), a Module class or a function building one. ``data`` is one of
    ``"points2d"``, ``"digits8"``, ``"digits32"``, ``"sequence"`` (``task``,
    ``length``) or ``"random"`` (``shape`` without the batch, ``loss`` ``"mse"`` or
    ``"cross_entropy"``), or a :class:`~dlviz.core.usermodel.DataChoice`.

    The shapes are checked here first, on the meta device (no weights computed): a
    layer that refuses its input raises
    :class:`~dlviz.core.usermodel.UserModelError` naming the layer and the shapes.
    With a QApplication already running (a notebook after ``%gui qt``, an app) the
    window opens in it and this returns at once; otherwise a QApplication is made
    and, unless ``block`` is False, its event loop runs until the window closes.
    """
    import copy

    from torch import nn

    choice = data if isinstance(data, DataChoice) else DataChoice(
        data, loss, tuple(shape), task, length)
    if isinstance(model, nn.Module):
        template = copy.deepcopy(model).cpu()

        def builder():
            return copy.deepcopy(template)

        has_conv = any(isinstance(m, nn.Conv2d) for m in model.modules())
    else:
        builder, has_conv = model, None
    check = check_shapes(builder, choice)
    summary = {"rows": [[p, k, list(s), n] for p, k, s, n in check.rows],
               "output": list(check.output_shape), "parameters": check.parameters}
    label = name or getattr(model, "__name__", type(model).__name__)
    spec = make_lab(ModelSource(name=label, obj=model), choice, has_conv=has_conv,
                    summary=summary)
    old = _OPENED.pop(label, None)
    if old is not None and old != spec.key:
        from dlviz.core.labs import unregister_lab

        unregister_lab(old)  # the same name opened again replaces its lab
    _OPENED[label] = spec.key
    return _show(spec, block)


#: The lab key last opened under each name.
_OPENED: dict[str, str] = {}


def _show(spec, block: bool | None):
    from PySide6.QtWidgets import QApplication

    from dlviz.core.device import choose_device, configure_threads
    from dlviz.core.labs import register_lab
    from dlviz.ui.app import create_application, warm_up_imports
    from dlviz.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = create_application()
    register_lab(spec)
    window = next((w for w in app.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()), None)
    if window is None:
        warm_up_imports(freeze=False)  # the notebook's objects stay collectable
        window = MainWindow(choose_device(None), configure_threads(), lab=spec.key)
        window.show()
    else:
        window.refresh_labs()
        window.open_lab(spec.key)
        window.raise_()
    window.refresh_labs()
    window.picker.select(spec.key)
    if block is None:
        block = existing is None
    if block:
        app.exec()
    return window
