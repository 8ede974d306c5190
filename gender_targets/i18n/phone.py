"""Catalogue part: a commune officer's phone: entry cards, attachments, review (issue 23). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

PHONE_MESSAGES: dict[str, tuple[str, str]] = {
    # -- the five counts of one agency, as a card's fields say them ---------------------------------
    "phone.field.key_leaders": ("Số lãnh đạo chủ chốt", "Key leaders"),
    "phone.field.key_leaders_female": ("Số lãnh đạo chủ chốt là nữ", "Key leaders who are women"),
    "phone.field.pool_total": ("Số cán bộ trong diện quy hoạch", "People in the planning pool"),
    "phone.field.pool_female": ("Số nữ trong diện quy hoạch", "Women in the planning pool"),
    "phone.field.pool_female_trained": ("Số nữ được đào tạo, bồi dưỡng", "Women in the pool trained"),
    "phone.field.body_name": ("Tên cơ quan", "Agency name"),
    "phone.field.body_type": ("Loại cơ quan", "Agency type"),
    "phone.field.note": ("Ghi chú", "Note"),
    # -- one field refused on the spot ------------------------------------------------------------------
    "error.entry_not_a_number": (
        "«{value}» không phải là số. Chỉ nhập chữ số, ví dụ 3.",
        "“{value}” is not a number. Type digits only, e.g. 3.",
    ),
    "error.entry_not_whole": (
        "«{value}» không phải là số nguyên. Số người là số nguyên, ví dụ 3.",
        "“{value}” is not a whole number. A head count is a whole number, e.g. 3.",
    ),
    "error.entry_negative": (
        "«{value}» là số âm. Nhập số từ 0 trở lên.",
        "“{value}” is negative. Enter 0 or more.",
    ),
    # -- issues of the check, in her words (agency and field, never a sheet or a cell) ---------------
    "phone.entry.card_unnamed": ("Cơ quan thứ {n} (chưa có tên)", "Agency no. {n} (no name yet)"),
    "phone.entry.issue_field": ("{agency} · {field}: {message}", "{agency} · {field}: {message}"),
    "phone.entry.issue_agency": ("{agency}: {message}", "{agency}: {message}"),
    "phone.entry.issue_duplicate": (
        "tên này trùng với cơ quan thứ {other}. Mỗi cơ quan chỉ nhập một lần: sửa tên hoặc xoá một thẻ.",
        "this name is the same as agency no. {other}. Enter each agency once: rename or remove one card.",
    ),
    "phone.entry.issue_no_data": (
        "Chưa có cơ quan nào có số liệu. Hãy nhập số liệu cho ít nhất một cơ quan.",
        "No agency has any numbers yet. Enter the numbers of at least one agency.",
    ),
    "phone.entry.issue_missing_bodies": (
        "Thiếu {count} cơ quan so với {previous_period}: {names}. Nếu các cơ quan này vẫn còn, hãy thêm lại "
        "(nút «Thêm cơ quan»); nếu đã giải thể, sáp nhập hay đổi tên thì bỏ qua cảnh báo này.",
        "{count} agencies of the previous quarter are missing: {names}. If they still exist, add them again "
        '("Add an agency"); if they were dissolved, merged or renamed, ignore this warning.',
    ),
    "phone.entry.issue_fewer_bodies": (
        "Chỉ có {count} cơ quan, chưa bằng một nửa so với {previous_count} cơ quan của {previous_period}.",
        "Only {count} agencies, less than half of the {previous_count} of the previous quarter.",
    ),
    "phone.entry.issue_skipped": (
        "có tên nhưng chưa có số nào nên sẽ bị bỏ qua.",
        "has a name but no numbers, so it would be left out.",
    ),
    # -- the signed report attached ---------------------------------------------------------------------
    "error.attachment_empty": ("Tệp đính kèm rỗng.", "The attached file is empty."),
    "error.attachment_too_large": (
        "Tệp đính kèm nặng {mb} MB; tối đa {limit} MB. Hãy chụp lại với độ phân giải thấp hơn hoặc quét "
        "thành PDF nhỏ hơn.",
        "The attached file is {mb} MB; at most {limit} MB. Take the photo at a lower resolution or scan to a "
        "smaller PDF.",
    ),
    "error.attachment_type": (
        "Chỉ đính kèm được tệp PDF, ảnh JPEG hoặc PNG (báo cáo đã ký, đóng dấu, chụp hoặc quét). Tệp này "
        "không phải loại nào trong số đó (đuôi tên tệp không được tính: phần mềm đọc nội dung tệp).",
        "Only a PDF, a JPEG or a PNG picture can be attached (the signed and stamped report, photographed or "
        "scanned). This file is none of them (its name does not count: the content is read).",
    ),
    "error.attachment_image_too_big": (
        "Ảnh quá lớn (quá {mp} triệu điểm ảnh) hoặc không giải nén được trong giới hạn cho phép. Hãy chụp lại "
        "với độ phân giải thấp hơn.",
        "The picture is too large (over {mp} megapixels) or cannot be decoded within the limits. Take it again "
        "at a lower resolution.",
    ),
    "error.attachment_image_damaged": (
        "Không đọc được ảnh này (tệp hỏng hoặc không đúng định dạng). Hãy chụp hoặc lưu lại ảnh rồi đính kèm lại.",
        "This picture cannot be read (damaged, or not what it claims to be). Take or save it again, then attach it.",
    ),
    "error.attachment_pdf_encrypted": (
        "Tệp PDF được đặt mật khẩu nên không kiểm tra được. Hãy lưu lại bản không có mật khẩu.",
        "The PDF is password-protected, so it cannot be checked. Save a copy without a password.",
    ),
    "error.attachment_pdf_active": (
        "Tệp PDF có chứa mã chạy được hoặc tệp nhúng ({what}) nên không được nhận. Hãy quét hoặc in lại báo cáo "
        "ra PDF bằng máy quét hay «Lưu dưới dạng PDF».",
        "The PDF holds runnable code or embedded files ({what}), so it is refused. Scan the report again or "
        'print it to PDF ("Save as PDF").',
    ),
    "error.attachment_pdf_trailing": (
        "Tệp PDF có thêm dữ liệu lạ sau phần kết thúc của nó nên không được nhận. Hãy lưu lại tệp PDF rồi đính "
        "kèm lại.",
        "The PDF has unexpected data after its end, so it is refused. Save the PDF again and attach it again.",
    ),
    "error.attachment_pdf_damaged": (
        "Tệp PDF bị hỏng hoặc không đầy đủ. Hãy lưu lại rồi đính kèm lại.",
        "The PDF is damaged or incomplete. Save it again and attach it again.",
    ),
    "error.attachment_pdf_uninspectable": (
        "Tệp PDF được nén theo cách phần mềm không kiểm tra được nên không được nhận. Hãy in lại ra PDF bằng "
        "«Lưu dưới dạng PDF» hoặc máy quét.",
        "The PDF is compressed in a way that cannot be checked here, so it is refused. Print it to PDF again "
        '("Save as PDF") or scan it.',
    ),
    "error.attachment_required": (
        "Cần đính kèm báo cáo đã ký, đóng dấu (ảnh chụp hoặc bản quét PDF) trước khi gửi.",
        "Attach the signed and stamped report (a photo or a scanned PDF) before sending.",
    ),
    "store.action.attach": ("Đính kèm báo cáo đã ký", "Signed report attached"),
    "cli.attach_one_file": (
        "--attach đi với đúng một tệp số liệu (báo cáo đã ký được lưu cùng các lần nộp của tệp đó).",
        "--attach goes with exactly one workbook (the signed report is stored with that file's submissions).",
    ),
    "cli.history.attachment": (
        "       + đính kèm: {name} ({type}, {size} byte)",
        "       + attached: {name} ({type}, {size} bytes)",
    ),
    # -- the entry page (cards) ----------------------------------------------------------------------
    "phone.entry.mine": ("Các lần gửi của đơn vị ({n})", "Your unit's submissions ({n})"),
    "phone.entry.sent_line": ("Gửi lúc {when} · {name}", "Sent {when} · {name}"),
    "phone.entry.reviewed_line": ("{who} xem lúc {when}", "Reviewed by {who}, {when}"),
    "phone.entry.attached_line": ("Đính kèm: {name} ({size})", "Attached: {name} ({size})"),
    "phone.entry.returned_note": (
        "Số liệu quý này đã bị trả lại lúc {when}, người duyệt: {who}. Nhận xét:",
        "This quarter was returned on {when} by {who}. The comment:",
    ),
    "phone.entry.pending_note": (
        "Số liệu quý này đã gửi lúc {when} và đang chờ duyệt. Các thẻ dưới đây là số đã gửi; gửi lại sẽ thay bản đó.",
        "This quarter was sent on {when} and waits for review. The cards below hold what was sent; sending "
        "again replaces it.",
    ),
    "phone.entry.cards_title": ("Số liệu {n} cơ quan", "The numbers of {n} agencies"),
    "phone.entry.source_own": (
        "Các thẻ là số liệu đơn vị đã gửi cho quý này. Sửa những chỗ cần sửa rồi gửi lại (tối đa {max} cơ quan).",
        "The cards hold what your unit sent for this quarter. Correct what needs correcting and send again "
        "(at most {max} agencies).",
    ),
    "phone.entry.source_previous": (
        "Mỗi thẻ là một cơ quan của quý trước; các ô số để trống cho bạn nhập. Bấm «Giống quý trước» để chép số "
        "của quý trước (tối đa {max} cơ quan).",
        'Each card is one agency of last quarter; the numbers are empty for you to enter. Tap "Same as last '
        "quarter\" to copy last quarter's numbers (at most {max} agencies).",
    ),
    "phone.entry.source_suggested": (
        "Mỗi thẻ là một cơ quan thường có ở đơn vị như của bạn; sửa tên, xoá thẻ thừa, thêm cơ quan còn thiếu "
        "(tối đa {max} cơ quan).",
        "Each card is an agency units like yours usually have; rename, remove the extra ones, add the missing "
        "ones (at most {max} agencies).",
    ),
    "phone.entry.same_all": ("Giống quý trước cho tất cả", "Same as last quarter for all"),
    "phone.entry.same_all_help": (
        "Chép số liệu quý trước vào các ô còn trống của mọi cơ quan có tên giống quý trước; ô bạn đã nhập giữ nguyên.",
        "Copies last quarter's numbers into the empty fields of every agency named as last quarter; what you "
        "typed stays.",
    ),
    "phone.entry.same_one": ("Giống quý trước", "Same as last quarter"),
    "phone.entry.no_type": ("(chưa chọn loại cơ quan)", "(no type chosen yet)"),
    "phone.entry.edit_name": ("Sửa tên, ghi chú", "Name, note"),
    "phone.entry.note_line": ("Ghi chú: {note}", "Note: {note}"),
    "phone.entry.pick_type": ("Chọn loại cơ quan", "Choose the type"),
    "phone.entry.note": ("Ghi chú (nếu có)", "Note (optional)"),
    "phone.entry.digits_only": ("Chỉ nhập chữ số, ví dụ 3.", "Digits only, e.g. 3."),
    "phone.entry.remove": ("Xoá", "Remove"),
    "phone.entry.remove_question": (
        "Xoá cơ quan «{name}» khỏi số liệu quý này?",
        "Remove the agency “{name}” from this quarter?",
    ),
    "phone.entry.remove_yes": ("Xoá cơ quan này", "Remove this agency"),
    "phone.entry.add": ("Thêm cơ quan", "Add an agency"),
    "phone.entry.send_title": ("Gửi số liệu", "Send"),
    "phone.entry.replaces_pending": (
        "Bản đơn vị gửi lúc {when} đang chờ duyệt; gửi lần này sẽ thay bản đó.",
        "The version sent on {when} waits for review; sending now replaces it.",
    ),
    "phone.entry.errors": ("{n} lỗi cần sửa (xem ở từng thẻ):", "{n} error(s) to fix (see each card):"),
    "phone.entry.fix_fields": (
        "Có ô nhập chưa phải là số. Hãy sửa các ô sau:",
        "Some fields are not numbers. Please fix these:",
    ),
    "phone.entry.blanks_note": (
        "Còn {n} ô để trống. Khi gửi, bạn sẽ được hỏi có tính các ô này là 0 không.",
        "{n} field(s) are empty. When you send, you will be asked whether they are 0.",
    ),
    "phone.entry.blanks_question": (
        "Còn {n} ô để trống. Để trống nghĩa là 0 (không có người nào)?",
        "{n} field(s) are empty. Does empty mean 0 (nobody)?",
    ),
    "phone.entry.same_as_returned": (
        "Số liệu này giống hệt lần gửi đã bị trả lại lúc {when} (người duyệt: {who}). Hãy sửa theo nhận xét "
        "trước khi gửi lại:",
        "These numbers are the same as the version returned on {when} (by {who}). Correct them as the "
        "comment says before sending again:",
    ),
    "phone.entry.confirm_send": ("Đúng, tính là 0 và gửi", "Yes, count them as 0 and send"),
    "phone.entry.confirm_send_anyway": ("Vẫn gửi", "Send anyway"),
    "phone.entry.confirm_back": ("Quay lại sửa", "Go back and edit"),
    # -- attachments on the pages -------------------------------------------------------------------
    "phone.attach.label": (
        "Báo cáo đã ký, đóng dấu (không bắt buộc): ảnh chụp hoặc bản quét PDF",
        "The signed and stamped report (optional): a photo or a scanned PDF",
    ),
    "phone.attach.label_required": (
        "Báo cáo đã ký, đóng dấu (bắt buộc): ảnh chụp hoặc bản quét PDF",
        "The signed and stamped report (required): a photo or a scanned PDF",
    ),
    "phone.attach.help": (
        "PDF, JPEG hoặc PNG, tối đa {mb} MB. Ảnh được lưu lại không kèm thông tin máy chụp, vị trí.",
        "PDF, JPEG or PNG, at most {mb} MB. Pictures are stored without the camera's data or location.",
    ),
    "phone.attach.limit": (
        "hoặc kéo thả vào đây · PDF, JPEG, PNG, tối đa {mb} MB",
        "or drop here · PDF, JPEG, PNG, up to {mb} MB",
    ),
    "phone.attach.limit_touch": ("PDF, JPEG, PNG, tối đa {mb} MB", "PDF, JPEG, PNG, up to {mb} MB"),
    "phone.attach.checking": ("Đang kiểm tra tệp đính kèm…", "Checking the attachment…"),
    "phone.attach.ready": ("Sẽ gửi kèm: {name} ({size}).", "Will be sent with it: {name} ({size})."),
    "phone.attach.renamed": (
        "(Tệp «{name}» thực chất là {kind} nên được lưu với đuôi đúng.)",
        "(“{name}” is in fact a {kind}, so it is stored with the right extension.)",
    ),
    "phone.attach.none": ("Không có báo cáo đã ký đính kèm.", "No signed report attached."),
    "phone.attach.stored": (
        "Báo cáo đã ký đính kèm: **{name}** ({kind}, {size}, lúc {when})",
        "Signed report attached: **{name}** ({kind}, {size}, {when})",
    ),
    "phone.attach.download": ("Tải báo cáo đã ký", "Download the signed report"),
    "phone.attach.required_setting": (
        "Bắt buộc đơn vị đính kèm báo cáo đã ký, đóng dấu khi gửi số liệu",
        "Units must attach the signed and stamped report when they send a quarter",
    ),
    "phone.admin.h_attachment": ("Báo cáo đã ký", "Signed report"),
    "phone.dialog.not_found": ("Không có trang này", "Page not found"),
    "phone.dialog.not_found_body": (
        "Địa chỉ vừa mở không dẫn tới trang nào; ứng dụng mở trang chính.",
        "The address you opened leads to no page; the app's main page is shown.",
    ),
    "phone.uploader.limit_touch": ("tối đa {mb} MB mỗi tệp", "up to {mb} MB per file"),
    # -- the upload page ----------------------------------------------------------------------------
    "phone.upload.browse_hint_touch": (
        "Bấm **Chọn tệp** để chọn tệp Excel trong máy (.xlsx, .xlsm, .xls, .ods, mỗi tệp tối đa 20 MB). Tệp chỉ "
        "được lưu khi bạn bấm nút Lưu ở cuối trang.",
        "Tap **Upload** to pick workbooks on your phone (.xlsx, .xlsm, .xls, .ods, up to 20 MB each). Nothing is "
        "stored until you press Store at the bottom.",
    ),
    "phone.upload.same_file": (
        "Tệp này giống hệt tệp đã bị trả lại lúc {when} ({unit}, {period}; người duyệt: {who}). Hãy sửa theo "
        "nhận xét trước khi gửi lại:",
        "This file is identical to the one returned on {when} ({unit}, {period}; by {who}). Correct it as the "
        "comment says before sending it again:",
    ),
    "phone.upload.same_numbers": (
        "Số liệu trong tệp này giống hệt lần gửi đã bị trả lại lúc {when} ({unit}, {period}; người duyệt: {who}). "
        "Hãy sửa theo nhận xét trước khi gửi lại:",
        "The numbers in this file are the same as the submission returned on {when} ({unit}, {period}; by {who}). "
        "Correct them as the comment says before sending again:",
    ),
    "phone.upload.replaces_pending": (
        "Lưu tệp sẽ thay {n} bản đơn vị đã gửi và đang chờ duyệt (bản cũ vẫn được giữ trong lịch sử):",
        "Storing will replace {n} version(s) your unit sent that wait for review (the old ones stay in the history):",
    ),
    "phone.upload.replaces_line": (
        "{unit}, {period}: gửi lúc {when} ({name})",
        "{unit}, {period}: sent {when} ({name})",
    ),
    "phone.upload.replaces_ok": ("Tôi hiểu: thay bản đang chờ duyệt", "I understand: replace the waiting version"),
    "phone.template.with_numbers": ("Điền sẵn số liệu quý trước", "Pre-fill last quarter's numbers"),
    # -- the review page ----------------------------------------------------------------------------
    "phone.review.has_attachment": (" · có báo cáo đã ký", " · signed report attached"),
    "phone.review.same_file": (
        "Tệp này giống hệt tệp đã bị trả lại lúc {when} (người duyệt: {who}).",
        "This file is identical to the one returned on {when} (by {who}).",
    ),
    "phone.review.same_numbers": (
        "Số liệu này giống hệt lần gửi đã bị trả lại lúc {when} (người duyệt: {who}).",
        "These numbers are the same as the submission returned on {when} (by {who}).",
    ),
    "phone.review.earlier_returns": (
        "Quý này đã bị trả lại {n} lần trước đây:",
        "This quarter was returned {n} time(s) before:",
    ),
    "phone.review.return_line": (
        "Lần gửi số {id}, trả lại lúc {when} bởi {who}:",
        "Submission {id}, returned on {when} by {who}:",
    ),
    "phone.review.attachment": ("Báo cáo đã ký, đóng dấu", "The signed and stamped report"),
    "phone.review.attachment_missing": (
        "Đơn vị chưa đính kèm báo cáo đã ký (đang bắt buộc).",
        "The unit has not attached the signed report (it is required).",
    ),
    "phone.review.warnings": ("{n} cảnh báo:", "{n} warning(s):"),
    "phone.review.beside": (
        "Từng cơ quan, bên cạnh {period} (quý đã duyệt gần nhất)",
        "Agency by agency, beside {period} (the latest accepted quarter)",
    ),
    "phone.entry.draft_back": (
        "Đây là số liệu bạn đã nhập lúc {when} nhưng chưa gửi (được giữ lại khi trang tải lại). Kiểm tra "
        "rồi bấm Gửi, hoặc bắt đầu lại từ đầu.",
        "These are the numbers you typed at {when} and have not sent (kept when the page reloaded). Check "
        "them and send, or start again.",
    ),
    "phone.entry.draft_drop": ("Bỏ số liệu đang nhập, bắt đầu lại", "Discard what I typed and start again"),
    "phone.review.replaces": (
        "{period} đã có số liệu được duyệt (lần nộp #{id}). Duyệt lần nộp này sẽ thay thế số liệu đó "
        "(lần nộp cũ vẫn được lưu trong lịch sử). Hãy xem kỹ bảng so sánh dưới đây, nhất là khi đơn vị "
        "gửi nhầm tệp của quý khác.",
        "{period} already has accepted numbers (submission #{id}). Accepting this one replaces them (the "
        "earlier submission stays in the history). Check the comparison below, above all if the unit may "
        "have sent the file of another quarter by mistake.",
    ),
    "phone.review.beside_same": (
        "Từng cơ quan, bên cạnh số liệu đã duyệt của chính {period}",
        "Agency by agency, beside the accepted numbers of {period} itself",
    ),
    "phone.review.no_previous": (
        "Đơn vị chưa có quý nào đã duyệt trước quý này để so sánh.",
        "The unit has no accepted quarter before this one to compare with.",
    ),
    "phone.review.summary": (
        "{changed} cơ quan thay đổi, {new} cơ quan mới, {missing} cơ quan không còn, {same} giữ nguyên.",
        "{changed} changed, {new} new, {missing} gone, {same} unchanged.",
    ),
    "phone.review.h_change": ("So với số liệu đã duyệt", "Against the accepted numbers"),
    "phone.review.status_same": ("giữ nguyên", "unchanged"),
    "phone.review.status_changed": ("thay đổi", "changed"),
    "phone.review.status_new": ("mới", "new"),
    "phone.review.status_missing": ("không còn trong quý này", "gone this quarter"),
    "phone.review.cell_new": ("{now} (mới)", "{now} (new)"),
    "phone.review.cell_missing": ("— (trước: {before})", "— (was {before})"),
    "phone.review.cell_changed": ("{now} (trước: {before})", "{now} (was {before})"),
}
