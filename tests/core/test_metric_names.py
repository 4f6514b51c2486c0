"""Metric metadata: the label and the colour slot of every metric key."""

from dlviz.core.metric_names import METRIC_COLOR_SLOTS, metric_color_slot, metric_label


def test_common_metrics_have_fixed_distinct_slots_shared_with_validation():
    assert metric_color_slot("loss") == metric_color_slot("val_loss") == 0
    assert metric_color_slot("acc") == metric_color_slot("val_acc") == 1
    assert len(set(METRIC_COLOR_SLOTS.values())) == len(METRIC_COLOR_SLOTS)


def test_other_metrics_get_a_stable_slot_away_from_loss_and_accuracy():
    for name in ("recon", "kl", "map50", "miou", "loss_hard", "pixel_acc"):
        slot = metric_color_slot(name)
        assert 2 <= slot <= 8 and slot == metric_color_slot(f"val_{name}")
    assert metric_color_slot("recon") != metric_color_slot("kl")


def test_labels():
    assert metric_label("val_map50") == "validation mAP@0.5"
    assert metric_label("loss_hard") == "loss hard"
