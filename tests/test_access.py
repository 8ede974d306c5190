"""Accessibility without a browser (issue 17): every text colour we write in CSS reads at 4.5:1 or
more against its background (WCAG 1.4.3), the focus ring at 3:1 (1.4.11), the theme's accent as a
text and a background colour; and the words ``ui/access.py`` gives Streamlit exist in both
languages and cannot break out of their script. axe-core in Chromium checks the pages themselves
(``tests/browser/test_accessibility.py``); canvas grids (``st.dataframe``) are out of its reach, so
their cell colours are checked here."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from ui.access import BACKGROUNDS, CAPTION_COLOUR, ENDS, FOCUS_COLOUR, STARTS, WHOLE, contrast, script, words

ROOT = Path(__file__).resolve().parents[1]
HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast("#2f2d2b", "#2f2d2b") == pytest.approx(1.0)


def test_captions_and_focus_ring_read_on_every_background():
    for bg in BACKGROUNDS:
        assert contrast(CAPTION_COLOUR, bg) >= 4.5, bg
        assert contrast(FOCUS_COLOUR, bg) >= 3.0, bg


def test_theme_accent_reads_as_text_and_under_white_text():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    primary = theme["primaryColor"]
    assert contrast(primary, "#FFFFFF") >= 4.5  # white words on a primary button; a link in primary
    assert contrast(primary, BACKGROUNDS[1]) >= 4.5  # the chosen language in the sidebar
    # Streamlit's light theme by default: #2f2d2b on #ffffff (13:1); a change must stay at 7:1 or more
    assert contrast(theme.get("textColor", "#2f2d2b"), theme.get("backgroundColor", "#ffffff")) >= 7


def test_status_cells_read_in_every_table():
    """Every (background, text) pair our tables and slides colour cells with: statuses, and the
    campaign grid's states (canvas grids: axe cannot see them)."""
    from ui.campaign import CELL_COLOURS
    from ui.common import STATUS_CELL

    for status, (bg, fg) in [*STATUS_CELL.items(), *CELL_COLOURS.items()]:
        assert contrast(fg, bg) >= 4.5, (status, bg, fg, round(contrast(fg, bg), 2))


def _css_strings() -> list[tuple[Path, int, str]]:
    """Every string constant of our Streamlit layer (app.py, pages/, ui/) that holds CSS colours."""
    out = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search(r"color\s*:", node.value):
                out.append((path, node.lineno, node.value))
    return out


def _declarations(css: str):
    """(text colour, background or None) of each CSS block, or of an inline style string."""
    for block in re.split(r"[{}]", css):
        fg = re.search(rf"(?<![-\w])color\s*:\s*({HEX})", block)
        if not fg:
            continue
        bg = re.search(rf"background(?:-color)?\s*:\s*({HEX})", block)
        yield fg.group(1), bg.group(1) if bg else None


def test_every_text_colour_in_our_css_reads_on_its_background():
    """A colour with its own background is checked against it; one without, against each of the
    theme's backgrounds (the main area, the sidebar, a widget)."""
    checked, bad = 0, []
    for path, line, text in _css_strings():
        for fg, bg in _declarations(text):
            for b in [bg] if bg else BACKGROUNDS:
                checked += 1
                if contrast(fg, b) < 4.5:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {fg} on {b} is {contrast(fg, b):.2f}:1")
    assert checked >= 10, "the scan found almost no CSS colours: is it still looking in the right place?"
    assert not bad, "text below 4.5:1:\n" + "\n".join(bad)


def test_streamlit_words_both_ways():
    """In Vietnamese every English word of Streamlit's is said in Vietnamese; in English our
    Vietnamese is turned back (a language switch does not redraw Streamlit's own markup)."""
    from gender_targets.i18n import t

    vi, en = words("vi"), words("en")
    assert vi["lang"] == "vi" and en["lang"] == "en"
    for part, keys in (("whole", WHOLE), ("starts", STARTS), ("ends", ENDS)):
        assert vi[part] == [[t(k, "en"), t(k, "vi")] for k in keys]
        assert en[part] == [[t(k, "vi"), t(k, "en")] for k in keys]
        assert all(a != b for a, b in vi[part]), part  # a pair that changes nothing is a missing word
    assert ["Skip to main content", t("access.st.skip", "vi")] in vi["whole"]
    assert ["Collapse sidebar", t("access.st.collapse_sidebar", "vi")] in vi["whole"]


def test_script_cannot_be_closed_by_its_words(monkeypatch):
    import ui.access as access

    monkeypatch.setattr(access, "words", lambda lang_: {"lang": lang_, "whole": [["</script><b>", "x"]]})
    text = script("vi")
    assert text.count("</script>") == 1 and text.rstrip().endswith("</script>")


def test_streamlit_words_hold_none_of_our_labels():
    """A control is found by its label ("Mật khẩu", "Tất cả"): Streamlit's words said in Vietnamese
    must not contain one (the password field's eye button once read "Hiện mật khẩu", and a search for
    the field "Mật khẩu" found two controls). Table and file headers (``col.``, ``export.``) label no
    control."""
    from gender_targets.i18n import MESSAGES

    ours = [t for k, (t, _) in MESSAGES.items() if k.startswith("access.st.")]
    labels = [
        (k, v)
        for k, (v, _) in MESSAGES.items()
        if not k.startswith(("access.", "col.", "export.")) and len(v.split()) >= 2
    ]
    clash = [(w, k, v) for w in ours for k, v in labels if v.strip().casefold() in w.casefold()]
    assert not clash, clash
