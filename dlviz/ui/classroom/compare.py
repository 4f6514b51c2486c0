"""Training ▸ Compare…: two runs of the open lab side by side, in lockstep.

The dialog (:class:`~dlviz.ui.compare.CompareDialog`) picks one of the lab's classic
comparisons (:mod:`dlviz.core.compare`) or B's settings; the compare window runs
both on one worker thread. Keep A / Keep B ends the comparison and continues that
run in the main window: its settings, weights and history (the main window's own
run is replaced). While the comparison runs, the main window's run is paused: the
two would share the CPU.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QDialog

from dlviz.core.device import device_for_lab
from dlviz.core.params import ParamError
from dlviz.session.compare import PairThread
from dlviz.session.history import History
from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import add_window_action, menu
from dlviz.ui.classroom.language import current_language
from dlviz.ui.compare import CompareDialog, CompareSetup, CompareWindow
from dlviz.ui.i18n import tr_core

_CONTEXT = "dlviz.classroom"


class _Bridge(QObject):
    """Carries a side's saved state from the worker thread to the GUI thread."""

    state_ready = Signal(str, object)  # side, state dict


class CompareMode(QObject):
    """The Compare… action of one main window and the comparison it opened."""

    def __init__(self, window: ClassroomHost):
        super().__init__(window)
        self.window = window
        self.compare: CompareWindow | None = None
        self.bridge = _Bridge(self)
        self.bridge.state_ready.connect(self._hand_over)
        self._keeping: str | None = None
        self.action = add_window_action(
            window, menu(window, "training"), "compare", "Compare…", None, self.open)
        window.lab_opened.connect(self._on_lab)
        window.installEventFilter(self)
        self._on_lab("")

    # -- opening ---------------------------------------------------------------------
    def _on_lab(self, _key: str) -> None:
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

    def start(self, setup: CompareSetup, threaded: bool = True) -> CompareWindow:
        """Open the compare window for ``setup`` (replacing one already open)."""
        self.close_compare()
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

    # -- closing -----------------------------------------------------------------------
    def _on_closed(self) -> None:
        self.compare = None

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


def install(window: ClassroomHost) -> CompareMode:
    return CompareMode(window)
