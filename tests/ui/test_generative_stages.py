"""The generative stages with real snapshots of the generative labs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.ui.views.image_grid import ImageGridView
from tests.ui.stage_helpers import make_stage as _stage
from tests.ui.stage_helpers import save_shots as _shots
from tests.ui.stage_helpers import trained_task

torch.set_num_threads(1)


def deliver(stage, kind: str, result: dict) -> None:
    """A task's answer as the session delivers it: a snapshot that came with it
    becomes the live one (``show_snapshot``), the rest goes to ``show_result``."""
    result = dict(result)
    snapshot = result.pop("snapshot", None)
    if snapshot is not None:
        stage.show_snapshot(snapshot)
    stage.show_result(kind, result)


def _grid_as_shown(qtbot, images, columns):
    """What an image grid of the stages shows for ``images`` (the same view, alone)."""
    view = ImageGridView(normalize_each=False, gray=True)
    qtbot.addWidget(view)
    view.set_maps(images, columns=columns, levels=(0.0, 1.0))
    return view.image.image


def _points_shown(scatter, layer):
    x, y = scatter.layers[layer].getData()
    return np.stack([x, y], 1)


def _assert_gan1d_shows(stage, snap):
    _, d = stage.plot.curves["d"].getData()
    np.testing.assert_allclose(d, snap["d"], rtol=1e-6)
    _, d_opt = stage.plot.curves["d_opt"].getData()
    np.testing.assert_allclose(d_opt, snap["d_optimal"], rtol=1e-6)
    mx, _ = stage.mapping.getData()
    np.testing.assert_allclose(mx[1::2], snap["z_lines_x"], rtol=1e-6)
    assert f"{snap['d_gap']:.3f}" in stage.gap_label.text()


def test_gan1d_stage_draws_curves_and_mapping(qtbot):
    task = _task("gan1d", target="mixture")
    stage = _stage(qtbot, "gan1d")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    xs, ys = stage.plot.curves["d_opt"].getData()
    np.testing.assert_allclose(ys, snap["d_optimal"])
    mx, my = stage.mapping.getData()
    assert len(mx) == 2 * len(snap["z_lines_x"])
    np.testing.assert_allclose(mx[1::2], snap["z_lines_x"])
    assert "max |D(x)" in stage.gap_label.text()
    _assert_gan1d_shows(stage, snap)
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.buttons.buttons["G"].click()
    assert blocker.args == ["step", {"which": "G"}]
    result = task.handle("step", {"which": "D"})
    after = result["snapshot"]
    assert not np.allclose(after["d"], snap["d"])  # the D step moved D(x)
    deliver(stage, "step", result)
    _assert_gan1d_shows(stage, after)  # the stage now shows the stepped D
    _shots(qtbot, stage, "gan1d")


def test_gan2d_stage_layers_presets_and_drawing(qtbot):
    task = _task("gan2d", steps=200)
    stage = _stage(qtbot, "gan2d")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert stage.heat.image.shape == (48, 48)
    ax, _ = stage.arrows.getData()
    assert len(ax) == 2 * 64
    assert "modes covered" in stage.count.toPlainText()
    assert f"/ {snap['n_modes']}" in stage.count.toPlainText()
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.collapse.click()
    assert blocker.args == ["preset", {"name": "collapse"}]
    stage.show_grid.setChecked(True)
    assert stage.grid.isVisible()
    stage.draw.setChecked(True)
    for t in np.linspace(0, 2 * np.pi, 30):
        stage.view.add_point(2 * np.cos(t), np.sin(t))
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.use_drawing.click()
    kind, data = blocker.args
    assert kind == "set_target_points" and data["points"].shape[1] == 2
    np.testing.assert_allclose(data["points"], np.asarray(stage.view.drawn))
    result = task.handle(kind, data)
    drawn = result["snapshot"]
    assert drawn["target"] == "drawn"
    assert drawn["real"].shape != snap["real"].shape or not np.allclose(
        drawn["real"], snap["real"]
    )
    deliver(stage, kind, result)
    # the stage shows the new target: its data points, D's map, the modes count
    np.testing.assert_allclose(_points_shown(stage.view, "real"), drawn["real"],
                               rtol=1e-6)
    np.testing.assert_allclose(_points_shown(stage.view, "fake"), drawn["fake"],
                               rtol=1e-6)
    np.testing.assert_allclose(stage.heat.image, drawn["d_grid"], rtol=1e-6)
    count = stage.count.toPlainText()
    assert f"{drawn['n_modes_covered']} / {drawn['n_modes']}" in count
    stage.show_snapshot(snap)
    np.testing.assert_allclose(_points_shown(stage.view, "real"), snap["real"],
                               rtol=1e-6)
    _shots(qtbot, stage, "gan2d")


@pytest.mark.parametrize("key", ["dcgan", "cgan"])
def test_image_gan_stage(qtbot, key):
    task = _task(key, steps=2, batch_size=16)
    stage = _stage(qtbot, key)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    np.testing.assert_array_equal(
        stage.samples.image.image,
        _grid_as_shown(qtbot, snap["samples"], snap["cols"]),
    )
    assert f"{snap['d_real']:.2f}" in stage.status.text()
    assert f"{snap['d_fake']:.2f}" in stage.status.text()
    if key == "cgan":
        with qtbot.waitSignal(stage.requested) as blocker:
            stage.digit.setValue(4)
        assert blocker.args == ["generate", {"digit": 4, "count": 8}]
        result = task.handle(*blocker.args)
        assert result["digit"] == 4 and result["images"].shape[0] == 8
        stage.show_result("generate", result)
        # the eight new images of a 4, in the panel for them (in as many columns
        # as fill that panel)
        np.testing.assert_array_equal(
            stage.asked.image.image,
            _grid_as_shown(qtbot, result["images"], stage.asked.columns),
        )
        assert stage.asked._title == "Chosen digit: 4"
        # the rows of the sample grid are labelled with their digit
        ticks = stage.samples.plot_item.getAxis("left")._tickLevels[0]
        assert [t for _, t in ticks] == [str(d) for d in range(10)]
        assert stage.samples.plot_item.getAxis("left").isVisible()
    else:
        assert not stage.samples.plot_item.getAxis("left").isVisible()
        assert "chosen digit" not in stage.panels()
    result = task.handle("step", {"which": "both"})
    # as the session delivers it: the snapshot as the live one, the rest as the result
    live = result.pop("snapshot")
    stage.show_snapshot(live)
    stage.show_result("step", result)
    np.testing.assert_array_equal(
        stage.samples.image.image,
        _grid_as_shown(qtbot, live["samples"], snap["cols"]),
    )
    _shots(qtbot, stage, key)


@pytest.mark.parametrize("key", ["autoencoder", "vae"])
def test_autoencoder_stage(qtbot, key):
    task = _task(key, steps=150)
    stage = _stage(qtbot, key)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    if key == "autoencoder":
        assert stage.anomaly.isEnabled()
        assert stage.anomaly.threshold.value() == pytest.approx(snap["err_threshold"])
        assert "Digit 0" in stage.caption.text()
        assert "anomaly" in stage.panels()
        assert stage.anomaly.threshold.label.format == "threshold"
    else:
        assert not stage.anomaly.isEnabled()
        assert "anomaly" not in stage.panels()  # no held-out digit, no panel
        assert "held-out digit" in stage.caption.text()
    # a legend names the colour of every digit, the held-out one marked
    legend = stage.latent.class_legend
    names = [label.text for _sample, label in legend.items]
    assert names[:3] == (["0 (never seen)", "1", "2"] if key == "autoencoder"
                         else ["0", "1", "2"])
    assert len(names) == 10
    # the two rows of the reconstructions are named
    ticks = stage.recons.plot_item.getAxis("left")._tickLevels[0]
    assert [t for _, t in ticks] == ["input", "output"]
    assert set(stage.panels()) >= {"latent", "manifold", "reconstructions",
                                   "prior samples"}
    _shots(qtbot, stage, key)


def _task(key: str, steps: int = 3, **hp):
    return trained_task(key, steps, **hp)


# -- legibility (issue 12): colour bars, legends, labelled lines, no import cycle -----
def test_gan1d_spike_stays_in_the_plot_and_mapping_is_labelled(qtbot):
    task = _task("gan1d")
    stage = _stage(qtbot, "gan1d")
    snap = dict(task.snapshot())
    spike = np.zeros_like(snap["p_g"])
    spike[len(spike) // 2] = 50 * float(snap["p_data"].max())  # mode collapse
    snap["p_g"] = spike
    stage.show_snapshot(snap)
    top = stage.plot.plot_item.vb.viewRange()[1][1]
    for key in ("p_data", "p_g"):
        _, y = stage.plot.curves[key].getData()
        assert y.max() <= 1.0 + 1e-6 < top
    names = [label.text for _sample, label in stage.plot.legend.items]
    assert "z → G(z)" in names and "data density" in names
    left = dict((t, v) for v, t in stage.plot.plot_item.getAxis("left")._tickLevels[0])
    assert left["z"] < left["G(z)"] < 0  # the two rows of the mapping are named
    assert stage.half.label.format == "D = ½"
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.plot


def test_gan2d_d_map_has_a_colour_bar_and_a_legend(qtbot):
    task = _task("gan2d")
    stage = _stage(qtbot, "gan2d")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert stage.view.colorbar.levels() == pytest.approx(tuple(snap["d_levels"]))
    # named on the map's side of the bar, not beside the neighbouring panel
    label = stage.view.colorbar.getAxis("left").labelText
    assert stage.view.colorbar.axis.labelText == ""
    assert label == ("D(x)" if snap["d_is_probability"] else "critic score")
    names = [label.text for _sample, label in stage.view.legend.items]
    assert {"data", "generated", "mode covered", "mode missed"} <= set(names)
    stage.show_heat.setChecked(False)
    assert not stage.view.colorbar.isVisible()
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.view


def test_real_digits_fill_their_panel(qtbot):
    from dlviz.ui.stages._gen_common import FittedGridView, best_columns

    assert best_columns(8, 16, 16, 800, 100) == 8  # wide: one row
    assert best_columns(8, 16, 16, 100, 800) == 1  # tall: one column
    assert best_columns(8, 16, 16, 400, 200) == 4
    view = FittedGridView()
    qtbot.addWidget(view)
    view.resize(900, 200)
    view.show()
    view.show_maps(np.zeros((8, 16, 16), np.float32))
    qtbot.waitUntil(lambda: view.columns == 8)
    view.resize(200, 900)
    qtbot.waitUntil(lambda: view.columns <= 2)


def test_stage_modules_do_not_import_each_other():
    import subprocess
    import sys

    code = (
        "import sys, dlviz.ui.stages.gen_images as g, dlviz.ui.stages.generative as h;"
        "print(sorted(g.STAGES), sorted(h.STAGES))"
    )
    src = {}
    from pathlib import Path

    import dlviz.ui.stages as stages

    for name in ("generative", "gen_images"):
        src[name] = (Path(stages.__file__).parent / f"{name}.py").read_text()
    assert "stages.gen_images" not in src["generative"]
    assert "stages.generative" not in src["gen_images"]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True).stdout
    assert "['autoencoder', 'image_gan'] ['gan1d', 'gan2d']" in out


# -- issue 13 -------------------------------------------------------------------------
def _history(snap, steps, d, g):
    snap = dict(snap)
    snap["history_steps"] = np.asarray(steps, np.float32)
    snap["history_d"] = np.asarray(d, np.float32)
    snap["history_g"] = np.asarray(g, np.float32)
    return snap


def test_gan_loss_panel_follows_unbounded_critic_scores(qtbot):
    """A WGAN critic's scores grow without bound: the stage's loss panel contains
    them, even after the user zoomed it (which stopped it following the data)."""
    def view_contains(view, x, *ys):
        (x0, x1), (y0, y1) = view.plot_item.vb.viewRange()
        y = np.concatenate(ys)
        return x0 <= x.min() and x.max() <= x1 and y0 <= y.min() and y.max() <= y1

    task = _task("gan2d", loss="wgan-gp", batch_size=32)
    stage = _stage(qtbot, "gan2d")
    stage.resize(900, 600)
    stage.show()
    snap = task.snapshot()
    steps = np.arange(1, 51)
    stage.show_snapshot(_history(snap, steps, -0.1 * steps, 0.05 * steps))
    assert view_contains(stage.losses, steps, -0.1 * steps, 0.05 * steps)
    stage.losses.plot_item.vb.scaleBy((0.5, 0.5))  # the user zooms in
    qtbot.wait(10)
    for n in (200, 800, 3000):
        steps = np.arange(1, n + 1)
        d, g = -0.5 * steps, 0.3 * steps  # the critic's scores run away
        stage.show_snapshot(_history(snap, steps, d, g))
        # the loss curves redraw at most 4 times a second: the newest shows soon
        qtbot.waitUntil(lambda s=steps, d=d, g=g: view_contains(stage.losses, s, d, g),
                        timeout=1000)
    stage.close()


def test_gan_loss_curves_redraw_at_most_four_times_a_second(qtbot, monkeypatch):
    from dlviz.ui.stages import generative

    task = _task("gan2d", batch_size=32)
    stage = _stage(qtbot, "gan2d")
    snap = task.snapshot()
    drawn = []
    monkeypatch.setattr(generative, "_show_losses",
                        lambda view, s: drawn.append(len(s["history_steps"])))
    for n in range(2, 12):  # a burst of snapshots, faster than 4 Hz
        steps = np.arange(1, n + 1)
        stage.show_snapshot(_history(snap, steps, -0.1 * steps, 0.05 * steps))
    assert drawn == [2]  # the first at once, the rest held back
    qtbot.waitUntil(lambda: len(drawn) == 2, timeout=1000)
    assert drawn == [2, 11]  # then only the newest
    qtbot.wait(400)
    assert drawn == [2, 11]  # nothing new: nothing redrawn
    stage.close()


def test_gan_stages_name_the_loss_with_its_formulas(qtbot, tmp_path, monkeypatch):
    from dlviz.ui.classroom import language

    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    language.set_application_language("en")
    for key, loss in (("gan2d", "lsgan"), ("gan1d", "wgan"), ("cgan", "wgan-gp")):
        stage = _stage(qtbot, key)
        snap = dict(_task(key, steps=0).snapshot(), loss_kind=loss)
        stage.show_snapshot(snap)
        text = stage.caption.text()
        assert loss not in text.replace("LSGAN", "").replace("WGAN-GP", "")
        assert {"lsgan": "Least squares (LSGAN)", "wgan": "Wasserstein (WGAN)",
                "wgan-gp": "gradient penalty (WGAN-GP)"}[loss] in text
        assert {"lsgan": "L_D = ½E[(D(x) − 1)²] + ½E[D(G(z))²]",
                "wgan": "L_G = −E[D(G(z))]",
                "wgan-gp": "λE[(‖∇D(x̂)‖ − 1)²]"}[loss] in text
    stage = _stage(qtbot, "gan2d")
    stage.show_snapshot(dict(_task("gan2d", steps=0).snapshot(), loss_kind="lsgan"))
    try:
        assert language.set_application_language("zh_CN")
        stage.retranslate_ui()
        assert "最小二乘" in stage.caption.text()
        assert "L_G = ½E[(D(G(z)) − 1)²]" in stage.caption.text()
    finally:
        language.set_application_language("en")
    stage.retranslate_ui()
    assert "Least squares (LSGAN)" in stage.caption.text()


def test_loss_names_are_marked_for_translation():
    from dlviz.core.gan.losses import LOSS_NAMES
    from dlviz.ui.stages._gen_common import LOSS_NAME_TEXTS

    assert LOSS_NAME_TEXTS == tuple(LOSS_NAMES.values())


def test_cgan_shows_the_chosen_digit_on_open_and_while_training(qtbot):
    """The panel of new samples of the chosen digit was empty until the digit was
    changed: the stage asks for them with the first snapshot of a run and again,
    now and then, while training."""
    task = _task("cgan", steps=0, batch_size=16)
    stage = _stage(qtbot, "cgan")
    asked = []
    stage.requested.connect(lambda kind, data: asked.append((kind, data)))
    clock = [100.0]
    stage._clock = lambda: clock[0]
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert asked == [("generate", {"digit": 0, "count": 8})]
    stage.show_result("generate", task.handle(*asked[-1]))
    assert stage.asked.maps is not None and len(stage.asked.maps) == 8
    assert stage.asked._title == "Chosen digit: 0"
    stage.show_snapshot(snap)
    task.train_step()
    stage.show_snapshot(task.snapshot())  # too soon after the last request
    assert len(asked) == 1
    clock[0] += stage.ask_interval_s + 0.1
    stage.show_snapshot(snap)  # the same step: nothing new to show
    assert len(asked) == 1
    stage.show_snapshot(task.snapshot())
    assert len(asked) == 2 and asked[-1][0] == "generate"
    stage.reset()  # a new run asks with its first snapshot
    stage.show_snapshot(snap)
    assert len(asked) == 3


def test_d_map_colour_bar_reads_probabilities_near_a_half(qtbot):
    """Levels such as ½ ± 0.05 are labelled as they are (not "450 … 550 (x0.001)")."""
    stage = _stage(qtbot, "gan2d")
    snap = dict(_task("gan2d", steps=0).snapshot(), d_levels=(0.45, 0.55))
    stage.show_snapshot(snap)
    assert stage.view.colorbar.levels() == pytest.approx((0.45, 0.55))
    axis = stage.view.colorbar.axis
    assert axis.autoSIPrefixScale == 1.0 and "x0.0" not in axis.labelString()
