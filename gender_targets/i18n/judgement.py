"""Catalogue part: the one judgement, counts beside percentages, stable status (issue 21). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

JUDGEMENT_MESSAGES: dict[str, tuple[str, str]] = {
    # counts in words, beside every percentage
    "judgement.counts.I1": ("{num}/{den} cơ quan", "{num}/{den} agencies"),
    "judgement.counts.I2": ("{num}/{den} nữ trong diện quy hoạch", "{num}/{den} women in the planning pool"),
    "judgement.counts.I3": ("{num}/{den} nữ được đào tạo", "{num}/{den} women trained"),
    "judgement.value_counts": ("{counts} — {value}", "{counts} — {value}"),
    "judgement.value_first": ("{value} ({counts})", "{value} ({counts})"),
    "judgement.one_person.I1": ("1 cơ quan = {points} điểm %", "1 agency = {points} points"),
    "judgement.one_person.I2": ("1 người = {points} điểm %", "1 person = {points} points"),
    "judgement.one_person.I3": ("1 người = {points} điểm %", "1 person = {points} points"),
    "judgement.needed.I1": (
        "cần thêm {n} cơ quan có lãnh đạo chủ chốt nữ để đạt {target} năm {year}",
        "{n} more agencies with a woman key leader needed to reach {target} by {year}",
    ),
    "judgement.needed.I2": (
        "cần thêm {n} nữ trong diện quy hoạch để đạt {target} năm {year}",
        "{n} more women in the planning pool needed to reach {target} by {year}",
    ),
    "judgement.needed.I3": (
        "cần thêm {n} nữ được đào tạo, bồi dưỡng để đạt {target} năm {year}",
        "{n} more trained women needed to reach {target} by {year}",
    ),
    "judgement.enough": ("đã đủ số để đạt {target} năm {year}", "enough to reach {target} by {year}"),
    "judgement.small.I1": (
        "tính trên dưới 20 cơ quan: một cơ quan làm tỷ lệ thay đổi nhiều",
        "from fewer than 20 agencies: one agency moves the share a lot",
    ),
    "judgement.small.I2": (
        "tính trên dưới 20 người: một người làm tỷ lệ thay đổi nhiều",
        "from fewer than 20 people: one person moves the share a lot",
    ),
    "judgement.small.I3": (
        "tính trên dưới 20 người: một người làm tỷ lệ thay đổi nhiều",
        "from fewer than 20 people: one person moves the share a lot",
    ),
    "judgement.small_mark": ("dưới 20", "under 20"),
    "judgement.fragile": (
        "thêm hoặc bớt 1 người ở quý này có thể đổi tình trạng",
        "one person more or fewer this quarter could change the status",
    ),
    "judgement.fragile.I1": (
        "thêm hoặc bớt 1 cơ quan ở quý này có thể đổi tình trạng",
        "one agency more or fewer this quarter could change the status",
    ),
    "judgement.at_target": (
        'Đã chạm mức {target} nhưng chỉ cần bớt 1 là chưa đạt, nên chưa công bố "Đã đạt" (xem cách đánh giá).',
        'At {target}, but one fewer and it is not: not shown as "Achieved" yet (see the method).',
    ),
    "judgement.provisional": (
        "{period} mới có {sent}/{total} đơn vị gửi báo cáo: {value} là số liệu tạm thời, chưa dùng để đánh giá; "
        "đánh giá theo {used}.",
        "{period}: only {sent}/{total} units have reported so far: {value} is provisional and not judged; "
        "judged on {used}.",
    ),
    "judgement.provisional_deck": (
        "{period}: {value} — tạm thời, mới có {sent}/{total} đơn vị",
        "{period}: {value} — provisional, {sent}/{total} units so far",
    ),
    "judgement.needed_short": ("thiếu {n} để đạt {target}", "{n} short of {target}"),
    "judgement.provisional_short": (
        "tạm thời: mới có {sent}/{total} đơn vị",
        "provisional: {sent}/{total} units so far",
    ),
    "judgement.judged_on": ("đánh giá theo {period}", "judged on {period}"),
    "judgement.raw_differs": (
        'Công thức của riêng quý này cho "{raw}"; tình trạng giữ "{status}" vì thay đổi chưa rõ ràng '
        "(trong phạm vi 1 người hoặc dao động ngẫu nhiên).",
        'This quarter\'s formula alone gives "{raw}"; the status stays "{status}" because the change is not '
        "yet clear (within one person or random wobble).",
    ),
    # the strip of the last eight quarters (trajectory)
    "judgement.strip_title": ("Tình trạng 8 quý gần nhất", "Status over the last eight quarters"),
    "judgement.strip_caption": (
        "Mỗi ô là tình trạng như đã đánh giá vào cuối quý đó, chỉ dùng số liệu đến quý đó.",
        "Each cell is the status as judged at the end of that quarter, from the data up to it.",
    ),
    "judgement.strip_cell": ("{period}: {status}", "{period}: {status}"),
    "judgement.strip_hover": (
        "Đánh giá cuối {period}: {status}<br>{value} (số liệu {judged})",
        "Judged at the end of {period}: {status}<br>{value} (data of {judged})",
    ),
    # compare: the one-person rule
    "judgement.tied": ("ngang nhau trong phạm vi 1 người", "level within one person"),
    "judgement.tied_note": (
        "Các đơn vị có cùng thứ hạng (dấu =) chênh nhau chưa tới 1 người của đơn vị nhỏ hơn: coi là ngang nhau "
        "trong phạm vi 1 người.",
        "Units sharing a rank (marked =) differ by less than one person of the smaller one: they are level "
        "within one person.",
    ),
    # columns (data page, exports)
    "col.counts": ("Số lượng", "Counts"),
    "col.one_person_points": ("1 người = … điểm %", "1 person = … points"),
    "col.people_needed": ("Còn thiếu để đạt mục tiêu cuối", "Still needed for the final target"),
    "col.fragile": ("Dễ đổi (±1 người)", "Fragile (±1 person)"),
    "col.small": ("Dưới 20 người", "Under 20 people"),
    "col.judged": ("Quý được đánh giá", "Judged quarter"),
    "col.provisional": ("Tạm thời (chưa đủ đơn vị)", "Provisional (units missing)"),
    "col.units_reporting": ("Số đơn vị đã gửi", "Units reported"),
    "col.units_expected": ("Số đơn vị phải gửi", "Units expected"),
    "col.raw_status": ("Tình trạng theo công thức quý này", "This quarter's formula status"),
    "col.judged_period": ("Đánh giá theo quý", "Judged on"),
    "judgement.method_steady": (
        "Tình trạng được công bố không đổi chỉ vì một người vào hay ra. Ứng dụng vẽ một đường xu hướng thẳng qua số "
        "liệu của tối đa {window} quý gần nhất (5 năm) và đọc trên đường đó tốc độ tăng và mức hiện tại. Nếu {recent} "
        "quý gần nhất lệch khỏi đường kéo dài của các quý trước nhiều hơn {k} lần mức dao động bình thường (ước lượng "
        "từ mức lên xuống giữa các quý liền nhau), hoặc riêng 12 quý gần nhất đã cho thấy rõ là đang giảm, thì dựa "
        "vào 12 quý gần nhất như công thức; nếu giá trị mới nhất lệch khỏi đường quá {k} lần mức dao động thì dùng "
        "chính giá trị đó. Công thức trên, với tốc độ và mức ấy, cho tình trạng theo xu hướng. Tình trạng đã công bố "
        "quý trước được giữ khi nó vẫn nằm trong khoảng ±{band} sai số chuẩn quanh xu hướng; tình trạng theo xu "
        'hướng được công bố khi tình trạng cũ ra ngoài khoảng ấy, khi cả xu hướng và công thức cùng cho "Đang '
        'giảm", hoặc khi xu hướng đã khác tình trạng cũ {hold} quý liền. Số liệu không dao động thì tình trạng công '
        "bố đúng bằng tình trạng theo công thức. Khu vực được đánh giá theo quý gần nhất mà mọi đơn vị đã gửi; quý "
        "sau đó chưa đủ đơn vị chỉ là số liệu tạm thời. Giá trị tính trên dưới 20 người được ghi chú vì một người "
        "làm tỷ lệ thay đổi nhiều.",
        "The status shown does not change because one person joins or leaves. The app draws a straight trend line "
        "through the values of up to the last {window} quarters (five years) and reads the rate and the current "
        "level on it. If the last {recent} quarters lie off the extension of the line through the quarters before "
        "them by more than {k} times the usual wobble (estimated from the ups and downs between consecutive "
        "quarters), or the last 12 quarters alone already show a clear fall, it relies on the last 12 quarters, as "
        "the formula does; if the latest value lies off the line by more than {k} times the wobble, it uses that "
        "value. The formula above, with that rate and level, gives the trend status. The status shown the quarter "
        "before is kept while it lies within ±{band} standard errors of the trend; the trend status is shown when "
        'the old one falls outside that band, when the trend and the formula both say "Deteriorating", or when '
        "the trend has differed from the old status {hold} quarters in a row. Data without any wobble get exactly "
        "the formula status. An area is judged on its latest quarter in which every unit has reported; a later "
        "quarter still missing units is provisional. Values from fewer than 20 people are marked, since one person "
        "moves them a lot.",
    ),
    "report.cell_needed": ("thiếu {n}", "{n} short"),
    "col.status_judged": ("Tình trạng (ở quý được đánh giá)", "Status (on the judged quarter)"),
    "judgement.data_status_help": (
        "Mỗi đơn vị (khu vực) được đánh giá ở một quý: quý gần nhất mà mọi đơn vị đã gửi. Tình trạng và các cột "
        '"1 người = …", "Còn thiếu", "Dễ đổi" chỉ ghi ở dòng quý đó; chọn một tình trạng thì bảng chỉ còn '
        "các dòng ấy. Quý chưa đủ đơn vị gửi được đánh dấu tạm thời. Đơn vị đã sáp nhập không được đánh giá.",
        "Each unit (area) is judged on one quarter: the latest one every unit has sent. The status and the "
        '"1 person = …", "Still needed", "Fragile" columns are on that row only; picking a status keeps '
        "those rows. A quarter not every unit has sent is marked provisional. Ended units are not judged.",
    ),
    # CLI
    "cli.status.provisional": (
        "tạm thời {period}: {sent}/{total} đơn vị",
        "provisional {period}: {sent}/{total} units",
    ),
    "cli.status.fragile": ("dễ đổi", "fragile"),
    "judgement.ended": ("(không còn; không đánh giá tới mục tiêu cuối)", "(ended; not judged toward the final target)"),
}
