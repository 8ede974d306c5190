"""Streamlit helpers that are not pages: language, the cached model, URL-bound widgets, guards, labels.

No domain rule lives here; formulas and SQL are in ``gender_targets``."""
