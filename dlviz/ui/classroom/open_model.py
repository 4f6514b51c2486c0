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
open the file's code runs in the worker thread of the lab. A Python thread cannot be
killed, but the engine can raise an exception inside the user's code
(:meth:`~dlviz.session.engine.Engine.interrupt_user_code`): :class:`HangWatcher` says
when a step has run for :attr:`HangWatcher.warn_after_s` and offers Stop; Reset, a
lab switch and closing interrupt it at once. Code stuck inside C (a sleep, a library
call) cannot be interrupted until it returns, and the message says so.

A saved session of a user's model records the file (path, model, data, SHA-1).
Opening it when the lab is not open re-registers the lab; a missing file offers
Locate…, a changed one asks whether to load the weights anyway (they are refused
cleanly when the shapes no longer fit) and a file not run before asks first
(:meth:`ModelOpener.session_refused`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
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
from dlviz.core.labs import get_lab, register_lab, unregister_lab
from dlviz.core.usermodel import (
    DATA_KINDS,
    LOSSES_FOR,
    DataChoice,
    ModelSource,
    ProbeCancelled,
    make_lab,
    parse_shape,
)
from dlviz.session import persist
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
        for path in self.trusted_files():  # the build of a restored lab checks it
            usermodel.trust_file(path)
        self.hang = HangWatcher(window)
        window.lab_opened.connect(self._on_lab_opened)
        if window.spec is not None:  # opened before the features were installed
            self._on_lab_opened(window.spec.key)
        #: (session file, model problem) waiting for the user's answer (Locate…).
        self.refused: tuple[str, object] | None = None
        window.message_bar.action_triggered.connect(self._on_bar_action)
        # the sessions feature is installed after this one
        QTimer.singleShot(0, self._connect_sessions)
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
        usermodel.trust_file(path)

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
                        has_conv=bool(result.get("has_conv")),
                        summary=result.get("summary"))
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
        self.window.refresh_labs()

    def _on_lab_opened(self, key: str) -> None:
        """A user lab opened (from a session or a lesson scene too): list it, and
        watch its steps for a hang."""
        try:
            factory = get_lab(key).factory
        except KeyError:
            factory = None
        user = bool(getattr(factory, "runs_user_code", False))
        self.hang.watch(user)
        if usermodel.user_lab(key) is not None:
            self._refresh_picker()

    # -- sessions of a user model -----------------------------------------------------
    def _connect_sessions(self) -> None:
        sessions = self.window.features.get("sessions")
        if sessions is not None:
            sessions.finished.connect(self._on_session_finished)

    def _on_session_finished(self, path: str, ok: bool, _message: str) -> None:
        if not ok:
            error = persist.take_model_problem(path)
            if error is not None:  # after the sessions feature's own handling
                problem = error.problem
                QTimer.singleShot(0, lambda: self.session_refused(path, problem))

    def session_refused(self, session_path: str, problem) -> None:
        """A session names a model file that is missing, changed or not run before:
        say so plainly and offer what can be done."""
        model = Path(problem.original or problem.path).name
        session = Path(session_path).name
        bar = self.window.message_bar
        if problem.kind == "missing":
            self.refused = (session_path, problem)
            bar.show_message(
                _tr("The session {0} trains your model {1}, but that file is missing "
                    "(it was at {2}). Locate it to open the session.")
                .format(session, model, problem.original),
                "warning", action="locate_model", action_text=_tr("Locate…"))
        elif problem.kind == "changed":
            if self.ask_load_changed(session, model):
                usermodel.accept_changed(problem.path)
                self._reopen_session(session_path)
            else:
                bar.show_message(
                    _tr("The session {0} was not opened: your model {1} changed since "
                        "it was saved.").format(session, model), "warning")
        elif problem.kind == "untrusted":
            if self.confirm_run(problem.path):
                self._reopen_session(session_path)
            else:
                bar.hide()

    def ask_load_changed(self, session: str, model: str) -> bool:
        """Ask whether to load saved weights into a model file that changed."""
        answer = QMessageBox.question(
            self.window, _tr("Open session"),
            _tr("Your model {1} changed since the session {0} was saved.\n\nLoad the "
                "saved weights into the model as it is now? If its layers changed "
                "shape, the weights are refused and nothing changes.")
            .format(session, model),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_bar_action(self, action: str) -> None:
        if action != "locate_model" or self.refused is None:
            return
        session_path, problem = self.refused
        self.refused = None
        path, _ = QFileDialog.getOpenFileName(
            self.window, _tr("Locate {0}").format(Path(problem.original).name),
            str(Path(problem.original).parent), _tr("Python files (*.py)"))
        if path:
            self.locate(session_path, problem, path)

    def locate(self, session_path: str, problem, path: str) -> None:
        """The missing model file of a session is at ``path``: open the session."""
        usermodel.relocate(problem.original, path)
        self._reopen_session(session_path)

    def _reopen_session(self, session_path: str) -> None:
        sessions = self.window.features.get("sessions")
        if sessions is None:
            return
        if sessions.open_job is not None:  # the refused check is still finishing
            QTimer.singleShot(50, lambda: self._reopen_session(session_path))
            return
        sessions.open_file(session_path)

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


class HangWatcher(QObject):
    """Watches the open user lab's steps: one that has run
    :attr:`warn_after_s` gets a message with Stop, which interrupts it; one still
    inside after Stop is stuck in C code, and the message says so plainly.

    It polls the window's session a few times a second while a user lab is open
    (never joins, never blocks the GUI thread)."""

    ACTION = "interrupt_user_code"
    #: Seconds a step may run before Stop is offered.
    warn_after_s = 5.0
    #: Seconds after Stop before the step counts as stuck in C code.
    native_after_s = 3.0
    poll_ms = 250

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.bar = window.message_bar
        self.timer = QTimer(self)
        self.timer.setInterval(self.poll_ms)
        self.timer.timeout.connect(self.poll)
        self.bar.action_triggered.connect(self._on_action)
        self.engine = None
        self.session = None
        #: What the bar shows of ours: "", "slow", "stopping" or "native".
        self.shown = ""
        self.interrupted_at: float | None = None
        self._seconds = -1

    def watch(self, on: bool) -> None:
        self._forget()
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def _forget(self) -> None:
        if self.shown and self._ours():
            self.bar.hide()
        self.engine, self.shown, self.interrupted_at = None, "", None
        self._seconds = -1

    def poll(self) -> None:
        session = self.window.session
        if session is not self.session:
            self.session = session
            if session is not None:  # after the window's own handler: say it here
                session.failed.connect(self._on_failure)
        engine = session.engine if session is not None else None
        if engine is not self.engine:
            self._forget()
            self.engine = engine
        if engine is None:
            return
        seconds = engine.user_code_seconds()
        if seconds <= 0.0:
            if self.shown in ("slow", "stopping", "native") and self._ours():
                self.bar.hide()
            self.shown, self.interrupted_at, self._seconds = "", None, -1
            return
        if self.interrupted_at is not None:
            if (time.monotonic() - self.interrupted_at > self.native_after_s
                    and self.shown != "native"):
                self.shown = "native"
                self.bar.show_message(self.native_text(), "error")
            return
        if session.requests:  # a stage's request: the request watcher's Cancel
            return
        if seconds >= self.warn_after_s and int(seconds) != self._seconds:
            self._seconds = int(seconds)
            self.shown = "slow"
            self.bar.show_message(
                _tr("Your model's step has run {0} s and has not finished; Stop "
                    "interrupts it.").format(int(seconds)),
                "warning", action=self.ACTION, action_text=_tr("Stop"))

    def _ours(self) -> bool:
        return self.bar.isVisible() and (
            self.bar.action == self.ACTION
            or self.bar.label.text() in (self.native_text(), self.stopping_text()))

    @staticmethod
    def native_text() -> str:
        return _tr("Your model's step is stuck inside compiled code (C or C++, e.g. a "
                   "sleep or a library call), where Python cannot interrupt it. It "
                   "keeps running in the background until it returns; the rest of "
                   "dlviz works: press Reset or open another lab.")

    @staticmethod
    def stopping_text() -> str:
        return _tr("Stopping your model's step…")

    def _on_action(self, action: str) -> None:
        if action == self.ACTION:
            self.interrupt()

    def _on_failure(self, failure) -> None:
        """The interrupted step's report, in the interface's language."""
        if getattr(failure, "kind", "") != "interrupted":
            return
        found = re.search(r"after (\d+) s", failure.text)
        self.bar.show_message(
            _tr("Your model's step was stopped after {0} s. Details… shows the line "
                "it was running; press Play to go on or Reset to start again.")
            .format(found.group(1) if found else "?"),
            "error", details=failure.details)

    def interrupt(self) -> bool:
        """Stop the step in progress (an exception raised in the user's code)."""
        engine = self.engine
        if engine is None or not engine.interrupt_user_code():
            return False
        self.interrupted_at = time.monotonic()
        self.shown = "stopping"
        self.bar.show_message(self.stopping_text(), "info")
        return True


FEATURE = "open_model"


def install(window) -> ModelOpener:
    return ModelOpener(window)
