"""Ink: a pen to draw on the stage while it keeps training, and a blank screen.

Every panel of the stage (and the curves and the step-through) gets a transparent
:class:`InkOverlay` as a child widget. Strokes are kept per panel in 0–1 coordinates
of that panel, so they stay where they were drawn when the panel is zoomed (F) or
resized. As children of the panels they are part of every grab and export of the
panel, the stage or the window. A lesson scene saves them (``Scene.ink``) and shows
them again.

While the pen is on, its tool strip (:class:`InkPalette`) is a toolbar row of the
window above the stage, so it covers neither the tabs nor the stage's controls.

Keys: P pen on / off, E eraser (removes the strokes it touches), C or Shift+Delete
clears, B or "." blanks the screen (what a clicker's blank key sends) and back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QActionGroup,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QToolBar,
    QToolButton,
    QWidget,
)

from dlviz.ui import theme
from dlviz.ui.classroom._menus import add_action, menu
from dlviz.ui.teaching import feature

#: Pen colours by the name saved in lesson files: indices into theme.PALETTE, or the
#: theme's foreground (black, white on the dark theme).
INK_COLORS: dict[str, int | None] = {
    "vermillion": 3,
    "blue": 0,
    "green": 2,
    "foreground": None,
}
#: Pen widths (pixels at normal size; presentation mode draws them thicker).
INK_WIDTHS = (2.0, 4.0, 8.0)
#: How near (pixels) the eraser must come to a stroke to remove it.
ERASER_RADIUS = 12.0
#: Consecutive points closer than this (pixels) are not stored.
MIN_POINT_DISTANCE = 2.0


def ink_color(name: str) -> QColor:
    """The colour of pen ``name`` in the current theme (unknown names: the first)."""
    index = INK_COLORS.get(name, INK_COLORS["vermillion"])
    if index is None:
        return QColor(theme.STYLE.foreground)
    return QColor(theme.PALETTE[index])


def width_scale() -> float:
    """Presentation mode draws lines thicker; ink follows."""
    return theme.STYLE.line_width / max(theme.BASE_STYLE.line_width, 1e-6)


@dataclass
class Stroke:
    """One pen stroke; ``points`` are (x, y) in 0–1 of its panel."""

    color: str
    width: float
    points: list[tuple[float, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"color": self.color, "width": self.width,
                "points": [list(p) for p in self.points]}

    @classmethod
    def from_dict(cls, data: dict) -> Stroke:
        return cls(str(data["color"]), float(data["width"]),
                   [(float(x), float(y)) for x, y in data["points"]])


def stroke_path(stroke: Stroke, width: float, height: float) -> QPainterPath:
    """``stroke`` in the pixels of a ``width`` × ``height`` panel."""
    path = QPainterPath()
    for i, (x, y) in enumerate(stroke.points):
        point = QPointF(x * width, y * height)
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    return path


def _segment_distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(
        0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2)
    )
    return math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy))


def stroke_hit(stroke: Stroke, point: QPointF, width: float, height: float,
               radius: float) -> bool:
    """Whether ``point`` (pixels) is within ``radius`` of ``stroke``."""
    pixels = [QPointF(x * width, y * height) for x, y in stroke.points]
    if len(pixels) == 1:
        return math.hypot(point.x() - pixels[0].x(),
                          point.y() - pixels[0].y()) <= radius
    return any(_segment_distance(point, a, b) <= radius
               for a, b in zip(pixels, pixels[1:]))


class InkOverlay(QWidget):
    """Transparent sheet over one panel: paints its strokes, takes the mouse while
    the pen is on."""

    def __init__(self, controller: InkController, name: str, panel: QWidget):
        super().__init__(panel)
        self.setObjectName(f"ink_{name.replace(' ', '_')}")
        self.controller = controller
        self.name = name
        self.panel = panel
        self._drawing: Stroke | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel.installEventFilter(self)
        self.follow()
        self.show()

    def follow(self) -> None:
        """Cover the panel, above its own children."""
        self.setGeometry(QRect(0, 0, self.panel.width(), self.panel.height()))
        self.raise_()

    def set_drawing(self, on: bool) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not on)
        if on:
            self.setCursor(Qt.CursorShape.CrossCursor)
            self.follow()
        else:
            self.unsetCursor()
            self._drawing = None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Show):
            self.follow()
        elif kind == QEvent.Type.ChildAdded and event.child() is not self:
            QTimer.singleShot(0, self._raise_later)
        return False

    def _raise_later(self) -> None:
        if shiboken6.isValid(self):
            self.raise_()

    def _normalized(self, pos: QPointF) -> tuple[float, float]:
        w, h = max(1, self.width()), max(1, self.height())
        return (min(1.0, max(0.0, pos.x() / w)), min(1.0, max(0.0, pos.y() / h)))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if self.controller.eraser:
            self.controller.erase_at(self.name, pos, self.width(), self.height())
            return
        self._drawing = self.controller.begin_stroke(self.name, self._normalized(pos))
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        if self.controller.eraser:
            if event.buttons() & Qt.MouseButton.LeftButton:
                self.controller.erase_at(self.name, pos, self.width(), self.height())
            return
        if self._drawing is None:
            return
        x, y = self._normalized(pos)
        lx, ly = self._drawing.points[-1]
        if math.hypot((x - lx) * self.width(), (y - ly) * self.height()) >= (
            MIN_POINT_DISTANCE
        ):
            self._drawing.points.append((x, y))
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._drawing = None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        strokes = self.controller.strokes.get(self.name)
        if not strokes:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = width_scale()
        w, h = self.width(), self.height()
        for stroke in strokes:
            pen = QPen(ink_color(stroke.color), stroke.width * scale)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            if len(stroke.points) == 1:
                x, y = stroke.points[0]
                painter.drawPoint(QPointF(x * w, y * h))
            else:
                painter.drawPath(stroke_path(stroke, w, h))
        painter.end()


class BlankOverlay(QWidget):
    """A black sheet over the whole window (the clicker's blank-screen key)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("blank_overlay")
        self.window_ = window
        self.hide()
        window.installEventFilter(self)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0))
        painter.end()

    def set_blank(self, blank: bool) -> None:
        if blank:
            self.setGeometry(self.window_.rect())
            self.raise_()
            self.show()
        else:
            self.hide()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        window = getattr(self, "window_", None)
        if (watched is window and event.type() == QEvent.Type.Resize
                and self.isVisible()):
            self.setGeometry(window.rect())
        return False


