"""Training ▸ Compare…: two runs of the open lab side by side, in lockstep.

The dialog (:class:`~dlviz.ui.compare.CompareDialog`) picks one of the lab's classic
comparisons (:mod:`dlviz.core.compare`) or B's settings; the compare window runs
both on one worker thread. Keep A / Keep B ends the comparison and continues that
run in the main window: its settings, weights and history (the main window's own
run is replaced). While the comparison runs, the main window's run is paused: the
two would share the CPU.

Sessions: while comparing, File ▸ Save session (and the compare window's Save… ▸
Save the comparison, Ctrl+S) writes one file holding both runs, the preset and the
differences (:func:`dlviz.session.persist.make_compare_payload`); File ▸ Open session
of such a file reopens compare mode with both runs at their steps. The ordinary
session feature (:mod:`dlviz.ui.classroom.sessions`) reads and checks the file, so a
refused one gets its plain-words message; this module takes over the save action
and the applying of a checked comparison file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from dlviz.core.compare import preset as find_preset
from dlviz.core.compare import scene_comparison
from dlviz.core.device import device_for_lab
from dlviz.core.labs import get_lab
from dlviz.core.params import ParamError
from dlviz.session.compare import PairThread
from dlviz.session.history import History
from dlviz.session.persist import (
    SessionData,
    make_compare_payload,
    make_payload,
    save_session,
)
from dlviz.ui.classroom._export_dialogs import ask_image_options, remember_folder
from dlviz.ui.classroom._export_files import export_png
from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import add_window_action, menu
from dlviz.ui.classroom.language import current_language
from dlviz.ui.classroom.sessions import ask_save_path
from dlviz.ui.compare import CompareDialog, CompareSetup, CompareWindow
from dlviz.ui.i18n import tr_core

_CONTEXT = "dlviz.classroom"


class _Bridge(QObject):
    """Carries a side's saved state from the worker thread to the GUI thread."""

    state_ready = Signal(str, object)  # side, state dict
    saved = Signal(str, str)  # side, path
    pair_saved = Signal(str)  # path of a file holding both runs
    save_failed = Signal(str, str)  # path, message


