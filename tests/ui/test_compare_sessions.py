"""Compare mode in the window: File ▸ Save session saves both runs in one file and
opening it reopens the comparison; a refused file is said in plain words; the
rewind row shows both runs at the same step."""

from __future__ import annotations

import re

import pytest
import torch
from PySide6.QtCore import QSettings

from dlviz.session.compare import SIDES
from dlviz.ui.classroom import compare as compare_module
from dlviz.ui.classroom import sessions as sessions_module
from dlviz.ui.compare import CompareDialog


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Recent files go to a throwaway folder, never the user's settings."""
    monkeypatch.setenv("DLVIZ_SETTINGS_ORG", "dlviz-test-compare-sessions")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


def _start(qtbot, window, key: str = "sgd_adam"):
    mode = window.features["compare"]
    qtbot.waitUntil(lambda: mode._files is not None, timeout=5000)
    dialog = CompareDialog(window.spec, window.session.hparams, "en", window)
    dialog.select_preset(key)
    compare = mode.start(dialog.setup())
    dialog.deleteLater()
    qtbot.waitUntil(lambda: all(s.state == "ready"
                                for s in compare.session.sessions.values()),
                    timeout=20000)
    return mode, compare


def _weights(qtbot, compare, side: str) -> dict[str, torch.Tensor]:
    box = {}
    compare.session.side(side).engine.post("save_state", callback=lambda s: box.update(
        w={k: v.detach().clone() for k, v in s["modules"]["model"].items()}))
    compare.session.pair.wake()
    qtbot.waitUntil(lambda: "w" in box, timeout=10000)
    return box["w"]


@pytest.mark.slow
def test_save_session_while_comparing_saves_both_and_opening_reopens_them(
        qtbot, window, tmp_path, monkeypatch):
    mode, compare = _start(qtbot, window)
    compare.session.step_once(6)
    qtbot.waitUntil(lambda: compare.session.step >= 6, timeout=20000)
    saved = {s: _weights(qtbot, compare, s) for s in SIDES}
    settings = {s: dict(compare.session.side(s).hparams) for s in SIDES}
    path = tmp_path / "both.dlviz"
    files = window.features["sessions"]
    monkeypatch.setattr(compare_module, "ask_save_path", lambda parent: str(path))
    with qtbot.waitSignal(files.finished, timeout=20000) as blocker:
        files.save_action.trigger()  # File ▸ Save session, while comparing
    assert blocker.args[1] and "Both runs saved" in compare.notice.text()
    compare.close()
    qtbot.waitUntil(lambda: mode.compare is None, timeout=5000)

    monkeypatch.setattr(sessions_module, "ask_open_path", lambda parent: str(path))
    with qtbot.waitSignal(files.finished, timeout=30000) as blocker:
        files.open_action.trigger()  # File ▸ Open session
    assert blocker.args[1], blocker.args
    again = mode.compare
    assert again is not None and again is not compare
    assert again.preset is not None and again.preset.key == "sgd_adam"
    qtbot.waitUntil(lambda: all(s.state == "paused" and s.step == 6
                                for s in again.session.sessions.values()),
                    timeout=20000)
    for side in SIDES:
        assert again.session.side(side).hparams == settings[side]
        loaded = _weights(qtbot, again, side)
        assert all(torch.equal(loaded[k], saved[side][k]) for k in loaded)
        assert len(again.session.side(side).history.series["loss"]) == 6
    assert files.recent_files() == [str(path.resolve())]
    # the main window's own run was left alone (a comparison opened instead)
    assert window.spec.key == "mlp2d"
    again.close()


def test_a_refused_comparison_file_gets_the_single_runs_message(
        qtbot, window, tmp_path, monkeypatch):
    mode = window.features["compare"]
    qtbot.waitUntil(lambda: mode._files is not None, timeout=5000)
    path = tmp_path / "junk.dlviz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    files = window.features["sessions"]
    with qtbot.waitSignal(files.finished, timeout=30000) as blocker:
        files.open_file(str(path))
    assert not blocker.args[1]
    expected = sessions_module.refusal_text(
        sessions_module.SessionFileError("", "damaged", name="junk.dlviz"))
    assert blocker.args[2] == expected
    assert expected in window.message_bar.label.text()
    assert mode.compare is None


