"""Recording one training step as events, with forward hooks and tensor hooks.

Hooks are installed only while a recorder is open and removed when it closes, so
ordinary training steps keep PyTorch's fast path. Gradients are caught with
``tensor.register_hook`` (not ``register_full_backward_hook``, which breaks with
in-place operations such as ``ReLU(inplace=True)``). Nothing the recorder does
changes the numbers of the step: it only reads detached copies.

The general API, for a custom step (a GAN with two networks)::

    with TraceRecorder({"D": disc, "G": gen}) as rec:
        rec.begin_part("D step")
        x = rec.input(real_batch, role="D")
        loss_d = bce(disc(x), ones) + bce(disc(gen(z).detach()), zeros)
        rec.loss(loss_d, role="D")
        opt_d.zero_grad()
        rec.backward(loss_d)
        rec.update(opt_d, role="D")
        rec.begin_part("G step")
        ...
    trace = rec.trace
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from dlviz.core.trace import formulas
from dlviz.core.trace.events import (
    GraphJoin,
    GraphNode,
    NetworkGraph,
    Trace,
    TraceEvent,
)
from dlviz.core.trace.names import describe_module, node_titles
from dlviz.core.trace.sampling import TensorRecord, record_tensor

INPUT = "input"
LOSS = "loss"
_MAX_WALK = 2000
#: Operations where the outputs of several boxes meet (a join of the diagram).
_JOIN_OPS = {
    "AddBackward0": "+",
    "AddBackward1": "+",
    "SubBackward0": "−",
    "SubBackward1": "−",
    "CatBackward0": "concat",
    "StackBackward0": "stack",
    "MulBackward0": "×",
}
#: Single-input operations followed back from a module's input to find a join.
_MAX_PASS = 64


def _tensors(obj: Any) -> list[torch.Tensor]:
    """Every tensor in a nested structure of tuples, lists and dicts, in order."""
    if isinstance(obj, torch.Tensor):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [t for item in obj for t in _tensors(item)]
    if isinstance(obj, dict):
        return [t for item in obj.values() for t in _tensors(item)]
    return []


def _storage_key(t: torch.Tensor) -> tuple[str, Any, int]:
    """Tensors that share memory (views, ``.detach()``) share this key."""
    try:
        return ("storage", t.device.type, t.untyped_storage().data_ptr())
    except (RuntimeError, NotImplementedError):  # no storage (a meta tensor)
        return ("tensor", t.device.type, id(t))


def _is_bias(name: str) -> bool:
    return "bias" in name.split(".")[-1]


def count_parameters(module: nn.Module) -> tuple[int, int]:
    """(all parameters, parameters that are not biases) of ``module``."""
    total = no_bias = 0
    for name, p in module.named_parameters():
        total += p.numel()
        if not _is_bias(name):
            no_bias += p.numel()
    return total, no_bias


@dataclass
class _Call:
    """One forward call of a leaf module (or a recorded operation), waiting for its
    gradients."""

    role: str
    path: str
    module: nn.Module | None
    call: int
    part: str
    event: TraceEvent
    grads_out: dict[int, TensorRecord] = field(default_factory=dict)
    grad_in: TensorRecord | None = None
    emitted: bool = False
    #: An operation's backward formula, from its backward event.
    backward: Callable[[TraceEvent], str] | None = None


@dataclass
class _Join:
    """Where outputs of several boxes met, and the boxes that read the result."""

    op: str
    sources: list[tuple[str, str]]
    targets: list[tuple[str, str]] = field(default_factory=list)


class TraceRecorder:
    """Records the events of one training step of one or more networks.

    Parameters
    ----------
    networks
        The networks by role (``{"model": net}``, ``{"D": d, "G": g}``).
    name
        Name stored on the trace.
    roles
        What the roles are, for the diagram: ``"network"`` or ``"optimizer"`` (one
        point per optimizer in the optimizers lab).

    Use it as a context manager (or call :meth:`close`): hooks live only inside.
    """

    def __init__(
        self, networks: dict[str, nn.Module], name: str = "model",
        roles: str = "network",
    ):
        self.networks = dict(networks)
        self.trace = Trace(name=name, roles=roles)
        self.part = ""
        self._handles: list[Any] = []
        self._tensor_handles: list[Any] = []
        self._calls: list[_Call] = []
        self._counters: dict[tuple[str, str, str], int] = {}
        #: id(grad_fn) -> (role, path); the grad_fn objects are kept alive below.
        self._sources: dict[int, tuple[str, str]] = {}
        self._keep: list[Any] = []
        self._edges: list[tuple[tuple[str, str], tuple[str, str]]] = []
        self._owner: dict[int, tuple[str, str, str]] = {}
        self._inputs: list[tuple[str, TraceEvent, dict[str, TensorRecord]]] = []
        self._losses: dict[str, float] = {}
        self._leaf_info: dict[int, tuple[str, str]] = {}
        #: (role, path) -> module, the root under its box's path
        self._modules: dict[tuple[str, str], nn.Module] = {}
        self._joins: dict[int, _Join] = {}
        #: module outputs by their memory, for inputs without a grad_fn
        self._produced: dict[Any, tuple[torch.Tensor, tuple[str, str]]] = {}
        self._optimizers: dict[str, str] = {}
        for role, net in self.networks.items():
            for path, module in net.named_modules():
                has_children = any(True for _ in module.children())
                if not path:  # the root: a leaf has a box named by its class
                    path = role if has_children else type(module).__name__
                self._modules.setdefault((role, path), module)
                for pname, p in module.named_parameters(recurse=False):
                    self._owner.setdefault(id(p), (role, path, pname))
                if has_children or id(module) in self._leaf_info:
                    continue
                self._leaf_info[id(module)] = (role, path)
                self._handles.append(
                    module.register_forward_pre_hook(self._pre_hook, with_kwargs=True)
                )
                self._handles.append(
                    module.register_forward_hook(self._post_hook, with_kwargs=True)
                )

    # -- lifetime -------------------------------------------------------------------
    def __enter__(self) -> TraceRecorder:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> Trace:
        """Remove every hook, build the graphs and return the trace."""
        for handle in self._handles + self._tensor_handles:
            handle.remove()
        self._handles.clear()
        self._tensor_handles.clear()
        self._build_graphs()
        self._sources.clear()
        self._keep.clear()
        self._produced.clear()
        losses = list(self._losses.values())
        if losses and "loss" not in self.trace.metrics:
            self.trace.metrics["loss"] = float(sum(losses))
        for role, value in self._losses.items():
            if len(self._losses) > 1:
                self.trace.role_losses.setdefault(role, value)
        return self.trace

    def begin_part(self, label: str) -> None:
        """Start a sub-step (``"D step"``); call numbers restart."""
        self.part = label

    # -- events ---------------------------------------------------------------------
    def _event(
        self, phase: str, role: str, path: str, kind: str, **kw: Any
    ) -> TraceEvent:
        event = TraceEvent(
            len(self.trace.events), phase, role, path, kind, part=self.part, **kw
        )
        self.trace.events.append(event)
        return event

    def input(
        self, x: torch.Tensor, role: str = "model", target: torch.Tensor | None = None
    ) -> torch.Tensor:
        """Record the input batch of ``role``; return the tensor to feed the network.

        Floating inputs are returned as a copy that requires grad, so the diagram
        knows where the input flows and the gradient w.r.t. the input is recorded.
        """
        event = self._event(
            "input", role, INPUT, "Input", output_shapes=[tuple(x.shape)]
        )
        event.tensors["output"] = record_tensor(x)
        if target is not None:
            event.tensors["target"] = record_tensor(target)
            event.input_shapes = [tuple(target.shape)]
        event.formula = formulas.input_formula(tuple(x.shape))
        if not (x.is_floating_point() and torch.is_grad_enabled()):
            return x
        leaf = x.detach().requires_grad_(True)
        traced = leaf.clone()
        self._mark_source(traced, (role, INPUT))
        store: dict[str, TensorRecord] = {}
        self._hook_tensor(traced, store, "grad")
        self._inputs.append((role, event, store))
        return traced

    def loss(
        self,
        loss: torch.Tensor,
        role: str = "model",
        kind: str = "Loss",
        output: torch.Tensor | None = None,
        target: torch.Tensor | None = None,
    ) -> TraceEvent:
        """Record the loss of ``role`` (``output``/``target``: what it compared)."""
        value = float(loss.detach())
        pair = (output, target)
        shapes = [tuple(t.shape) for t in pair if isinstance(t, torch.Tensor)]
        event = self._event(
            "loss", role, LOSS, kind, input_shapes=shapes, output_shapes=[()]
        )
        event.scalars["loss"] = value
        if not isinstance(output, torch.Tensor):
            output = None
        if not isinstance(target, torch.Tensor):
            target = None
        if output is not None:
            event.tensors["output"] = record_tensor(output)
        if target is not None:
            event.tensors["target"] = record_tensor(target)
        event.formula = formulas.loss_formula(kind, output, target, value)
        for source in self._walk(loss.grad_fn):
            self._edges.append((source, (role, LOSS)))
        self._losses[role] = self._losses.get(role, 0.0) + value
        return event

    def backward(self, loss: torch.Tensor, **kwargs: Any) -> None:
        """``loss.backward(**kwargs)``, then record the backward events."""
        loss.backward(**kwargs)
        self.after_backward()

    def after_backward(self) -> None:
        """Record backward events for the calls that received gradients, latest first.

        Call this after a ``backward()`` you ran yourself.
        """
        pending = [c for c in self._calls if not c.emitted and c.grads_out]
        first_call: dict[tuple[str, str, str], _Call] = {}
        for call in pending:
            first_call.setdefault((call.part, call.role, call.path), call)
        for call in reversed(pending):
            call.emitted = True
            fwd = call.event
            event = self._event(
                "backward", call.role, call.path, fwd.kind, call=call.call,
                input_shapes=fwd.input_shapes, output_shapes=fwd.output_shapes,
                params=fwd.params, params_no_bias=fwd.params_no_bias,
            )
            event.pair, fwd.pair = fwd.index, event.index
            for i, rec in sorted(call.grads_out.items()):
                key = "grad_output" if i == 0 else f"grad_output.{i}"
                event.tensors[key] = rec
                event.norms[key] = rec.norm
            if call.grad_in is not None:
                event.tensors["grad_input"] = call.grad_in
                event.norms["grad_input"] = call.grad_in.norm
            module = call.module
            if first_call[(call.part, call.role, call.path)] is call and (
                module is not None
            ):
                for pname, p in module.named_parameters():
                    if p.grad is not None:
                        rec = record_tensor(p.grad, batched=False)
                        event.tensors[f"grad.{pname}"] = rec
                        event.norms[f"grad.{pname}"] = rec.norm
            if call.backward is not None:
                event.formula = call.backward(event)
            else:
                event.formula = formulas.backward_formula(fwd.kind)
            if module is not None and "cell.unit" in fwd.scalars:
                text, numbers = formulas.cell_backward(
                    module, fwd.scalars, call.grads_out
                )
                event.formula = text
                event.scalars.update(numbers)
        for role, event, store in self._inputs:
            if "grad" in store and event.pair < 0:
                back = self._event(
                    "backward", role, INPUT, "Input",
                    output_shapes=event.output_shapes,
                )
                back.tensors["grad_output"] = store["grad"]
                back.norms["grad_output"] = store["grad"].norm
                back.pair, event.pair = event.index, back.index
                back.formula = "∂L/∂x: how much each input value moves the loss"

    def update(
        self,
        optimizer: torch.optim.Optimizer,
        role: str = "model",
        step: Callable[[], Any] | None = None,
    ) -> None:
        """Run ``optimizer.step()`` (or ``step()``) and record the update events."""
        params = [p for g in optimizer.param_groups for p in g["params"]]
        before = {id(p): p.detach().clone() for p in params}
        (step or optimizer.step)()
        lr = float(optimizer.param_groups[0].get("lr", 0.0))
        name = type(optimizer).__name__
        groups: dict[tuple[str, str], list[tuple[str, torch.Tensor]]] = {}
        for p in params:
            owner = self._owner.get(id(p), (role, "?", f"param{len(groups)}"))
            groups.setdefault(owner[:2], []).append((owner[2], p))
        order = {e.node: e.index for e in reversed(self.trace.events)
                 if e.phase == "forward"}
        rule = formulas.optimizer_formula(optimizer)
        for (prole, path), plist in sorted(
            groups.items(), key=lambda kv: order.get(kv[0], 1 << 30)
        ):
            kind = self._kind_of(prole, path)
            total = sum(p.numel() for _, p in plist)
            no_bias = sum(p.numel() for n, p in plist if not _is_bias(n))
            event = self._event(
                "update", prole, path, kind, params=total, params_no_bias=no_bias,
                output_shapes=[tuple(p.shape) for _, p in plist], formula=rule,
                optimizer=name,
            )
            self._optimizers.setdefault(prole, name)
            event.scalars["lr"] = lr
            with torch.no_grad():
                for pname, p in plist:
                    old = before[id(p)]
                    for key, t in (
                        ("before", old), ("after", p.detach()), ("delta", p - old)
                    ):
                        rec = record_tensor(t, batched=False)
                        event.tensors[f"{pname}.{key}"] = rec
                        event.norms[f"{pname}.{key}"] = rec.norm
                    for skey, value in optimizer.state.get(p, {}).items():
                        if not isinstance(value, torch.Tensor):
                            continue
                        if value.numel() == 1:
                            event.scalars[f"{pname}.{skey}"] = float(value)
                        else:
                            rec = record_tensor(value, batched=False)
                            event.tensors[f"{pname}.{skey}"] = rec
                            event.norms[f"{pname}.{skey}"] = rec.norm

    def point(
        self,
        model: nn.Module,
        x: torch.Tensor,
        y: torch.Tensor,
        loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
        *,
        role: str = "model",
        part: str = "",
        kind: str = "Loss",
    ) -> tuple[float, list[TraceEvent]]:
        """Record one example ``x`` (a batch of one, target ``y``) through ``model``:
        its input, forward, loss and backward events as the part ``part``, so every
        sample the trace keeps is this example's own (its pre-activations, its
        activations, the gradient of its loss at each layer).

        Nothing changes: the model runs in eval mode (no dropout) and is put back,
        nothing is updated, the parameters' gradients are put back as they were, and
        this loss is not counted in the trace's ``loss`` metric nor its gradients in
        :meth:`Trace.gradient_norms` (``part`` joins :attr:`Trace.examples`).
        Returns the loss and the events recorded.
        """
        if not part:
            raise ValueError("an example needs a part of its own (a label)")
        first = len(self.trace.events)
        if part not in self.trace.examples:
            self.trace.examples.append(part)
        saved = [(p, p.grad) for p in model.parameters()]
        losses = dict(self._losses)
        previous, was = self.part, model.training
        self.begin_part(part)
        model.eval()
        try:
            for p, _ in saved:
                p.grad = None
            with torch.enable_grad():
                traced = self.input(x, role=role, target=y)
                out = model(traced)
                loss = loss_fn(out, y)
                self.loss(loss, role=role, kind=kind, output=out, target=y)
                self.backward(loss)
        finally:
            model.train(was)
            for p, grad in saved:
                p.grad = grad
            self._losses = losses
            self.begin_part(previous)
        return float(loss.detach()), self.trace.events[first:]

    def _kind_of(self, role: str, path: str) -> str:
        module = self._modules.get((role, path))
        return type(module).__name__ if module is not None else "Module"

    # -- operations that are no modules ---------------------------------------------
    def operation(
        self,
        name: str,
        output: torch.Tensor,
        role: str = "model",
        kind: str = "",
        *,
        formula: str = "",
        scalars: dict[str, float] | None = None,
        tensors: dict[str, torch.Tensor] | None = None,
        backward: Callable[[TraceEvent], str] | None = None,
    ) -> TraceEvent:
        """Record a step of the forward pass that is no module: a forward event and a
        box ``name`` in the diagram, fed by the boxes ``output`` depends on and
        feeding those that read ``output`` (the VAE's sampling z = μ + σ·ε, a KL
        term). Its backward event holds the gradient reaching ``output``; its
        formula is ``backward(event)`` when given. ``tensors`` are recorded as
        batches when they have two or more dimensions.
        """
        key = (self.part, role, name)
        call_no = self._counters.get(key, 0)
        self._counters[key] = call_no + 1
        event = self._event(
            "forward", role, name, kind or name, call=call_no,
            output_shapes=[tuple(output.shape)], formula=formula,
        )
        for tname, t in (tensors or {}).items():
            event.tensors[tname] = record_tensor(t)
        event.tensors["output"] = record_tensor(output)
        event.scalars.update(scalars or {})
        call = _Call(role, name, None, call_no, self.part, event, backward=backward)
        self._calls.append(call)
        sources = self._walk(output.grad_fn) if output.requires_grad else []
        for src in sources or [(role, INPUT)]:
            self._edges.append((src, (role, name)))
        self._mark_source(output, (role, name))
        self._tag(output, (role, name))
        self._hook_tensor(output, call.grads_out, 0)
        return event

    # -- hooks ----------------------------------------------------------------------
    def _mark_source(self, t: torch.Tensor, node: tuple[str, str]) -> None:
        fn = t.grad_fn
        if fn is not None:
            self._sources[id(fn)] = node
            self._keep.append(fn)

    def _hook_tensor(
        self, t: torch.Tensor, store: dict, key: Any
    ) -> None:
        if not t.requires_grad:
            return

        def hook(grad: torch.Tensor | None) -> None:
            if grad is not None:  # a custom Function may pass None for an unused output
                store[key] = record_tensor(grad)

        self._tensor_handles.append(t.register_hook(hook))

    def _walk(self, fn: Any) -> list[tuple[str, str]]:
        """Recorded module outputs (and inputs) that ``fn`` depends on."""
        found: list[tuple[str, str]] = []
        stack, seen = [fn], set()
        while stack and len(seen) < _MAX_WALK:
            fn = stack.pop()
            if fn is None or id(fn) in seen:
                continue
            seen.add(id(fn))
            node = self._sources.get(id(fn))
            if node is not None:
                if node not in found:
                    found.append(node)
                continue
            stack.extend(next_fn for next_fn, _ in fn.next_functions)
        return found

    def _find_join(self, fn: Any) -> tuple[Any, str, list[tuple[str, str]]] | None:
        """The sum or concatenation where outputs of two or more boxes meet just
        before a module's input: (its grad_fn, its sign, the boxes), else None.

        Followed back from the input through operations with one differentiable
        input (reshapes, an activation function, a scalar factor).
        """
        for _ in range(_MAX_PASS):
            if fn is None or id(fn) in self._sources:
                return None
            nexts = [f for f, _ in fn.next_functions
                     if f is not None and type(f).__name__ != "AccumulateGrad"]
            if len(nexts) == 1:
                fn = nexts[0]
                continue
            op = _JOIN_OPS.get(type(fn).__name__)
            if len(nexts) < 2 or op is None:
                return None
            sources = self._walk(fn)
            return (fn, op, sources) if len(sources) >= 2 else None
        return None

    def _pre_hook(self, module: nn.Module, args: tuple, kwargs: dict) -> None:
        role, path = self._leaf_info[id(module)]
        inputs = _tensors(args) + _tensors(kwargs)
        key = (self.part, role, path)
        call_no = self._counters.get(key, 0)
        self._counters[key] = call_no + 1
        total, no_bias = count_parameters(module)
        event = self._event(
            "forward", role, path, type(module).__name__, call=call_no,
            input_shapes=[tuple(t.shape) for t in inputs],
            params=total, params_no_bias=no_bias,
        )
        call = _Call(role, path, module, call_no, self.part, event)
        self._calls.append(call)
        if inputs:
            event.tensors["input"] = record_tensor(inputs[0])
        sources: list[tuple[str, str]] = []
        for t in inputs:
            for src in self._walk(t.grad_fn):
                if src not in sources:
                    sources.append(src)
        if not sources:  # no gradient path: a detached output, or the data itself
            for t in inputs:
                src = self._producer(t)
                if src is not None and src not in sources:
                    sources.append(src)
        if not sources:
            sources = [(role, INPUT)]
        for src in sources:
            self._edges.append((src, (role, path)))
        for t in inputs:
            found = self._find_join(t.grad_fn)
            if found is None:
                continue
            fn, op, join_sources = found
            join = self._joins.get(id(fn))
            if join is None:
                join = self._joins[id(fn)] = _Join(op, join_sources)
                self._keep.append(fn)
            if (role, path) not in join.targets:
                join.targets.append((role, path))
        if inputs and inputs[0].requires_grad:
            self._hook_input(inputs[0], call)

    def _tag(self, t: torch.Tensor, node: tuple[str, str]) -> None:
        """Remember that ``node`` produced ``t`` (for readers without a grad_fn).

        The tensor is kept until the recorder closes, so its memory cannot be
        reused by another tensor meanwhile.
        """
        self._produced[_storage_key(t)] = (t, node)

    def _producer(self, t: torch.Tensor) -> tuple[str, str] | None:
        """The box whose output ``t`` is or is a view of (``.detach()``, ``.view``,
        a slice): they share its storage."""
        entry = self._produced.get(_storage_key(t))
        return entry[1] if entry is not None else None

    def _hook_input(self, t: torch.Tensor, call: _Call) -> None:
        def hook(grad: torch.Tensor | None) -> None:
            if grad is not None:
                call.grad_in = record_tensor(grad)

        self._tensor_handles.append(t.register_hook(hook))

    def _post_hook(
        self, module: nn.Module, args: tuple, kwargs: dict, output: Any
    ) -> None:
        call = next(c for c in reversed(self._calls) if c.module is module)
        event = call.event
        outputs = _tensors(output)
        event.output_shapes = [tuple(t.shape) for t in outputs]
        for i, t in enumerate(outputs):
            event.tensors["output" if i == 0 else f"output.{i}"] = record_tensor(t)
            self._mark_source(t, (call.role, call.path))
            self._tag(t, (call.role, call.path))
            self._hook_tensor(t, call.grads_out, i)
        if call.call == 0:
            for pname, p in module.named_parameters():
                event.tensors[f"param.{pname}"] = record_tensor(p, batched=False)
        event.formula = formulas.module_formula(
            module, event.input_shapes, event.output_shapes
        )
        cell = formulas.cell_forward(module, args, kwargs, outputs, call.call)
        if cell is not None:  # the equations with the numbers
            text, numbers = cell
            event.formula = text
            event.scalars.update(numbers)

    # -- graphs ---------------------------------------------------------------------
    def _build_graphs(self) -> None:
        for role in self.networks:
            graph = NetworkGraph(role)
            nodes: dict[str, GraphNode] = {}
            for event in self.trace.events:
                drawn = event.phase in ("input", "forward", "loss")
                if event.role != role or not drawn:
                    continue
                node = nodes.get(event.path)
                if node is None:
                    shape = event.output_shapes[0] if event.output_shapes else ()
                    if event.phase == "input":
                        shape = event.output_shapes[0]
                    node = GraphNode(event.path, event.kind, shape, event.params)
                    nodes[event.path] = node
                node.events.append(event.index)
            has_input = INPUT in nodes
            ordered = ([nodes.pop(INPUT)] if has_input else [])
            loss_node = nodes.pop(LOSS, None)
            ordered += list(nodes.values()) + ([loss_node] if loss_node else [])
            graph.nodes = ordered
            known = {n.path for n in ordered}
            edges: list[tuple[str, str]] = []
            # boxes whose output another network reads (a generator's last layer)
            exits = list(dict.fromkeys(
                src for (src_role, src), (dst_role, _) in self._edges
                if src_role == role and dst_role != role and src in known
            ))
            for (src_role, src), (dst_role, dst) in self._edges:
                if dst_role != role or dst not in known:
                    continue
                sources = [src]
                if src_role != role:  # this network's loss through another one
                    sources = exits if dst == LOSS and exits else [INPUT]
                for src in sources:
                    self._add_edge(graph, edges, known, src, dst)
            graph.edges = edges
            self.trace.graphs[role] = graph
            graph.joins = self._graph_joins(role, known)
            graph.optimizer = self._optimizers.get(role, "")
            self._name_nodes(role, graph)

    @staticmethod
    def _add_edge(graph: NetworkGraph, edges: list, known: set[str], src: str,
                  dst: str) -> None:
        if src == INPUT and INPUT not in known:
            graph.nodes.insert(0, GraphNode(INPUT, "Input", (), 0))
            known.add(INPUT)
        if src in known and (src, dst) not in edges:
            edges.append((src, dst))

    def _graph_joins(self, role: str, known: set[str]) -> list[GraphJoin]:
        """The joins of one network; a join met again (a module called once per
        time step) is drawn once."""
        order = {n.path: i for i, n in enumerate(self.trace.graphs[role].nodes)} \
            if role in self.trace.graphs else {}
        merged: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for join in self._joins.values():
            targets = [p for r, p in join.targets if r == role and p in known]
            sources = list(dict.fromkeys(
                p if r == role else INPUT for r, p in join.sources
            ))
            sources = [p for p in sources if p in known]
            if not targets or len(sources) < 2:
                continue
            sources.sort(key=lambda p: order.get(p, 0))
            found = merged.setdefault((join.op, tuple(sources)), [])
            found += [t for t in targets if t not in found]
        return [
            GraphJoin(f"@{i + 1}", op, list(sources), targets)
            for i, ((op, sources), targets) in enumerate(merged.items())
        ]

    def _name_nodes(self, role: str, graph: NetworkGraph) -> None:
        """Short titles and what each box does (see :mod:`~dlviz.core.trace.names`)."""
        modules = [n.path for n in graph.nodes
                   if (role, n.path) in self._modules and n.path not in (INPUT, LOSS)]
        titles = node_titles(modules)
        for node in graph.nodes:
            module = self._modules.get((role, node.path))
            if node.path in (INPUT, LOSS) or module is None:
                node.what = (node.kind, ())
                if node.path not in (INPUT, LOSS):  # a recorded operation
                    node.title = node.path
                continue
            node.title = titles.get(node.path, "")
            node.what = describe_module(module)


def _loss_kind(loss_fn: Callable) -> str:
    if isinstance(loss_fn, nn.Module):
        return type(loss_fn).__name__
    owner = getattr(loss_fn, "__self__", None)
    criterion = getattr(owner, "criterion", None)
    if isinstance(criterion, nn.Module):
        return type(criterion).__name__
    return "Loss"


def record_supervised_step(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    optimizer: torch.optim.Optimizer,
    name: str = "model",
    *,
    before_update: Callable[[], Any] | None = None,
    after_update: Callable[[TraceRecorder], Any] | None = None,
) -> Trace:
    """Perform one training step of ``model`` on ``(x, y)`` and return its trace.

    The step is forward, ``loss_fn(out, y)``, ``zero_grad``, backward,
    ``before_update()`` (gradient clipping, when the task's ``train_step`` clips),
    ``optimizer.step()`` — the same numbers as an untraced step. The backward events
    show the gradients before ``before_update``. ``metrics`` holds ``loss`` and, for
    class scores with integer targets, ``acc``. ``after_update(recorder)`` may
    record more with the same recorder once the step is done (a selected example
    through the updated network, :meth:`TraceRecorder.point`).
    """
    with TraceRecorder({name: model}, name=name) as rec:
        traced_x = rec.input(x, role=name, target=y)
        out = model(traced_x)
        loss = loss_fn(out, y)
        rec.loss(loss, role=name, kind=_loss_kind(loss_fn), output=out, target=y)
        optimizer.zero_grad(set_to_none=True)
        rec.backward(loss)
        if before_update is not None:
            before_update()
        rec.update(optimizer, role=name)
        if after_update is not None:
            after_update(rec)
    trace = rec.trace
    if (
        isinstance(out, torch.Tensor) and out.dim() == 2 and not y.is_floating_point()
        and y.dim() == 1 and len(y) == len(out)
    ):
        trace.metrics["acc"] = float((out.detach().argmax(1) == y).float().mean())
    return trace


def leaf_modules(model: nn.Module) -> Iterable[tuple[str, nn.Module]]:
    """``(path, module)`` of every module without children."""
    return ((p, m) for p, m in model.named_modules() if not any(m.children()))
