"""Siamese networks on pairs of digits: shared towers, distances, contrastive loss.

Two images go through the same tower (one set of weights: a *true* Siamese net) or
through two towers of the same shape with their own weights (a *pseudo*-Siamese
net). The distance between the two embeddings says "same class" when it is below a
threshold. The contrastive loss of Hadsell, Chopra and LeCun (2006) pulls positive
pairs together and pushes negative pairs apart until they are ``margin`` apart::

    L = y · ½ d²  +  (1 − y) · ½ max(0, m − d)²      (y = 1: same class)

The triplet loss (Schroff, Kalenichenko, Philbin 2015, FaceNet) compares two
distances from one anchor instead: a positive (same class) must be closer than a
negative (another class) by at least the margin::

    L = max(0, d(a, p) − d(a, n) + m)

Which positive and negative each anchor of a batch gets is the *mining*:
``random`` (any of them), ``batch-hard`` (Hermans, Beyer, Leibe 2017: the farthest
positive and the closest negative in the batch) or ``semi-hard`` (FaceNet: a
negative farther than the positive but still inside the margin,
d(a, p) < d(a, n) < d(a, p) + m).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import torch
from torch import nn

from dlviz.core.data.digits import load_digits_images
from dlviz.core.train.optim import build_optimizer
from dlviz.core.train.task import LabTask

METRICS: tuple[str, ...] = ("euclidean", "cosine")
TOWERS: tuple[str, ...] = ("CNN", "MLP")
LOSSES: tuple[str, ...] = ("contrastive", "triplet")
MININGS: tuple[str, ...] = ("random", "batch-hard", "semi-hard")
#: Digits per class in a triplet batch (P classes × K digits, Hermans et al.).
PER_CLASS = 4
_EPS = 1e-12


def euclidean_distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Row-wise ``‖a − b‖₂`` of (N, D) embeddings; differentiable at 0."""
    return torch.sqrt(((a - b) ** 2).sum(dim=1) + _EPS)


