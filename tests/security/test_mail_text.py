"""Attack: a unit account names its workbook like a message, to reach every reviewer and admin with a
link in an e-mail sent from the union's own address (second attack pass).

A browser or a bare request to the upload address chooses the file name (up to the multipart limits:
no CR or LF, but line separators, tabs, control characters and any length), and the "submitted" notice
quoted it whole. Now a notice shows the name as ``file_name_for_mail`` makes it: no link, no new line.
The headers held already: a subject is one line, a recipient must be a plain address."""

from __future__ import annotations

import pytest

from gender_targets import intake
from gender_targets.campaign import Mailer, Outgoing, notify
from gender_targets.template import make_template
from tests.test_campaign import P, campaign_file, fill_counts, inbox, settings_for, smtp_server, store  # noqa: F401

LURE = (
    "bao-cao.xlsx\u2028\u2028THÔNG BÁO CỦA HỆ THỐNG: phiên đăng nhập của anh/chị đã hết hạn.\x0b"
    "Đăng nhập lại tại http://evil.example/dang-nhap?u=admin trước 17 giờ hôm nay.xlsx"
)


@pytest.mark.parametrize("kind", ["submitted", "returned"])
def test_a_file_named_like_a_message_reaches_nobody_as_a_link(store, inbox, kind):  # noqa: F811
    unit = store.account("xabd")
    data = fill_counts(make_template(store.register(), "X-BD", P))
    res = intake.import_upload(store, data, LURE, by="xabd", actor=unit)  # what the upload page passes on
    sid = next(iter(res.ids.values()))
    if kind == "returned":
        store.return_submission(sid, "Thiếu số nữ", actor=store.account("duyet"))
    notice = notify(store, kind, [sid], settings_for(inbox.port))
    assert notice.sent == 1
    msg = inbox.messages[-1][1]
    body = msg.get_body(("plain",)).get_content()
    assert "evil.example" not in body and "http://" not in body.replace("https://gt.example.org/", "")
    assert not {"\u2028", "\x0b"} & set(body)
    assert f"#{sid}, tệp " in body and ".xlsx" in body  # the submission and its file are still named
    assert "\n" not in str(msg["Subject"]) and len(msg.get_all("To")) == 1


def test_a_subject_stays_one_line_and_a_recipient_a_plain_address(inbox):  # noqa: F811
    out = Outgoing(
        "X-BD",
        str(P),
        "reminder",
        ("bd@example.org\r\nBcc: spy@evil.example", "ok@example.org"),
        "Xã A\r\nBcc: spy@evil.example\u2028X-Mailer: evil",
        "thân",
    )
    with Mailer(settings_for(inbox.port)) as mailer:
        refused = mailer.send(out)
    assert list(refused) == ["bd@example.org\r\nBcc: spy@evil.example"]
    to, msg = inbox.messages[-1]
    assert to == ["ok@example.org"] and msg["Bcc"] is None and msg["X-Mailer"] is None
    assert "\n" not in str(msg["Subject"])
