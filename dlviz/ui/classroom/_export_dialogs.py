"""The export dialogs: which view, what size, which steps of the run, where to.
Module functions (``ask_*``) so tests can answer them without a modal dialog
(``monkeypatch.setattr(export, "ask_image_options", ...)``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QSpinBox,
    QWidget,
)

_CONTEXT = "dlviz.classroom"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass
class ImageChoice:
    target: str
    path: str
    width: int = 1920
    height: int = 1080


@dataclass
class GifChoice:
    path: str
    first_step: int
    last_step: int
    fps: float = 10.0
    width: int = 800


def ask_save_path(parent: QWidget, caption: str, filter_text: str, suffix: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, caption, "", filter_text)
    if path and not path.lower().endswith(suffix):
        path += suffix
    return path


def ask_image_options(
    parent: QWidget, targets: list[str], fmt: str, default: str
) -> ImageChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Export view"))
    form = QFormLayout(dialog)
    combo = QComboBox()
    combo.addItems(targets)
    combo.setCurrentText(default)
    form.addRow(_tr("View"), combo)
    width, height = QSpinBox(), QSpinBox()
    for spin, value in ((width, 1920), (height, 1080)):
        spin.setRange(64, 8000)
        spin.setValue(value)
    if fmt == "png":
        form.addRow(_tr("Width (px)"), width)
        form.addRow(_tr("Height (px)"), height)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    filters = {"png": _tr("PNG image (*.png)"), "svg": _tr("SVG drawing (*.svg)")}
    path = ask_save_path(parent, _tr("Export view"), filters[fmt], f".{fmt}")
    if not path:
        return None
    return ImageChoice(combo.currentText(), path, width.value(), height.value())


def ask_gif_options(parent: QWidget, steps: list[int]) -> GifChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Record the run as a GIF"))
    form = QFormLayout(dialog)
    first, last, fps, width = QSpinBox(), QSpinBox(), QSpinBox(), QSpinBox()
    for spin in (first, last):
        spin.setRange(steps[0], steps[-1])
    first.setValue(steps[0])
    last.setValue(steps[-1])
    fps.setRange(1, 30)
    fps.setValue(10)
    width.setRange(160, 1920)
    width.setValue(800)
    form.addRow(_tr("From step"), first)
    form.addRow(_tr("To step"), last)
    form.addRow(_tr("Frames per second"), fps)
    form.addRow(_tr("Width (px)"), width)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path = ask_save_path(parent, _tr("Save GIF"), _tr("GIF animation (*.gif)"), ".gif")
    if not path:
        return None
    return GifChoice(
        path, first.value(), last.value(), float(fps.value()), width.value()
    )
