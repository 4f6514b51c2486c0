"""Chapter "metric": Siamese networks and knowledge distillation.

The tasks live in :mod:`dlviz.core.metric`; this module only declares the lab cards.
"""

from __future__ import annotations

from dlviz.core.labs.base import LabSpec
from dlviz.core.metric.distill import DistillationTask
from dlviz.core.metric.siamese import LOSSES, METRICS, MININGS, TOWERS, SiameseTask
from dlviz.core.params import ParamSpec

LABS = [
    LabSpec(
        key="siamese",
        title="Siamese network",
        chapter="metric",
        year=1993,
        teaches="Twin towers with shared weights map digits so that same-class "
        "pairs lie close and different-class pairs lie far apart; contrastive or "
        "triplet loss, true or pseudo Siamese.",
        stage="siamese",
        factory=SiameseTask,
        authors="Bromley et al. (1993); Hadsell, Chopra, LeCun (2006)",
        idea="Compare two inputs by the distance of their embeddings; the "
        "contrastive loss pulls positive pairs together and pushes negative "
        "pairs beyond a margin.",
        paper="Signature verification using a Siamese time delay neural network "
        "(1993); Dimensionality reduction by learning an invariant mapping (2006)",
        params=(
            ParamSpec(
                "shared",
                "Shared weights (true Siamese)",
                "bool",
                True,
                help="Off: two towers with their own weights (pseudo-Siamese).",
            ),
            ParamSpec(
                "tower",
                "Tower",
                "choice",
                "MLP",
                choices=TOWERS,
                help="The network that turns one digit into an embedding.",
            ),
            ParamSpec(
                "embed_dim",
                "Embedding size",
                "int",
                2,
                minimum=1,
                maximum=32,
                help="Numbers per embedding; above 2 the view shows a projection.",
            ),
            ParamSpec(
                "metric",
                "Distance",
                "choice",
                "euclidean",
                choices=METRICS,
                help="Euclidean: ‖a − b‖. Cosine: 1 − cos(a, b).",
            ),
            ParamSpec(
                "margin",
                "Margin m",
                "float",
                1.0,
                minimum=0.01,
                maximum=10.0,
                help="Contrastive: different-class pairs farther apart than m cost "
                "nothing. Triplet: the negative must be m farther from the anchor "
                "than the positive.",
            ),
            ParamSpec(
                "loss",
                "Loss",
                "choice",
                "contrastive",
                choices=LOSSES,
                help="Contrastive: pairs, ½d² for same class, ½·max(0, m − d)² "
                "for different. Triplet: anchor, positive, negative, "
                "max(0, d(a,p) − d(a,n) + m).",
            ),
            ParamSpec(
                "mining",
                "Triplet mining",
                "choice",
                "semi-hard",
                choices=MININGS,
                help="Triplet loss only; per anchor of a batch: random = any "
                "positive and negative; batch-hard = the farthest positive and the "
                "closest negative; semi-hard = a negative farther than the positive "
                "but inside the margin, d(a,p) < d(a,n) < d(a,p) + m.",
            ),
        ),
        training_defaults={"lr": 0.003, "batch_size": 64},
    ),
    LabSpec(
        key="distillation",
        title="Knowledge distillation",
        chapter="metric",
        year=2015,
        teaches="A small student learns from a big teacher's soft labels and beats "
        "the same student trained on hard labels only.",
        stage="distillation",
        factory=DistillationTask,
        authors="Hinton, Vinyals, Dean",
        idea="Soft labels at a high temperature carry how similar the classes are; "
        "the student matches them and the true labels.",
        paper="Distilling the knowledge in a neural network (2015)",
        params=(
            ParamSpec(
                "temperature",
                "Temperature T",
                "float",
                4.0,
                minimum=0.1,
                maximum=50.0,
                help="Softmax of z / T: higher T gives flatter soft labels.",
            ),
            ParamSpec(
                "alpha",
                "Soft-label weight α",
                "float",
                0.9,
                minimum=0.0,
                maximum=1.0,
                help="Loss = α·T²·KL(teacher ‖ student) + (1 − α)·CE(label).",
            ),
            ParamSpec(
                "student_hidden",
                "Student hidden units",
                "int",
                16,
                minimum=1,
                maximum=512,
                help="The student is an MLP 64 → hidden → 10.",
            ),
            ParamSpec(
                "student_samples",
                "Labelled digits for the students",
                "int",
                150,
                minimum=0,
                maximum=5000,
                group="data",
                help="Training digits the students see (0: all); the teacher "
                "saw all of them.",
            ),
        ),
        training_defaults={"lr": 0.01, "batch_size": 32},
    ),
]
