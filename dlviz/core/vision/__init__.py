"""Chapter 7: object detection and semantic segmentation, small enough to train live.

* :mod:`~dlviz.core.vision.boxes` — boxes, IoU, anchors, offsets, matching, NMS.
* :mod:`~dlviz.core.vision.scenes` — generated scenes of digits and shapes.
* :mod:`~dlviz.core.vision.detector` — a tiny single-shot detector, its loss, mAP.
* :mod:`~dlviz.core.vision.fcn` — a tiny FCN, transposed-convolution sizes, mIoU.
"""
