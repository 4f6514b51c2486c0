"""Switching the interface language at run time, on a real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from dlviz.ui.classroom import language
from dlviz.ui.qm import ensure_qm
from dlviz.ui.settings import Settings


@pytest.fixture(autouse=True)
def temp_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    yield
    if language.current_language() != "en":
        language.set_application_language("en")


def chapter_texts(window) -> list[str]:
    tree = window.picker.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_translation_file_builds():
    path = ensure_qm("zh_CN")
    assert path is not None and path.exists() and path.stat().st_size > 1000


def test_switch_language_at_run_time_and_back(qtbot, window):
    assert window.language == "en"
    play = window.transport.play_button
    assert play.text() == "Play"
    assert "Neural network basics" in chapter_texts(window)
    title = window.stage.map.plot_item.titleLabel
    english_title = title.text
    assert "decision boundary" in english_title
    view_menu = window.menus.menus["view"]

    window.features["language"].switch("zh_CN")
    assert language.current_language() == "zh_CN"
    assert window.language == "zh_CN"
    assert play.text() == "播放"
    chapters = chapter_texts(window)
    assert "神经网络基础" in chapters and "Neural network basics" not in chapters
    assert "决策边界" in title.text
    assert window.loss_curves.plot_item.titleLabel.text == "损失"
    assert window.tabs.tabText(0) == "训练"
    assert window.picker_dock.windowTitle() == "实验"
    assert view_menu.title() == "视图(&V)"
    assert window.features["presentation"].actions["presentation"].text() == "演示模式"
    assert window.notes._lang == "zh_CN"  # the note is shown in Chinese
    assert Settings().language == "zh_CN"
    assert QLocale().name() == "zh_CN"

    window.features["language"].toggle()  # Ctrl+L: back to English
    assert language.current_language() == "en"
    assert play.text() == "Play"
    assert "Neural network basics" in chapter_texts(window)
    assert title.text == english_title
    assert view_menu.title() == "&View"
    assert window.notes._lang == "en"
    assert Settings().language == "en"


def test_new_lab_opens_in_the_current_language(qtbot, window):
    window.features["language"].switch("zh_CN")
    window.open_lab("mlp_digits")
    assert window.stage.grid.plot_item.titleLabel.text == "验证集数字：预测的标签"
    window.features["language"].switch("en")
    assert window.stage.grid.plot_item.titleLabel.text.startswith("Validation digits")


def test_default_follows_saved_choice_then_system_locale(monkeypatch):
    monkeypatch.setattr(language, "QLocale", _FakeLocale)
    assert language.system_language() == "zh_CN"
    assert not Settings().language  # nothing saved: the system decides
    Settings().language = "en"
    assert Settings().language == "en"
    with pytest.raises(ValueError):
        Settings().language = "fr"


class _FakeLocale(QLocale):
    Language = QLocale.Language

    @staticmethod
    def system() -> QLocale:
        return QLocale("zh_CN")
