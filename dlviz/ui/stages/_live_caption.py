"""A stage caption whose live numbers change every frame without re-laying out the
window: every stage's caption now sits in a :class:`~dlviz.ui.kit.CaptionHolder`
(:meth:`Stage.use_frame <dlviz.ui.stages.base.Stage.use_frame>`);
:func:`keep_caption_in_place` returns that holder (stages that called it before the
holder became the default keep working).
"""

from __future__ import annotations

from dlviz.ui.kit import CaptionHolder


def keep_caption_in_place(stage) -> CaptionHolder:
    """The :class:`CaptionHolder` of ``stage.caption`` (after ``use_frame``); put
    it there when it is not held yet. Call :meth:`CaptionHolder.refit` after
    changing the caption's text (:class:`~dlviz.ui.kit.Caption` does it itself)."""
    caption = stage.caption
    holder = caption.parentWidget()
    if isinstance(holder, CaptionHolder):
        return holder
    layout = stage.layout()
    index = layout.indexOf(caption)
    layout.removeWidget(caption)
    holder = CaptionHolder(caption)
    layout.insertWidget(index, holder)
    return holder
