from dlviz.session.shown import ShownSnapshot


def test_live_snapshots_are_drawn_once_each():
    shown = ShownSnapshot()
    assert shown.take() is None and shown.step is None
    a, b = {"n": 1}, {"n": 2}
    shown.live(a, 1)
    assert shown.take() is a and shown.take() is None
    shown.live(b, 2)
    assert shown.step == 2 and shown.take() is b


def test_a_held_step_is_never_overwritten_by_live_results():
    shown = ShownSnapshot()
    live, old, newer = {"n": 5}, {"n": 1}, {"n": 6}
    shown.live(live, 5)
    shown.take()
    shown.hold(old, 1)
    assert not shown.is_live and shown.step == 1 and shown.take() is old
    shown.live(newer, 6)  # training (or a Step D request) goes on meanwhile
    assert shown.take() is None and shown.current() is old
    shown.release()
    assert shown.is_live and shown.step == 6 and shown.take() is newer


def test_invalidate_redraws_and_clear_forgets():
    shown = ShownSnapshot()
    snap = {"n": 1}
    shown.live(snap, 1)
    shown.take()
    shown.invalidate()
    assert shown.take() is snap
    shown.clear()
    shown.invalidate()
    assert shown.take() is None and shown.is_live