def cosine_distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Row-wise ``1 − cos(a, b)``: 0 for the same direction, 2 for opposite ones."""
    return 1.0 - nn.functional.cosine_similarity(a, b, dim=1, eps=1e-8)


def pair_distance(a: torch.Tensor, b: torch.Tensor, metric: str) -> torch.Tensor:
    """Distance by name: ``"euclidean"`` or ``"cosine"``."""
    if metric == "euclidean":
        return euclidean_distance(a, b)
    if metric == "cosine":
        return cosine_distance(a, b)
    raise ValueError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")


def contrastive_loss(
    distance: torch.Tensor, same: torch.Tensor, margin: float
) -> torch.Tensor:
    """Mean contrastive loss of pairs (Hadsell, Chopra, LeCun 2006).

    Parameters
    ----------
    distance
        (N,) distances between the two embeddings of each pair.
    same
        (N,) 1 for a positive pair (same class), 0 for a negative pair.
    margin
        Negative pairs farther apart than this cost nothing.
    """
    same = same.to(distance.dtype)
    pull = same * 0.5 * distance**2
    push = (1.0 - same) * 0.5 * torch.clamp(margin - distance, min=0.0) ** 2
    return (pull + push).mean()


def triplet_loss(
    d_ap: torch.Tensor, d_an: torch.Tensor, margin: float
) -> torch.Tensor:
    """Mean triplet loss ``max(0, d(a, p) − d(a, n) + m)`` of (N,) distances."""
    return torch.clamp(d_ap - d_an + margin, min=0.0).mean()


def distance_matrix(a: torch.Tensor, b: torch.Tensor, metric: str) -> torch.Tensor:
    """(N, M) distances from every row of ``a`` to every row of ``b``."""
    n, m = len(a), len(b)
    rows = a.unsqueeze(1).expand(n, m, a.shape[1]).reshape(n * m, -1)
    cols = b.unsqueeze(0).expand(n, m, b.shape[1]).reshape(n * m, -1)
    return pair_distance(rows, cols, metric).reshape(n, m)


def mine_triplets(
    dist: torch.Tensor,
    labels: torch.Tensor,
    mining: str,
    margin: float,
    generator: torch.Generator | None = None,
    rows: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Pick a positive and a negative for every anchor of a batch.

    ``dist`` is the (N, N) distance matrix of the batch (row: anchor), ``labels``
    the (N,) classes; with ``rows`` (indices of some anchors), ``dist`` holds only
    their rows, (len(rows), N). Returns ``(anchor, positive, negative)`` indices of the
    anchors that have both (another digit of their class, a digit of another
    class), and a bool mask ``semi`` telling which negatives lie in the semi-hard
    band ``d(a, p) < d(a, n) < d(a, p) + m``.

    * ``random`` — a random positive and a random negative;
    * ``batch-hard`` — the farthest positive and the closest negative;
    * ``semi-hard`` — a random positive and, of the negatives farther than it, the
      closest one (in the band when the band holds any); when no negative is
      farther than the positive, the farthest negative.
    """
    if mining not in MININGS:
        raise ValueError(f"unknown mining {mining!r}; choose from {', '.join(MININGS)}")
    dist = dist.detach()
    labels = labels.to(dist.device)
    if rows is None:
        rows = torch.arange(len(labels), device=dist.device)
    rows = rows.to(dist.device)
    same = labels[rows][:, None] == labels[None, :]
    itself = rows[:, None] == torch.arange(len(labels), device=dist.device)[None, :]
    pos_mask, neg_mask = same & ~itself, ~same
    valid = torch.nonzero(pos_mask.any(1) & neg_mask.any(1)).flatten()
    anchors = rows[valid]
    pos_mask, neg_mask, d = pos_mask[valid], neg_mask[valid], dist[valid]
    if len(anchors) == 0:
        empty = anchors.new_zeros(0)
        return empty, empty, empty, torch.zeros(0, dtype=torch.bool)

    def pick(mask: torch.Tensor) -> torch.Tensor:
        weights = mask.float().cpu()
        return torch.multinomial(weights, 1, generator=generator).flatten().to(
            dist.device)

    inf = torch.tensor(float("inf"), device=dist.device)
    if mining == "batch-hard":
        positive = torch.where(pos_mask, d, -inf).argmax(1)
    else:
        positive = pick(pos_mask)
    d_ap = d.gather(1, positive[:, None])
    if mining == "random":
        negative = pick(neg_mask)
    elif mining == "batch-hard":
        negative = torch.where(neg_mask, d, inf).argmin(1)
    else:
        farther = neg_mask & (d > d_ap)
        closest_farther = torch.where(farther, d, inf).argmin(1)
        farthest = torch.where(neg_mask, d, -inf).argmax(1)
        negative = torch.where(farther.any(1), closest_farther, farthest)
    d_an = d.gather(1, negative[:, None])
    semi = ((d_ap < d_an) & (d_an < d_ap + margin)).flatten().cpu()
    return anchors, positive, negative, semi


def best_threshold(
    distance: np.ndarray, same: np.ndarray
) -> tuple[float, float]:
    """The threshold that best separates the pairs, and its accuracy.

    A pair is called "same" when its distance is below the threshold. Every cut
    between two sorted distances is tried; the threshold is the midpoint of the cut.
    """
    distance = np.asarray(distance, dtype=np.float64)
    same = np.asarray(same).astype(bool)
    n = len(distance)
    if n == 0:
        return 0.0, 0.0
    order = np.argsort(distance, kind="stable")
    d, s = distance[order], same[order]
    # k pairs below the cut (k = 0..n): correct = positives below + negatives above
    pos_below = np.concatenate([[0], np.cumsum(s)])
    neg_above = (~s).sum() - np.concatenate([[0], np.cumsum(~s)])
    correct = pos_below + neg_above
    k = int(np.argmax(correct))
    if k == 0:
        threshold = d[0] - 1e-6
    elif k == n:
        threshold = d[-1] + 1e-6
    else:
        threshold = 0.5 * (d[k - 1] + d[k])
    return float(threshold), float(correct[k] / n)


