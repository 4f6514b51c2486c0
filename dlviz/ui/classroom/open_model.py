"""File ▸ Open model…: train a network from the user's own ``.py`` file as a lab.

The flow, none of it running the user's code on the GUI thread:

1. a file dialog picks the file; the first time a file is opened a plain warning
   says that this runs the file's code (remembered per file in the settings);
2. a :class:`~dlviz.ui.jobs.Job` runs :func:`dlviz.core.usermodel.run_probe`: a
   child process imports the file and lists its models. A progress dialog offers
   Cancel, which kills that process; after
   :data:`~dlviz.core.usermodel.PROBE_TIMEOUT_S` it is killed anyway (an endless loop);
3. :class:`ModelDialog` picks the model, the data and the loss;
4. a second probe builds the model, checks its shapes on the meta device and runs
   one forward and backward on two samples — an error at import, construction,
   forward or backward is shown with its traceback and the dialog comes back;
5. the lab is registered and opened; the lab's worker thread imports the file
   (the probe showed it finishes) and builds the task.

What can be stopped: anything the probe runs (a killed process). Once the lab is
open the file's code runs in the worker thread of the lab, and a Python thread cannot
be killed: a forward that never returns there keeps that thread busy until the app
quits, but the window stays usable (closing the lab does not wait for it).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.core import usermodel
from dlviz.core.labs import all_labs, register_lab, unregister_lab
from dlviz.core.usermodel import (
    DATA_KINDS,
    LOSSES_FOR,
    DataChoice,
    ModelSource,
    ProbeCancelled,
    make_lab,
    parse_shape,
)
from dlviz.ui.jobs import Job

_CONTEXT = "dlviz.usermodel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _data_names() -> dict[str, str]:
    return {
        "points2d": _tr("2-D points"),
        "digits8": _tr("Digits 8×8"),
        "digits32": _tr("Digits 32×32"),
        "sequence": _tr("Sequences"),
        "random": _tr("Random input"),
    }


def _loss_names() -> dict[str, str]:
    return {
        "cross_entropy": _tr("Cross-entropy (classes)"),
        "mse": _tr("Mean squared error"),
        "task": _tr("The sequence task's own loss"),
    }


def _stage_names() -> dict[str, str]:
    return {
        "import": _tr("Importing the file failed"),
        "build": _tr("Building the model failed"),
        "shape": _tr("The shapes do not fit"),
        "output": _tr("The output does not fit the data"),
        "forward": _tr("The forward pass failed"),
        "backward": _tr("The backward pass failed"),
        "timeout": _tr("The file's code did not finish"),
        "probe": _tr("Checking the model failed"),
    }


def settings() -> QSettings:
    return QSettings(os.environ.get("DLVIZ_SETTINGS_ORG", "dlviz"), "dlviz")


class ModelDialog(QDialog):
    """Pick the model of a file, the data it trains on and the loss."""

    def __init__(self, path: str, models: list[dict], parent: QWidget | None = None,
                 previous: tuple[str, DataChoice] | None = None):
        super().__init__(parent)
        self.setObjectName("open_model_dialog")
        self.path = path
        self.models = models
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.model_box = QComboBox()
        self.model_box.setObjectName("model_box")
        for entry in models:
            self.model_box.addItem(entry["name"], entry["name"])
        self.data_box = QComboBox()
        self.data_box.setObjectName("data_box")
        for key in DATA_KINDS:
            self.data_box.addItem(key, key)
        self.task_box = QComboBox()
        self.task_box.setObjectName("task_box")
        from dlviz.core.rnn.tasks import TASKS

        for name in TASKS:
            self.task_box.addItem(name, name)
        self.length_box = QSpinBox()
        self.length_box.setRange(4, 200)
        self.length_box.setValue(12)
        self.shape_edit = QLineEdit("16")
        self.shape_edit.setObjectName("shape_edit")
        self.loss_box = QComboBox()
        self.loss_box.setObjectName("loss_box")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("error_label")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels = {k: QLabel() for k in
                       ("model", "data", "task", "length", "shape", "loss")}
        self.form.addRow(self.labels["model"], self.model_box)
        self.form.addRow(self.labels["data"], self.data_box)
        self.form.addRow(self.labels["task"], self.task_box)
        self.form.addRow(self.labels["length"], self.length_box)
        self.form.addRow(self.labels["shape"], self.shape_edit)
        self.form.addRow(self.labels["loss"], self.loss_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.model_box.currentIndexChanged.connect(self._show_doc)
        self.data_box.currentIndexChanged.connect(self._data_changed)
        if previous is not None:
            name, data = previous
            self._select(self.model_box, name)
            self._select(self.data_box, data.kind)
            self._select(self.task_box, data.task)
            self.length_box.setValue(data.length)
            self.shape_edit.setText(", ".join(str(s) for s in data.shape))
        self.retranslate_ui()
        self._data_changed()
        if previous is not None:
            self._select(self.loss_box, previous[1].loss)
        self.error_label.hide()
        self.setMinimumWidth(420)

    @staticmethod
    def _select(box: QComboBox, value) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_tr("Open model"))
        self.file_label.setText(_tr("File: {0}").format(self.path))
        texts = {
            "model": _tr("Model"), "data": _tr("Train on"),
            "task": _tr("Sequence task"), "length": _tr("Sequence length"),
            "shape": _tr("Input shape (no batch)"), "loss": _tr("Loss"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        names = _data_names()
        for i in range(self.data_box.count()):
            self.data_box.setItemText(i, names[self.data_box.itemData(i)])
        losses = _loss_names()
        for i in range(self.loss_box.count()):
            self.loss_box.setItemText(i, losses[self.loss_box.itemData(i)])
        self._show_doc()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _data_changed(self) -> None:
        kind = self.data_box.currentData()
        for key, visible in (("task", kind == "sequence"),
                             ("length", kind == "sequence"),
                             ("shape", kind == "random")):
            field = {"task": self.task_box, "length": self.length_box,
                     "shape": self.shape_edit}[key]
            self.form.setRowVisible(field, visible)
        self.loss_box.clear()  # the data's default loss first
        losses = _loss_names()
        for key in LOSSES_FOR.get(kind, ()):
            self.loss_box.addItem(losses[key], key)
        self._show_doc()

    def _show_doc(self) -> None:
        index = self.model_box.currentIndex()
        doc = self.models[index].get("doc", "") if 0 <= index < len(self.models) else ""
        shape = ""
        kind = self.data_box.currentData()
        if kind and kind != "random":
            try:
                data = DataChoice(kind, task=self.task_box.currentData() or "parity",
                                  length=self.length_box.value())
                shape = ", ".join(str(s) for s in data.input_shape)
            except ValueError:
                shape = ""
        parts = [doc] if doc else []
        if shape:
            parts.append(_tr("Input of one batch: [batch, {0}]").format(shape))
        self.note.setText("\n".join(parts))

    def choice(self) -> tuple[str, DataChoice]:
        """The chosen model name and data (ValueError for an invalid shape)."""
        kind = self.data_box.currentData()
        shape = parse_shape(self.shape_edit.text()) if kind == "random" else (16,)
        data = DataChoice(kind, self.loss_box.currentData() or "", shape,
                          self.task_box.currentData(), self.length_box.value())
        return self.model_box.currentData(), data

    def _try_accept(self) -> None:
        try:
            self.choice()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()


class ModelOpener(QObject):
    """File ▸ Open model… for one window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.dialog: ModelDialog | None = None
        self.error_box: QMessageBox | None = None
        self.path = ""
        self.models: list[dict] = []
        self.last: tuple[str, DataChoice] | None = None
        #: The key of the last lab opened from a file.
        self.opened_key = ""
        #: (path, model, data) -> the key of its lab (one per file version shown)
        self.registered: dict[tuple[str, str, str], str] = {}
        from dlviz.ui.classroom._menus import add_action, menu

        self.action = add_action(window, None, "open_model", "Ctrl+Alt+O",
                                 self.open_action_triggered)
        file_menu = menu(window, "file")
        first = file_menu.actions()[0] if file_menu.actions() else None
        file_menu.insertAction(first, self.action)
        window.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.action.setText(_tr("Open model…"))
        self.action.setToolTip(_tr("Train a network from your own Python file"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    # -- hooks the tests replace ------------------------------------------------------
    def ask_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self.window, _tr("Open model"), "", _tr("Python files (*.py)")
        )
        return path

    def confirm_run(self, path: str) -> bool:
        """Once per file: say plainly that opening it runs its code."""
        trusted = self.trusted_files()
        resolved = str(Path(path).resolve())
        if resolved in trusted:
            return True
        answer = QMessageBox.warning(
            self.window, _tr("Open model"),
            _tr("Opening a model runs the Python code in {0}, with your rights on "
                "this computer. Open only files you trust.\n\nRun this file?")
            .format(Path(path).name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.trust(resolved)
        return True

    def trusted_files(self) -> list[str]:
        value = settings().value("usermodel/trusted", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def trust(self, path: str) -> None:
        store = settings()
        store.setValue("usermodel/trusted", [path, *self.trusted_files()][:200])
        store.sync()

    # -- the flow ---------------------------------------------------------------------
    def open_action_triggered(self) -> None:
        path = self.ask_path()
        if path:
            self.open_file(path)

    def open_file(self, path: str, name: str = "", data: DataChoice | None = None
                  ) -> None:
        """Open ``path``: list its models (or, with ``name`` and ``data``, go
        straight to the check)."""
        if self.job is not None:
            return  # one probe at a time
        if not self.confirm_run(path):
            return
        self.path = str(Path(path).resolve())
        if name and data is not None:
            self.last = (name, data)
            self._check(name, data)
            return
        self._start(_tr("Reading {0}…").format(Path(path).name),
                    lambda token: self._probe(token), self._on_listed)

    def _probe(self, token, name: str = "", data: DataChoice | None = None) -> dict:
        try:
            return usermodel.run_probe(
                self.path, name, data.as_dict() if data is not None else None,
                timeout=usermodel.PROBE_TIMEOUT_S,
                cancelled=lambda: token.cancelled,
            )
        except ProbeCancelled:
            token.check()  # raises JobCancelled
            raise

    def _start(self, text: str, fn, on_done) -> None:
        self.progress = QProgressDialog(text, _tr("Cancel"), 0, 0, self.window)
        self.progress.setObjectName("open_model_progress")
        self.progress.setWindowTitle(_tr("Open model"))
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()
        job = Job(fn, "open-model", owner=self.window)
        job.succeeded.connect(on_done)
        job.failed.connect(self._on_job_failed)
        job.done.connect(self._on_job_done)
        self.job = job
        job.start()

    def cancel(self) -> None:
        """Stop the running check (its process is killed)."""
        if self.job is not None:
            self.job.cancel()

    def _on_job_done(self) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_job_failed(self, text: str, details: str) -> None:
        self.show_error(_tr("Checking the model failed"), text, details)

    def _on_listed(self, result: dict) -> None:
        if not result.get("ok"):
            self._show_probe_error(result)
            return
        self.models = result["models"]
        if not self.models:
            self.show_error(
                _tr("No model found"),
                _tr("{0} defines no nn.Module subclass and no function that builds "
                    "one (named build…, make…, create… or model…).")
                .format(Path(self.path).name), "")
            return
        self.choose()

    def choose(self) -> None:
        """Show the model / data / loss dialog (again after an error)."""
        self.dialog = ModelDialog(self.path, self.models, self.window, self.last)
        self.dialog.accepted.connect(self._on_chosen)
        self.dialog.open()

    def _on_chosen(self) -> None:
        name, data = self.dialog.choice()
        self.last = (name, data)
        self._check(name, data)

    def _check(self, name: str, data: DataChoice) -> None:
        self._start(
            _tr("Checking {0} on {1}…").format(name, _data_names()[data.kind]),
            lambda token: self._probe(token, name, data),
            lambda result: self._on_checked(result, name, data),
        )

    def _on_checked(self, result: dict, name: str, data: DataChoice) -> None:
        if not result.get("ok"):
            self._show_probe_error(result, retry=True)
            return
        self._import_libraries(result.get("modules", []))
        spec = make_lab(ModelSource(self.path, name), data,
                        has_conv=bool(result.get("has_conv")))
        # an earlier version of the same file, model and data leaves the picker
        ident = (self.path, name, repr(data))
        old = self.registered.get(ident)
        if old is not None and old != spec.key:
            unregister_lab(old)
        self.registered[ident] = spec.key
        register_lab(spec)
        self._refresh_picker()
        self.opened_key = spec.key
        self.window.open_lab(spec.key)

    def _refresh_picker(self) -> None:
        """List the new lab in the picker (under Tools), so it can be reopened."""
        picker = getattr(self.window, "picker", None)
        if picker is not None:
            picker.set_labs(all_labs())

    def _import_libraries(self, names: list[str]) -> None:
        """Import, here on the GUI thread, the libraries the file imports (never
        the user's own modules beside it): a first import on a worker thread can
        crash PySide6 (see dlviz/ui/app.py)."""
        folder = str(Path(self.path).parent)
        for name in names:
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):
                continue
            if spec is None or (spec.origin or "").startswith(folder):
                continue
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the worker reports it properly
                pass

    def _show_probe_error(self, result: dict, retry: bool = False) -> None:
        error = result.get("error") or {}
        title = _stage_names().get(error.get("stage", ""),
                                   _tr("Checking the model failed"))
        self.show_error(title, error.get("message", ""), error.get("details", ""),
                        retry=retry)

    def show_error(self, title: str, text: str, details: str, retry: bool = False
                   ) -> None:
        """A non-modal message with the traceback under "Show Details…"; with
        ``retry`` the model dialog comes back when it is closed."""
        box = QMessageBox(self.window)
        box.setObjectName("open_model_error")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("Open model"))
        box.setText(title)
        box.setInformativeText(text)
        if details:
            box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        if retry and self.models:
            box.finished.connect(lambda _code: self.choose())
        self.error_box = box
        box.open()


FEATURE = "open_model"


def install(window) -> ModelOpener:
    return ModelOpener(window)
