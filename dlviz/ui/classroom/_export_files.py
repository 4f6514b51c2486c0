"""Writing what the window shows to files: a widget as PNG (at any size) or SVG,
frames as an animated GIF, metric rows as CSV. No dialogs here; :func:`export_gif`
and :func:`export_csv` are safe off the GUI thread (the GIF is encoded in a job)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter, QRegion
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from dlviz.session.jobs import CancelToken


def render_image(widget: QWidget, width: int, height: int) -> QImage:
    """Draw ``widget`` into a ``width`` × ``height`` image, scaled to fit and centred.

    The widget paints itself through a scaled painter, so plots and text stay sharp
    at sizes larger than the screen.
    """
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32)
    image.fill(widget.palette().window().color())
    source = widget.size()
    scale = min(width / max(1, source.width()), height / max(1, source.height()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.translate(
        (width - source.width() * scale) / 2, (height - source.height() * scale) / 2
    )
    painter.scale(scale, scale)
    flags = QWidget.RenderFlag.DrawChildren | QWidget.RenderFlag.DrawWindowBackground
    try:
        # QWidget's render: graphics views override ``render`` with another signature
        QWidget.render(widget, painter, QPoint(), QRegion(), flags)
    finally:
        painter.end()
    return image


def export_png(
    widget: QWidget, path: str | os.PathLike, width: int, height: int
) -> None:
    if not render_image(widget, width, height).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def export_svg(widget: QWidget, path: str | os.PathLike, title: str = "dlviz") -> None:
    """Write ``widget`` as SVG (vector where the widget paints vectors)."""
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(widget.size())
    generator.setViewBox(QRect(QPoint(0, 0), widget.size()))
    generator.setTitle(title)
    painter = QPainter(generator)
    try:
        QWidget.render(
            widget, painter, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren
        )
    finally:
        painter.end()
    if not Path(path).is_file():
        raise OSError(f"could not write {path}")


def qimage_to_pil(image: QImage) -> Image.Image:
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(rgba.constBits())
    stride = rgba.bytesPerLine()
    return Image.frombuffer(
        "RGBA", (rgba.width(), rgba.height()), data, "raw", "RGBA", stride, 1
    ).copy()


def export_gif(
    frames: list[QImage],
    path: str | os.PathLike,
    fps: float = 10.0,
    token: CancelToken | None = None,
) -> int:
    """Write ``frames`` as a looping GIF; returns the number of frames written.

    Safe off the GUI thread (the frames are not touched elsewhere meanwhile). With a
    ``token`` it reports progress and stops between frames when cancelled (raising
    :class:`~dlviz.session.jobs.JobCancelled`); the file appears only when complete.
    """
    if not frames:
        raise ValueError("nothing to record yet")
    images = []
    for i, frame in enumerate(frames):
        if token is not None:
            token.check()
            token.progress(0.9 * i / len(frames))
        rgb = qimage_to_pil(frame).convert("RGB")
        images.append(rgb.quantize(colors=255, method=Image.Quantize.MEDIANCUT))
    if token is not None:
        token.check()
        token.progress(0.9)
    partial = Path(f"{os.fspath(path)}.part")
    try:
        images[0].save(
            str(partial),
            save_all=True,
            append_images=images[1:],
            duration=max(20, int(1000 / max(fps, 0.1))),
            loop=0,
            optimize=False,
            format="GIF",
        )
        if token is not None:
            token.check()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    if token is not None:
        token.progress(1.0)
    return len(images)


def export_csv(rows: list[dict[str, float]], path: str | os.PathLike) -> list[str]:
    """Write metric rows (``History.to_rows()``); returns the column names."""
    names = sorted({k for row in rows for k in row} - {"step"})
    columns = ["step", *names]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for row in rows:
            out = dict(row)
            step = out.get("step")
            if step is not None and float(step).is_integer():
                out["step"] = int(step)
            writer.writerow(out)
    return columns
