"""A bounded history of one run's snapshots, for scrubbing back in time.

Every stage draws from snapshots, so replaying an old one shows the lab as it was.
The buffer measures what it holds (numpy ``nbytes`` plus a small overhead per object)
and, when it is over its budget, keeps every other frame and from then on records only
every k-th snapshot, so a long run is covered from start to end at a coarser rate.
Bookmarked frames and the newest frame are never thinned away. Pure Python and numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Default memory budget of one run's rewind history.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_OBJECT_OVERHEAD = 64


def snapshot_nbytes(value: Any) -> int:
    """Approximate memory held by a snapshot: array bytes plus a per-object overhead."""
    if isinstance(value, np.ndarray):
        return int(value.nbytes) + _OBJECT_OVERHEAD
    if isinstance(value, dict):
        return _OBJECT_OVERHEAD + sum(
            snapshot_nbytes(k) + snapshot_nbytes(v) for k, v in value.items()
        )
    if isinstance(value, (list, tuple)):
        return _OBJECT_OVERHEAD + sum(snapshot_nbytes(v) for v in value)
    if isinstance(value, (str, bytes)):
        return _OBJECT_OVERHEAD + len(value)
    return _OBJECT_OVERHEAD


@dataclass
class Frame:
    """One recorded snapshot."""

    step: int
    snapshot: dict[str, Any]
    nbytes: int


class RewindBuffer:
    """Snapshots of one run, oldest first, within ``max_bytes`` and ``max_frames``.

    Parameters
    ----------
    max_bytes
        Memory budget measured with :func:`snapshot_nbytes`.
    max_frames
        Upper bound on the number of frames (keeps the timeline responsive).
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, max_frames: int = 4000):
        if max_bytes <= 0 or max_frames < 2:
            raise ValueError("the rewind buffer needs a positive budget")
        self.max_bytes = int(max_bytes)
        self.max_frames = int(max_frames)
        self.frames: list[Frame] = []
        self.total_bytes = 0
        #: Record one snapshot out of ``stride`` (doubles each time the buffer thins).
        self.stride = 1
        self._skipped = 0
        #: Bookmark name -> step.
        self.bookmarks: dict[str, int] = {}

    # -- recording -------------------------------------------------------------------
    def clear(self) -> None:
        """Forget everything (a new run started)."""
        self.frames.clear()
        self.bookmarks.clear()
        self.total_bytes = 0
        self.stride = 1
        self._skipped = 0

    def add(self, step: int, snapshot: dict[str, Any]) -> bool:
        """Record ``snapshot`` taken at ``step``; returns True when it was kept.

        A snapshot of the newest step replaces that frame; one of an earlier step
        (the weights were loaded from a file) drops the frames after it.
        """
        step = int(step)
        if self.frames and step <= self.frames[-1].step:
            if step == self.frames[-1].step:
                self._drop(len(self.frames) - 1)
            else:
                while self.frames and self.frames[-1].step >= step:
                    self._drop(len(self.frames) - 1)
        elif self.frames:
            self._skipped += 1
            if self._skipped < self.stride:
                # Between kept frames: the newest is still worth keeping as the end.
                return False
        self._skipped = 0
        frame = Frame(step, snapshot, snapshot_nbytes(snapshot))
        if frame.nbytes > self.max_bytes:
            return False
        self.frames.append(frame)
        self.total_bytes += frame.nbytes
        while self._over_budget() and len(self.frames) > 2:
            if not self._thin():
                break
        return True

    def _over_budget(self) -> bool:
        return self.total_bytes > self.max_bytes or len(self.frames) > self.max_frames

    def _drop(self, index: int) -> None:
        self.total_bytes -= self.frames.pop(index).nbytes

    def _thin(self) -> bool:
        """Keep every other frame (plus bookmarks and the newest); double the stride."""
        pinned = set(self.bookmarks.values())
        last = len(self.frames) - 1
        kept = [
            f
            for i, f in enumerate(self.frames)
            if i % 2 == 0 or i == last or f.step in pinned
        ]
        if len(kept) == len(self.frames):
            return False
        self.frames = kept
        self.total_bytes = sum(f.nbytes for f in kept)
        self.stride *= 2
        return True

    # -- reading ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.frames)

    @property
    def steps(self) -> list[int]:
        return [f.step for f in self.frames]

    def frame(self, index: int) -> Frame:
        return self.frames[index]

    def index_of_step(self, step: int) -> int:
        """Index of the frame nearest to ``step`` (ties go to the earlier one)."""
        if not self.frames:
            raise IndexError("the rewind buffer is empty")
        steps = np.asarray(self.steps)
        return int(np.argmin(np.abs(steps - int(step))))

    def frames_between(self, first_step: int, last_step: int) -> list[Frame]:
        """Frames whose step lies in ``[first_step, last_step]``."""
        return [f for f in self.frames if first_step <= f.step <= last_step]

    # -- bookmarks -------------------------------------------------------------------
    def add_bookmark(self, name: str, step: int | None = None) -> str:
        """Name the frame at ``step`` (default: the newest); returns the name used.

        A name already taken gets a number appended.
        """
        if not self.frames:
            raise IndexError("nothing recorded yet")
        if step is None:
            step = self.frames[-1].step
        step = self.frames[self.index_of_step(step)].step
        base = name.strip() or f"step {step}"
        name, n = base, 2
        while name in self.bookmarks:
            name, n = f"{base} ({n})", n + 1
        self.bookmarks[name] = step
        return name

    def remove_bookmark(self, name: str) -> None:
        self.bookmarks.pop(name, None)

    def bookmarks_by_step(self) -> list[tuple[str, int]]:
        """Bookmarks in timeline order."""
        return sorted(self.bookmarks.items(), key=lambda item: (item[1], item[0]))
