"""Writing what the window shows to files: a widget as PNG (at any size) or SVG,
frames as an animated GIF or an MP4 video (H.264), metric rows as CSV. No dialogs
here. Drawing happens on the GUI thread (:func:`render_image`, :func:`export_svg`);
:func:`export_gif`, :func:`export_video` and :func:`export_csv` are safe off it (the
GIF and the video are encoded in a job).

A PNG or a video frame of a chosen size is drawn from the widget laid out at that
size's shape for the moment of the drawing (:func:`shaped`), so the picture fills
the whole image instead of sitting between bands. An SVG is painted widget by widget
with each plot's scene rendered through the painter, so every plot keeps its clip
(curves, maps and arrows stay inside their boxes) and pyqtgraph draws its markers as
vectors (its export mode) rather than as pieces of a pixmap.

The video encoder is the ffmpeg binary that the ``imageio-ffmpeg`` package installs
(libx264); nothing is downloaded at run time.
"""

from __future__ import annotations

import csv
import math
import os
import queue
import re
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from html import escape as html_escape
from pathlib import Path

import numpy as np
import shiboken6
from PIL import Image
from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QEvent,
    QIODevice,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QRegion,
    QTransform,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsView,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from dlviz.session.jobs import CancelToken
from dlviz.ui import theme

#: Below this mismatch (fraction of a side) an image is filled by stretching the
#: drawing instead of laying the widget out anew.
_SHAPE_TOLERANCE = 0.004
#: The resolution an SVG is written at: CSS pixels, so that a font's points, and
#: pictures recorded on the screen (pyqtgraph's axes), come out at their screen size.
_DPI = 96


# -- laying a widget out at the shape of an image --------------------------------------
def fire_pending_timers(widget: QWidget, rounds: int = 3) -> None:
    """Deliver posted layout events and fire the widget's waiting single-shot timers
    now (re-tiling after a resize, drawing throttled to a few Hz such as a GAN's loss
    curves), so what is drawn next is complete. GUI thread."""
    app = QCoreApplication.instance()
    layout = QEvent.Type.LayoutRequest
    for _ in range(rounds):
        if app is not None:
            app.sendPostedEvents(None, layout)
        pending = [
            t for t in widget.findChildren(QTimer) if t.isActive() and t.isSingleShot()
        ]
        if not pending:
            break
        for timer in pending:
            timer.stop()
            timer.timeout.emit()
    if app is not None:
        app.sendPostedEvents(None, layout)


def shape_for(size: QSize, width: int, height: int, minimum: QSize) -> QSize:
    """A size of about ``size``'s area with the shape of ``width`` × ``height``,
    not below ``minimum``."""
    ratio = max(1, width) / max(1, height)
    area = max(1, size.width()) * max(1, size.height())
    w = math.sqrt(area * ratio)
    h = w / ratio
    if w < minimum.width():
        w, h = minimum.width(), minimum.width() / ratio
    if h < minimum.height():
        w, h = minimum.height() * ratio, minimum.height()
    return QSize(max(1, round(w)), max(1, round(h)))


def needs_shape(size: QSize, width: int, height: int) -> bool:
    """True when ``size`` scaled to ``width`` would miss ``height`` by a pixel or
    more (the image would show bands)."""
    if size.width() <= 0 or size.height() <= 0:
        return False
    scaled = size.height() * width / size.width()
    return abs(scaled - height) >= max(1.0, _SHAPE_TOLERANCE * height)


