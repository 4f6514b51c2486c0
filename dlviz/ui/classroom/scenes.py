"""Lesson scenes: save what the window shows as a scene, open a lesson and step
through its scenes with Page Up / Page Down (what presentation clickers send).

A scene sets the lab, its hyperparameters, the tab (training or step-through), which
stage panel is zoomed (the others and the curves are hidden) and which panels are
hidden, and shows the scene's note in a bar above the stage. Lesson files are checked
completely before anything changes (:mod:`dlviz.session.lesson`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs import get_lab
from dlviz.session.lesson import (
    Lesson,
    LessonError,
    Scene,
    load_lesson,
    save_lesson,
    scene_overrides,
)
from dlviz.ui.classroom._export_dialogs import last_folder, remember_folder
from dlviz.ui.classroom._menus import add_window_action, classroom_menu, texts_of
from dlviz.ui.classroom.lesson_editor import file_name_for

_CONTEXT = "dlviz.classroom"
#: The name of a lesson begun by saving a scene, until the user names it.
NEW_LESSON = "New lesson"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- dialogs (replaced in tests) -------------------------------------------------------
def ask_scene_text(parent: QWidget, title: str) -> tuple[str, str] | None:
    """Ask for a scene's title and note; None when cancelled."""
    title, ok = QInputDialog.getText(
        parent, _tr("Save scene"), _tr("Title:"), text=title
    )
    if not ok:
        return None
    note, ok = QInputDialog.getMultiLineText(
        parent, _tr("Save scene"), _tr("Note to show with this scene:")
    )
    return (title, note) if ok else None


def ask_lesson_title(parent: QWidget, title: str) -> str | None:
    """Ask for the lesson's name; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent, _tr("Rename lesson"), _tr("Name of the lesson:"), text=title
    )
    return text.strip() if ok and text.strip() else None


def ask_lesson_path(parent: QWidget, save: bool) -> str:
    """A lesson file to open or to save, starting in the folder used last for
    lessons (saving proposes a file named after the lesson)."""
    caption = _tr("Save lesson") if save else _tr("Open lesson")
    filter_text = _tr("dlviz lesson (*.json)")
    start = last_folder("lessons")
    if save:
        lessons = getattr(parent, "features", {}).get(FEATURE)
        title = getattr(getattr(lessons, "lesson", None), "title", "")
        if title:
            start = str(Path(start) / file_name_for(title))
        path, _ = QFileDialog.getSaveFileName(parent, caption, start, filter_text)
        if path and not path.endswith(".json"):
            path += ".json"
    else:
        path, _ = QFileDialog.getOpenFileName(parent, caption, start, filter_text)
    return path


class LessonBar(QFrame):
    """Above the stage while a lesson is open: previous, scene title and note, next."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.previous_button = QPushButton("◀")
        self.previous_button.setObjectName("lesson_previous")
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("lesson_next")
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("lesson_close")
        text = QVBoxLayout()
        self.title_label = QLabel()
        self.title_label.setObjectName("lesson_title")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        self.note_label = QLabel()
        self.note_label.setObjectName("lesson_note")
        self.note_label.setWordWrap(True)
        font = self.note_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.note_label.setFont(font)
        text.addWidget(self.title_label)
        text.addWidget(self.note_label)
        layout.addWidget(self.previous_button)
        layout.addLayout(text, 1)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedWidth(44)


