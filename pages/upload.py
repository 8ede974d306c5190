"""Nộp số liệu: download a pre-filled template; upload workbooks, see every issue, preview, store.

What is stored is exactly what the page lists. The list is the uploader's files (a file removed
with the uploader's × leaves the list at once) plus the files kept from an earlier visit of the
page (the uploader forgets its files when the user goes to another page; ours does not), each with
its own "remove" button. Two valid files for the same unit and quarter clash: the page names both
and asks which one to store (``gender_targets.batch``).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from gender_targets import intake
from gender_targets.accounts import Action, foreign_unit_issues, foreign_units
from gender_targets.batch import files_to_store, find_clashes, unresolved_clashes
from gender_targets.changes import returned_twin
from gender_targets.errors import GenderTargetsError
from gender_targets.exports import export_filename, issues_to_xlsx
from gender_targets.i18n import MESSAGES, describe
from gender_targets.periods import Period, parse_period, period_range
from gender_targets.template import make_template, template_bodies, template_filename
from gender_targets.validation import issues_frame
from ui.attach import attachment_uploader
from ui.auth import require_page
from ui.common import (
    MOUSE_ONLY,
    TOUCH_ONLY,
    get_model,
    get_store,
    lang,
    period_label,
    preview_table,
    register_upload_form,
    tr,
    unit_label,
)
from ui.gate import page_gate
from ui.safe import md
from ui.timefmt import vn_time

page_gate(__file__)

STATE = "upload_parsed"  # our own copy of the uploads: survives a page switch
GEN = "upload_gen"  # generation of the uploader widget: a new key empties it
MAX_PREVIEW = 8  # unit-quarters previewed per file
WRAPPED_ISSUES = 40  # up to this many issues of a file are listed with their messages wrapped in full

me = require_page(Action.SUBMIT, Action.IMPORT).account  # accounts: None = the local operator
is_unit = me is not None and me.role == "unit"
store = get_store()
model = get_model()
reg = model.register
st.title(tr("ui.upload.title"))


_esc = md  # a user's text (a file name, a unit name) made literal where Streamlit reads markdown


def _file_key(f) -> str:
    return f"{f.name}:{f.size}:{f.file_id}"


def submitter(container) -> str:
    """Who is submitting ("Người nộp"): required; a signed-in account is who submits (no free text)."""
    if me is not None:
        container.text_input(tr("ui.auth.by_account"), value=me.label, disabled=True, key="upload_by_account")
        return me.label
    return container.text_input(tr("ui.upload.by"), key="upload_by", placeholder=tr("ui.upload.by_placeholder")).strip()


def returned_twins(sha: str, report) -> list[tuple[str, str, object]]:
    """phone: (unit, quarter, ``changes.ReturnedTwin``) of each unit-quarter of a file that repeats a
    submission returned earlier: the very same file, or the very same numbers."""
    out = []
    for s in report.submissions:
        returned = store.returned_for(s.unit, str(s.period))
        twin = returned_twin(sha, s.bodies, returned, store.submission_bodies) if len(returned) else None
        if twin is not None:
            out.append((s.unit, str(s.period), twin))
    return out


# -- 1. template ----------------------------------------------------------------------------
if reg is None:
    st.warning(tr("ui.upload.no_register"))
    register_upload_form(store, key="upload_register", actor=me)
    st.stop()

with st.container(border=True):
    st.subheader(tr("ui.upload.template_title"))
    today_q = Period.of_date(dt.date.today())
    quarters = [str(p) for p in period_range(Period(2021, 4), today_q)][::-1]
    default_q = str(today_q.shift(-1))
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="bottom")
    t_quarter = c1.selectbox(
        tr("ui.common.quarter"),
        quarters,
        index=quarters.index(default_q),
        format_func=period_label,
        key="upload_tpl_quarter",
    )
    active = [u for u in reg.reporting_units if reg.is_active(u, parse_period(t_quarter))]
    active = [u for u in active if not foreign_units(me, [u])]  # a unit account: its own units
    if not active:
        c2.info(tr("ui.upload.no_active_units"))
    else:
        t_unit = c2.selectbox(
            tr("ui.common.unit"), active, format_func=lambda c: unit_label(model, c), key="upload_tpl_unit"
        )
        # phone: the unit's own agencies (its last accepted quarter), optionally with their numbers
        with_numbers = st.checkbox(tr("phone.template.with_numbers"), key="upload_tpl_numbers")
        own = template_bodies(reg, t_unit, parse_period(t_quarter), store.active_bodies(units=[t_unit]))
        from gender_targets.campaign import deadline_for  # the guide prints the stored deadline

        data = make_template(
            reg,
            t_unit,
            parse_period(t_quarter),
            deadline=deadline_for(t_quarter, store.deadlines()),
            bodies=own,
            with_numbers=with_numbers,
        )
        c3.download_button(
            tr("ui.upload.template_button"),
            data=data,
            file_name=template_filename(t_unit, parse_period(t_quarter)),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="upload_tpl_download",
            icon=":material/download:",
        )

# -- 2. upload --------------------------------------------------------------------------------
st.subheader(tr("ui.upload.files_title"))
with st.container(key=f"upload_hint{MOUSE_ONLY}"):
    st.caption(tr("ui.upload.browse_hint"))
with st.container(key=f"upload_hint{TOUCH_ONLY}"):  # phone: nothing to drag on a touch screen
    st.caption(tr("phone.upload.browse_hint_touch"))
gen = st.session_state.setdefault(GEN, 0)
uploader_key = "upload_files" if gen == 0 else f"upload_files_{gen}"
parsed: list[dict] = st.session_state.setdefault(STATE, [])
if uploader_key not in st.session_state:
    # the uploader was not drawn in the previous run (another page, or a new session): it starts
    # empty, so what it listed before is kept by us, each file with its own remove button
    for p in parsed:
        p["in_uploader"] = False
files = st.file_uploader(tr("ui.upload.uploader"), accept_multiple_files=True, key=uploader_key)
st.caption(tr("ui.upload.uploader_help"))  # phone: words on the page, not behind a 16-pixel "?"
listed = {_file_key(f): f for f in files or []}
# a file removed from the uploader with its × leaves the list (and so the report and the store)
parsed[:] = [p for p in parsed if not p["in_uploader"] or p["key"] in listed]
known = {p["key"] for p in parsed}
new_files = [f for k, f in listed.items() if k not in known]
if new_files:
    bar = st.progress(0.0, text=tr("ui.upload.checking"))
    for i, f in enumerate(new_files, 1):
        data = f.getvalue()
        sha = hashlib.sha256(data).hexdigest()
        # the same bytes uploaded again replace the copy kept from an earlier visit
        parsed[:] = [p for p in parsed if p["in_uploader"] or p["sha"] != sha]
        report = intake.check_upload(data, f.name, store=store, register=reg)
        # accounts: a unit account's workbook for another unit is refused, said in the report
        report.issues.extend(foreign_unit_issues(me, [s.unit for s in report.submissions]))
        twins = returned_twins(sha, report)  # phone: the same file (or numbers) as one returned earlier
        parsed.append(
            {
                "key": _file_key(f),
                "name": f.name,
                "data": data,
                "sha": sha,
                "report": report,
                "in_uploader": True,
                "twins": twins,
            }
        )
        bar.progress(i / len(new_files), text=tr("ui.upload.checking"))
    bar.empty()

if notice := st.session_state.pop("upload_notice", None):  # campaign: the e-mail to the reviewers
    from ui.campaign import show_notice

    show_notice(notice)
just_stored = False
if result := st.session_state.pop("upload_last_result", None):
    just_stored = True
    stored_rows, not_stored, pending = result
    if stored_rows:
        names = ", ".join(_esc(r[tr("col.file")]) for r in stored_rows)
        title_key = "ui.upload.sent_title" if pending else "ui.upload.stored_title"  # a unit account: for review
        st.success(tr(title_key, n=len(stored_rows), names=names), icon=":material/check_circle:")
        st.dataframe(pd.DataFrame(stored_rows), hide_index=True, key="upload_stored_table")
    if not_stored:
        st.warning(tr("ui.upload.not_stored_title", n=len(not_stored)), icon=":material/warning:")
        st.dataframe(pd.DataFrame(not_stored), hide_index=True, key="upload_not_stored_table")

if not parsed:
    if not just_stored:  # phone: not "no file uploaded yet" right under "1 file sent"
        st.info(tr("ui.upload.nothing_yet"))
    st.stop()

kept = [p for p in parsed if not p["in_uploader"]]
if kept:
    st.info(tr("ui.upload.kept_note", n=len(kept)), icon=":material/inventory_2:")


def issue_name(code: str) -> str:
    """A short name in words for an issue code (the code itself stays in the downloaded report)."""
    return tr(f"issue_name.{code}") if f"issue_name.{code}" in MESSAGES else tr("issue_name.other")


def issue_table(issues) -> pd.DataFrame:
    """Every issue of a file, once: severity and kind in words, where, the value found, what to do."""
    frame = issues_frame(issues, lang())
    out = pd.DataFrame(
        {
            tr("col.severity"): frame["severity"].map(lambda s: tr(f"severity.{s}")),
            tr("ui.upload.issue_kind"): frame["code"].map(issue_name),
            tr("col.message"): frame["message"],  # says the sheet and the cell, and what to do
            tr("col.cell"): frame["cell"],
            tr("col.found"): frame["value"],
        }
    )
    return out


reports = [p["report"] for p in parsed]
clashes = find_clashes(reports)
clashing = {pos for c in clashes for pos in c.files}
for idx, p in enumerate(parsed):
    rep = p["report"]
    subs = rep.submissions
    name = _esc(p["name"])
    if rep.ok:
        what = ", ".join(_esc(f"{reg.name(s.unit)} {period_label(str(s.period))}") for s in subs[:3])
        if len(subs) > 3:
            what += tr("ui.upload.and_more", n=len(subs) - 3)
        head = tr("ui.upload.file_ok", name=name, what=what, warnings=len(rep.warnings))
        if idx in clashing:
            head += tr("ui.upload.file_clash")
        icon = ":material/warning:" if rep.warnings or idx in clashing else ":material/check_circle:"
    else:
        head = tr("ui.upload.file_bad", name=name, errors=len(rep.errors), warnings=len(rep.warnings))
        icon = ":material/error:"
    if not p["in_uploader"]:
        head += tr("ui.upload.file_kept")
    with st.expander(head, expanded=not rep.ok or idx in clashing or len(parsed) == 1, icon=icon):
        if subs:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("col.unit_name"): unit_label(model, s.unit),
                            tr("col.period"): period_label(str(s.period)),
                            tr("ui.upload.bodies"): len(s.bodies),
                        }
                        for s in subs
                    ]
                ),
                hide_index=True,
                key=f"upload_subs_{p['key']}",
            )
        for unit_code, quarter_code, twin in p.get("twins", []):  # phone: a file returned before
            st.warning(
                tr(
                    f"phone.upload.same_{twin.how}",
                    unit=_esc(unit_label(model, unit_code)),
                    period=period_label(quarter_code),
                    when=vn_time(twin.returned_at),
                    who=_esc(twin.reviewer),
                )
                + (f"\n\n> {_esc(twin.comment)}" if twin.comment else ""),
                icon=":material/undo:",
            )
        if rep.errors:
            st.error(tr("ui.upload.errors_summary", n=len(rep.errors)), icon=":material/error:")
        elif rep.warnings:
            st.warning(tr("ui.upload.warnings_summary", n=len(rep.warnings)), icon=":material/warning:")
        if rep.issues and len(rep.issues) <= WRAPPED_ISSUES:
            # a static table wraps every message in full; its cells are markdown, so every text
            # (cell values and names come from the file) is escaped to stay literal
            st.table(issue_table(rep.issues).map(_esc), hide_index=True)
        elif rep.issues:
            st.caption(tr("ui.upload.many_issues", n=len(rep.issues)))
            st.dataframe(
                issue_table(rep.issues),
                hide_index=True,
                key=f"upload_issues_{p['key']}",
                column_config={tr("col.message"): st.column_config.TextColumn(width="large")},
            )
        if rep.ok and len(subs) <= MAX_PREVIEW:
            for s in subs:
                st.markdown(f"**{_esc(unit_label(model, s.unit))} · {period_label(str(s.period))}**")
                st.dataframe(
                    preview_table(model, s.bodies, s.unit, str(s.period)),
                    hide_index=True,
                    key=f"upload_preview_{p['key']}_{s.unit}_{s.period}",
                )
        if not p["in_uploader"] and st.button(tr("ui.upload.remove_file"), key=f"upload_remove_{p['key']}"):
            parsed[:] = [q for q in parsed if q["key"] != p["key"]]
            st.rerun()

# -- clashes: two files for one unit and quarter ------------------------------------------------
choices: dict[str, int] = {}
if clashes:
    with st.container(border=True):
        st.subheader(tr("ui.upload.clash_title"))
        st.caption(tr("ui.upload.clash_hint"))
        for clash in clashes:
            label = tr(
                "ui.upload.clash_question",
                unit=_esc(unit_label(model, clash.unit)),
                period=period_label(clash.period),
                n=len(clash.files),
            )
            keys = [parsed[pos]["key"] for pos in clash.files]
            choices[clash.key] = st.radio(
                label,
                list(clash.files),
                format_func=lambda pos: _esc(parsed[pos]["name"]),
                key=f"upload_clash_{clash.key}_{'|'.join(keys)}",
            )
        for clash in unresolved_clashes(reports, choices):
            st.warning(
                tr(
                    "ui.upload.clash_unresolved",
                    unit=_esc(unit_label(model, clash.unit)),
                    period=period_label(clash.period),
                )
            )

to_store = [parsed[pos] for pos in files_to_store(reports, choices)]
left_out = [p for pos, p in enumerate(parsed) if p["report"].ok and p not in to_store]

# -- 3. store ---------------------------------------------------------------------------------
report_rows = [issues_frame(p["report"].issues, lang(), file=p["name"]) for p in parsed]
all_issues = pd.concat(report_rows, ignore_index=True) if report_rows else pd.DataFrame()

st.subheader(tr("ui.upload.store_title"))
c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
by = submitter(c1)
c2.download_button(
    tr("ui.upload.report_button"),
    data=issues_to_xlsx(all_issues, lang()),
    file_name=export_filename("bao-cao-kiem-tra", "xlsx", dt.datetime.now()),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="upload_report_download",
    icon=":material/download:",
)
if c3.button(tr("ui.upload.clear"), key="upload_clear"):
    st.session_state[STATE] = []
    st.session_state[GEN] = gen + 1  # a new, empty uploader
    st.rerun()

if left_out:
    st.caption(tr("ui.upload.left_out", names=", ".join(_esc(p["name"]) for p in left_out)))
# phone: the signed report, stored with every file stored now; a pending entry it replaces, said first
attachment = attachment_uploader("upload_attach", required=store.attachment_required() and is_unit)
replacing = store.pending_for(
    [(s.unit, str(s.period)) for p in to_store for s in p["report"].submissions] if is_unit else []
)
replace_ok = True
if len(replacing):
    lines = "\n".join(
        "- "
        + tr(
            "phone.upload.replaces_line",
            unit=_esc(unit_label(model, r.unit)),
            period=period_label(r.period),
            when=vn_time(r.uploaded_at),
            name=_esc(r.file_name),
        )
        for r in replacing.itertuples()
    )
    st.warning(tr("phone.upload.replaces_pending", n=len(replacing)) + "\n\n" + lines, icon=":material/swap_horiz:")
    replace_ok = st.checkbox(tr("phone.upload.replaces_ok"), key="upload_replace_ok")
if to_store:
    if st.button(
        tr("ui.upload.store_button", n=len(to_store)), type="primary", key="upload_store", disabled=not replace_ok
    ):
        if not by:
            st.error(tr("ui.upload.by_required"), icon=":material/person:")
            st.stop()
        if store.attachment_required() and is_unit and attachment is None:
            st.error(tr("error.attachment_required"), icon=":material/attach_file:")
            st.stop()
        bar = st.progress(0.0, text=tr("ui.upload.storing"))
        stored_rows, not_stored = [], []
        done_keys = set()
        pending = me is not None and me.role == "unit"  # a unit account's upload waits for review
        notify_ids: list[int] = []
        for i, p in enumerate(to_store, 1):
            try:
                res = intake.import_upload(store, p["data"], p["name"], by=by, actor=me, attachment=attachment)
            except GenderTargetsError as exc:  # e.g. a unit account and another unit's file
                not_stored.append({tr("col.file"): p["name"], tr("ui.upload.stored_note"): describe(exc, lang())})
                continue
            if res.report.ok:
                done_keys.add(p["key"])
                if pending and not res.unchanged:  # campaign: the reviewers hear of it (SPEC §12)
                    notify_ids.extend(int(i) for i in res.ids.values())
                stored_rows.append(
                    {
                        tr("col.file"): p["name"],
                        tr("ui.upload.stored_what"): ", ".join(
                            f"{unit_label(model, u)} · {period_label(q)}" for u, q in list(res.ids)[:6]
                        )
                        + (tr("ui.upload.and_more", n=len(res.ids) - 6) if len(res.ids) > 6 else ""),
                        tr("ui.upload.stored_note"): tr("ui.upload.unchanged")
                        if res.unchanged
                        else (tr("ui.upload.pending_note") if pending else ""),
                    }
                )
            else:
                not_stored.append({tr("col.file"): p["name"], tr("ui.upload.stored_note"): tr("ui.upload.failed")})
            bar.progress(i / len(to_store), text=tr("ui.upload.storing"))
        for p in left_out:
            not_stored.append({tr("col.file"): p["name"], tr("ui.upload.stored_note"): tr("ui.upload.not_chosen")})
        # stored files and the files not chosen in a clash leave the list; files with errors stay
        # (kept by us) with their report, so the person can still read it
        failed = {p["key"] for p in to_store} - done_keys
        st.session_state[STATE] = [
            dict(p, in_uploader=False) for p in parsed if not p["report"].ok or p["key"] in failed
        ]
        not_stored += [
            {tr("col.file"): p["name"], tr("ui.upload.stored_note"): tr("ui.upload.has_errors")}
            for p in parsed
            if not p["report"].ok
        ]
        st.session_state[GEN] = gen + 1  # a new, empty uploader
        st.session_state["upload_last_result"] = (stored_rows, not_stored, pending)
        if notify_ids:
            from ui.campaign import notify_after

            st.session_state["upload_notice"] = notify_after("submitted", notify_ids, by=me.username)
        st.rerun()
else:
    st.warning(tr("ui.upload.none_valid"))