class Shape:
    """Lays a widget out at the shape of a ``width`` × ``height`` image from
    :meth:`enter` to :meth:`leave`: at the size it has now when that has the shape
    already, else at about the same area with that shape. The layout of its parent
    is paused meanwhile (it would put the widget back at once; with ``hold`` also
    where the size is right already, say while a message bar appears above it), and
    the widget's geometry is put back afterwards. GUI thread."""

    def __init__(self, widget: QWidget, width: int, height: int, hold: bool = False):
        self.widget = widget
        #: Keep the size even where the widget has it already (a recording).
        self.hold = hold
        size = widget.size()
        if needs_shape(size, width, height):
            minimum = widget.minimumSize().expandedTo(widget.minimumSizeHint())
            size = shape_for(size, width, height, minimum)
        #: The size the widget has from :meth:`enter` to :meth:`leave`.
        self.size = size
        self._geometry: QRect | None = None
        self._layout = None

    def enter(self) -> QSize:
        widget = self.widget
        if widget.size() == self.size and not self.hold:
            return self.size  # nothing to do (and nothing to put back)
        self._geometry = widget.geometry()
        parent = None if widget.isWindow() else widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None and layout.isEnabled():
            layout.setEnabled(False)
            self._layout = layout
        if widget.size() != self.size:
            widget.resize(self.size)
            fire_pending_timers(widget)
        self.size = widget.size()  # a window may keep its own
        return self.size

    def keep(self) -> None:
        """Give the widget its size again if something changed it."""
        if self._geometry is not None and self.widget.size() != self.size:
            self.widget.resize(self.size)
            fire_pending_timers(self.widget)

    def leave(self) -> None:
        geometry, layout = self._geometry, self._layout
        self._geometry = self._layout = None
        if geometry is None:
            return
        alive = shiboken6.isValid(self.widget)  # a lab closed meanwhile: no stage
        if alive and self.widget.geometry() != geometry:
            self.widget.setGeometry(geometry)
        if layout is not None and shiboken6.isValid(layout):
            layout.setEnabled(True)
            layout.invalidate()
            layout.activate()
        if alive:
            fire_pending_timers(self.widget)


@contextmanager
def shaped(widget: QWidget, width: int, height: int) -> Iterator[QSize]:
    """:class:`Shape` for the duration; yields the size the widget has meanwhile."""
    shape = Shape(widget, width, height)
    try:
        yield shape.enter()
    finally:
        shape.leave()


# -- pyqtgraph's export mode -----------------------------------------------------------
def graphics_views(widget: QWidget) -> list[QGraphicsView]:
    views = [widget] if isinstance(widget, QGraphicsView) else []
    return views + widget.findChildren(QGraphicsView)


@contextmanager
def export_mode(widget: QWidget, scale: float = 1.0, vectors: bool = False
                ) -> Iterator[None]:
    """Put every pyqtgraph item under ``widget`` in its export mode: markers are
    drawn one by one as shapes (scaled by ``scale``) instead of from a pixmap atlas,
    which scales badly and breaks up in an SVG. With ``vectors``, items that keep a
    pixmap of themselves (axes, labels) draw themselves afresh instead: as lines and
    text, and without the clip Qt's SVG writer would leave over them from the item
    drawn before."""
    items, cached = [], []
    options = {"antialias": True, "resolutionScale": float(scale)}
    no_cache = QGraphicsItem.CacheMode.NoCache
    for view in graphics_views(widget):
        scene = view.scene()
        if scene is None:
            continue
        for item in scene.items():
            if hasattr(item, "setExportMode"):
                item.setExportMode(True, dict(options))
                items.append(item)
            if vectors and item.cacheMode() != no_cache:
                cached.append((item, item.cacheMode()))
                item.setCacheMode(no_cache)
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)
        for item, mode in cached:
            item.setCacheMode(mode)


# -- images ----------------------------------------------------------------------------
def _paint_widget(widget: QWidget, painter: QPainter, flags) -> None:
    # QWidget's render: graphics views override ``render`` with another signature
    QWidget.render(widget, painter, QPoint(), QRegion(), flags)


def render_image(widget: QWidget, width: int, height: int) -> QImage:
    """Draw ``widget`` into a ``width`` × ``height`` image that it fills.

    The widget is laid out at the image's shape for the moment (:func:`shaped`) and
    paints itself through a scaled painter, so plots and text stay sharp at sizes
    larger than the screen. A window that refuses the shape is drawn centred.
    """
    width, height = max(1, width), max(1, height)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(widget.palette().window().color())
    with shaped(widget, width, height) as size:
        sx = width / max(1, size.width())
        sy = height / max(1, size.height())
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if needs_shape(size, width, height):  # a window the desktop keeps its size
            sx = sy = min(sx, sy)
            painter.translate(
                (width - size.width() * sx) / 2, (height - size.height() * sy) / 2
            )
        painter.scale(sx, sy)
        flags = (
            QWidget.RenderFlag.DrawChildren | QWidget.RenderFlag.DrawWindowBackground
        )
        try:
            if min(sx, sy) > 1.0:  # markers drawn as shapes, scaled with the rest
                with export_mode(widget, min(sx, sy)):
                    _paint_widget(widget, painter, flags)
            else:
                _paint_widget(widget, painter, flags)
        finally:
            painter.end()
    return image


