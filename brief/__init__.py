"""The one-page brief a manager forwards: the decision, the top solutions with their costs and
products, why, how sure, risks and compliance, next steps, sources and the answers.

``content`` builds it as plain data (no Streamlit, no markup) from a recommendation, its trust
analysis and the knowledge base; ``html`` and ``pdf`` render that one model, so both files say the
same thing. ``compliance`` picks the knowledge base's legal notes that apply; ``chart`` lays out the
one chart both renderers draw natively (inline SVG, PDF drawing operators).
"""
