"""The core part of the catalogue: validation issues, columns, statuses, store and CLI messages.

Sections: ``issue.*`` (validation codes, SPEC §6), ``col.*`` (column names for messages and export
headers), ``status.*`` (progress statuses), ``milestone.*``, ``ui.*`` (pages), ``cli.*``.
"""

from __future__ import annotations

CORE_MESSAGES: dict[str, tuple[str, str]] = {
    # ---- where an issue is ------------------------------------------------------------
    "loc.sheet_cell": ('Sheet "{sheet}", ô {cell}: ', 'Sheet "{sheet}", cell {cell}: '),
    "loc.sheet_row": ('Sheet "{sheet}", dòng {row}: ', 'Sheet "{sheet}", row {row}: '),
    "loc.sheet": ('Sheet "{sheet}": ', 'Sheet "{sheet}": '),
    "loc.file": ("", ""),
    # ---- errors -----------------------------------------------------------------------
    "issue.unreadable_file": (
        "Không đọc được tệp này ({detail}). Hãy lưu lại bằng Excel dưới dạng .xlsx rồi tải lên lại.",
        "This file cannot be read ({detail}). Save it again from Excel as .xlsx and upload it again.",
    ),
    "issue.encrypted_file": (
        "Tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.",
        "The file is password-protected. Open it in Excel, remove the password and save it again.",
    ),
    "issue.file_too_large": (
        "Tệp quá lớn ({detail}; giới hạn {limit}). Hãy xoá các sheet, ảnh không cần thiết hoặc tách tệp.",
        "The file is too large ({detail}; limit {limit}). Remove unneeded sheets or pictures, or split it.",
    ),
    "issue.no_data_sheet": (
        "Không tìm thấy bảng số liệu (dòng tiêu đề có 'Tên cơ quan, đơn vị', 'Lãnh đạo chủ chốt', "
        "'Cán bộ trong diện quy hoạch'…) trong 30 dòng đầu của bất kỳ sheet nào. Hãy dùng mẫu biểu của Hội.",
        "No data table found (a header row with the body name, key leaders and planning pool columns) "
        "in the first 30 rows of any sheet. Please use the union's template.",
    ),
    "issue.missing_column": (
        'thiếu cột "{column}". Hãy thêm cột này vào dòng tiêu đề (xem mẫu biểu).',
        'the column "{column}" is missing. Add it to the header row (see the template).',
    ),
    "issue.unknown_unit": (
        'không nhận ra đơn vị "{value}". Hãy ghi đúng mã hoặc tên đơn vị trong danh mục (ví dụ {example}).',
        'unit "{value}" is not in the register. Write the unit code or name from the register (e.g. {example}).',
    ),
    "issue.unit_not_active": (
        "đơn vị {unit} không tồn tại trong {period} (hiệu lực {valid}). Kiểm tra lại quý hoặc đơn vị{successor_hint}.",
        "unit {unit} does not exist in {period} (valid {valid}). Check the quarter or the unit{successor_hint}.",
    ),
    "issue.missing_period": (
        'không xác định được kỳ báo cáo. Ghi Năm và Quý ở sheet "Thông tin" (hoặc đặt tên tệp như HM-BD_2024Q3.xlsx).',
        'the reporting period is missing. Fill in Năm and Quý on the "Thông tin" sheet '
        "(or name the file like HM-BD_2024Q3.xlsx).",
    ),
    "issue.missing_unit": (
        'không xác định được đơn vị báo cáo. Ghi Mã đơn vị ở sheet "Thông tin" (hoặc đặt tên tệp như '
        "HM-BD_2024Q3.xlsx).",
        'the reporting unit is missing. Fill in Mã đơn vị on the "Thông tin" sheet '
        "(or name the file like HM-BD_2024Q3.xlsx).",
    ),
    "issue.invalid_period": (
        'kỳ báo cáo "{value}" không hợp lệ ({reason}). Quý phải từ 1 đến 4, năm từ 2020, và không sau hôm nay.',
        'the period "{value}" is invalid ({reason}). Quarter 1-4, year 2020 or later, not after today.',
    ),
    "issue.not_a_number": (
        '"{value}" ở cột {column} không phải là số. Hãy nhập một số nguyên (ví dụ 3).',
        '"{value}" in column {column} is not a number. Enter a whole number (e.g. 3).',
    ),
    "issue.not_whole_number": (
        "{value} ở cột {column} không phải là số nguyên. Số người phải là số nguyên.",
        "{value} in column {column} is not a whole number. Head counts must be whole numbers.",
    ),
    "issue.negative_number": (
        "{value} ở cột {column} là số âm. Hãy nhập số từ 0 trở lên.",
        "{value} in column {column} is negative. Enter 0 or more.",
    ),
    "issue.female_exceeds_total": (
        "số nữ ({value}) lớn hơn {total_name} ({total}).",
        "the number of women ({value}) is larger than {total_name} ({total}).",
    ),
    "issue.trained_exceeds_female": (
        "số nữ được đào tạo ({value}) lớn hơn số nữ trong diện quy hoạch ({total}).",
        "the number of trained women ({value}) is larger than the women in the planning pool ({total}).",
    ),
    "issue.duplicate_body": (
        'cơ quan "{value}" xuất hiện nhiều lần (cũng ở dòng {other_row}). Mỗi cơ quan chỉ ghi một dòng.',
        'body "{value}" appears more than once (also row {other_row}). List each body once.',
    ),
    "issue.unknown_body_type": (
        'loại cơ quan "{value}" không hợp lệ. Chọn một trong: {choices}.',
        'body type "{value}" is not valid. Choose one of: {choices}.',
    ),
    "issue.no_data_rows": (
        "bảng số liệu không có dòng cơ quan nào có số liệu. Hãy nhập ít nhất một cơ quan.",
        "the data table has no body rows with counts. Enter at least one body.",
    ),
    "issue.formula_without_value": (
        "ô có công thức ({value}) nhưng không có giá trị đã tính. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.",
        "the cell holds a formula ({value}) with no computed value. Open the file in Excel, save it and upload again.",
    ),
    "issue.error_value": (
        'công thức bị lỗi {value} ở cột "{column}": {reason}. Ô này không có số liệu: hãy gõ lại số đúng '
        "(hoặc sửa công thức) trong Excel, lưu lại rồi tải lên lại.",
        'the cell shows the Excel error {value} in column "{column}": {reason}. It holds no value: type the '
        "right number (or fix the formula) in Excel, save and upload again.",
    ),
    "issue.sheets_disagree": (
        "{what} ghi ở sheet này ({value}) khác với {other_place} ({other}). Các sheet của một bảng số liệu phải "
        "cùng đơn vị và cùng kỳ báo cáo: hãy sửa cho đúng, hoặc gửi mỗi đơn vị, mỗi quý một tệp riêng.",
        "the {what} written on this sheet ({value}) differs from {other_place} ({other}). The sheets of one data "
        "table must have the same unit and period: correct them, or send one file per unit and quarter.",
    ),
    "issue.duplicate_column": (
        'cột "{column}" có hai lần (cột {first} và cột {second}, kể cả cột đang bị ẩn) với số liệu khác nhau, nên '
        "không biết cột nào đúng. Hãy xoá cột thừa rồi lưu lại.",
        'the column "{column}" appears twice (columns {first} and {second}, hidden ones included) with different '
        "numbers, so which one is right cannot be told. Delete the extra column and save again.",
    ),
    "issue.merged_count": (
        'ô số liệu ở cột "{column}" được gộp qua nhiều cơ quan ({value}), nên không biết số này là của cơ quan '
        "nào. Hãy bỏ gộp ô (Merge & Center) và ghi số riêng cho từng cơ quan.",
        'a count cell of column "{column}" is merged over several bodies ({value}), so whose number it is cannot '
        "be told. Unmerge the cells and write each body's own number.",
    ),
    # ---- warnings -----------------------------------------------------------------------
    "issue.total_mismatch": (
        "dòng Tổng cộng ghi {value} nhưng tổng các dòng là {expected} (cột {column}). Dòng Tổng cộng không được "
        "dùng; hãy kiểm tra lại.",
        "the total row says {value} but the rows add up to {expected} (column {column}). The total row is not "
        "used; please check.",
    ),
    "issue.no_key_leaders": (
        'cơ quan "{value}" ({body_type}) có 0 lãnh đạo chủ chốt nên không được tính vào chỉ tiêu 1.',
        'body "{value}" ({body_type}) has 0 key leaders, so it is left out of indicator 1.',
    ),
    "issue.body_skipped": (
        'dòng "{value}" có tên nhưng không có số liệu nên bị bỏ qua.',
        'row "{value}" has a name but no counts, so it was skipped.',
    ),
    "issue.period_conflict": (
        "kỳ báo cáo ghi ở đây ({value}) khác với {other} ở {other_source}; dùng {used}.",
        "the period written here ({value}) differs from {other} in {other_source}; using {used}.",
    ),
    "issue.unit_conflict": (
        "đơn vị ghi ở đây ({value}) khác với {other} ở {other_source}; dùng {used}.",
        "the unit written here ({value}) differs from {other} in {other_source}; using {used}.",
    ),
    "issue.large_change": (
        "{indicator} của {unit} thay đổi {delta} điểm phần trăm so với {previous_period} ({previous} → {value}). "
        "Hãy kiểm tra lại số liệu.",
        "{indicator} of {unit} moves {delta} percentage points from {previous_period} ({previous} → {value}). "
        "Please check the figures.",
    ),
    "issue.replaces_submission": (
        "{unit} {period} đã có số liệu (lần nộp số {previous_id}, {previous_file}); lần nộp này sẽ thay thế "
        "(bản cũ vẫn được lưu trong lịch sử).",
        "{unit} {period} is already stored (submission {previous_id}, {previous_file}); this upload supersedes it "
        "(the old one stays in the history).",
    ),
    "issue.sheet_not_read": (
        'sheet này có một bảng số liệu nhưng không được đọc. Nếu cần nộp số liệu ở đây, hãy chép vào sheet "Số liệu".',
        'this sheet holds a data table that was not read. If its data must be submitted, copy it into the "Số liệu" '
        "sheet.",
    ),
    "issue.rows_after_table": (
        'dòng "{value}" và các dòng sau có số liệu nhưng nằm dưới phần ký tên (cuối bảng) nên không được đọc. '
        "Nếu đó là các cơ quan cần báo cáo, hãy chuyển lên trên phần ký tên.",
        'row "{value}" and the rows after it hold counts but lie below the signature block (the end of the table), '
        "so they were not read. If they are bodies to report, move them above the signatures.",
    ),
    "issue.missing_bodies": (
        "{unit}, {period}: thiếu {count} cơ quan so với {previous_period}: {names}. Nếu các cơ quan này vẫn còn, "
        "hãy bổ sung (kiểm tra các sheet, các trang của tệp); nếu đã giải thể, sáp nhập hay đổi tên thì bỏ qua "
        "cảnh báo này.",
        "{unit}, {period}: {count} bodies missing compared with {previous_period}: {names}. If they still exist, add "
        "them (check every sheet and page of the file); if they were dissolved, merged or renamed, ignore this "
        "warning.",
    ),
    "issue.fewer_bodies": (
        "{unit}, {period}: chỉ có {count} cơ quan, chưa bằng một nửa so với {previous_count} cơ quan của "
        "{previous_period}. Hãy kiểm tra tệp có đủ các sheet, các trang không trước khi lưu hoặc duyệt.",
        "{unit}, {period}: only {count} bodies, less than half of the {previous_count} of {previous_period}. Check "
        "that the file holds every sheet and page before storing or accepting it.",
    ),
    # ---- parts of issue messages (details, reasons, hints, message variants) -------------
    "issue.detail.empty": ("tệp rỗng", "the file is empty"),
    "issue.detail.not_spreadsheet": (
        "không phải sổ tính Excel (.xlsx, .xlsm, .xls) hay OpenDocument (.ods)",
        "not an Excel (.xlsx, .xlsm, .xls) or OpenDocument (.ods) spreadsheet",
    ),
    "issue.detail.text": (
        "tệp văn bản hoặc CSV, không phải sổ tính Excel",
        "a text or CSV file, not an Excel workbook",
    ),
    "issue.detail.pdf": ("tệp PDF, không phải sổ tính", "a PDF file, not a workbook"),
    "issue.detail.other_office": (
        "tài liệu Word/PowerPoint hoặc tệp nén khác, không phải sổ tính",
        "a Word/PowerPoint document or another archive, not a workbook",
    ),
    "issue.detail.xlsb": ("định dạng .xlsb không được hỗ trợ", "the .xlsb format is not supported"),
    "issue.detail.damaged": ("tệp bị hỏng hoặc không đầy đủ", "the file is damaged or incomplete"),
    "issue.detail.unsafe_xml": ("tệp chứa XML không an toàn", "the file contains unsafe XML"),
    "issue.detail.internal": (
        "chương trình gặp lỗi khi đọc tệp này; hãy gửi tệp cho người quản trị",
        "the program failed while reading this file; please send the file to the administrator",
    ),
    "issue.limit.upload": ("tệp {size} MB", "the file is {size} MB"),
    "issue.limit.expanded": ("giải nén ra {size} MB", "it expands to {size} MB"),
    "issue.limit.entries": ("{count} phần trong tệp nén", "{count} parts in the archive"),
    "issue.limit.ratio": ('phần "{name}" giãn ra {ratio} lần khi giải nén', 'part "{name}" expands {ratio} times'),
    "issue.limit.cells": ("các sheet trải trên {count} ô", "the sheets span {count} cells"),
    "issue.limit.max_upload": ("{size} MB", "{size} MB"),
    "issue.limit.max_expanded": ("{size} MB khi giải nén", "{size} MB expanded"),
    "issue.limit.max_entries": ("{count} phần", "{count} parts"),
    "issue.limit.max_cells": ("{count} ô", "{count} cells"),
    "issue.limit.max_ratio": ("{ratio} lần cho mỗi phần", "{ratio} times per part"),
    "issue.reason.not_a_period": ("không đọc được quý, ví dụ 2024Q3", "not a quarter, e.g. 2024Q3"),
    "issue.reason.quarter": ("quý {quarter} không có", "there is no quarter {quarter}"),
    "issue.reason.year": ("năm trước {min_year}", "the year is before {min_year}"),
    "issue.reason.future": ("quý này bắt đầu sau ngày {today}", "the quarter starts after {today}"),
    "issue.hint.successor": (
        "; từ {start}, đơn vị này đã sáp nhập vào {name} ({code})",
        "; from {start} it was merged into {name} ({code})",
    ),
    "issue.hint.predecessors": (
        "; trước {start}, hãy báo cáo theo đơn vị cũ ({codes})",
        "; before {start}, report for the former units ({codes})",
    ),
    "issue.unknown_unit.area": (
        '"{value}" là khu vực, không phải đơn vị báo cáo. Hãy ghi mã của đơn vị (xã, thị trấn, khối cơ quan…), '
        "ví dụ {example}.",
        '"{value}" is an area, not a reporting unit. Write the code of the unit (commune, town, agency bloc…), '
        "e.g. {example}.",
    ),
    "issue.period_conflict.file_name": (
        "kỳ báo cáo trong tên tệp ({value}) khác với {other} ở {other_source}; dùng {used}.",
        "the period in the file name ({value}) differs from {other} in {other_source}; using {used}.",
    ),
    "issue.unit_conflict.file_name": (
        "đơn vị trong tên tệp ({value}) khác với {other} ở {other_source}; dùng {used}.",
        "the unit in the file name ({value}) differs from {other} in {other_source}; using {used}.",
    ),
    "issue.body_skipped.no_name": (
        "dòng có số liệu nhưng không có tên cơ quan nên bị bỏ qua. Nếu đây là một cơ quan, hãy ghi tên.",
        "the row has counts but no body name, so it was skipped. If it is a body, write its name.",
    ),
    "issue.unknown_body_type.empty": (
        'chưa ghi loại cơ quan của "{name}". Chọn một trong: {choices}.',
        'the body type of "{name}" is empty. Choose one of: {choices}.',
    ),
    "issue.duplicate_body.other_sheet": (
        'cơ quan "{value}" xuất hiện nhiều lần (cũng ở sheet "{other_sheet}", dòng {other_row}). Mỗi cơ quan chỉ '
        "ghi một dòng.",
        'body "{value}" appears more than once (also on sheet "{other_sheet}", row {other_row}). List each body once.',
    ),
    "issue.missing_period.not_quarter_end": (
        'ngày "{value}" không phải ngày cuối quý (31/3, 30/6, 30/9, 31/12) nên không xác định được kỳ báo cáo. '
        'Ghi Năm và Quý ở sheet "Thông tin" (hoặc "Số liệu tính đến ngày 30/09/2026", hoặc đặt tên tệp như '
        "HM-BD_2024Q3.xlsx).",
        'the date "{value}" is not the last day of a quarter (31/3, 30/6, 30/9, 31/12), so it names no period. '
        'Fill in Năm and Quý on the "Thông tin" sheet (or write "Số liệu tính đến ngày 30/09/2026", or name the '
        "file like HM-BD_2024Q3.xlsx).",
    ),
    "issue.sheet_not_read.hidden": (
        "sheet này đang bị ẩn và có một bảng số liệu nên không được đọc. Nếu cần nộp số liệu ở đây, hãy bỏ ẩn sheet "
        '(chuột phải vào tên sheet › Bỏ ẩn) hoặc chép vào sheet "Số liệu".',
        "this sheet is hidden and holds a data table, so it was not read. If its data must be submitted, unhide it "
        '(right-click a sheet tab › Unhide) or copy it into the "Số liệu" sheet.',
    ),
    "issue.sheet_not_read.other_table": (
        "sheet này có một bảng số liệu khác mẫu (các cột khác với bảng được đọc) nên không được đọc. Nếu cần nộp số "
        'liệu ở đây, hãy chép vào sheet "Số liệu" theo mẫu.',
        "this sheet holds a data table of other columns than the table that was read, so it was not read. If its "
        'data must be submitted, copy it into the "Số liệu" sheet of the template.',
    ),
    "issue.sheet_not_read.copy": (
        'sheet này ghi lại các cơ quan đã có ở sheet "{other_sheet}" (một bản sao hoặc bản cũ) nên không được đọc; '
        'chỉ sheet "{other_sheet}" được đọc. Nếu số liệu đúng nằm ở sheet này, hãy chép vào sheet "{other_sheet}".',
        'this sheet lists the bodies of sheet "{other_sheet}" again (a copy or an old version), so it was not read; '
        'only sheet "{other_sheet}" was. If the right figures are on this sheet, copy them into "{other_sheet}".',
    ),
    "issue.sheet_not_read.summary": (
        'sheet này ghi lại đúng các cơ quan và số liệu của các sheet "{other_sheet}" (một bảng tổng hợp) nên '
        "không được đọc, để không tính hai lần.",
        'this sheet lists exactly the bodies and figures of the sheets "{other_sheet}" (a summary), so it was not '
        "read, so as not to count them twice.",
    ),
    "issue.sheets_disagree.period": ("kỳ báo cáo", "period"),
    "issue.place.sheet": ('sheet "{sheet}"', 'sheet "{sheet}"'),
    "issue.sheets_disagree.unit": ("đơn vị", "unit"),
    "issue.more_bodies": (" và {n} cơ quan khác", " and {n} more"),
    "issue.error.ref": ("ô nguồn của công thức đã bị xoá", "a cell the formula used has been deleted"),
    "issue.error.div0": ("công thức chia cho 0 hoặc cho một ô trống", "the formula divides by zero or an empty cell"),
    "issue.error.value": ("công thức dùng một ô chữ thay cho số", "the formula uses text where a number is needed"),
    "issue.error.na": ("công thức tra cứu không tìm thấy giá trị", "a lookup in the formula found no value"),
    "issue.error.name": ("công thức có tên hàm hoặc tên vùng không đúng", "the formula has a wrong function or name"),
    "issue.error.num": ("công thức cho ra một số không hợp lệ", "the formula gives an invalid number"),
    "issue.error.null": ("công thức ghi hai vùng không giao nhau", "the formula names two ranges that do not meet"),
    "issue.error.spill": (
        "kết quả công thức tràn sang ô đã có dữ liệu",
        "the formula's result spills into cells that hold data",
    ),
    "issue.error.calc": ("công thức không tính được", "the formula cannot be calculated"),
    "issue.error.other": ("ô có giá trị lỗi thay cho số liệu", "the cell holds an error value instead of data"),
    # ---- column names, for messages and export headers ---------------------------------
    "col.body_name": ("Tên cơ quan, đơn vị", "Body name"),
    "col.body_type": ("Loại cơ quan", "Body type"),
    "col.key_leaders": ("Lãnh đạo chủ chốt - Tổng số", "Key leaders - total"),
    "col.key_leaders_female": ("Lãnh đạo chủ chốt - Trong đó nữ", "Key leaders - women"),
    "col.pool_total": ("Cán bộ trong diện quy hoạch - Tổng số", "Planning pool - total"),
    "col.pool_female": ("Cán bộ trong diện quy hoạch - Trong đó nữ", "Planning pool - women"),
    "col.pool_female_trained": ("Nữ được đào tạo, bồi dưỡng", "Women in the pool trained"),
    "col.note": ("Ghi chú", "Note"),
    "col.unit": ("Mã đơn vị", "Unit code"),
    "col.unit_name": ("Tên đơn vị", "Unit name"),
    "col.period": ("Kỳ báo cáo", "Period"),
    "col.year": ("Năm", "Year"),
    "col.quarter": ("Quý", "Quarter"),
    "col.as_of": ("Số liệu tính đến ngày", "Data as of"),
    "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.numerator": ("Tử số", "Numerator"),
    "col.denominator": ("Mẫu số", "Denominator"),
    "col.value": ("Giá trị (%)", "Value (%)"),
    "col.reconstructed": ("Dựng lại từ đơn vị cũ", "Reconstructed"),
    "col.status": ("Tình trạng", "Status"),
    "col.code": ("Mã lỗi", "Code"),
    "col.severity": ("Mức độ", "Severity"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.cell": ("Ô", "Cell"),
    "col.message": ("Nội dung", "Message"),
    "col.file": ("Tệp", "File"),
    "total.key_leaders": ("tổng số lãnh đạo chủ chốt", "the total number of key leaders"),
    "total.pool_total": ("tổng số cán bộ trong diện quy hoạch", "the total planning pool"),
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "source.per_row": ("cột trên từng dòng", "the per-row columns"),
    "source.info_sheet": ('sheet "Thông tin"', 'the "Thông tin" sheet'),
    "source.title_block": ("phần tiêu đề của bảng", "the title block of the table"),
    "source.file_name": ("tên tệp", "the file name"),
    # ---- progress --------------------------------------------------------------------
    "status.achieved": ("Đã đạt", "Achieved"),
    "status.insufficient_data": ("Chưa đủ dữ liệu", "Insufficient data"),
    "status.on_track": ("Đúng tiến độ", "On track"),
    "status.needs_acceleration": ("Cần tăng tốc", "Needs acceleration"),
    "status.limited_progress": ("Tiến bộ chậm", "Limited progress"),
    "status.deteriorating": ("Đang giảm", "Deteriorating"),
    "progress.method": (
        "Cách đánh giá tiến độ. Tốc độ thực tế là độ dốc của đường thẳng khớp nhất (bình phương nhỏ nhất) qua "
        "các giá trị của {window} quý gần nhất, tính bằng điểm phần trăm mỗi năm; cần ít nhất {min_points} "
        "giá trị. Tốc độ cần thiết là khoảng còn thiếu so với chỉ tiêu cuối cùng chia cho số năm còn lại đến "
        "quý IV của năm đó. Tỷ số R = tốc độ thực tế / tốc độ cần thiết: R ≥ {on_track} là đúng tiến độ, từ "
        "{accelerate} đến dưới {on_track} là cần tăng tốc, từ {limited} đến dưới {accelerate} là tiến bộ "
        "chậm, dưới {limited} là đang giảm. Đã đạt chỉ tiêu cuối cùng thì là đã đạt. Các ngưỡng theo thước đo "
        "tiến độ Open SDG (Cơ quan Thống kê Canada); dùng tốc độ tuyến tính (điểm phần trăm/năm) thay cho tốc "
        "độ tăng trưởng kép vì các chỉ tiêu là tỷ lệ, không vượt quá 100%. Mỗi mốc được xét theo giá trị quý "
        "IV của năm mốc (thiếu quý IV thì lấy quý gần nhất có số liệu trong năm đó, có ghi chú); giá trị bằng "
        "hoặc cao hơn chỉ tiêu là đạt.",
        "How progress is assessed. The observed rate is the slope of the best-fitting straight line (least "
        "squares) through the values of the last {window} quarters, in percentage points per year; at least "
        "{min_points} values are needed. The required rate is the distance still to go to the final target "
        "divided by the years left until Q4 of its year. The ratio R = observed rate / required rate: R ≥ "
        "{on_track} is on track, {accelerate} to below {on_track} needs acceleration, {limited} to below "
        "{accelerate} is limited progress, below {limited} is deteriorating. A series already at or above the "
        "final target has achieved it. The thresholds are those of the Open SDG progress measure (Statistics "
        "Canada); a linear rate in percentage points replaces its compound growth rate because the indicators "
        "are shares bounded by 100%. Each milestone is judged on the Q4 value of its year (if Q4 is missing, "
        "on the latest quarter of that year with data, flagged); a value at or above the target meets it.",
    ),
    "milestone.met": ("Đạt", "Met"),
    "milestone.not_met": ("Không đạt", "Not met"),
    "milestone.no_data": ("Không có số liệu", "No data"),
    # ---- charts (charts.py) ---------------------------------------------------------------
    "chart.actual": ("Số liệu báo cáo", "Reported values"),
    "chart.reconstructed": (
        "Dựng lại từ các đơn vị cũ (trước 7/2025)",
        "Reconstructed from former units (before 7/2025)",
    ),
    "chart.required_path": ("Lộ trình cần đạt", "Required path"),
    "chart.projection": ("Dự báo theo xu hướng", "Trend projection"),
    "chart.target_trace": ("Mục tiêu {year} ({value})", "Target {year} ({value})"),
    "chart.target_label": ("Mục tiêu {year}: {value}", "Target {year}: {value}"),
    "chart.milestone_hover": ("Mốc {period}: mục tiêu {value}", "Milestone {period}: target {value}"),
    "chart.reorganisation": ("Sắp xếp đơn vị hành chính 1/7/2025", "Administrative reorganisation 1/7/2025"),
    "chart.hover": (
        "{period}: {value} ({numerator}/{denominator} {unit})",
        "{period}: {value} ({numerator}/{denominator} {unit})",
    ),
    "chart.hover_no_counts": ("{period}: {value}", "{period}: {value}"),
    "chart.hover_reconstructed": ("dựng lại từ các đơn vị cũ", "reconstructed from former units"),
    "chart.hover_required": ("Cần đạt {period}: {value}", "Required by {period}: {value}"),
    "chart.hover_projection": ("Dự báo {period}: {value}", "Projected {period}: {value}"),
    "chart.hover_unit": ("{unit} · {text}", "{unit} · {text}"),
    "chart.hover_status": ("{text} — {status}", "{text} — {status}"),
    "chart.title_unit": ("{indicator} — {unit}", "{indicator} — {unit}"),
    "chart.no_data": ("Chưa có số liệu", "No data yet"),
    "chart.band.below": ("Dưới mục tiêu {year} (< {value})", "Below the {year} target (< {value})"),
    "chart.band.between": (
        "Đạt mục tiêu {first_year}, chưa đạt {final_year}",
        "Meets {first_year}, not yet {final_year}",
    ),
    "chart.band.final": ("Đạt mục tiêu {year} (≥ {value})", "Meets the {year} target (≥ {value})"),
    "chart.ranking_title": ("{ranked} — {indicator} ({period})", "{ranked} — {indicator} ({period})"),
    "chart.ranking_title_no_period": ("{ranked} — {indicator}", "{ranked} — {indicator}"),
    "chart.ranked.units": ("Xếp hạng đơn vị", "Units ranked"),
    "chart.ranked.areas": ("Xếp hạng khu vực", "Areas ranked"),
    "chart.heatmap_title": ("{indicator} theo quý", "{indicator} by quarter"),
    "chart.heatmap_note": (
        "* dựng lại từ các đơn vị cũ (trước 7/2025)",
        "* reconstructed from former units (before 7/2025)",
    ),
    "chart.small_multiples_title": ("{indicator} — từng đơn vị", "{indicator} — unit by unit"),
    "chart.file.trajectory": ("lo-trinh", "trajectory"),
    "chart.file.sparkline": ("xu-huong", "trend"),
    "chart.file.ranking": ("xep-hang", "ranking"),
    "chart.file.heatmap": ("bang-mau-theo-quy", "heatmap"),
    "chart.file.small_multiples": ("tung-don-vi", "by-unit"),
    # ---- exports (exports.py) -------------------------------------------------------------
    "export.info_sheet": ("Thông tin trích xuất", "Export info"),
    "export.info_item": ("Mục", "Item"),
    "export.info_value": ("Giá trị", "Value"),
    "export.yes": ("Có", "Yes"),
    "export.no": ("Không", "No"),
    "export.meta.filters": ("Bộ lọc", "Filters"),
    "export.meta.units": ("Đơn vị", "Units"),
    "export.meta.indicators": ("Chỉ tiêu", "Indicators"),
    "export.meta.from": ("Từ quý", "From quarter"),
    "export.meta.to": ("Đến quý", "To quarter"),
    "export.meta.data_version": ("Phiên bản dữ liệu", "Data version"),
    "export.meta.source": ("Nguồn dữ liệu", "Data source"),
    "export.meta.generated_at": ("Thời điểm trích xuất", "Generated at"),
    "export.meta.app_version": ("Phiên bản phần mềm", "App version"),
    "export.meta.rows": ("Số dòng", "Rows"),
    "export.meta.language": ("Ngôn ngữ", "Language"),
    "export.meta.note": ("Ghi chú", "Note"),
    "export.meta.percent_note": (
        "Tỷ lệ (%) lưu dưới dạng số phần trăm chưa làm tròn (58,33 nghĩa là 58,33%); ô trống: không có số liệu.",
        "Shares (%) are stored as unrounded percent numbers (58.33 means 58.33%); empty cell: no value.",
    ),
    "export.col.is_area": ("Khu vực (tổng hợp)", "Area total"),
    "export.col.indicator_name": ("Tên chỉ tiêu", "Indicator name"),
    "export.col.period_label": ("Quý", "Quarter"),
    "export.col.year": ("Năm", "Year"),
    "export.col.target_percent": ("Mục tiêu (%)", "Target (%)"),
    "export.col.target": ("Mục tiêu (%)", "Target (%)"),
    "export.col.active": ("Đang hoạt động", "Active"),
    "export.col.observed_rate": ("Tốc độ thực tế (điểm %/năm)", "Observed rate (points/year)"),
    "export.col.required_rate": ("Tốc độ cần đạt (điểm %/năm)", "Required rate (points/year)"),
    "export.col.projection": ("Dự báo (%)", "Projection (%)"),
    "export.col.gap": ("Khoảng cách đến mục tiêu (điểm %)", "Gap to target (points)"),
    "export.col.next_milestone_year": ("Mốc tiếp theo", "Next milestone"),
    "export.col.milestones": ("Các mốc", "Milestones"),
    "export.col.result": ("Kết quả", "Result"),
    "export.col.submission_id": ("Lần nộp số", "Submission"),
    "export.col.submitted_at": ("Thời điểm nộp", "Submitted at"),
    "export.col.submitted_by": ("Người nộp", "Submitted by"),
    "export.col.bodies": ("Số cơ quan", "Bodies"),
    "export.col.value_found": ("Giá trị ghi trong tệp", "Value found"),
    "export.sheet.indicators": ("Chỉ tiêu", "Indicators"),
    "export.sheet.status": ("Tiến độ", "Progress"),
    "export.sheet.issues": ("Kết quả kiểm tra", "Validation report"),
    "export.file.indicators": ("chi-tieu-nu-lanh-dao", "women-leadership-indicators"),
    "export.file.status": ("tien-do-chi-tieu", "target-progress"),
    "export.file.issues": ("ket-qua-kiem-tra", "validation-report"),
    "export.issues.files": ("Số tệp", "Files"),
    "export.issues.errors": ("Số lỗi", "Errors"),
    "export.issues.warnings": ("Số cảnh báo", "Warnings"),
    # ---- store (store/, sample.py) ------------------------------------------------------------
    "store.damaged": (
        "Tệp cơ sở dữ liệu {path} bị hỏng hoặc không phải là cơ sở dữ liệu của ứng dụng ({detail}). Tệp không bị "
        "thay đổi. Hãy khôi phục từ bản sao lưu, hoặc chọn một tệp khác (--db / GENDER_TARGETS_DB).",
        "The database file {path} is damaged or is not a database of this application ({detail}). The file was "
        "not changed. Restore it from a backup, or choose another file (--db / GENDER_TARGETS_DB).",
    ),
    "store.newer_version": (
        "Cơ sở dữ liệu {path} có phiên bản cấu trúc {found}, mới hơn phiên bản phần mềm này biết ({known}). "
        "Không có gì bị ghi. Hãy cập nhật phần mềm.",
        "The database {path} has schema version {found}, newer than this software knows ({known}). Nothing was "
        "written. Please update the software.",
    ),
    "store.no_register": (
        "Chưa có danh mục đơn vị trong cơ sở dữ liệu. Hãy nạp danh mục (tệp units.csv) trước.",
        "No unit register is stored yet. Load the register (units.csv) first.",
    ),
    "store.register_orphans": (
        "Không lưu được danh mục đơn vị mới: số liệu đã lưu của các đơn vị sau sẽ không còn thuộc đơn vị nào "
        "(mã không còn trong danh mục, hoặc quý nằm ngoài thời gian hiệu lực): {items}.",
        "The new unit register was not saved: stored submissions of these units would be orphaned (code missing "
        "from the register, or quarter outside the unit's validity): {items}.",
    ),
    "store.targets_invalid": (
        "Bảng chỉ tiêu không hợp lệ: {items}.",
        "The targets table is invalid: {items}.",
    ),
    "store.not_found": ("Không có lần nộp số {id}.", "There is no submission {id}."),
    "store.not_active": (
        'Lần nộp số {id} đang ở trạng thái "{status_vi}"; chỉ hoàn tác được lần nộp đang dùng.',
        'Submission {id} is "{status_en}"; only the active submission can be rolled back.',
    ),
    "store.duplicate_unit_period": (
        "Tệp có nhiều phần số liệu cho cùng đơn vị và quý: {items}.",
        "The file holds more than one set of rows for the same unit and quarter: {items}.",
    ),
    "store.unit_gone": (
        "Danh mục đơn vị vừa thay đổi; các đơn vị, quý sau không còn hợp lệ: {items}. Hãy kiểm tra lại tệp.",
        "The unit register has just changed; these units and quarters are no longer valid: {items}. "
        "Check the file again.",
    ),
    "store.sample_not_empty": (
        "Chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống (hiện đã có số liệu).",
        "Sample data can only be loaded into an empty database (this one holds data).",
    ),
    "store.sample_missing": ("Không tìm thấy tệp dữ liệu mẫu {path}.", "Sample file {path} not found."),
    "store.sample_invalid": (
        "Tệp dữ liệu mẫu {file} có lỗi nên không được nạp: {errors_vi}",
        "Sample file {file} has errors and was not loaded: {errors_en}",
    ),
    "store.status.active": ("Đang dùng", "Active"),
    "store.status.superseded": ("Đã được thay thế", "Superseded"),
    "store.status.rolled_back": ("Đã hoàn tác", "Rolled back"),
    "store.action.import": ("Nhập số liệu", "Import"),
    "store.action.rollback": ("Hoàn tác", "Rollback"),
    "store.action.register_change": ("Sửa danh mục đơn vị", "Register change"),
    "store.action.targets_change": ("Sửa chỉ tiêu", "Targets change"),
    "store.action.sample_load": ("Nạp dữ liệu mẫu", "Sample data loaded"),
    "store.action.sample_remove": ("Xoá dữ liệu mẫu", "Sample data removed"),
    # ---- command line (cli.py: status, history, rollback) ------------------------------------
    "cli.no_value": ("—", "—"),
    "cli.status.ended": ("(đã giải thể)", "(ended)"),
    "cli.history.empty": ("Chưa có lần nộp nào.", "No submissions yet."),
    "cli.rollback.done": ("Đã hoàn tác lần nộp #{id}.", "Submission #{id} rolled back."),
}

CORE_MESSAGES.update(
    {
        "error.error": ("Đã có lỗi.", "Something went wrong."),
        "error.usage": ("Lệnh không đúng: {detail}", "Wrong usage: {detail}"),
        "error.permission_denied": (
            "Tài khoản của bạn không có quyền làm việc này ({action}).",
            "Your account is not allowed to do this ({action}).",
        ),
    }
)
