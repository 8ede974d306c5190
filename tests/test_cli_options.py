"""Command-line options before or after the command, and the error family's exit statuses (SPEC §8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gender_targets.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
UNITS = str(SAMPLE / "units.csv")
UPLOAD = str(sorted((SAMPLE / "upload_2026Q3").glob("*.xlsx"))[0])


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "--units", UNITS, "import", UPLOAD, "--json"],
        ["import", "--db", "{db}", "--units", UNITS, UPLOAD, "--json"],
        ["--db", "{db}", "import", "--units", UNITS, UPLOAD, "--json"],
        ["--units", UNITS, "import", UPLOAD, "--db", "{db}", "--json"],
    ],
    ids=["both-before", "both-after", "db-before", "db-last"],
)
def test_options_before_or_after_the_command(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)  # a default database would appear here as data/gender_targets.db
    db = tmp_path / "chosen.db"
    assert main([a.replace("{db}", str(db)) for a in argv]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["submissions"][0]["id"] >= 1
    assert db.exists()
    assert not (tmp_path / "data").exists()
    # the history of the chosen database holds the submission, whichever side --db stood on
    assert main(["--db", str(db), "history", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_lang_before_the_command(tmp_path, capsys):
    code = main(["--lang", "en", "check", "--db", str(tmp_path / "none.db"), UPLOAD])
    assert code == 2  # no register anywhere: bad usage
    assert "No unit register" in capsys.readouterr().err


def test_python_dash_m_with_options_first(tmp_path):
    db = tmp_path / "x.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("GENDER_TARGETS_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "gender_targets", "--db", str(db), "--units", UNITS, "import", UPLOAD],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert db.exists() and not (tmp_path / "data").exists()


def test_register_error_exits_1_with_catalogue_words(tmp_path, capsys):
    bad = tmp_path / "units.csv"
    bad.write_text("code,name\nX,Y\n", encoding="utf-8")
    code = main(["check", "--units", str(bad), "--db", str(tmp_path / "n.db"), UPLOAD])
    err = capsys.readouterr().err
    assert code == 1
    assert "Danh mục đơn vị thiếu cột" in err and "Traceback" not in err


def test_missing_file_is_usage(tmp_path, capsys):
    code = main(["check", "--units", UNITS, str(tmp_path / "nope.xlsx")])
    assert code == 2
    assert "nope.xlsx" in capsys.readouterr().err
