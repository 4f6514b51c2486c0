"""What the stage shows: the live run's newest snapshot, or a held (rewound) one.

This small, Qt-free model is the one source of the snapshot a stage draws. The
session feeds it live snapshots; the rewind timeline holds a past step and releases
it; a style or language change invalidates it. The window's redraw timer — and an
export that needs a frame drawn at once — :meth:`take` the snapshot to draw, and only
when something changed, so nothing else ever calls a stage's ``show_snapshot``.
While a step is held, live snapshots are kept (for the return to live) but never
drawn.
"""

from __future__ import annotations

from typing import Any

Snapshot = dict[str, Any]


class ShownSnapshot:
    def __init__(self) -> None:
        self._live: Snapshot | None = None
        self._live_step = -1
        self._held: Snapshot | None = None
        self._held_step: int | None = None
        self._dirty = False

    # -- state ---------------------------------------------------------------------
    @property
    def is_live(self) -> bool:
        return self._held_step is None

    @property
    def step(self) -> int | None:
        """The step of the snapshot shown (None: nothing yet)."""
        if not self.is_live:
            return self._held_step
        return self._live_step if self._live is not None else None

    def current(self) -> Snapshot | None:
        return self._live if self.is_live else self._held

    @property
    def pending(self) -> bool:
        """True when the stage does not show :meth:`current` yet."""
        return self._dirty and self.current() is not None

    # -- inputs --------------------------------------------------------------------
    def live(self, snapshot: Snapshot, step: int) -> None:
        """A new snapshot of the running lab (drawn only while live)."""
        self._live, self._live_step = snapshot, step
        if self.is_live:
            self._dirty = True

    def hold(self, snapshot: Snapshot, step: int) -> None:
        """Show ``snapshot`` of ``step`` and keep it there (rewind, export)."""
        self._held, self._held_step = snapshot, step
        self._dirty = True

    def release(self) -> None:
        """Back to the live run."""
        if self._held_step is not None:
            self._held, self._held_step = None, None
            self._dirty = True

    def invalidate(self) -> None:
        """Draw the shown snapshot again (new colours, fonts or language)."""
        self._dirty = True

    def clear(self) -> None:
        """A new lab or run: nothing to show until its first snapshot."""
        self.__init__()

    # -- output --------------------------------------------------------------------
    def take(self) -> Snapshot | None:
        """The snapshot to draw now, or None when the stage is up to date."""
        if not self.pending:
            return None
        self._dirty = False
        return self.current()
