"""The Compare… dialog: a preset of the lab, or B's settings edited by hand.

Both columns of settings are shown; the rows where B differs from A are
highlighted (a legend line says so). The dialog only validates; the window that
runs the comparison is :class:`~dlviz.ui.compare.window.CompareWindow`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.compare import Preset, presets_for
from dlviz.core.labs import get_lab
from dlviz.core.labs.base import LabSpec
from dlviz.core.params import ParamError, ParamSpec
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core

# The highlight of a setting that differs (the theme's second curve colour).
DIFF_COLOR = theme.PALETTE[1]
DIFF_ALPHA = 70


@dataclass
class CompareSetup:
    """What the dialog chose."""

    spec_a: LabSpec
    hparams_a: dict
    spec_b: LabSpec
    hparams_b: dict
    preset: Preset | None


def diff_brush() -> QBrush:
    color = QColor(DIFF_COLOR)
    color.setAlpha(DIFF_ALPHA)
    return QBrush(color)


def format_value(p: ParamSpec, value: Any) -> str:
    if p.kind == "float":
        return f"{value:g}"
    if p.kind == "choice":
        return tr_core(p.choice_label(value))
    return str(value)


class CompareDialog(QDialog):
    """Pick a comparison for the lab ``spec`` whose current settings are
    ``hparams``; ``language`` chooses the presets' texts."""

    def __init__(self, spec: LabSpec, hparams: dict, language: str = "en",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.spec = spec
        self.base = dict(hparams)
        self.language = language
        self.presets = presets_for(spec.key)
        self.hparams_a: dict = {}
        self.hparams_b: dict = {}
        self.spec_b = spec
        self._editors: dict[str, QWidget] = {}
        self._filling = False

        self.preset_label = QLabel()
        self.preset_box = QComboBox()
        self.preset_box.setObjectName("compare_preset")
        self.preset_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_box.setMinimumContentsLength(20)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setObjectName("compare_question")
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setAutoFillBackground(True)
        pal = self.legend.palette()
        pal.setBrush(self.legend.backgroundRole(), diff_brush())
        self.legend.setPalette(pal)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.role('error')};")
        self.error.hide()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("compare_settings")
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.preset_label)
        top.addWidget(self.preset_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for p in self.presets:
            self.preset_box.addItem("", p.key)
        self.preset_box.addItem("", "")  # the teacher's own settings for B
        self.preset_box.currentIndexChanged.connect(self._on_preset)
        self.retranslate_ui()
        self._on_preset(0)

    # -- texts --------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Compare two runs"))
        self.preset_label.setText(self.tr("Comparison:"))
        for i, p in enumerate(self.presets):
            self.preset_box.setItemText(i, p.name.get(self.language))
        self.preset_box.setItemText(len(self.presets),
                                    self.tr("My own settings for B"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Setting"), self.tr("A"), self.tr("B (editable)")])
        self.legend.setText(self.tr(
            "Highlighted: the settings where B differs from A. Both runs start "
            "from the same seed and train on the same batches."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Start comparison"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Cancel"))
        self._show_question()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- choosing ----------------------------------------------------------------------
    @property
    def preset(self) -> Preset | None:
        key = self.preset_box.currentData()
        return next((p for p in self.presets if p.key == key), None)

    def select_preset(self, key: str) -> None:
        index = self.preset_box.findData(key)
        if index >= 0:
            self.preset_box.setCurrentIndex(index)

    def _on_preset(self, _index: int) -> None:
        p = self.preset
        if p is None:
            self.spec_b = self.spec
            self.hparams_a = self.spec.resolve(self.base)
            self.hparams_b = dict(self.hparams_a)
        else:
            self.spec_b = get_lab(p.other_lab)
            self.hparams_a, self.hparams_b = p.hparams(self.base)
        self._fill()
        self._show_question()

    def _show_question(self) -> None:
        p = self.preset
        if p is None:
            text = self.tr("Change B's settings below; A keeps the lab's settings.")
        else:
            text = self.tr("Question for the class: {0}").format(
                p.question.get(self.language))
        self.question.setText(text)

    def _fill(self) -> None:
        self._filling = True
        params = list(self.spec.all_params())
        rows = len(params) + (1 if self.spec_b is not self.spec else 0)
        self.table.clearContents()
        self.table.setRowCount(rows)
        self._editors = {}
        row = 0
        if self.spec_b is not self.spec:
            self._set_row(row, self.tr("Lab"), tr_core(self.spec.title), None)
            self.table.item(row, 2).setText(tr_core(self.spec_b.title))
            self._mark(row, True)
            row += 1
        for p in params:
            editor = self._editor(p, self.hparams_b.get(p.key, p.default))
            self._editors[p.key] = editor
            self._set_row(row, tr_core(p.label),
                          format_value(p, self.hparams_a.get(p.key, p.default)), editor)
            row += 1
        self._filling = False
        self._highlight()
        self.table.resizeRowsToContents()

    def _set_row(self, row: int, label: str, a_text: str,
                 editor: QWidget | None) -> None:
        for col, text in ((0, label), (1, a_text), (2, "")):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, col, item)
        if editor is not None:
            self.table.setCellWidget(row, 2, editor)

    def _editor(self, p: ParamSpec, value: Any) -> QWidget:
        if p.kind == "choice":
            box = QComboBox()
            for choice in p.choices:
                box.addItem(tr_core(p.choice_label(choice)), choice)
            box.setCurrentIndex(p.choices.index(value))
            box.currentIndexChanged.connect(
                lambda _i, key=p.key, b=box: self._edited(key, b.currentData()))
            return box
        if p.kind == "bool":
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(lambda on, key=p.key: self._edited(key, on))
            return check
        edit = QLineEdit(f"{value:g}" if p.kind == "float" else str(value))
        edit.setObjectName(f"compare_b_{p.key}")
        edit.editingFinished.connect(
            lambda key=p.key, e=edit: self._edited(key, e.text()))
        return edit

    def _edited(self, key: str, raw: Any) -> None:
        if self._filling:
            return
        spec = next(p for p in self.spec.all_params() if p.key == key)
        try:
            value = spec.validate(raw)
        except ParamError as exc:
            self.error.setText(self.tr("{0}: {1} — value not applied.").format(
                tr_core(spec.label), tr_core(exc.reason).format(**exc.values)))
            self.error.show()
            return
        self.error.hide()
        self.hparams_b[key] = value
        self._highlight()

    def set_b(self, key: str, value: Any) -> None:
        """Set B's ``key`` as the user would (tests, scripts)."""
        editor = self._editors[key]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        else:
            editor.setText(str(value))
            editor.editingFinished.emit()

    def differing(self) -> list[str]:
        """Keys whose B value differs from A's."""
        return [k for k in self._editors
                if self.hparams_a.get(k) != self.hparams_b.get(k)]

    def _highlight(self) -> None:
        differ = set(self.differing())
        offset = 1 if self.spec_b is not self.spec else 0
        for i, key in enumerate(self._editors):
            self._mark(i + offset, key in differ)

    def _mark(self, row: int, on: bool) -> None:
        brush = diff_brush() if on else QBrush()
        for col in (0, 1, 2):
            item = self.table.item(row, col)
            if item is None:
                continue
            item.setBackground(brush)
            font = QFont(item.font())
            font.setBold(on)
            item.setFont(font)
        editor = self.table.cellWidget(row, 2)
        if editor is not None:
            editor.setAutoFillBackground(on)
            pal = editor.palette()
            pal.setBrush(editor.backgroundRole(),
                         brush if on else self.table.palette().base())
            editor.setPalette(pal)

    # -- result ------------------------------------------------------------------------
    def setup(self) -> CompareSetup:
        """The chosen comparison (settings validated; raises ParamError)."""
        hp_a = self.spec.resolve(self.hparams_a)
        hp_b = self.spec_b.resolve(self.hparams_b)
        return CompareSetup(self.spec, hp_a, self.spec_b, hp_b, self.preset)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Open tall enough for most settings, never larger than the screen."""
        super().showEvent(event)
        screen = self.screen()
        if screen is not None and not getattr(self, "_sized", False):
            self._sized = True
            area = screen.availableGeometry()
            self.resize(min(max(self.width(), int(area.width() * 0.6)),
                            int(area.width() * 0.95)),
                        min(max(self.height(), int(area.height() * 0.8)),
                            int(area.height() * 0.95)))


__all__ = ["CompareDialog", "CompareSetup", "format_value"]