def export_png(
    widget: QWidget, path: str | os.PathLike, width: int, height: int
) -> None:
    if not render_image(widget, width, height).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def stamp_step(image: QImage, text: str) -> None:
    """Write ``text`` (the frame's step) in a box in the image's top right corner."""
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(QCoreApplication.instance().font())
        font.setBold(True)
        font.setPixelSize(max(10, round(min(image.width(), image.height()) / 28)))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        pad = max(3, font.pixelSize() // 3)
        w = metrics.horizontalAdvance(text) + 2 * pad
        h = metrics.height() + pad
        box = QRectF(image.width() - w - pad, pad, w, h)
        background = QColor(theme.STYLE.background)
        background.setAlpha(225)
        painter.setBrush(background)
        painter.setPen(QPen(QColor(theme.STYLE.foreground), 1))
        painter.drawRoundedRect(box, pad, pad)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    finally:
        painter.end()


# -- SVG -------------------------------------------------------------------------------
def export_svg(widget: QWidget, path: str | os.PathLike, title: str = "dlviz") -> None:
    """Write ``widget`` as SVG (vector where the widget paints vectors).

    Qt's SVG writer places the clip of a child widget painted through
    ``QWidget.render`` where the child would sit in its own coordinates, so plots lost
    their clipping (a heat map spilled over the next panel, curves left their box)
    and texts were clipped away. Here every widget is drawn alone, at its own origin,
    into a piece of SVG (a plot's scene item by item, see :func:`_paint_scene`); the
    pieces are put together in painting order, each moved to its place and clipped
    to where it is visible. Markers are drawn as shapes (pyqtgraph's export mode).
    The drawing is written at 96 dpi, so texts and axes have their screen size.
    """
    pieces: list[tuple[QPoint, QRect, str, str]] = []
    with export_mode(widget, vectors=True):
        _collect(widget, QPoint(0, 0), QRect(QPoint(0, 0), widget.size()), True,
                 pieces)
    size = widget.size()
    defs: list[str] = []
    body: list[str] = []
    for k, (offset, visible, piece_defs, piece_body) in enumerate(pieces):
        prefix = f"w{k}_"
        defs.append(_prefix_ids(piece_defs, prefix))
        defs.append(
            f'<clipPath id="{prefix}visible"><rect x="{visible.x()}" '
            f'y="{visible.y()}" width="{visible.width()}" '
            f'height="{visible.height()}"/></clipPath>'
        )
        body.append(
            f'<g transform="translate({offset.x()},{offset.y()})" '
            f'clip-path="url(#{prefix}visible)">\n'
            f"{_prefix_ids(piece_body, prefix)}\n</g>"
        )
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<svg width="{size.width()}" height="{size.height()}" '
        f'viewBox="0 0 {size.width()} {size.height()}" '
        'xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1">\n'
        f"<title>{html_escape(title)}</title>\n<desc>dlviz</desc>\n"
        f"<defs>\n{''.join(defs)}\n</defs>\n{''.join(body)}\n</svg>\n"
    )
    try:
        Path(path).write_text(_tidy_svg(text), encoding="utf-8")
    except OSError as exc:
        raise OSError(f"could not write {path}: {exc.strerror}") from None


def _collect(widget: QWidget, offset: QPoint, visible: QRect, root: bool,
             pieces: list) -> None:
    """The SVG pieces of ``widget`` (at ``offset`` in the root, ``visible`` in its
    own coordinates) and of its visible children, in painting order."""
    if visible.isEmpty():
        return
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QRect(QPoint(0, 0), widget.size()))
    generator.setResolution(_DPI)
    painter = QPainter(generator)
    skip: set[int] = set()
    try:
        if isinstance(widget, QGraphicsView):
            _paint_scene(widget, painter)
            skip.add(id(widget.viewport()))
        else:
            flags = QWidget.RenderFlag(0)
            if root or widget.autoFillBackground():
                flags = QWidget.RenderFlag.DrawWindowBackground
            # no clip here: the piece is clipped to ``visible`` in the document
            QWidget.render(widget, painter, QPoint(), QRegion(), flags)
    finally:
        painter.end()
    text = bytes(buffer.data()).decode("utf-8")
    found = re.search(r"<defs>(.*?)</defs>", text, re.S)
    piece_defs = found.group(1) if found else ""
    start = found.end() if found else text.index(">", text.index("<svg")) + 1
    piece_body = re.sub(r"<(title|desc)>.*?</\1>", "", text[start:], flags=re.S)
    piece_body = piece_body.rsplit("</svg>", 1)[0]
    pieces.append((QPoint(offset), QRect(visible), piece_defs, piece_body))
    for child in widget.children():
        if (
            not isinstance(child, QWidget)
            or child.isWindow()
            or child.isHidden()
            or id(child) in skip
        ):
            continue
        area = child.geometry().intersected(visible)
        if not area.isEmpty():
            _collect(child, offset + child.pos(), area.translated(-child.pos()),
                     False, pieces)


