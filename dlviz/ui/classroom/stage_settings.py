"""Settings a stage asks for (a preset button, :meth:`Stage.request_settings`) are
applied as the hyperparameter panel applies them: validated, the run restarts with
them and the panel shows them. Settings that are refused are named in the window's
message bar; the run keeps its settings.
"""

from __future__ import annotations

from dlviz.core.params import ParamError
from dlviz.ui.i18n import tr_core

FEATURE = "stage_settings"


class StageSettings:
    """Connects each opened lab's stage to the window's :meth:`apply_hparams`."""

    def __init__(self, window):
        self.window = window
        self._stage = None
        window.lab_opened.connect(self._follow_stage)
        self._follow_stage()  # a lab opened before the classroom was installed

    def _follow_stage(self, *_args) -> None:
        stage = self.window.stage
        if stage is None or stage is self._stage:
            return
        self._stage = stage
        # the connection goes with the stage when the lab is closed
        stage.settings_requested.connect(self.apply)

    def apply(self, values: dict) -> bool:
        """Use ``values`` for the open lab; False (and a message) when refused."""
        window = self.window
        if window.session is None:
            return False
        try:
            window.apply_hparams(values)
        except ParamError as exc:
            reason = tr_core(exc.reason).format(**exc.values)
            window.message_bar.show_message(f"{tr_core(exc.label)}: {reason}",
                                            "warning")
            return False
        return True


def install(window) -> StageSettings:
    return StageSettings(window)
