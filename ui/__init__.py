"""Dashboard helpers: small modules with one job each, so the pages in ``pages/`` stay thin.

Pure (no Streamlit calls, unit-tested): ``links`` (URL <-> answers), ``answers_form`` (widget values
<-> answers), ``text`` (markdown escaping), ``explain`` (rationales and fired rules), ``charts``
(Plotly figures), ``trust_charts`` (robustness, stability, head-to-head figures), ``trust_text``
(their sentences and tables), ``whatif`` (what-if weights and pairwise judgements), ``tables``
(DataFrames), ``kb_text`` (knowledge-base markdown).
Streamlit-bound (tested with AppTest): ``kb`` (cached load), ``state`` (session state and URL),
``widgets`` (questionnaire widgets), ``layout`` (header, links), ``recommendation_view`` (page
sections and the weight-dependent fragment), ``whatif_view``, ``ahp_view``, ``trust_view``,
``head_to_head_view`` and ``kb_view`` (page sections).
"""