def _paint_scene(view: QGraphicsView, painter: QPainter) -> None:
    """Paint the items of ``view``'s scene one by one, as the view shows them.

    Qt's SVG writer, when a painter restores a state that has a clip, goes on with
    the clip set last instead of the restored one, so after a text item (which
    clips itself) the axes, the legend's samples and the next curves of a plot
    were clipped away in every viewer that honours clip paths. Here each item is
    painted from a state without a clip and gets its own: the shapes of its
    ancestors that clip their children (a plot's box), and the viewport.
    """
    viewport = view.viewport()
    area = QRectF(viewport.geometry())
    brush = view.backgroundBrush()
    scene = view.scene()
    if brush.style() == Qt.BrushStyle.NoBrush and scene is not None:
        brush = scene.backgroundBrush()
    painter.fillRect(area, brush)
    if scene is None:
        return
    origin = QTransform.fromTranslate(area.x(), area.y())
    to_viewport = view.viewportTransform()
    whole = QPainterPath()
    whole.addRect(QRectF(viewport.rect()))
    flag = QGraphicsItem.GraphicsItemFlag
    option = QStyleOptionGraphicsItem()
    option.state = QStyle.StateFlag.State_Enabled
    for item in scene.items(Qt.SortOrder.AscendingOrder):
        if (not item.isVisible() or item.flags() & flag.ItemHasNoContents
                or item.effectiveOpacity() <= 0.0):
            continue
        device = item.deviceTransform(to_viewport)
        clip, clipped = whole, False
        parent = item.parentItem()
        while parent is not None:
            if parent.flags() & flag.ItemClipsChildrenToShape:
                shape = parent.deviceTransform(to_viewport).map(parent.shape())
                clip, clipped = clip.intersected(shape), True
            parent = parent.parentItem()
        if item.flags() & flag.ItemClipsToShape:
            clip, clipped = clip.intersected(device.map(item.shape())), True
        bounds = device.mapRect(item.boundingRect()).adjusted(-1, -1, 1, 1)
        if not clipped and not whole.boundingRect().contains(bounds):
            clipped = True  # reaches out of the viewport
        if clipped and not clip.boundingRect().intersects(bounds):
            continue  # nothing of it shows
        painter.save()
        try:
            if clipped:
                painter.setTransform(origin)
                painter.setClipPath(clip)
            painter.setTransform(device * origin)
            painter.setOpacity(item.effectiveOpacity())
            option.exposedRect = item.boundingRect()
            item.paint(painter, option, viewport)
        finally:
            painter.restore()


_ID = re.compile(r'(id="|url\(#|href="#)([A-Za-z_][\w.-]*)')


def _prefix_ids(text: str, prefix: str) -> str:
    """The ids of one piece made unique in the whole document."""
    return _ID.sub(lambda m: m.group(1) + prefix + m.group(2), text)


_GROUP = re.compile(
    r'<g ([^>]*?)transform="matrix\(([^)]*)\)"([^>]*)>(\s*(?:<(?:path|polyline) '
    r'[^>]*vector-effect="non-scaling-stroke"[^>]*/>\s*)+)</g>'
)
_PAIR = re.compile(r"(-?[\d.]+(?:e[-+]?\d+)?),(-?[\d.]+(?:e[-+]?\d+)?)")


def _tidy_svg(text: str) -> str:
    """Make the SVG read alike in every viewer: lines drawn in a plot's data
    coordinates get their points in the drawing's coordinates (a viewer without
    ``vector-effect`` would otherwise scale their stroke by the plot's scale), and
    Qt's font alias becomes the generic ``sans-serif``."""

    def flatten(match: re.Match) -> str:
        a, b, c, d, e, f = (float(v) for v in match.group(2).split(","))

        def point(pair: re.Match) -> str:
            x, y = float(pair.group(1)), float(pair.group(2))
            return f"{a * x + c * y + e:.6g},{b * x + d * y + f:.6g}"

        body = re.sub(
            r'( (?:d|points)=")([^"]*)"',
            lambda m: m.group(1) + _PAIR.sub(point, m.group(2)) + '"',
            match.group(4),
        )
        return f"<g {match.group(1)}{match.group(3).lstrip()}>{body}</g>"

    text = _GROUP.sub(flatten, text)
    return text.replace('font-family="Sans Serif"', 'font-family="sans-serif"')