class CompareMode(QObject):
    """The Compare… action of one main window and the comparison it opened."""

    def __init__(self, window: ClassroomHost):
        super().__init__(window)
        self.window = window
        self.compare: CompareWindow | None = None
        self.bridge = _Bridge(self)
        self.bridge.state_ready.connect(self._hand_over)
        self.bridge.saved.connect(self._on_saved)
        self.bridge.save_failed.connect(self._on_save_failed)
        self.bridge.pair_saved.connect(self._on_pair_saved)
        #: the window's session files feature, once bound (:meth:`_bind_sessions`)
        self._files = None
        self._keeping: str | None = None
        self.action = add_window_action(
            window, menu(window, "training"), "compare", "Compare…", None, self.open)
        window.lab_opened.connect(self._on_lab)
        window.installEventFilter(self)
        #: the comparison was opened by a lesson scene (the next scene closes it)
        self.from_scene = False
        self._lessons = None
        self._on_lab("")
        QTimer.singleShot(0, self._bind_lessons)  # the lessons install after us
        QTimer.singleShot(0, self._bind_sessions)  # so do the session files

    # -- opening ---------------------------------------------------------------------
    def _on_lab(self, _key: str) -> None:
        self._bind_lessons()
        self._bind_sessions()
        spec = self.window.spec
        self.action.setEnabled(spec is not None and spec.trainable)

    def open(self) -> CompareWindow | None:
        """Ask for a comparison of the open lab and start it."""
        window = self.window
        if window.spec is None or window.session is None:
            return None
        dialog = CompareDialog(window.spec, window.session.hparams,
                               current_language(), window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            setup = dialog.setup()
        except ParamError as exc:
            window.message_bar.show_message(
                f"{tr_core(exc.label)}: {tr_core(exc.reason).format(**exc.values)}",
                "error")
            return None
        return self.start(setup)

    def _bind_lessons(self) -> None:
        features = getattr(self.window, "features", {})
        lessons = features.get("lessons")
        if lessons is not None and lessons is not self._lessons:
            self._lessons = lessons
            lessons.scene_applied.connect(self.apply_scene)

    def apply_scene(self, scene) -> CompareWindow | None:
        """A lesson scene was shown: open the comparison it names (its settings
        are A), or close the one an earlier scene opened."""
        if not getattr(scene, "compare", None):
            if self.from_scene:
                self.close_compare()
            return None
        try:
            p, hp_a, hp_b = scene_comparison(scene.lab, scene.hparams, scene.compare)
        except ValueError as exc:  # checked when the lesson loaded: not expected
            self.window.message_bar.show_message(str(exc), "error")
            return None
        spec_a = get_lab(scene.lab)
        spec_b = get_lab(p.other_lab) if p is not None else spec_a
        compare = self.start(CompareSetup(spec_a, hp_a, spec_b, hp_b, p),
                             threaded=self.threaded)
        self.from_scene = True
        return compare

    #: Compare windows run their pair on a worker thread (tests may pump it).
    threaded = True

    def start(self, setup: CompareSetup, threaded: bool = True) -> CompareWindow:
        """Open the compare window for ``setup`` (replacing one already open)."""
        self.close_compare()
        self.from_scene = False
        window = self.window
        if window.session is not None:
            window.session.pause()
        device = device_for_lab(setup.spec_a, window.device_choice).device
        compare = CompareWindow(
            setup.spec_a, setup.hparams_a, setup.spec_b, setup.hparams_b, device,
            preset=setup.preset, language=current_language,
            threaded=threaded,
        )
        compare.keep_requested.connect(self.keep)
        compare.save_requested.connect(self.ask_save)
        compare.save_both_requested.connect(self.ask_save_both)
        compare.export_requested.connect(self.ask_export)
        compare.closed.connect(self._on_closed)
        compare.size_to_screen()
        self.compare = compare
        compare.show()
        return compare

    # -- keeping a run -----------------------------------------------------------------
    def keep(self, side: str) -> None:
        """End the comparison and continue ``side``'s run in the main window: its
        state is saved on the worker thread, then handed over (:meth:`_hand_over`)."""
        compare = self.compare
        if compare is None or self._keeping is not None:
            return
        session = compare.session.side(side)
        compare.session.pause()
        if session.engine is None or session.state in ("idle", "building", "error"):
            self._hand_over(side, None)
            return
        self._keeping = side
        bridge = self.bridge

        def saved(state: dict) -> None:  # runs on the pair's worker thread
            try:
                bridge.state_ready.emit(side, state)
            except RuntimeError:  # the window is gone
                pass

        session.engine.post("save_state", callback=saved)
        compare.session.pair.wake()
        compare.session.pump(0)

    def _hand_over(self, side: str, state: dict | None) -> None:
        self._keeping = None
        compare = self.compare
        if compare is None:
            return
        session = compare.session.side(side)
        spec, hparams = compare.specs[side], dict(session.hparams)
        rows, step = session.history.to_rows(), session.step
        compare.close()
        window = self.window
        if window.spec is None or window.spec.key != spec.key:
            window.open_lab(spec.key, hparams)
        else:
            window.apply_hparams(hparams)
        main = window.session
        if main is None or state is None:
            return
        main.engine.post("load_state", state=state)

        def loaded(state_name: str, _message: str) -> None:
            if state_name not in ("paused", "error"):
                return
            main.status_changed.disconnect(loaded)
            if state_name == "error" or main is not self.window.session:
                return
            history = History()
            for row in rows:
                if row.get("step") is not None:
                    history.add(int(row["step"]),
                                {k: v for k, v in row.items() if k != "step"})
            main.history, main.step = history, step
            self.window.loss_curves.clear_curves()
            self.window.metric_curves.clear_curves()
            self.window.update_curves()

        main.status_changed.connect(loaded)

    # -- saving a run, exporting the picture ---------------------------------------
    def ask_save(self, side: str) -> None:
        """Save ``side``'s run as an ordinary session file (File ▸ Open session
        opens it in the main window)."""
        if self.compare is None:
            return
        path = ask_save_path(self.compare)
        if path:
            self.save_side(side, path)

    def save_side(self, side: str, path: str) -> bool:
        """Write ``side``'s weights, settings and history to ``path`` from the
        pair's worker thread; False when that run has nothing to save yet."""
        compare = self.compare
        if compare is None:
            return False
        session = compare.session.side(side)
        if session.engine is None or session.state in ("idle", "building", "error"):
            compare.show_notice(
                self.tr("Run {0} has nothing to save yet.").format(side))
            return False
        lab, hparams = session.spec.key, dict(session.hparams)
        history = session.history.to_rows()
        bridge = self.bridge

        def write(state: dict) -> None:  # runs on the pair's worker thread
            try:
                save_session(path, make_payload(lab, hparams, state, history))
            except Exception as exc:  # noqa: BLE001 - reported to the user
                _emit(bridge.save_failed, path, f"{type(exc).__name__}: {exc}")
            else:
                _emit(bridge.saved, side, path)

        session.engine.post("save_state", callback=write)
        compare.session.pair.wake()
        compare.session.pump(0)
        return True

    # -- one session file of both runs -----------------------------------------------
    def _bind_sessions(self) -> None:
        """While a comparison is open, File ▸ Save session saves both runs; a
        checked file that holds a comparison reopens compare mode (any other goes
        to the session feature as before)."""
        files = getattr(self.window, "features", {}).get("sessions")
        if files is None or files is self._files:
            return
        self._files = files
        files.save_action.triggered.disconnect(files.save_action_triggered)
        files.save_action.triggered.connect(self._on_save_action)
        files.bridge.loaded.disconnect(files._on_loaded)  # noqa: SLF001
        files.bridge.loaded.connect(self._on_file_loaded)

    def _on_save_action(self, *_args) -> None:
        if self.compare is not None:
            self.ask_save_both()
        elif self._files is not None:
            self._files.save_action_triggered()

    def ask_save_both(self) -> None:
        if self.compare is None:
            return
        path = ask_save_path(self.compare)
        if path:
            self.save_both(path)

    def save_both(self, path: str) -> bool:
        """Write both runs (weights, optimizer states, settings, histories), the
        preset and the differences to one session file, from the pair's worker
        thread; False when a run has nothing to save yet."""
        compare = self.compare
        if compare is None:
            return False
        sides = {s: compare.session.side(s) for s in ("A", "B")}
        parts = {s: (x.spec.key, dict(x.hparams), x.history.to_rows())
                 for s, x in sides.items()}
        key = compare.preset.key if compare.preset is not None else ""
        differences = [k for k in parts["A"][1]
                       if parts["A"][1].get(k) != parts["B"][1].get(k)]
        bridge = self.bridge

        def write(state_a: dict, state_b: dict) -> None:  # the pair's worker thread
            try:
                payload = make_compare_payload(
                    make_payload(*parts["A"][:2], state_a, parts["A"][2]),
                    make_payload(*parts["B"][:2], state_b, parts["B"][2]),
                    key, differences)
                save_session(path, payload)
            except Exception as exc:  # noqa: BLE001 - reported to the user
                _emit(bridge.save_failed, path, f"{type(exc).__name__}: {exc}")
            else:
                _emit(bridge.pair_saved, path)

        if not compare.session.save_both(write):
            compare.show_notice(self.tr("The runs have nothing to save yet."))
            return False
        return True

    def _on_pair_saved(self, path: str) -> None:
        remember_folder("sessions", path)
        files = self._files
        if files is not None:
            files._remember(path)  # noqa: SLF001 - Open recent lists it
        text = self.tr("Both runs saved: {0}").format(Path(path).name)
        if self.compare is not None:
            self.compare.show_notice(text)
        self.window.statusBar().showMessage(text, 8000)
        if files is not None:
            files.finished.emit(path, True, text)

    def _on_file_loaded(self, path: str, data: SessionData) -> None:
        files = self._files
        if data.compare is None:
            files._on_loaded(path, data)  # noqa: SLF001 - a single run, as before
            return
        files.busy = False
        self.open_data(path, data)

    def open_data(self, path: str, data: SessionData) -> CompareWindow:
        """Reopen a comparison saved by :meth:`save_both` (checked already): both
        runs' settings, weights, histories and steps; both paused."""
        b = data.compare.b
        try:
            p = find_preset(data.compare.preset) if data.compare.preset else None
        except KeyError:  # a preset this dlviz does not have: no question shown
            p = None
        if p is not None and (p.lab, p.other_lab) != (data.lab, b.lab):
            p = None
        setup = CompareSetup(get_lab(data.lab), dict(data.hparams), get_lab(b.lab),
                             dict(b.hparams), p)
        compare = self.start(setup, threaded=self.threaded)
        compare.session.load({"A": data.state, "B": b.state},
                             {"A": data.history, "B": b.history},
                             {"A": data.step, "B": b.step})
        files = self._files
        if files is not None:
            files._remember(path)  # noqa: SLF001 - Open recent lists it
        text = self.tr("Comparison opened: {0} (step {1})").format(
            Path(path).name, data.step)
        compare.show_notice(text)
        self.window.message_bar.hide()
        self.window.statusBar().showMessage(text, 8000)
        if files is not None:
            files.finished.emit(path, True, text)
        return compare

    def _on_saved(self, side: str, path: str) -> None:
        remember_folder("sessions", path)
        if self.compare is not None:
            self.compare.show_notice(self.tr("Run {0} saved: {1}").format(
                side, Path(path).name))

    def _on_save_failed(self, path: str, message: str) -> None:
        text = self.tr("Could not save {0}: {1}").format(Path(path).name, message)
        if self.compare is not None:
            self.compare.show_notice(text)
        else:
            self.window.message_bar.show_message(text, "error")

    def ask_export(self) -> None:
        """Export the comparison as it is shown (both runs and the shared views)
        as a PNG, through the ordinary export dialog."""
        compare = self.compare
        if compare is None:
            return
        target = self.tr("Comparison")
        choice = ask_image_options(compare, [target], "png", target)
        if choice is not None:
            self.export_png(choice.path, choice.width, choice.height)

    def export_png(self, path: str, width: int, height: int) -> bool:
        compare = self.compare
        if compare is None:
            return False
        try:
            export_png(compare.export_widget(), path, width, height)
        except OSError as exc:
            compare.show_notice(self.tr("Export failed: {0}").format(exc))
            return False
        compare.show_notice(self.tr("Exported {0}").format(Path(path).name))
        return True

    # -- closing -----------------------------------------------------------------------
    def _on_closed(self) -> None:
        self.compare = None
        self.from_scene = False

    def close_compare(self) -> None:
        if self.compare is not None:
            compare, self.compare = self.compare, None
            compare.close()
            compare.deleteLater()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            # the main window closes: the comparison goes with it, joined
            self.close_compare()
            PairThread.join_all()
        return False


def _emit(signal, *args) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the window is gone
        pass


def install(window: ClassroomHost) -> CompareMode:
    return CompareMode(window)
