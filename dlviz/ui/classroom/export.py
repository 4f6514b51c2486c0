"""Export: any view as PNG (at a chosen size) or SVG, a run or a rewound range as an
animated GIF, and the metrics as CSV. No torch here. Drawing and grabbing the frames
happen on the GUI thread; encoding the GIF (colour quantization, compression) runs in a
:class:`~dlviz.ui.jobs.Job` with a progress bar and Cancel in the message bar.

Actions live in File ▸ Export. The file writers are in
:mod:`~dlviz.ui.classroom._export_files`, the dialogs in
:mod:`~dlviz.ui.classroom._export_dialogs` (both re-exported here; tests replace the
dialogs here).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QWidget

from dlviz.session.jobs import CancelToken
from dlviz.ui.classroom._export_dialogs import (
    GifChoice,
    ImageChoice,
    ask_gif_options,
    ask_image_options,
    ask_save_path,
)
from dlviz.ui.classroom._export_files import (
    export_csv,
    export_gif,
    export_png,
    export_svg,
    qimage_to_pil,
    render_image,
)
from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import (
    Texts,
    add_window_action,
    classroom_menu,
    texts_of,
)

_CONTEXT = "dlviz.classroom"
#: At most this many frames go into one GIF (longer ranges are sampled evenly).
MAX_GIF_FRAMES = 150


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Exporter(QObject):
    """File ▸ Export actions of one window."""

    def __init__(self, window: ClassroomHost):
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
        lessons = self.window.features.get("lessons")
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
        timeline = self.window.features.get("rewind")
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
        timeline = self.window.features["rewind"]
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


def install(window: ClassroomHost) -> Exporter:
    return Exporter(window)


__all__ = [
    "Exporter",
    "GifChoice",
    "ImageChoice",
    "Texts",
    "add_window_action",
    "ask_gif_options",
    "ask_image_options",
    "ask_save_path",
    "classroom_menu",
    "export_csv",
    "export_gif",
    "export_png",
    "export_svg",
    "install",
    "qimage_to_pil",
    "render_image",
    "texts_of",
]
