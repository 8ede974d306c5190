"""Streamlit glue shared by the pages: language, the store, the cached model, guards and labels.

Everything here is presentation plumbing; formulas and SQL live in ``gender_targets``. The model
(register, targets, body rows, indicators, statuses) is cached by the database URL and its data
version, so an import or a rollback shows at once on every page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import streamlit as st

from gender_targets.clock import today_vn
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe, percent, t
from gender_targets.periods import Period, parse_period
from gender_targets.safety import markdown_literal
from ui.boot import STORE_OPENED

LANG_LABELS = {"vi": "Tiếng Việt", "en": "English"}
STATUS_BADGE = {
    "achieved": "green",
    "on_track": "green",
    "needs_acceleration": "orange",
    "limited_progress": "orange",
    "deteriorating": "red",
    "insufficient_data": "gray",
}
MILESTONE_BADGE = {"met": "green", "not_met": "red", "no_data": "gray"}


# -- language -----------------------------------------------------------------------------
def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANG_LABELS else "vi"


def tr(key: str, **params) -> str:
    return t(key, lang(), **params)


def _matching_option(wanted: str, options: list):
    """The option a URL value names, compared without case ("x-bd" → "X-BD"); None if none."""
    folded = str(wanted).strip().casefold()
    return next((o for o in options if str(o).casefold() == folded), None)


def _url_text(value: str) -> str:
    """A value taken from the address, made safe to show inside a message (no markdown, short)."""
    return re.sub(r"[^\w\-. ]", "", str(value))[:40]


def query_choice(widget, label: str, options: list, *, param: str, key: str, default=None, **kwargs):
    """A choice widget whose value lives in the URL as ``?param=value`` (the raw option, e.g. a
    unit code), so a view can be shared.

    - A link's value is matched without case (``?unit=x-bd`` is X-BD); a value that names nothing
      gives a warning saying so, and the default is shown.
    - The URL wins when the widget is first drawn in a session, and whenever the address changed
      without the widget (browser Back/Forward, a pasted link): the value this widget last wrote
      is remembered, so a different one in the address comes from outside.
    - Otherwise the widget's value is written back to the URL."""
    wanted = st.query_params.get(param)
    written = f"_url_{key}"  # what this widget last wrote to the address
    match = _matching_option(wanted, options) if wanted is not None else None
    fallback = default if default in options else options[0]
    outside = wanted is not None and wanted != st.session_state.get(written)
    if key not in st.session_state:
        st.session_state[key] = match if match is not None else fallback
    elif outside and match is not None:
        st.session_state[key] = match
    elif st.session_state[key] not in options:
        st.session_state[key] = fallback
    if outside and match is None:
        shown = kwargs.get("format_func", str)(st.session_state[key])
        st.warning(tr("ui.link.unknown", param=param, value=_url_text(wanted), shown=shown), icon=":material/link_off:")
    value = widget(label, options, key=key, **kwargs)
    if value is not None and st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)
    st.session_state[written] = None if value is None else str(value)
    return value


def init_language() -> None:
    """Take the language from the URL (?lang=en) on a session's first run, before any text is made.

    The switch itself is drawn after ``st.navigation`` (``sidebar_language``): widgets drawn before
    it get an identity that changes between the server's first run and the next, which loses the
    first click of a fresh server."""
    if st.session_state.get("lang") not in LANG_LABELS:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANG_LABELS else "vi"


