"""Recommendation: the decision, why, how sure it is, what-if weights, and how to share it.

Everything the weights change is one fragment (``view.decision``): moving a what-if slider reruns
only that, not this whole page.
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
method, normalization = view.method_controls()
view.decision(kb, answers, method, normalization)
view.your_answers(kb, answers)
