"""Presenter view: the stage full screen on the projector, the teacher's view on the
laptop.

View ▸ Presenter view… (Alt+F5) asks which screen is the projector. The main window
goes there in presentation mode (stage only, large type); a presenter window opens on
the other screen with the current scene's note, its "predict, then reveal" question
(the answer hidden until Reveal), the next scene's title, a live thumbnail of what
the projector shows (the main window drawn small on the GUI thread twice a second,
only while the presenter view is on screen), transport buttons that trigger the
window's own actions, a clock and the time since the start. The window's
keys (Page Down, Space, B, P …) also work while the presenter window has the focus,
so a clicker works whichever window is active.

With one screen the chooser says so and offers to open the presenter view as a
normal window beside the app (the main window is left as it is).
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter, QRegion
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dlviz.notes import NoteError, NoteNotFoundError, load_note
from dlviz.ui.classroom._menus import add_action
from dlviz.ui.i18n import tr_core
from dlviz.ui.settings import Settings
from dlviz.ui.teaching import feature
from dlviz.ui.teaching.screens import (
    Assignment,
    assign_screens,
    default_projector,
    describe_screen,
)

_CONTEXT = "PresenterView"
#: Where the projector screen chosen last time is remembered (by screen name).
PROJECTOR_KEY = "presenter/projector_screen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def format_elapsed(seconds: float) -> str:
    """``h:mm:ss`` (``mm:ss`` under an hour) of a non-negative duration."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


# -- what the presenter shows ----------------------------------------------------------
def presenter_content(window) -> dict[str, str]:
    """Texts for the presenter view from the window's state: ``title``, ``note``
    (Markdown), ``question``, ``answer``, ``question_source`` ("scene" or "lab"),
    ``next`` (the next scene's title, or a hint)."""
    lang = getattr(window, "language", "en")
    spec = getattr(window, "spec", None)
    lessons = feature(window, "lessons")
    lesson = getattr(lessons, "lesson", None)
    out = {"title": "", "note": "", "question": "", "answer": "",
           "question_source": "", "next": ""}
    lab_note = None
    if spec is not None:
        try:
            lab_note = load_note(spec.key, lang)
        except (NoteError, NoteNotFoundError, OSError):
            lab_note = None
    if lesson is not None and lesson.scenes:
        index = max(0, min(lessons.index, len(lesson.scenes) - 1))
        scene = lesson.scenes[index]
        out["title"] = (f"{lesson.title} · {index + 1}/{len(lesson.scenes)} · "
                        f"{scene.title}")
        out["note"] = scene.note_text(lang)
        if scene.question_text(lang):
            out["question"] = scene.question_text(lang)
            out["answer"] = scene.answer_text(lang)
            out["question_source"] = "scene"
        if index + 1 < len(lesson.scenes):
            out["next"] = lesson.scenes[index + 1].title
        else:
            out["next"] = _tr("This is the last scene.")
    else:
        out["title"] = tr_core(spec.title) if spec is not None else ""
        out["note"] = lab_note.body if lab_note is not None else ""
        out["next"] = _tr("No lesson is open (Lesson ▸ Open lesson…).")
    if not out["question"] and lab_note is not None:
        out["question"], out["answer"] = lab_note.question, lab_note.answer
        out["question_source"] = "lab"
    return out


