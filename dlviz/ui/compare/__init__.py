"""Compare mode's windows: the dialog that sets up a comparison and the window
that shows the two runs side by side (installed by
:mod:`dlviz.ui.classroom.compare`)."""

from dlviz.ui.compare.dialog import CompareDialog, CompareSetup
from dlviz.ui.compare.window import CompareWindow

__all__ = ["CompareDialog", "CompareSetup", "CompareWindow"]
