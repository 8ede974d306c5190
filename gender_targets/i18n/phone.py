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
}
