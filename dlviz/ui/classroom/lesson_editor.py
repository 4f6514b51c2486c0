"""Lesson editor: the scenes of a lesson in a list to reorder, duplicate, rename and
delete; each scene's note and "predict, then reveal" question in English and Chinese;
preview a scene in the window; save, or save under a new name.

Lesson ▸ Edit lesson… (Ctrl+Shift+E) edits a copy of the open lesson (or a new one);
nothing changes in the window until Preview, which shows the selected scene of the
edited lesson (the lesson bar then steps through the edited scenes). File dialogs open
in the folder used last (:data:`FOLDER_KEY`). Lessons written before scenes had
questions and ink open unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs import get_lab
from dlviz.session.lesson import Lesson, LessonError, Scene, load_lesson, save_lesson
from dlviz.ui.classroom._menus import add_action, classroom_menu
from dlviz.ui.i18n import tr_core
from dlviz.ui.settings import LANGUAGES, Settings
from dlviz.ui.teaching import feature

_CONTEXT = "LessonEditor"
#: The folder a lesson was last opened from or saved to (QSettings key).
FOLDER_KEY = "lessons/last_folder"
#: Language tabs of the editor: the code and its name in that language.
LANGUAGE_TABS = {"en": "English", "zh_CN": "简体中文"}
assert set(LANGUAGE_TABS) == set(LANGUAGES)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- folders and file dialogs (replaced in tests) --------------------------------------
def last_folder(settings: Settings) -> str:
    """The folder used last, if it still exists, else the user's home."""
    folder = str(settings.store.value(FOLDER_KEY, "") or "")
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(settings: Settings, path: str | Path) -> None:
    settings.store.setValue(FOLDER_KEY, str(Path(path).resolve().parent))
    settings.store.sync()


def file_name_for(title: str) -> str:
    """A file name from a lesson title (letters, digits, CJK kept)."""
    stem = re.sub(r"[^\w\u4e00-\u9fff]+", "_", title.strip().lower()).strip("_")
    return (stem or "lesson") + ".json"


def ask_open_path(parent: QWidget, folder: str) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Open lesson"), folder, _tr("dlviz lesson (*.json)"))
    return path


