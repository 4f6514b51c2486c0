"""The legibility walk: every lab at classroom screen sizes, checked and photographed.

For each lab, on a virtual screen of the given size: open it, train a few steps,
record a step and open the step-through, in English and in Chinese. Each screen is
checked against the layout contract and saved as a PNG:

* the window fits the screen;
* every visible plot / image panel is at least :data:`MIN_PANEL` pixels, and its data
  area (what is left after title, axes and legend) at least :data:`MIN_DATA`;
* no visible label, button or plot title is wider than its widget (cut text);
* the ``?`` shortcut overlay fits the window;
* the transport's keys (Space) reach the session whatever widget has focus.

Run ``python -m dlviz.tools.walk`` (``--screen projector|laptop|hd``, ``--lab KEY``,
``--out build/screens``); without ``--screen`` it walks the classroom's screens,
projector and laptop (:data:`CLASSROOM_SCREENS`); ``hd`` is a 1920×1080 monitor
(no presentation mode). Each screen size runs in its own process, on an offscreen
virtual screen of that size, so presentation mode fills exactly that screen.
The exit status is the number of findings (0 = the walk passed).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

#: The smallest plot or image panel that reads from the back of a lecture hall.
MIN_PANEL = (200, 140)
#: The smallest data area of such a panel: a curve squeezed below this by its
#: legend or axes is a strip, not a plot.
MIN_DATA = (100, 60)


@dataclass(frozen=True)
class ScreenSpec:
    """A classroom screen: its size, and whether presentation mode is on."""

    name: str
    width: int
    height: int
    presentation: bool
    font_scale: float


SCREENS = {
    "projector": ScreenSpec("projector", 1024, 768, True, 1.5),
    "laptop": ScreenSpec("laptop", 1280, 800, False, 1.0),
    # a desktop monitor: nothing may be stretched absurdly or left tiny
    "hd": ScreenSpec("hd", 1920, 1080, False, 1.0),
}
#: The screens walked when none is named (and by the walk test): the classroom's.
CLASSROOM_SCREENS = ("projector", "laptop")
LANGUAGES = ("en", "zh_CN")

#: The README's screenshots: file in resources/screenshots ← screen of the walk.
README_SCREENS = {
    "main_window.png": "mlp2d-training-laptop-en.png",
    "step_through.png": "resnet-step-projector-en.png",
    "step_through_zh.png": "googlenet-step-laptop-zh_CN.png",
    "lenet5.png": "lenet5-training-projector-en.png",
    "detection.png": "detection-training-projector-en.png",
    "two_stage.png": "two_stage-training-projector-en.png",
    "lstm_gates.png": "lstm-training-projector-en.png",
    "seq2seq_alignment.png": "seq2seq-training-laptop-en.png",
    "transformer_heads.png": "transformer-training-projector-en.png",
    "gan2d_ring.png": "gan2d-training-projector-en.png",
    "laptop_en.png": "distillation-training-laptop-en.png",
    "laptop_zh.png": "distillation-training-laptop-zh_CN.png",
    "projector_en.png": "segmentation-training-projector-en.png",
    "projector_zh.png": "segmentation-training-projector-zh_CN.png",
    "charlm.png": "charlm-training-projector-en.png",
    "unet.png": "unet-training-laptop-en.png",
    "transfer.png": "transfer-training-projector-zh_CN.png",
    "batchnorm.png": "batchnorm-training-laptop-en.png",
    "colour_shapes.png": "colour_shapes-training-projector-en.png",
    "bert.png": "bert-training-projector-en.png",
}


def copy_readme_screens(screens: Path, target: Path) -> list[str]:
    """Copy the README's screenshots out of a walk's folder; returns the missing."""
    import shutil

    missing = []
    for name, source in README_SCREENS.items():
        if (screens / source).exists():
            shutil.copyfile(screens / source, target / name)
        else:
            missing.append(source)
    return missing


@dataclass
class Finding:
    """One breach of the layout contract, on one screen of one lab."""

    lab: str
    screen: str
    language: str
    view: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return (f"{self.lab} [{self.screen}, {self.language}, {self.view}] "
                f"{self.kind}: {self.detail}")


# -- checks (pure Qt; used by the walk and by tests) ---------------------------------
def _name(widget) -> str:
    name = widget.objectName() or type(widget).__name__
    title = getattr(widget, "_title", "")
    return f"{name} '{title}'" if title else name


def cut_texts(root) -> list[str]:
    """Visible text widgets under ``root`` whose text does not fit them, or that
    stick out of the window."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from dlviz.ui.views.base import PlotView

    found: list[str] = []
    window = root.window()
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text() or widget.width() < 2:
            continue
        right = widget.mapTo(window, QPoint(widget.width() - 1, 0)).x()
        if right >= window.width() + 1:
            found.append(f"'{_plain(widget.text())[:40]}' sticks out of the window "
                         f"({right} > {window.width()})")
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text():
            continue
        text = label.text()
        if label.textFormat() != label.textFormat().PlainText and "<" in text:
            from PySide6.QtGui import QTextDocument

            doc = QTextDocument()
            doc.setDefaultFont(label.font())
            doc.setHtml(text)
            doc.setDocumentMargin(0)
            need = doc.idealWidth()
        else:
            lines = text.split("\n")
            need = max(label.fontMetrics().horizontalAdvance(t) for t in lines)
        have = label.contentsRect().width() - 2 * label.margin()
        if need > have + 2:
            found.append(f"label '{_plain(text)[:40]}' needs {need:.0f} px, has {have}")
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        need = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
        if button.icon().isNull() is False:
            need += button.iconSize().width() + 4
        have = button.contentsRect().width() - 8
        if need > have + 2:
            found.append(
                f"button '{button.text()[:40]}' needs {need} px, has {have}"
            )
    for view in root.findChildren(PlotView):
        if not view.isVisible():
            continue
        title = view.plot_item.titleLabel
        if not title.isVisible() or not title.text:
            continue
        need = title.item.boundingRect().width()
        have = view.width()
        box = view.mapFromScene(title.item.sceneBoundingRect()).boundingRect()
        if need > have + 2 or box.left() < -2 or box.right() > have + 2:
            found.append(f"title '{_plain(title.text)[:40]}' needs {need:.0f} px, "
                         f"has {have}")
    return found


