"""The character GPT's stage: prompt and sampling controls become requests, the
answers (computed by the task, as the worker would) become bars, attention and
written characters."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.charlm import (
    GENERATE_COUNT,
    CharLMStage,
    head_labels,
    shown_char,
)


@pytest.fixture
def task():
    torch.set_num_threads(1)
    t = get_lab("charlm").create(
        {"d_model": 16, "heads": 2, "layers": 2, "ffn": 32, "context": 32},
        torch.device("cpu"))
    t.train_step()
    t.evaluate()
    return t


@pytest.fixture
def stage(qtbot):
    spec = get_lab("charlm")
    s = stage_class(spec.stage)(spec)
    qtbot.addWidget(s)
    s.resize(1024, 768)
    s.show()
    qtbot.waitExposed(s)
    yield s
    s.shutdown()


def deliver(stage, task, kind, data):
    """Answer a request as the session does: its snapshot as the live one."""
    answer = task.handle(kind, data)
    snapshot = answer.pop("snapshot", None)
    if snapshot is not None:
        stage.show_snapshot(snapshot)
    stage.show_result(kind, answer)


def test_snapshot_shows_bars_attention_and_perplexity(stage, task):
    assert isinstance(stage, CharLMStage)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert stage.prompt_edit.text() == "The network "  # the run's prompt adopted
    heights = stage.model_bars.bars.opts["height"]
    np.testing.assert_allclose(heights, snap["top_model"])
    np.testing.assert_allclose(stage.shaped_bars.bars.opts["height"],
                               snap["top_shaped"])
    att = snap["attention"]
    np.testing.assert_array_equal(stage.attention.image.image,
                                  att.reshape(4, len("The network ")))
    assert head_labels(2, 2) == ["L1 h1", "L1 h2", "L2 h1", "L2 h2"]
    assert stage.attention.colorbar is not None
    caption = stage.caption.text()
    assert "validation perplexity" in caption and "unigram baseline 19.37" in caption
    assert stage.sample_box.toPlainText() == snap["sample"] != ""


def test_controls_reshape_the_distribution_through_requests(stage, task, qtbot):
    stage.show_snapshot(task.snapshot())
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.top_k_spin.setValue(3)
    kind, data = blocker.args
    assert kind == "prompt" and data["top_k"] == 3
    assert data["text"] == "The network "
    deliver(stage, task, kind, data)
    shaped = stage.shaped_bars.bars.opts["height"]
    assert np.count_nonzero(shaped) == 3 and shaped.sum() == pytest.approx(1, 1e-5)
    assert "sampling from 3 of" in stage.caption.text()
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.temperature_spin.setValue(0.2)
    kind, data = blocker.args
    assert data["temperature"] == pytest.approx(0.2) and data["top_k"] == 3
    deliver(stage, task, kind, data)
    sharp = stage.shaped_bars.bars.opts["height"]
    assert sharp[0] > shaped[0]  # colder: the favourite gains
    # typing a prompt asks for its distribution
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.keyClicks(stage.prompt_edit, "a")
    kind, data = blocker.args
    assert kind == "prompt" and data["text"] == "The network a"


def test_sample_next_and_generate_twenty(stage, task, qtbot):
    stage.show_snapshot(task.snapshot())
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.sample_button.click()
    kind, data = blocker.args
    assert kind == "sample"
    deliver(stage, task, kind, data)
    char = stage.written[0][0]
    assert stage.prompt_edit.text() == "The network " + char
    assert f"written: {shown_char(char)} " in stage.caption.text()
    assert stage.step["char"] == char
    # the step's attention stays on show while training snapshots come in
    np.testing.assert_array_equal(stage.attention.image.image,
                                  stage.step["attention"].reshape(4, -1))
    stage.show_snapshot(task.snapshot())
    np.testing.assert_array_equal(stage.attention.image.image,
                                  stage.step["attention"].reshape(4, -1))
    assert "wrote" in stage.attention.plot_item.titleLabel.text

    asked = []
    stage.requested.connect(lambda k, d: asked.append((k, d)))
    stage.generate_button.click()
    assert stage.generate_button.text() == "Stop"
    while asked:  # the worker's part: one answer per request, in turn
        kind, data = asked.pop(0)
        deliver(stage, task, kind, data)
    assert len(stage.written) == 1 + GENERATE_COUNT
    assert stage.prompt_edit.text() == task.prompt
    assert len(stage.prompt_edit.text()) == len("The network ") + 1 + GENERATE_COUNT
    assert stage.remaining == 0 and "Generate" in stage.generate_button.text()
    # typing starts afresh: no written list, the live attention again
    qtbot.keyClicks(stage.prompt_edit, "x")
    assert stage.written == [] and stage.step is None


def test_stop_ends_generation_and_reset_adopts_the_new_prompt(stage, task, qtbot):
    stage.show_snapshot(task.snapshot())
    asked = []
    stage.requested.connect(lambda k, d: asked.append((k, d)))
    stage.generate_button.click()
    kind, data = asked.pop(0)
    deliver(stage, task, kind, data)
    assert len(asked) == 1  # the next character was asked for
    stage.generate_button.click()  # stop
    deliver(stage, task, *asked.pop(0))
    assert asked == [] and stage.remaining == 0
    stage.temperature_spin.setValue(0.7)
    asked.clear()
    stage.reset()
    zh = get_lab("charlm").create({"text": "zh_CN", "d_model": 16, "heads": 2,
                                   "layers": 1, "ffn": 32}, torch.device("cpu"))
    stage.show_snapshot(zh.snapshot())
    assert stage.prompt_edit.text() == "神经网络"
    # the controls outlive the run: sent to the new one
    assert asked and asked[-1][1]["temperature"] == pytest.approx(0.7)
