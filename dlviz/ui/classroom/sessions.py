"""Save and open sessions (weights, optimizer state, hyperparameters, history) and
remember recent files.

The GUI thread never runs torch: saving is a ``save_state`` command whose callback
writes the file in the engine's worker thread; opening reads, validates and test-loads
the file in a :class:`~dlviz.ui.jobs.Job` (its own QThread, cancelled and joined when
the window closes), and only a file that passed every check is applied (lab,
hyperparameters, then a ``load_state`` command). A refused file leaves the open session
exactly as it was; a cancelled check applies nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from dlviz.session.history import History
from dlviz.session.persist import (
    SUFFIX,
    SessionData,
    SessionFileError,
    make_payload,
    open_session,
    save_session,
)
from dlviz.ui.classroom._export_dialogs import last_folder, remember_folder
from dlviz.ui.classroom._menus import add_window_action, classroom_menu, texts_of
from dlviz.ui.jobs import Job

_CONTEXT = "dlviz.classroom"
MAX_RECENT = 8


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def settings() -> QSettings:
    """Application settings; tests point ``DLVIZ_SETTINGS_ORG`` elsewhere."""
    return QSettings(os.environ.get("DLVIZ_SETTINGS_ORG", "dlviz"), "dlviz")


def _filter() -> str:
    return _tr("dlviz session (*{0})").format(SUFFIX)


def ask_open_path(parent: QWidget) -> str:
    """Ask for a session to open, starting in the folder used last for sessions."""
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Open session"), last_folder("sessions"), _filter()
    )
    return path


def ask_save_path(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save session"), last_folder("sessions"), _filter()
    )
    if path and not path.endswith(SUFFIX):
        path += SUFFIX
    return path


def refusal_text(error: SessionFileError) -> str:
    """Why a session file was refused, in plain words of the interface's language
    (never the text of the library that read it)."""
    a = error.args_
    texts = {
        "unreadable": _tr("{name} cannot be read ({reason})."),
        "empty": _tr("{name} is empty."),
        "damaged": _tr(
            "{name} is damaged: it is incomplete or corrupted (was it cut off "
            "while being copied or downloaded?)."
        ),
        "pickle": _tr(
            "{name} is a Python pickle, not a dlviz session; dlviz does not open "
            "pickles because they can run code."
        ),
        "objects": _tr(
            "{name} holds Python objects that a dlviz session never contains; "
            "dlviz did not load them (they could run code). It is not a dlviz "
            "session."
        ),
        "not_session": _tr(
            "{name} is not a dlviz session file (sessions are saved by File ▸ "
            "Save session)."
        ),
        "newer": _tr(
            "{name} was saved by a newer version of dlviz (session format "
            "version {version}; this dlviz reads version {supported}). Update "
            "dlviz to open it."
        ),
        "older": _tr(
            "{name} was saved by an older version of dlviz (session format "
            "version {version}) that this dlviz cannot read."
        ),
        "unknown_lab": _tr("{name} is for a lab this dlviz does not have ({lab})."),
        "not_trainable": _tr(
            "{name}: the lab {lab} is a tool and has nothing to save."
        ),
        "bad_setting": _tr("{name} has a setting the lab {lab} does not accept: "
                           "{problem}"),
        "mismatch": _tr(
            "The weights do not fit the lab {lab}: they were saved from another "
            "network ({problem})."
        ),
        "state_mismatch": _tr(
            "The saved state does not fit the lab {lab}: it was saved from another "
            "network or dlviz version."
        ),
    }
    template = texts.get(error.kind)
    if template is None:
        return str(error)
    try:
        return template.format(**a)
    except (KeyError, IndexError):  # a translation that names other fields
        return str(error)


class _Bridge(QObject):
    """Carries results from worker threads to the GUI thread (queued signals)."""

    saved = Signal(str)
    loaded = Signal(str, object)
    failed = Signal(str, str)  # path, message


class SessionFiles(QObject):
    """File ▸ Open session / Save session / Open recent for one window."""

    #: Emitted in the GUI thread after a file was saved or applied, or refused.
    finished = Signal(str, bool, str)  # path, ok, message

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.bridge = _Bridge(self)
        self.bridge.saved.connect(self._on_saved)
        self.bridge.loaded.connect(self._on_loaded)
        self.bridge.failed.connect(self._on_failed)
        self.busy = False
        #: The file check in progress (None when none runs).
        self.open_job: Job | None = None
        self._pending: tuple | None = None
        menu = classroom_menu(window, "File")
        first = menu.actions()[0] if menu.actions() else None
        self.open_action = add_window_action(
            window, None, "session_open", "Open session…", "Ctrl+O",
            self.open_action_triggered,
        )
        self.save_action = add_window_action(
            window, None, "session_save", "Save session…", "Ctrl+S",
            self.save_action_triggered,
        )
        self.recent_menu = QMenu(menu)
        self.recent_menu.setObjectName("menu_recent")
        texts_of(window).add(self.recent_menu.setTitle, "Open recent")
        menu.insertAction(first, self.open_action)
        menu.insertAction(first, self.save_action)
        menu.insertMenu(first, self.recent_menu)
        if first is not None:
            menu.insertSeparator(first)
        self._fill_recent()

    # -- recent files ------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = settings().value("sessions/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember(self, path: str) -> None:
        remember_folder("sessions", path)
        path = str(Path(path).resolve())
        files = [path] + [p for p in self.recent_files() if p != path]
        store = settings()
        store.setValue("sessions/recent", files[:MAX_RECENT])
        store.sync()
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(self._open_recent)
        self.recent_menu.setEnabled(bool(files))

    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.open_file(str(action.data()))

    # -- saving ------------------------------------------------------------------------
    def save_action_triggered(self) -> None:
        if self.window.session is None:
            self._refuse("", _tr("This lab has nothing to save."))
            return
        path = ask_save_path(self.window)
        if path:
            self.save_file(path)

    def save_file(self, path: str) -> None:
        """Write the open session to ``path`` from the engine's worker thread."""
        session = self.window.session
        if session is None or session.engine is None:
            self._refuse(path, _tr("This lab has nothing to save."))
            return
        lab, hparams = session.spec.key, dict(session.hparams)
        history = session.history.to_rows()
        bridge = self.bridge

        def write(state: dict) -> None:  # runs in the worker thread
            try:
                save_session(path, make_payload(lab, hparams, state, history))
            except Exception as exc:  # noqa: BLE001 - reported to the user
                _emit(bridge.failed, path, f"{type(exc).__name__}: {exc}")
            else:
                _emit(bridge.saved, path)

        self.busy = True
        session.engine.post("save_state", callback=write)

    def _on_saved(self, path: str) -> None:
        self.busy = False
        self._remember(path)
        message = _tr("Session saved: {0}").format(Path(path).name)
        self.window.statusBar().showMessage(message, 8000)
        self.finished.emit(path, True, message)

    # -- opening -----------------------------------------------------------------------
    def open_action_triggered(self) -> None:
        path = ask_open_path(self.window)
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Check ``path`` in a job; apply it only when every check passed."""
        if self.open_job is not None:
            return
        self.busy = True

        def check(token) -> SessionData | SessionFileError:  # the job's thread
            try:
                data = open_session(path)  # torch.load + a test load
            except SessionFileError as exc:
                data = exc  # refused: said in words on the GUI thread
            token.check()  # the window closed meanwhile: apply nothing
            return data

        job = Job(check, "open-session", owner=self.window)
        job.succeeded.connect(self._on_checked)
        job.failed.connect(self._on_check_failed)
        job.done.connect(self._on_job_done)
        job.path = path
        self.open_job = job.start()

    def _on_checked(self, data: SessionData | SessionFileError) -> None:
        if isinstance(data, SessionFileError):
            self.bridge.failed.emit(self.open_job.path, refusal_text(data))
        else:
            self.bridge.loaded.emit(self.open_job.path, data)

    def _on_check_failed(self, text: str, _details: str) -> None:
        # not a refusal of the file: something went wrong while reading it
        name = Path(self.open_job.path).name
        self.bridge.failed.emit(
            self.open_job.path,
            _tr("{0} could not be read ({1}).").format(name, text.split(":")[0]),
        )

    def _on_job_done(self) -> None:
        if self.open_job is not None and self.open_job.outcome == "cancelled":
            self.busy = False
        self.open_job = None

    def wait(self, timeout: float | None = None) -> None:
        """Join the file check (tests); its outcome is delivered at once."""
        if self.open_job is not None:
            self.open_job.wait(timeout)

    def _on_loaded(self, path: str, data: SessionData) -> None:
        self.busy = False
        window = self.window
        window.open_lab(data.lab, data.hparams)
        session = window.session
        if session is None:
            self._refuse(path, _tr("This lab cannot hold a saved session."))
            return
        if session.hparams != data.hparams:
            window.apply_hparams(data.hparams)
        self._pending = (session, path, data)
        session.status_changed.connect(self._on_status)
        session.engine.post("load_state", state=data.state)

    def _on_status(self, state: str, _message: str) -> None:
        """The engine loaded the weights: put back the history and the counters."""
        if self._pending is None or state not in ("paused", "error"):
            return
        session, path, data = self._pending
        self._pending = None
        session.status_changed.disconnect(self._on_status)
        if state == "error" or session is not self.window.session:
            return
        history = History()
        for row in data.history:
            step = row.get("step")
            if step is not None:
                metrics = {k: v for k, v in row.items() if k != "step"}
                history.add(int(step), metrics)
        session.history = history
        session.step = data.step  # the session counts only steps trained since start
        self.window.loss_curves.clear_curves()
        self.window.metric_curves.clear_curves()
        self.window.update_curves()
        self._remember(path)
        message = _tr("Session opened: {0} (step {1})").format(
            Path(path).name, data.step
        )
        self.window.message_bar.hide()
        self.window.statusBar().showMessage(message, 8000)
        self.finished.emit(path, True, message)

    def _on_failed(self, path: str, message: str) -> None:
        self.busy = False
        self._refuse(path, message)

    def _refuse(self, path: str, message: str) -> None:
        text = _tr("Could not use the session file: {0}").format(message)
        self.window.message_bar.show_message(text, "error")
        self.finished.emit(path, False, message)


def _emit(signal, *args) -> None:
    """Emit from a worker thread; the window may already be gone."""
    try:
        signal.emit(*args)
    except RuntimeError:
        pass


def install(window) -> SessionFiles:
    return SessionFiles(window)
