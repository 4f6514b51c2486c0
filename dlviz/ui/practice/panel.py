"""The practice panel: one generated question at a time, big answer buttons (or a
number field), Check → right or wrong with the worked solution, and "Show me", which
follows the question's link into the lab. A question about the current run says so
in the header, with its step.

Keyboard: 1–4 pick a choice, T / F answer a statement, Enter checks, → goes on;
Page Down (what a presentation clicker sends) checks, then goes on.
In quiz mode the set is timed and scored and the solution shows after each answer.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.practice import CHOICE, NUMBER, TRUE_FALSE, Question
from dlviz.ui import theme

_CONTEXT = "dlviz.practice"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _scaled(widget: QWidget, factor: float, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    font.setBold(bold)
    widget.setFont(font)


class PracticePanel(QDialog):
    """A set of questions, answered one by one."""

    #: A question's link was followed: (lab, phase, role, path, panel).
    show_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("practice_panel")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.questions: list[Question] = []
        self.index = 0
        self.quiz = False
        self.score = 0
        self.answered = False
        self.correct = False
        self.selected: int | bool | None = None
        self.title = ""
        self._started = 0.0
        self._elapsed = 0.0
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("practice_header")
        _scaled(self.header, 1.1, bold=True)
        self.header.setWordWrap(True)  # a long lab title must not widen the panel
        self.prompt = QLabel()
        self.prompt.setObjectName("practice_prompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt.setSizePolicy(QSizePolicy.Policy.Preferred,
                                  QSizePolicy.Policy.Minimum)
        _scaled(self.prompt, 1.35)
        self.choice_box = QWidget()
        grid = QGridLayout(self.choice_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.choice_buttons: list[QPushButton] = []
        for i in range(4):
            button = QPushButton()
            button.setObjectName(f"practice_choice_{i + 1}")
            button.setCheckable(True)
            button.setMinimumHeight(48)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            _scaled(button, 1.3)
            button.clicked.connect(lambda _c=False, i=i: self.choose(i))
            grid.addWidget(button, i // 2, i % 2)
            self.choice_buttons.append(button)
        self.number = QLineEdit()
        self.number.setObjectName("practice_number")
        self.number.setMinimumHeight(44)
        _scaled(self.number, 1.3)
        self.number.returnPressed.connect(self.check)
        self.result = QLabel()
        self.result.setObjectName("practice_result")
        self.result.setWordWrap(True)
        self.result.setFrameShape(QFrame.Shape.StyledPanel)
        self.result.setMargin(8)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        _scaled(self.result, 1.2)
        buttons = QHBoxLayout()
        self.check_button = QPushButton()
        self.check_button.setObjectName("practice_check")
        self.show_button = QPushButton()
        self.show_button.setObjectName("practice_show")
        self.next_button = QPushButton()
        self.next_button.setObjectName("practice_next")
        for button in (self.check_button, self.show_button, self.next_button):
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            _scaled(button, 1.15)
            buttons.addWidget(button)
        self.check_button.clicked.connect(self.check)
        self.show_button.clicked.connect(self.show_me)
        self.next_button.clicked.connect(self.next_question)
        self.keys_hint = QLabel()
        self.keys_hint.setObjectName("practice_keys")
        self.keys_hint.setWordWrap(True)
        layout.addWidget(self.header)
        layout.addWidget(self.prompt)
        layout.addWidget(self.choice_box)
        layout.addWidget(self.number)
        layout.addWidget(self.result, 10)
        layout.addStretch(1)  # keeps the question at the top while the result hides
        layout.addLayout(buttons)
        layout.addWidget(self.keys_hint)
        self.retranslate_ui()
        self._show()

    # -- texts ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_tr("Practice"))
        self.check_button.setText(_tr("Check (Enter)"))
        self.show_button.setText(_tr("Show me"))
        self.next_button.setText(_tr("Next (→)"))
        self.number.setPlaceholderText(_tr("Type a number"))
        self.keys_hint.setText(_tr(
            "Keys: 1–4 choose · T / F true or false · Enter check · → next · "
            "Page Down (clicker) check, then next"))
        self._show(keep_result=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the set -------------------------------------------------------------------
    def set_questions(self, questions: list[Question], title: str,
                      quiz: bool = False) -> None:
        self.questions = list(questions)
        self.title = title
        self.quiz = quiz
        self.index = 0
        self.score = 0
        self._elapsed = 0.0
        self._started = time.monotonic()
        if quiz:
            self.clock.start()
        else:
            self.clock.stop()
        self._show()

    @property
    def question(self) -> Question | None:
        if 0 <= self.index < len(self.questions):
            return self.questions[self.index]
        return None

    def _header_text(self) -> str:
        total = len(self.questions)
        if not total:
            return self.title
        position = min(self.index + 1, total)
        text = _tr("Question {0} of {1}").format(position, total)
        text = f"{self.title} · {text}"
        q = self.question
        if q is not None and q.step is not None:
            text += " · " + _tr("from the run (step {0})").format(q.step)
        if self.quiz:
            seconds = int(self._elapsed)
            text += " · " + _tr("Score {0}/{1}").format(self.score, total)
            text += f" · {seconds // 60}:{seconds % 60:02d}"
        return text

    def _tick(self) -> None:
        self._elapsed = time.monotonic() - self._started
        self.header.setText(self._header_text())

    def _show(self, keep_result: bool = False) -> None:
        q = self.question
        self.header.setText(self._header_text())
        if q is None:
            done = self.index >= len(self.questions) and self.questions
            self.prompt.setText(
                _tr("Done: {0} of {1} right.").format(self.score, len(self.questions))
                if done else _tr("No questions for this lab yet."))
            self.choice_box.hide()
            self.number.hide()
            self.result.setVisible(bool(done) and self.quiz)
            for b in (self.check_button, self.show_button, self.next_button):
                b.setEnabled(False)
            self.clock.stop()
            return
        self.prompt.setText(q.text(_tr))
        self.choice_box.setVisible(q.form in (CHOICE, TRUE_FALSE))
        self.number.setVisible(q.form == NUMBER)
        texts = (list(q.choices) if q.form == CHOICE
                 else [_tr("True (T)"), _tr("False (F)")])
        for i, button in enumerate(self.choice_buttons):
            if i < len(texts):
                label = texts[i] if q.form == TRUE_FALSE else f"{i + 1}   {texts[i]}"
                button.setText(label)
            button.setVisible(i < len(texts))
        if not keep_result:
            self.answered = False
            self.selected = None
            self.number.clear()
            self.number.setReadOnly(False)
            self.result.hide()
            self.result.clear()
            self.result.setStyleSheet("")
            for button in self.choice_buttons:
                button.setChecked(False)
                button.setStyleSheet("")
            if q.form == NUMBER:
                self.number.setFocus()
        elif self.answered:
            self._show_result()
        self.check_button.setEnabled(not self.answered)
        # in a quiz the link would give the answer away before it is given
        self.show_button.setEnabled(self.answered or not self.quiz)
        self.next_button.setEnabled(self.answered or not self.quiz)

    # -- answering -----------------------------------------------------------------
    def choose(self, index: int) -> None:
        q = self.question
        if q is None or self.answered:
            return
        if q.form == CHOICE and index < len(q.choices):
            self.selected = index
        elif q.form == TRUE_FALSE and index < 2:
            self.selected = index == 0
        else:
            return
        for i, button in enumerate(self.choice_buttons):
            button.setChecked(i == index)

    def response(self):
        q = self.question
        if q is None:
            return None
        if q.form == NUMBER:
            text = self.number.text().strip().replace(",", "")
            return text or None
        return self.selected

    def check(self) -> None:
        q = self.question
        if q is None or self.answered:
            return
        response = self.response()
        if response is None:
            return
        self.answered = True
        self.number.setReadOnly(True)
        self.correct = q.check(response)
        if self.correct:
            self.score += 1
        self._show_result()
        self.check_button.setEnabled(False)
        self.next_button.setEnabled(True)
        self.show_button.setEnabled(True)
        self.header.setText(self._header_text())

    def _show_result(self) -> None:
        q = self.question
        right = self.correct
        lines = ["✓ " + _tr("Right!") if right else
                 "✗ " + _tr("Not quite. The answer is {0}.").format(
                     self._right_text(q))]
        if not right and q.form == CHOICE and isinstance(self.selected, int):
            mistake = q.mistake_text(self.selected, _tr)
            if mistake:
                lines.append(mistake)
        lines.append(_tr("Worked solution:") + " " + q.solution_text(_tr))
        self.result.setText("\n".join(lines))
        colour = theme.role("right" if right else "wrong")
        self.result.setStyleSheet(
            f"QLabel#practice_result {{ border: 2px solid {colour}; "
            f"border-left: 10px solid {colour}; padding: 4px; }}")
        for i, button in enumerate(self.choice_buttons):
            is_answer = (i == q.answer) if q.form == CHOICE else (
                q.form == TRUE_FALSE and (i == 0) == q.answer)
            button.setStyleSheet("font-weight: bold;" if is_answer else "")
        self.result.show()

    def _right_text(self, q: Question) -> str:
        if q.form == TRUE_FALSE:
            return _tr("True") if q.answer else _tr("False")
        return q.right_text

    def next_question(self) -> None:
        if self.quiz and not self.answered:
            return
        if self.index < len(self.questions):
            self.index += 1
        self._show()

    def show_me(self) -> None:
        q = self.question
        if q is not None and self.show_button.isEnabled():
            self.show_requested.emit(q.link)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        q = self.question
        typing = q is not None and q.form == NUMBER and self.number.hasFocus()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.check()
        elif key == Qt.Key.Key_Right and (self.answered or not typing):
            self.next_question()
        elif key == Qt.Key.Key_PageDown:  # a presentation clicker: check, then on
            if self.answered:
                self.next_question()
            else:
                self.check()
        elif not typing and Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
            self.choose(key - Qt.Key.Key_1)
        elif not typing and key == Qt.Key.Key_T:
            self.choose(0)
        elif not typing and key == Qt.Key.Key_F:
            self.choose(1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.clock.stop()
        super().closeEvent(event)
