"""Plain text for what users send (SPEC §10): file names, unit, body and register names, notes,
comments and cell values quoted in messages are shown as the characters they are, never as markup.

- ``markdown_literal(text)``: for Streamlit elements that render markdown (``st.markdown``,
  ``st.error`` and friends, captions, expander and tab labels): every ASCII punctuation character
  gets a backslash (CommonMark lets any of them be escaped), so ``![x](http://h/p.png)`` stays
  text and fetches nothing, ``**a**`` stays two stars, ``:red[x]`` and ``$x$`` stay as typed; line
  breaks are kept.
- ``plain_text(text)``: for Plotly titles, labels and hover text, which render a subset of HTML
  (``<b>``, ``<a href>``, ``<img>`` is dropped but ``<a>`` makes a link): ``&``, ``<`` and ``>``
  become entities, which Plotly shows as the characters.
"""

from __future__ import annotations

import re
import string

__all__ = ["markdown_literal", "plain_text"]

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")


def markdown_literal(text: object) -> str:
    """``text`` escaped so that a markdown renderer shows it character for character."""
    if text is None:
        return ""
    return _PUNCT.sub(r"\\\1", str(text))


def plain_text(text: object) -> str:
    """``text`` escaped for Plotly (titles, axis labels, legends, hover): ``& < >`` as entities."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