def ask_save_path(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save lesson as"), suggested, _tr("dlviz lesson (*.json)"))
    if path and not path.endswith(".json"):
        path += ".json"
    return path


# -- editing scenes (pure functions on the Lesson) -------------------------------------
def move_scene(lesson: Lesson, index: int, offset: int) -> int:
    """Move scene ``index`` by ``offset`` places; returns its new index."""
    target = max(0, min(len(lesson.scenes) - 1, index + offset))
    scene = lesson.scenes.pop(index)
    lesson.scenes.insert(target, scene)
    return target


def duplicate_scene(lesson: Lesson, index: int, suffix: str) -> int:
    scene = lesson.scenes[index]
    copy = dataclasses.replace(scene, title=f"{scene.title} {suffix}".strip())
    lesson.scenes.insert(index + 1, copy)
    return index + 1


def _texts(value) -> dict[str, str]:
    """A note or question text as {language: text} (a plain string is English)."""
    if isinstance(value, str):
        return {"en": value} if value else {}
    return {k: v for k, v in (value or {}).items() if v}


def with_texts(scene: Scene, language: str, note: str, question: str,
               answer: str) -> Scene:
    """``scene`` with its note, question and answer in ``language`` replaced (empty
    texts are dropped; no question at all gives ``question=None``)."""
    notes = _texts(scene.note)
    prompts = _texts((scene.question or {}).get("prompt", ""))
    answers = _texts((scene.question or {}).get("answer", ""))
    for texts, value in ((notes, note), (prompts, question), (answers, answer)):
        if value.strip():
            texts[language] = value
        else:
            texts.pop(language, None)
    q = {"prompt": prompts, "answer": answers} if prompts or answers else None
    return dataclasses.replace(scene, note=notes, question=q)


def copy_lesson(lesson: Lesson) -> Lesson:
    return Lesson(title=lesson.title, scenes=list(lesson.scenes),
                  chapter=lesson.chapter, path=lesson.path)


class LessonEditor(QDialog):
    """The editor dialog (not modal: the window stays usable for previews)."""

    def __init__(self, window: QMainWindow, lesson: Lesson | None,
                 settings: Settings | None = None):
        super().__init__(window)
        self.setObjectName("lesson_editor")
        self.main_window = window
        self.settings = settings or Settings()
        self.lesson = copy_lesson(lesson) if lesson is not None else Lesson("", [])
        self._loading = False
        self.dirty = False

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("lesson_editor_title")
        self.title_edit.textEdited.connect(self._on_lesson_title)
        self.title_label = QLabel()
        self.file_label = QLabel()
        self.file_label.setObjectName("lesson_editor_file")
        self.file_label.setWordWrap(True)

        self.list = QListWidget()
        self.list.setObjectName("lesson_editor_scenes")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_scene)
        self.buttons: dict[str, QPushButton] = {}
        scene_buttons = QGridLayout()
        for i, name in enumerate(("up", "down", "duplicate", "delete", "add")):
            button = QPushButton()
            button.setObjectName(f"lesson_editor_{name}")
            button.clicked.connect(getattr(self, f"{name}_scene"))
            self.buttons[name] = button
            if name == "add":
                scene_buttons.addWidget(button, 2, 0, 1, 2)
            else:
                scene_buttons.addWidget(button, i // 2, i % 2)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(scene_buttons)

        self.scene_title = QLineEdit()
        self.scene_title.setObjectName("lesson_editor_scene_title")
        self.scene_title.textEdited.connect(self._on_scene_title)
        self.scene_info = QLabel()
        self.scene_info.setObjectName("lesson_editor_scene_info")
        self.scene_info.setWordWrap(True)
        self.language_tabs = QTabWidget()
        self.editors: dict[str, dict[str, QPlainTextEdit]] = {}
        self.field_labels: list[tuple[QLabel, str]] = []
        for lang, name in LANGUAGE_TABS.items():
            page = QWidget()
            form = QFormLayout(page)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            fields = {}
            for key, lines in (("note", 5), ("question", 3), ("answer", 3)):
                edit = QPlainTextEdit()
                edit.setObjectName(f"lesson_editor_{key}_{lang}")
                edit.setTabChangesFocus(True)
                line = edit.fontMetrics().lineSpacing()
                edit.setMinimumHeight(line * lines // 2 + 12)
                edit.textChanged.connect(self._on_texts)
                label = QLabel()
                self.field_labels.append((label, key))
                form.addRow(label, edit)
                fields[key] = edit
            self.editors[lang] = fields
            self.language_tabs.addTab(page, name)
        self.scene_title_label = QLabel()
        right = QVBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(self.scene_title_label)
        title_row.addWidget(self.scene_title, 1)
        right.addLayout(title_row)
        right.addWidget(self.scene_info)
        right.addWidget(self.language_tabs, 1)

        self.message = QLabel()
        self.message.setObjectName("lesson_editor_message")
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        for name in ("preview", "open", "save", "save_as", "close"):
            button = QPushButton()
            button.setObjectName(f"lesson_editor_{name}")
            button.setAutoDefault(False)
            slot = {"open": self.open_file, "close": self.close}.get(name)
            button.clicked.connect(slot or getattr(self, name))
            self.buttons[name] = button
            if name == "close":
                bottom.addStretch(1)
            bottom.addWidget(button)

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.title_edit, 1)
        middle = QHBoxLayout()
        middle.addLayout(left, 2)
        middle.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.file_label)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        language = getattr(window, "language", "en")
        if language in LANGUAGE_TABS:  # the teacher's language first
            self.language_tabs.setCurrentIndex(list(LANGUAGE_TABS).index(language))
        self.retranslate_ui()
        self._fill(0)

    # -- showing -----------------------------------------------------------------------
    def _fill(self, row: int) -> None:
        """The list and fields from :attr:`lesson`, ``row`` selected."""
        self._loading = True
        try:
            self.title_edit.setText(self.lesson.title)
            self.list.clear()
            for number, scene in enumerate(self.lesson.scenes, start=1):
                self.list.addItem(f"{number}. {scene.title}")
        finally:
            self._loading = False
        if self.lesson.scenes:
            self.list.setCurrentRow(max(0, min(row, len(self.lesson.scenes) - 1)))
        self._show_scene(self.list.currentRow())
        self._update_state()

    def _show_scene(self, row: int) -> None:
        self._loading = True
        try:
            scene = self.scene(row)
            self.scene_title.setText(scene.title if scene else "")
            for lang, fields in self.editors.items():
                fields["note"].setPlainText(_texts(scene.note).get(lang, "")
                                            if scene else "")
                question = (scene.question or {}) if scene else {}
                fields["question"].setPlainText(
                    _texts(question.get("prompt", "")).get(lang, ""))
                fields["answer"].setPlainText(
                    _texts(question.get("answer", "")).get(lang, ""))
            self.scene_info.setText(self._describe(scene) if scene else "")
        finally:
            self._loading = False
        self._update_state()

    def _describe(self, scene: Scene) -> str:
        parts = [tr_core(get_lab(scene.lab).title)]
        parts.append(_tr("step through") if scene.view == "step_through"
                     else _tr("training"))
        if scene.zoom:
            parts.append(_tr("zoom: {0}").format(scene.zoom))
        strokes = sum(len(s) for s in scene.ink.values())
        if strokes:
            parts.append(_tr("{0} ink strokes").format(strokes))
        return " · ".join(parts)

    def _update_state(self) -> None:
        row, count = self.list.currentRow(), len(self.lesson.scenes)
        has = 0 <= row < count
        self.buttons["up"].setEnabled(has and row > 0)
        self.buttons["down"].setEnabled(has and row + 1 < count)
        for name in ("duplicate", "delete", "preview"):
            self.buttons[name].setEnabled(has)
        self.buttons["add"].setEnabled(getattr(self.main_window, "spec", None)
                                       is not None)
        self.buttons["save"].setEnabled(count > 0)
        self.buttons["save_as"].setEnabled(count > 0)
        for widget in (self.scene_title, self.language_tabs):
            widget.setEnabled(has)
        path = self.lesson.path
        self.file_label.setText(
            _tr("File: {0}").format(str(path)) if path else _tr("Not saved yet"))
        mark = " *" if self.dirty else ""
        self.setWindowTitle(_tr("Edit lesson") + mark)

    def scene(self, row: int | None = None) -> Scene | None:
        row = self.list.currentRow() if row is None else row
        if 0 <= row < len(self.lesson.scenes):
            return self.lesson.scenes[row]
        return None

    # -- editing -----------------------------------------------------------------------
    def _changed(self) -> None:
        self.dirty = True
        self._update_state()

    def _on_lesson_title(self, text: str) -> None:
        if not self._loading:
            self.lesson.title = text
            self._changed()

    def _on_scene_title(self, text: str) -> None:
        row = self.list.currentRow()
        if self._loading or self.scene(row) is None:
            return
        self.lesson.scenes[row] = dataclasses.replace(self.lesson.scenes[row],
                                                      title=text)
        self.list.item(row).setText(f"{row + 1}. {text}")
        self._changed()

    def _on_texts(self) -> None:
        row = self.list.currentRow()
        if self._loading or self.scene(row) is None:
            return
        scene = self.lesson.scenes[row]
        for lang, fields in self.editors.items():
            scene = with_texts(scene, lang, fields["note"].toPlainText(),
                               fields["question"].toPlainText(),
                               fields["answer"].toPlainText())
        self.lesson.scenes[row] = scene
        self._changed()

    def up_scene(self) -> None:
        self._move(-1)

    def down_scene(self) -> None:
        self._move(1)

    def _move(self, offset: int) -> None:
        row = self.list.currentRow()
        if self.scene(row) is not None:
            self._fill(move_scene(self.lesson, row, offset))
            self._changed()

    def duplicate_scene(self) -> None:
        row = self.list.currentRow()
        if self.scene(row) is not None:
            self._fill(duplicate_scene(self.lesson, row, _tr("(copy)")))
            self._changed()

    def delete_scene(self) -> None:
        row = self.list.currentRow()
        if self.scene(row) is not None:
            del self.lesson.scenes[row]
            self._fill(row)
            self._changed()

    def add_scene(self) -> None:
        """The window's view now (lab, settings, zoom, ink) after the selected
        scene."""
        lessons = feature(self.main_window, "lessons")
        if lessons is None or getattr(self.main_window, "spec", None) is None:
            return
        scene = lessons.current_scene()
        row = self.list.currentRow() + 1 if self.lesson.scenes else 0
        self.lesson.scenes.insert(row, scene)
        if not self.lesson.title:
            self.lesson.title = _tr("New lesson")
        self._fill(row)
        self._changed()

    # -- window and files --------------------------------------------------------------
    def preview(self) -> None:
        """Show the selected scene in the window (the lesson bar steps through the
        edited lesson)."""
        lessons = feature(self.main_window, "lessons")
        row = self.list.currentRow()
        if lessons is None or self.scene(row) is None:
            return
        lessons.set_lesson(copy_lesson(self.lesson), row)

    def open_file(self) -> None:
        path = ask_open_path(self, last_folder(self.settings))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        try:
            lesson = load_lesson(path)
        except LessonError as exc:
            self.message.setText(_tr("This lesson cannot be opened:") + " "
                                 + "; ".join(exc.problems))
            return False
        remember_folder(self.settings, path)
        self.lesson = lesson
        self.dirty = False
        self.message.setText("")
        self._fill(0)
        return True

    def save(self) -> bool:
        if self.lesson.path is None:
            return self.save_as()
        return self._write(self.lesson.path)

    def save_as(self) -> bool:
        if not self.lesson.scenes:
            return False
        folder = (str(self.lesson.path.parent) if self.lesson.path is not None
                  else last_folder(self.settings))
        suggested = str(Path(folder) / file_name_for(self.lesson.title))
        path = ask_save_path(self, suggested)
        if not path:
            return False
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        if not self.lesson.title.strip():
            self.lesson.title = Path(path).stem
            self.title_edit.setText(self.lesson.title)
        try:
            save_lesson(self.lesson, path)
        except OSError as exc:
            self.message.setText(_tr("The lesson could not be saved: {0}").format(exc))
            return False
        remember_folder(self.settings, path)
        self.dirty = False
        self.message.setText(_tr("Saved {0}").format(path))
        self._update_state()
        return True

    # -- translation -------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title_label.setText(_tr("Lesson title:"))
        self.scene_title_label.setText(_tr("Scene title:"))
        texts = {
            "up": _tr("Move up"),
            "down": _tr("Move down"),
            "duplicate": _tr("Duplicate"),
            "delete": _tr("Delete"),
            "add": _tr("Add the window's view"),
            "preview": _tr("Preview"),
            "open": _tr("Open…"),
            "save": _tr("Save"),
            "save_as": _tr("Save as…"),
            "close": _tr("Close"),
        }
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self.buttons["add"].setToolTip(_tr(
            "Add what the window shows now (lab, settings, zoom, ink) as a scene "
            "after the selected one"))
        self.buttons["preview"].setToolTip(_tr("Show the selected scene in the window"))
        fields = {"note": _tr("Note"), "question": _tr("Question (predict)"),
                  "answer": _tr("Answer (revealed)")}
        for label, key in self.field_labels:
            label.setText(fields[key])
        self._show_scene(self.list.currentRow())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class LessonEditorController(QObject):
    """Lesson ▸ Edit lesson…"""

    def __init__(self, window: QMainWindow, settings: Settings | None = None):
        super().__init__(window)
        self.setObjectName("lesson_editor_feature")
        self.window = window
        self.settings = settings or Settings()
        self.editor: LessonEditor | None = None
        self.action = add_action(window, None, "lesson_edit", "Ctrl+Shift+E",
                                 self.open_editor)
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._in_menu = False
        window.installEventFilter(self)
        self.retranslate_ui()
        QTimer.singleShot(0, self._add_to_menu)  # after the Lesson menu's own items

    def _add_to_menu(self) -> None:
        if self._in_menu or not shiboken6.isValid(self):
            return
        lesson_menu = classroom_menu(self.window, "Lesson")
        lesson_menu.addSeparator()
        lesson_menu.addAction(self.action)
        self._in_menu = True

    def open_editor(self) -> LessonEditor:
        """The editor on a copy of the open lesson (a new lesson when none)."""
        self._add_to_menu()
        if self.editor is not None and shiboken6.isValid(self.editor):
            self.editor.close()
            self.editor.deleteLater()
        lessons = feature(self.window, "lessons")
        lesson = getattr(lessons, "lesson", None)
        self.editor = LessonEditor(self.window, lesson, self.settings)
        if lesson is not None:
            self.editor.list.setCurrentRow(lessons.index)
        screen = self.window.screen().availableGeometry()
        self.editor.resize(min(900, screen.width() - 40),
                           min(640, screen.height() - 60))
        self.editor.show()
        self.editor.raise_()
        return self.editor

    def retranslate_ui(self) -> None:
        self.action.setText(_tr("Edit lesson…"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind == QEvent.Type.Close and watched is self.window:
            if self.editor is not None and shiboken6.isValid(self.editor):
                self.editor.close()
        return False


#: The name under which the window keeps this feature (``window.features``).
FEATURE = "lesson_editor"


def install(window: QMainWindow) -> LessonEditorController:
    return LessonEditorController(window)
