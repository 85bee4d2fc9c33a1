"""Recommendation: the decision, why, how sure it is, what-if weights, and how to share it.

The summary and the tabs are one fragment (``view.decision``): moving a what-if slider, switching
the method or opening a tab reruns only that, not this whole page.
"""

from ui.common import state
from ui.common.knowledge import knowledge_base
from ui.common.layout import ensure_entry_point, product_header
from ui.recommendation import view

ensure_entry_point()
kb = knowledge_base()
state.sync(kb)
product_header(compact=True)
state.show_link_problems(kb)
answers = view.valid_answers_or_stop(kb)
view.decision(kb, answers)
