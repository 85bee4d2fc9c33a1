"""Dashboard helpers: small modules with one job each, so the pages in ``pages/`` stay thin.

Pure (no Streamlit calls, unit-tested): ``links`` (URL <-> answers), ``answers_form`` (widget values
<-> answers), ``text`` (markdown escaping), ``explain`` (rationales and fired rules), ``charts``
(Plotly figures), ``tables`` (DataFrames), ``kb_text`` (knowledge-base markdown).
Streamlit-bound (tested with AppTest): ``kb`` (cached load), ``state`` (session state and URL),
``widgets`` (questionnaire widgets), ``layout`` (header, links), ``recommendation_view`` and
``kb_view`` (page sections).
"""
