"""The recorded step: events, the data-flow graph of each network, and the trace."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from dlviz.core.trace.names import short_path
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
    #: The optimizer class of an update event (``"Adam"``; empty otherwise).
    optimizer: str = ""

    @property
    def node(self) -> tuple[str, str]:
        """Key of this event's box in the diagram: (role, path)."""
        return (self.role, self.path)

    @property
    def title(self) -> str:
        """Short label, e.g. ``"feat0 Conv2d"``, ``"enc0.self_attn.q Linear"`` or
        ``"rnn.cell0 LSTMCell t=3"`` (the path shortened by
        :func:`~dlviz.core.trace.names.short_path`), ``"fc Linear · Adam"``."""
        path = short_path(self.path)
        text = f"{path} {self.kind}" if self.path != self.kind else self.kind
        if self.optimizer and self.optimizer != self.role:
            text = f"{text} · {self.optimizer}"
        return f"{text} t={self.call}" if self.call else text


@dataclass
class GraphNode:
    """A box of the diagram: one leaf module, a recorded operation (the VAE's
    sampling), the input or the loss.

    ``title`` is the short unique name from the path (``enc0.self_attn.q``; empty
    when the path ends in an index, see :mod:`dlviz.core.trace.names`); ``what``
    says what the layer does as a (template, arguments) pair (``("conv {0} → {1}",
    ("5×5", "6"))``) that the interface translates.
    """

    path: str
    kind: str
    output_shape: tuple[int, ...]
    params: int
    #: Indices of this node's forward events (several for a module called per step).
    events: list[int] = field(default_factory=list)
    title: str = ""
    what: tuple[str, tuple[str, ...]] = ("", ())

    @property
    def name(self) -> str:
        """The box's name in English: its title, else what it does, else its kind."""
        if self.title:
            return self.title
        template, args = self.what
        if template:
            return template.format(*args) if args else template
        return self.kind


@dataclass
class GraphJoin:
    """Where outputs of several boxes meet before a box reads them: a sum
    (a residual connection) or a concatenation (an inception block).

    ``key`` starts with ``@`` (no module path does); ``op`` is ``"+"``,
    ``"concat"``, ``"stack"``, ``"×"`` or ``"−"``; ``sources`` are the boxes whose
    outputs meet, ``targets`` the boxes that read the result.
    """

    key: str
    op: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


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
    #: The sums and concatenations between boxes (see :class:`GraphJoin`).
    joins: list[GraphJoin] = field(default_factory=list)
    #: The optimizer that updates this network (``"Adam"``; empty when none did).
    optimizer: str = ""

    def order(self) -> dict[str, int]:
        return {node.path: i for i, node in enumerate(self.nodes)}

    def flow_order(self) -> list[str]:
        """Node paths in execution order, each join's key just before its first
        target."""
        keys = [node.path for node in self.nodes]
        for join in self.joins:
            at = [keys.index(t) for t in join.targets if t in keys]
            keys.insert(min(at) if at else len(keys), join.key)
        return keys

    def flow_edges(self) -> list[tuple[str, str]]:
        """The edges to draw: through the joins where outputs meet.

        An edge ``(a, b)`` whose ``a`` is a source and ``b`` a target of a join
        becomes ``(a, join)`` and ``(join, b)``.
        """
        covered: set[tuple[str, str]] = set()
        extra: list[tuple[str, str]] = []
        for join in self.joins:
            extra += [(s, join.key) for s in join.sources]
            extra += [(join.key, t) for t in join.targets]
            covered |= {(s, t) for s in join.sources for t in join.targets}
        out = [e for e in self.edges if e not in covered]
        return out + [e for e in dict.fromkeys(extra) if e not in out]

    def layout(self) -> dict[str, tuple[int, int]]:
        """(row, column) of every node and join: the data flow, top to bottom.

        A box sits one row below the lowest box it reads from. It continues the
        column of a box whose first reader it is (of the first such box to run);
        otherwise (a parallel branch:
        a ResNet shortcut's downsampling, an inception branch, a second head) it
        takes the nearest free column to the right, so branches stand side by side
        and meet again where their outputs are added or concatenated. Recurrences
        (a cell reading its own output) and edges back up are not used to place.
        """
        keys = self.flow_order()
        index = {k: i for i, k in enumerate(keys)}
        preds: dict[str, list[str]] = {k: [] for k in keys}
        succs: dict[str, list[str]] = {k: [] for k in keys}
        for a, b in self.flow_edges():
            if a in index and b in index and index[a] < index[b]:
                preds[b].append(a)
                succs[a].append(b)
        for k in keys:
            succs[k].sort(key=index.__getitem__)
            preds[k].sort(key=index.__getitem__)
        place: dict[str, tuple[int, int]] = {}
        taken: set[tuple[int, int]] = set()
        for k in keys:
            ps = [p for p in preds[k] if p in place]
            row = max((place[p][0] + 1 for p in ps), default=0)
            heirs = [place[p][1] for p in ps if succs[p] and succs[p][0] == k]
            if heirs:  # the lane of the first of them to run
                column = heirs[0]
            elif ps:
                column = place[ps[0]][1] + 1
            else:
                column = 0
            while (row, column) in taken:
                column += 1
            place[k] = (row, column)
            taken.add((row, column))
        return place

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
        What the step reports, as the lab's training step does: at least ``loss``
        (the total over parts). These reach the curves.
    role_losses
        The loss of each network when a step trains more than one (``D``, ``G``).
    name
        The name given by the caller (the lab's role name by default).
    roles
        What the roles are: ``"network"`` (the generator and the discriminator of
        a GAN) or ``"optimizer"`` (the optimizers lab: one point per optimizer).
    """

    events: list[TraceEvent] = field(default_factory=list)
    graphs: dict[str, NetworkGraph] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    role_losses: dict[str, float] = field(default_factory=dict)
    name: str = "model"
    roles: str = "network"
    #: Parts that follow one example through the network after the step
    #: (:meth:`TraceRecorder.point`): no part of the training step, so left out of
    #: :meth:`gradient_norms`.
    examples: list[str] = field(default_factory=list)

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
            if event.phase == "forward" and event.params and (
                    event.part not in self.examples):
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
