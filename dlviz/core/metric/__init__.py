"""Chapter "metric": Siamese networks (contrastive loss) and knowledge distillation.

:mod:`dlviz.core.metric.siamese` — shared-weight towers, distances, contrastive loss,
the Siamese lab task. :mod:`dlviz.core.metric.distill` — softmax with temperature,
the distillation loss, the teacher/student lab task. The lab cards are declared in
:mod:`dlviz.core.labs.metric`.
"""
