"""Recommendation: the decision, why, how it ranks against every option, and how to share it."""

from scoring.engine import recommend
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
rec = recommend(kb, answers, method, normalization)

view.requirements_warning(kb, rec)
view.headline(kb, rec)
view.rationale(kb, rec)
view.charts(kb, rec)
view.ranking(kb, rec)
view.weights(kb, rec)
view.download(kb, rec)
view.share_link()
view.your_answers(kb, rec)
