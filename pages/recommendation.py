"""Recommendation: the decision, why, how sure it is, what-if weights, and how to share it.

Everything the weights change is one fragment (``view.decision``): moving a what-if slider reruns
only that, not this whole page.
"""

from ui import recommendation_view as view
from ui import state
from ui.kb import knowledge_base
from ui.layout import ensure_entry_point, product_header

ensure_entry_point()
kb = knowledge_base()
state.sync(kb)
product_header(compact=True)
state.show_link_problems(kb)
answers = view.valid_answers_or_stop(kb)
method, normalization = view.method_controls()
view.decision(kb, answers, method, normalization)
view.your_answers(kb, answers)