# -- the screen chooser ----------------------------------------------------------------
class ScreenDialog(QDialog):
    """Which screen is the projector; with one screen, says that a second is needed
    and offers the presenter view as a normal window."""

    def __init__(self, parent: QWidget | None, labels: list[str], default: int):
        super().__init__(parent)
        self.setObjectName("presenter_screen_dialog")
        self.labels = labels
        self.info = QLabel()
        self.info.setObjectName("presenter_screen_info")
        self.info.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("presenter_screen_combo")
        self.combo.addItems(labels)
        self.combo.setCurrentIndex(default)
        self.combo_label = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.combo_label)
        row.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        two = len(labels) > 1
        self.combo.setVisible(two)
        self.combo_label.setVisible(two)
        self.retranslate_ui()

    @property
    def two_screens(self) -> bool:
        return len(self.labels) > 1

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_tr("Presenter view"))
        if self.two_screens:
            self.info.setText(_tr(
                "The stage goes full screen on the projector. The presenter view "
                "(scene note, question, next scene, clock) opens on the other screen."
            ))
            ok = _tr("Start presenting")
        else:
            self.info.setText(_tr(
                "Only one screen is connected. Connect a projector or a second "
                "monitor to show the stage there and the presenter view here. "
                "Meanwhile the presenter view can open as a normal window."
            ))
            ok = _tr("Open as a window")
        self.combo_label.setText(_tr("Projector:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            _tr("Cancel"))
        self.info.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def ask_projector(parent: QWidget, labels: list[str], default: int) -> int | None:
    """The chosen projector screen's index, or None when cancelled (replaced in
    tests)."""
    dialog = ScreenDialog(parent, labels, default)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.combo.currentIndex() if dialog.two_screens else 0
    finally:
        dialog.deleteLater()


# -- what the projector shows, small ------------------------------------------------
class ProjectorThumbnail(QWidget):
    """The last picture of the main window (what the projector shows), drawn as large
    as fits, its shape kept."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("presenter_thumbnail")
        self.image: QImage | None = None
        #: Width / height of the window drawn (4:3 until the first picture).
        self.aspect = 4 / 3
        self.setMinimumSize(80, 60)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(self.minimumHeight(), round(width / self.aspect))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, round(320 / self.aspect))

    def fitted(self, size: QSize) -> QSize:
        """The largest size of ``size``'s shape that fits this widget."""
        if size.isEmpty():
            return QSize()
        return size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)

    def set_image(self, image: QImage) -> None:
        self.image = image
        if image.height() > 0:
            aspect = image.width() / image.height()
            if abs(aspect - self.aspect) > 0.01:
                self.aspect = aspect
                self.updateGeometry()
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.image is None or self.image.isNull():
            return
        size = self.fitted(self.image.size())
        x = (self.width() - size.width()) / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(x, 0, size.width(), size.height()), self.image)
        painter.end()


