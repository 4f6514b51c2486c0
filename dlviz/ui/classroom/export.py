"""Export: any view as PNG (at a chosen size) or SVG, a run or a rewound range as an
animated GIF or an MP4 video (H.264, at a chosen size and frame rate), and the metrics
as CSV. No torch here. Drawing and grabbing the frames happen on the GUI thread;
encoding runs in a :class:`~dlviz.ui.jobs.Job` with a progress bar and Cancel in the
message bar. A GIF's frames are grabbed first (at most :data:`MAX_GIF_FRAMES`); a
video's are grabbed one per turn of the event loop and handed to the encoder's thread
as they come (:class:`VideoRecording`), so the window stays responsive and Cancel
works at once.

Every frame shows the stage at its step: the run's curves end at that step (their
axes fixed to the recorded range) and a label in the corner gives the step.

Actions live in File ▸ Export. The file writers are in
:mod:`~dlviz.ui.classroom._export_files`, the dialogs in
:mod:`~dlviz.ui.classroom._export_dialogs` (both re-exported here; tests replace the
dialogs here).
"""

from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QWidget

from dlviz.session.jobs import CancelToken
from dlviz.ui.classroom._export_dialogs import (
    GifChoice,
    ImageChoice,
    VideoChoice,
    ask_gif_options,
    ask_image_options,
    ask_save_path,
    ask_video_options,
)
from dlviz.ui.classroom._export_files import (
    FrameFeed,
    Shape,
    even_size,
    export_csv,
    export_gif,
    export_png,
    export_svg,
    export_video,
    fire_pending_timers,
    qimage_to_pil,
    render_image,
    rgb_bytes,
    stamp_step,
)
from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import (
    Texts,
    add_window_action,
    classroom_menu,
    texts_of,
)
from dlviz.ui.views.curves import CurvesView

_CONTEXT = "dlviz.classroom"
#: At most this many frames go into one GIF (longer ranges are sampled evenly).
MAX_GIF_FRAMES = 150
#: At most this many frames go into one video (longer ranges are sampled evenly).
MAX_VIDEO_FRAMES = 3000


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _sample(frames: list, most: int) -> list:
    """``frames``, or ``most`` of them evenly spread (first and last kept)."""
    if len(frames) <= most:
        return frames
    picks = [round(i * (len(frames) - 1) / (most - 1)) for i in range(most)]
    return [frames[i] for i in picks]


class _CutSeries:
    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.x, self.y = x, y

    def __len__(self) -> int:
        return len(self.x)


