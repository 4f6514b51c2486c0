"""The lab picker: labs grouped by course chapter, with a filter box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs import CHAPTERS, LabSpec, all_labs
from dlviz.ui.i18n import tr_core

KEY_ROLE = Qt.ItemDataRole.UserRole
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1


class _LabDelegate(QStyledItemDelegate):
    """Draws a lab as its name and year in bold, with what it teaches wrapped below."""

    pad = 4

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        sub = QFont(option.font)
        sub.setPointSizeF(max(8.0, option.font.pointSizeF() * 0.88))
        return title, sub

    def _sub_rect(
        self, option: QStyleOptionViewItem, sub: QFont, text: str, top: int
    ) -> QRect:
        width = max(40, option.rect.width() - 2 * self.pad)
        bound = QFontMetrics(sub).boundingRect(
            QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text
        )
        return QRect(option.rect.left() + self.pad, top, width, bound.height())

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        subtitle = index.data(SUBTITLE_ROLE)
        if not subtitle:
            return super().sizeHint(option, index)
        title, sub = self._fonts(option)
        view = self.parent()
        width = view.viewport().width() - 2 * view.indentation() - 8 if view else 200
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(60, width), 0)
        h = (
            QFontMetrics(title).height()
            + self._sub_rect(opt, sub, subtitle, 0).height()
        )
        return QSize(width, h + 3 * self.pad)

    def paint(self, painter: QPainter, option, index) -> None:
        subtitle = index.data(SUBTITLE_ROLE)
        if not subtitle:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget
            )
        title, sub = self._fonts(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.setFont(title)
        top = option.rect.top() + self.pad
        line = QFontMetrics(title).height()
        title_rect = QRect(
            option.rect.left() + self.pad, top, option.rect.width() - 2 * self.pad, line
        )
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(title).elidedText(
                text, Qt.TextElideMode.ElideRight, title_rect.width()
            ),
        )
        painter.setFont(sub)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        rect = self._sub_rect(option, sub, subtitle, top + line + self.pad // 2)
        painter.drawText(rect, Qt.TextFlag.TextWordWrap, subtitle)
        painter.restore()


class LabPicker(QWidget):
    """Emits ``lab_chosen(key)`` when the user picks a lab.

    With ``fill`` false it starts empty (the app shows its window before the labs
    are imported) and :meth:`set_labs` fills it.
    """

    lab_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, fill: bool = True):
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_LabDelegate(self.tree))
        self.tree.setMinimumWidth(180)
        self.tree.itemActivated.connect(self._on_item)
        self.tree.itemClicked.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self._specs: dict[str, LabSpec] = {}
        self._chapters: dict[str, QTreeWidgetItem] = {}
        if fill:
            self.set_labs(all_labs())
        else:
            self.retranslate_ui()

    def set_labs(self, specs: list[LabSpec]) -> None:
        """Show ``specs`` (in their order), grouped by chapter."""
        self._specs = {s.key: s for s in specs}
        self._populate()
        self.retranslate_ui()
        self._apply_filter(self.filter.text())

    def _populate(self) -> None:
        self.tree.clear()
        self._chapters: dict[str, QTreeWidgetItem] = {}
        for spec in self._specs.values():
            parent = self._chapters.get(spec.chapter)
            if parent is None:
                parent = QTreeWidgetItem(self.tree)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self._chapters[spec.chapter] = parent
            item = QTreeWidgetItem(parent)
            item.setData(0, KEY_ROLE, spec.key)
        self.tree.expandAll()

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter labs…"))
        for key, item in self._chapters.items():
            item.setText(0, tr_core(CHAPTERS[key]))
        for item in self._lab_items():
            spec = self._specs[item.data(0, KEY_ROLE)]
            year = f" ({spec.year})" if spec.year else ""
            item.setText(0, f"{tr_core(spec.title)}{year}")
            item.setData(0, SUBTITLE_ROLE, tr_core(spec.teaches))
            item.setToolTip(0, tr_core(spec.teaches))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.tree.doItemsLayout()  # re-wrap the subtitles to the new width

    def _lab_items(self) -> list[QTreeWidgetItem]:
        items = []
        for parent in self._chapters.values():
            items += [parent.child(i) for i in range(parent.childCount())]
        return items

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for parent in self._chapters.values():
            visible = 0
            for i in range(parent.childCount()):
                item = parent.child(i)
                spec = self._specs[item.data(0, KEY_ROLE)]
                haystack = " ".join(
                    [
                        item.text(0),
                        item.data(0, SUBTITLE_ROLE),
                        spec.key,
                        spec.title,
                        spec.teaches,
                        str(spec.year),
                        spec.authors,
                    ]
                ).lower()
                hidden = bool(needle) and needle not in haystack
                item.setHidden(hidden)
                visible += not hidden
            parent.setHidden(visible == 0)

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self.lab_chosen.emit(key)

    def select(self, key: str) -> None:
        """Highlight ``key`` without emitting (the window already opened it)."""
        for item in self._lab_items():
            if item.data(0, KEY_ROLE) == key:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
                return

    def visible_keys(self) -> list[str]:
        return [i.data(0, KEY_ROLE) for i in self._lab_items() if not i.isHidden()]
