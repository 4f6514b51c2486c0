"""The practice panel: a generated set, keyboard answers, the score, "Show me"
following a link into the lab, and every template listed for translation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dlviz.core.practice import CHOICE, NUMBER, TRUE_FALSE, Link, NoQuestion, kinds_for


def _answer_right(qtbot, panel, check_key=Qt.Key.Key_Return) -> None:
    q = panel.question
    if q.form == CHOICE:
        qtbot.keyClick(panel, getattr(Qt.Key, f"Key_{q.answer + 1}"))
    elif q.form == TRUE_FALSE:
        qtbot.keyClick(panel, Qt.Key.Key_T if q.answer else Qt.Key.Key_F)
    else:
        panel.number.setText(f"{q.answer:.6g}")
        panel.setFocus()  # a clicker's key reaches the panel, not the field
    qtbot.keyClick(panel, check_key)


def test_quiz_runs_from_the_keyboard(qtbot, window):
    window.features["practice"].start_quiz()
    panel = window.features["practice"].panel
    qtbot.waitUntil(lambda: len(panel.questions) == 10, timeout=20000)
    assert panel.quiz
    for i in range(10):
        q = panel.question
        if i % 3 == 2 and q.form != NUMBER:  # a wrong answer every third question
            wrong = (q.answer + 1) % len(q.choices) if q.form == CHOICE else None
            if wrong is None:
                qtbot.keyClick(panel, Qt.Key.Key_F if q.answer else Qt.Key.Key_T)
            else:
                qtbot.keyClick(panel, getattr(Qt.Key, f"Key_{wrong + 1}"))
            qtbot.keyClick(panel, Qt.Key.Key_Return)
            assert not panel.correct
            assert q.solution_text() in panel.result.text() or panel.result.text()
        else:
            clicker = i == 0  # Page Down checks, then goes on
            _answer_right(qtbot, panel,
                          Qt.Key.Key_PageDown if clicker else Qt.Key.Key_Return)
            assert panel.correct, q.text()
        assert panel.result.isVisible()
        qtbot.keyClick(panel, Qt.Key.Key_PageDown if i == 0 else Qt.Key.Key_Right)
        assert panel.index == i + 1
    wrong_count = sum(1 for i in range(10) if i % 3 == 2
                      and panel.questions[i].form != NUMBER)
    assert panel.score == 10 - wrong_count
    assert panel.question is None
    assert str(panel.score) in panel.prompt.text()
    panel.close()


def test_show_me_marks_the_panel_and_hides_none(qtbot, window):
    controller = window.features["practice"]
    window.open_lab("optimizers")
    window.features["lessons"].set_zoom("losses")  # a lesson zoomed elsewhere
    controller.follow(Link("optimizers", panel="update rule"))
    assert window.spec.key == "optimizers"
    assert window.features["lessons"].zoom is None
    assert not window.stage.deck.filtered
    panels = window.stage.panels()
    target = panels["update rule"]
    qtbot.waitUntil(target.isVisible, timeout=5000)
    # every panel is shown (or waits behind a tab of its slot), none is zoomed away
    for name, panel in panels.items():
        assert panel.isVisible() or _behind_a_tab(panel), name
    mark = controller.highlight
    assert mark is not None and mark.target is target and mark.isVisible()
    corner = target.mapTo(window, target.rect().topLeft())
    assert mark.geometry().topLeft() == corner
    assert mark.geometry().size() == target.size()
    # a second Show me replaces the frame; the frame fades and goes by itself
    controller.follow(Link("optimizers", panel="losses"))
    assert controller.highlight is not mark and not mark.isVisible()
    fading = controller.highlight
    assert fading.target is panels["losses"]
    fading.fade.setCurrentTime(fading.fade.duration())
    assert fading.strength == 0.0 and not fading.isVisible()


def _behind_a_tab(panel) -> bool:
    from PySide6.QtWidgets import QTabWidget

    parent = panel.parentWidget()
    tabs = parent.parentWidget() if parent is not None else None
    return isinstance(tabs, QTabWidget) and tabs.indexOf(panel) >= 0


def test_show_me_walks_the_step_through_to_the_layer(qtbot, window):
    controller = window.features["practice"]
    controller.follow(Link("mlp2d", "2"))
    qtbot.waitUntil(lambda: window.step_through.trace is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.step_through.current_event is not None
                    and window.step_through.current_event.path == "2", timeout=10000)
    event = window.step_through.current_event
    assert (event.phase, event.role) == ("forward", "model")
    assert window.tabs.currentWidget() is window.step_through


def test_every_generated_template_is_listed_for_translation():
    path = (Path(__file__).resolve().parents[2] / "dlviz" / "ui" / "practice"
            / "catalogue.py")
    listed = {node.args[0].value for node in ast.walk(ast.parse(path.read_text()))
              if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_tr"
              and node.args and isinstance(node.args[0], ast.Constant)}
    missing = set()
    for kind in kinds_for():
        for lab in kind.labs:
            for seed in range(8):
                try:
                    q = kind.question(seed, lab)
                except NoQuestion:
                    continue
                for text in (q.prompt, q.solution, *q.mistakes):
                    if text and text not in listed:
                        missing.add(text)
    assert not missing, sorted(missing)[:5]


@pytest.mark.slow
def test_every_linked_panel_exists_in_its_lab(qtbot):
    from dlviz.core.labs import get_lab
    from dlviz.ui.stages import stage_class

    wanted: dict[str, set[str]] = {}
    for kind in kinds_for():
        for lab in kind.labs:
            for seed in range(6):
                try:
                    link = kind.question(seed, lab).link
                except NoQuestion:
                    continue
                if link.panel:
                    wanted.setdefault(link.lab, set()).add(link.panel)
    for lab, panels in sorted(wanted.items()):
        spec = get_lab(lab)
        stage = stage_class(spec.stage)(spec)
        try:
            assert panels <= set(stage.panels()), (lab, panels - set(stage.panels()))
        finally:
            stage.shutdown()
            stage.deleteLater()


def test_a_lab_set_asks_about_the_run_shown(qtbot, window):
    controller = window.features["practice"]
    window.open_lab("lstm")
    controller.practice_lab()  # not trained yet: only questions about the settings
    panel = controller.panel
    qtbot.waitUntil(lambda: len(panel.questions) > 0, timeout=20000)
    assert all(q.step is None for q in panel.questions)
    window.actions_by_name["trace"].trigger()  # one recorded training step
    qtbot.waitUntil(lambda: (window.shown.step or 0) >= 1, timeout=30000)
    step = window.shown.step
    controller.practice_lab()
    qtbot.waitUntil(lambda: len(panel.questions) > 0
                    and any(q.step is not None for q in panel.questions),
                    timeout=20000)
    live = [i for i, q in enumerate(panel.questions) if q.step is not None]
    assert all(panel.questions[i].step == step for i in live)
    assert all(panel.questions[i].link.panel in window.stage.panels() for i in live)
    panel.index = live[0]
    panel._show()
    assert f"step {step}" in panel.header.text()
    assert f"step {step}" in panel.prompt.text()
    panel.close()


def test_a_long_lab_title_wraps_instead_of_widening_the_panel(qtbot):
    from dlviz.ui.practice.panel import PracticePanel

    panel = PracticePanel()
    qtbot.addWidget(panel)
    panel.header.setText("Two-stage detection: R-CNN → Fast R-CNN → Faster R-CNN "
                         "· 10 questions · from the run (step 1234)")
    panel.resize(600, 500)
    panel.show()
    assert panel.header.wordWrap()
    assert panel.minimumSizeHint().width() <= 600
