"""Training ▸ Compare…: two runs of the open lab side by side, in lockstep.

The dialog (:class:`~dlviz.ui.compare.CompareDialog`) picks one of the lab's classic
comparisons (:mod:`dlviz.core.compare`) or B's settings; the compare window runs
both on one worker thread. Keep A / Keep B ends the comparison and continues that
run in the main window: its settings, weights and history (the main window's own
run is replaced). While the comparison runs, the main window's run is paused: the
two would share the CPU.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from dlviz.core.compare import scene_comparison
from dlviz.core.device import device_for_lab
from dlviz.core.labs import get_lab
from dlviz.core.params import ParamError
from dlviz.session.compare import PairThread
from dlviz.session.history import History
from dlviz.session.persist import make_payload, save_session
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

    # -- opening ---------------------------------------------------------------------
    def _on_lab(self, _key: str) -> None:
        self._bind_lessons()
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
