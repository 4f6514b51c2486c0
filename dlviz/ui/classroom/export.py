"""Export: any view as PNG (at a chosen size) or SVG, a run or a rewound range as an
animated GIF, and the metrics as CSV. No torch here. Drawing and grabbing the frames
happen on the GUI thread; encoding the GIF (colour quantization, compression) runs in a
:class:`~dlviz.ui.jobs.Job` with a progress bar and Cancel in the message bar.

Actions live in File ▸ Export. The dialogs are module functions (``ask_*``) so tests
can answer them without a modal dialog.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QImage, QPainter, QRegion
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QSpinBox,
    QWidget,
)

from dlviz.session.jobs import CancelToken

_CONTEXT = "dlviz.classroom"
#: At most this many frames go into one GIF (longer ranges are sampled evenly).
MAX_GIF_FRAMES = 150


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- menus and texts shared by the classroom features ----------------------------------
def classroom_menu(window, title: str) -> QMenu:
    """The window's top-level menu called ``title`` (File, View, Lesson ...).

    The shared menus (File, Training, View, Language, Help) come from
    :mod:`dlviz.ui.classroom._menus`; others are created once, before Help, and found
    again by object name (``menu_lesson``).
    """
    from dlviz.ui.classroom._menus import MENU_ORDER, menu

    key = title.lower()
    if key in MENU_ORDER:
        return menu(window, key)
    menu(window, "file")  # creates the shared menus in their order
    bar = window.menuBar()
    for action in bar.actions():
        found = action.menu()
        if found is not None and found.objectName() == f"menu_{key}":
            return found
    created = QMenu(bar)
    created.setObjectName(f"menu_{key}")
    before = window.classroom_menus["help"].menuAction()
    bar.insertMenu(before, created)
    texts_of(window).add(created.setTitle, f"&{title}")
    return created


def add_window_action(
    window, menu: QMenu | None, name: str, text: str, keys: str | None, slot
) -> QAction:
    """A window-wide action (listed by the shortcut overlay) with translated text."""
    from dlviz.ui.classroom._menus import add_action

    action = add_action(window, None, name, keys, slot)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if menu is not None:
        menu.addAction(action)
    texts_of(window).add(action.setText, text)
    return action


class Texts(QObject):
    """English source texts of one window's classroom widgets, re-translated when
    the language changes."""

    def __init__(self, window):
        super().__init__(window)
        self._items: list[tuple[object, str]] = []
        window.installEventFilter(self)

    def add(self, setter, text: str) -> None:
        self._items.append((setter, text))
        setter(_tr(text))

    def retranslate(self) -> None:
        for setter, text in self._items:
            try:
                setter(_tr(text))
            except RuntimeError:  # the widget is gone
                pass

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def texts_of(window) -> Texts:
    texts = getattr(window, "classroom_texts", None)
    if texts is None:
        texts = window.classroom_texts = Texts(window)
    return texts


# -- rendering -------------------------------------------------------------------------
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


# -- dialogs (replaced in tests) -------------------------------------------------------
@dataclass
class ImageChoice:
    target: str
    path: str
    width: int = 1920
    height: int = 1080


@dataclass
class GifChoice:
    path: str
    first_step: int
    last_step: int
    fps: float = 10.0
    width: int = 800


def ask_save_path(parent: QWidget, caption: str, filter_text: str, suffix: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, caption, "", filter_text)
    if path and not path.lower().endswith(suffix):
        path += suffix
    return path


def ask_image_options(
    parent: QWidget, targets: list[str], fmt: str, default: str
) -> ImageChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Export view"))
    form = QFormLayout(dialog)
    combo = QComboBox()
    combo.addItems(targets)
    combo.setCurrentText(default)
    form.addRow(_tr("View"), combo)
    width, height = QSpinBox(), QSpinBox()
    for spin, value in ((width, 1920), (height, 1080)):
        spin.setRange(64, 8000)
        spin.setValue(value)
    if fmt == "png":
        form.addRow(_tr("Width (px)"), width)
        form.addRow(_tr("Height (px)"), height)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    filters = {"png": _tr("PNG image (*.png)"), "svg": _tr("SVG drawing (*.svg)")}
    path = ask_save_path(parent, _tr("Export view"), filters[fmt], f".{fmt}")
    if not path:
        return None
    return ImageChoice(combo.currentText(), path, width.value(), height.value())


def ask_gif_options(parent: QWidget, steps: list[int]) -> GifChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Record the run as a GIF"))
    form = QFormLayout(dialog)
    first, last, fps, width = QSpinBox(), QSpinBox(), QSpinBox(), QSpinBox()
    for spin in (first, last):
        spin.setRange(steps[0], steps[-1])
    first.setValue(steps[0])
    last.setValue(steps[-1])
    fps.setRange(1, 30)
    fps.setValue(10)
    width.setRange(160, 1920)
    width.setValue(800)
    form.addRow(_tr("From step"), first)
    form.addRow(_tr("To step"), last)
    form.addRow(_tr("Frames per second"), fps)
    form.addRow(_tr("Width (px)"), width)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path = ask_save_path(parent, _tr("Save GIF"), _tr("GIF animation (*.gif)"), ".gif")
    if not path:
        return None
    return GifChoice(
        path, first.value(), last.value(), float(fps.value()), width.value()
    )


# -- the feature -----------------------------------------------------------------------
class Exporter(QObject):
    """File ▸ Export actions of one window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = classroom_menu(window, "File")
        self.menu = menu.addMenu("")
        self.menu.setObjectName("menu_export")
        texts_of(window).add(self.menu.setTitle, "Export")
        self.actions: dict[str, QAction] = {}
        #: The GIF being encoded (None when none is).
        self.gif_job = None
        window.message_bar.action_triggered.connect(self._on_bar_action)
        for name, text, slot in (
            ("png", "View as PNG…", self.export_png_action),
            ("svg", "View as SVG…", self.export_svg_action),
            ("gif", "Run as GIF…", self.export_gif_action),
            ("csv", "Metrics as CSV…", self.export_csv_action),
        ):
            self.actions[name] = add_window_action(
                window, self.menu, f"export_{name}", text, None, slot
            )

    # -- what can be exported ----------------------------------------------------------
    def targets(self) -> dict[str, QWidget]:
        """Exportable views by name: the window, the stage, each panel, the curves."""
        w = self.window
        out: dict[str, QWidget] = {_tr("Whole window"): w}
        if w.stage is not None:
            out[_tr("Stage")] = w.stage
            for name, panel in w.stage.panels().items():
                out[f"{_tr('Panel')}: {name}"] = panel
        if w.session is not None:
            out[_tr("Loss curves")] = w.loss_curves
            out[_tr("Metric curves")] = w.metric_curves
            out[_tr("Step through")] = w.step_through
        return out

    def _default_target(self) -> str:
        lessons = getattr(self.window, "lessons", None)
        zoom = getattr(lessons, "zoom", None)
        if zoom:
            return f"{_tr('Panel')}: {zoom}"
        return _tr("Stage")

    def _report(self, text: str, ok: bool = True) -> None:
        if ok:
            self.window.statusBar().showMessage(text, 8000)
        else:
            self.window.message_bar.show_message(text, "error")

    # -- actions -----------------------------------------------------------------------
    def export_png_action(self) -> None:
        self._export_image("png")

    def export_svg_action(self) -> None:
        self._export_image("svg")

    def _export_image(self, fmt: str) -> None:
        targets = self.targets()
        choice = ask_image_options(
            self.window, list(targets), fmt, self._default_target()
        )
        if choice is None:
            return
        widget = targets.get(choice.target, self.window.stage or self.window)
        try:
            if fmt == "png":
                export_png(widget, choice.path, choice.width, choice.height)
            else:
                export_svg(widget, choice.path, choice.target)
        except OSError as exc:
            self._report(_tr("Export failed: {0}").format(exc), ok=False)
            return
        self._report(_tr("Exported {0}").format(choice.path))

    def export_csv_action(self) -> None:
        session = self.window.session
        if session is None:
            self._report(_tr("This lab has no metrics to export."), ok=False)
            return
        path = ask_save_path(
            self.window, _tr("Export metrics"), _tr("CSV table (*.csv)"), ".csv"
        )
        if not path:
            return
        try:
            export_csv(session.history.to_rows(), path)
        except OSError as exc:
            self._report(_tr("Export failed: {0}").format(exc), ok=False)
            return
        self._report(_tr("Exported {0}").format(path))

    def export_gif_action(self) -> None:
        timeline = getattr(self.window, "rewind_timeline", None)
        stage = self.window.stage
        if timeline is None or stage is None or len(timeline.buffer) < 2:
            self._report(
                _tr("Train for a moment first: the GIF is made from the timeline."),
                ok=False,
            )
            return
        if self.gif_job is not None:
            return  # one GIF at a time; its progress is in the message bar
        choice = ask_gif_options(self.window, timeline.buffer.steps)
        if choice is None:
            return
        self.record_gif(choice)

    def record_gif(self, choice: GifChoice):
        """Grab the frames (GUI thread), then encode them in a job; returns the
        :class:`~dlviz.ui.jobs.Job` (its ``result`` is the number of frames)."""
        from dlviz.ui.jobs import Job

        try:
            images = self.grab_gif_frames(choice)
        except (OSError, ValueError) as exc:
            self._report(_tr("Export failed: {0}").format(exc), ok=False)
            return None
        path, fps = choice.path, choice.fps

        def encode(token: CancelToken) -> int:  # the job's thread
            return export_gif(images, path, fps, token)

        job = Job(encode, "gif", owner=self.window)
        job.path = path
        job.progressed.connect(self._on_gif_progress)
        job.succeeded.connect(self._on_gif_written)
        job.failed.connect(self._on_gif_failed)
        job.cancelled.connect(self._on_gif_cancelled)
        job.done.connect(self._on_gif_done)
        self.gif_job = job
        self.window.message_bar.show_progress(
            _tr("Encoding the GIF…"), 0.0, action="cancel_gif",
            action_text=_tr("Cancel"),
        )
        return job.start()

    def _gif_bar_shown(self) -> bool:
        bar = self.window.message_bar
        return bar.isVisible() and bar.action == "cancel_gif"

    def _on_gif_progress(self, fraction: float) -> None:
        if self._gif_bar_shown():
            self.window.message_bar.set_progress(fraction)

    def _on_gif_written(self, count: int) -> None:
        if self._gif_bar_shown():
            self.window.message_bar.hide()
        path = self.gif_job.path
        self._report(_tr("Exported {0} ({1} frames)").format(path, count))

    def _on_gif_failed(self, text: str, _details: str) -> None:
        self._report(_tr("Export failed: {0}").format(text), ok=False)

    def _on_gif_cancelled(self) -> None:
        if self._gif_bar_shown():
            self.window.message_bar.hide()
        self._report(_tr("GIF export cancelled."))

    def _on_gif_done(self) -> None:
        self.gif_job = None

    def _on_bar_action(self, action: str) -> None:
        if action == "cancel_gif" and self.gif_job is not None:
            self.gif_job.cancel()

    def grab_gif_frames(self, choice: GifChoice) -> list[QImage]:
        """Replay the timeline's frames in the chosen range on the stage, grab each
        (GUI thread: drawing)."""
        timeline = self.window.rewind_timeline
        stage = self.window.stage
        frames = timeline.buffer.frames_between(choice.first_step, choice.last_step)
        if len(frames) > MAX_GIF_FRAMES:
            picks = [
                round(i * (len(frames) - 1) / (MAX_GIF_FRAMES - 1))
                for i in range(MAX_GIF_FRAMES)
            ]
            frames = [frames[i] for i in picks]
        size = stage.size()
        height = max(1, round(choice.width * size.height() / max(1, size.width())))
        images: list[QImage] = []
        shown = self.window.shown
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for frame in frames:
                shown.hold(frame.snapshot, frame.step)
                self.window.draw_stage()  # every panel, slow ones included
                images.append(render_image(stage, choice.width, height))
        finally:
            QApplication.restoreOverrideCursor()
            shown.release()
            timeline.redisplay()
        if not images:
            raise ValueError("nothing to record yet")
        return images


def install(window) -> None:
    window.exporter = Exporter(window)


__all__ = [
    "Exporter",
    "classroom_menu",
    "export_csv",
    "export_gif",
    "export_png",
    "export_svg",
    "install",
    "render_image",
]
