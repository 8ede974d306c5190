"""Nhập trên web: a unit account fills its quarter on its phone, one card per agency, and sees its
submissions and their review state.

Each card holds one agency: its name (always at the top of the card), its type, its five counts as
labelled fields with a numeric keypad, "Giống quý trước" and "Xoá" (removal confirmed). A field
refuses a letter on the spot (in the browser, and again here with ``entry.parse_count``); an empty
field is never stored as 0 unless she says so when asked before sending. The cards become the
unit's workbook (``gender_targets.entry``) and go through the same check and import as an uploaded
file; every issue comes back on its card, naming the agency and the field in words. The signed
report may be attached (``ui.attach``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import intake
from gender_targets.accounts import Action
from gender_targets.changes import returned_twin
from gender_targets.clock import today_vn
from gender_targets.entry import (
    ENTRY_COLUMNS,
    MAX_ROWS,
    EntryError,
    count_text,
    empty_fields,
    entry_filename,
    entry_workbook,
    fill_empty,
    form_issues,
    parse_count,
    previous_counts,
    start_rows,
)
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.periods import Period, parse_period, period_range
from gender_targets.schema import COUNT_COLUMNS, BodyType
from gender_targets.text import fold_text
from ui.attach import attachment_uploader, size_text
from ui.auth import require_page
from ui.common import get_model, get_store, lang, period_label, tr, unit_label
from ui.gate import page_gate
from ui.safe import md
from ui.timefmt import vn_time

page_gate(__file__)

# a count field: type "phone" is the browser's "tel" input (a numeric keypad on a phone); this also
# asks for the digits-only keypad (inputmode, and the pattern iOS reads), on every card drawn later
NUMERIC_KEYPAD = """<script>(function () {
  const set = () => document.querySelectorAll('[class*="_cnt_"] input[type="tel"]').forEach(i => {
    if (i.getAttribute('inputmode') !== 'numeric') { i.setAttribute('inputmode', 'numeric'); i.setAttribute('pattern', '[0-9]*'); }
  });
  set();
  if (!window.__gtNumericKeypad) {
    window.__gtNumericKeypad = new MutationObserver(set);
    window.__gtNumericKeypad.observe(document.body, {subtree: true, childList: true});
  }
})();</script>"""

v = require_page(Action.SUBMIT)
me = v.account
store = get_store()
model = get_model()
reg = model.register
st.title(tr("ui.entry.title"))
if reg is None:
    st.info(tr("ui.upload.no_register"))
    st.stop()
if notice := st.session_state.pop("entry_notice", None):  # campaign: the e-mail to the reviewers
    from ui.campaign import show_notice

    show_notice(notice)
if flash := st.session_state.pop("entry_flash", None):
    st.success(flash, icon=":material/check_circle:")

my_units = list(me.units) if me is not None and me.units else list(reg.reporting_units)

# -- the quarter and the unit ---------------------------------------------------------------------
today_q = Period.of_date(today_vn())
quarters = [str(p) for p in period_range(Period(2021, 4), today_q)][::-1]
c1, c2 = st.columns(2)
quarter = c1.selectbox(
    tr("ui.common.quarter"),
    quarters,
    index=quarters.index(str(today_q.shift(-1))),
    format_func=period_label,
    key="entry_quarter",
)
period = parse_period(quarter)
units = [u for u in my_units if u in reg and reg.is_active(u, period)]
if not units:
    st.info(tr("ui.upload.no_active_units"))
    st.stop()
unit = c2.selectbox(tr("ui.common.unit"), units, format_func=lambda c: unit_label(model, c), key="entry_unit")
unit_name = reg.name(unit)
base = f"entry_{unit}_{quarter}"  # every widget of this unit-quarter's cards starts with this


# -- my submissions: the decision and the comment in full ------------------------------------------
mine = store.unit_submissions([unit], limit=40)
this_quarter = mine[mine["period"] == quarter]


def submission_card(r, *, key: str) -> None:
    """One submission: quarter, state, when, who decided and the comment, in full (plain text)."""
    with st.container(border=True, key=key):
        state = tr(f"ui.admin.status_{r.status}")
        st.markdown(f"**{period_label(r.period)}** · {state}", help=None)
        st.caption(tr("phone.entry.sent_line", when=vn_time(r.uploaded_at), name=md(r.file_name)))
        if r.reviewed_by:
            st.caption(tr("phone.entry.reviewed_line", who=md(r.reviewer_name), when=vn_time(r.reviewed_at)))
        if r.review_comment:
            st.text(r.review_comment)
        if r.attachment_name:
            st.caption(tr("phone.entry.attached_line", name=md(r.attachment_name), size=size_text(r.attachment_size)))


with st.expander(tr("phone.entry.mine", n=len(mine)), icon=":material/history:", expanded=False):
    if mine.empty:
        st.caption(tr("ui.entry.none_yet"))
    for r in mine.head(10).itertuples():
        submission_card(r, key=f"entry_mine_{int(r.id)}")

latest_here = this_quarter.iloc[0] if len(this_quarter) else None
if latest_here is not None and latest_here["status"] == "returned":
    with st.container(border=True, key="entry_returned_note"):
        st.warning(
            tr(
                "phone.entry.returned_note",
                when=vn_time(latest_here["reviewed_at"]),
                who=md(latest_here["reviewer_name"]),
            ),
            icon=":material/undo:",
        )
        st.text(latest_here["review_comment"])
elif latest_here is not None and latest_here["status"] == "pending":
    st.info(tr("phone.entry.pending_note", when=vn_time(latest_here["uploaded_at"])), icon=":material/hourglass_top:")


# -- the cards' starting point --------------------------------------------------------------------
stored = store.active_bodies(units=[unit])
prev = previous_counts(stored, unit, period)
cards_key = f"{base}_cards"
draft_key = f"{base}_draft"  # the draft as last kept in the store (what she typed, not yet sent)
if cards_key not in st.session_state:
    # what she typed and did not send (a phone reloads a tab it dropped in the background): kept in
    # the store as she types, put back here unless a submission of the quarter came after it
    found_draft = store.draft(me, unit, quarter)
    if found_draft is not None and latest_here is not None and str(latest_here["uploaded_at"]) >= found_draft[1]:
        store.drop_draft(me, unit, quarter)
        found_draft = None
    if found_draft is not None:
        content, saved_at = found_draft
        values = content.get("values") or {}
        draft_cards = [int(r) for r in content.get("cards") or [] if isinstance(r, int)]
        if draft_cards and all(isinstance(k, str) and k.startswith(base) for k in values):
            st.session_state[cards_key] = draft_cards
            st.session_state[f"{base}_next"] = int(content.get("next") or max(draft_cards) + 1)
            st.session_state[f"{base}_source"] = str(content.get("source") or "suggested")
            st.session_state[f"{base}_saved"] = {k: None if v is None else str(v)[:300] for k, v in values.items()}
            st.session_state[f"{base}_draft_from"] = saved_at
            st.session_state[draft_key] = content
if cards_key not in st.session_state:
    own = None
    if latest_here is not None and latest_here["status"] in ("pending", "returned", "active"):
        own = store.submission_bodies(int(latest_here["id"]))
    rows, source = start_rows(reg, unit, period, stored, own)
    st.session_state[f"{base}_source"] = source
    cards = []
    for rid, r in enumerate(rows.to_dict("records")):
        cards.append(rid)
        st.session_state[f"{base}_{rid}_name"] = str(r["body_name"] or "")
        st.session_state[f"{base}_{rid}_type"] = str(r["body_type"] or "") or None
        st.session_state[f"{base}_{rid}_note"] = str(r["note"] or "")
        for c in COUNT_COLUMNS:
            st.session_state[f"{base}_cnt_{rid}_{c}"] = count_text(r[c])
    st.session_state[cards_key] = cards
    st.session_state[f"{base}_next"] = len(cards)
cards: list[int] = st.session_state[cards_key]
# What the cards hold, in a key of our own: Streamlit forgets a widget's value when the widget is not
# drawn (another page, another quarter), so the values are put back before the widgets are drawn.
saved: dict = st.session_state.setdefault(f"{base}_saved", {})
for widget_key, value in saved.items():
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value


def card_keys(rid: int) -> list[str]:
    return [
        f"{base}_{rid}_name",
        f"{base}_{rid}_type",
        f"{base}_{rid}_note",
        *(field_key(rid, c) for c in COUNT_COLUMNS),
    ]


def field_key(rid: int, c: str) -> str:
    return f"{base}_cnt_{rid}_{c}"


def fill_previous(rids: list[int], only_empty: bool) -> None:
    """ "Giống quý trước": the counts of the same agency last accepted quarter (empty fields only
    when ``only_empty``)."""
    for rid in rids:
        counts = prev.get(fold_text(st.session_state.get(f"{base}_{rid}_name", "")))
        if not counts:
            continue
        for c in COUNT_COLUMNS:
            if not only_empty or not str(st.session_state.get(field_key(rid, c), "")).strip():
                st.session_state[field_key(rid, c)] = str(counts[c])


def add_card() -> None:
    rid = st.session_state[f"{base}_next"]
    st.session_state[f"{base}_next"] = rid + 1
    st.session_state[f"{base}_{rid}_name"] = ""
    st.session_state[f"{base}_{rid}_type"] = None
    st.session_state[f"{base}_{rid}_note"] = ""
    for c in COUNT_COLUMNS:
        st.session_state[field_key(rid, c)] = ""
    st.session_state[cards_key] = [*st.session_state[cards_key], rid]
    st.session_state[f"{base}_new"] = rid


def remove_card(rid: int) -> None:
    st.session_state[cards_key] = [r for r in st.session_state[cards_key] if r != rid]
    st.session_state.pop(f"{base}_removing", None)


def current_rows() -> pd.DataFrame:
    """The cards as rows (``ENTRY_COLUMNS``): counts parsed (None for an empty or unreadable field)."""
    records = []
    for rid in cards:
        row = {
            "body_name": st.session_state.get(f"{base}_{rid}_name", "").strip(),
            "body_type": st.session_state.get(f"{base}_{rid}_type") or "",
            "note": st.session_state.get(f"{base}_{rid}_note", ""),
        }
        for c in COUNT_COLUMNS:
            try:
                row[c] = parse_count(st.session_state.get(field_key(rid, c), ""))
            except EntryError:
                row[c] = None
        records.append(row)
    return pd.DataFrame(records, columns=ENTRY_COLUMNS)


source = st.session_state.get(f"{base}_source", "suggested")
st.subheader(tr("phone.entry.cards_title", n=len(cards)))
st.caption(tr(f"phone.entry.source_{source}", max=MAX_ROWS))
if draft_from := st.session_state.get(f"{base}_draft_from"):

    def start_again() -> None:
        store.drop_draft(me, unit, quarter)
        for k in [k for k in st.session_state if str(k).startswith(base)]:
            del st.session_state[k]

    with st.container(border=True, key=f"{base}_draft_note"):
        st.info(tr("phone.entry.draft_back", when=vn_time(draft_from)), icon=":material/restore:")
        st.button(
            tr("phone.entry.draft_drop"), key=f"{base}_draft_drop", on_click=start_again, icon=":material/restart_alt:"
        )
if prev:
    st.button(
        tr("phone.entry.same_all"),
        key=f"{base}_same_all",
        icon=":material/content_copy:",
        on_click=fill_previous,
        args=(list(cards), True),
        help=tr("phone.entry.same_all_help"),
    )

checked = st.session_state.get(f"{base}_issues")  # (rows checked, FormIssues) of the last check
now_rows = current_rows()
stale = checked is None or not checked[0].equals(now_rows)
issues_by_card: dict[int, list] = {}
if checked is not None and not stale:
    for issue in checked[1]:
        if issue.row is not None:
            issues_by_card.setdefault(issue.row, []).append(issue)
type_options = [str(t) for t in BodyType]
field_errors: list[str] = []

for n, rid in enumerate(cards, start=1):
    name_key, type_key = f"{base}_{rid}_name", f"{base}_{rid}_type"
    name = st.session_state.get(name_key, "").strip()
    with st.container(border=True, key=f"{base}_card_{rid}"):
        shown = name or tr("phone.entry.card_unnamed", n=n)
        kind = st.session_state.get(type_key) or tr("phone.entry.no_type")
        st.markdown(f"**{n}. {md(shown)}** · :gray[{md(kind)}]")
        note = st.session_state.get(f"{base}_{rid}_note", "")
        if note:
            st.caption(md(tr("phone.entry.note_line", note=note)))
        if not name or st.session_state.get(f"{base}_new") == rid:  # a new card: its name first
            with st.container(horizontal=True, key=f"{base}_names_{rid}"):
                st.text_input(tr("phone.field.body_name"), key=name_key, max_chars=200, width=260)
                st.selectbox(
                    tr("phone.field.body_type"),
                    type_options,
                    key=type_key,
                    placeholder=tr("phone.entry.pick_type"),
                    width=220,
                )
        with st.container(horizontal=True, gap="small", vertical_alignment="bottom", key=f"{base}_counts_{rid}"):
            for c in COUNT_COLUMNS:
                with st.container(key=f"{base}_box_{rid}_{c}", width=150):
                    text = st.text_input(
                        tr(f"phone.field.{c}"),
                        key=field_key(rid, c),
                        type="phone",
                        icon="",
                        placeholder="",
                        autocomplete="off",
                        # room for a pasted 20-digit number: parse_count says it is too large; a
                        # shorter cap cut "1234567" to "123456" without a word (phone walk-through)
                        max_chars=40,
                    )
                    try:
                        parse_count(text)
                    except EntryError as exc:
                        said = describe(exc, lang())
                        st.error(md(said))
                        field_errors.append(
                            tr("phone.entry.issue_field", agency=shown, field=tr(f"phone.field.{c}"), message=said)
                        )
        for issue in issues_by_card.get(cards.index(rid), []):
            (st.error if issue.is_error else st.warning)(md(issue.message(lang())))
        with st.container(horizontal=True, key=f"{base}_actions_{rid}"):
            if prev.get(fold_text(name)):
                st.button(
                    tr("phone.entry.same_one"),
                    key=f"{base}_same_{rid}",
                    icon=":material/content_copy:",
                    on_click=fill_previous,
                    args=([rid], False),
                )
            with st.popover(tr("phone.entry.edit_name"), icon=":material/edit:", key=f"{base}_edit_{rid}"):
                if name and st.session_state.get(f"{base}_new") != rid:
                    st.text_input(tr("phone.field.body_name"), key=name_key, max_chars=200)
                    st.selectbox(
                        tr("phone.field.body_type"), type_options, key=type_key, placeholder=tr("phone.entry.pick_type")
                    )
                st.text_input(tr("phone.entry.note"), key=f"{base}_{rid}_note", max_chars=300)
            if st.session_state.get(f"{base}_removing") == rid:
                st.warning(tr("phone.entry.remove_question", name=md(shown)))
                st.button(
                    tr("phone.entry.remove_yes"),
                    key=f"{base}_remove_yes_{rid}",
                    type="primary",
                    on_click=remove_card,
                    args=(rid,),
                )
                if st.button(tr("ui.common.cancel"), key=f"{base}_remove_no_{rid}"):
                    st.session_state.pop(f"{base}_removing", None)
                    st.rerun()
            elif st.button(tr("phone.entry.remove"), key=f"{base}_remove_{rid}", icon=":material/delete:"):
                st.session_state[f"{base}_removing"] = rid
                st.rerun()

st.html(NUMERIC_KEYPAD, unsafe_allow_javascript=True)
saved.clear()
saved.update({k: st.session_state.get(k) for rid in cards for k in card_keys(rid)})
# the draft: kept in the store whenever what the cards hold changes (nothing is kept before she types)
draft_now = {"cards": list(cards), "next": st.session_state[f"{base}_next"], "source": source, "values": dict(saved)}
start_key = f"{base}_draft_start"
st.session_state.setdefault(start_key, draft_now)
changed = draft_now != st.session_state.get(draft_key) and draft_now != st.session_state[start_key]
if changed and store.save_draft(me, unit, quarter, draft_now):
    st.session_state[draft_key] = draft_now
if len(cards) < MAX_ROWS:
    st.button(tr("phone.entry.add"), key=f"{base}_add", icon=":material/add:", on_click=add_card)

# -- the signed report, then check and send ---------------------------------------------------------
st.subheader(tr("phone.entry.send_title"))
required = store.attachment_required()
attachment = attachment_uploader(f"{base}_attach", required=required)
if latest_here is not None and latest_here["status"] == "pending":
    st.caption(tr("phone.entry.replaces_pending", when=vn_time(latest_here["uploaded_at"])))

c1, c2 = st.columns(2)
check_clicked = c1.button(tr("ui.entry.check"), key="entry_check", width="stretch", icon=":material/rule:")
send_clicked = c2.button(tr("ui.entry.send"), type="primary", key="entry_send", width="stretch", icon=":material/send:")
ask_key = f"{base}_asking"
if send_clicked:
    st.session_state[ask_key] = True
    st.session_state.pop(f"{base}_confirmed", None)
results = st.container(key="entry_results")


def check(rows: pd.DataFrame):
    """The rows' workbook through the one check of every upload; (bytes, report, FormIssues)."""
    data = entry_workbook(reg, unit, period, rows, prepared_by=me.label if me else "")
    report = intake.check_upload(data, entry_filename(unit, period), store=store, register=reg)
    return data, report, form_issues(report, rows, unit_name)


