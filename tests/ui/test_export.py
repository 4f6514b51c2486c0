import csv
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from dlviz.session.jobs import CancelToken, JobCancelled
from dlviz.ui import theme
from dlviz.ui.classroom import export as export_module
from dlviz.ui.classroom.export import GifChoice, ImageChoice


def run_some(qtbot, win, steps=40):
    win.session.step_once(steps)
    qtbot.waitUntil(lambda: win.session.step >= steps, timeout=20000)
    qtbot.waitUntil(lambda: len(win.features["rewind"].buffer) >= 2, timeout=5000)


def answer_image(monkeypatch, target, path, width=640, height=360):
    def fake(parent, targets, fmt, default):
        assert target in targets
        return ImageChoice(target, str(path), width, height)

    monkeypatch.setattr(export_module, "ask_image_options", fake)


def test_png_of_a_panel_at_the_requested_size(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "boundary.png"
    answer_image(monkeypatch, "Panel: decision boundary", out, 1600, 900)
    window.features["export"].actions["png"].trigger()
    with Image.open(out) as image:
        assert image.size == (1600, 900)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50  # a real drawing


def test_svg_of_the_stage_parses_as_xml(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "stage.svg"
    answer_image(monkeypatch, "Stage", out)
    window.features["export"].actions["svg"].trigger()
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 10


@pytest.mark.slow
def test_gif_of_the_run_has_several_frames(qtbot, window, tmp_path, monkeypatch):
    run_some(qtbot, window)
    steps = window.features["rewind"].buffer.steps
    out = tmp_path / "run.gif"
    monkeypatch.setattr(
        export_module,
        "ask_gif_options",
        lambda parent, s: GifChoice(str(out), s[0], s[-1], 5.0, 320),
    )
    window.features["export"].actions["gif"].trigger()
    # encoded in a job (progress and Cancel in the message bar)
    qtbot.waitUntil(lambda: window.features["export"].gif_job is None, timeout=30000)
    with Image.open(out) as gif:
        assert gif.n_frames == min(len(steps), export_module.MAX_GIF_FRAMES)
        assert gif.n_frames >= 2 and gif.size[0] == 320
    # the stage is live again afterwards
    assert window.live_stage and window.features["rewind"].is_live


def test_csv_has_step_and_metric_columns(qtbot, window, tmp_path, monkeypatch):
    run_some(qtbot, window, 20)
    out = tmp_path / "metrics"
    monkeypatch.setattr(
        export_module, "ask_save_path", lambda *a: str(out) + ".csv"
    )
    window.features["export"].actions["csv"].trigger()
    with open(str(out) + ".csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0].keys() >= {"step", "loss", "acc", "val_loss", "val_acc"}
    assert [int(r["step"]) for r in rows] == sorted(int(r["step"]) for r in rows)
    assert len([r for r in rows if r["loss"]]) == 20


def test_export_csv_and_gif_helpers(tmp_path):
    cols = export_module.export_csv(
        [{"step": 1.0, "loss": 0.5}, {"step": 2.0, "val_acc": 0.9}], tmp_path / "a.csv"
    )
    assert cols == ["step", "loss", "val_acc"]
    assert (tmp_path / "a.csv").read_text().splitlines() == [
        "step,loss,val_acc", "1,0.5,", "2,,0.9"
    ]
    with pytest.raises(ValueError):
        export_module.export_gif([], tmp_path / "x.gif")


# -- video (MP4, H.264) ----------------------------------------------------------------
def _video_meta(path):
    import imageio_ffmpeg

    frames, _seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    pixels = [np.frombuffer(f, np.uint8) for f in reader]
    return frames, meta, pixels


def test_export_video_writes_an_h264_mp4_of_every_frame(tmp_path):
    from PySide6.QtGui import QColor, QImage

    images = []
    for i in range(5):
        image = QImage(64, 48, QImage.Format.Format_ARGB32)
        image.fill(QColor(40 * i, 255 - 40 * i, 90))
        images.append(image)
    out = tmp_path / "five.mp4"
    assert export_module.export_video(images, out, (64, 48), fps=5.0) == 5
    frames, meta, pixels = _video_meta(out)
    assert frames == 5 and meta["size"] == (64, 48) and meta["codec"] == "h264"
    assert abs(meta["fps"] - 5.0) < 1e-6
    # the colours arrive in order (H.264 is lossy: nearly)
    red = [int(p.reshape(48, 64, 3)[24, 32, 0]) for p in pixels]
    assert all(abs(r - 40 * i) < 12 for i, r in enumerate(red)), red
    with pytest.raises(ValueError):
        export_module.export_video(images, tmp_path / "odd.mp4", (63, 48))
    token = CancelToken()
    token.cancel()
    with pytest.raises(JobCancelled):
        export_module.export_video(images, tmp_path / "no.mp4", (64, 48), 5, token)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["five.mp4"]


def test_video_of_the_run_has_its_frames_size_and_rate(
    qtbot, window, tmp_path, monkeypatch
):
    run_some(qtbot, window)
    exporter = window.features["export"]
    steps = window.features["rewind"].buffer.steps
    expected = len(window.features["rewind"].buffer.frames_between(steps[0], steps[-1]))
    size = window.stage.size()
    out = tmp_path / "run.mp4"
    monkeypatch.setattr(
        export_module,
        "ask_video_options",
        lambda parent, s, aspect: export_module.VideoChoice(
            str(out), s[0], s[-1], 8.0, 321, 241
        ),
    )
    exporter.actions["video"].trigger()
    job = exporter.video.job
    assert window.message_bar.action == "cancel_video"
    qtbot.waitUntil(lambda: exporter.video is None, timeout=60000)
    assert job.outcome == "done", job._error
    frames, meta, _pixels = _video_meta(out)
    assert frames == expected == job.result >= 2
    assert meta["size"] == (320, 240)  # even sides for H.264 (yuv420p)
    assert meta["codec"] == "h264" and abs(meta["fps"] - 8.0) < 1e-6
    # the stage has its size back (once the bar is gone), shows the live run
    qtbot.waitUntil(lambda: window.stage.size() == size, timeout=5000)
    assert window.live_stage and window.features["rewind"].is_live
    assert not window.message_bar.isVisible()
    assert str(out) in window.statusBar().currentMessage()


def test_cancelling_a_video_writes_nothing_and_gives_the_stage_back(
    qtbot, window, tmp_path
):
    run_some(qtbot, window)
    exporter = window.features["export"]
    steps = window.features["rewind"].buffer.steps
    size = window.stage.size()
    out = tmp_path / "cancelled.mp4"
    job = exporter.record_video(
        export_module.VideoChoice(str(out), steps[0], steps[-1], 10.0, 400, 400)
    )
    assert window.stage.size() != size  # laid out at the video's shape meanwhile
    window.message_bar.action_triggered.emit("cancel_video")
    qtbot.waitUntil(lambda: exporter.video is None, timeout=20000)
    assert job.outcome == "cancelled"
    assert not out.exists() and not list(tmp_path.iterdir())
    qtbot.waitUntil(lambda: window.stage.size() == size, timeout=5000)
    assert window.live_stage


# -- what frames show ------------------------------------------------------------------
def test_each_frame_shows_the_curves_up_to_its_step_and_its_step(qtbot, window):
    run_some(qtbot, window)
    exporter = window.features["export"]
    frames = window.features["rewind"].buffer.frames
    loss = window.session.history.get("loss").x.copy()
    exporter.begin_frames(frames[-1].step)
    try:
        for frame in (frames[0], frames[len(frames) // 2], frames[-1]):
            exporter.show_frame(frame)
            x = window.loss_curves.curves["loss"].xData
            x = np.zeros(0) if x is None else x
            shown = loss[loss <= frame.step]
            assert len(x) == len(shown) and np.array_equal(x, shown), frame.step
    finally:
        exporter.end_frames()
    assert np.array_equal(window.loss_curves.curves["loss"].xData,
                          window.session.history.get("loss").x)
    steps = window.features["rewind"].buffer.steps
    images = exporter.grab_gif_frames(GifChoice("unused.gif", steps[0], steps[-1],
                                                5.0, 400))
    first, last = (_array(images[0]), _array(images[-1]))
    exporter.begin_frames(frames[-1].step)
    exporter.show_frame(frames[-1])
    plain = _array(export_module.render_image(
        window.stage, images[-1].width(), images[-1].height()))
    exporter.end_frames()
    # the step label: the only difference to the same frame without it, in the
    # top right corner; it differs between the first and the last frame
    rows, cols = np.nonzero((plain != last).any(axis=2))
    h, w = plain.shape[:2]
    assert len(rows) > 50 and rows.max() < h / 4 and cols.min() > w / 2
    box = (slice(0, rows.max() + 1), slice(cols.min(), w))
    assert not np.array_equal(first[box], last[box])


def _array(image) -> np.ndarray:
    from dlviz.ui.classroom._export_files import qimage_to_pil

    return np.asarray(qimage_to_pil(image).convert("RGB")).astype(int)


# -- PNG and SVG that hold up ----------------------------------------------------------
def _uniform_run(lines: np.ndarray) -> int:
    """How many lines from the start are one colour throughout."""
    count = 0
    for line in lines:
        if not (line == line[0]).all():
            break
        count += 1
    return count


def test_png_of_another_shape_has_no_bands(qtbot, window, tmp_path, monkeypatch):
    size = window.stage.size()
    for width, height in ((900, 1200), (1600, 500)):
        out = tmp_path / f"stage_{width}.png"
        answer_image(monkeypatch, "Stage", out, width, height)
        window.features["export"].actions["png"].trigger()
        with Image.open(out) as image:
            assert image.size == (width, height)
            pixels = np.asarray(image.convert("RGB")).astype(int)
        edges = {
            "top": pixels, "bottom": pixels[::-1],
            "left": pixels.transpose(1, 0, 2), "right": pixels.transpose(1, 0, 2)[::-1],
        }
        for side, lines in edges.items():
            limit = 0.03 * len(lines)
            assert _uniform_run(lines) < limit, (width, height, side)
        assert window.stage.size() == size  # laid out again as before


def _matrix(text: str | None) -> np.ndarray:
    m = np.eye(3)
    if text and text.startswith("matrix("):
        a, b, c, d, e, f = (float(v) for v in text[7:-1].split(","))
        m = np.array([[a, c, e], [b, d, f], [0, 0, 1]])
    elif text and text.startswith("translate("):
        m[0, 2], m[1, 2] = (float(v) for v in text[10:-1].split(","))
    elif text:
        raise AssertionError(f"unexpected transform {text}")
    return m


def _points(element) -> np.ndarray:
    tag = element.tag.rsplit("}", 1)[-1]
    if tag in ("image", "rect"):
        x, y = float(element.get("x", 0)), float(element.get("y", 0))
        w, h = float(element.get("width")), float(element.get("height"))
        return np.array([[x, y], [x + w, y], [x, y + h], [x + w, y + h]])
    text = element.get("d") if tag == "path" else element.get("points", "")
    numbers = [float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", text or "")]
    return np.array(numbers[: len(numbers) // 2 * 2]).reshape(-1, 2)


def _box(points: np.ndarray, m: np.ndarray):
    if not len(points):
        return None
    p = points @ m[:2, :2].T + m[:2, 2]
    return (*p.min(axis=0), *p.max(axis=0))


def _intersect(a, b):
    if a is None or b is None:
        return None
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] < box[2] and box[1] < box[3] else None


def _widen(box, half=0.5):
    return (box[0] - half, box[1] - half, box[2] + half, box[3] + half)


def _drawn(svg_path):
    """(tag, fill, stroke, bbox of the whole element, bbox of what the clips let
    show) of every image, path and polyline, in the SVG's root coordinates."""
    root = ET.parse(svg_path).getroot()
    clips = {}
    for clip in root.iter(f"{SVG}clipPath"):
        clips[clip.get("id")] = next(iter(clip))
    out = []

    def walk(element, m, clip, fill, stroke):
        m = m @ _matrix(element.get("transform"))
        fill, stroke = element.get("fill", fill), element.get("stroke", stroke)
        ref = element.get("clip-path")
        if ref:
            shape = clips[ref[5:-1]]
            box = _box(_points(shape), m @ _matrix(shape.get("transform")))
            clip = box if clip is None else (_intersect(clip, box) or EMPTY)
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("image", "path", "polyline"):
            box = _box(_points(element), m)
            if box is not None and stroke not in (None, "none"):
                box = _widen(box)  # a line of no area still shows its stroke
            if box is not None:
                seen = box if clip is None else _intersect(box, clip)
                out.append((tag, fill, stroke, box, seen))
        for child in element:
            if child.tag.rsplit("}", 1)[-1] not in ("defs", "clipPath"):
                walk(child, m, clip, fill, stroke)

    walk(root, np.eye(3), None, None, None)
    return out


SVG = "{http://www.w3.org/2000/svg}"
#: A clip that lets nothing through.
EMPTY = (0.0, 0.0, 0.0, 0.0)


def test_svg_keeps_plot_items_inside_their_boxes(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtCore import QPoint

    run_some(qtbot, window, 20)
    panel = window.stage.panels()["decision boundary"]
    vb = panel.plot_item.vb
    (x0, x1), (y0, y1) = vb.viewRange()
    # zoomed in: the map and the points reach far beyond the plot's box
    vb.setRange(xRange=(x0 + 0.35 * (x1 - x0), x1 - 0.35 * (x1 - x0)),
                yRange=(y0 + 0.35 * (y1 - y0), y1 - 0.35 * (y1 - y0)), padding=0)
    qtbot.wait(50)
    out = tmp_path / "stage.svg"
    answer_image(monkeypatch, "Stage", out)
    window.features["export"].actions["svg"].trigger()
    box = panel.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    corner = panel.viewport().mapTo(window.stage, box.topLeft())
    inside = (corner.x(), corner.y(), corner.x() + box.width(),
              corner.y() + box.height())
    assert isinstance(corner, QPoint) and box.width() > 100
    drawn = _drawn(out)
    core = (inside[0] + 3, inside[1] + 3, inside[2] - 3, inside[3] - 3)
    colours = {c.lower() for c in theme.PALETTE}
    plotted = [
        d for d in drawn
        if _intersect(d[3], core)
        and (d[0] == "image" or (d[1] or "").lower() in colours
             or (d[2] or "").lower() in colours)
    ]
    spilling = [d for d in plotted if d[3][0] < inside[0] or d[3][2] > inside[2]
                or d[3][1] < inside[1] or d[3][3] > inside[3]]
    assert any(d[0] == "image" for d in spilling)  # the map reaches outside …
    assert len(spilling) > 5  # … and so do points
    for tag, _fill, _stroke, _whole, seen in plotted:  # … but is clipped to the box
        if seen:
            assert (seen[0] >= inside[0] - 2 and seen[1] >= inside[1] - 2
                    and seen[2] <= inside[2] + 2 and seen[3] <= inside[3] + 2), (
                tag, seen, inside)
    # markers are shapes, not pieces of a pixmap atlas: one image in the plot (the
    # map), and many marker paths in the points' colours
    images = [d for d in drawn if d[0] == "image" and d[4] and _intersect(d[4], core)]
    assert len(images) == 1, (images, inside)
    assert sum(d[0] == "path" for d in plotted) > 20


def _in_stage(window, view, scene_rect):
    """A scene rectangle of ``view`` in the stage's coordinates (x0, y0, x1, y1)."""
    r = view.viewportTransform().mapRect(scene_rect)
    corner = view.viewport().mapTo(window.stage, r.topLeft().toPoint())
    dx, dy = corner.x() - round(r.x()), corner.y() - round(r.y())
    return (r.left() + dx, r.top() + dy, r.right() + dx, r.bottom() + dy)


def _export_stage_svg(qtbot, window, tmp_path, monkeypatch):
    run_some(qtbot, window, 20)
    out = tmp_path / "stage.svg"
    answer_image(monkeypatch, "Stage", out)
    window.features["export"].actions["svg"].trigger()
    view = window.loss_curves
    box = _in_stage(window, view, view.plot_item.vb.sceneBoundingRect())
    return out, view, box


def test_svg_axes_and_legend_samples_are_not_clipped_away(
    qtbot, window, tmp_path, monkeypatch
):
    """Qt's SVG writer went on with a text item's clip after it, so in viewers that
    honour clip paths a plot's axis lines and its legend's samples vanished."""
    import pyqtgraph as pg

    out, view, (x0, y0, x1, y1) = _export_stage_svg(qtbot, window, tmp_path,
                                                    monkeypatch)
    assert x1 - x0 > 100 and y1 - y0 > 50
    drawn = _drawn(out)
    lines = [(whole, seen) for _t, _f, stroke, whole, seen in drawn
             if stroke not in (None, "none")]

    def axis(horizontal: bool):
        """(whole, shown) lengths of the longest line along the box's bottom or left
        edge."""
        best = (0.0, 0.0)
        for whole, seen in lines:
            a, b = (0, 2) if horizontal else (1, 3)  # along
            c = 1 if horizontal else 0  # across
            edge = y1 if horizontal else x0
            middle = (whole[c] + whole[c + 2]) / 2
            if whole[c + 2] - whole[c] > 4 or abs(middle - edge) > 3:
                continue
            shown = seen[b] - seen[a] if seen else 0.0
            best = max(best, (whole[b] - whole[a], shown), key=lambda p: (p[1], p[0]))
        return best

    for horizontal, length in ((True, x1 - x0), (False, y1 - y0)):
        whole, shown = axis(horizontal)
        assert whole >= 0.9 * length, (horizontal, whole, length)  # the axis line …
        assert shown >= 0.9 * length, (horizontal, shown, length)  # … and it shows
    samples = view.plot_item.legend.items
    assert len(samples) >= 2  # training and validation loss
    for sample, _label in samples:
        sx0, sy0, sx1, sy1 = _in_stage(window, view, sample.sceneBoundingRect())
        colour = pg.mkPen(sample.item.opts["pen"]).color().name().lower()
        strokes = [seen for _t, _f, stroke, whole, seen in drawn
                   if (stroke or "").lower() == colour
                   and whole[0] >= sx0 - 2 and whole[2] <= sx1 + 2
                   and whole[1] >= sy0 - 2 and whole[3] <= sy1 + 2]
        assert strokes, (colour, (sx0, sy0, sx1, sy1))  # the sample is drawn …
        assert any(seen and seen[2] - seen[0] >= 10 for seen in strokes)  # … and shows


@pytest.mark.skipif(shutil.which("rsvg-convert") is None,
                    reason="rsvg-convert (librsvg2-bin) is not installed")
def test_svg_rendered_by_librsvg_shows_the_axes_like_the_png(
    qtbot, window, tmp_path, monkeypatch
):
    """Rendered by a viewer that honours clip paths, the SVG shows a plot's axis
    lines where the PNG export of the same stage has them."""
    from dlviz.ui.classroom.export import render_image

    out, _view, (x0, y0, x1, y1) = _export_stage_svg(qtbot, window, tmp_path,
                                                     monkeypatch)
    stage = window.stage
    png = tmp_path / "stage.png"
    assert render_image(stage, stage.width(), stage.height()).save(str(png))
    rendered = tmp_path / "rendered.png"
    subprocess.run(["rsvg-convert", "-w", str(stage.width()), "-h",
                    str(stage.height()), "-o", str(rendered), str(out)],
                   check=True, timeout=60)

    def axis_share(path) -> tuple[float, float]:
        """The shares of the bottom and the left axis line's pixels that are drawn
        (differ clearly from the plot's background), a pixel either side allowed."""
        with Image.open(path) as image:
            a = np.asarray(image.convert("RGB"), dtype=float)
        inside = a[int(y0) + 5:int(y1) - 5, int(x0) + 5:int(x1) - 5]
        background = np.median(inside.reshape(-1, 3), axis=0)
        differs = np.abs(a - background).sum(axis=-1) > 60
        row, col = round(y1), round(x0)
        along_x = slice(int(x0) + 3, int(x1) - 3)
        along_y = slice(int(y0) + 3, int(y1) - 3)
        bottom = differs[row - 1:row + 2, along_x].any(axis=0).mean()
        left = differs[along_y, col - 1:col + 2].any(axis=1).mean()
        return float(bottom), float(left)

    assert min(axis_share(png)) > 0.9  # the PNG draws both axis lines …
    assert min(axis_share(rendered)) > 0.9  # … and so does the rendered SVG
