"""Knowledge base: criteria, options, rules, method and sources behind every number."""

from ui import kb_view as view
from ui import state
from ui.kb import knowledge_base
from ui.layout import ensure_entry_point, product_header

ensure_entry_point()
kb = knowledge_base()
state.sync(kb)
product_header(compact=True)
state.show_link_problems(kb)

view.overview(kb)
view.criteria(kb)
view.options(kb)
view.industries(kb)
view.model(kb)
view.method(kb)
view.sources(kb)