def show_issues(found) -> None:
    errors = [i for i in found if i.is_error]
    warnings = [i for i in found if not i.is_error]
    if errors:
        results.error(
            tr("phone.entry.errors", n=len(errors)) + "\n\n" + "\n".join(f"- {md(i.message(lang()))}" for i in errors)
        )
    if warnings:
        results.warning("\n".join(f"- {md(i.message(lang()))}" for i in warnings))


if field_errors and (check_clicked or send_clicked):
    results.error(tr("phone.entry.fix_fields") + "\n\n" + "\n".join(f"- {md(e)}" for e in field_errors))
    st.session_state.pop(ask_key, None)
    st.stop()

if check_clicked:
    rows = current_rows()
    try:
        _, report, found = check(rows)
    except GenderTargetsError as exc:
        results.error(md(describe(exc, lang())))
        st.stop()
    st.session_state[f"{base}_issues"] = (rows, found)
    st.rerun()  # the issues go on their cards (drawn above), the summary below

if checked is not None and not stale and not st.session_state.get(ask_key):  # the last check, still true
    blanks = empty_fields(now_rows)
    if blanks:
        results.info(tr("phone.entry.blanks_note", n=len(blanks)))
    if not any(i.is_error for i in checked[1]):
        results.success(tr("ui.entry.valid"))
    show_issues(checked[1])