class LessonController(QObject):
    """The Lesson menu, the lesson bar and the zoom/visibility of stage panels."""

    #: A scene was applied to the window (the Scene); ink and the presenter listen.
    scene_applied = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        #: Callables returning extra Scene fields for :meth:`current_scene` (ink).
        self.scene_fields: list = []
        self.lesson: Lesson | None = None
        self.index = 0
        #: The zoomed stage panel, or None.
        self.zoom: str | None = None
        #: Stage panels hidden by a scene or the View menu.
        self.hidden: set[str] = set()
        self.bar = LessonBar()
        self.bar.hide()
        self.bar.previous_button.clicked.connect(self.previous_scene)
        self.bar.next_button.clicked.connect(self.next_scene)
        self.bar.close_button.clicked.connect(self.close_lesson)
        central = window.centralWidget().layout()
        central.insertWidget(1, self.bar)
        self._make_actions()
        window.lab_opened.connect(self._on_lab_opened)

    def _make_actions(self) -> None:
        w = self.window
        menu = classroom_menu(w, "Lesson")
        self.actions: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("save_scene", "Save scene…", "Ctrl+Shift+S", self.save_scene_action),
            ("open", "Open lesson…", "Ctrl+Shift+O", self.open_lesson_action),
            ("save", "Save lesson…", None, self.save_lesson_action),
            ("rename", "Rename lesson…", None, self.rename_lesson_action),
            ("previous", "Previous scene", "PgUp", self.previous_scene),
            ("next", "Next scene", "PgDown", self.next_scene),
            ("close", "Close lesson", None, self.close_lesson),
        ):
            self.actions[name] = add_window_action(
                w, menu, f"lesson_{name}", text, keys, slot
            )
        view = classroom_menu(w, "View")
        self.zoom_menu = view.addMenu("")
        self.zoom_menu.setObjectName("menu_zoom")
        texts_of(w).add(self.zoom_menu.setTitle, "Zoom a stage panel")
        self.zoom_menu.aboutToShow.connect(self._fill_zoom_menu)
        self._update_actions()

    # -- lesson navigation ---------------------------------------------------------
    def open_lesson_action(self) -> None:
        path = ask_lesson_path(self.window, False)
        if path:
            remember_folder("lessons", path)
            self.open_lesson(path)

    def open_lesson(self, path: str) -> bool:
        """Load and show the first scene; a bad file changes nothing."""
        try:
            lesson = load_lesson(path)
        except LessonError as exc:
            self._error(
                _tr("This lesson cannot be opened:") + " " + "; ".join(exc.problems)
            )
            return False
        self.set_lesson(lesson)
        return True

    def set_lesson(self, lesson: Lesson, index: int = 0) -> None:
        self.lesson = lesson
        self.show_scene(index)

    def show_scene(self, index: int) -> None:
        if self.lesson is None or not self.lesson.scenes:
            return
        self.index = max(0, min(index, len(self.lesson.scenes) - 1))
        self.apply_scene(self.lesson.scenes[self.index])
        self._update_bar()
        self._update_actions()

    def next_scene(self) -> None:
        if self.lesson is not None and self.index + 1 < len(self.lesson.scenes):
            self.show_scene(self.index + 1)

    def previous_scene(self) -> None:
        if self.lesson is not None and self.index > 0:
            self.show_scene(self.index - 1)

    def close_lesson(self) -> None:
        self.lesson = None
        self.index = 0
        self.bar.hide()
        self._update_actions()

    # -- applying a scene ------------------------------------------------------------
    def apply_scene(self, scene: Scene) -> None:
        w = self.window
        spec = get_lab(scene.lab)
        presentation = w.features.get("presentation")
        if presentation is not None and presentation.zoom.zoomed:
            presentation.zoom.restore()
        values = spec.resolve(scene.hparams)
        w.open_lab(scene.lab, values if spec.trainable else None)
        if w.session is not None:
            if values != w.session.hparams:
                w.apply_hparams(values)
        else:
            self._set_tool_values(values)
        target = w.step_through if scene.view == "step_through" else w.lab_splitter
        w.tabs.setCurrentWidget(target)
        panels = w.stage.panels() if w.stage is not None else {}
        unknown = [p for p in (scene.zoom, *scene.hidden) if p and p not in panels]
        self.hidden = {p for p in scene.hidden if p in panels}
        self.set_zoom(scene.zoom if scene.zoom in panels else None)
        if unknown:
            w.message_bar.show_message(
                _tr("This lab has no panel called {0}.").format(", ".join(unknown)),
                "warning",
            )
        self.scene_applied.emit(scene)

    def _set_tool_values(self, values: dict) -> None:
        """Tools keep their inputs in the stage (the convolution calculator)."""
        inputs = getattr(self.window.stage, "inputs", None)
        if isinstance(inputs, dict):
            for key, value in values.items():
                editor = inputs.get(key)
                if hasattr(editor, "setValue"):
                    editor.setValue(value)

    def set_zoom(self, panel: str | None) -> None:
        """Show only ``panel`` of the stage (None shows every panel not hidden)."""
        w = self.window
        panels = w.stage.panels() if w.stage is not None else {}
        self.zoom = panel if panel in panels else None
        trainable = w.spec is not None and w.spec.trainable
        deck = w.stage.deck if w.stage is not None else None
        chosen = ([self.zoom] if self.zoom else []) + list(self.hidden)
        if deck is not None and all(deck.owns(panels[n]) for n in chosen):
            # the stage's deck lays the chosen panels out (curves included)
            deck.set_filter(
                only=panels[self.zoom] if self.zoom else None,
                hidden={panels[n] for n in self.hidden if n in panels},
            )
            return
        for name, widget in panels.items():
            visible = name == self.zoom if self.zoom else name not in self.hidden
            widget.setVisible(visible)
        w.curves_box.setVisible(trainable and self.zoom is None)

    def set_hidden(self, panel: str, hidden: bool) -> None:
        (self.hidden.add if hidden else self.hidden.discard)(panel)
        self.set_zoom(self.zoom)

    def _on_lab_opened(self, _key: str) -> None:
        # a new stage shows all its panels
        self.zoom = None
        self.hidden = set()

    def _fill_zoom_menu(self) -> None:
        self.zoom_menu.clear()
        w = self.window
        names = list(w.stage.panels()) if w.stage is not None else []
        none = self.zoom_menu.addAction(_tr("No zoom"))
        none.setCheckable(True)
        none.setChecked(self.zoom is None)
        none.triggered.connect(lambda: self.set_zoom(None))
        for name in names:
            action = self.zoom_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(self.zoom == name)
            action.triggered.connect(lambda _c=False, n=name: self.set_zoom(n))

    # -- saving scenes ---------------------------------------------------------------
    def current_scene(self, title: str = "", note: str = "") -> Scene:
        """What the window shows now, as a scene."""
        w = self.window
        spec = w.spec
        if w.session is not None:
            hparams = scene_overrides(spec.key, w.session.hparams)
        else:
            values = getattr(w.stage, "values", None)
            hparams = {}
            if callable(values):
                known = {p.key for p in spec.params}
                current = {k: v for k, v in values().items() if k in known}
                hparams = scene_overrides(spec.key, spec.resolve(current))
        stepping = w.tabs.currentWidget() is w.step_through
        view = "step_through" if stepping else "training"
        extra: dict = {}
        for fields in self.scene_fields:
            extra.update(fields())
        return Scene(
            title=title or spec.title,
            lab=spec.key,
            hparams=hparams,
            view=view,
            zoom=self.zoom or self._presentation_zoom(),
            hidden=tuple(sorted(self.hidden)),
            note=note,
            **extra,
        )

    def _presentation_zoom(self) -> str | None:
        """The stage panel zoomed with F (presentation mode), if any."""
        presentation = self.window.features.get("presentation")
        panel = getattr(getattr(presentation, "zoom", None), "panel", None)
        stage = self.window.stage
        if panel is None or stage is None:
            return None
        return next((n for n, p in stage.panels().items() if p is panel), None)

    def save_scene_action(self) -> None:
        w = self.window
        if w.spec is None:
            return
        answer = ask_scene_text(w, w.spec.title)
        if answer is None:
            return
        self.add_scene(self.current_scene(*answer))

    def add_scene(self, scene: Scene) -> None:
        """Insert ``scene`` after the current one (starting a lesson when none)."""
        if self.lesson is None:
            self.lesson = Lesson(title=_tr("New lesson"), scenes=[scene])
            self.index = 0
        else:
            self.index = min(self.index + 1, len(self.lesson.scenes))
            self.lesson.scenes.insert(self.index, scene)
        self._update_bar()
        self._update_actions()

    def rename_lesson_action(self) -> None:
        if self.lesson is None:
            return
        title = ask_lesson_title(self.window, self.lesson.title)
        if title:
            self.rename_lesson(title)

    def rename_lesson(self, title: str) -> None:
        """Name the open lesson (the name shows in the bar and is saved)."""
        if self.lesson is not None and title.strip():
            self.lesson.title = title.strip()
            self._update_bar()

    def save_lesson_action(self) -> None:
        if self.lesson is None:
            return
        path = ask_lesson_path(self.window, True)
        if not path:
            return
        remember_folder("lessons", path)
        if self.lesson.title in (NEW_LESSON, _tr("New lesson")):
            # a lesson not named yet takes the name of its file
            self.rename_lesson(Path(path).stem.replace("_", " "))
        try:
            save_lesson(self.lesson, path)
        except OSError as exc:
            self._error(_tr("The lesson could not be saved: {0}").format(exc))
            return
        self.window.statusBar().showMessage(_tr("Lesson saved: {0}").format(path), 8000)

    # -- display -----------------------------------------------------------------------
    def _update_bar(self) -> None:
        if self.lesson is None:
            self.bar.hide()
            return
        scene = self.lesson.scenes[self.index]
        count = len(self.lesson.scenes)
        self.bar.title_label.setText(
            f"{self.lesson.title} · {self.index + 1}/{count} · {scene.title}"
        )
        note = scene.note_text(getattr(self.window, "language", "en"))
        self.bar.note_label.setText(note)
        self.bar.note_label.setVisible(bool(note))
        self.bar.previous_button.setEnabled(self.index > 0)
        self.bar.next_button.setEnabled(self.index + 1 < count)
        self.bar.show()

    def _update_actions(self) -> None:
        has = self.lesson is not None
        for name in ("previous", "next", "close", "save", "rename"):
            self.actions[name].setEnabled(has)

    def _error(self, text: str) -> None:
        self.window.message_bar.show_message(text, "error")


#: The name under which the window keeps this feature (``window.features``).
FEATURE = "lessons"


def install(window) -> LessonController:
    return LessonController(window)
