"""Practice mode's "Show me" on a question about the run points the stage's pickers
at the asked cell: the gate view's unit and time, the playground's unit and point,
the attention's layer, head and query."""

from __future__ import annotations

import torch

from dlviz.core.labs import get_lab
from dlviz.core.practice import Live, NoQuestion, live_kinds_for
from dlviz.ui.stages import stage_class


def _live_questions(lab: str, live: Live, kind: str | None = None):
    out = []
    for k in live_kinds_for(lab=lab):
        if kind is not None and k.key != kind:
            continue
        for seed in range(12):
            try:
                out.append(k.question(seed, lab, live=live))
            except NoQuestion:
                pass
    assert out, lab
    return out


def _record_a_step(qtbot, window, key: str) -> Live:
    window.open_lab(key)
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    window.actions_by_name["trace"].trigger()  # one recorded training step
    qtbot.waitUntil(lambda: (window.shown.step or 0) >= 1, timeout=30000)
    window.draw_stage()
    return Live(key, window.shown.current(), window.shown.step)


def test_show_me_points_the_gate_view_at_the_unit_and_time(qtbot, window):
    controller = window.features["practice"]
    live = _record_a_step(qtbot, window, "lstm")
    stage = window.stage
    stage.unit_spin.setValue(0)
    stage.time_slider.setValue(0)
    questions = [q for q in _live_questions("lstm", live)
                 if (q.where["unit"], q.where["t"]) != (0, 0)]
    panel = controller.ensure_panel()
    panel.set_questions(questions, "lstm")
    for index in (0, len(questions) - 1):
        panel.index = index
        panel._show()
        q = panel.question
        panel.show_me()
        assert stage.unit_spin.value() == q.where["unit"], q.text()
        assert stage.time_step == q.where["t"], q.text()
        gate = stage.heatmaps[q.where["gate"]]
        assert controller.highlight.target is gate
        # the equations panel shows that cell's numbers (t counted from 1)
        header = stage.equations.text().splitlines()[0]
        assert f"{q.where['t'] + 1}" in header and f"{q.where['unit']}" in header
    # a question about the settings (no cell) leaves the pickers as they are
    unit, t = stage.unit_spin.value(), stage.time_step
    controller.follow(questions[0].link)
    assert (stage.unit_spin.value(), stage.time_step) == (unit, t)
    panel.close()


def test_show_me_selects_the_playgrounds_unit_and_point(qtbot, window):
    controller = window.features["practice"]
    live = _record_a_step(qtbot, window, "mlp2d")
    q = _live_questions("mlp2d", live)[0]
    panel = controller.ensure_panel()
    panel.set_questions([q], "mlp2d")
    panel.show_me()

    def selected() -> bool:
        window.session.poll()
        snap = window.session.snapshot or {}
        focus, probe = snap.get("focus"), snap.get("probe")
        return (focus is not None and probe is not None
                and (focus["column"], focus["unit"]) == (1, q.where["unit"])
                and (probe["split"], probe["index"]) == ("train", q.where["point"]))

    qtbot.waitUntil(selected, timeout=20000)
    assert controller.highlight.target is window.stage.network
    panel.close()


def test_attention_focus_chooses_the_layer_head_and_query(qtbot):
    spec = get_lab("transformer")
    task = spec.create({"samples": 300}, torch.device("cpu"))
    task.train_step()
    task.step = 1
    snap = task.snapshot()
    stage = stage_class(spec.stage)(spec)
    qtbot.addWidget(stage)
    stage.resize(1024, 768)
    stage.show()
    stage.show_snapshot(snap)
    questions = _live_questions("transformer", Live("transformer", snap, 1))
    assert {q.where["map"] for q in questions} > {"encoder_attention"}
    for q in questions:
        w = q.where
        view = stage.focus(**w)
        assert view is stage.heads[w["head"]]
        assert stage.kind == w["map"].removesuffix("_attention")
        assert stage.layer_spin.value() == w["layer"] + 1
        assert stage.head_spin.value() == w["head"] + 1
        assert stage.query_spin.value() == w["i"]
    assert stage.focus(map="attention", layer=0, head=0, i=0) is None  # seq2seq's
    stage.close()


def test_the_new_live_kinds_link_to_panels_of_their_labs(qtbot):
    linked = {"gan2d": {"samples"}, "dcgan": {"samples"}, "cgan": {"samples"},
              "autoencoder": {"reconstructions", "manifold"},
              "vae": {"reconstructions", "manifold"}, "batchnorm": {"numbers"},
              "transfer": {"accuracy"}, "charlm": {"next character"},
              "two_stage": {"proposals"}}
    for lab, panels in linked.items():
        spec = get_lab(lab)
        stage = stage_class(spec.stage)(spec)
        try:
            assert panels <= set(stage.panels()), (lab, panels - set(stage.panels()))
        finally:
            stage.shutdown()
            stage.deleteLater()


def test_a_lab_sets_title_is_in_the_language_shown(qtbot, window):
    from dlviz.ui.i18n import tr_core

    controller = window.features["practice"]
    window.features["language"].switch("zh_CN")
    try:
        title = tr_core(window.spec.title)
        assert title != window.spec.title  # the playground's card is translated
        controller.practice_lab()
        panel = controller.panel
        qtbot.waitUntil(lambda: len(panel.questions) > 0, timeout=20000)
        assert panel.title == title and title in panel.header.text()
        panel.close()
    finally:
        window.features["language"].switch("en")
