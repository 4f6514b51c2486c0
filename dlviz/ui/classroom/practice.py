"""Practice mode (menu Practice): questions generated from the open lab's network,
a mixed set for its chapter, and a timed quiz of ten for the class.

The questions are generated on a :class:`~dlviz.ui.jobs.Job` (the generators build
networks on torch's meta device; the GUI thread never runs torch). "Show me" follows
a question's link: it opens the lab, then goes to the layer's event in the
step-through (recording a step first when there is none) or brings the panel into
view and frames it for a moment (the other panels stay as they are).

Questions about the current run are made from the snapshot the lab shows when the
set is asked for (its values were computed on the engine's thread by the lab).
"""

from __future__ import annotations

import random

from PySide6.QtCore import QCoreApplication, QObject
from shiboken6 import isValid

from dlviz.core.practice import Link, Live, question_set
from dlviz.ui.classroom._menus import add_window_action, classroom_menu
from dlviz.ui.jobs import Job
from dlviz.ui.practice.highlight import PanelHighlight, bring_into_view
from dlviz.ui.practice.panel import PracticePanel

_CONTEXT = "dlviz.classroom"  # the menu texts are translated there
#: The name under which the window keeps this feature (``window.features``).
FEATURE = "practice"
QUIZ_LENGTH = 10
SET_LENGTH = 12


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class PracticeController(QObject):
    """The Practice menu, the panel and the links into the lab."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.panel: PracticePanel | None = None
        self.job: Job | None = None
        self.pending: Link | None = None
        #: The frame "Show me" drew around a panel (it fades and goes).
        self.highlight: PanelHighlight | None = None
        self.seed = random.SystemRandom().randrange(1_000_000)
        menu = classroom_menu(window, "Practice")
        self.actions = {}
        for name, text, keys, slot in (
            ("lab", "Practice this lab…", "Ctrl+Shift+P", self.practice_lab),
            ("chapter", "Mixed set for this chapter…", None, self.practice_chapter),
            ("quiz", "Timed quiz (10 questions)…", "Ctrl+Shift+Q", self.start_quiz),
        ):
            self.actions[name] = add_window_action(
                window, menu, f"practice_{name}", text, keys, slot)
        window.step_through.event_changed.connect(self._on_event_changed)

    # -- sets ----------------------------------------------------------------------
    def _lab(self):
        return self.window.spec

    def practice_lab(self) -> None:
        self.open_set("lab")

    def practice_chapter(self) -> None:
        self.open_set("chapter")

    def start_quiz(self) -> None:
        self.open_set("quiz")

    def open_set(self, mode: str, seed: int | None = None) -> None:
        """Generate a set in the background and show it in the panel."""
        spec = self._lab()
        if spec is None:
            return
        self.seed = self.seed + 1 if seed is None else seed
        session = self.window.session
        hparams = dict(session.hparams) if session is not None else {}
        lab = spec.key if mode == "lab" else None
        chapter = spec.chapter
        count = QUIZ_LENGTH if mode == "quiz" else SET_LENGTH
        seed_now = self.seed
        # the run as the lab shows it now (live or a rewound step): questions about
        # its values are made from this snapshot on the job's thread
        shown = getattr(self.window, "shown", None)
        live = Live(spec.key, shown.current(), shown.step) if shown else None

        def generate(token):  # the job's thread
            questions = question_set(seed_now, count, lab=lab,
                                     chapter=None if lab else chapter, hparams=hparams,
                                     live=live)
            if not questions and lab is not None:  # a tool without kinds of its own
                questions = question_set(seed_now, count, chapter=chapter)
            return questions

        title = (_lab_title(spec) if mode == "lab" else
                 _tr("Chapter: {0}").format(_chapter_title(chapter)))
        if mode == "quiz":
            title = _tr("Quiz") + " · " + title
        panel = self.ensure_panel()
        panel.set_questions([], _tr("Preparing questions…"))
        panel.show()
        panel.raise_()
        if self.job is not None:
            self.job.cancel()
        self.job = Job(generate, "practice", owner=self.window)
        self.job.succeeded.connect(
            lambda result, t=title, q=(mode == "quiz"): self._on_ready(result, t, q))
        self.job.start()

    def _on_ready(self, questions, title: str, quiz: bool) -> None:
        self.job = None
        if self.panel is not None:
            self.panel.set_questions(questions, title, quiz)

    def ensure_panel(self) -> PracticePanel:
        if self.panel is None:
            self.panel = PracticePanel(self.window)
            self.panel.show_requested.connect(self._show_me)
            screen = self.panel.screen().availableGeometry()
            self.panel.resize(min(900, int(screen.width() * 0.8)),
                              min(620, int(screen.height() * 0.85)))
        return self.panel

    # -- links ---------------------------------------------------------------------
    def _show_me(self, link: Link) -> None:
        """The panel's "Show me": follow the link of its question, and point at the
        question's cell (its ``where``) when it is a question about the run."""
        q = self.panel.question if self.panel is not None else None
        where = q.where if q is not None and q.link == link and q.step is not None \
            else None
        self.follow(link, where)

    def follow(self, link: Link, where: dict | None = None) -> None:
        """Open the lab and show where the answer is; ``where`` (a live question's
        cell: unit and time, head and query …) also points the stage's pickers at
        it where the stage has them (:meth:`point_at`)."""
        w = self.window
        if w.spec is None or w.spec.key != link.lab:
            w.open_lab(link.lab)
        if link.event is not None and w.session is not None:
            self.pending = link
            if w.step_through.trace is None:
                # the event is shown when the recorded step arrives
                w.actions_by_name["trace"].trigger()
            else:
                self._jump()
        elif link.panel:
            self.mark_panel(link.panel)
            if where:
                self.point_at(where)

    def mark_panel(self, name: str) -> PanelHighlight | None:
        """Bring the stage panel ``name`` into view and flash a frame around it;
        every other panel stays where it is (nothing is zoomed or hidden)."""
        w = self.window
        panels = w.stage.panels() if w.stage is not None else {}
        target = panels.get(name)
        if target is None:
            return None
        w.tabs.setCurrentWidget(w.lab_splitter)
        lessons = w.features.get("lessons")
        if lessons is not None:
            # a lesson's zoom or hidden panel must not hide the answer
            if lessons.zoom not in (None, name):
                lessons.set_zoom(None)
            if name in lessons.hidden:
                lessons.set_hidden(name, False)
        deck = getattr(w.stage, "deck", None)
        if deck is not None and deck.owns(target):
            deck.reveal(target)
        bring_into_view(target)
        if self.highlight is not None and isValid(self.highlight):
            self.highlight.finish()
        self.highlight = PanelHighlight(target)
        w.statusBar().showMessage(_tr("The answer is in the framed panel."), 6000)
        return self.highlight

    def point_at(self, where: dict):
        """Point the stage's pickers at a question's cell, for a stage with a
        ``focus(**where)`` (the gate view's unit and time, the playground's unit,
        the attention's layer and head); frame the view it names when that is not
        the panel framed already. None where the stage has no such picker (its
        panel stays framed as it is)."""
        w = self.window
        focus = getattr(w.stage, "focus", None)
        if not callable(focus):
            return None
        w.draw_stage()  # the pickers' ranges are those of the snapshot shown
        target = focus(**where)
        mark = self.highlight
        if target is not None and target.isVisible() and (
                mark is None or not isValid(mark) or mark.target is not target):
            if mark is not None and isValid(mark):
                mark.finish()
            self.highlight = PanelHighlight(target)
        return target

    def _on_event_changed(self, _index: int) -> None:
        if self.pending is not None:
            self._jump()

    def _jump(self) -> None:
        link, self.pending = self.pending, None
        w = self.window
        trace = w.step_through.trace
        if link is None or trace is None:
            return
        for event in trace.events:
            if (event.phase, event.role, event.path) == link.event:
                w.tabs.setCurrentWidget(w.step_through)
                w.step_through.jump_to(event.index)
                return
        if any(e.role == link.role and e.path == link.path for e in trace.events):
            w.tabs.setCurrentWidget(w.step_through)
            w.step_through.jump_to_node(link.role, link.path)


def _lab_title(spec) -> str:
    """The lab's title in the language shown (the card's English is the key)."""
    from dlviz.ui.i18n import tr_core

    return tr_core(spec.title)


def _chapter_title(key: str) -> str:
    from dlviz.core.labs import CHAPTERS
    from dlviz.ui.i18n import tr_core

    return tr_core(CHAPTERS.get(key, key))


def install(window) -> PracticeController:
    return PracticeController(window)
