"""The signed report on the pages: the uploader a unit attaches it with, how a stored one is shown
(a picture in the page, a PDF only ever as a download), and the admin's "required" switch.

The checking itself is the core's (``gender_targets.attachments.check_attachment``); this module
draws and keeps the checked result in the session (keyed by the bytes' SHA-256), so a rerun does
not check the same file again."""

from __future__ import annotations

import hashlib

import streamlit as st

from gender_targets.attachments import MAX_ATTACHMENT_BYTES, Attachment, AttachmentError, check_attachment
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe, number
from ui.common import lang, tr, uploader_limit
from ui.safe import md
from ui.timefmt import vn_time

__all__ = ["attachment_setting", "attachment_uploader", "show_attachment", "size_text"]

_CHECKED = "attach_checked"  # sha256 → Attachment | AttachmentError


def size_text(size: int) -> str:
    """ "820 KB", "1,4 MB" (vi) / "1.4 MB" (en)."""
    if size < 1024 * 1024:
        return f"{number(max(1, round(size / 1024)), lang())} KB"
    return f"{number(size / 1024 / 1024, lang(), 1)} MB"


def attachment_uploader(key: str, *, required: bool = False) -> Attachment | None:
    """The uploader of the signed report (PDF, JPEG or PNG, at most 10 MB): the checked
    ``Attachment``, or None (nothing chosen, or refused: the reason is shown at the uploader)."""
    mb = MAX_ATTACHMENT_BYTES // 1024 // 1024
    label = tr("phone.attach.label_required" if required else "phone.attach.label")
    up = st.file_uploader(label, key=key, help=tr("phone.attach.help", mb=mb))
    uploader_limit(key, tr("phone.attach.limit", mb=mb), tr("phone.attach.limit_touch", mb=mb))
    if up is None:
        return None
    data = up.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    checked: dict = st.session_state.setdefault(_CHECKED, {})
    if sha not in checked:
        if len(checked) > 8:
            checked.clear()
        with st.spinner(tr("phone.attach.checking")):
            try:
                checked[sha] = check_attachment(data, up.name)
            except AttachmentError as exc:
                checked[sha] = exc
    result = checked[sha]
    if isinstance(result, AttachmentError):
        st.error(md(describe(result, lang())), icon=":material/block:")
        return None
    text = tr("phone.attach.ready", name=md(result.file_name), size=size_text(result.size))
    if result.renamed:
        text += " " + tr("phone.attach.renamed", name=md(result.original_name), kind=result.kind.upper())
    st.success(text, icon=":material/attach_file:")
    return result


def show_attachment(att, key: str) -> None:
    """A stored attachment (``StoredAttachment``): its name, type and size; a picture drawn in the
    page (re-encoded when it was attached), a PDF offered as a download only (never opened here)."""
    if att is None:
        st.caption(tr("phone.attach.none"))
        return
    kind = "PDF" if att.media_type == "application/pdf" else att.media_type.split("/")[-1].upper()
    st.markdown(
        tr(
            "phone.attach.stored",
            name=md(att.file_name),
            kind=kind,
            size=size_text(att.size),
            when=vn_time(att.attached_at),
        )
    )
    if att.is_image:
        st.image(att.data, caption=md(att.file_name), width=480)
    st.download_button(
        tr("phone.attach.download"),
        data=att.data,
        file_name=att.file_name,
        mime=att.media_type,
        key=key,
        icon=":material/download:",
    )


def attachment_setting(store, me) -> None:
    """Admins: the switch that makes the signed report required on every unit submission."""
    on = st.toggle(tr("phone.attach.required_setting"), value=store.attachment_required(), key="admin_attach_required")
    if on != store.attachment_required():
        try:
            store.set_attachment_required(on, actor=me)
        except GenderTargetsError as exc:
            st.error(md(describe(exc, lang())))
        else:
            st.rerun()
