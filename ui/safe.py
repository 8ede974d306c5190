"""Showing what users sent as plain text (SPEC §10): ``md(text)`` escapes a value for a markdown
context (messages, captions, labels); ``text(value)`` draws it with ``st.text`` (never markdown).
Tables (``st.dataframe``) and ``st.code`` are plain already."""

from __future__ import annotations

import streamlit as st

from gender_targets.safety import markdown_literal, plain_text

__all__ = ["md", "plain", "text"]

md = markdown_literal
plain = plain_text


def text(value: object) -> None:
    st.text("" if value is None else str(value))
