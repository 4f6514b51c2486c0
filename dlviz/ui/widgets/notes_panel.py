"""The lesson-notes side panel: a short note per lab and a question to predict.

The text comes from :func:`dlviz.notes.load_note`; this widget only shows it. Fonts are
sized for a projector (at least 13 pt for the body) and follow the application font, so
a global zoom also enlarges the notes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dlviz.notes import Note, NoteError, NoteNotFoundError, load_note

#: Smallest body size in points, readable from the back of a classroom.
MIN_BODY_POINT_SIZE = 13.0
#: Body size relative to the application font (before the panel's own scale).
BODY_TO_APP_FONT = 1.35
TITLE_TO_BODY = 1.4


class NotesPanel(QWidget):
    """Shows one lesson note: title, Markdown body, question, hidden answer.

    Signals
    -------
    answer_revealed(str)
        The key of the note whose answer was just revealed.
    """

    answer_revealed = Signal(str)

    def __init__(self, parent: QWidget | None = None, font_scale: float = 1.0):
        super().__init__(parent)
        self.setObjectName("notes_panel")
        self._font_scale = font_scale
        self._note: Note | None = None
        self._key = ""
        self._lang = "en"
        self._answer_visible = False

        self.title_label = QLabel()
        self.title_label.setObjectName("notes_title")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.fallback_label = QLabel()
        self.fallback_label.setObjectName("notes_fallback")
        self.fallback_label.setWordWrap(True)
        self.fallback_label.hide()

        self.body_browser = QTextBrowser()
        self.body_browser.setObjectName("notes_body")
        self.body_browser.setOpenLinks(False)
        self.body_browser.setFrameShape(QFrame.Shape.NoFrame)

        self.question_frame = QFrame()
        self.question_frame.setObjectName("notes_question_frame")
        self.question_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.question_heading_label = QLabel()
        self.question_heading_label.setObjectName("notes_question_heading")
        self.question_heading_label.setWordWrap(True)
        self.question_label = self._markdown_label("notes_question")
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("notes_reveal")
        self.answer_label = self._markdown_label("notes_answer")
        self.answer_label.hide()
        question_layout = QVBoxLayout(self.question_frame)
        question_layout.setContentsMargins(10, 8, 10, 10)
        question_layout.addWidget(self.question_heading_label)
        question_layout.addWidget(self.question_label)
        question_layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        question_layout.addWidget(self.answer_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.fallback_label)
        layout.addWidget(self.body_browser, 1)
        layout.addWidget(self.question_frame)

        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        self._apply_fonts()
        self.retranslate_ui()
        self._show_message("")

    # -- public API ---------------------------------------------------------------

    def show_note(self, key: str, lang: str = "en") -> None:
        """Show the note of lab ``key`` in ``lang`` ("en" or "zh_CN").

        The answer is hidden again. A missing translation shows the English note
        with a short notice; a missing note shows a message instead of failing.
        """
        self._key, self._lang = key, lang
        self._set_answer_visible(False)
        try:
            note = load_note(key, lang)
        except NoteNotFoundError:
            self._note = None
            self._show_message(self.tr("No lesson notes for this lab yet."))
            return
        except (NoteError, OSError) as error:
            self._note = None
            self._show_message(self.tr("This lesson note could not be read."), error)
            return
        self._note = note
        self.title_label.setText(note.title)
        self.fallback_label.setVisible(note.fallback)
        self.body_browser.setMarkdown(note.body)
        self.body_browser.verticalScrollBar().setValue(0)
        self.question_heading_label.setText(note.question_heading)
        self.question_label.setText(note.question)
        self.answer_label.setText(note.answer)
        self.question_frame.show()

    def set_language(self, lang: str) -> None:
        """Show the current note again in another language."""
        if self._key:
            self.show_note(self._key, lang)
        else:
            self._lang = lang

    def clear(self) -> None:
        """Show nothing (no lab open)."""
        self._key = ""
        self._note = None
        self._set_answer_visible(False)
        self._show_message("")

    def note(self) -> Note | None:
        """The note shown, or None."""
        return self._note

    def is_answer_visible(self) -> bool:
        """True when the answer of the current question is revealed."""
        return self._answer_visible

    def reveal_answer(self, visible: bool = True) -> None:
        """Reveal (or hide) the answer, as the button does."""
        self._set_answer_visible(visible and self._note is not None)
        if self._answer_visible and self._note is not None:
            self.answer_revealed.emit(self._note.key)

    def font_scale(self) -> float:
        """Extra size factor on top of the application font (1.0 = default)."""
        return self._font_scale

    def set_font_scale(self, scale: float) -> None:
        """Enlarge or shrink the notes relative to the application font."""
        self._font_scale = max(0.5, float(scale))
        self._apply_fonts()

    def body_point_size(self) -> float:
        """Point size used for the body text now."""
        app_size = QApplication.font().pointSizeF()
        if app_size <= 0:
            app_size = 10.0
        return max(MIN_BODY_POINT_SIZE, app_size * BODY_TO_APP_FONT) * self._font_scale

    def retranslate_ui(self) -> None:
        """Set every widget string again (called on a language change)."""
        self.fallback_label.setText(
            self.tr("No translation yet: showing the English note.")
        )
        self._update_reveal_text()

    # -- Qt events --------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._apply_fonts()
        return super().event(event)

    # -- internals ----------------------------------------------------------------

    def _markdown_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.MarkdownText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _on_reveal_clicked(self) -> None:
        self.reveal_answer(not self._answer_visible)

    def _set_answer_visible(self, visible: bool) -> None:
        self._answer_visible = visible
        self.answer_label.setVisible(visible)
        self._update_reveal_text()

    def _update_reveal_text(self) -> None:
        if self._answer_visible:
            self.reveal_button.setText(self.tr("Hide answer"))
        else:
            self.reveal_button.setText(self.tr("Reveal answer"))

    def _show_message(self, text: str, error: Exception | None = None) -> None:
        self.title_label.setText(text)
        self.fallback_label.hide()
        self.body_browser.setPlainText(str(error) if error else "")
        self.question_frame.hide()

    def _apply_fonts(self) -> None:
        body_size = self.body_point_size()
        body_font = QFont(QApplication.font())
        body_font.setPointSizeF(body_size)
        for widget in (
            self.body_browser,
            self.question_label,
            self.answer_label,
            self.reveal_button,
        ):
            widget.setFont(body_font)
        self.body_browser.document().setDefaultFont(body_font)
        if self._note is not None:
            # setMarkdown bakes sizes into the document: lay it out again.
            self.body_browser.setMarkdown(self._note.body)
        small_font = QFont(body_font)
        small_font.setPointSizeF(max(MIN_BODY_POINT_SIZE, body_size * 0.85))
        small_font.setItalic(True)
        self.fallback_label.setFont(small_font)
        heading_font = QFont(body_font)
        heading_font.setBold(True)
        heading_font.setPointSizeF(body_size * 1.1)
        self.question_heading_label.setFont(heading_font)
        title_font = QFont(body_font)
        title_font.setBold(True)
        title_font.setPointSizeF(body_size * TITLE_TO_BODY)
        self.title_label.setFont(title_font)
