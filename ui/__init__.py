"""Dashboard helpers: small modules with one job each, so the pages in ``pages/`` stay thin.

Pure modules (no Streamlit calls): ``links``, ``text``, ``explain``, ``charts``, ``tables``,
``answers_form``. Streamlit-bound modules: ``kb``, ``state``, ``widgets``, ``layout``.
"""
