"""Streamlit UI of Siaga: pure helpers (escaping, highlighting, export, i18n) plus the app's shared state.

The pure modules (``render``, ``export``, ``i18n``) import no Streamlit, so they are unit-tested
without a running app; ``resources`` and ``views`` are the Streamlit side.
"""
