"""The legibility walk: every lab at 1024×768 presentation (font ×1.5) and 1280×800,
in English and Chinese, on the Training and Step-through views (see
:mod:`dlviz.tools.walk`). Each screen size runs in its own process on a virtual
screen of that size; the screens are saved to build/screens/."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dlviz.tools.walk import CLASSROOM_SCREENS, SCREENS, run_in_subprocess

OUT = Path(__file__).resolve().parents[2] / "build" / "screens"


@pytest.mark.slow
@pytest.mark.parametrize("screen", sorted(CLASSROOM_SCREENS))
def test_every_lab_reads_at_classroom_sizes(screen):
    OUT.mkdir(parents=True, exist_ok=True)
    findings = run_in_subprocess(screen, None, OUT)
    assert not findings, "\n".join(map(str, findings))
    assert len(list(OUT.glob(f"*-{screen}-zh_CN.png"))) >= 27


def test_walk_finds_a_cut_label_and_a_small_panel(qtbot):
    """The checks can fail: a label narrower than its text, a plot below the
    readable minimum."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from dlviz.tools.walk import cut_texts, small_panels
    from dlviz.ui.views.curves import CurvesView

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel("A long title that cannot fit in sixty pixels")
    label.setFixedWidth(60)
    view = CurvesView("Loss")
    view.setFixedSize(300, 40)
    layout.addWidget(label)
    layout.addWidget(view)
    root.show()
    qtbot.wait(20)
    assert any("A long title" in t for t in cut_texts(root))
    assert any("300×40" in t for t in small_panels(root))
    label.setWordWrap(True)
    view.setFixedSize(300, 200)
    qtbot.wait(20)
    assert not small_panels(root)
    # big enough as a panel, but its data squeezed to a strip (by a tall x axis here)
    view.plot_item.getAxis("bottom").setHeight(140)
    qtbot.wait(20)
    assert any("data area" in t for t in small_panels(root))


def test_keys_reach_the_transport_and_step_through_wherever_focus_is(qtbot, window):
    window.session.step_once(2)
    qtbot.waitUntil(lambda: window.session.step >= 2, timeout=20000)
    # focus starts on the stage, not in the lab filter
    assert QApplication.focusWidget() is not window.picker.filter
    window.record_trace()
    qtbot.waitUntil(lambda: window.step_through.trace is not None, timeout=20000)
    panel = window.step_through
    panel.go_start()
    # a button with focus (after a click) does not swallow → as focus navigation
    button = window.transport.findChildren(type(panel.record_button))[0]
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Right)
    assert panel.index == 1
    qtbot.keyClick(button, Qt.Key.Key_End)
    assert panel.index == len(panel.trace.events) - 1
    # the lab list keeps its arrow keys
    tree = window.picker.tree if hasattr(window.picker, "tree") else None
    if tree is not None:
        tree.setFocus()
        before = panel.index
        qtbot.keyClick(tree, Qt.Key.Key_Left)
        assert panel.index == before
    # typing in the filter types a space instead of playing
    window.picker.filter.setFocus()
    qtbot.keyClick(window.picker.filter, Qt.Key.Key_Space)
    assert window.picker.filter.text() == " "
    assert window.session.state != "running"
    window.picker.filter.clear()
    # Space on the stage plays
    window.tabs.setCurrentIndex(0)
    window.stage.setFocus()
    qtbot.keyClick(window.stage, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.session.state == "running", timeout=5000)
    window.session.pause()


def test_escape_closes_the_shortcut_overlay_before_leaving_presentation(qtbot,
                                                                       window):
    window.features["presentation"].enter()
    overlay = window.features["shortcuts"].overlay
    overlay.open()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert window.features["presentation"].presenting
    window.features["presentation"].leave()


def test_file_menu_quits_with_ctrl_q(qtbot, window):
    action = window.actions_by_name["quit"]
    assert action.shortcut().toString() == "Ctrl+Q"
    assert action in window.menus.menus["file"].actions()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_hd_screen_is_walked_only_when_named(monkeypatch, tmp_path):
    """``--screen hd`` walks a 1920×1080 monitor (no presentation mode); without
    ``--screen`` only the classroom's projector and laptop are walked."""
    import dlviz.tools.walk as walk

    walked = []
    monkeypatch.setattr(walk, "run_in_subprocess",
                        lambda screen, labs, out: walked.append((screen, labs)) or [])
    assert walk.main(["--screen", "hd", "--lab", "mlp2d", "--out", str(tmp_path)]) == 0
    assert walked == [("hd", ["mlp2d"])]
    hd = SCREENS["hd"]
    assert (hd.width, hd.height, hd.presentation, hd.font_scale) == (1920, 1080,
                                                                    False, 1.0)
    walked.clear()
    walk.main(["--out", str(tmp_path)])
    assert [screen for screen, _ in walked] == ["projector", "laptop"]
