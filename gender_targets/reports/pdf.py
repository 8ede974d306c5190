"""PDF from the Word report through LibreOffice (``soffice --headless --convert-to pdf``).

Each conversion runs with its own LibreOffice profile folder (so two conversions at once, or an
office suite open on the same machine, cannot block each other) and a time limit; the whole
process group is killed on time-out. No LibreOffice → ``GenderTargetsError("report_no_soffice")``;
a failed or timed-out conversion → ``report_pdf_failed``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PDF_TIMEOUT_S", "docx_to_pdf", "find_soffice"]

PDF_TIMEOUT_S = float(os.environ.get("GENDER_TARGETS_PDF_TIMEOUT", "180"))


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in (
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ):
        if os.path.exists(path):
            return path
    return None


def docx_to_pdf(docx: bytes, *, timeout: float | None = None) -> bytes:
    from ..errors import GenderTargetsError

    soffice = find_soffice()
    if soffice is None:
        raise GenderTargetsError("report_no_soffice")
    with tempfile.TemporaryDirectory(prefix="gt-report-") as tmp:
        src = Path(tmp) / "bao-cao.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "profile"
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _out, err = proc.communicate(timeout=timeout or PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                proc.kill()
            proc.wait(timeout=10)
            raise GenderTargetsError("report_pdf_failed", detail="timeout") from None
        pdf = Path(tmp) / "bao-cao.pdf"
        if proc.returncode != 0 or not pdf.exists():
            raise GenderTargetsError("report_pdf_failed", detail=err.decode(errors="replace")[-500:])
        return pdf.read_bytes()
