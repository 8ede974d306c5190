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
    "campaign.rate_none_known": (
        "Không rõ tỷ lệ nộp đúng hạn (hạn {deadline}): {n} đơn vị đã có số liệu nhưng không rõ thời điểm nộp "
        "(nạp từ số liệu lịch sử)",
        "On-time rate unknown (deadline {deadline}): {n} units have data but no sending time (loaded as history)",
    ),
    "campaign.cell.sent": ("Đã nộp", "Sent"),
    "campaign.cell.pending": ("Chờ duyệt", "Awaiting review"),
    "campaign.cell.returned": ("Bị trả lại", "Returned"),
    "campaign.cell.missing": ("Chưa nộp", "Not sent"),
    "campaign.cell.overdue": ("Quá hạn {days} ngày", "Overdue {days} days"),
    "campaign.cell.late": ("{state} · muộn {days} ngày", "{state} · {days} days late"),
    "campaign.cell.late_sent": ("Nộp muộn {days} ngày", "Sent {days} days late"),
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
    "store.action.deadline_set": ("Đặt hạn nộp", "Deadline set"),
    "store.action.mail_send": ("Gửi e-mail", "E-mail sent"),
    "store.action.notify_settings": ("Đổi thông báo e-mail", "Notification settings"),
    # -- pages ---------------------------------------------------------------------------------
    "campaign.nav.unit": ("Đơn vị của tôi", "My unit"),
    "campaign.nav.remind": ("Nhắc nộp", "Reminders"),
    "campaign.ui.quarter": ("Quý", "Quarter"),
    "campaign.ui.deadline_of": ("Hạn nộp {period}: **{date}**", "Deadline for {period}: **{date}**"),
    "campaign.ui.deadlines_title": ("Hạn nộp từng quý", "Deadline of each quarter"),
    "campaign.ui.h_quarter": ("Quý", "Quarter"),
    "campaign.ui.h_deadline": ("Hạn nộp", "Deadline"),
    "campaign.ui.h_source": ("Nguồn", "Source"),
    "campaign.ui.source_stored": ("đã đặt ({who})", "set ({who})"),
    "campaign.ui.source_default": ("mặc định: ngày thứ 5 sau cuối quý", "default: the 5th day after the quarter"),
    "campaign.ui.deadline_save": ("Lưu hạn nộp", "Save the deadline"),
    "campaign.ui.deadline_admin_only": (
        "Chỉ quản trị viên đổi được hạn nộp.",
        "Only an admin can change a deadline.",
    ),
    "campaign.ui.grid_note": (
        "Mỗi ô: Đã nộp (đã duyệt), Chờ duyệt, Bị trả lại, Chưa nộp (chưa tới hạn), Quá hạn N ngày (chưa nộp, "
        "đã qua hạn), Nộp muộn N ngày (lần gửi đầu tiên sau hạn); — : đơn vị chưa có hoặc đã sáp nhập trong quý đó. "
        "Thời điểm nộp là lúc tệp tới ứng dụng (giờ Việt Nam); số liệu nạp từ lịch sử không có thời điểm nộp.",
        "Each cell: Sent (accepted), Awaiting review, Returned, Not sent (not due yet), Overdue N days (not sent, "
        "past the deadline), sent N days late (first sending after the deadline); —: the unit did not exist in that "
        "quarter. A sending time is when the file reached the app (Vietnam time); history loaded in bulk has none.",
    ),
    "campaign.ui.notice_failed": (
        "Đã lưu, nhưng chưa gửi được e-mail thông báo: {error}",
        "Saved, but the notification e-mail could not be sent: {error}",
    ),
    "campaign.ui.notice_sent_returned": (
        "Đã gửi e-mail báo cho đơn vị ({n} thư).",
        "The unit was told by e-mail ({n} message(s)).",
    ),
    "campaign.ui.notice_sent_submitted": (
        "Đã gửi e-mail báo cho cán bộ duyệt ({n} thư).",
        "The reviewers were told by e-mail ({n} message(s)).",
    ),
    # the reminders page
    "campaign.remind.title": ("Nhắc nộp số liệu", "Remind units to send"),
    "campaign.remind.no_mail_plain": (
        "Chưa gửi được e-mail vì máy chủ thư chưa được cài đặt. Hãy nhờ người phụ trách kỹ thuật cài đặt "
        "(hướng dẫn trong README, mục \"Hạn nộp, nhắc nộp và trang của đơn vị\"). Trong lúc chờ, danh sách "
        "và văn bản nhắc qua Zalo ở dưới vẫn dùng được.",
        "E-mail cannot be sent: no mail server is set up yet. Ask whoever runs the app to set one up (the "
        'README, "Deadlines, reminders and a unit\'s own page"). Meanwhile the list and the Zalo text below work.',
    ),
    "campaign.remind.for_technician": ("Dành cho người phụ trách kỹ thuật", "For whoever runs the app"),
    "campaign.remind.mail_server": ("Máy chủ thư: {server}", "Mail server: {server}"),
    "campaign.remind.nobody": (
        "{period}: mọi đơn vị đã nộp (hoặc đang chờ duyệt). Không có ai cần nhắc.",
        "{period}: every unit has sent (or is awaiting review). Nobody to remind.",
    ),
    "campaign.remind.list_title": ("Đơn vị cần nhắc ({n})", "Units to remind ({n})"),
    "campaign.remind.h_state": ("Tình trạng", "State"),
    "campaign.remind.h_to": ("Người nhận", "Recipients"),
    "campaign.remind.h_today": ("Hôm nay", "Today"),
    "campaign.remind.h_result": ("Kết quả", "Result"),
    "campaign.remind.done_today": ("đã nhắc", "reminded"),
    "campaign.remind.problem_no_account": ("chưa có tài khoản đơn vị (nhắc qua Zalo)", "no unit account (use Zalo)"),
    "campaign.remind.problem_no_email": (
        "tài khoản chưa có e-mail (nhắc qua Zalo)",
        "account without e-mail (use Zalo)",
    ),
    "campaign.remind.message_title": ("Thư sẽ gửi", "The message"),
    "campaign.remind.to": ("Gửi tới: {to}", "To: {to}"),
    "campaign.remind.subject": ("Tiêu đề: {subject}", "Subject: {subject}"),
    "campaign.remind.attachment": ("Tệp đính kèm: {name}", "Attachment: {name}"),
    "campaign.remind.zalo_title": (
        "Nhắc qua Zalo ({n} đơn vị không nhận được e-mail)",
        "Remind by Zalo ({n} units without e-mail)",
    ),
    "campaign.remind.zalo_hint": (
        "Chép đoạn dưới (nút sao chép ở góc) rồi dán vào nhóm Zalo của các đơn vị.",
        "Copy the text below (copy button in its corner) into the units' Zalo group.",
    ),
    "campaign.remind.all_done_today": (
        "Hôm nay đã nhắc mọi đơn vị có e-mail. Mỗi đơn vị chỉ nhận một thư nhắc mỗi ngày.",
        "Every unit with an e-mail has been reminded today. A unit gets at most one reminder a day.",
    ),
    "campaign.remind.send": ("Gửi {n} thư nhắc…", "Send {n} reminders…"),
    "campaign.remind.confirm": (
        "Gửi {n} thư nhắc nộp số liệu {period}? Mỗi đơn vị nhận một thư (kèm mẫu biểu); đơn vị đã được nhắc hôm nay "
        "không nhận thêm.",
        "Send {n} reminders for {period}? One message per unit (with its template); a unit reminded today gets no other.",
    ),
    "campaign.remind.send_yes": ("Gửi ngay", "Send now"),
    "campaign.remind.sending": ("Đang gửi thư…", "Sending…"),
    "campaign.remind.done": ("Đã gửi {n} thư nhắc.", "{n} reminders sent."),
    "campaign.remind.partial": (
        "Chưa gửi hết. Đã gửi cho: {sent}. CHƯA gửi được cho: {failed}. Sửa lỗi rồi bấm gửi lại: chỉ những thư "
        "còn thiếu được gửi.",
        "Not everything was sent. Sent to: {sent}. NOT sent to: {failed}. Fix the problem and send again: only the "
        "missing messages go.",
    ),
    "campaign.remind.result_sent": ("đã gửi", "sent"),
    "campaign.remind.result_already_sent": ("hôm nay đã nhắc rồi", "already reminded today"),
    "campaign.remind.result_failed": ("không gửi được", "not sent"),
    "campaign.remind.result_not_sent": ("chưa gửi", "not sent"),
    "campaign.remind.result_invalid_address": ("địa chỉ không hợp lệ", "invalid address"),
    "campaign.remind.result_would_send": ("sẽ gửi", "would send"),
    "campaign.remind.result_no_account": ("chưa có tài khoản", "no account"),
    "campaign.remind.result_no_email": ("chưa có e-mail", "no e-mail"),
    "campaign.remind.notify_title": ("Thông báo tự động bằng e-mail", "Automatic e-mail notifications"),
    "campaign.remind.notify_returned": (
        "Báo cho đơn vị khi số liệu bị trả lại (kèm nhận xét)",
        "Tell the unit when its figures are returned (with the comment)",
    ),
    "campaign.remind.notify_submitted": (
        "Báo cho cán bộ duyệt khi đơn vị gửi số liệu",
        "Tell the reviewers when a unit sends its figures",
    ),
    "campaign.remind.log_title": ("Nhật ký thư của quý ({n})", "Mail log of the quarter ({n})"),
    "campaign.remind.h_when": ("Lúc", "When (Vietnam time)"),
    "campaign.remind.h_kind": ("Loại thư", "Kind"),
    "campaign.remind.h_error": ("Lỗi", "Error"),
    "campaign.remind.h_by": ("Người gửi", "Sent by"),
    "campaign.remind.kind_reminder": ("nhắc nộp", "reminder"),
    "campaign.remind.kind_returned": ("báo bị trả lại", "returned notice"),
    "campaign.remind.kind_submitted": ("báo có bản chờ duyệt", "submission notice"),
    "campaign.remind.log_sent": ("máy chủ đã nhận", "accepted by the server"),
    "campaign.remind.log_failed": ("không gửi được", "not sent"),
    "campaign.remind.log_sending": ("đang gửi", "sending"),
    # a unit's own page
    "campaign.unit.title": ("Đơn vị của tôi", "My unit"),
    "campaign.unit.title_of": ("Việc cần làm: {name}", "To do: {name}"),
    "campaign.unit.no_units": (
        "Tài khoản chưa gắn với đơn vị nào trong danh mục: xin liên hệ quản trị viên.",
        "This account has no unit of the register: please contact the admin.",
    ),
    "campaign.unit.not_expected": (
        "Đơn vị không phải nộp {period} (chưa thành lập hoặc đã sáp nhập).",
        "The unit does not report {period} (not yet created, or merged).",
    ),
    "campaign.unit.due_overdue": (
        "**{period}: CHƯA NỘP — đã quá hạn {days} ngày** (hạn {deadline}). Xin tải mẫu biểu, điền và nộp ngay.",
        "**{period}: NOT SENT — {days} days overdue** (deadline {deadline}). Download the template, fill it in and send it now.",
    ),
    "campaign.unit.due_left": (
        "**{period}: chưa nộp — còn {days} ngày** (hạn {deadline}).",
        "**{period}: not sent — {days} days left** (deadline {deadline}).",
    ),
    "campaign.unit.due_today": (
        "**{period}: chưa nộp — hôm nay là hạn cuối** ({deadline}).",
        "**{period}: not sent — today is the deadline** ({deadline}).",
    ),
    "campaign.unit.due_returned": (
        "**{period}: BỊ TRẢ LẠI — cần sửa và nộp lại** (hạn {deadline}). Nhận xét của {who}:",
        "**{period}: RETURNED — correct it and send again** (deadline {deadline}). Comment by {who}:",
    ),
    "campaign.unit.due_pending": (
        "**{period}: đã gửi ({when}), đang chờ duyệt.** Không cần làm gì thêm.",
        "**{period}: sent ({when}), awaiting review.** Nothing more to do.",
    ),
    "campaign.unit.due_sent": (
        "**{period}: đã nộp và đã được duyệt.** Không cần làm gì thêm.",
        "**{period}: sent and accepted.** Nothing more to do.",
    ),
    "campaign.unit.sent_late": (
        "Lần gửi đầu tiên muộn {days} ngày so với hạn.",
        "First sent {days} days after the deadline.",
    ),
    "campaign.unit.template": ("Tải mẫu biểu {period}", "Template for {period}"),
    "campaign.unit.send_file": ("Nộp tệp Excel", "Send an Excel file"),
    "campaign.unit.send_form": ("Nhập trên web", "Fill in on the web"),
    "campaign.unit.older": (
        "{period}: {state} — còn thiếu quý này.",
        "{period}: {state} — this quarter is missing too.",
    ),
    "campaign.unit.numbers_title": (
        "Số liệu của đơn vị và việc cần làm tới năm 2030",
        "The unit's figures and what it takes by 2030",
    ),
    "campaign.unit.no_numbers": ("Đơn vị chưa có số liệu được duyệt.", "The unit has no accepted figures yet."),
    "campaign.unit.value_I1": (
        "{period}: {num}/{den} cơ quan có nữ lãnh đạo chủ chốt ({value}).",
        "{period}: {num} of {den} bodies have a woman among their key leaders ({value}).",
    ),
    "campaign.unit.value_I2": (
        "{period}: {num}/{den} người trong diện quy hoạch là nữ ({value}).",
        "{period}: {num} of {den} people in the planning pool are women ({value}).",
    ),
    "campaign.unit.value_I3": (
        "{period}: {num}/{den} nữ trong diện quy hoạch đã được đào tạo, bồi dưỡng ({value}).",
        "{period}: {num} of {den} women in the pool have been trained ({value}).",
    ),
    "campaign.unit.need_met": ("Đã đạt mục tiêu {target} năm {year}.", "Already meets the {year} target of {target}."),
    "campaign.unit.need_I1": (
        "Để đạt {target} năm {year} với {base} cơ quan: cần {need} cơ quan có nữ lãnh đạo chủ chốt — **thêm {more}** "
        "(khoảng {per_year} mỗi năm từ nay).",
        "To reach {target} by {year} with {base} bodies: {need} bodies need a woman key leader — **{more} more** "
        "(about {per_year} a year from now).",
    ),
    "campaign.unit.need_I2": (
        "Để đạt {target} năm {year} với {base} người trong diện quy hoạch: cần {need} nữ — **thêm {more} nữ** "
        "(khoảng {per_year} người mỗi năm từ nay).",
        "To reach {target} by {year} with {base} people in the pool: {need} women — **{more} more women** "
        "(about {per_year} a year from now).",
    ),
    "campaign.unit.need_I3": (
        "Để đạt {target} năm {year} khi có {base} nữ trong diện quy hoạch: cần {need} người được đào tạo — "
        "**thêm {more} người** (khoảng {per_year} người mỗi năm từ nay).",
        "To reach {target} by {year} with {base} women in the pool: {need} trained — **{more} more** "
        "(about {per_year} a year from now).",
    ),
    "campaign.unit.need_method": (
        "Cách tính: giữ nguyên quy mô hiện tại (số cơ quan, số người trong diện quy hoạch); số người cần = mục tiêu × "
        "quy mô, làm tròn lên; chỉ tiêu 3 tính trên số nữ trong diện quy hoạch sau khi đạt chỉ tiêu 2; mỗi năm = số "
        "còn thiếu chia cho số năm còn lại tới hết năm mục tiêu, làm tròn lên.",
        "Method: the current size is kept (bodies, people in the pool); people needed = target × size, rounded up; "
        "indicator 3 is counted on the women in the pool once indicator 2 is met; per year = what is missing divided "
        "by the years left to the end of the target year, rounded up.",
    ),
    "campaign.unit.history_title": ("Các lần nộp", "Submissions"),
    "campaign.unit.no_history": ("Đơn vị chưa gửi lần nào.", "The unit has not sent anything yet."),
    "campaign.unit.h_sent": ("Thời điểm gửi", "Sent at (Vietnam time)"),
    "campaign.unit.h_file": ("Tệp", "File"),
    "campaign.unit.h_state": ("Trạng thái", "State"),
    "campaign.unit.h_reviewer": ("Người duyệt", "Reviewer"),
    "campaign.unit.h_comment": ("Nhận xét", "Comment"),
    "campaign.unit.status_active": ("đã duyệt", "accepted"),
    "campaign.unit.status_superseded": ("đã duyệt, đã có bản mới thay", "accepted, replaced by a newer one"),
    "campaign.unit.status_pending": ("chờ duyệt", "awaiting review"),
    "campaign.unit.status_returned": ("bị trả lại", "returned"),
    "campaign.unit.returned_comment": (
        "Lần nộp #{id} ({period}) bị {who} trả lại với nhận xét:",
        "Submission #{id} ({period}) was returned by {who} with the comment:",
    ),
    "campaign.unit.chart_title": ("Lộ trình của đơn vị", "The unit's trajectory"),
    "campaign.unit.show_chart": ("Xem biểu đồ", "Show the charts"),
    "campaign.unit.hide_chart": ("Ẩn biểu đồ", "Hide the charts"),
}