def _swatch(color: QColor, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.PALETTE[8]), 1))
    painter.setBrush(color)
    painter.drawEllipse(2, 2, size - 4, size - 4)
    painter.end()
    return QIcon(pixmap)


def _line_icon(width: float, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(theme.STYLE.foreground), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(size * 0.2, size * 0.8), QPointF(size * 0.8, size * 0.2))
    painter.end()
    return QIcon(pixmap)


class InkPalette(QToolBar):
    """The pen's tool strip while the pen is on: four colours, three widths, eraser,
    clear, done. A toolbar of the window in its own row above the stage, so it never
    covers the stage's tabs or controls (in presentation mode too, and with a panel
    zoomed)."""

    def __init__(self, controller: InkController, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("ink_palette")
        self.setMovable(False)
        self.setFloatable(False)
        # shown with the pen, not from the window's toolbar menu
        self.toggleViewAction().setVisible(False)
        self.controller = controller
        self.window_ = window
        a = controller.actions
        self.buttons: dict[str, QToolButton] = {}
        names = [f"color_{c}" for c in INK_COLORS] + [
            f"width_{i}" for i in range(len(INK_WIDTHS))
        ] + ["eraser", "clear", "done"]
        last = (f"color_{list(INK_COLORS)[-1]}", f"width_{len(INK_WIDTHS) - 1}")
        for name in names:
            button = QToolButton()
            button.setObjectName(f"ink_button_{name}")
            if name == "done":  # not the pen action: it keeps its own text
                button.clicked.connect(lambda: controller.set_pen(False))
            elif name in ("eraser", "clear"):
                button.setDefaultAction(a[name])
            else:  # an icon, the action's text as tooltip (no hidden text)
                action = a[name]
                button.setCheckable(True)
                button.setChecked(action.isChecked())
                button.clicked.connect(action.trigger)
                action.toggled.connect(button.setChecked)
            if name in ("eraser", "clear", "done"):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            self.addWidget(button)
            self.buttons[name] = button
            if name in last:
                self.addSeparator()
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        self.hide()

    def refresh_icons(self) -> None:
        size = max(16, int(self.fontMetrics().height() * 1.2))
        self.setIconSize(QSize(size, size))
        for button in self.buttons.values():
            button.setIconSize(QSize(size, size))
        for color in INK_COLORS:
            icon = _swatch(ink_color(color), size)
            self.controller.actions[f"color_{color}"].setIcon(icon)
            self.buttons[f"color_{color}"].setIcon(icon)
        for i, width in enumerate(INK_WIDTHS):
            icon = _line_icon(width * 1.5, size)
            self.controller.actions[f"width_{i}"].setIcon(icon)
            self.buttons[f"width_{i}"].setIcon(icon)

    def set_shown(self, shown: bool) -> None:
        if shown:
            self.refresh_icons()
            self.show()
            blank = getattr(self.controller, "blank", None)
            if blank is not None and blank.isVisible():
                blank.raise_()  # a blanked screen stays black
        else:
            self.hide()
        # the stage takes its new size now, before the first stroke is drawn
        layout = self.window_.layout()
        if layout is not None:
            layout.activate()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.isVisible():
            self.refresh_icons()


class InkController(QObject):
    """Pen, eraser, clear and blank of one main window."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("ink")
        self.window = window
        #: Strokes by panel name (stage panels, "loss curves", "metric curves",
        #: "step through").
        self.strokes: dict[str, list[Stroke]] = {}
        self.overlays: dict[str, InkOverlay] = {}
        self.drawing = False
        self.eraser = False
        self.color = "vermillion"
        self.width = INK_WIDTHS[1]
        self._bound_lessons = None
        a = {}
        a["pen"] = add_action(window, None, "ink_pen", "P", self.set_pen,
                              checkable=True)
        a["eraser"] = add_action(window, None, "ink_eraser", "E", self.set_eraser,
                                 checkable=True)
        a["clear"] = add_action(window, None, "ink_clear", ["C", "Shift+Del"],
                                self.clear)
        a["blank"] = add_action(window, None, "blank_screen", ["B", "."],
                                self.set_blank, checkable=True)
        colors = QActionGroup(self)
        for name in INK_COLORS:
            action = add_action(window, None, f"ink_color_{name}", None,
                                lambda _c=False, n=name: self.set_color(n),
                                checkable=True)
            colors.addAction(action)
            a[f"color_{name}"] = action
        widths = QActionGroup(self)
        for i, width in enumerate(INK_WIDTHS):
            action = add_action(window, None, f"ink_width_{i}", None,
                                lambda _c=False, w=width: self.set_width(w),
                                checkable=True)
            widths.addAction(action)
            a[f"width_{i}"] = action
        for action in a.values():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.actions = a
        a[f"color_{self.color}"].setChecked(True)
        a[f"width_{INK_WIDTHS.index(self.width)}"].setChecked(True)
        self.menu = None
        self.palette = InkPalette(self, window)
        self.blank = BlankOverlay(window)
        window.installEventFilter(self)
        window.lab_opened.connect(self._on_lab_opened)
        self.retranslate_ui()
        QTimer.singleShot(0, self.bind)

    # -- binding to the window and the lessons (installed after this) --------------
    def bind(self) -> None:
        """Put the Ink menu into View and listen to lesson scenes (idempotent)."""
        if not shiboken6.isValid(self):
            return
        if self.menu is None:
            view = menu(self.window, "view")
            view.addSeparator()
            self.menu = view.addMenu("")
            self.menu.setObjectName("menu_ink")
            for name in ("pen", "eraser", "clear", "blank"):
                self.menu.addAction(self.actions[name])
            self.menu.addSeparator()
            for name in INK_COLORS:
                self.menu.addAction(self.actions[f"color_{name}"])
            self.menu.addSeparator()
            for i in range(len(INK_WIDTHS)):
                self.menu.addAction(self.actions[f"width_{i}"])
            self.retranslate_ui()
        lessons = feature(self.window, "lessons")
        if lessons is not None and lessons is not self._bound_lessons:
            self._bound_lessons = lessons
            if hasattr(lessons, "scene_applied"):
                lessons.scene_applied.connect(self.show_scene_ink)
            if hasattr(lessons, "scene_fields"):
                lessons.scene_fields.append(lambda: {"ink": self.scene_ink()})

    # -- translation ---------------------------------------------------------------
    def retranslate_ui(self) -> None:
        a = self.actions
        a["pen"].setText(self.tr("Pen: draw on the stage"))
        a["eraser"].setText(self.tr("Eraser"))
        a["clear"].setText(self.tr("Clear the ink"))
        a["blank"].setText(self.tr("Blank the screen"))
        names = {
            "vermillion": self.tr("Red pen"),
            "blue": self.tr("Blue pen"),
            "green": self.tr("Green pen"),
            "foreground": self.tr("Black pen (white on dark)"),
        }
        for name, text in names.items():
            a[f"color_{name}"].setText(text)
        for i, text in enumerate(
            (self.tr("Thin line"), self.tr("Medium line"), self.tr("Thick line"))
        ):
            a[f"width_{i}"].setText(text)
        if self.menu is not None:
            self.menu.setTitle(self.tr("Ink"))
        for action in a.values():
            action.setToolTip(action.text().replace("&", ""))
        for name, button in self.palette.buttons.items():
            if name in a and not button.defaultAction():
                button.setToolTip(a[name].toolTip())
        self.palette.buttons["done"].setText(self.tr("Done"))
        self.palette.buttons["done"].setToolTip(self.tr("Pen off (P)"))
        self.palette.setWindowTitle(self.tr("Ink"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    # -- panels and overlays ---------------------------------------------------------
    def panels(self) -> dict[str, QWidget]:
        """Panels that take ink, by the names lessons use."""
        w = self.window
        found: dict[str, QWidget] = {}
        if w.stage is not None:
            found.update(w.stage.panels())
        for name in ("loss_curves", "metric_curves", "step_through"):
            widget = getattr(w, name, None)
            if widget is not None and widget not in found.values():
                found[name.replace("_", " ")] = widget
        return found

    def attach(self) -> None:
        """An overlay on every panel (new stages bring new panels)."""
        panels = self.panels()
        for name, overlay in list(self.overlays.items()):
            if not shiboken6.isValid(overlay) or panels.get(name) is not overlay.panel:
                if shiboken6.isValid(overlay):
                    overlay.panel.removeEventFilter(overlay)
                    overlay.deleteLater()
                del self.overlays[name]
        for name, panel in panels.items():
            if name not in self.overlays:
                self.overlays[name] = InkOverlay(self, name, panel)
            self.overlays[name].set_drawing(self.drawing)

    def _on_lab_opened(self, _key: str) -> None:
        self.bind()
        self.strokes = {}  # a new lab starts with clean panels
        self.attach()

    def _update(self, name: str | None = None) -> None:
        for key, overlay in self.overlays.items():
            if (name is None or key == name) and shiboken6.isValid(overlay):
                overlay.update()

    # -- tools -----------------------------------------------------------------------
    def set_pen(self, on: bool) -> None:
        """Pen on: the mouse draws on the panels (the stage keeps running)."""
        self.drawing = bool(on)
        if not on:
            self.eraser = False
            self.actions["eraser"].setChecked(False)
        self.actions["pen"].setChecked(self.drawing)
        self.attach()
        self.palette.set_shown(self.drawing)

    def set_eraser(self, on: bool) -> None:
        self.eraser = bool(on)
        self.actions["eraser"].setChecked(self.eraser)
        if on and not self.drawing:
            self.set_pen(True)

    def set_color(self, name: str) -> None:
        if name not in INK_COLORS:
            raise ValueError(f"unknown ink colour {name!r}")
        self.color = name
        self.actions[f"color_{name}"].setChecked(True)
        self.set_eraser(False)
        if not self.drawing:
            self.set_pen(True)

    def set_width(self, width: float) -> None:
        self.width = float(width)
        if width in INK_WIDTHS:
            self.actions[f"width_{INK_WIDTHS.index(width)}"].setChecked(True)
        self.set_eraser(False)
        if not self.drawing:
            self.set_pen(True)

    def begin_stroke(self, panel: str, point: tuple[float, float]) -> Stroke:
        stroke = Stroke(self.color, self.width, [point])
        self.strokes.setdefault(panel, []).append(stroke)
        return stroke

    def erase_at(self, panel: str, pos: QPointF, width: float, height: float) -> int:
        """Remove the strokes of ``panel`` near ``pos`` (pixels); how many."""
        strokes = self.strokes.get(panel, [])
        radius = ERASER_RADIUS * width_scale()
        kept = [s for s in strokes if not stroke_hit(s, pos, width, height, radius)]
        removed = len(strokes) - len(kept)
        if removed:
            self.strokes[panel] = kept
            self._update(panel)
        return removed

    def clear(self) -> None:
        self.strokes = {}
        self._update()

    def set_blank(self, blank: bool) -> None:
        self.actions["blank"].setChecked(bool(blank))
        self.blank.set_blank(bool(blank))

    def toggle_blank(self) -> None:
        self.set_blank(not self.blank.isVisible())

    # -- lessons -----------------------------------------------------------------------
    def scene_ink(self) -> dict[str, list[dict]]:
        """The strokes as a scene stores them (panels without strokes left out)."""
        return {name: [s.to_dict() for s in strokes]
                for name, strokes in self.strokes.items() if strokes}

    def set_ink(self, ink: dict[str, list[dict]]) -> None:
        self.strokes = {name: [Stroke.from_dict(s) for s in strokes]
                        for name, strokes in (ink or {}).items()}
        self.attach()
        self._update()

    def show_scene_ink(self, scene) -> None:
        """A lesson scene was applied: show its strokes (none: clean panels)."""
        self.set_ink(getattr(scene, "ink", {}) or {})


#: The name under which the window keeps this feature (``window.features``).
FEATURE = "ink"


def install(window: QMainWindow) -> InkController:
    return InkController(window)
