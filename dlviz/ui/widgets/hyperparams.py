"""The hyperparameter panel, built from a lab's ParamSpecs.

Numbers are typed into line edits and checked by ``ParamSpec.validate`` when editing
finishes: an invalid value is refused — the field turns red and the reason is shown
under it — and the lab keeps its last valid setting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs import LabSpec
from dlviz.core.params import ParamError, ParamSpec
from dlviz.ui.i18n import tr_core

_ERROR_STYLE = "QLineEdit { border: 2px solid #D55E00; }"
GROUPS = ("data", "model", "training")
#: A choice box is never narrower than its longest choice, up to this many
#: characters (longer choices are read in the open list).
CHOICE_CHARS = 11


class HyperparamPanel(QWidget):
    """Emits ``changed(dict)`` with one validated value when the user changes it."""

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #D55E00; font-weight: bold;")
        self.error_label.hide()
        self.editors: dict[str, QWidget] = {}
        self.specs: dict[str, ParamSpec] = {}
        self._labels: dict[str, QLabel] = {}
        self._groups: dict[str, QGroupBox] = {}
        self._values: dict[str, Any] = {}
        self._container: QWidget | None = None

    def set_lab(self, spec: LabSpec, values: dict[str, Any]) -> None:
        """Rebuild the inputs for ``spec`` showing ``values``."""
        if self._container is not None:
            self._layout.removeWidget(self._container)
            self._container.hide()  # never drawn over the new inputs
            self._container.deleteLater()
        self._layout.removeWidget(self.error_label)
        self.editors.clear()
        self.specs = {p.key: p for p in spec.all_params()}
        self._labels.clear()
        self._groups.clear()
        self._values = dict(values)
        self._container = QWidget()
        outer = QVBoxLayout(self._container)
        outer.setContentsMargins(0, 0, 0, 0)
        forms: dict[str, QFormLayout] = {}
        for p in spec.all_params():
            group = p.group if p.group in GROUPS else "model"
            if group not in forms:
                box = QGroupBox()
                forms[group] = QFormLayout(box)
                forms[group].setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                self._groups[group] = box
            label = QLabel()
            label.setWordWrap(True)  # a long name wraps instead of widening the dock
            self._labels[p.key] = label
            editor = self._make_editor(p, values.get(p.key, p.default))
            editor.setMinimumWidth(60)
            self.editors[p.key] = editor
            forms[group].addRow(label, editor)
        for group in GROUPS:
            if group in self._groups:
                outer.addWidget(self._groups[group])
        outer.addStretch(1)
        self._layout.addWidget(self.error_label)
        self._layout.addWidget(self._container)
        self.error_label.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        names = {
            "data": self.tr("Data"),
            "model": self.tr("Model"),
            "training": self.tr("Training"),
        }
        for group, box in self._groups.items():
            box.setTitle(names[group])
        for key, label in self._labels.items():
            spec = self.specs[key]
            label.setText(tr_core(spec.label))
            label.setToolTip(tr_core(spec.help))
            editor = self.editors[key]
            editor.setToolTip(tr_core(spec.help))
            if isinstance(editor, QCheckBox):
                editor.setText(self.tr("on"))
            if isinstance(editor, QComboBox):
                for i in range(editor.count()):
                    label_text = spec.choice_label(editor.itemData(i))
                    editor.setItemText(i, tr_core(label_text))
        self._fit_choices()

    def _fit_choices(self) -> None:
        """Each choice box at least as wide as its longest choice, up to
        ``CHOICE_CHARS`` characters: a narrow dock then puts the box under its
        label (the form wraps the row) instead of cutting its text."""
        for editor in self.editors.values():
            if not isinstance(editor, QComboBox) or not editor.count():
                continue
            metrics = editor.fontMetrics()
            longest = max(metrics.horizontalAdvance(editor.itemText(i))
                          for i in range(editor.count()))
            text = min(longest, metrics.averageCharWidth() * CHOICE_CHARS)
            option = QStyleOptionComboBox()
            editor.initStyleOption(option)
            size = editor.style().sizeFromContents(
                QStyle.ContentsType.CT_ComboBox, option,
                QSize(text, metrics.height()), editor)
            editor.setMinimumWidth(size.width())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_choices()
        super().changeEvent(event)

    def _make_editor(self, p: ParamSpec, value: Any) -> QWidget:
        if p.kind == "choice":
            box = QComboBox()
            for choice in p.choices:
                box.addItem(choice, choice)
            box.setCurrentIndex(p.choices.index(value))
            box.currentIndexChanged.connect(
                lambda _i, key=p.key, b=box: self._submit(key, b.currentData())
            )
            return box
        if p.kind == "bool":
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(lambda on, key=p.key: self._submit(key, on))
            return check
        edit = QLineEdit(self._format(p, value))
        edit.setObjectName(f"param_{p.key}")
        edit.editingFinished.connect(
            lambda key=p.key, e=edit: self._submit(key, e.text())
        )
        if p.kind != "text":
            return edit
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        browse = QPushButton("…")
        browse.setObjectName(f"browse_{p.key}")
        browse.clicked.connect(lambda _c=False, e=edit, key=p.key: self._browse(key, e))
        layout.addWidget(browse)
        row.line_edit = edit  # type: ignore[attr-defined]
        return row

    def _browse(self, key: str, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if folder:
            edit.setText(folder)
            self._submit(key, folder)

    @staticmethod
    def _format(p: ParamSpec, value: Any) -> str:
        if p.kind == "float":
            return f"{value:g}"
        return str(value)

    def line_edit(self, key: str) -> QLineEdit | None:
        editor = self.editors.get(key)
        if isinstance(editor, QLineEdit):
            return editor
        return getattr(editor, "line_edit", None)

    def _submit(self, key: str, raw: Any) -> None:
        spec = self.specs[key]
        edit = self.line_edit(key)
        try:
            value = spec.validate(raw)
        except ParamError as exc:
            self.show_error(key, tr_core(exc.reason).format(**exc.values))
            return
        if edit is not None:
            edit.setStyleSheet("")
            if spec.kind in ("int", "float"):
                edit.setText(self._format(spec, value))
        self.error_label.hide()
        if self._values.get(key) != value:
            self._values[key] = value
            self.changed.emit({key: value})

    def show_error(self, key: str, message: str) -> None:
        """Mark ``key``'s input invalid and show why; its old value stays in force."""
        edit = self.line_edit(key)
        if edit is not None:
            edit.setStyleSheet(_ERROR_STYLE)
        spec = self.specs.get(key)
        label = tr_core(spec.label) if spec else key
        self.error_label.setText(
            self.tr("{0}: {1} — value not applied.").format(label, message)
        )
        self.error_label.show()

    def set_values(self, values: dict[str, Any]) -> None:
        """Show ``values`` without emitting (after a lesson scene or session load)."""
        self._values.update(values)
        for key, value in values.items():
            editor = self.editors.get(key)
            if editor is None:
                continue
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            else:
                edit = self.line_edit(key)
                edit.blockSignals(True)
                edit.setText(self._format(self.specs[key], value))
                edit.setStyleSheet("")
                edit.blockSignals(False)
            editor.blockSignals(False)
