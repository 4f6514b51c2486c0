"""Compare mode in the window: the dialog, the two stages, Keep B, closing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from dlviz.core.compare import preset
from dlviz.session.compare import PairThread
from dlviz.ui.compare import CompareDialog
from dlviz.ui.compare.window import disagreement


@pytest.fixture
def compare_mode(window):
    return window.features["compare"]


def _start(qtbot, mode, key: str):
    window = mode.window
    dialog = CompareDialog(window.spec, window.session.hparams, "en", window)
    dialog.select_preset(key)
    compare = mode.start(dialog.setup())
    dialog.deleteLater()
    qtbot.waitUntil(lambda: all(s.state == "ready"
                                for s in compare.session.sessions.values()),
                    timeout=20000)
    return compare


def test_the_dialog_shows_both_columns_and_highlights_what_differs(window):
    dialog = CompareDialog(window.spec, window.session.hparams, "en", window)
    assert dialog.preset.key == "sigmoid_relu_deep"
    assert dialog.differing() == ["activation"]
    assert dialog.table.columnCount() == 3
    row = list(dialog._editors).index("activation")
    assert dialog.table.item(row, 1).text() == "sigmoid"
    assert dialog.table.item(row, 0).font().bold()
    assert not dialog.table.item(row + 1, 0).font().bold()
    # the teacher's own B: starts equal, then one setting changed
    dialog.preset_box.setCurrentIndex(dialog.preset_box.count() - 1)
    assert dialog.preset is None and dialog.differing() == []
    dialog.set_b("lr", "0.1")
    dialog.set_b("lr", "-3")  # refused, with the reason; the last good value stays
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.differing() == ["lr"]
    setup = dialog.setup()
    assert setup.hparams_b["lr"] == 0.1 and setup.hparams_a["lr"] == 0.03
    dialog.deleteLater()


def test_the_window_runs_both_stages_and_keep_b_applies_its_settings(
        qtbot, window, compare_mode):
    assert compare_mode.action.isEnabled()
    compare = _start(qtbot, compare_mode, "sgd_adam")
    assert window.session.state == "paused" or window.session.state == "ready"
    stage_a, stage_b = compare.stages["A"], compare.stages["B"]
    assert type(stage_a) is type(window.stage) and stage_a is not stage_b
    drawn = []
    for side, stage in compare.stages.items():
        original = stage.show_snapshot
        stage.show_snapshot = lambda snap, s=side, f=original: (drawn.append(s),
                                                                f(snap))
    qtbot.keyClick(compare, Qt.Key.Key_Space)  # Space plays
    qtbot.waitUntil(lambda: compare.session.step >= 30, timeout=30000)
    compare.toggle_play()
    qtbot.waitUntil(lambda: not compare.session.running, timeout=10000)
    qtbot.wait(100)
    a, b = compare.session.a, compare.session.b
    assert a.step == b.step >= 30
    assert {"A", "B"} <= set(drawn)
    # the curves: A solid, B dashed, one legend
    assert {"A:loss", "B:loss"} <= set(compare.curves.curves)
    assert compare.curves.curves["B:loss"].property("dlviz_dashed")
    assert not compare.curves.curves["A:loss"].property("dlviz_dashed")
    # the disagreement map of the two boundaries
    assert compare.map_view is not None
    assert compare.map_view.image.image is not None
    # a stage of many panels shows one in both runs; "all panels" shows them all
    panels = stage_a.panels()
    if len(panels) > 1:
        name = compare.panel_box.currentData()
        assert name in panels and stage_a.deck.filtered and stage_b.deck.filtered
        compare.panel_box.setCurrentIndex(compare.panel_box.findData(""))
        assert not stage_a.deck.filtered and not stage_b.deck.filtered
    else:
        assert not compare.panel_box.isVisibleTo(compare)
    compare.reveal()
    assert compare.answer.isVisibleTo(compare)
    assert "Adam" in compare.answer.text()
    b_settings = dict(b.hparams)
    thread = compare.session.thread
    compare.keep_b.click()
    qtbot.waitUntil(lambda: compare_mode.compare is None, timeout=10000)
    qtbot.waitUntil(lambda: window.session.hparams["optimizer"] == "Adam",
                    timeout=10000)
    assert window.session.hparams == b_settings
    # B's weights and history went on in the main window
    qtbot.waitUntil(lambda: len(window.session.history.series.get("loss", []))
                    >= 30, timeout=20000)
    assert window.session.step >= 30
    assert not thread.is_running() and thread not in PairThread.live


def test_closing_stops_the_worker_cleanly(qtbot, compare_mode):
    compare = _start(qtbot, compare_mode, "sigmoid_relu_deep")
    language = compare_mode.window.features["language"]
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: compare.question.text()
                    == preset("sigmoid_relu_deep").question.zh_CN, timeout=5000)
    assert compare.keep_b.text() == "保留 B"
    language.switch("en")
    qtbot.waitUntil(lambda: compare.keep_b.text() == "Keep B", timeout=5000)
    compare.toggle_play()
    qtbot.waitUntil(lambda: compare.session.step >= 3, timeout=20000)
    thread = compare.session.thread
    compare.close()
    qtbot.waitUntil(lambda: not thread.is_running(), timeout=10000)
    assert compare_mode.compare is None
    PairThread.join_all()
    assert thread not in PairThread.live


def test_disagreement_is_the_total_variation_and_the_share_of_other_classes():
    a = np.array([[[1.0, 0.0], [0.5, 0.5]]])
    b = np.array([[[0.0, 1.0], [0.5, 0.5]]])
    tv, share = disagreement(a, b)
    assert tv.tolist() == [[1.0, 0.0]]
    assert share == 0.5


@pytest.mark.slow
def test_a_lab_pair_preset_puts_the_other_labs_stage_on_b(qtbot, window,
                                                          compare_mode):
    window.open_lab("rnn")
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    dialog = CompareDialog(window.spec, window.session.hparams, "en", window)
    dialog.select_preset("rnn_lstm_adding")
    assert dialog.table.item(0, 0).text() == "Lab"
    setup = dialog.setup()
    dialog.deleteLater()
    assert (setup.spec_a.key, setup.spec_b.key) == ("rnn", "lstm")
    assert preset("rnn_lstm_adding").other_lab == "lstm"
    compare = compare_mode.start(setup)
    qtbot.waitUntil(lambda: compare.session.b.state == "ready", timeout=20000)
    assert compare.stages["B"].spec.key == "lstm"
    assert compare.map_view is None
    # the gradient through time of both cells, on one log scale
    compare.step_once()
    qtbot.waitUntil(lambda: compare.time_view is not None
                    and {"A", "B"} <= set(compare.time_view.curves), timeout=30000)
    assert compare.grad_view is None  # a recurrent net: time steps, not layers
    # (a log axis: the curves hold log10 of the norms)
    ys = {s: compare.time_view.curves[s].getData()[1] for s in ("A", "B")}
    assert len(ys["A"]) == len(ys["B"]) == setup.hparams_a["length"]
    assert np.all(np.isfinite(ys["A"])) and not np.array_equal(ys["A"], ys["B"])
    lo, hi = compare.time_view.plot_item.getViewBox().viewRange()[1]
    for y in ys.values():
        assert lo <= y.min() and y.max() <= hi
    compare.close()


def test_regression_runs_compare_their_predicted_surfaces(qtbot, window, compare_mode):
    window.session.set_hparams({"dataset": "plane"})
    qtbot.waitUntil(lambda: window.session.state == "ready"
                    and window.session.hparams["dataset"] == "plane", timeout=20000)
    dialog = CompareDialog(window.spec, window.session.hparams, "en", window)
    dialog.preset_box.setCurrentIndex(dialog.preset_box.count() - 1)  # my own B
    dialog.set_b("activation", "tanh")
    compare = compare_mode.start(dialog.setup())
    dialog.deleteLater()
    qtbot.waitUntil(lambda: all(s.state == "ready"
                                for s in compare.session.sessions.values()),
                    timeout=20000)
    assert compare.session.a.hparams["dataset"] == "plane"
    compare.step_once()
    qtbot.waitUntil(lambda: compare.session.step >= 1, timeout=20000)
    qtbot.waitUntil(lambda: all(compare.shown[s].current() is not None
                                for s in ("A", "B")), timeout=20000)
    compare._draw_map()
    image = compare.map_view.image.image
    assert image is not None and np.all(image >= 0) and image.max() > 0
    assert "|A − B|" in compare.map_view._title
    compare.close()


def test_gradient_bars_save_each_run_and_export_both(qtbot, compare_mode, tmp_path,
                                                     monkeypatch):
    from PySide6.QtGui import QImage

    from dlviz.session.persist import open_session
    from dlviz.ui.classroom import compare as compare_module
    from dlviz.ui.classroom._export_dialogs import ImageChoice

    compare = _start(qtbot, compare_mode, "sigmoid_relu_deep")
    compare.step_once()
    compare.step_once()
    qtbot.waitUntil(lambda: compare.session.step >= 2, timeout=20000)
    qtbot.waitUntil(lambda: compare.grad_view is not None
                    and len(compare.grad_view.heights.get("A", [])) == 9,
                    timeout=20000)
    view = compare.grad_view
    assert compare.deck.panels()["gradients"] is view
    # one log scale for both: the same bottom, and the sigmoid net's first layer
    # a decade and more below the ReLU net's
    assert view.bars.opts["y0"] == view.bars_b.opts["y0"]
    heights = view.heights
    assert heights["B"][0] - heights["A"][0] > 1
    assert [label.text for _s, label in view.legend.items] == ["A", "B"]
    # each run saves as an ordinary session file
    paths = {s: str(tmp_path / f"{s}.dlviz") for s in ("A", "B")}
    assert compare_mode.save_side("A", paths["A"])
    # B through the window's Save… menu
    monkeypatch.setattr(compare_module, "ask_save_path", lambda parent: paths["B"])
    compare.save_actions["B"].trigger()
    qtbot.waitUntil(lambda: "saved" in compare.notice.text()
                    and all(Path(p).exists() for p in paths.values()),
                    timeout=20000)
    for side, path in paths.items():
        data = open_session(path)
        session = compare.session.side(side)
        assert data.lab == "mlp2d" and data.hparams == session.hparams
        assert data.step == session.step >= 2 and len(data.history) >= 2
    assert open_session(paths["A"]).hparams["activation"] == "sigmoid"
    # the PNG of both runs, through the export functions
    png = tmp_path / "both.png"
    monkeypatch.setattr(compare_module, "ask_image_options",
                        lambda *args: ImageChoice("Comparison", str(png), 900, 500))
    compare.export_action.trigger()
    assert "Exported" in compare.notice.text()
    image = QImage(str(png))
    assert (image.width(), image.height()) == (900, 500)
    compare.close()


def test_a_lesson_scene_opens_its_comparison_and_the_next_closes_it(qtbot, window,
                                                                   compare_mode):
    from dlviz.session.lesson import Scene

    lessons = window.features["lessons"]
    scene = Scene("cmp", "mlp2d", {"dataset": "moons"},
                  compare={"preset": "sigmoid_relu_deep"})
    lessons.apply_scene(scene)
    compare = compare_mode.compare
    assert compare is not None and compare.preset.key == "sigmoid_relu_deep"
    assert compare.session.a.hparams["activation"] == "sigmoid"
    assert compare.session.b.hparams["layers"] == 8
    qtbot.waitUntil(lambda: all(s.state == "ready"
                                for s in compare.session.sessions.values()),
                    timeout=20000)
    lessons.apply_scene(Scene("plain", "mlp2d", {"dataset": "moons"}))
    assert compare_mode.compare is None
