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
from dlviz.core.trace.events import GraphNode, NetworkGraph, Trace, TraceEvent
from dlviz.core.trace.sampling import TensorRecord, record_tensor

INPUT = "input"
LOSS = "loss"
_MAX_WALK = 2000


def _tensors(obj: Any) -> list[torch.Tensor]:
    """Every tensor in a nested structure of tuples, lists and dicts, in order."""
    if isinstance(obj, torch.Tensor):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [t for item in obj for t in _tensors(item)]
    if isinstance(obj, dict):
        return [t for item in obj.values() for t in _tensors(item)]
    return []


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
    """One forward call of a leaf module, waiting for its gradients."""

    role: str
    path: str
    module: nn.Module | None
    call: int
    part: str
    event: TraceEvent
    grads_out: dict[int, TensorRecord] = field(default_factory=dict)
    grad_in: TensorRecord | None = None
    emitted: bool = False


class TraceRecorder:
    """Records the events of one training step of one or more networks.

    Parameters
    ----------
    networks
        The networks by role (``{"model": net}``, ``{"D": d, "G": g}``).
    name
        Name stored on the trace.

    Use it as a context manager (or call :meth:`close`): hooks live only inside.
    """

    def __init__(self, networks: dict[str, nn.Module], name: str = "model"):
        self.networks = dict(networks)
        self.trace = Trace(name=name)
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
        for role, net in self.networks.items():
            for path, module in net.named_modules():
                for pname, p in module.named_parameters(recurse=False):
                    self._owner.setdefault(id(p), (role, path or role, pname))
                has_children = any(True for _ in module.children())
                if has_children or id(module) in self._leaf_info:
                    continue
                self._leaf_info[id(module)] = (role, path or type(module).__name__)
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
        losses = list(self._losses.values())
        if losses and "loss" not in self.trace.metrics:
            self.trace.metrics["loss"] = float(sum(losses))
        for role, value in self._losses.items():
            if len(self._losses) > 1:
                self.trace.metrics.setdefault(f"loss_{role}", value)
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
            if first_call[(call.part, call.role, call.path)] is call and call.module:
                for pname, p in call.module.named_parameters():
                    if p.grad is not None:
                        rec = record_tensor(p.grad, batched=False)
                        event.tensors[f"grad.{pname}"] = rec
                        event.norms[f"grad.{pname}"] = rec.norm
            event.formula = formulas.backward_formula(fwd.kind)
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
            )
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

    def _kind_of(self, role: str, path: str) -> str:
        net = self.networks.get(role)
        if net is None:
            return "Module"
        try:
            return type(net.get_submodule("" if path == role else path)).__name__
        except AttributeError:
            return "Module"

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

        def hook(grad: torch.Tensor) -> None:
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
        if not sources:
            previous = [c for c in self._calls[:-1]
                        if c.role == role and c.part == self.part]
            sources = [(role, previous[-1].path if previous else INPUT)]
        for src in sources:
            self._edges.append((src, (role, path)))
        if inputs and inputs[0].requires_grad:
            self._hook_input(inputs[0], call)

    def _hook_input(self, t: torch.Tensor, call: _Call) -> None:
        def hook(grad: torch.Tensor) -> None:
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
            self._hook_tensor(t, call.grads_out, i)
        if call.call == 0:
            for pname, p in module.named_parameters():
                event.tensors[f"param.{pname}"] = record_tensor(p, batched=False)
        event.formula = formulas.module_formula(
            module, event.input_shapes, event.output_shapes
        )

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
            for (src_role, src), (dst_role, dst) in self._edges:
                if dst_role != role or dst not in known:
                    continue
                if src_role != role:
                    src = INPUT
                if src == INPUT and not has_input:
                    graph.nodes.insert(0, GraphNode(INPUT, "Input", (), 0))
                    has_input = True
                    known.add(INPUT)
                if src in known and (src, dst) not in edges:
                    edges.append((src, dst))
            graph.edges = edges
            self.trace.graphs[role] = graph


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
) -> Trace:
    """Perform one training step of ``model`` on ``(x, y)`` and return its trace.

    The step is forward, ``loss_fn(out, y)``, ``zero_grad``, backward,
    ``before_update()`` (gradient clipping, when the task's ``train_step`` clips),
    ``optimizer.step()`` — the same numbers as an untraced step. The backward events
    show the gradients before ``before_update``. ``metrics`` holds ``loss`` and, for
    class scores with integer targets, ``acc``.
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
