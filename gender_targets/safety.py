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
WORD_JOINER = "\u2060"
# after escaping: "http\:" / "https\:" / "ftp\:" / "mailto\:", "www" before "\.", and "\@"
_AUTOLINK = re.compile(r"(?i)(?:\b(?:https?|ftp|mailto)\\:|\bwww(?=\\\.)|\\@)")


def markdown_literal(text: object) -> str:
    """``text`` escaped so that a markdown renderer shows it character for character.

    GitHub-flavoured markdown also turns bare addresses into links *after* escapes are resolved
    (``http://…``, ``www.…``, ``name@host``), so an invisible WORD JOINER (U+2060) goes after
    ``http:`` / ``www`` / ``@``: the text looks the same and makes no link."""
    if text is None:
        return ""
    out = _PUNCT.sub(r"\\\1", str(text))
    return _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, out)


def plain_text(text: object) -> str:
    """``text`` escaped for Plotly (titles, axis labels, legends, hover): ``& < >`` as entities."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