def build_tower(kind: str, embed_dim: int) -> nn.Sequential:
    """An embedding network for 1 × 8 × 8 digits: a small CNN or an MLP."""
    if kind == "CNN":
        return nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(32 * 2 * 2, 64),
            nn.ReLU(),
            nn.Linear(64, embed_dim),
        )
    if kind == "MLP":
        return nn.Sequential(
            nn.Flatten(),
            nn.Linear(64, 128),
            nn.ReLU(),
            nn.Linear(128, 64),
            nn.ReLU(),
            nn.Linear(64, embed_dim),
        )
    raise ValueError(f"unknown tower {kind!r}; choose from {', '.join(TOWERS)}")


class SiameseNet(nn.Module):
    """Two towers: the same module twice (shared) or two copies (pseudo-Siamese).

    With ``shared`` the towers are one module, so ``parameters()`` yields one set and
    the gradients of both branches add up in it.
    """

    def __init__(self, tower: nn.Module, shared: bool = True):
        super().__init__()
        self.shared = shared
        self.tower_a = tower
        self.tower_b = tower if shared else copy.deepcopy(tower)
        if not shared:  # a copy starts from its own random weights
            for module in self.tower_b.modules():
                if hasattr(module, "reset_parameters"):
                    module.reset_parameters()

    def forward(
        self, x1: torch.Tensor, x2: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        return self.tower_a(x1), self.tower_b(x2)


class PairSampler:
    """Random pairs of a labelled set, half of them positive (same class)."""

    def __init__(self, labels: torch.Tensor, generator: torch.Generator):
        self.labels = labels.cpu()
        self.generator = generator
        self.n_classes = int(self.labels.max()) + 1
        counts = torch.bincount(self.labels, minlength=self.n_classes)
        self.counts = counts
        table = torch.zeros(self.n_classes, int(counts.max()), dtype=torch.long)
        for c in range(self.n_classes):
            idx = torch.nonzero(self.labels == c).flatten()
            table[c, : len(idx)] = idx
        self.table = table

    def _member(self, classes: torch.Tensor) -> torch.Tensor:
        u = torch.rand(len(classes), generator=self.generator)
        pos = (u * self.counts[classes]).long().clamp(max=self.table.shape[1] - 1)
        return self.table[classes, pos]

    def sample(self, n: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Indices ``(i, j)`` and ``same`` (1/0) of ``n`` pairs, positives first."""
        n_pos = n // 2
        first = torch.randint(len(self.labels), (n,), generator=self.generator)
        c1 = self.labels[first]
        shift = torch.randint(1, self.n_classes, (n,), generator=self.generator)
        c2 = torch.where(
            torch.arange(n) < n_pos, c1, (c1 + shift) % self.n_classes
        )
        second = self._member(c2)
        same = (c1 == c2).float()
        return first, second, same


class SiameseTask(LabTask):
    """A Siamese net trained on digits with the contrastive loss (pairs) or the
    triplet loss (anchor, positive, negative mined from P × K batches)."""

    n_val_pairs = 600

    def __init__(self, hp: dict, device: torch.device):
        super().__init__(hp, device)
        xt, yt, xv, yv = load_digits_images(8, 0.2, int(hp["seed"]))
        self.x_train, self.y_train = xt.to(device), yt.to(device)
        self.x_val, self.y_val = xv.to(device), yv.to(device)
        self.metric = hp["metric"]
        self.margin = float(hp["margin"])
        self.loss_kind = str(hp.get("loss", "contrastive"))
        self.mining = str(hp.get("mining", "random"))
        if self.loss_kind not in LOSSES:
            raise ValueError(f"unknown loss {self.loss_kind!r}")
        if self.mining not in MININGS:
            raise ValueError(f"unknown mining {self.mining!r}")
        self.embed_dim = int(hp["embed_dim"])
        self.net = SiameseNet(
            build_tower(hp["tower"], self.embed_dim), shared=bool(hp["shared"])
        ).to(device)
        self.optimizer = build_optimizer(
            hp["optimizer"], self.net.parameters(), hp["lr"], hp["weight_decay"]
        )
        self.batch_size = int(hp["batch_size"])
        self.samples_per_step = self.batch_size
        self.steps_per_epoch = max(1, len(xt) // self.batch_size)
        self.sampler = PairSampler(yt, self.generator)
        fixed = torch.Generator().manual_seed(int(hp["seed"]) + 1234)
        i, j, same = PairSampler(yv, fixed).sample(self.n_val_pairs)
        self.val_i, self.val_j, self.val_same = i.to(device), j.to(device), same
        # fixed random validation triplets (one per validation digit) for val_loss
        a, p, n, _ = mine_triplets(
            torch.zeros(len(yv), len(yv)), yv.cpu(), "random", self.margin, fixed
        )
        self.val_triplets = (a.to(device), p.to(device), n.to(device))
        self.threshold = self.margin / 2
        self.val_accuracy = 0.5
        self.pair_index = 0

    def modules(self) -> dict[str, nn.Module]:
        return {"model": self.net}

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": self.optimizer}

    # -- training --------------------------------------------------------------------
    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """A triplet batch: ``PER_CLASS`` digits of each of batch_size / PER_CLASS
        classes (every class once before any comes again), so that every anchor
        has positives and negatives to mine."""
        s = self.sampler
        groups = -(-self.batch_size // PER_CLASS)
        order = torch.cat([
            torch.randperm(s.n_classes, generator=s.generator)
            for _ in range(-(-groups // s.n_classes))
        ])[:groups]
        classes = order.repeat_interleave(PER_CLASS)[: self.batch_size]
        index = s._member(classes)
        return self.x_train[index.to(self.device)], self.y_train[index.to(self.device)]

    def triplet_batch_loss(
        self, x: torch.Tensor, y: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Triplet loss of a batch with the task's mining; and d(a, p), d(a, n).

        The anchors go through tower A, positives and negatives through tower B
        (the same module when the weights are shared)."""
        ea = self.net.tower_a(x)
        eb = ea if self.net.shared else self.net.tower_b(x)
        return self._triplet_loss_of(ea, eb, y)

    def _triplet_loss_of(self, ea, eb, y):
        dist = distance_matrix(ea, eb, self.metric)
        a, p, n, _ = mine_triplets(dist, y, self.mining, self.margin, self.generator)
        d_ap, d_an = dist[a, p], dist[a, n]
        return triplet_loss(d_ap, d_an, self.margin), d_ap, d_an

    def _triplet_metrics(self, d_ap: torch.Tensor, d_an: torch.Tensor) -> dict:
        d_ap, d_an = d_ap.detach(), d_an.detach()
        right = torch.cat([d_ap < self.threshold, d_an >= self.threshold])
        active = (d_ap - d_an + self.margin > 0).float().mean()
        return {"acc": float(right.float().mean()), "active_triplets": float(active)}

    def next_pairs(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        i, j, same = self.sampler.sample(self.batch_size)
        return (
            self.x_train[i.to(self.device)],
            self.x_train[j.to(self.device)],
            same.to(self.device),
        )

    def pair_loss(
        self, x1: torch.Tensor, x2: torch.Tensor, same: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        e1, e2 = self.net(x1, x2)
        d = pair_distance(e1, e2, self.metric)
        return contrastive_loss(d, same, self.margin), d

    def train_step(self) -> dict[str, float]:
        self.net.train()
        if self.loss_kind == "triplet":
            x, y = self.next_batch()
            self.remember_finite()
            loss, d_ap, d_an = self.triplet_batch_loss(x, y)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            self.step += 1
            return {"loss": float(loss.detach()), **self._triplet_metrics(d_ap, d_an)}
        x1, x2, same = self.next_pairs()
        self.remember_finite()
        loss, d = self.pair_loss(x1, x2, same)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.step += 1
        return {"loss": float(loss.detach()), "acc": self._batch_acc(d, same)}

    def _batch_acc(self, d: torch.Tensor, same: torch.Tensor) -> float:
        called_same = (d.detach() < self.threshold).float()
        return float((called_same == same).float().mean())

    def trace_step(self):
        from dlviz.core.trace import TraceRecorder, formulas

        self.net.train()
        if self.loss_kind == "triplet":
            return self._trace_triplet_step()
        x1, x2, same = self.next_pairs()
        self.remember_finite()
        networks, role_a, role_b = self._trace_towers()
        with TraceRecorder(networks, name="Siamese") as rec:
            rec.begin_part("pair")
            e1 = self.net.tower_a(rec.input(x1, role=role_a))
            e2 = self.net.tower_b(rec.input(x2, role=role_b))
            d = pair_distance(e1, e2, self.metric)
            loss = contrastive_loss(d, same, self.margin)
            event = rec.loss(
                loss, role=role_a, kind="Contrastive loss", output=d, target=same
            )
            formulas.contrastive_loss_event(event, d, same, self.margin)
            self.optimizer.zero_grad(set_to_none=True)
            rec.backward(loss)
            rec.update(self.optimizer, role=role_a)
        self.step += 1
        rec.trace.metrics["acc"] = self._batch_acc(d, same)
        return rec.trace

    def _trace_towers(self) -> tuple[dict[str, nn.Module], str, str]:
        """The towers the step-through records, and the role of each: one shared
        tower (true Siamese) or towers A and B (pseudo Siamese)."""
        if self.net.shared:
            return {"tower": self.net.tower_a}, "tower", "tower"
        return ({"tower A": self.net.tower_a, "tower B": self.net.tower_b},
                "tower A", "tower B")

    def _trace_triplet_step(self):
        from dlviz.core.trace import TraceRecorder, formulas

        x, y = self.next_batch()
        self.remember_finite()
        networks, role_a, role_b = self._trace_towers()
        with TraceRecorder(networks, name="Siamese") as rec:
            rec.begin_part("triplets")
            ea = self.net.tower_a(rec.input(x, role=role_a))
            eb = ea if self.net.shared else self.net.tower_b(rec.input(x, role=role_b))
            loss, d_ap, d_an = self._triplet_loss_of(ea, eb, y)
            event = rec.loss(loss, role=role_a, kind="Triplet loss",
                             output=d_an - d_ap)
            formulas.triplet_loss_event(event, d_ap, d_an, self.margin, self.mining)
            self.optimizer.zero_grad(set_to_none=True)
            rec.backward(loss)
            rec.update(self.optimizer, role=role_a)
        self.step += 1
        rec.trace.metrics.update(self._triplet_metrics(d_ap, d_an))
        return rec.trace

    # -- evaluation ------------------------------------------------------------------
    @torch.no_grad()
    def embed_val(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Embeddings of the validation digits by tower A and by tower B."""
        was_training = self.net.training
        self.net.eval()
        try:
            a = self.net.tower_a(self.x_val)
            b = a if self.net.shared else self.net.tower_b(self.x_val)
        finally:
            self.net.train(was_training)
        return a, b

    @torch.no_grad()
    def val_distances(self) -> tuple[np.ndarray, torch.Tensor]:
        """Distances of the fixed validation pairs, and tower A's embeddings."""
        a, b = self.embed_val()
        d = pair_distance(a[self.val_i], b[self.val_j], self.metric)
        return d.cpu().numpy().astype(np.float32), a

    def evaluate(self) -> dict[str, float]:
        d, _ = self.val_distances()
        same = self.val_same.numpy()
        self.threshold, self.val_accuracy = best_threshold(d, same)
        if self.loss_kind == "triplet":
            loss = self.val_triplet_loss()
        else:
            loss = contrastive_loss(torch.from_numpy(d), self.val_same, self.margin)
        return {
            "val_loss": float(loss),
            "val_acc": self.val_accuracy,
            "threshold": self.threshold,
        }

    @torch.no_grad()
    def val_triplet_loss(self) -> float:
        """Triplet loss of the fixed random validation triplets."""
        ea, eb = self.embed_val()
        a, p, n = self.val_triplets
        d_ap = pair_distance(ea[a], eb[p], self.metric)
        d_an = pair_distance(ea[a], eb[n], self.metric)
        return float(triplet_loss(d_ap, d_an, self.margin))

    @torch.no_grad()
    def val_triplet(self, anchor: int, ea: torch.Tensor, eb: torch.Tensor,
                    plane) -> dict[str, Any]:
        """The triplet that the task's mining picks for validation digit
        ``anchor`` among all validation digits, with its points in the view."""
        dist = distance_matrix(ea[anchor : anchor + 1], eb, self.metric)
        stable = torch.Generator().manual_seed(int(self.hparams["seed"]) + anchor)
        _, p, n, semi = mine_triplets(dist, self.y_val, self.mining, self.margin,
                                      stable, rows=torch.tensor([anchor]))
        pos, neg, k = int(p[0]), int(n[0]), 0
        d_ap, d_an = float(dist[0, pos]), float(dist[0, neg])
        points = np.stack([
            plane(ea[anchor : anchor + 1].cpu().numpy())[0],
            plane(eb[pos : pos + 1].cpu().numpy())[0],
            plane(eb[neg : neg + 1].cpu().numpy())[0],
        ]).astype(np.float32)
        return {
            "index": (anchor, pos, neg),
            "images": self.x_val[[anchor, pos, neg], 0].cpu().numpy(),
            "labels": tuple(int(self.y_val[i]) for i in (anchor, pos, neg)),
            "points": points,
            "d_ap": d_ap,
            "d_an": d_an,
            "loss": max(0.0, d_ap - d_an + self.margin),
            "semi_hard": bool(semi[k]),
            # the circle of radius d(a, p) + m is true to scale only for
            # Euclidean distances in an embedding shown unprojected
            "exact": self.metric == "euclidean" and self.embed_dim <= 2,
        }

    def snapshot(self) -> dict[str, Any]:
        ea, eb = self.embed_val()
        d = pair_distance(ea[self.val_i], eb[self.val_j], self.metric)
        d = d.cpu().numpy().astype(np.float32)
        same = self.val_same.numpy().astype(bool)
        self.threshold, self.val_accuracy = best_threshold(d, same)
        plane = _plane_of(ea.cpu().numpy())
        emb_np = plane(ea.cpu().numpy())
        k = self.pair_index % len(d)
        i, j = int(self.val_i[k]), int(self.val_j[k])
        extra: dict[str, Any] = {}
        if self.loss_kind == "triplet":
            extra["triplet"] = self.val_triplet(i, ea, eb, plane)
        return {
            "embedding": emb_np.astype(np.float32),
            "labels": self.y_val.cpu().numpy(),
            "pos_dist": d[same],
            "neg_dist": d[~same],
            "margin": self.margin,
            "threshold": float(self.threshold),
            "verification_acc": float(self.val_accuracy),
            "metric": self.metric,
            "shared": bool(self.net.shared),
            "embed_dim": self.embed_dim,
            "pair_index": k,
            "pair_images": self.x_val[[i, j], 0].cpu().numpy(),
            "pair_labels": (int(self.y_val[i]), int(self.y_val[j])),
            "pair_distance": float(d[k]),
            "pair_same": bool(same[k]),
            "loss_kind": self.loss_kind,
            "mining": self.mining,
            **extra,
        }

    def handle(self, kind: str, payload: dict) -> dict:
        if kind == "pair":
            if "index" in payload:
                self.pair_index = int(payload["index"]) % self.n_val_pairs
            else:
                self.pair_index = (self.pair_index + int(payload.get("offset", 1))) % (
                    self.n_val_pairs
                )
            return {"snapshot": self.snapshot()}
        return super().handle(kind, payload)


def _plane_of(x: np.ndarray):
    """The map of (M, D) points to the view's plane, fitted on ``x``: the first two
    principal axes of ``x`` above 2-D, a zero second coordinate in 1-D, else the
    points themselves."""
    if x.shape[1] > 2:
        mean = x.mean(0, keepdims=True)
        _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
        return lambda y: ((y - mean) @ vt[:2].T).astype(np.float32)
    if x.shape[1] == 1:
        return lambda y: np.concatenate([y, np.zeros_like(y)], 1).astype(np.float32)
    return lambda y: np.asarray(y, dtype=np.float32)
