"""The recorded step: events, the data-flow graph of each network, and the trace."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from dlviz.core.trace.sampling import TensorRecord

#: Phases in the order they happen within one step.
PHASES: tuple[str, ...] = ("input", "forward", "loss", "backward", "update")


@dataclass
class TraceEvent:
    """One moment of a training step.

    Attributes
    ----------
    index
        Position in :attr:`Trace.events`.
    phase
        ``"input"``, ``"forward"``, ``"loss"``, ``"backward"`` or ``"update"``.
    role
        The network it belongs to (``"model"``, ``"D"``, ``"G"`` ...).
    path
        Module path inside the network (``"features.0"``); ``"input"`` and ``"loss"``
        for those events.
    kind
        Class name of the module (``"Conv2d"``), ``"Input"`` or the loss class name.
    call
        How many times this module had run before in this part of the step (the time
        step of a recurrent cell called once per step; 0 otherwise).
    part
        The sub-step this event belongs to (``"D step"``, ``"G step"``; ``""`` when the
        step has one part).
    input_shapes, output_shapes
        Shapes of the tensor inputs and outputs (tuple outputs are flattened).
    tensors
        Sampled tensors by name. Input: ``output`` (the batch), ``target``.
        Forward: ``input``, ``output`` (``output.1`` ... for tuple outputs),
        ``param.<name>`` (first call only). Loss: ``output`` (what the loss compared),
        ``target``. Backward: ``grad_output`` (``grad_output.1`` ...), ``grad_input``,
        ``grad.<name>`` per parameter (on the backward event of the module's first
        call, where the gradient of every call has been summed). Update:
        ``<name>.before``, ``<name>.after``, ``<name>.delta`` and the optimizer state
        ``<name>.<state>`` (``momentum_buffer``, ``exp_avg``, ``exp_avg_sq`` ...).
    norms
        L2 norms of whole tensors by the same names (``grad_output``,
        ``grad.weight``, ``weight.delta`` ...).
    params, params_no_bias
        Parameter count of the module, with and without bias terms.
    formula
        Plain-text formula with the actual numbers (may be empty).
    scalars
        Extra numbers (the loss value, the learning rate, Adam's step count ...).
    """

    index: int
    phase: str
    role: str
    path: str
    kind: str
    call: int = 0
    part: str = ""
    input_shapes: list[tuple[int, ...]] = field(default_factory=list)
    output_shapes: list[tuple[int, ...]] = field(default_factory=list)
    tensors: dict[str, TensorRecord] = field(default_factory=dict)
    norms: dict[str, float] = field(default_factory=dict)
    params: int = 0
    params_no_bias: int = 0
    formula: str = ""
    scalars: dict[str, float] = field(default_factory=dict)
    #: Backward event of a forward event and vice versa (-1 when there is none).
    pair: int = -1

    @property
    def node(self) -> tuple[str, str]:
        """Key of this event's box in the diagram: (role, path)."""
        return (self.role, self.path)

    @property
    def title(self) -> str:
        """Short label, e.g. ``"features.0 Conv2d"`` or ``"cell LSTMCell t=3"``."""
        text = f"{self.path} {self.kind}" if self.path != self.kind else self.kind
        return f"{text} t={self.call}" if self.call else text


@dataclass
class GraphNode:
    """A box of the diagram: one leaf module (or the input / the loss)."""

    path: str
    kind: str
    output_shape: tuple[int, ...]
    params: int
    #: Indices of this node's forward events (several for a module called per step).
    events: list[int] = field(default_factory=list)


@dataclass
class NetworkGraph:
    """The data flow of one network: nodes in execution order, edges between paths.

    ``edges`` are ``(source_path, target_path)``; a path equal to its own target is a
    recurrence (a cell called once per time step). :meth:`is_skip` tells which edges
    jump over boxes (residual connections, parallel branches).
    """

    role: str
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def order(self) -> dict[str, int]:
        return {node.path: i for i, node in enumerate(self.nodes)}

    def is_skip(self, edge: tuple[str, str]) -> bool:
        """True for an edge that does not go to the very next box."""
        order = self.order()
        return order[edge[1]] - order[edge[0]] != 1

    def node(self, path: str) -> GraphNode:
        return self.nodes[self.order()[path]]


@dataclass
class Trace:
    """One recorded training step.

    Attributes
    ----------
    events
        Every event in order (see :class:`TraceEvent`).
    graphs
        The data-flow graph of each network by role.
    metrics
        At least ``loss`` (the total over parts); also ``loss_<role>`` per part.
    name
        The name given by the caller (the lab's role name by default).
    """

    events: list[TraceEvent] = field(default_factory=list)
    graphs: dict[str, NetworkGraph] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    name: str = "model"

    def __len__(self) -> int:
        return len(self.events)

    def phase_events(self, phase: str) -> list[TraceEvent]:
        return [e for e in self.events if e.phase == phase]

    def find(
        self, phase: str, path: str, role: str | None = None, call: int = 0
    ) -> TraceEvent:
        """The event of ``phase`` for module ``path`` (KeyError when absent)."""
        for event in self.events:
            if (
                event.phase == phase
                and event.path == path
                and event.call == call
                and (role is None or event.role == role)
            ):
                return event
        raise KeyError(f"no {phase} event for {path!r} (call {call})")

    def gradient_norms(self, role: str | None = None) -> list[dict[str, Any]]:
        """Per-layer gradient norms across the step, in forward order.

        One entry per module with parameters: ``role``, ``path``, ``kind``,
        ``weight`` (L2 norm of the gradient of all its parameters together),
        ``output`` (L2 norm of the gradient w.r.t. its output, summed over calls)
        and ``event`` (index of the backward event that carries the weight gradient).
        """
        rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        order: list[tuple[str, str, str]] = []
        for event in self.events:
            if event.phase == "forward" and event.params:
                key = (event.part, event.role, event.path)
                if key not in rows and (role is None or event.role == role):
                    order.append(key)
                    rows[key] = {
                        "role": event.role, "path": event.path, "kind": event.kind,
                        "weight": math.nan, "output": 0.0, "event": -1,
                        "part": event.part,
                    }
        for event in self.events:
            key = (event.part, event.role, event.path)
            if event.phase != "backward" or key not in rows:
                continue
            row = rows[key]
            if "grad_output" in event.norms:
                row["output"] = math.hypot(row["output"], event.norms["grad_output"])
            grads = [v for k, v in event.norms.items() if k.startswith("grad.")]
            if grads:
                row["weight"] = math.sqrt(sum(g * g for g in grads))
                row["event"] = event.index
        return [rows[key] for key in order]
