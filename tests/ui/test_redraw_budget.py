"""The redraw budget: the window draws only while the GUI thread stays within its
share of the time (pure logic, fake clocks)."""

from __future__ import annotations

from dlviz.ui.redraw_budget import RedrawBudget


class Clocks:
    def __init__(self):
        self.wall = 0.0
        self.cpu = 0.0

    def tick(self, wall: float, cpu: float) -> None:
        self.wall += wall
        self.cpu += cpu


def _budget(clocks: Clocks, share: float = 0.1) -> RedrawBudget:
    return RedrawBudget(share, burst_s=0.05, clock=lambda: clocks.wall,
                        cpu_clock=lambda: clocks.cpu)


def test_cheap_frames_draw_at_every_tick():
    clocks = Clocks()
    budget = _budget(clocks)
    drawn = 0
    for _ in range(300):  # 10 s at 30 Hz, 1 ms of GUI time a frame (3 %)
        clocks.tick(1 / 30, 0.001)
        drawn += budget.allows()
    assert drawn == 300


def test_expensive_frames_are_drawn_within_the_share():
    clocks = Clocks()
    budget = _budget(clocks)
    drawn = 0
    for _ in range(300):  # 10 s of 33 ms ticks; a drawn frame costs 20 ms
        allowed = budget.allows()
        drawn += allowed
        clocks.tick(1 / 30, 0.020 if allowed else 0.0005)
    used = drawn * 0.020 + (300 - drawn) * 0.0005
    assert used / clocks.wall <= 0.1 + 0.01
    assert drawn >= 40  # ~5 frames a second, not none


def test_idle_time_saves_up_only_a_little():
    clocks = Clocks()
    budget = _budget(clocks)
    clocks.tick(60.0, 0.0)  # a minute idle
    assert budget.allows()
    assert budget.debt == -0.05
    clocks.tick(0.0, 0.2)  # one 200 ms burst of work: over budget at once
    assert not budget.allows()


def test_a_long_job_holds_drawing_back_only_briefly():
    clocks = Clocks()
    budget = _budget(clocks)
    clocks.tick(2.0, 2.0)  # a 2 s job on the GUI thread
    assert not budget.allows()
    clocks.tick(1.0, 0.0)  # at most max_debt / share = 1 s later it draws again
    assert budget.allows()


def test_reset_forgets_what_came_before():
    clocks = Clocks()
    budget = _budget(clocks)
    clocks.tick(0.1, 0.5)  # building a lab: half a second of GUI work
    budget.reset()
    clocks.tick(1 / 30, 0.001)
    assert budget.allows()