if st.session_state.get(ask_key):
    rows = current_rows()
    blanks = empty_fields(rows)
    questions = []
    if blanks:
        listed = {}
        for i, c in blanks:
            listed.setdefault(i, []).append(tr(f"phone.field.{c}").lower())
        names = rows["body_name"].tolist()
        lines = [
            f"- {md(names[i] or tr('phone.entry.card_unnamed', n=i + 1))}: {', '.join(fields)}"
            for i, fields in list(listed.items())[:12]
        ]
        more = tr("ui.upload.and_more", n=len(listed) - 12) if len(listed) > 12 else ""
        questions.append(tr("phone.entry.blanks_question", n=len(blanks)) + "\n\n" + "\n".join(lines) + more)
    returned = store.returned_for(unit, quarter)
    twin = returned_twin("", fill_empty(rows), returned, store.submission_bodies) if len(returned) else None
    if twin is not None:
        questions.append(
            tr("phone.entry.same_as_returned", when=vn_time(twin.returned_at), who=md(twin.reviewer))
            + (f"\n\n> {md(twin.comment)}" if twin.comment else "")
        )
    if required and attachment is None:
        results.error(tr("error.attachment_required"), icon=":material/attach_file:")
        st.session_state.pop(ask_key, None)
        st.stop()
    go = not questions or st.session_state.get(f"{base}_confirmed")
    if not go:
        with results.container(border=True, key="entry_confirm"):
            for q in questions:
                st.warning(q)
            c1, c2 = st.columns(2)
            yes = tr("phone.entry.confirm_send" if blanks else "phone.entry.confirm_send_anyway")
            if c1.button(yes, type="primary", key="entry_confirm_yes", width="stretch"):
                st.session_state[f"{base}_confirmed"] = True
                st.rerun()
            if c2.button(tr("phone.entry.confirm_back"), key="entry_confirm_no", width="stretch"):
                st.session_state.pop(ask_key, None)
                st.rerun()
        st.stop()
    st.session_state.pop(ask_key, None)
    st.session_state.pop(f"{base}_confirmed", None)
    rows = fill_empty(rows)  # she said: an empty field is 0
    try:
        data, report, found = check(rows)
    except GenderTargetsError as exc:
        results.error(md(describe(exc, lang())))
        st.stop()
    if not report.ok:
        st.session_state[f"{base}_issues"] = (current_rows(), found)
        show_issues(found)
        st.stop()
    try:
        result = store.save_report(report, data, entry_filename(unit, period), actor=me, attachment=attachment)
    except GenderTargetsError as exc:
        results.error(md(describe(exc, lang())))
        st.stop()
    if result.ok:
        store.drop_draft(me, unit, quarter)  # sent: nothing left to put back
        for k in [k for k in st.session_state if str(k).startswith(base)]:
            del st.session_state[k]
        key = "ui.entry.unchanged" if result.unchanged else "ui.entry.sent" if me else "ui.entry.stored"
        st.session_state["entry_flash"] = tr(key, period=period_label(quarter), unit=unit)
        if me is not None and me.role == "unit" and not result.unchanged:  # campaign: tell the reviewers
            from ui.campaign import notify_after

            ids = [int(i) for i in result.ids.values()]
            st.session_state["entry_notice"] = notify_after("submitted", ids, by=me.username)
        st.rerun()