def draw_small(widget: QWidget, size: QSize) -> QImage:
    """``widget`` with its children drawn into an image of ``size`` (on the GUI
    thread; a scaled painter, so only the small picture is rasterised)."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(widget.palette().window().color())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(size.width() / max(1, widget.width()),
                      size.height() / max(1, widget.height()))
        widget.render(painter, QPoint(), QRegion(),
                      QWidget.RenderFlag.DrawWindowBackground
                      | QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
    return image


# -- the presenter window --------------------------------------------------------------
class PresenterWindow(QWidget):
    """The teacher's screen: now, note, question with Reveal, next, transport, time."""

    def __init__(self, window: QMainWindow):
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("presenter_window")
        self.main_window = window
        self.started = time.monotonic()
        self.content: dict[str, str] = {}
        self._signature = None
        self.revealed = False

        self.clock_label = QLabel()
        self.clock_label.setObjectName("presenter_clock")
        self.elapsed_label = QLabel()
        self.elapsed_label.setObjectName("presenter_elapsed")
        self.restart_button = QPushButton()
        self.restart_button.setObjectName("presenter_restart")
        self.restart_button.clicked.connect(self.restart_clock)
        self.title_label = QLabel()
        self.title_label.setObjectName("presenter_title")
        self.title_label.setWordWrap(True)

        self.note_heading = QLabel()
        self.note_label = QLabel()
        self.note_label.setObjectName("presenter_note")
        self.question_heading = QLabel()
        self.question_label = QLabel()
        self.question_label.setObjectName("presenter_question")
        self.answer_label = QLabel()
        self.answer_label.setObjectName("presenter_answer")
        self.next_heading = QLabel()
        self.next_label = QLabel()
        self.screen_heading = QLabel()
        self.thumbnail = ProjectorThumbnail()
        #: How many pictures of the projector the thumbnail has shown.
        self.snapshots = 0
        self.next_label.setObjectName("presenter_next")
        for label in (self.note_label, self.question_label, self.answer_label,
                      self.next_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.MarkdownText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("presenter_reveal")
        self.reveal_button.clicked.connect(self.toggle_answer)

        self.buttons: dict[str, QPushButton] = {}
        transport = QGridLayout()
        for i, name in enumerate(
            ("previous", "play", "step", "next", "pen", "blank", "end")
        ):
            button = QPushButton()
            button.setObjectName(f"presenter_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, n=name: self.press(n))
            self.buttons[name] = button
            transport.addWidget(button, i // 4, i % 4)

        note_box = QWidget()
        note_layout = QVBoxLayout(note_box)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.note_heading)
        note_layout.addWidget(self.note_label)
        note_layout.addStretch(1)
        note_scroll = QScrollArea()
        note_scroll.setObjectName("presenter_note_scroll")
        note_scroll.setWidgetResizable(True)
        note_scroll.setFrameShape(QFrame.Shape.NoFrame)
        note_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        note_scroll.setWidget(note_box)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.question_heading)
        side_layout.addWidget(self.question_label)
        side_layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(self.answer_label)
        side_layout.addStretch(1)
        side_layout.addWidget(self.next_heading)
        side_layout.addWidget(self.next_label)
        side_scroll = QScrollArea()
        side_scroll.setObjectName("presenter_side_scroll")
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(side)

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.clock_label)
        top.addSpacing(12)
        top.addWidget(self.elapsed_label)
        top.addWidget(self.restart_button)
        # the projector, small, above the question: the teacher sees what the
        # class sees without turning round
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.screen_heading)
        right.addWidget(self.thumbnail)
        right.addWidget(side_scroll, 1)
        middle = QHBoxLayout()
        middle.addWidget(note_scroll, 3)
        middle.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(transport)

        # the main window's keys (Page Down, Space, B, P …) work here too
        self.addActions(window.actions())
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.tick)
        self._apply_fonts()
        self.retranslate_ui()
        self.refresh()

    def _apply_fonts(self) -> None:
        """Larger bold clock and title, bold headings, from the window's font (again
        when presentation mode changes it)."""
        base = self.font()
        for labels, scale, mono in (
            ((self.clock_label, self.elapsed_label), 1.5, True),
            ((self.title_label,), 1.25, False),
            ((self.note_heading, self.question_heading, self.next_heading,
              self.screen_heading), 1.0, False),
            # the text itself a little larger: read at a glance from the lectern
            ((self.note_label, self.question_label, self.answer_label,
              self.next_label), 1.3, None),
        ):
            font = QFont(base)
            font.setBold(mono is not None)
            if base.pointSizeF() > 0:
                font.setPointSizeF(base.pointSizeF() * scale)
            if mono:
                font.setStyleHint(QFont.StyleHint.Monospace)
            for label in labels:
                label.setFont(font)

    # -- content -------------------------------------------------------------------
    def _state(self):
        lessons = feature(self.main_window, "lessons")
        lesson = getattr(lessons, "lesson", None)
        spec = getattr(self.main_window, "spec", None)
        return (id(lesson), getattr(lessons, "index", 0),
                getattr(spec, "key", None), getattr(self.main_window, "language", ""),
                len(lesson.scenes) if lesson is not None else 0)

    def refresh(self, force: bool = False) -> None:
        """Show the window's current scene (the answer hides again on a new one)."""
        state = self._state()
        if not force and state == self._signature:
            return
        moved = self._signature is None or state[:3] != self._signature[:3]
        self._signature = state
        self.content = presenter_content(self.main_window)
        c = self.content
        self.title_label.setText(c["title"])
        self.note_label.setText(c["note"] or _tr("*This scene has no note.*"))
        self.question_label.setText(c["question"] or _tr("*No question.*"))
        self.answer_label.setText(c["answer"])
        self.next_label.setText(c["next"])
        if c["question_source"] == "lab":
            self.question_heading.setText(_tr("Predict, then reveal (lab notes)"))
        else:
            self.question_heading.setText(_tr("Predict, then reveal"))
        if moved:
            self.revealed = False
        self._show_answer()

    def _show_answer(self) -> None:
        has = bool(self.content.get("answer"))
        self.reveal_button.setVisible(has)
        self.answer_label.setVisible(has and self.revealed)
        self.reveal_button.setText(
            _tr("Hide the answer") if self.revealed else _tr("Reveal the answer"))

    def toggle_answer(self) -> None:
        self.revealed = not self.revealed
        self._show_answer()

    # -- clock ------------------------------------------------------------------------
    def restart_clock(self) -> None:
        self.started = time.monotonic()
        self.tick()

    def tick(self) -> None:
        self.clock_label.setText(QTime.currentTime().toString("HH:mm"))
        self.elapsed_label.setText(format_elapsed(time.monotonic() - self.started))
        self._update_play()
        self.refresh()
        self.snapshot()

    # -- the projector's thumbnail ----------------------------------------------------
    def snapshot(self) -> bool:
        """Draw the main window (the stage on the projector, its ink, a blanked
        screen) into the thumbnail; with the clock's timer, twice a second while this
        window shows. Whether a picture was taken."""
        window = self.main_window
        if (not self.isVisible() or self.isMinimized() or not window.isVisible()
                or not self.thumbnail.isVisible()):
            return False
        size = self.thumbnail.fitted(window.size())
        if size.isEmpty():
            return False
        self.thumbnail.set_image(draw_small(window, size))
        self.snapshots += 1
        return True

    def _update_play(self) -> None:
        session = getattr(self.main_window, "session", None)
        running = session is not None and session.state == "running"
        self.buttons["play"].setText(_tr("Pause") if running else _tr("Play"))
        self.buttons["play"].setEnabled(session is not None)
        self.buttons["step"].setEnabled(session is not None)
        lessons = feature(self.main_window, "lessons")
        lesson = getattr(lessons, "lesson", None)
        index = getattr(lessons, "index", 0)
        self.buttons["previous"].setEnabled(lesson is not None and index > 0)
        self.buttons["next"].setEnabled(
            lesson is not None and index + 1 < len(lesson.scenes))
        ink = feature(self.main_window, "ink")
        self.buttons["pen"].setEnabled(ink is not None)
        self.buttons["blank"].setEnabled(ink is not None)

    # -- transport ---------------------------------------------------------------------
    def press(self, name: str) -> None:
        """A transport button: the window's own actions do the work."""
        w = self.main_window
        own = getattr(w, "actions_by_name", {})
        lessons = feature(w, "lessons")
        ink = feature(w, "ink")
        if name in ("play", "step") and name in own:
            own[name].trigger()
        elif name == "next" and lessons is not None:
            lessons.next_scene()
        elif name == "previous" and lessons is not None:
            lessons.previous_scene()
        elif name == "pen" and ink is not None:
            ink.actions["pen"].trigger()
        elif name == "blank" and ink is not None:
            ink.actions["blank"].trigger()
        elif name == "end":
            controller = feature(w, "presenter")
            if controller is not None:
                controller.stop()
            else:
                self.close()
        self.tick()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_tr("dlviz — presenter view"))
        self.restart_button.setText(_tr("Restart"))
        self.restart_button.setToolTip(_tr("Start the elapsed time again"))
        self.note_heading.setText(_tr("Note"))
        self.next_heading.setText(_tr("Next scene"))
        self.screen_heading.setText(_tr("On the projector"))
        texts = {
            "previous": _tr("◀ Previous scene"),
            "step": _tr("Step"),
            "next": _tr("Next scene ▶"),
            "pen": _tr("Pen (P)"),
            "blank": _tr("Blank (B)"),
            "end": _tr("End presenting"),
        }
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self.refresh(force=True)
        self._update_play()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind == QEvent.Type.FontChange and hasattr(self, "clock_label"):
            self._apply_fonts()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # the thumbnail leaves most of the height to the question and the answer
        self.thumbnail.setMaximumHeight(max(60, int(self.height() * 0.35)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.timer.start()
        self.tick()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        controller = feature(self.main_window, "presenter")
        super().closeEvent(event)
        if controller is not None and controller.window_open:
            controller.stop()


# -- the feature -----------------------------------------------------------------------
class PresenterController(QObject):
    """View ▸ Presenter view: chooses the screens, opens and ends the presenter view."""

    def __init__(self, window: QMainWindow, settings: Settings | None = None):
        super().__init__(window)
        self.setObjectName("presenter")
        self.window = window
        self.settings = settings or Settings()
        self.presenter: PresenterWindow | None = None
        self.assignment: Assignment | None = None
        self.window_open = False
        self._entered_presentation = False
        self.action = add_action(window, "view", "presenter_view", "Alt+F5",
                                 self.toggle, checkable=True)
        window.installEventFilter(self)
        window.lab_opened.connect(self._refresh)
        QTimer.singleShot(0, self._bind)
        self._bound = None
        self.retranslate_ui()

    def _bind(self) -> None:
        if not shiboken6.isValid(self):
            return
        lessons = feature(self.window, "lessons")
        if lessons is not None and lessons is not self._bound and hasattr(
            lessons, "scene_applied"
        ):
            self._bound = lessons
            lessons.scene_applied.connect(self._refresh)

    def _refresh(self, *_args) -> None:
        self._bind()
        if self.presenter is not None and shiboken6.isValid(self.presenter):
            self.presenter.refresh()

    def retranslate_ui(self) -> None:
        self.action.setText(_tr("Presenter view (two screens)…"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind == QEvent.Type.Close and watched is self.window:
            if self.presenter is not None and shiboken6.isValid(self.presenter):
                self.window_open = False
                self.presenter.close()
        return False

    # -- screens -----------------------------------------------------------------------
    @staticmethod
    def screens():
        return QGuiApplication.screens()

    def screen_labels(self) -> list[str]:
        primary = QGuiApplication.primaryScreen()
        labels = []
        for i, screen in enumerate(self.screens()):
            g = screen.geometry()
            label = describe_screen(i, screen.name(), (g.x(), g.y(), g.width(),
                                                       g.height()))
            if screen is primary:
                label += " · " + _tr("main screen")
            labels.append(label)
        return labels

    def _geometries(self) -> list[tuple[int, int, int, int]]:
        return [(g.x(), g.y(), g.width(), g.height())
                for g in (s.geometry() for s in self.screens())]

    def default_projector(self) -> int:
        screens = self.screens()
        current = self.window.screen()
        here = screens.index(current) if current in screens else 0
        remembered = str(self.settings.store.value(PROJECTOR_KEY, "") or "")
        return default_projector(self._geometries(), here, remembered,
                                 [s.name() for s in screens])

    # -- starting and ending -----------------------------------------------------------
    def toggle(self, checked: bool = True) -> None:
        if self.window_open:
            self.stop()
            return
        choice = ask_projector(self.window, self.screen_labels(),
                               self.default_projector())
        if choice is None:
            self.action.setChecked(False)
            return
        self.start(choice)

    def start(self, projector: int) -> Assignment:
        """Stage on screen ``projector`` (full screen, presentation mode), presenter
        view on the other; one screen: the presenter view as a normal window."""
        screens = self.screens()
        assignment = assign_screens(self._geometries(), projector)
        self.assignment = assignment
        if self.presenter is not None and shiboken6.isValid(self.presenter):
            self.presenter.close()
            self.presenter.deleteLater()
        self.presenter = None
        if assignment.two_screens:
            self.settings.store.setValue(PROJECTOR_KEY, screens[projector].name())
            self.settings.store.sync()
            stage_screen = screens[assignment.projector]
            laptop = screens[assignment.presenter]
            presentation = feature(self.window, "presentation")
            if presentation is not None and presentation.presenting:
                presentation.leave()
            self.window.showNormal()
            self.window.setScreen(stage_screen)
            self.window.setGeometry(stage_screen.availableGeometry())
            if presentation is not None:
                presentation.enter()
                self._entered_presentation = True
            else:
                self.window.showFullScreen()
            # made after presentation mode set the larger font
            presenter = self.presenter = PresenterWindow(self.window)
            presenter.setScreen(laptop)
            presenter.setGeometry(laptop.availableGeometry())
            presenter.showMaximized()
        else:
            presenter = self.presenter = PresenterWindow(self.window)
            area = screens[0].availableGeometry() if screens else None
            if area is not None:
                width = min(900, area.width())
                height = min(640, area.height())
                presenter.resize(width, height)
            presenter.show()
        presenter.raise_()
        self.window_open = True
        self.action.setChecked(True)
        return assignment

    def stop(self) -> None:
        """Close the presenter view; the stage leaves presentation mode if the
        presenter view put it there."""
        was_open, self.window_open = self.window_open, False
        if self.presenter is not None and shiboken6.isValid(self.presenter):
            self.presenter.close()
        if was_open and self._entered_presentation:
            presentation = feature(self.window, "presentation")
            if presentation is not None and presentation.presenting:
                presentation.leave()
        self._entered_presentation = False
        self.action.setChecked(False)


#: The name under which the window keeps this feature (``window.features``).
FEATURE = "presenter"


def install(window: QMainWindow) -> PresenterController:
    return PresenterController(window)