# -- GIF -------------------------------------------------------------------------------
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


# -- video -----------------------------------------------------------------------------
def even_size(width: int, height: int) -> tuple[int, int]:
    """H.264 in the widely playable yuv420p needs even sides."""
    return max(2, int(width) // 2 * 2), max(2, int(height) // 2 * 2)


def rgb_bytes(image: QImage) -> bytes:
    """The pixels of ``image`` as packed 8-bit RGB rows (what the encoder reads)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    rows = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * h)
    return rows.reshape(h, stride)[:, : 3 * w].tobytes()


def ffmpeg_exe() -> str:
    """The ffmpeg binary that the ``imageio-ffmpeg`` package installed."""
    try:
        import imageio_ffmpeg
    except ImportError as exc:  # a broken install; the dependency is declared
        raise OSError("the video encoder (imageio-ffmpeg) is not installed") from exc
    return imageio_ffmpeg.get_ffmpeg_exe()


class FrameFeed:
    """Frames handed from the GUI thread to the encoder's thread: at most
    ``capacity`` wait at a time (the GUI side asks :meth:`has_room` and never
    blocks); :meth:`finish` ends the stream, :meth:`fail` ends it with an error."""

    _END = object()

    def __init__(self, capacity: int = 4):
        self._queue: queue.Queue = queue.Queue(maxsize=capacity)

    def has_room(self) -> bool:
        return not self._queue.full()

    def put(self, frame: bytes) -> None:
        self._queue.put_nowait(frame)

    def finish(self) -> None:
        self._queue.put(self._END)

    def fail(self, message: str) -> None:
        self._queue.put(OSError(message))

    def frames(self, token: CancelToken | None = None) -> Iterator[bytes]:
        """The frames as they come (the encoder's thread); checks ``token`` while
        waiting."""
        while True:
            if token is not None:
                token.check()
            try:
                item = self._queue.get(timeout=0.05)
            except queue.Empty:
                continue
            if item is self._END:
                return
            if isinstance(item, Exception):
                raise item
            yield item


def export_video(
    frames: Iterable[bytes | QImage],
    path: str | os.PathLike,
    size: tuple[int, int],
    fps: float = 10.0,
    token: CancelToken | None = None,
    total: int | None = None,
) -> int:
    """Encode ``frames`` (RGB rows of ``size``, or QImages of that size) as an MP4
    (H.264, yuv420p) at ``fps``; returns the number of frames written.

    For a worker thread. The file appears only when complete; cancelling through
    ``token`` stops ffmpeg and leaves nothing behind.
    """
    width, height = size
    if width % 2 or height % 2:
        raise ValueError("the video's width and height must be even")
    partial = Path(f"{os.fspath(path)}.part")
    command = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}",
        "-framerate", f"{float(fps):g}", "-i", "-",
        "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-threads", "2",
        "-f", "mp4", str(partial),
    ]
    count = 0
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        try:
            for frame in frames:
                if token is not None:
                    token.check()
                data = rgb_bytes(frame) if isinstance(frame, QImage) else frame
                if len(data) != width * height * 3:
                    raise ValueError("a frame of another size than the video")
                try:
                    process.stdin.write(data)
                except BrokenPipeError:  # ffmpeg stopped: its message says why
                    break
                count += 1
                if token is not None and total:
                    token.progress(min(0.99, count / total))
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass
            code = process.wait()
            if code != 0:
                errors.seek(0)
                text = errors.read().decode("utf-8", "replace").strip()
                last = (text.splitlines() or [f"exit code {code}"])[-1]
                raise OSError(f"the video encoder failed: {last[:200]}")
            if not count:
                raise ValueError("nothing to record yet")
            if token is not None:
                token.check()
            os.replace(partial, path)
        except BaseException:
            if process.poll() is None:
                process.kill()
            process.wait()
            raise
        finally:
            if process.stdin and not process.stdin.closed:
                try:
                    process.stdin.close()
                except OSError:
                    pass
            partial.unlink(missing_ok=True)
    if token is not None:
        token.progress(1.0)
    return count


# -- CSV -------------------------------------------------------------------------------
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
