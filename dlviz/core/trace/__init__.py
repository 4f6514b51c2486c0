"""The step-through trace: one training step recorded as a replayable list of events.

``record_supervised_step`` records an ordinary (x, y) step; :class:`TraceRecorder`
records custom steps (two networks, recurrent models). See ``recorder.py``.
"""

from dlviz.core.trace.events import (
    PHASES,
    GraphJoin,
    GraphNode,
    NetworkGraph,
    Trace,
    TraceEvent,
)
from dlviz.core.trace.formulas import conv_output_size, module_formula
from dlviz.core.trace.names import (
    MAX_TITLE,
    describe_module,
    node_titles,
    short_path,
)
from dlviz.core.trace.recorder import (
    TraceRecorder,
    count_parameters,
    record_supervised_step,
)
from dlviz.core.trace.sampling import TensorRecord, record_tensor

__all__ = [
    "MAX_TITLE",
    "PHASES",
    "GraphJoin",
    "GraphNode",
    "NetworkGraph",
    "TensorRecord",
    "Trace",
    "TraceEvent",
    "TraceRecorder",
    "conv_output_size",
    "count_parameters",
    "describe_module",
    "module_formula",
    "node_titles",
    "record_supervised_step",
    "record_tensor",
    "short_path",
]
