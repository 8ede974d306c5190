"""Reading: untrusted bytes in, a workbook's cells and the raw body table out; no rules.

- ``sandbox.read_workbook``: the only door for uploaded bytes — a child process with memory and
  time limits; a crash there is an issue code, never the end of the server.
- ``container``: zip / OLE2 / ODS checks that follow the file's own relationships, streaming.
- ``cells``: calamine's cells as plain rows (run in the child).
- ``cached``: what calamine does not tell — Excel error values and formulas without a value.
- ``legacy``: Vietnamese typed with the old TCVN3 fonts, turned back into Unicode.
- ``grid``: the plain data sent back (``WorkbookCells``, ``SheetCells``, ``CellError``) and how a
  value reads (numbers typed as text, error values, NFC text).
- ``header``: which row is the header, what each column is (abbreviations included), which sheets
  are read (a table split over sheets).
- ``sources``: where the unit and the period are written (per-row, "Thông tin", title, file name,
  a quarter-end date).
- ``table``: the rows under the header as a raw frame with the source cell of every value; printed
  pages, groups, subtotals and totals found; sheets set aside.
"""

from __future__ import annotations

from .container import MAX_CELLS, MAX_UPLOAD_BYTES, FileRejected
from .sandbox import ReaderBug, read_workbook

__all__ = ["MAX_CELLS", "MAX_UPLOAD_BYTES", "FileRejected", "ReaderBug", "read_workbook"]