def _plain(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text)


def small_panels(root, minimum: tuple[int, int] = MIN_PANEL) -> list[str]:
    """Visible plot and image panels under ``root`` smaller than ``minimum``."""
    from dlviz.ui.views.base import PlotView

    found = []
    for view in root.findChildren(PlotView):
        if not view.isVisible():
            continue
        if getattr(view, "decorative", False):
            continue
        w, h = view.width(), view.height()
        if w < minimum[0] or h < minimum[1]:
            found.append(f"{_name(view)} is {w}×{h}")
            continue
        box = view.plot_item.getViewBox().sceneBoundingRect()
        if box.width() < MIN_DATA[0] or box.height() < MIN_DATA[1]:
            found.append(f"{_name(view)}: data area {box.width():.0f}×"
                         f"{box.height():.0f} of {w}×{h}")
    return found


def fits_screen(window) -> str | None:
    """The window, and the narrowest it can be, fit the screen it is on."""
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > screen.width() or frame.height() > screen.height():
        return (f"window {frame.width()}×{frame.height()} on a "
                f"{screen.width()}×{screen.height()} screen")
    least = window.minimumSizeHint()
    if least.width() > screen.width() or least.height() > screen.height():
        return (f"window cannot be smaller than {least.width()}×{least.height()} "
                f"on a {screen.width()}×{screen.height()} screen")
    return None


