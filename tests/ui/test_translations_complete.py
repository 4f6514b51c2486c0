"""Every string the interface shows has a Chinese translation.

* the ``.ts`` files are up to date with the sources and have no unfinished entry;
* in Chinese mode, every lab is opened and every visible text (labels, buttons,
  tabs, group boxes, combo items, dock titles, menus, plot titles, axis labels and
  legends) is checked for English words outside an allow list of names and symbols.
"""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from dlviz.core.labs import all_labs
from dlviz.tools import translations
from dlviz.ui.classroom import language
from dlviz.ui.stages import all_stages

#: English words allowed in the Chinese interface: names of networks, optimizers,
#: activations and methods, abbreviations, units, key names and data tokens.
ALLOWED_WORDS = {
    # networks and methods
    "lenet", "alexnet", "nin", "googlenet", "vgg", "resnet", "mobilenet", "inception",
    "rnn", "lstm", "gru", "gan", "gans", "dcgan", "cgan", "wgan", "gp", "lsgan",
    "seq2seq", "transformer", "mlp", "cnn", "vae", "ae", "bleu", "kl", "cam", "grad",
    "saliency", "integrated", "gradients", "softmax", "dropout", "qk", "fcn", "iou",
    "nms", "siamese", "logits", "beale", "rosenbrock",
    "map", "miou", "net",  # U-Net
    "gpt", "bert", "unet",
    # optimizers and activations
    "sgd", "adam", "adagrad", "adadelta", "rmsprop", "nesterov", "relu", "leakyrelu",
    "elu", "gelu", "sigmoid", "tanh", "max", "argmax", "valid", "same",
    # data and tools
    "mnist", "idx", "cpu", "gpu", "cuda", "mps", "dlviz", "torch", "png", "csv",
    "english", "ctrl", "shift", "esc", "space", "alt", "del", "home", "end",
    "pgup", "pgdown", "backspace", "ins", "tab", "enter", "return",
    # data of the date-normalisation task (written English dates are its input)
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    # data of the BERT lab: its special tokens and the sentiment task's words
    # (dlviz.core.attention.data POSITIVE_WORDS, NEGATIVE_WORDS, NEUTRAL_WORDS)
    "cls", "mask", "pad", "good", "great", "fun", "superb", "loved", "bad", "dull",
    "awful", "boring", "hated", "the", "movie", "plot", "was", "and", "actors",
    "story", "it",
    # two-stage detection
    "rpn", "roi", "align", "fast", "faster",
    # maths in lesson notes and formulas
    "log", "ln", "exp", "sin", "cos", "min", "mean", "std", "var", "pytorch", "numpy",
    # file formats
    "svg", "gif", "json",
    # colour maps
    "viridis", "cividis", "magma", "inferno", "plasma", "cet",
    # units and symbols
    "px", "pt", "ms", "fps",
}
SNAPSHOT_WAIT_MS = 1200
#: A word of two or more letters that is not part of an identifier or a module path
#: (``features.0.0``, ``Conv2d``, ``h_t``).
WORD = re.compile(r"(?<![\w\\.])[A-Za-z]{2,}(?![\w.])")
TAG = re.compile(r"<[^>]+>")
#: A layer of a model as the stages list it: "3. features.0.4  (MaxPool2d)".
LAYER_ENTRY = re.compile(r"^\d+\.\s+[\w.]+\s+\(\w+\)$")


def english_words(text: str) -> list[str]:
    if LAYER_ENTRY.match(text or ""):
        return []  # module paths and class names are code, shown as they are
    plain = TAG.sub(" ", text or "").replace("&nbsp;", " ").replace("&", "")
    return [w for w in WORD.findall(plain) if w.lower() not in ALLOWED_WORDS]


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible text under ``root``."""
    found: list[tuple[str, str]] = []

    def add(widget, what: str, text: str) -> None:
        # rich text is checked as shown: "&gt;" is the sign ">", not a word
        found.append((f"{type(widget).__name__}.{what}", html.unescape(text)))

    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel):
            add(w, "text", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "text", w.text())
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, "item", w.itemText(i))
        elif isinstance(w, QGroupBox):
            add(w, "title", w.title())
        elif isinstance(w, QTreeWidget):
            items = [w.topLevelItem(i) for i in range(w.topLevelItemCount())]
            while items:
                item = items.pop()
                add(w, "item", item.text(0))
                items += [item.child(i) for i in range(item.childCount())]
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    add(w, "tab", w.tabText(i))
        if isinstance(w, QDockWidget):
            add(w, "title", w.windowTitle())
        if isinstance(w, pg.PlotWidget):
            item = w.getPlotItem()
            add(w, "title", item.titleLabel.text)
            for name in ("left", "bottom", "right", "top"):
                axis = item.getAxis(name)
                if axis.isVisible():
                    add(w, f"axis {name}", axis.labelText)
            if item.legend is not None:
                for _sample, label in item.legend.items:
                    add(w, "legend", label.text)
    for m in root.findChildren(QMenu):
        add(m, "title", m.title())
        for action in m.actions():
            add(m, "action", action.text())
    return found


def test_ts_files_are_current_and_finished(tmp_path):
    """The .ts hold every source string (run ``translations update``), all done."""
    assert translations.unfinished("zh_CN") == []
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            translations._qt_tool("lupdate"),
            "-locations",
            "none",
            *map(str, translations.ui_sources()),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )

    def messages(path):
        root = ET.parse(path).getroot()
        return {
            (c.findtext("name"), m.findtext("source"))
            for c in root.iter("context")
            for m in c.iter("message")
        }

    missing = messages(fresh) - messages(translations.ui_ts("zh_CN"))
    assert not missing, f"run `python -m dlviz.tools.translations update`: {missing}"
    core = {s for _c, s in messages(translations.core_ts("zh_CN"))}
    missing_core = set(translations.core_strings()) - core
    assert not missing_core, f"core strings without an entry: {missing_core}"


def test_core_templates_keep_their_placeholders():
    """A translated template must name the same {fields} as its source."""
    field = re.compile(r"\{[^{}]*\}")
    for path in (translations.ui_ts("zh_CN"), translations.core_ts("zh_CN")):
        for message in ET.parse(path).getroot().iter("message"):
            source = message.findtext("source") or ""
            target = message.findtext("translation") or ""
            assert sorted(field.findall(source)) == sorted(field.findall(target)), (
                source,
                target,
            )


@pytest.fixture
def chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    assert language.set_application_language("zh_CN")
    yield
    language.set_application_language("en")


@pytest.mark.slow
def test_every_visible_string_is_translated(qtbot, chinese, window):
    window.features["language"].switch("zh_CN")
    problems: dict[str, set[str]] = {}
    stages = all_stages()
    for spec in all_labs():
        if spec.stage not in stages:
            continue  # a lab whose stage is still being written
        window.open_lab(spec.key)
        # give the lab a moment to build and draw its first snapshot; labs that
        # take longer are still checked for everything that does not need one
        for _ in range(SNAPSHOT_WAIT_MS // 50):
            if window.session is None or window.session.snapshot is not None:
                break
            qtbot.wait(50)
        qtbot.wait(100)  # a few redraws
        for where, text in visible_texts(window):
            words = english_words(text)
            if words:
                problems.setdefault(f"{spec.key}: {where}", set()).add(text)
    report = "\n".join(f"{k}: {sorted(v)}" for k, v in sorted(problems.items()))
    assert not problems, "untranslated text in Chinese mode:\n" + report
