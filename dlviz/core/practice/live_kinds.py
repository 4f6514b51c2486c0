"""The live question kinds, one or more per chapter: each reads the snapshot the lab
shows (made on the engine's thread by the lab's own code) and asks about a value of
the run at that step. See :mod:`dlviz.core.practice.live`."""

from __future__ import annotations

import math
import random

import numpy as np
import torch

from dlviz.core.practice.live import (
    apart,
    box_iou_draft,
    finite,
    live_kind,
    need,
    num,
    pick,
    vector,
)
from dlviz.core.practice.model import CHOICE, Draft, Link, NoQuestion

GAP = 0.01  # choices shown with three decimals stay apart
IMAGE_LABS = ("lenet5", "alexnet", "nin", "googlenet", "vgg", "resnet", "mobilenet",
              "colour_shapes")


# -- neural network basics -------------------------------------------------------------
@live_kind("mlp.live_unit", "mlp", ("mlp2d",))
def live_unit(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """A first-layer unit's output for a training point, from the current weights."""
    from dlviz.core.labs.mlp import ACTIVATIONS
    from dlviz.core.mlp_features import feature_columns

    network, points = need(snap, "network", "train_x")
    weights, biases = network["weights"][0], network["biases"][0]
    names = tuple(network["features"])
    if len(names) > 3 or not len(points) or not len(weights):
        raise NoQuestion("too many inputs to compute by hand")
    unit = rng.randrange(len(weights))
    index = rng.randrange(len(points))
    point = points[index]
    x = feature_columns(torch.as_tensor(point[None, :], dtype=torch.float32),
                        names)[0].double().numpy()
    w = weights[unit].astype(np.float64)
    b = float(biases[unit])
    z = float(w @ x + b)
    act_name = network["activation"]

    def act(v: float) -> float:
        return float(ACTIVATIONS[act_name]()(torch.tensor([v], dtype=torch.float64)))

    value = act(z)
    finite(value, z)
    terms = " + ".join(f"{_b(num(a))}·{_b(num(v))}" for a, v in zip(w, x))
    wrong = [(z, "That is z = w·x + b before the activation."),
             (act(z - b), "The bias b is added before the activation."),
             (act(-z), "Check the signs of the products w·x.")]
    return Draft(
        "At step {step}, hidden unit {unit} (counting from the top) of the first "
        "hidden layer has weights "
        "w = {w} on the inputs {names} and bias b = {b}; its activation is {act}. "
        "For the training point with inputs {x}, what is the unit's output?",
        dict(unit=str(unit + 1), w=vector(w), names=", ".join(names), b=num(b),
             act=act_name, x=vector(x)),
        value, "z = w·x + b = {terms} + {b} = {z}; {act}({z}) = {answer}",
        Link(lab, panel="network"), apart(value, wrong, GAP), form=CHOICE,
        solution_args=dict(z=z, answer=value, terms=terms),
        where=dict(unit=unit, point=index))


def _b(text: str) -> str:
    """A negative number inside a product goes in brackets."""
    return f"({text})" if text.startswith("-") else text


# -- optimization ----------------------------------------------------------------------
@live_kind("optim.live_sgd", "optim", ("optimizers",))
def live_sgd(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """Plain SGD's last step on the loss surface: θ − η·g, the lab's next point."""
    from dlviz.core.optim_surfaces import SURFACES

    names, paths, lrs, status = need(snap, "names", "paths", "lrs", "status")
    if "SGD" not in names or float(snap.get("noise", 0.0)) != 0.0:
        raise NoQuestion("no noiseless plain SGD in this race")
    k = list(names).index("SGD")
    path = np.asarray(paths[k], dtype=np.float64)
    surface = SURFACES.get(str(snap.get("surface_name", "")))
    if status[k] != "" or len(path) < 2 or surface is None:
        raise NoQuestion("SGD has not moved yet")
    before, after = path[-2], path[-1]
    xy = torch.tensor(before, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(surface.value(xy), xy)
    g = grad.numpy()
    lr = float(lrs[k])
    if not np.allclose(before - lr * g, after, rtol=1e-3, atol=1e-4):
        raise NoQuestion("the last step did not use the current learning rate")
    finite(*after, *g)

    def point(v) -> str:
        return vector(v, 4)

    wrong = [(point(before + lr * g), "SGD steps against the gradient: θ − η·g."),
             (point(before - g), "The gradient is scaled by the learning rate η."),
             (point(before), "The step changes θ by −η·g.")]
    value = point(after)
    return Draft(
        "At step {step} plain SGD (η = {lr}) on the {surface} surface was at "
        "θ = {theta}, where the gradient is g = {g}. Where is it after its step?",
        dict(lr=f"{lr:g}", surface=str(snap["surface_name"]), theta=point(before),
             g=vector(g, 4)),
        value, "θ − η·g = {theta} − {lr}·{g} = {answer}",
        Link(lab, panel="update rule"), [w for w in wrong if w[0] != value],
        form=CHOICE, solution_args=dict(answer=value), where=dict(racer=k))


# -- convolutional networks ------------------------------------------------------------
@live_kind("cnn.live_logit_gap", "cnn", IMAGE_LABS)
def live_logit_gap(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """From two softmax probabilities of the shown image to the gap of the logits."""
    (probs,) = need(snap, "probs")
    probs = np.asarray(probs, dtype=np.float64)
    top = int(probs.argmax())
    others = [c for c in range(len(probs)) if c != top and probs[c] > 1e-4]
    other = pick(rng, others)
    pa, pb = probs[top], probs[other]
    value = math.log(pa / pb)
    finite(value)
    wrong = [(pa - pb, "Probabilities are not logits: take the log of their "
              "ratio."), (pa / pb, "The ratio of the probabilities is e^(z_a − z_b): "
                          "take its logarithm."),
             (math.log10(pa / pb), "Softmax uses e: the natural logarithm.")]
    return Draft(
        "At step {step} the network's softmax gives the shown image p({a}) = {pa} and "
        "p({b}) = {pb}. By how much does the logit z_{a} exceed z_{b}?",
        dict(a=str(top), b=str(other), pa=num(pa, 4), pb=num(pb, 4)),
        value, "p_a / p_b = e^(z_a − z_b), so z_a − z_b = ln({pa} / {pb}) = {answer}",
        Link(lab, panel="predictions"), apart(value, wrong, GAP), form=CHOICE,
        solution_args=dict(answer=value), where=dict(a=top, b=other))


# -- detection and segmentation --------------------------------------------------------
@live_kind("vision.live_mask_iou", "vision", ("segmentation", "unet"))
def live_mask_iou(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The IoU of one class in the shown image, predicted mask against the truth."""
    from dlviz.core.vision.fcn import confusion_matrix, segmentation_scores

    mask, predicted, names = need(snap, "mask", "predicted", "class_names")
    truth_t, pred_t = torch.as_tensor(mask), torch.as_tensor(predicted)
    scores = segmentation_scores(confusion_matrix(pred_t, truth_t, len(names)))
    present = [c for c in range(len(names))
               if np.isfinite(scores["iou"][c])
               and ((mask == c) & (predicted == c)).any()]
    shapes = [c for c in present if c > 0]  # the background only when no shape
    c = pick(rng, shapes or present)
    value = float(scores["iou"][c])
    t, p = int((mask == c).sum()), int((predicted == c).sum())
    both = int(((mask == c) & (predicted == c)).sum())
    wrong = [(both / t, "Divide by the union, not by the true mask."),
             (2 * both / max(1, t + p), "That is the Dice score."),
             (both / max(1, t + p), "The union counts the overlap once: subtract it.")]
    return Draft(
        "At step {step}, in the shown image, the class {name} covers {t} pixels of "
        "the true mask and {p} of the predicted mask; {both} pixels are in both. What "
        "is the class's IoU in this image?",
        dict(name=str(names[c]), t=t, p=p, both=both), value,
        "IoU = both / (true + predicted − both) = {both} / ({t} + {p} − {both}) = "
        "{answer}",
        Link(lab, panel="true mask"), apart(value, wrong, GAP, 0.0, 1.0), form=CHOICE,
        solution_args=dict(answer=value), where=dict(cls=c))


@live_kind("vision.live_box_iou", "vision", ("detection",))
def live_box_iou(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The IoU of a kept prediction and the ground-truth box it overlaps most."""
    boxes, gt = need(snap, "pred_boxes", "gt_boxes")
    keep = snap.get("pred_keep")
    if keep is not None:  # the boxes NMS kept (those drawn "after NMS")
        boxes = boxes[np.asarray(keep, dtype=np.int64)]
    if not len(boxes) or not len(gt):
        raise NoQuestion("the detector keeps no box yet")
    return box_iou_draft(
        rng, lab, boxes, gt,
        "At step {step} the detector keeps the box {a} (x1, y1, x2, y2) for the "
        "ground-truth box {b}. What is their IoU?", "after NMS", "box", GAP)


# -- recurrent networks ----------------------------------------------------------------
def _unit_and_time(rng: random.Random, values: np.ndarray) -> tuple[int, int]:
    """A unit and a time index (not the first) of a (units, steps) heat map; the
    prompts count as the stage does: units from 0, time steps t from 1."""
    units, steps = values.shape
    if steps < 2 or units < 1:
        raise NoQuestion("too short a sequence")
    return rng.randrange(units), rng.randrange(1, min(steps, 12))


@live_kind("rnn.live_state", "rnn", ("lstm", "gru"))
def live_state(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The new cell state (LSTM) or hidden state (GRU) from the shown gate values."""
    cell, gates = need(snap, "cell", "gates")
    if cell == "lstm":
        f, i, g, c = (gates[k].astype(np.float64) for k in ("f", "i", "g", "c"))
        u, t = _unit_and_time(rng, c)
        value = float(c[u, t])
        fv, iv, gv, cv = f[u, t], i[u, t], g[u, t], c[u, t - 1]
        finite(value, fv, iv, gv, cv)
        wrong = [(fv * cv, "The input gate adds i·g."),
                 (fv * cv * iv * gv, "The two terms are added, not multiplied."),
                 (iv * cv + fv * gv, "The forget gate scales the old state, the "
                  "input gate the candidate.")]
        return Draft(
            "At step {step}, the LSTM's unit {u} at time t = {t} of the shown "
            "sequence has forget gate f = {f}, input gate i = {i}, candidate g = {g} "
            "and previous cell state c = {c}. What is its new cell state?",
            dict(u=str(u), t=str(t + 1), f=num(fv), i=num(iv), g=num(gv), c=num(cv)),
            value, "c_t = f·c_(t−1) + i·g = {f}·{c} + {i}·{g} = {answer}",
            Link(lab, panel="gate c"), apart(value, wrong, GAP), form=CHOICE,
            solution_args=dict(answer=value), where=dict(gate="c", unit=u, t=t))
    if cell != "gru":
        raise NoQuestion("no gates to combine")
    z, n, h = (gates[k].astype(np.float64) for k in ("z", "n", "h"))
    u, t = _unit_and_time(rng, h)
    value = float(h[u, t])
    zv, nv, hv = z[u, t], n[u, t], h[u, t - 1]
    finite(value, zv, nv, hv)
    wrong = [(zv * nv + (1 - zv) * hv, "PyTorch's convention: z keeps the old state, "
              "h = (1 − z)·n + z·h."), (nv, "The update gate mixes in the old state."),
             ((1 - zv) * nv, "The term z·h_(t−1) is missing.")]
    return Draft(
        "At step {step}, the GRU's unit {u} at time t = {t} of the shown sequence has "
        "update gate z = {z}, candidate n = {n} and previous hidden state h = {h}. "
        "What is its new hidden state (PyTorch's convention)?",
        dict(u=str(u), t=str(t + 1), z=num(zv), n=num(nv), h=num(hv)), value,
        "h_t = (1 − z)·n + z·h_(t−1) = (1 − {z})·{n} + {z}·{h} = {answer}",
        Link(lab, panel="gate h"), apart(value, wrong, GAP), form=CHOICE,
        solution_args=dict(answer=value), where=dict(gate="h", unit=u, t=t))


@live_kind("rnn.live_gate", "rnn", ("rnn", "lstm", "gru"))
def live_gate(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """A gate's value from its recorded pre-activation (σ for gates, tanh for the
    candidate and the plain RNN's state)."""
    gates, pre = need(snap, "gates", "preacts")
    names = [k[4:] for k in pre if k[4:] in gates]
    name = pick(rng, names)
    squash = "tanh" if name in ("g", "n", "h") else "σ"
    values, pres = gates[name].astype(np.float64), pre[f"pre_{name}"].astype(np.float64)
    u, t = _unit_and_time(rng, values)
    value, a = float(values[u, t]), float(pres[u, t])
    finite(value, a)
    other = 1 / (1 + math.exp(-a)) if squash == "tanh" else math.tanh(a)
    wrong = [(other, "Gates use the sigmoid (0 … 1); the candidate and the plain "
              "RNN's state use tanh."), (a, "The pre-activation still goes through "
                                         "the squashing function."),
             (1 - value, "Compute the function itself, not its complement.")]
    return Draft(
        "At step {step}, the {cell} unit {u} at time t = {t} of the shown sequence "
        "has the pre-activation {a} for {name}. What is the value of {name}?",
        dict(cell=str(snap.get("cell", lab)).upper(), u=str(u), t=str(t + 1),
             a=num(a), name=name), value, "{name} = {squash}({a}) = {answer}",
        Link(lab, panel=f"gate {name}"),
        apart(value, wrong, GAP, -1.0 if squash == "tanh" else 0.0, 1.0), form=CHOICE,
        solution_args=dict(squash=squash, answer=value),
        where=dict(gate=name, unit=u, t=t))


# -- attention -------------------------------------------------------------------------
_MAPS = {"encoder_attention": ("src_tokens", "src_tokens",
                                "At step {step}, in the encoder's self-attention "
                                "(layer {layer}, head {head}) of the shown sample, "),
         "decoder_attention": ("dec_tokens", "dec_tokens",
                               "At step {step}, in the decoder's masked "
                               "self-attention (layer {layer}, head {head}) of the "
                               "shown sample, "),
         "cross_attention": ("dec_tokens", "src_tokens",
                             "At step {step}, in the cross-attention (layer {layer}, "
                             "head {head}) of the shown sample, ")}
_SEQ2SEQ = ("At step {step}, in the attention matrix of the shown sample, what weight "
            "does the output '{q}' (row {i}) give to the input '{k}' (column {j})?")
_ASK = ("what weight does the query token '{q}' (position {i}) give to the key token "
        "'{k}' (position {j})?")


@live_kind("attention.live_weight", "attention", ("transformer", "seq2seq"))
def live_weight(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """Read one attention weight of the shown sample (rows are the queries)."""
    if "attention" in snap:  # seq2seq: one map, decoder steps over the source
        (weights,) = need(snap, "attention")
        # rows as the matrix labels them: the output written at that step
        queries, keys = need(snap, "out_tokens", "src_tokens")
        maps, prompt, key = weights[None, None], _SEQ2SEQ, ""
        panel = "attention matrix"
    else:
        key = pick(rng, [k for k in _MAPS if k in snap])
        q_key, k_key, opening = _MAPS[key]
        prompt = opening + _ASK
        maps = snap[key]
        queries, keys = need(snap, q_key, k_key)
        panel = "heads"
    layers, heads, rows, cols = maps.shape
    layer, head = rng.randrange(layers), rng.randrange(heads)
    rows, cols = min(rows, len(queries)), min(cols, len(keys))
    mask = snap.get("causal_mask") if key == "decoder_attention" else None
    cells = [(i, j) for i in range(rows) for j in range(cols)
             if (mask is None or not mask[i, j]) and maps[layer, head, i, j] > 0.05]
    i, j = pick(rng, cells)
    a = maps[layer, head].astype(np.float64)
    value = float(a[i, j])
    wrong = [(1.0 / cols, "The weights are not uniform: read the cell of the map.")]
    if j < rows and i < cols:
        wrong.insert(0, (float(a[j, i]), "Rows are the queries, columns the keys: "
                         "this is the weight the other way round."))
    if heads > 1:
        wrong.append((float(maps[layer, (head + 1) % heads, i, j]),
                      "That is another head's weight."))
    if rows > 1:
        wrong.append((float(a[(i + 1) % rows, j]), "That is the next query's "
                      "weight."))
    return Draft(
        prompt,
        # positions count from 0, as the stage's query selector and caption do
        dict(layer=str(layer + 1), head=str(head + 1), q=str(queries[i]),
             i=str(i), k=str(keys[j]), j=str(j)), value,
        "Row {i} (the query) of the map, column {j} (the key): {answer}; each row "
        "sums to 1.", Link(lab, panel=panel), apart(value, wrong, GAP, 0.0, 1.0),
        form=CHOICE,
        solution_args=dict(answer=value),
        where=dict(map=key or "attention", layer=layer, head=head, i=i, j=j))


# -- generative models -----------------------------------------------------------------
@live_kind("generative.live_optimal_d", "generative", ("gan1d",))
def live_optimal_d(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The optimal discriminator at one x from the two densities shown."""
    x, p_data, p_g, d_opt, d = need(snap, "x", "p_data", "p_g", "d_optimal", "d")
    both = [k for k in range(len(x)) if p_data[k] > 0.02 and p_g[k] > 0.02]
    if not both:  # the generator has not reached the data yet: D* is 0 or 1
        both = [k for k in range(len(x)) if p_data[k] + p_g[k] > 0.05]
    k = pick(rng, both)
    value = float(d_opt[k])
    pd, pg = float(p_data[k]), float(p_g[k])
    finite(value, pd, pg)
    wrong = [(pg / (pd + pg), "D* is the share of the data's density: p_data on "
              "top."), (float(d[k]), "That is the discriminator trained so far, not "
                        "the optimal one."),
             (0.5, "D* = ½ only where the generator matches the data.")]
    return Draft(
        "At step {step}, at x = {x} the data's density is p_data = {pd} and the "
        "generator's is p_g = {pg}. What does the optimal discriminator D* output "
        "there?",
        dict(x=num(x[k], 2), pd=num(pd), pg=num(pg)), value,
        "D*(x) = p_data / (p_data + p_g) = {pd} / ({pd} + {pg}) = {answer}",
        Link(lab, panel="densities"), apart(value, wrong, GAP, 0.0, 1.0), form=CHOICE,
        solution_args=dict(answer=value), where=dict(x=k))


_G_LOSS = {
    "nonsaturating": ("At step {step} the discriminator gives D(x) = {d} at x = {x}. "
                      "A generated sample lands there: what is its generator loss "
                      "with the non-saturating loss L_G = −log D(G(z))?",
                      "−log D = −log({d}) = {answer}"),
    "minimax": ("At step {step} the discriminator gives D(x) = {d} at x = {x}. A "
                "generated sample lands there: what is its generator loss with the "
                "minimax loss L_G = log(1 − D(G(z)))?",
                "log(1 − D) = log(1 − {d}) = {answer}"),
}


@live_kind("generative.live_generator_loss", "generative", ("gan1d",))
def live_generator_loss(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The generator's loss for a sample where D has the value shown (the lab's
    own loss function, on D's output)."""
    from dlviz.core.gan.losses import generator_loss

    x, d, loss = need(snap, "x", "d", "loss_kind")
    if loss not in _G_LOSS or not snap.get("d_is_probability", False):
        raise NoQuestion("D's output is not a probability with this loss")
    k = pick(rng, [i for i in range(len(x)) if 0.02 < d[i] < 0.98])
    dv = float(d[k])
    logit = torch.tensor([math.log(dv / (1.0 - dv))], dtype=torch.float64)
    value = float(generator_loss(loss, logit))
    finite(value)
    other = math.log(1 - dv) if loss == "nonsaturating" else -math.log(dv)
    wrong = [(other, "That is the other generator loss: minimax log(1 − D), "
              "non-saturating −log D."),
             (-math.log(1 - dv), "−log(1 − D) is the discriminator's loss for a "
              "fake, not the generator's."),
             (math.log(dv), "Mind the sign: the generator minimises its loss.")]
    prompt, solution = _G_LOSS[loss]
    return Draft(
        prompt, dict(d=num(dv), x=num(x[k], 2)), value, solution,
        Link(lab, panel="densities"), apart(value, wrong, GAP), form=CHOICE,
        solution_args=dict(answer=value), where=dict(x=k))


# -- Siamese networks and distillation -------------------------------------------------
@live_kind("metric.live_contrastive", "metric", ("siamese",))
def live_contrastive(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The contrastive loss of the shown pair at its current distance."""
    from dlviz.core.metric.siamese import contrastive_loss

    d, same, margin, labels = need(snap, "pair_distance", "pair_same", "margin",
                                   "pair_labels")
    if snap.get("loss_kind") != "contrastive":
        raise NoQuestion("the lab trains with another loss")
    d, m = float(d), float(margin)
    value = float(contrastive_loss(torch.tensor([d], dtype=torch.float64),
                                   torch.tensor([1.0 if same else 0.0]), m))
    finite(value)
    pull, push = 0.5 * d * d, 0.5 * max(0.0, m - d) ** 2
    wrong = [(push if same else pull, "A same pair is pulled together (½d²), a "
              "different pair pushed to the margin (½·max(0, m − d)²)."),
             (2 * value, "The loss has a factor ½."),
             (math.sqrt(2 * value), "The distance (or the gap to the margin) is "
              "squared.")]
    kind = "the same digit" if same else "different digits"
    rule = ("½·d² = ½·{d}²" if same else "½·max(0, m − d)² = ½·max(0, {m} − {d})²")
    return Draft(
        "At step {step} the shown pair ({a} and {b}: " + kind + ") is at distance "
        "d = {d}; the margin is m = {m}. What is the pair's contrastive loss?",
        dict(a=str(labels[0]), b=str(labels[1]), d=num(d), m=num(m)), value,
        rule + " = {answer}", Link(lab, panel="pair"),
        apart(value, wrong, GAP, 0.0), form=CHOICE, solution_args=dict(answer=value),
        where=dict(pair=int(snap.get("pair_index", 0))))


@live_kind("metric.live_soft_target", "metric", ("distillation",))
def live_soft_target(rng: random.Random, lab: str, snap: dict, step: int) -> Draft:
    """The student's softened probability of a class for the shown digit."""
    student, teacher, hard, t = need(snap, "student_soft", "teacher_soft",
                                     "hard_student_soft", "temperature")
    classes = [c for c in range(len(student)) if student[c] > 0.05]
    c = pick(rng, classes)
    value = float(student[c])
    wrong = [(float(teacher[c]), "That is the teacher's soft target, not the "
              "student's output."),
             (float(hard[c]), "That is the student trained on hard labels only."),
             (1.0 / len(student), "Only a very high temperature makes it uniform.")]
    return Draft(
        "At step {step}, after the softmax at T = {t}, what probability does the "
        "distilled student give the shown digit's class {c}?",
        dict(t=f"{float(t):g}", c=str(c)), value,
        "softmax(z / T) of the student's logits, class {c}: {answer}",
        Link(lab, panel="soft targets"), apart(value, wrong, GAP, 0.0, 1.0),
        form=CHOICE,
        solution_args=dict(answer=value), where=dict(cls=c))


# the kinds of the other labs (registered on import)
from dlviz.core.practice import live_more  # noqa: E402, F401
