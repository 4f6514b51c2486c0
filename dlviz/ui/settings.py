"""User settings kept between runs: theme, language, font scale, recent files,
last lab.

Backed by :class:`QSettings`. Where they are stored:

* ``DLVIZ_SETTINGS_FILE`` set: an INI file at that path (tests use a temporary one);
* otherwise the native store of organisation ``DLVIZ_SETTINGS_ORG`` (tests set
  ``dlviz-tests`` in ``tests/conftest.py``) or ``dlviz``, application ``dlviz``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

THEMES = ("light", "dark")
LANGUAGES = ("en", "zh_CN")
FONT_SCALE_MIN = 1.0
FONT_SCALE_MAX = 2.5
DEFAULT_FONT_SCALE = 1.5
MAX_RECENT_FILES = 10


def clamp_font_scale(scale: float) -> float:
    """``scale`` limited to the supported 1.0×–2.5× and rounded to 0.05."""
    scale = min(FONT_SCALE_MAX, max(FONT_SCALE_MIN, float(scale)))
    return round(scale * 20) / 20


def _open_store() -> QSettings:
    path = os.environ.get("DLVIZ_SETTINGS_FILE")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    org = os.environ.get("DLVIZ_SETTINGS_ORG", "dlviz")
    return QSettings(org, "dlviz")


class Settings:
    """Typed access to the stored settings; every setter writes through."""

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else _open_store()

    # -- helpers ------------------------------------------------------------------
    def _get_str(self, key: str, default: str) -> str:
        value = self.store.value(key, default)
        return str(value) if value is not None else default

    def _set(self, key: str, value) -> None:
        self.store.setValue(key, value)
        self.store.sync()

    # -- values -------------------------------------------------------------------
    @property
    def theme(self) -> str:
        """``"light"`` or ``"dark"``."""
        value = self._get_str("view/theme", "light")
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self._set("view/theme", value)

    @property
    def language(self) -> str:
        """``"en"``, ``"zh_CN"`` or ``""`` (not chosen yet: follow the system)."""
        value = self._get_str("view/language", "")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._set("view/language", value)

    @property
    def font_scale(self) -> float:
        """Interface scale of presentation mode (1.0–2.5)."""
        try:
            stored = self.store.value("presentation/font_scale", DEFAULT_FONT_SCALE)
            value = float(stored)
        except (TypeError, ValueError):
            value = DEFAULT_FONT_SCALE
        return clamp_font_scale(value)

    @font_scale.setter
    def font_scale(self, value: float) -> None:
        self._set("presentation/font_scale", clamp_font_scale(value))

    @property
    def sequential_map(self) -> str:
        return self._get_str("view/sequential_map", "")

    @sequential_map.setter
    def sequential_map(self, value: str) -> None:
        self._set("view/sequential_map", value)

    @property
    def diverging_map(self) -> str:
        return self._get_str("view/diverging_map", "")

    @diverging_map.setter
    def diverging_map(self, value: str) -> None:
        self._set("view/diverging_map", value)

    @property
    def last_lab(self) -> str:
        """Key of the lab open when the app was last used (``""`` if none)."""
        return self._get_str("session/last_lab", "")

    @last_lab.setter
    def last_lab(self, key: str) -> None:
        self._set("session/last_lab", key)

    @property
    def recent_files(self) -> list[str]:
        """Most recent first, at most :data:`MAX_RECENT_FILES`."""
        value = self.store.value("session/recent_files", [])
        if value is None:
            return []
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value][:MAX_RECENT_FILES]

    def add_recent_file(self, path: str) -> None:
        """Put ``path`` first in the recent files (no duplicates)."""
        files = [f for f in self.recent_files if f != path]
        self._set("session/recent_files", [path, *files][:MAX_RECENT_FILES])

    def clear_recent_files(self) -> None:
        self._set("session/recent_files", [])