def uploader_words() -> None:
    """Streamlit draws the button and the size limit of every file uploader in English ("Upload",
    "20MB per file"): our own words are drawn over them, in the page's language (CSS only)."""
    from gender_targets.reading import MAX_UPLOAD_BYTES

    button = tr("ui.uploader.button").replace('"', "")
    limit = tr("ui.uploader.limit", mb=MAX_UPLOAD_BYTES // (1024 * 1024)).replace('"', "")
    zone = '[data-testid="stFileUploaderDropzone"]'
    st.html(
        "<style>"
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p '
        "{font-size: 0 !important;}"
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after '
        f'{{content: "{button}"; font-size: 0.875rem;}}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0 !important;}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span::after '
        f'{{content: "{limit}"; font-size: 0.875rem;}}'
        "</style>"
    )


def sidebar_language() -> None:
    """The language switch: Vietnamese by default, English on request; kept in the URL (?lang=en)."""
    with st.sidebar:
        query_choice(
            st.segmented_control,
            "Ngôn ngữ / Language",
            list(LANG_LABELS),
            param="lang",
            key="lang",
            default="vi",
            format_func=LANG_LABELS.get,
            required=True,
        )


def pct(value) -> str:
    return percent(value, lang())


# -- store and model -----------------------------------------------------------------------
def db_url() -> str:
    from gender_targets.store import default_db_url

    return os.environ.get("GENDER_TARGETS_DB") or default_db_url()


@st.cache_resource(show_spinner=False)
def _open_store(url: str):
    from gender_targets.store import open_store

    return open_store(url)


def get_store():
    """The store, or a clear message and a stop when the database cannot be opened."""
    from gender_targets.store import StoreError

    try:
        store = _open_store(db_url())
    except StoreError as exc:
        st.error(markdown_literal(describe(exc, lang())))
        st.stop()
    STORE_OPENED.set()
    _daily_backup(db_url(), today_vn().isoformat())
    return store


@st.cache_resource(show_spinner=False, max_entries=2)
def _daily_backup(url: str, day: str) -> threading.Thread:
    """The day's automatic copy of an SQLite database (backups/ beside it, the last 14 kept), started
    by the first page view of each day the app is used, in the background so that no page waits for
    it. A failure (a full disk) never stops a page; the admin page says when the last copy was made."""
    from gender_targets.backup import daily_backup

    def run() -> None:
        # the copy is a convenience; a failure must not reach a page
        with contextlib.suppress(Exception):
            daily_backup(_open_store(url), today=dt.date.fromisoformat(day))

    worker = threading.Thread(target=run, name="gender-targets-daily-backup", daemon=True)
    worker.start()
    return worker


def ensure_sample_loaded(bar=None) -> None:
    """First run of a single-user app on a new database: load the sample data, as
    ``sample.may_load_automatically`` allows (no account, no data, no register, never removed), unless
    GENDER_TARGETS_SAMPLE=0. With accounts the sample data comes only from an admin's action (admin
    page). ``bar``: the progress bar ``ui.boot.opening_bar`` drew before the package was imported; it
    says the store is opening, then shows the loading, and goes away."""
    if bar is not None:
        bar.progress(0.0, text=tr("scale.opening"))
    if os.environ.get("GENDER_TARGETS_SAMPLE", "1").strip() == "0":
        if bar is not None:
            bar.empty()
        return
    store = get_store()
    from gender_targets.sample import load_sample, may_load_automatically

    if not may_load_automatically(store):
        if bar is not None:
            bar.empty()
        return

    if bar is None:
        bar = st.progress(0.0, text=tr("ui.sample.loading"))
    else:
        bar.progress(0.0, text=tr("ui.sample.loading"))

    def step(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=tr("ui.sample.loading"))

    load_sample(store, progress=step)
    bar.empty()


@dataclass(eq=False)
class Model:
    """Everything the pages show, computed once per data version and shared by every session.

    ``counts`` holds the active body rows' unit, period, type and counts (what the indicators
    need); ``bodies`` (names and notes too) and ``status`` (every unit's status, SPEC §8) are read
    or computed the first time a page asks, so a page that needs neither does not wait for them.
    ``memo`` keeps what pages derive from the model (a pooled series, an area table) for the same
    data version."""

    register: object
    targets: pd.DataFrame
    counts: pd.DataFrame
    indicators: pd.DataFrame
    periods: list[str] = field(default_factory=list)
    version: int = 0
    url: str = ""
    memo: dict = field(default_factory=dict, repr=False)

    @property
    def latest(self) -> str | None:
        return self.periods[-1] if self.periods else None

    @property
    def empty(self) -> bool:
        return self.counts.empty

    @cached_property
    def bodies(self) -> pd.DataFrame:
        """Every active body row with names and notes (``Store.active_bodies``), read when first
        asked for (a write in between shows on the next rerun, which gets a new model)."""
        return _open_store(self.url).active_bodies() if self.url else pd.DataFrame()

    @cached_property
    def status(self) -> pd.DataFrame:
        """``judgement.status_table`` of every unit and area (the one judgement, issue 21)."""
        from gender_targets.judgement import status_table

        if self.register is None or self.indicators.empty:
            return pd.DataFrame()
        return status_table(self.indicators, self.targets, self.register)

    def memoised(self, key: tuple, make: Callable[[], object]):
        """``make()`` once per data version and ``key`` (kept with the model, at most 256 keys)."""
        if key not in self.memo:
            if len(self.memo) >= 256:
                self.memo.clear()
            self.memo[key] = make()
        return self.memo[key]


@st.cache_resource(show_spinner=False, max_entries=4)
def _model(url: str, version: int) -> Model:
    from gender_targets.indicators import compute_indicators

    store = _open_store(url)
    register = store.register_as_saved()
    targets = store.targets()
    counts = store.active_counts()
    if register is None or counts.empty:
        return Model(register, targets, counts, pd.DataFrame(), [], version, url)
    indicators = compute_indicators(counts, register)
    periods = sorted(pd.unique(counts["period"]), key=lambda s: parse_period(s).index)
    return Model(register, targets, counts, indicators, periods, version, url)


def get_model() -> Model:
    store = get_store()
    return _model(db_url(), store.data_version())


def require_data(model: Model) -> None:
    """Friendly empty state: explain, point to the upload page, stop the page."""
    if model.register is None or model.empty:
        st.info(tr("ui.empty.no_data"))
        st.page_link("pages/upload.py", label=tr("ui.nav.upload"), icon=":material/upload_file:")
        st.stop()


def data_page(title_key: str) -> Model:
    """The start of a page that shows data: its title, then the model, or the empty state and a stop."""
    model = get_model()
    st.title(tr(title_key))
    require_data(model)
    return model


def confirmed(yes_label: str, key: str, forget: str | None = None) -> bool:
    """Yes (``<key>_yes``) and Cancel (``<key>_no``) side by side under a question: True when Yes is
    clicked; Cancel drops the session key ``forget`` (what asked the question) and reruns."""
    c1, c2 = st.columns(2)
    yes = c1.button(yes_label, type="primary", key=f"{key}_yes")
    if c2.button(tr("ui.common.cancel"), key=f"{key}_no"):
        if forget:
            st.session_state.pop(forget, None)
        st.rerun()
    return yes


# -- banner -------------------------------------------------------------------------------
@st.dialog("Xoá dữ liệu mẫu / Remove sample data")
def _confirm_remove_sample(actor=None) -> None:
    st.write(tr("ui.sample.confirm"))
    if confirmed(tr("ui.sample.remove_yes"), "sample_remove"):
        from gender_targets.sample import remove_sample

        remove_sample(get_store(), by="app", actor=actor)
        st.rerun()


def sample_banner(can_remove: bool = True, actor=None) -> None:
    store = get_store()
    if not store.has_sample():
        return
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.warning(tr("ui.sample.banner"), icon=":material/science:")
    if can_remove and c2.button(tr("ui.sample.remove"), key="sample_remove", width="stretch"):
        _confirm_remove_sample(actor)


# -- labels -------------------------------------------------------------------------------
def unit_label(model: Model, code: str) -> str:
    from gender_targets.summary import TERRITORY

    reg = model.register
    if code == TERRITORY:
        return tr("scale.territory")
    if code not in reg:
        return code
    name = reg.name(code)
    if reg.is_area(code):
        return tr("ui.unit.area_label", name=name)
    end = reg.valid_to(code)
    if end is not None and model.latest and end < parse_period(model.latest):
        return tr("ui.unit.ended_label", name=name, code=code, end=end.label(lang()))
    return f"{name} ({code})"


def ended_note(model: Model, code: str) -> str | None:
    """For a unit that has ended (``valid_to`` before today's quarter): "Đã sáp nhập vào … từ Quý
    III/2025" (or that it was dissolved after its last quarter). None for a current unit or an area.
    Pages then show no status, required path or projection toward the final target for it (SPEC §7)."""
    reg = model.register
    if code not in reg or reg.is_area(code):
        return None
    end = reg.valid_to(code)
    if end is None or end >= Period.of_date(today_vn()):
        return None
    successor = reg.row(code).get("successor") or ""
    if successor and successor in reg:
        name = markdown_literal(reg.name(successor))  # register text, shown where markdown is read
        return tr("ui.unit.merged_into", name=name, code=reg.canonical(successor), start=end.shift(1).label(lang()))
    return tr("ui.unit.dissolved", end=end.label(lang()))


def unit_options(model: Model, include_areas: bool = True, include_ended: bool = True) -> list[str]:
    """Current units first, then the units that ended (e.g. in 2025), then the areas."""
    reg = model.register
    latest = parse_period(model.latest) if model.latest else Period.of_date(today_vn())
    current, ended = [], []
    for code in reg.reporting_units:
        end = reg.valid_to(code)
        (ended if end is not None and end < latest else current).append(code)
    out = list(current)
    if include_ended:
        out += ended
    if include_areas:
        out += reg.areas
    return out


def page_of(items: list, size: int, *, key: str, label: str) -> list:
    """The slice of ``items`` picked in a "1–50 / 51–100 / …" selectbox; all of them, and no
    selectbox, when they fit on one page."""
    if len(items) <= size:
        return items
    starts = list(range(0, len(items), size))
    if st.session_state.get(key) not in starts:
        st.session_state[key] = 0
    start = st.selectbox(
        label.format(n=len(items)),
        starts,
        format_func=lambda i: f"{i + 1}–{min(i + size, len(items))}",
        key=key,
    )
    return items[start : start + size]


def current_units(model: Model) -> list[str]:
    return unit_options(model, include_areas=False, include_ended=False)


def period_label(period: str) -> str:
    return parse_period(period).label(lang())


def indicator_label(ind: str, short: bool = True) -> str:
    from gender_targets.schema import INDICATORS

    i = INDICATORS[ind]
    return f"{ind} · {i.short(lang()) if short else i.name(lang())}"


def status_badge(status: str | None) -> str:
    if not status or status != status:
        return ""
    return f":{STATUS_BADGE.get(status, 'gray')}-badge[{tr('status.' + status)}]"


def milestone_badge(result: str | None) -> str:
    if not result:
        return ""
    return f":{MILESTONE_BADGE.get(result, 'gray')}-badge[{tr('milestone.' + result)}]"


def territory_rows(model: Model) -> pd.DataFrame:
    """The whole territory pooled (``summary.territory_series``), once per data version."""
    from gender_targets.summary import territory_series

    return model.memoised(("territory",), lambda: territory_series(model.indicators))


def series_of(model: Model, unit: str, indicator: str) -> pd.DataFrame:
    """One unit's (an area's, or ``TERRITORY``'s) rows of one indicator in time order."""
    from gender_targets.summary import TERRITORY, unit_series

    def make() -> pd.DataFrame:
        frame = territory_rows(model) if unit == TERRITORY else model.indicators
        return unit_series(frame, unit, indicator)

    return model.memoised(("series", unit, indicator), make).copy()  # shared by every session: hand out copies


def statuses(model: Model, units: list[str]) -> pd.DataFrame:
    """``judgement.status_table`` rows of some units only (a page of a table, a ranking), without
    computing every unit's status; a slice of ``model.status`` when that is already known."""
    from gender_targets.judgement import status_table

    if model.register is None or model.indicators.empty or not units:
        return pd.DataFrame(columns=["unit", "indicator", "status", "value"])
    if "status" in model.__dict__:  # already computed for the whole register
        s = model.status
        return s[s["unit"].isin(units)]
    key = ("status", tuple(units))
    return model.memoised(key, lambda: status_table(model.indicators, model.targets, model.register, units=units))


def status_row(model: Model, unit: str, indicator: str) -> dict | None:
    s = statuses(model, [unit])
    hit = s[(s["unit"] == unit) & (s["indicator"] == indicator)]
    return None if hit.empty else hit.iloc[0].to_dict()


STATUS_CELL = {
    "achieved": ("#d7f0e3", "#0b5d36"),
    "on_track": ("#e3f4ea", "#13653f"),
    "needs_acceleration": ("#fff1cc", "#7a5200"),
    "limited_progress": ("#ffe0c7", "#8a3b00"),
    "deteriorating": ("#fbd5d5", "#9b1c1c"),
    "insufficient_data": ("#eeeeee", "#444444"),
}


def status_text(status: str | None) -> str:
    """Status in words for tables and filters."""
    if not status or status != status:
        return ""
    return tr("status." + status)


def status_css(status: str | None) -> str:
    """Cell style for a status in a pandas Styler (tables cannot hold badges)."""
    if not status or status not in STATUS_CELL:
        return ""
    bg, fg = STATUS_CELL[status]
    return f"background-color: {bg}; color: {fg}; font-weight: 600"


def signed(value: float | None, decimals: int = 1) -> str:
    """ "+2,5" (vi) / "+2.5" (en); "—" for None."""
    if value is None or value != value:
        return "—"
    text = f"{value:+.{decimals}f}"
    return text.replace(".", ",") if lang() == "vi" else text


def gap_caption(prog) -> None:
    """The caption under an indicator's status: the gap to the next milestone, or that it is met."""
    if prog.gap is None or not prog.next_milestone_year:
        return
    if prog.gap > 0:
        st.caption(tr("ui.overview.gap", gap=signed(prog.gap).lstrip("+"), year=prog.next_milestone_year))
    else:
        st.caption(tr("ui.overview.gap_met", year=prog.next_milestone_year))


def register_upload_form(store, key: str, actor=None) -> None:
    """Replace (or give a first) unit register by uploading a CSV: validated before anything is
    saved, every problem listed in words, and a store refusal (orphaned submissions) shown as is."""
    from gender_targets.store import StoreError
    from gender_targets.units import RegisterError, load_register

    st.caption(tr("ui.admin.replace_hint"))
    up = st.file_uploader(tr("ui.admin.register_upload"), type=None, key=f"{key}_upload")
    if up is None:
        return
    try:
        new_reg = load_register(up.getvalue())
    except RegisterError as exc:
        st.error(
            tr("ui.admin.register_invalid")
            + "\n\n"
            + "\n".join(f"- {markdown_literal(m)}" for m in exc.messages(lang()))
        )
        return
    st.success(tr("ui.admin.register_valid", n=len(new_reg.codes)))
    if st.button(tr("ui.admin.register_replace"), type="primary", key=f"{key}_replace"):
        try:
            store.save_register(new_reg, by="app", actor=actor)
        except StoreError as exc:
            st.error(markdown_literal(describe(exc, lang())))
        except GenderTargetsError as exc:  # accounts: the role is checked in the store; a bad register
            st.error(markdown_literal(describe(exc, lang())))
        else:
            st.rerun()


def settled_series(model: Model, unit: str, indicator: str) -> tuple[pd.DataFrame, list[str]]:
    """``summary.settle`` of ``series_of``: the series without its trailing quarters still coming
    in, and those quarters."""
    from gender_targets.summary import settle

    return settle(series_of(model, unit, indicator))


def preview_table(model: Model, bodies: pd.DataFrame, unit: str, period: str) -> pd.DataFrame:
    """The indicators a submission would give beside what is counted now, in words for a page."""
    from gender_targets.schema import INDICATORS
    from gender_targets.summary import compare_with_stored

    frame = compare_with_stored(bodies, unit, period, model.indicators)

    def shown(value, num, den) -> str:
        return "—" if pd.isna(num) else f"{pct(value)} ({int(num)}/{int(den)})"

    return pd.DataFrame(
        {
            tr("col.indicator"): [f"{i} · {INDICATORS[i].short(lang())}" for i in frame["indicator"]],
            tr("ui.upload.new_value"): [
                shown(v, n, d) for v, n, d in zip(frame["value"], frame["numerator"], frame["denominator"], strict=True)
            ],
            tr("ui.upload.stored_value"): [
                shown(v, n, d)
                for v, n, d in zip(
                    frame["stored_value"], frame["stored_numerator"], frame["stored_denominator"], strict=True
                )
            ],
        }
    )


# -- phone: a commune officer's phone (issue 23) -------------------------------------------------
#: Containers whose key ends with one of these are shown on one kind of screen only: "-touchonly"
#: on touch screens (a finger: ``pointer: coarse``), "-mouseonly" with a mouse.
TOUCH_ONLY, MOUSE_ONLY = "-touchonly", "-mouseonly"
#: … and "-wideonly" on a screen wider than 640 px, "-narrowonly" on a phone (a chart and its narrow
#: variant: Streamlit cannot read the screen's width in Python, CSS can).
WIDE_ONLY, NARROW_ONLY = "-wideonly", "-narrowonly"


def phone_css() -> None:
    """The app on a 390-pixel touch screen: nothing scrolls sideways, every tap target at least
    24×24 px (WCAG 2.2, 2.5.8) and the primary actions 44 px tall, no drag-and-drop words on a
    touch screen, no English instruction under a text field. CSS only, over Streamlit's own
    ``data-testid`` names (drawn once by ``app.py``, after ``uploader_words``)."""
    from gender_targets.reading import MAX_UPLOAD_BYTES

    limit = tr("phone.uploader.limit_touch", mb=MAX_UPLOAD_BYTES // (1024 * 1024)).replace('"', "")
    box24 = (
        "min-width: 24px !important; min-height: 24px !important; display: inline-flex; "
        "align-items: center; justify-content: center;"
    )
    st.html(
        "<style>"
        # Streamlit's "Press Enter to apply" / "Press Enter to submit form" under a text field
        '[data-testid="InputInstructions"] {display: none !important;}'
        # nothing wider than the screen: long words wrap, a wide table scrolls inside its own box
        '[data-testid="stMainBlockContainer"] {overflow-wrap: anywhere;}'
        '[data-testid="stMarkdownContainer"] table {display: block; max-width: 100%; overflow-x: auto;}'
        # primary actions: 44 px tall; the small targets Streamlit and plotly draw: 24 × 24 px at least
        'button[data-testid^="stBaseButton"] {min-height: 24px; min-width: 24px;}'
        'button[data-testid^="stBaseButton"][kind^="primary"] {min-height: 44px;}'
        f'[data-testid="stHeaderActionElements"] a {{{box24}}}'
        f'[data-testid="stTooltipHoverTarget"] button {{{box24}}}'
        f'[data-testid="stFileUploaderDeleteBtn"] button {{{box24}}}'
        f'[data-testid="stTextInputRootElement"] button {{{box24}}}'
        f'[data-testid="stDialog"] button[aria-label] {{{box24}}}'
        f".js-plotly-plot .plotly .modebar-btn {{{box24}}}"
        f'[data-testid="stMultiSelectTagsContainer"] button {{{box24}}}'
        '[data-testid="stMultiSelect"] button[aria-haspopup] {min-height: 24px;}'
        '[data-testid="stRadio"] label, [data-testid="stCheckbox"] label, [data-testid="stToggle"] label '
        "{min-height: 24px;}"
        # a slider's thumb (drawn 12 px): a 24 px target
        '[data-testid="stSlider"] div[data-rac][style*="translate(-50%, -50%)"] '
        "{min-width: 24px !important; min-height: 24px !important;}"
        '[data-testid="stSidebarNavLink"] {min-height: 32px;}'
        # what Streamlit hides from the eye keeps a 24-pixel box too (a checkbox's own input, a
        # slider's range input, the keyboard's skip link), so no measure finds a target under 24 px;
        # a collapsed sidebar is hidden, not only pushed off the screen (nor reachable by Tab)
        '[data-testid="stCheckbox"] input, [data-testid="stRadio"] input, [data-testid="stToggle"] input '
        "{width: 24px !important; height: 24px !important;}"
        '[data-testid="stSlider"] input[type="range"] {min-height: 24px !important;}'
        '[data-testid="stMultiSelect"] input {min-width: 24px !important;}'
        '[data-testid="stSkipToContent"] {min-width: 24px !important; min-height: 24px !important;}'
        '[data-testid="stSidebar"][data-collapsed="true"] {visibility: hidden;}'
        f'[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button {{{box24}}}'
        "@media (pointer: coarse) {"
        f'  [class*="{MOUSE_ONLY}"] {{display: none !important;}}'
        '  [data-testid="stSidebarNavLink"] {min-height: 44px;}'
        # the menu's only door on a phone, and its close button: a thumb's 44 px, not 24
        '  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button '
        "  {min-width: 44px !important; min-height: 44px !important;}"
        '  button[data-testid^="stBaseButton"] {min-height: 40px;}'
        '  [data-testid="stFileUploaderDropzoneInstructions"] span::after '
        f'  {{content: "{limit}"; font-size: 0.875rem;}}'
        "}"
        "@media not (pointer: coarse) {"
        f'  [class*="{TOUCH_ONLY}"] {{display: none !important;}}'
        "}"
        "@media (max-width: 640px) {"
        '  [data-testid="stMainBlockContainer"] {padding-left: 0.75rem; padding-right: 0.75rem;}'
        f'  [class*="{WIDE_ONLY}"] {{display: none !important;}}'
        "}"
        "@media (min-width: 641px) {"
        f'  [class*="{NARROW_ONLY}"] {{display: none !important;}}'
        "}"
        "</style>"
    )
    mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    _page_words(
        {
            "button": [tr("ui.uploader.button").replace('"', "")] * 2,
            "limit": [tr("ui.uploader.limit", mb=mb).replace('"', ""), limit],
            "dialog": {
                "Page not found": tr("phone.dialog.not_found"),
                "The page that you have requested does not seem to exist. Running the app's main page.": tr(
                    "phone.dialog.not_found_body"
                ),
            },
        }
    )


def uploader_limit(key: str, words: str, touch_words: str) -> None:
    """The line under one uploader (``key``) in our words: ``words`` with a mouse, ``touch_words``
    on a touch screen (no "drop here" where nothing can be dragged)."""
    words, touch_words = words.replace('"', ""), touch_words.replace('"', "")
    zone = f'.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span::after'
    st.html(
        "<style>"
        f'{zone} {{content: "{words}";}}'
        f'@media (pointer: coarse) {{ {zone} {{content: "{touch_words}";}} }}'
        "</style>"
    )
    _page_words({f"uploader:{key}": [words, touch_words]})


def _page_words(words: dict) -> None:
    """Streamlit's own English words still in the page's text (hidden by ``uploader_words`` and
    ``phone_css`` behind our words drawn over them) replaced by ours in the document too, so that
    nothing English is left to read, copy or find: a small script keeps them replaced as the page
    redraws (``words``: what to write where; see ``_WORDS_SCRIPT``)."""
    import json

    st.html(
        "<script>window.__gtWords = Object.assign(window.__gtWords || {}, "
        + json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
        + ");"
        + _WORDS_SCRIPT
        + "</script>",
        unsafe_allow_javascript=True,
    )


_WORDS_SCRIPT = """(function () {
  const apply = () => {
    const w = window.__gtWords || {};
    const coarse = window.matchMedia('(pointer: coarse)').matches;
    const put = (el, text) => { if (el && text && el.textContent !== text) el.textContent = text; };
    document.querySelectorAll('[data-testid="stFileUploaderDropzone"]').forEach(zone => {
      put(zone.querySelector('[data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p'), w.button && w.button[0]);
      const box = zone.closest('[class*="st-key-"]');
      const key = box ? (box.className.match(/st-key-([^ ]+)/) || [])[1] : null;
      const words = (key && w['uploader:' + key]) || w.limit;
      if (words) put(zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'), coarse ? words[1] : words[0]);
    });
    // Streamlit's own dialogs ("Page not found" for an address that names no page): our words
    const said = w.dialog || {};
    document.querySelectorAll('[data-testid="stDialog"] h2, [data-testid="stDialog"] h2 + div > div').forEach(el => {
      const text = el.textContent.trim();
      if (said[text]) put(el, said[text]);
    });
  };
  apply();
  if (!window.__gtWordsObserver) {
    window.__gtWordsObserver = new MutationObserver(apply);
    window.__gtWordsObserver.observe(document.body, {subtree: true, childList: true});
  }
})();"""


def chart_any_width(fig, narrow, *, key: str, config: dict) -> None:
    """A chart for a wide screen and its narrow variant (``charts.narrow_variant``) for a phone,
    one shown by the screen's width (``phone_css``): the wide one keeps ``key``, the narrow one
    ``<key>_narrow``; ``narrow`` may be any other element-drawing function too (a list)."""
    with st.container(key=f"{key}{WIDE_ONLY}"):
        st.plotly_chart(fig, key=key, config=config)
    with st.container(key=f"{key}{NARROW_ONLY}"):
        if callable(narrow):
            narrow()
        else:
            st.plotly_chart(narrow, key=f"{key}_narrow", config=config)
