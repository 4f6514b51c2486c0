import csv
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

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