class _HistoryUntil:
    """A run's history as it was at ``step`` (what the window draws curves from)."""

    def __init__(self, history, step: int):
        self.series = {}
        for name, series in history.series.items():
            x, y = series.x, series.y
            keep = int(np.searchsorted(x, step, side="right"))
            self.series[name] = _CutSeries(x[:keep].copy(), y[:keep].copy())


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
        #: Grabbing the GIF's frames (None when not).
        self.gif_recording: Recording | None = None
        #: The video being recorded (None when none is).
        self.video: Recording | None = None
        window.message_bar.action_triggered.connect(self._on_bar_action)
        for name, text, slot in (
            ("png", "View as PNG…", self.export_png_action),
            ("svg", "View as SVG…", self.export_svg_action),
            ("gif", "Run as GIF…", self.export_gif_action),
            ("video", "Run as video (MP4)…", self.export_video_action),
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
        if self.gif_job is not None or self.gif_recording is not None:
            return  # one GIF at a time; its progress is in the message bar
        choice = ask_gif_options(self.window, timeline.buffer.steps)
        if choice is None:
            return
        self.record_gif(choice)

    def record_gif(self, choice: GifChoice):
        """Grab the frames, one per turn of the event loop (GUI thread), then
        encode them in a job; returns the :class:`~dlviz.ui.jobs.Job` (its
        ``result`` is the number of frames; it starts once the frames are grabbed),
        or None when there is nothing to record."""
        from dlviz.ui.jobs import Job

        frames = _sample(
            self.window.features["rewind"].buffer.frames_between(
                choice.first_step, choice.last_step
            ),
            MAX_GIF_FRAMES,
        )
        stage = self.window.stage
        if not frames or stage is None:
            self._report(_tr("Export failed: {0}").format(_tr("nothing to record")),
                         ok=False)
            return None
        size = stage.size()
        height = max(1, round(choice.width * size.height() / max(1, size.width())))
        images: list[QImage] = []
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
        self.gif_recording = Recording(
            self, frames, (choice.width, height), images.append, job,
            start_job_at_end=True,
        )
        self.window.message_bar.show_progress(
            _tr("Recording the GIF…"), 0.0, action="cancel_gif",
            action_text=_tr("Cancel"),
        )
        self.gif_recording.progressed.connect(self._on_gif_progress)
        self.gif_recording.grabbed.connect(
            lambda: self._on_gif_progress(0.0, _tr("Encoding the GIF…"))
        )
        self.gif_recording.start()
        return job

    def _gif_bar_shown(self) -> bool:
        bar = self.window.message_bar
        return bar.isVisible() and bar.action == "cancel_gif"

    def _on_gif_progress(self, fraction: float, text: str | None = None) -> None:
        if self._gif_bar_shown():
            self.window.message_bar.set_progress(fraction, text)

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
        if self.gif_recording is not None:
            self.gif_recording.stop_grabbing()
            self.gif_recording.deleteLater()
        self.gif_recording = None

    def _on_bar_action(self, action: str) -> None:
        if action == "cancel_gif" and self.gif_job is not None:
            self.gif_job.cancel()
        if action == "cancel_video" and self.video is not None:
            self.video.cancel()
        if action == "cancel_gif" and self.gif_recording is not None:
            self.gif_recording.cancel()

    def grab_gif_frames(self, choice: GifChoice) -> list[QImage]:
        """Replay the timeline's frames in the chosen range on the stage, grab each
        (GUI thread: drawing)."""
        timeline = self.window.features["rewind"]
        stage = self.window.stage
        frames = _sample(
            timeline.buffer.frames_between(choice.first_step, choice.last_step),
            MAX_GIF_FRAMES,
        )
        size = stage.size()
        height = max(1, round(choice.width * size.height() / max(1, size.width())))
        images: list[QImage] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if frames:
                self.begin_frames(frames[-1].step)
            for frame in frames:
                images.append(self.frame_image(frame, choice.width, height))
        finally:
            QApplication.restoreOverrideCursor()
            self.end_frames()
        if not images:
            raise ValueError("nothing to record yet")
        return images

    # -- drawing frames (GUI thread) -------------------------------------------------
    def _curve_views(self) -> list:
        return [self.window.loss_curves, self.window.metric_curves]

    def _curves_until(self, step: int) -> None:
        """The window's curves as they were at ``step``."""
        session = self.window.session
        if session is None:
            return
        full = session.history
        cut = _HistoryUntil(full, step)
        session.history = cut
        try:
            self.window.update_curves()
        finally:
            session.history = full
        for view in self._curve_views():  # no point yet: no curve yet
            for name, curve in view.curves.items():
                series = cut.series.get(name)
                if series is None or not len(series):
                    curve.setData([], [])

    def begin_frames(self, last_step: int) -> None:
        """Before a recording of the steps up to ``last_step``: the stage's layout
        settled (what still waits to be laid out would change the first frames
        only), the curves a stage draws itself emptied (a frame whose snapshot has
        no history yet shows none, not the live run's) and the rewind markers
        hidden."""
        fire_pending_timers(self.window.stage)
        self._fix_curve_axes(last_step)
        for view in self.window.stage.findChildren(CurvesView):
            if view not in self._curve_views():
                for curve in view.curves.values():
                    curve.setData([], [])
        timeline = self.window.features.get("rewind")
        for line in getattr(timeline, "markers", []):
            line.hide()

    def _fix_curve_axes(self, last_step: int) -> None:
        """The run's curves get axes that hold every point up to ``last_step`` and
        keep them through the recording (the curves grow into a fixed frame, the
        same whatever the view showed before)."""
        session = self.window.session
        if session is None:
            return
        cut = _HistoryUntil(session.history, last_step)
        for view in self._curve_views():
            names = [n for n in cut.series if ("loss" in n) == (
                view is self.window.loss_curves)]
            xs = np.concatenate([cut.series[n].x for n in names] or [np.zeros(0)])
            ys = np.concatenate([cut.series[n].y for n in names] or [np.zeros(0)])
            finite = np.isfinite(ys)
            if not finite.any():
                continue
            y0, y1 = float(ys[finite].min()), float(ys[finite].max())
            if view.log_y:
                y0, y1 = np.log10(max(y0, 1e-12)), np.log10(max(y1, 1e-12))
            span = max(y1 - y0, 1e-9)
            x0 = float(xs.min())
            view.plot_item.setRange(
                xRange=(x0, max(x0 + 1.0, float(last_step))),
                yRange=(y0 - 0.05 * span, y1 + 0.1 * span),
                padding=0,
            )

    def show_frame(self, frame) -> None:
        """Draw ``frame`` (a timeline frame) on the stage completely: its snapshot,
        the curves up to its step, and what the stage draws only a few times a
        second."""
        self.window.shown.hold(frame.snapshot, frame.step)
        self.window.draw_stage()
        self._curves_until(frame.step)
        fire_pending_timers(self.window.stage)

    def frame_image(self, frame, width: int, height: int) -> QImage:
        """``frame`` drawn into a ``width`` × ``height`` image, its step labelled."""
        self.show_frame(frame)
        image = render_image(self.window.stage, width, height)
        stamp_step(image, _tr("step {0}").format(frame.step))
        return image

    def end_frames(self) -> None:
        """After a recording: the live run (or the rewound step) and all its
        curves again, their axes following the data."""
        window = self.window
        window.shown.release()
        for view in self._curve_views():  # axes that follow the data again
            view.clear_curves()
        window.update_curves()
        timeline = window.features.get("rewind")
        if timeline is not None:
            timeline.redisplay()

    # -- video -------------------------------------------------------------------------
    def export_video_action(self) -> None:
        timeline = self.window.features.get("rewind")
        stage = self.window.stage
        if timeline is None or stage is None or len(timeline.buffer) < 2:
            self._report(
                _tr("Train for a moment first: the video is made from the "
                    "timeline."),
                ok=False,
            )
            return
        if self.video is not None:
            return  # one video at a time; its progress is in the message bar
        aspect = stage.width() / max(1, stage.height())
        choice = ask_video_options(self.window, timeline.buffer.steps, aspect)
        if choice is None:
            return
        self.record_video(choice)

    def record_video(self, choice: VideoChoice):
        """Start recording ``choice``; returns the encoding
        :class:`~dlviz.ui.jobs.Job` (its ``result`` is the number of frames), or
        None when there is nothing to record."""
        timeline = self.window.features["rewind"]
        frames = _sample(
            timeline.buffer.frames_between(choice.first_step, choice.last_step),
            MAX_VIDEO_FRAMES,
        )
        if not frames or self.window.stage is None:
            self._report(_tr("Export failed: {0}").format(_tr("nothing to record")),
                         ok=False)
            return None
        size = even_size(choice.width, choice.height)
        feed, path, fps, total = FrameFeed(), choice.path, choice.fps, len(frames)

        def encode(token: CancelToken) -> int:  # the job's thread
            return export_video(feed.frames(token), path, size, fps, token, total)

        from dlviz.ui.jobs import Job

        job = Job(encode, "video", owner=self.window)
        job.path = path
        job.progressed.connect(self._on_video_progress)
        job.succeeded.connect(self._on_video_written)
        job.failed.connect(self._on_gif_failed)
        job.cancelled.connect(self._on_video_cancelled)
        job.done.connect(self._on_video_done)
        self.video = Recording(
            self, frames, size, lambda image: feed.put(rgb_bytes(image)), job,
            has_room=feed.has_room, on_end=feed.finish, on_error=feed.fail,
        )
        self.window.message_bar.show_progress(
            _tr("Recording the video…"), 0.0, action="cancel_video",
            action_text=_tr("Cancel"),
        )
        self.video.start()
        return job

    def _video_bar_shown(self) -> bool:
        bar = self.window.message_bar
        return bar.isVisible() and bar.action == "cancel_video"

    def _on_video_progress(self, fraction: float) -> None:
        if self._video_bar_shown():
            self.window.message_bar.set_progress(fraction)

    def _on_video_written(self, count: int) -> None:
        if self._video_bar_shown():
            self.window.message_bar.hide()
        path = self.video.job.path if self.video is not None else ""
        self._report(_tr("Exported {0} ({1} frames)").format(path, count))

    def _on_video_cancelled(self) -> None:
        if self._video_bar_shown():
            self.window.message_bar.hide()
        self._report(_tr("Video export cancelled."))

    def _on_video_done(self) -> None:
        if self.video is not None:
            self.video.stop_grabbing()
            self.video.deleteLater()
        self.video = None


class Recording(QObject):
    """Frames of a run being recorded: the GUI thread draws and grabs one frame per
    turn of the event loop (while ``has_room()`` says the encoder can take it) and
    hands it to ``sink``; the window stays responsive and Cancel works at once.
    The stage keeps the recording's shape until the last frame is grabbed.

    ``job`` encodes: it runs alongside (a video, fed as frames come) or, with
    ``start_job_at_end``, once every frame is grabbed (a GIF). Cancelling the job
    stops the grabbing; a failed grab ends it through ``on_error``."""

    #: Fraction of the frames grabbed.
    progressed = Signal(float)
    #: Every frame was grabbed.
    grabbed = Signal()

    def __init__(self, exporter: Exporter, frames: list, size: tuple[int, int],
                 sink, job, has_room=None, on_end=None, on_error=None,
                 start_job_at_end: bool = False):
        super().__init__(exporter)
        self.exporter = exporter
        self.window = exporter.window
        self.stage = self.window.stage
        self.frames = frames
        self.index = 0
        self.size = size
        self.sink = sink
        self.job = job
        self.has_room = has_room or (lambda: True)
        self.on_end = on_end
        self.on_error = on_error
        self.start_job_at_end = start_job_at_end
        self.shape = Shape(self.stage, *size, hold=True)
        self.grabbing = False
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._grab_next)
        self.window.lab_opened.connect(self._on_lab_opened)

    def start(self) -> None:
        self.exporter.begin_frames(self.frames[-1].step)
        self.shape.enter()
        self.grabbing = True
        self.timer.start()
        if not self.start_job_at_end:
            self.job.start()

    def cancel(self) -> None:
        self.job.cancel()
        if self.grabbing:
            self.stop_grabbing()
            if self.start_job_at_end:
                self.job.start()  # ends at once as cancelled: its signals tidy up

    def _grab_next(self) -> None:
        if not self.grabbing:
            return
        if self.job.token.cancelled:  # cancelled elsewhere (the window closes)
            self.cancel()
            return
        if not self.has_room():  # the encoder is behind: look again soon
            self.timer.setInterval(10)
            return
        self.timer.setInterval(0)
        width, height = self.size
        try:
            self.shape.keep()
            image = self.exporter.frame_image(self.frames[self.index], width, height)
            if image.width() != width or image.height() != height:
                raise ValueError("a frame of another size than the recording")
            self.sink(image)
        except (OSError, ValueError) as exc:
            self.stop_grabbing()
            if self.on_error is not None:
                self.on_error(str(exc))
            else:
                self.exporter._report(_tr("Export failed: {0}").format(exc),
                                      ok=False)
                self.job.cancel()
                self.job.start()
            return
        self.index += 1
        self.progressed.emit(self.index / len(self.frames))
        if self.index >= len(self.frames):
            self.timer.stop()
            QTimer.singleShot(0, self, self._finish)  # a turn of its own

    def _finish(self) -> None:
        if not self.grabbing:  # cancelled meanwhile
            return
        self.stop_grabbing()
        if self.on_end is not None:
            self.on_end()
        self.grabbed.emit()
        if self.start_job_at_end:
            self.job.start()

    def stop_grabbing(self) -> None:
        """The last frame was grabbed, or the recording ended: the stage as it
        was (its size, the live run or the rewound step)."""
        if not self.grabbing:
            return
        self.grabbing = False
        self.timer.stop()
        self.shape.leave()
        if shiboken6.isValid(self.stage) and self.window.stage is self.stage:
            self.exporter.end_frames()

    def _on_lab_opened(self, _key: str) -> None:
        if self.grabbing:  # another lab: its stage has nothing to record
            self.cancel()


def install(window: ClassroomHost) -> Exporter:
    return Exporter(window)


__all__ = [
    "MAX_VIDEO_FRAMES",
    "Exporter",
    "GifChoice",
    "ImageChoice",
    "Recording",
    "VideoChoice",
    "Texts",
    "add_window_action",
    "ask_gif_options",
    "ask_image_options",
    "ask_save_path",
    "ask_video_options",
    "classroom_menu",
    "export_csv",
    "export_gif",
    "export_png",
    "export_svg",
    "export_video",
    "install",
    "qimage_to_pil",
    "render_image",
    "texts_of",
]
