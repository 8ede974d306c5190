"""Catalogue part: the quarter's campaign: deadlines, timeliness, reminders, a unit's own page (issue 16). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

CAMPAIGN_MESSAGES: dict[str, tuple[str, str]] = {
    # -- timeliness ------------------------------------------------------------------------------
    "campaign.rate": (
        "{on_time}/{expected} đơn vị nộp đúng hạn ({rate}; hạn {deadline})",
        "{on_time}/{expected} units sent on time ({rate}; deadline {deadline})",
    ),
    "campaign.rate_late": ("{n} nộp muộn", "{n} sent late"),
    "campaign.rate_missing": ("{n} chưa nộp", "{n} not sent"),
    "campaign.rate_unknown": (
        "{n} không rõ thời điểm nộp (nạp từ số liệu lịch sử)",
        "{n} with no sending time (loaded as history)",
    ),
    "campaign.cell.sent": ("Đã nộp", "Sent"),
    "campaign.cell.pending": ("Chờ duyệt", "Awaiting review"),
    "campaign.cell.returned": ("Bị trả lại", "Returned"),
    "campaign.cell.missing": ("Chưa nộp", "Not sent"),
    "campaign.cell.overdue": ("Quá hạn {days} ngày", "Overdue {days} days"),
    "campaign.cell.late": ("{state} · nộp muộn {days} ngày", "{state} · sent {days} days late"),
    "campaign.when.late": ("đã quá hạn {days} ngày", "{days} days overdue"),
    "campaign.when.today": ("hôm nay là ngày cuối cùng", "today is the last day"),
    "campaign.when.left": ("còn {days} ngày", "{days} days left"),
    "campaign.missing.file": (
        "tệp số liệu của đơn vị (Hội chưa nhận được).",
        "the unit's workbook (not received yet).",
    ),
    "campaign.missing.returned": (
        'bản nộp lại. Bản đơn vị gửi đã bị {who} trả lại với nhận xét: "{comment}"',
        'a new file. The one sent was returned by {who} with the comment: "{comment}"',
    ),
    "campaign.report_line": ("Tình hình nộp số liệu {period}: {sentence}.", "Reporting for {period}: {sentence}."),
    # -- errors ----------------------------------------------------------------------------------
    "campaign.unknown_period": (
        "Không hiểu kỳ báo cáo «{period}»: ghi quý như 2026Q3 (năm từ 2020).",
        "Unknown period «{period}»: write a quarter like 2026Q3 (year 2020 or later).",
    ),
    "campaign.not_a_date": (
        "«{text}» không phải là ngày: ghi như 2026-10-05 hoặc 05/10/2026.",
        "«{text}» is not a date: write it like 2026-10-05 or 05/10/2026.",
    ),
    "campaign.deadline_before_end": (
        "Hạn nộp {date} không được trước ngày cuối của {period} ({end}): số liệu là số cuối quý.",
        "The deadline {date} cannot be before the last day of {period_en} ({end}): counts describe the end of the quarter.",
    ),
    "campaign.deadline_too_late": (
        "Hạn nộp {date} cách cuối {period} hơn {days} ngày: hãy kiểm tra lại năm.",
        "The deadline {date} is more than {days} days after the end of {period_en}: check the year.",
    ),
    "campaign.no_register": (
        "Chưa có danh mục đơn vị: nạp danh mục trước (--units units.csv hoặc trang Quản trị).",
        "No unit register yet: load one first (--units units.csv or the admin page).",
    ),
    "campaign.unknown_area": ("Không có khu vực «{area}» trong danh mục.", "No area «{area}» in the register."),
    # -- mail faults -----------------------------------------------------------------------------
    "campaign.mail.not_configured": (
        "Chưa cấu hình máy chủ thư: đặt GENDER_TARGETS_SMTP_URL (ví dụ smtp://tên:mật-khẩu@máy-chủ:587?starttls=1) "
        "và GENDER_TARGETS_MAIL_FROM, hoặc mục [smtp] trong .streamlit/secrets.toml.",
        "No mail server configured: set GENDER_TARGETS_SMTP_URL (e.g. smtp://user:password@host:587?starttls=1) "
        "and GENDER_TARGETS_MAIL_FROM, or the [smtp] table of .streamlit/secrets.toml.",
    ),
    "campaign.mail.bad_url": (
        "Địa chỉ máy chủ thư «{url}» không đúng dạng smtp://tên:mật-khẩu@máy-chủ:cổng.",
        "The mail server address «{url}» is not of the form smtp://user:password@host:port.",
    ),
    "campaign.mail.connect_failed": (
        "Không kết nối được máy chủ thư {host}:{port} (sai tên máy chủ hoặc cổng, hoặc máy chủ không chạy): {reason}",
        "Cannot connect to the mail server {host}:{port} (wrong host or port, or the server is down): {reason}",
    ),
    "campaign.mail.tls_failed": (
        "Không thiết lập được kết nối bảo mật (TLS) với {host}:{port}: {reason}",
        "Could not set up a secure (TLS) connection to {host}:{port}: {reason}",
    ),
    "campaign.mail.auth_failed": (
        "Máy chủ thư {host}:{port} từ chối tên đăng nhập hoặc mật khẩu: {reason}",
        "The mail server {host}:{port} refused the user name or password: {reason}",
    ),
    "campaign.mail.disconnected": (
        "Máy chủ thư {host}:{port} ngắt kết nối giữa chừng: {reason}",
        "The mail server {host}:{port} dropped the connection: {reason}",
    ),
    "campaign.mail.recipients_refused": (
        "Máy chủ thư từ chối địa chỉ nhận: {addresses}",
        "The mail server refused the address(es): {addresses}",
    ),
    "campaign.mail.refused": ("Máy chủ thư từ chối thư: {reason}", "The mail server refused the message: {reason}"),
    "campaign.mail.invalid_address": (
        "Địa chỉ e-mail không hợp lệ: {addresses}",
        "Invalid e-mail address: {addresses}",
    ),
    # -- the reminder ----------------------------------------------------------------------------
    "campaign.mail.reminder_subject": (
        "[Nhắc nộp số liệu] {name} — {period}, hạn {deadline}",
        "[Reminder] {name} — {period}, deadline {deadline}",
    ),
    "campaign.mail.reminder_body": (
        "Kính gửi: {name} ({unit})\n\n"
        "Hội Liên hiệp Phụ nữ nhắc đơn vị gửi số liệu cán bộ nữ lãnh đạo, quản lý {period} "
        "(Kế hoạch 63/KH-BTV).\n\n"
        "- Hạn nộp: {deadline} ({when}).\n"
        "- Còn thiếu: {missing}\n"
        "- Mẫu biểu của đơn vị cho {period} gửi kèm thư này: {attachment} "
        "(đã điền sẵn mã, tên đơn vị, năm và quý).\n\n"
        "Cách nộp: {how}\n\n"
        "Nếu đơn vị đã gửi, xin bỏ qua thư này.\n\n"
        "Trân trọng.\n"
        "(Thư tự động từ ứng dụng theo dõi chỉ tiêu nữ lãnh đạo, quản lý; xin đừng trả lời thư này.)\n",
        "To: {name} ({unit})\n\n"
        "The Women's Union reminds the unit to send its women's leadership figures for {period} "
        "(Plan 63/KH-BTV).\n\n"
        "- Deadline: {deadline} ({when}).\n"
        "- Missing: {missing}\n"
        "- The unit's template for {period} is attached: {attachment} (unit code, name, year and quarter filled in).\n\n"
        "How to send: {how}\n\n"
        "If the unit has sent it already, please ignore this message.\n\n"
        "(An automatic message from the women's leadership targets app; please do not reply.)\n",
    ),
    "campaign.mail.how_link": (
        "điền mẫu biểu đính kèm, rồi đăng nhập bằng tài khoản của đơn vị tại {link} và bấm «Nộp số liệu».",
        "fill in the attached template, then sign in with the unit's account at {link} and press «Send figures».",
    ),
    "campaign.mail.how_nolink": (
        "điền mẫu biểu đính kèm, rồi đăng nhập ứng dụng bằng tài khoản của đơn vị và bấm «Nộp số liệu» "
        "(hoặc gửi tệp cho Hội).",
        "fill in the attached template, then sign in to the app with the unit's account and press «Send figures» "
        "(or send the file to the Union).",
    ),
    "campaign.zalo.head": (
        "Nhắc nộp số liệu {period} (hạn {deadline}):",
        "Reminder: figures for {period} (deadline {deadline}):",
    ),
    "campaign.zalo.missing": ("chưa nộp", "not sent"),
    "campaign.zalo.returned": ("bị trả lại, cần nộp lại", "returned, please send again"),
    "campaign.zalo.how_link": (
        "Mẫu biểu và nơi nộp: {link} (đăng nhập bằng tài khoản đơn vị), hoặc liên hệ Hội LHPN.",
        "Template and where to send: {link} (the unit's account), or contact the Women's Union.",
    ),
    "campaign.zalo.how_nolink": (
        "Tải mẫu biểu trên ứng dụng (trang Nộp số liệu) hoặc liên hệ Hội LHPN.",
        "Download the template in the app (Send figures page) or contact the Women's Union.",
    ),
    # -- notifications ---------------------------------------------------------------------------
    "campaign.notice.returned_subject": (
        "[Bị trả lại] Số liệu {period} của {name}",
        "[Returned] Figures for {period} of {name}",
    ),
    "campaign.notice.returned_body": (
        "Kính gửi: {name} ({unit})\n\n"
        "Bản số liệu {period} đơn vị gửi (lần nộp #{id}, tệp {file}) đã bị {who} trả lại với nhận xét:\n\n"
        '"{comment}"\n\n'
        "Xin sửa theo nhận xét và gửi lại. Cách nộp: {how}\n\n"
        "(Thư tự động từ ứng dụng theo dõi chỉ tiêu nữ lãnh đạo, quản lý; xin đừng trả lời thư này.)\n",
        "To: {name} ({unit})\n\n"
        "The figures for {period} the unit sent (submission #{id}, file {file}) were returned by {who} with the comment:\n\n"
        '"{comment}"\n\n'
        "Please correct them and send again. How to send: {how}\n\n"
        "(An automatic message from the women's leadership targets app; please do not reply.)\n",
    ),
    "campaign.notice.submitted_subject": (
        "[Chờ duyệt] {name} đã gửi số liệu {period}",
        "[Awaiting review] {name} sent its figures for {period}",
    ),
    "campaign.notice.submitted_body": (
        "{name} ({unit}) đã gửi số liệu {period} (lần nộp #{id}, tệp {file}, người gửi: {who}).\n\n"
        "Số liệu đang chờ duyệt: {link}\n\n"
        "(Thư tự động từ ứng dụng theo dõi chỉ tiêu nữ lãnh đạo, quản lý.)\n",
        "{name} ({unit}) sent its figures for {period} (submission #{id}, file {file}, sent by {who}).\n\n"
        "They are waiting for review: {link}\n\n"
        "(An automatic message from the women's leadership targets app.)\n",
    ),
    "campaign.notice.review_page": ("trang «Duyệt số liệu» của ứng dụng", "the app's «Review» page"),
    # -- command line ----------------------------------------------------------------------------
    "cli.deadline.set": ("Đã đặt hạn nộp {period}: {date}.", "Deadline of {period} set: {date}."),
    "cli.deadline.default": ("mặc định: ngày thứ 5 sau cuối quý", "default: the 5th day after the quarter"),
    "cli.deadline.stored": ("đặt bởi {who}", "set by {who}"),
    "cli.remind.none": (
        "{period}: mọi đơn vị đã nộp, không có ai cần nhắc.",
        "{period}: every unit has sent; nobody to remind.",
    ),
    "cli.remind.head": ("Nhắc nộp {period} — hạn {deadline}:", "Reminders for {period} — deadline {deadline}:"),
    "cli.remind.result.sent": ("đã gửi tới {to}", "sent to {to}"),
    "cli.remind.result.would_send": ("sẽ gửi tới {to} (chạy thử, chưa gửi)", "would send to {to} (dry run, not sent)"),
    "cli.remind.result.already_sent": ("hôm nay đã nhắc rồi, không gửi lại", "already reminded today, not sent again"),
    "cli.remind.result.failed": ("KHÔNG gửi được: {error}", "NOT sent: {error}"),
    "cli.remind.result.not_sent": ("CHƯA gửi: {error}", "NOT sent: {error}"),
    "cli.remind.result.invalid_address": ("KHÔNG gửi được: {error}", "NOT sent: {error}"),
    "cli.remind.result.no_account": ("chưa có tài khoản đơn vị: nhắc qua Zalo", "no unit account: remind by Zalo"),
    "cli.remind.result.no_email": (
        "tài khoản chưa có e-mail: nhắc qua Zalo",
        "the account has no e-mail: remind by Zalo",
    ),
    "cli.remind.summary": (
        "Đã gửi {sent} thư; {already} đơn vị đã được nhắc hôm nay; {failed} chưa gửi được; {manual} đơn vị cần nhắc qua Zalo.",
        "{sent} sent; {already} units already reminded today; {failed} not sent; {manual} units to remind by Zalo.",
    ),
    "cli.remind.dry_summary": (
        "Chạy thử: sẽ gửi {would} thư; {manual} đơn vị cần nhắc qua Zalo. Chưa gửi gì.",
        "Dry run: {would} messages would be sent; {manual} units to remind by Zalo. Nothing sent.",
    ),
    "cli.remind.failed_names": (
        "Chưa gửi được cho: {units}. Chạy lại lệnh sau khi sửa lỗi: chỉ những thư còn thiếu được gửi.",
        "Not sent to: {units}. Run the command again once fixed: only the missing messages are sent.",
    ),
    "cli.remind.zalo": ("Văn bản để dán vào nhóm Zalo:", "Text to paste into a Zalo group:"),
    "cli.timeliness.row": ("{area} {period}: {sentence}", "{area} {period}: {sentence}"),
}
