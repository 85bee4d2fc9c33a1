"""The dashboard, by feature; the pages in ``pages/`` stay thin and call these.

- ``common``: the small shared layer: markdown escaping (``text``), page furniture (``layout``),
  session state and the URL (``state``, ``links``), the cached knowledge base (``knowledge``),
  field names (``fields``) and the wording of rules and reasons (``rules``).
- ``questionnaire``: the answers as widgets (``form`` pure, ``widgets`` Streamlit).
- ``recommendation``: the page's sections (``view``), its figures (``charts``), tables
  (``tables``), reasons (``explain``) and which solutions a chart shows (``selection``).
- ``weights``: what-if weights and pairwise (AHP) weighting.
- ``trust``: robustness, weight stability and head-to-head.
- ``knowledge_base``: the knowledge-base page (``text``, ``method``, ``frames`` pure; ``view``).

Modules without Streamlit calls are unit-tested; the views are tested with AppTest and in a real
browser (tests/browser/).
"""
