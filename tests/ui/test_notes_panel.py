"""The notes panel: renders a note, hides the answer until the button is clicked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from dlviz import notes
from dlviz.notes import load_note
from dlviz.ui.widgets.notes_panel import MIN_BODY_POINT_SIZE, NotesPanel

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def panel(qtbot) -> NotesPanel:
    widget = NotesPanel()
    qtbot.addWidget(widget)
    widget.resize(460, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer_shown(panel: NotesPanel) -> bool:
    return panel.answer_label.isVisibleTo(panel)


def click_reveal(qtbot, panel: NotesPanel) -> None:
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)


def test_shows_title_body_and_question(panel: NotesPanel) -> None:
    panel.show_note("lstm", "en")
    note = load_note("lstm", "en")
    assert panel.title_label.text() == note.title
    assert "Forget gate" in panel.body_browser.toPlainText()
    assert panel.question_heading_label.text() == "Predict, then reveal"
    assert panel.question_label.text() == note.question
    assert panel.question_frame.isVisibleTo(panel)
    assert not panel.fallback_label.isVisibleTo(panel)


def test_answer_hidden_until_button_clicked(qtbot, panel: NotesPanel) -> None:
    panel.show_note("resnet", "en")
    assert not answer_shown(panel)
    assert not panel.is_answer_visible()
    assert panel.reveal_button.text() == "Reveal answer"
    with qtbot.waitSignal(panel.answer_revealed) as blocker:
        click_reveal(qtbot, panel)
    assert blocker.args == ["resnet"]
    assert answer_shown(panel)
    assert panel.answer_label.text() == load_note("resnet", "en").answer
    assert panel.reveal_button.text() == "Hide answer"
    click_reveal(qtbot, panel)
    assert not answer_shown(panel)


def test_answer_hidden_again_when_note_changes(qtbot, panel: NotesPanel) -> None:
    panel.show_note("vae", "en")
    click_reveal(qtbot, panel)
    assert answer_shown(panel)
    panel.show_note("gan1d", "en")
    assert not answer_shown(panel)
    assert panel.reveal_button.text() == "Reveal answer"
    click_reveal(qtbot, panel)
    panel.show_note("gan1d", "zh_CN")
    assert not answer_shown(panel)


def test_chinese_note(qtbot, panel: NotesPanel) -> None:
    panel.show_note("lstm", "zh_CN")
    assert CJK.search(panel.title_label.text())
    assert CJK.search(panel.body_browser.toPlainText())
    assert panel.question_heading_label.text() == "先预测，再揭晓"
    assert not panel.fallback_label.isVisibleTo(panel)
    click_reveal(qtbot, panel)
    assert answer_shown(panel)
    assert CJK.search(panel.answer_label.text())


def test_set_language_keeps_the_lab(panel: NotesPanel) -> None:
    panel.show_note("gru", "en")
    panel.set_language("zh_CN")
    assert panel.note() is not None
    assert (panel.note().key, panel.note().lang) == ("gru", "zh_CN")


def test_missing_translation_shows_english_with_notice(
    panel: NotesPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes, "notes_dir", lambda: tmp_path)
    (tmp_path / "solo.en.md").write_text(
        "# Solo\nBody text\n## Predict, then reveal\nQ?\n### Answer\nA.\n",
        encoding="utf-8",
    )
    panel.show_note("solo", "zh_CN")
    assert panel.title_label.text() == "Solo"
    assert panel.fallback_label.isVisibleTo(panel)
    panel.show_note("solo", "en")
    assert not panel.fallback_label.isVisibleTo(panel)


def test_missing_note_shows_a_message(qtbot, panel: NotesPanel) -> None:
    panel.show_note("lenet5", "en")
    panel.show_note("no_such_lab", "en")
    assert panel.note() is None
    assert panel.title_label.text() == "No lesson notes for this lab yet."
    assert not panel.question_frame.isVisibleTo(panel)
    panel.reveal_answer()
    assert not panel.is_answer_visible()


def test_fonts_are_large_enough_for_a_projector(panel: NotesPanel) -> None:
    panel.show_note("mlp2d", "en")
    assert panel.body_point_size() >= MIN_BODY_POINT_SIZE
    assert panel.body_browser.font().pointSizeF() >= MIN_BODY_POINT_SIZE
    assert panel.answer_label.font().pointSizeF() >= MIN_BODY_POINT_SIZE
    assert panel.title_label.font().pointSizeF() > panel.body_point_size()


def test_fonts_follow_the_application_font(qtbot, panel: NotesPanel) -> None:
    panel.show_note("mlp2d", "en")
    original = QApplication.font()
    try:
        bigger = QFont(original)
        bigger.setPointSizeF(20.0)
        QApplication.setFont(bigger)
        assert panel.body_point_size() == pytest.approx(20.0 * 1.35)
        # Qt posts ApplicationFontChange; the panel re-applies its fonts on it.
        qtbot.waitUntil(
            lambda: panel.body_browser.font().pointSizeF() == pytest.approx(27.0)
        )
        assert panel.title_label.font().pointSizeF() > 27.0
    finally:
        QApplication.setFont(original)
    qtbot.waitUntil(
        lambda: panel.body_browser.font().pointSizeF() == panel.body_point_size()
    )


def test_font_scale(panel: NotesPanel) -> None:
    base = panel.body_point_size()
    panel.set_font_scale(1.5)
    assert panel.body_point_size() == pytest.approx(1.5 * base)
    assert panel.body_browser.font().pointSizeF() == pytest.approx(1.5 * base)