def test_the_rewind_row_shows_both_runs_at_the_same_step(qtbot, window):
    mode, compare = _start(qtbot, window, "sigmoid_relu_deep")
    for _ in range(3):
        compare.record_trace()  # a recorded step: both take a snapshot
        qtbot.waitUntil(lambda: len(compare.session.rewind) >= 2
                        and compare.session.step >= 1, timeout=20000)
    qtbot.waitUntil(lambda: compare.session.step >= 3
                    and compare.session.rewind.steps[-1] >= 3, timeout=20000)
    compare.redraw()
    rewind = compare.session.rewind
    assert rewind.steps[0] == 0 and compare.rewind_slider.maximum() == len(rewind)
    drawn = []
    for side, stage in compare.stages.items():
        original = stage.show_snapshot
        stage.show_snapshot = lambda snap, s=side, f=original: (drawn.append((s, snap)),
                                                                f(snap))
    compare.rewind_slider.setValue(0)  # back to the first recorded step
    assert compare.rewound_step == 0 and not compare.live_button.isChecked()
    assert compare.rewind_label.text() == "step 0 · rewound"
    frame = rewind.frame(0).snapshot
    assert {s: snap for s, snap in drawn} == {"A": frame["A"], "B": frame["B"]}
    assert all(compare.shown[s].step == 0 for s in SIDES)
    # both stay there while the runs go on
    compare.step_once()
    qtbot.waitUntil(lambda: compare.session.step >= 4, timeout=20000)
    compare.redraw()
    assert all(compare.shown[s].step == 0 for s in SIDES)
    compare.go_live()
    assert compare.rewound_step is None and compare.live_button.isChecked()
    assert all(compare.shown[s].is_live for s in SIDES)
    assert compare.rewind_slider.value() == len(rewind)
    compare.close()


def _latin_texts(root, allowed: set[str]) -> list[str]:
    """Visible texts under ``root`` with an English word of three letters or more
    (``allowed``: names taken as they are, such as a preset's labels)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabBar

    from dlviz.ui.views.base import PlotView

    texts: list[tuple[str, str]] = []
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if w.isVisible():
            texts.append((type(w).__name__, w.text()))
    for w in root.findChildren(QComboBox):
        if w.isVisible():
            texts += [("combo", w.itemText(i)) for i in range(w.count())]
    for w in root.findChildren(QTabBar):
        if w.isVisible():
            texts += [("tab", w.tabText(i)) for i in range(w.count())]
    for view in root.findChildren(PlotView):
        if not view.isVisible():
            continue
        texts.append(("title", view.plot_item.titleLabel.text))
        for side in ("left", "bottom"):
            axis = view.plot_item.getAxis(side)
            if axis.isVisible():
                texts.append(("axis", axis.labelText))
        legend = getattr(view, "legend", None)
        for _sample, label in getattr(legend, "items", []):
            texts.append(("legend", label.text))
    found = []
    for kind, text in texts:
        plain = re.sub(r"<[^>]+>", "", text or "")
        for name in allowed:
            plain = plain.replace(name, "")
        if re.search(r"[A-Za-z]{3,}", plain):
            found.append(f"{kind}: {text!r}")
    return found


@pytest.mark.slow
def test_every_visible_text_of_the_compare_window_is_translated(qtbot, window):
    mode, compare = _start(qtbot, window, "sigmoid_relu_deep")
    compare.step_once()
    qtbot.waitUntil(lambda: compare.session.step >= 1, timeout=20000)
    language = window.features["language"]
    try:
        language.switch("zh_CN")
        compare.redraw()
        p = compare.preset
        allowed = {p.label_a.zh_CN, p.label_b.zh_CN}
        assert compare.keep_b.text() == "保留 B"
        assert _latin_texts(compare, allowed) == []
        # and in English the same check finds the English texts
        language.switch("en")
        compare.redraw()
        assert len(_latin_texts(compare, allowed)) > 10
    finally:
        language.switch("en")
        compare.close()