# -- the walk (runs inside a QApplication on the target screen) ----------------------
def _wait(app, condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _describe(widget) -> str:
    """A widget and its named ancestors, e.g. ``QLineEdit in QSpinBox 'sample'``."""
    parts = []
    while widget is not None and len(parts) < 3:
        name = widget.objectName()
        parts.append(type(widget).__name__ + (f" {name!r}" if name else ""))
        widget = widget.parentWidget()
    return " in ".join(parts)


def _settle(app, seconds: float = 0.25) -> None:
    _wait(app, lambda: False, seconds)


def walk_screen(screen: ScreenSpec, labs: list[str], out_dir: Path | None,
                steps: int = 5) -> list[Finding]:
    import torch
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from dlviz.ui.app import create_application, warm_up_imports

    app = create_application()
    warm_up_imports()
    from dlviz.core.labs import get_lab
    from dlviz.ui.main_window import MainWindow

    findings: list[Finding] = []
    window = MainWindow(torch.device("cpu"), torch.get_num_threads(), lab=labs[0])
    window.features["language"].switch("en")
    window.show()
    if screen.presentation:
        window.features["presentation"].set_font_scale(screen.font_scale)
        window.features["presentation"].enter()
    else:
        window.showMaximized()
    _settle(app, 0.5)
    try:
        for key in labs:
            spec = get_lab(key)
            window.features["language"].switch("en")
            window.open_lab(key)
            window.tabs.setCurrentIndex(0)
            if spec.trainable:
                _wait(app, lambda: window.session is not None
                      and window.session.state in ("ready", "paused"), 60)
                window.session.step_once(steps)
                _wait(app, lambda s=steps: window.session.step >= s, 60)
            _settle(app, 0.4)

            def note(view: str, kind: str, detail: str, lang: str,
                     key: str = key) -> None:
                findings.append(Finding(key, screen.name, lang, view, kind, detail))

            views = [("training", 0)]
            if spec.trainable:
                window.record_trace()
                _wait(app, lambda: window.step_through.trace is not None, 60)
                window.step_through.go_end()
                views.append(("step", 1))
            for lang in LANGUAGES:
                window.features["language"].switch(lang)
                for view, index in views:
                    window.tabs.setCurrentIndex(index)
                    _settle(app, 0.3)
                    problem = fits_screen(window)
                    if problem:
                        note(view, "window", problem, lang)
                    for text in small_panels(window):
                        note(view, "small panel", text, lang)
                    for text in cut_texts(window):
                        note(view, "cut text", text, lang)
                    if out_dir is not None:
                        name = f"{key}-{view}-{screen.name}-{lang}.png"
                        window.grab().save(str(out_dir / name))
            # keyboard: Space from whatever has focus reaches the transport
            if spec.trainable:
                window.tabs.setCurrentIndex(0)
                _settle(app, 0.1)
                focus = QApplication.focusWidget() or window
                before = window.session.state
                QTest.keyClick(focus, Qt.Key.Key_Space)
                _wait(app, lambda b=before: window.session.state != b, 15)
                if window.session.state == before:
                    note("training", "keyboard",
                         f"Space on {_describe(focus)} did not start training",
                         "en")
                window.session.pause()
                _wait(app, lambda: window.session.state != "running", 5)
    finally:
        window.close()
        app.processEvents()
    return findings


def run_in_subprocess(screen: str, labs: list[str] | None, out_dir: Path | None,
                      timeout: float = 3000) -> list[Finding]:
    """Walk ``screen`` in a fresh process on an offscreen screen of its size."""
    spec = SCREENS[screen]
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        config.write_text(json.dumps({"screens": [{
            "name": spec.name, "x": 0, "y": 0, "width": spec.width,
            "height": spec.height, "logicalDpi": 96, "logicalBaseDpi": 96,
            "dpr": 1}]}))
        result = Path(tmp) / "findings.json"
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        # its own settings: the walk switches language and font scale, which must
        # not leak into the user's (or a test run's) settings
        env["DLVIZ_SETTINGS_FILE"] = str(Path(tmp) / "settings.ini")
        cmd = [sys.executable, "-m", "dlviz.tools.walk", "--inner", "--screen", screen,
               "--json", str(result)]
        if out_dir is not None:
            cmd += ["--out", str(out_dir)]
        for lab in labs or []:
            cmd += ["--lab", lab]
        proc = subprocess.run(cmd, env=env, timeout=timeout, capture_output=True,
                              text=True)
        if not result.exists():
            raise RuntimeError(f"walk of {screen} failed:\n{proc.stderr[-4000:]}")
        return [Finding(**f) for f in json.loads(result.read_text())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlviz.tools.walk",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--screen", action="append", choices=sorted(SCREENS))
    parser.add_argument("--lab", action="append", help="walk only these labs")
    parser.add_argument("--out", default="build/screens", help="folder for the PNGs")
    parser.add_argument("--readme", action="store_true",
                        help="copy the README's screenshots into resources/")
    parser.add_argument("--json", help=argparse.SUPPRESS)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screens = args.screen or list(CLASSROOM_SCREENS)
    if args.inner:
        from dlviz.core.labs import all_labs

        labs = args.lab or [spec.key for spec in all_labs()]
        findings = walk_screen(SCREENS[screens[0]], labs, out)
        Path(args.json).write_text(json.dumps([asdict(f) for f in findings]))
        return 0
    findings = []
    for screen in screens:
        findings += run_in_subprocess(screen, args.lab, out)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} findings; screens in {out}/")
    if args.readme:
        target = Path(__file__).resolve().parents[2] / "resources" / "screenshots"
        missing = copy_readme_screens(out, target)
        print(f"README screenshots copied to {target}/"
              + (f"; missing: {', '.join(missing)}" if missing else ""))
    return min(len(findings), 255)


if __name__ == "__main__":
    sys.exit(main())
