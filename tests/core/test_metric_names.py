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
    assert metric_label("loss_hard") == "training loss (hard labels only)"
    assert metric_label("val_loss_hard") == "validation loss (hard labels only)"
    assert metric_label("d_loss") == "D loss"
    assert metric_label("val_d_loss") == "validation D loss"
    assert metric_label("some_key") == "some key"  # a key nobody named


def test_every_common_metric_has_a_written_label():
    """No legend shows a key with its underscores turned to spaces ("d loss"); the
    optimizer race's per-optimizer losses are named by their stage."""
    from dlviz.core.metric_names import METRIC_LABELS, REPORTED_METRICS

    unnamed = [k for k in REPORTED_METRICS
               if not k.startswith("loss_") and k not in METRIC_LABELS]
    assert unnamed == []


def test_a_lab_names_its_own_metrics_on_its_card():
    from dlviz.core.labs import all_labs, get_lab
    from dlviz.core.metric_names import (
        REPORTED_METRICS,
        is_reported_metric,
        metric_label,
    )

    all_labs()  # discovering the labs declares their metrics
    transfer = get_lab("transfer")
    assert "acc_frozen" in transfer.metrics and "acc_frozen" not in REPORTED_METRICS
    assert metric_label("acc_frozen") == "training accuracy (frozen features)"
    assert metric_label("val_acc_frozen") == "validation accuracy (frozen features)"
    assert is_reported_metric("val_acc_frozen", transfer.metrics)
    assert not is_reported_metric("val_acc_frozen")
