"""Knowledge base: criteria, the catalogue, money, the method and the sources behind every number."""

from ui.common import state
from ui.common.knowledge import knowledge_base
from ui.common.layout import ensure_entry_point, product_header
from ui.knowledge_base import view

ensure_entry_point()
kb = knowledge_base()
state.sync(kb)
product_header(compact=True)
state.show_link_problems(kb)

view.overview(kb)
view.criteria(kb)
view.catalogue(kb)
view.deployments(kb)
view.money(kb)
view.method_section(kb)
view.industries(kb)
view.sources(kb)
