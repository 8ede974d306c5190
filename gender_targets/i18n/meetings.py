"""Catalogue part: the presentation page, the quarterly report and notes. Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

MEETINGS_MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors -----------------------------------------------------------------------------
    "error.note_empty": ("Ghi chú đang trống: hãy viết một câu ngắn.", "The note is empty: write a short sentence."),
    "error.note_too_long": (
        "Ghi chú dài {length} ký tự, quá giới hạn {limit} ký tự: hãy viết ngắn lại.",
        "The note has {length} characters, over the limit of {limit}: please shorten it.",
    ),
    "error.note_unknown_unit": (
        "Không có đơn vị '{unit}' trong danh mục.",
        "There is no unit '{unit}' in the register.",
    ),
    "error.note_unknown_indicator": ("Không có chỉ tiêu '{indicator}'.", "There is no indicator '{indicator}'."),
    "error.report_unknown_area": (
        "Không có khu vực '{area}' trong danh mục đơn vị.",
        "There is no area '{area}' in the unit register.",
    ),
    "error.report_no_data": (
        "Chưa có số liệu nào đến {period} để lập báo cáo.",
        "There are no data up to {period} to make the report from.",
    ),
    "error.report_no_soffice": (
        "Không tìm thấy LibreOffice trên máy nên không tạo được tệp PDF. Hãy tải bản Word (.docx), hoặc cài "
        "LibreOffice rồi thử lại.",
        "LibreOffice was not found on this machine, so no PDF can be made. Download the Word file (.docx), or "
        "install LibreOffice and try again.",
    ),
    "error.report_pdf_failed": (
        "LibreOffice không chuyển được báo cáo sang PDF ({detail}). Hãy tải bản Word (.docx).",
        "LibreOffice could not convert the report to PDF ({detail}). Download the Word file (.docx).",
    ),
    # -- report: heading block -----------------------------------------------------------
    "report.parent_agency": ("HỘI LHPN ……………………", "WOMEN'S UNION OF ……………"),
    "report.agency": ("Ban Thường vụ Hội LHPN {area}", "Standing Committee, Women's Union of {area}"),
    "report.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.number_suffix": ("HLHPN", "HLHPN"),
    "report.number": ("Số: ……/BC-{suffix}", "No.: ……/BC-{suffix}"),
    "report.place_date": ("{place}, ngày {day} tháng {month} năm {year}", "{place}, {day}/{month}/{year}"),
    "report.title": ("BÁO CÁO", "REPORT"),
    "report.quarter_words": ("quý {q} năm {year}", "in quarter {q} of {year}"),
    "report.subtitle": (
        "Kết quả thực hiện Kế hoạch 63/KH-BTV về sự tham gia bình đẳng\n"
        "của phụ nữ trong các vị trí lãnh đạo, quản lý {quarter}",
        "Results of Plan 63/KH-BTV on women's equal participation\nin leadership and management {quarter}",
    ),
    "report.intro": (
        'Thực hiện Kế hoạch số 63/KH-BTV ngày 21/12/2021 triển khai Chương trình "Tăng cường sự tham gia bình '
        "đẳng của phụ nữ trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn "
        '2021 - 2030", {agency} báo cáo kết quả thực hiện {quarter} như sau:',
        "Under Plan 63/KH-BTV of 21/12/2021 implementing the programme \"Enhancing women's equal participation "
        'in leadership and management positions at policy-making levels, 2021-2030", the {agency} reports the '
        "results {quarter} as follows:",
    ),
    "report.coverage": (
        "Số liệu tổng hợp từ báo cáo của {sent}/{total} đơn vị cho {period}. {footnote}.",
        "Figures pooled from the reports of {sent}/{total} units for {period}. {footnote}.",
    ),
    "report.source": (
        "Nguồn: báo cáo số liệu của các đơn vị, tổng hợp bằng phần mềm theo dõi chỉ tiêu; số liệu đến {period}, "
        "cập nhật lúc {updated}",
        "Source: the units' data returns, pooled by the targets tracker; data up to {period}, updated {updated}",
    ),
    "report.part1": ("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "I. RESULTS BY INDICATOR"),
    "report.indicator_heading": ("{k}. Chỉ tiêu {k}: {name}", "{k}. Indicator {k}: {name}"),
    "report.value_line": ("Kết quả {period}: {value}{counts}.", "Value in {period}: {value}{counts}."),
    "report.counts": (" ({numerator}/{denominator} {unit})", " ({numerator} of {denominator} {unit})"),
    "report.partial": (
        "(mới có {sent}/{total} đơn vị gửi số liệu quý này).",
        "(only {sent} of {total} units have sent this quarter).",
    ),
    "report.change_line": (
        "So với quý trước ({previous}: {previous_value}): {change_q}; so với cùng kỳ năm trước ({year_ago}: "
        "{year_ago_value}): {change_y}.",
        "On the previous quarter ({previous}: {previous_value}): {change_q}; on a year before ({year_ago}: "
        "{year_ago_value}): {change_y}.",
    ),
    "report.change_up": ("tăng {value} điểm phần trăm", "up {value} percentage points"),
    "report.change_down": ("giảm {value} điểm phần trăm", "down {value} percentage points"),
    "report.change_flat": ("không đổi", "unchanged"),
    "report.change_none": ("không so sánh được (thiếu số liệu)", "no comparison (data missing)"),
    "report.milestone_line": (
        "Mốc năm {year} (chỉ tiêu {target}): {result}{where}.",
        "Milestone {year} (target {target}): {result}{where}.",
    ),
    "report.milestone_where": (" — {value} ({period})", " — {value} ({period})"),
    "report.not_q4": (
        "(không có số liệu quý IV, xét theo quý gần nhất trong năm)",
        "(no Q4 value; judged on the latest quarter of the year)",
    ),
    "report.milestone.met": ("Đạt", "Met"),
    "report.milestone.not_met": ("Không đạt", "Not met"),
    "report.milestone.no_data": ("Không có số liệu", "No data"),
    "report.status_line": (
        "Tiến độ so với chỉ tiêu năm {year} ({target}): {status}.",
        "Progress toward the {year} target ({target}): {status}.",
    ),
    "report.status_achieved": ("Đã đạt chỉ tiêu cuối cùng.", "The final target is reached."),
    "report.status_insufficient": (
        "Mới có {n} quý có số liệu trong 12 quý gần nhất (cần ít nhất 4) nên chưa đánh giá được.",
        "Only {n} quarters with data in the last 12 (at least 4 needed), so no judgement yet.",
    ),
    "report.status_basis": (
        "Căn cứ: tốc độ thực tế {observed} điểm %/năm (tính từ {n} quý gần nhất), tốc độ cần thiết {required} "
        "điểm %/năm để đạt chỉ tiêu năm {year}.",
        "Basis: observed rate {observed} points a year (from the last {n} quarters), required rate {required} "
        "points a year to reach the {year} target.",
    ),
    "report.projection": (
        "Nếu giữ tốc độ này, dự báo {period} đạt {value}.",
        "At this rate the projection for {period} is {value}.",
    ),
    "report.note_line": ("Ghi chú: {text}", "Note: {text}"),
    "report.figure_caption": ("Biểu đồ {k}. {name}. {footnote}.", "Figure {k}. {name}. {footnote}."),
    "report.chart_missing.no_browser": (
        "(Không vẽ được biểu đồ: máy không có trình duyệt Chromium để vẽ hình tĩnh.)",
        "(Chart not drawn: no Chromium browser on this machine to draw static pictures.)",
    ),
    "report.chart_missing.timeout": (
        "(Không vẽ được biểu đồ: quá thời gian chờ trình duyệt vẽ hình.)",
        "(Chart not drawn: the browser took too long to draw it.)",
    ),
    "report.chart_missing.disabled": ("(Biểu đồ không được vẽ theo yêu cầu.)", "(Charts left out on request.)"),
    "report.chart_missing.failed": ("(Không vẽ được biểu đồ.)", "(Chart could not be drawn.)"),
    "report.chart_warning": (
        "Báo cáo đã tạo nhưng không có hình biểu đồ: {reason}",
        "The report was made without chart pictures: {reason}",
    ),
    "report.part2": ("II. KẾT QUẢ THEO ĐƠN VỊ ({period})", "II. RESULTS BY UNIT ({period})"),
    "report.col.no": ("TT", "No."),
    "report.col.unit": ("Đơn vị", "Unit"),
    "report.not_submitted_short": ("(chưa gửi số liệu)", "(not submitted)"),
    "report.behind_heading": (
        "Đơn vị chậm tiến độ (tiến bộ chậm hoặc đang giảm):",
        "Units falling behind (limited progress or deteriorating):",
    ),
    "report.behind_none": ("Không có đơn vị nào chậm tiến độ.", "No unit is falling behind."),
    "report.missing_heading": ("Đơn vị chưa gửi số liệu {period}:", "Units that have not sent {period}:"),
    "report.missing_none": ("Cả {n} đơn vị đã gửi số liệu.", "All {n} units have sent their data."),
    "report.notes_heading": ("Ghi chú của đơn vị:", "Notes on units:"),
    "report.part3": ("III. PHƯƠNG PHÁP ĐÁNH GIÁ", "III. METHOD"),
    "report.part4": ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PROPOSALS"),
    "report.proposals": ("……………………………………………………………………………………", "……………………………………………………………………………………"),
    "report.closing": (
        "Trên đây là báo cáo kết quả thực hiện chỉ tiêu {quarter}./.",
        "This concludes the report./.",
    ),
    "report.recipients": ("Nơi nhận:", "Recipients:"),
    "report.recipient1": ("- ……………………;", "- ……………………;"),
    "report.recipient2": ("- ……………………;", "- ……………………;"),
    "report.recipient3": ("- Lưu: VT.", "- File: VT."),
    "report.signer_for": ("TM. BAN THƯỜNG VỤ", "FOR THE STANDING COMMITTEE"),
    "report.signer_role": ("CHỦ TỊCH", "CHAIRWOMAN"),
    "report.sign_hint": ("(Ký tên, đóng dấu)", "(Signature and seal)"),
    "report.signer_name": ("……………………", "……………………"),
    "report.file_name": ("bao-cao-{period}-{area}", "report-{period}-{area}"),
    "report.cli_written": ("Đã ghi báo cáo: {path}", "Report written: {path}"),
    # -- charts (owned here: notes, footnotes, margin labels) ---------------------------------
    "chart.note_label": ("Ghi chú: {text}", "Note: {text}"),
    "chart.target_label_margin": ("{year}: {value}", "{year}: {value}"),
    # -- presentation page (trình chiếu) ---------------------------------------------------
    "ui.nav.presentation": ("Trình chiếu", "Presentation"),
    "ui.nav.report": ("Báo cáo", "Report"),
    "deck.stamp": ("Số liệu đến {period}, cập nhật lúc {updated}", "Data up to {period}, updated {updated}"),
    "deck.page": ("Trang {n}/{total}", "Slide {n} of {total}"),
    "deck.prev": ("Trước", "Previous"),
    "deck.next": ("Sau", "Next"),
    "deck.refresh": ("Lấy số liệu mới", "Take the new data"),
    "deck.exit": ("Thoát trình chiếu", "Leave the presentation"),
    "deck.options": ("Tùy chọn", "Options"),
    "deck.auto": ("Tự chuyển trang", "Auto-advance"),
    "deck.auto_every": ("Mỗi (giây)", "Every (seconds)"),
    "deck.per_unit": ("Thêm một trang cho mỗi đơn vị", "Add a slide per unit"),
    "deck.keys": (
        "Phím ← → hoặc PageUp/PageDown (bút trình chiếu) để chuyển trang.",
        "Keys ← → or PageUp/PageDown (presentation clicker) to change slides.",
    ),
    "deck.new_data": (
        'Có số liệu mới từ {updated}. Trang trình chiếu vẫn giữ số liệu lúc mở; bấm "Lấy số liệu mới" để cập nhật.',
        'New data arrived at {updated}. The deck keeps the data it opened with; press "Take the new data" to update.',
    ),
    "deck.value_label": ("Kết quả {period}", "Value in {period}"),
    "deck.change_q": ("So với quý trước: {change}", "On the previous quarter: {change}"),
    "deck.change_y": ("So với cùng kỳ năm trước: {change}", "On a year before: {change}"),
    "deck.milestone": (
        "Mốc {year} (chỉ tiêu {target}): {result}{where}",
        "Milestone {year} (target {target}): {result}{where}",
    ),
    "deck.status": ("Tiến độ đến {year} ({target}):", "Progress toward {year} ({target}):"),
    "deck.status_basis": (
        "Tốc độ thực tế {observed} điểm %/năm, cần {required} điểm %/năm.",
        "Observed {observed} points a year, required {required}.",
    ),
    "deck.projection": ("Dự báo {period}: {value}", "Projected {period}: {value}"),
    "deck.ranking_title": ("{indicator} — xếp hạng đơn vị", "{indicator} — units ranked"),
    "deck.behind_title": ("Đơn vị chậm tiến độ ({period})", "Units falling behind ({period})"),
    "deck.behind_none": ("Không có đơn vị nào chậm tiến độ.", "No unit is falling behind."),
    "deck.completeness_title": ("Tình hình gửi số liệu {period}", "Returns received for {period}"),
    "deck.completeness_count": ("{sent}/{total} đơn vị đã gửi", "{sent} of {total} units have sent"),
    "deck.sent": ("Đã gửi", "Sent"),
    "deck.not_sent": ("Chưa gửi", "Not sent"),
    "deck.unit_title": ("{unit}", "{unit}"),
    "deck.no_data": ("Chưa có số liệu để trình chiếu.", "There are no data to present yet."),
    # -- report page -----------------------------------------------------------------------
    "ui.report.title": ("Báo cáo quý", "Quarterly report"),
    "ui.report.intro": (
        "Tạo báo cáo kết quả thực hiện theo thể thức Nghị định 30/2020/NĐ-CP (Word hoặc PDF): số liệu từng chỉ "
        "tiêu, bảng đơn vị, đơn vị chậm tiến độ, đơn vị chưa gửi, biểu đồ và phương pháp. Tải về rồi điền số văn "
        "bản, nơi nhận và người ký.",
        "Make the quarterly report laid out per Decree 30/2020/NĐ-CP (Word or PDF): each indicator, the units "
        "table, units behind, units not sent, charts and the method. Download it, then fill in the number, "
        "recipients and signer.",
    ),
    "ui.report.format": ("Định dạng", "Format"),
    "ui.report.heading_options": ("Tên cơ quan, địa danh (tùy chọn)", "Agency names and place (optional)"),
    "ui.report.agency": ("Tên cơ quan ban hành", "Issuing agency"),
    "ui.report.parent_agency": ("Tên cơ quan cấp trên", "Parent agency"),
    "ui.report.place": ("Địa danh ghi ở dòng ngày tháng", "Place in the date line"),
    "ui.report.make": ("Tạo báo cáo", "Make the report"),
    "ui.report.working": (
        "Đang tạo báo cáo (vẽ biểu đồ có thể mất nửa phút)…",
        "Making the report (drawing charts may take half a minute)…",
    ),
    "ui.report.ready": ("Báo cáo đã sẵn sàng: {name}", "The report is ready: {name}"),
    "ui.report.download": ("Tải báo cáo về", "Download the report"),
    # -- notes -------------------------------------------------------------------------------
    "ui.notes.title": ("Ghi chú theo quý", "Notes by quarter"),
    "ui.notes.whole_unit": ("Cả đơn vị", "Whole unit"),
    "ui.notes.text": ("Nội dung ghi chú", "Note"),
    "ui.notes.by": ("Người ghi", "By"),
    "ui.notes.placeholder": (
        "Ví dụ: UBND xã bầu lại Chủ tịch tháng 8",
        "E.g. the commune elected a new chair in August",
    ),
    "ui.notes.add": ("Thêm ghi chú", "Add the note"),
    "ui.notes.saved": (
        "Đã lưu ghi chú. Ghi chú hiện trên biểu đồ, trang trình chiếu và báo cáo.",
        "Note saved. It shows on the chart, the deck and the report.",
    ),
}
