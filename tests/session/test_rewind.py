import numpy as np
import pytest

from dlviz.session.rewind import RewindBuffer, snapshot_nbytes


def snap(step: int, size: int = 1000) -> dict:
    return {"probs": np.full(size, step, dtype=np.float32), "step": step}


def test_nbytes_counts_arrays_in_nested_containers():
    s = {"a": np.zeros((10, 10), np.float32), "b": [np.zeros(5, np.int64)]}
    assert snapshot_nbytes(s) >= 400 + 40
    assert snapshot_nbytes(s) < 400 + 40 + 1024


def test_records_in_order_and_finds_nearest_step():
    buf = RewindBuffer()
    for step in (0, 5, 10, 20):
        assert buf.add(step, snap(step))
    assert buf.steps == [0, 5, 10, 20]
    assert buf.index_of_step(12) == 2
    assert buf.index_of_step(100) == 3
    assert buf.frame(1).snapshot["probs"][0] == 5
    assert [f.step for f in buf.frames_between(5, 10)] == [5, 10]


def test_same_step_replaces_and_earlier_step_truncates():
    buf = RewindBuffer()
    for step in range(5):
        buf.add(step, snap(step))
    buf.add(4, snap(40))
    assert buf.steps == [0, 1, 2, 3, 4] and buf.frame(4).snapshot["step"] == 40
    buf.add(2, snap(2))
    assert buf.steps == [0, 1, 2]
    assert buf.total_bytes == sum(f.nbytes for f in buf.frames)


def test_memory_bound_thins_to_every_kth_and_keeps_the_whole_run():
    one = snapshot_nbytes(snap(0))
    buf = RewindBuffer(max_bytes=one * 50)
    for step in range(1000):
        buf.add(step, snap(step))
        assert buf.total_bytes <= buf.max_bytes
    assert buf.total_bytes == sum(f.nbytes for f in buf.frames)
    steps = buf.steps
    assert steps[0] == 0 and steps[-1] >= 1000 - buf.stride
    assert buf.stride > 1 and len(buf) <= 50
    gaps = np.diff(steps)
    assert gaps.max() <= buf.stride


def test_frame_cap_and_bookmarks_survive_thinning():
    buf = RewindBuffer(max_frames=16)
    for step in range(10):
        buf.add(step, snap(step, 10))
    name = buf.add_bookmark("odd one", 7)
    assert name == "odd one" and buf.bookmarks["odd one"] == 7
    assert buf.add_bookmark("odd one", 3) == "odd one (2)"
    for step in range(10, 200):
        buf.add(step, snap(step, 10))
    assert len(buf) <= 16
    assert 7 in buf.steps and 3 in buf.steps
    assert buf.bookmarks_by_step() == [("odd one (2)", 3), ("odd one", 7)]
    buf.remove_bookmark("odd one")
    assert list(buf.bookmarks) == ["odd one (2)"]


def test_bookmark_snaps_to_a_recorded_frame_and_clear_forgets():
    buf = RewindBuffer()
    with pytest.raises(IndexError):
        buf.add_bookmark("x")
    buf.add(10, snap(10))
    buf.add(20, snap(20))
    assert buf.bookmarks[buf.add_bookmark("", 14)] == 10
    assert buf.add_bookmark("end") == "end" and buf.bookmarks["end"] == 20
    buf.clear()
    assert len(buf) == 0 and not buf.bookmarks and buf.total_bytes == 0


def test_oversized_snapshot_is_refused():
    buf = RewindBuffer(max_bytes=1000)
    assert not buf.add(0, snap(0, 10000))
    assert len(buf) == 0
