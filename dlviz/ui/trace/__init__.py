"""Step-through views of a recorded training step (see ``dlviz.core.trace``)."""

from dlviz.ui.trace.diagram import ArchitectureDiagram, LayerBox
from dlviz.ui.trace.inspector import EventInspector, TensorPane
from dlviz.ui.trace.panel import StepThroughPanel

__all__ = [
    "ArchitectureDiagram",
    "EventInspector",
    "LayerBox",
    "StepThroughPanel",
    "TensorPane",
]
