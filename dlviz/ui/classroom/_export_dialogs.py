"""The export dialogs: which view, what size, which steps of the run, where to.
Module functions (``ask_*``) so tests can answer them without a modal dialog
(``monkeypatch.setattr(export, "ask_image_options", ...)``).

File dialogs open in the folder used last for their kind of file (a QSettings key
per kind, :func:`last_folder`), not in the working folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from dlviz.ui.settings import Settings

_CONTEXT = "dlviz.classroom"
#: QSettings keys of the folder used last, by kind of file (lessons share the key
#: of the lesson editor).
FOLDER_KEYS = {
    "export": "folders/export",
    "sessions": "folders/sessions",
    "lessons": "lessons/last_folder",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- the folder used last --------------------------------------------------------------
def last_folder(kind: str) -> str:
    """The folder a file of ``kind`` was last opened from or saved to, if it still
    exists, else the user's home folder."""
    folder = str(Settings().store.value(FOLDER_KEYS[kind], "") or "")
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(kind: str, path: str | Path) -> None:
    """Remember the folder of ``path`` for the next dialog of ``kind``."""
    store = Settings().store
    store.setValue(FOLDER_KEYS[kind], str(Path(path).resolve().parent))
    store.sync()


def in_last_folder(kind: str, name: str = "") -> str:
    """Where a file dialog of ``kind`` starts: the last folder (and ``name``)."""
    folder = last_folder(kind)
    return str(Path(folder) / name) if name else folder


# -- choices ---------------------------------------------------------------------------
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


@dataclass
class VideoChoice:
    """An MP4 of the steps ``first_step``–``last_step``: ``width`` × ``height``
    pixels (made even for H.264), ``fps`` frames a second."""

    path: str
    first_step: int
    last_step: int
    fps: float = 10.0
    width: int = 1280
    height: int = 720


def ask_save_path(parent: QWidget, caption: str, filter_text: str, suffix: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, caption, in_last_folder("export"), filter_text
    )
    if path and not path.lower().endswith(suffix):
        path += suffix
    if path:
        remember_folder("export", path)
    return path


def _buttons(dialog: QDialog, form: QFormLayout) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


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
    _buttons(dialog, form)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    filters = {"png": _tr("PNG image (*.png)"), "svg": _tr("SVG drawing (*.svg)")}
    path = ask_save_path(parent, _tr("Export view"), filters[fmt], f".{fmt}")
    if not path:
        return None
    return ImageChoice(combo.currentText(), path, width.value(), height.value())


def _step_range(form: QFormLayout, steps: list[int]) -> tuple[QSpinBox, QSpinBox]:
    first, last = QSpinBox(), QSpinBox()
    for spin in (first, last):
        spin.setRange(steps[0], steps[-1])
    first.setValue(steps[0])
    last.setValue(steps[-1])
    form.addRow(_tr("From step"), first)
    form.addRow(_tr("To step"), last)
    return first, last


def ask_gif_options(parent: QWidget, steps: list[int]) -> GifChoice | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Record the run as a GIF"))
    form = QFormLayout(dialog)
    first, last = _step_range(form, steps)
    fps, width = QSpinBox(), QSpinBox()
    fps.setRange(1, 30)
    fps.setValue(10)
    width.setRange(160, 1920)
    width.setValue(800)
    form.addRow(_tr("Frames per second"), fps)
    form.addRow(_tr("Width (px)"), width)
    _buttons(dialog, form)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path = ask_save_path(parent, _tr("Save GIF"), _tr("GIF animation (*.gif)"), ".gif")
    if not path:
        return None
    return GifChoice(
        path, first.value(), last.value(), float(fps.value()), width.value()
    )


def ask_video_options(
    parent: QWidget, steps: list[int], aspect: float
) -> VideoChoice | None:
    """Steps, frame rate and size of an MP4; ``aspect`` (width / height of the
    stage) sets the height while "Keep the stage's shape" is ticked."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Record the run as a video (MP4)"))
    form = QFormLayout(dialog)
    first, last = _step_range(form, steps)
    fps, width, height = QSpinBox(), QSpinBox(), QSpinBox()
    fps.setRange(1, 60)
    fps.setValue(10)
    for spin in (width, height):
        spin.setRange(160, 3840)
        spin.setSingleStep(2)
    keep = QCheckBox(_tr("Keep the stage's shape"))
    keep.setChecked(True)

    def follow() -> None:
        if keep.isChecked():
            height.setValue(round(width.value() / max(aspect, 0.1) / 2) * 2)
        height.setEnabled(not keep.isChecked())

    width.valueChanged.connect(follow)
    keep.toggled.connect(follow)
    width.setValue(1280)
    follow()
    form.addRow(_tr("Frames per second"), fps)
    form.addRow(_tr("Width (px)"), width)
    form.addRow("", keep)
    form.addRow(_tr("Height (px)"), height)
    _buttons(dialog, form)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path = ask_save_path(
        parent, _tr("Save video"), _tr("MP4 video (*.mp4)"), ".mp4"
    )
    if not path:
        return None
    return VideoChoice(
        path, first.value(), last.value(), float(fps.value()),
        width.value(), height.value(),
    )
