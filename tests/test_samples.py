"""The sample data: reproducible, readable, and each bad file wrong in exactly one way."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import sys
from pathlib import Path

import pandas as pd
import pytest

from gender_targets.indicators import aggregate_bodies, ratio
from gender_targets.schema import COUNT_COLUMNS
from gender_targets.validation import ERROR_CODES, WARNING_CODES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
TODAY = dt.date(2026, 11, 24)

UPLOADS = {
    "X-HM_2026Q3.xlsx": "X-HM",
    "X-XTS_2026Q3.xlsx": "X-XTS",
    "X-DT 2026 Q3.xlsx": "X-DT",
    "Bà Điểm - Quý 3 - 2026.xlsx": "X-BD",
}
EXPECTED = list(csv.DictReader((SAMPLE / "invalid" / "expected.csv").open(encoding="utf-8")))
HISTORY_COLUMNS = {
    "Mã đơn vị": "unit",
    "Kỳ báo cáo": "period",
    "Loại cơ quan": "body_type",
    "Số lãnh đạo chủ chốt": "key_leaders",
    "Số lãnh đạo chủ chốt là nữ": "key_leaders_female",
    "Số cán bộ trong diện quy hoạch": "pool_total",
    "Số nữ trong diện quy hoạch": "pool_female",
    "Số nữ được đào tạo, tập huấn": "pool_female_trained",
}


def _load_generator():
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("sample_generate", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _load_generator()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory, generator):
    out = tmp_path_factory.mktemp("samples")
    generator.generate(out, quiet=True)
    return out


@pytest.fixture(scope="module")
def model_rows(generator, sample_register) -> pd.DataFrame:
    return generator.simulate(sample_register)


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    frame = pd.read_excel(SAMPLE / "history_2021Q4_2026Q2.xlsx")
    return frame.rename(columns=HISTORY_COLUMNS)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.slow
def test_generator_reproduces_the_committed_files(regenerated):
    committed = [f for f in _files(SAMPLE) if f != "generate.py" and "__pycache__" not in f]
    assert _files(regenerated) == committed
    for name in committed:
        assert (regenerated / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_every_invalid_file_is_listed_once():
    listed = [r["file"] for r in EXPECTED]
    on_disk = sorted(p.name for p in (SAMPLE / "invalid").iterdir() if p.name != "expected.csv")
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)
    for r in EXPECTED:
        assert r["severity"] in ("error", "warning")
        assert r["code"] in (ERROR_CODES if r["severity"] == "error" else WARNING_CODES)
    assert {r["code"] for r in EXPECTED if r["severity"] == "error"} == set(ERROR_CODES)


def test_readme_names_every_sample_file():
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    for name in _files(SAMPLE):
        if name.endswith((".py", ".pyc")) or "__pycache__" in name:
            continue
        assert Path(name).name in readme or Path(name).parent.name + "/" in readme, name


def test_history_shape(history, generator):
    assert set(history["unit"]) == {*generator.OLD_UNITS, generator.AGENCIES, *generator.NEW_UNITS}
    pairs = set(zip(history["unit"], history["period"], strict=True))
    assert not pairs & generator.MISSING
    assert 3 <= len(generator.MISSING) <= 5
    old = {(u, str(p)) for u in [*generator.OLD_UNITS, generator.AGENCIES] for p in generator.QUARTERS[:15]}
    new = {(u, str(p)) for u in generator.NEW_UNITS for p in generator.QUARTERS[15:19]}
    assert pairs == (old | new) - generator.MISSING
    assert (history[COUNT_COLUMNS] >= 0).all().all()
    assert (history["key_leaders_female"] <= history["key_leaders"]).all()
    assert (history["pool_female"] <= history["pool_total"]).all()
    assert (history["pool_female_trained"] <= history["pool_female"]).all()
    assert history["pool_total"].between(3, 15).all()
    per_unit = history.groupby(["unit", "period"]).size()
    assert per_unit.min() >= 8


def _area(frame: pd.DataFrame) -> pd.DataFrame:
    agg = aggregate_bodies(frame.assign(area="HM"), ("area", "period"))
    for ind in ("I1", "I2", "I3"):
        agg[ind] = ratio(agg[f"{ind}_num"], agg[f"{ind}_den"])
    return agg.set_index("period")


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2021Q4", (45, 33, 55)), ("2025Q4", (60, 40, 73))],
)
def test_area_indicators_near_the_story(history, period, expected):
    area = _area(history)
    for ind, target in zip(("I1", "I2", "I3"), expected, strict=True):
        assert area.loc[period, ind] == pytest.approx(target, abs=3), (period, ind)


def test_area_keeps_climbing_slowly_to_2026Q2(history):
    area = _area(history)
    for ind in ("I2", "I3"):
        assert area.loc["2026Q2", ind] >= area.loc["2025Q4", ind] - 1
        assert area.loc["2026Q2", ind] - area.loc["2025Q4", ind] < 5


def test_no_unit_moves_more_than_25_points(history):
    agg = aggregate_bodies(history, ("unit", "period")).sort_values(["unit", "period"])
    for ind in ("I1", "I2", "I3"):
        agg[ind] = ratio(agg[f"{ind}_num"], agg[f"{ind}_den"])
        steps = agg.groupby("unit")[ind].diff().abs()
        assert steps.max() <= 25, ind


def test_lagging_units_fall_behind(history):
    agg = aggregate_bodies(history, ("unit", "period"))
    for ind in ("I2", "I3"):
        agg[ind] = ratio(agg[f"{ind}_num"], agg[f"{ind}_den"])
    v = agg.set_index(["unit", "period"])
    for ind in ("I2", "I3"):
        assert v.loc[("HM-TTN", "2025Q2"), ind] <= v.loc[("HM-TTN", "2021Q4"), ind] + 1
        assert v.loc[("X-XTS", "2026Q2"), ind] <= v.loc[("X-XTS", "2025Q3"), ind] + 1
        others = [v.loc[(u, "2026Q2"), ind] for u in ("X-HM", "X-DT", "X-BD")]
        assert v.loc[("X-XTS", "2026Q2"), ind] < min(others)


# ---- through the reader ------------------------------------------------------------------------
def _check(path: Path, register):
    from gender_targets.intake import check_file

    return check_file(path.read_bytes(), path.name, register, today=TODAY)


def test_history_reads_as_one_submission_per_unit_quarter(sample_register, history):
    report = _check(SAMPLE / "history_2021Q4_2026Q2.xlsx", sample_register)
    assert report.errors == []
    got = {(s.unit, str(s.period)): len(s.bodies) for s in report.submissions}
    want = history.groupby(["unit", "period"]).size().to_dict()
    assert got == want
    assert {w.code for w in report.warnings} <= {"no_key_leaders"}
    vacancies = history[
        history["body_type"].isin(["HĐND", "UBND", "Cơ quan chuyên môn"]) & (history["key_leaders"] == 0)
    ]
    assert len([w for w in report.warnings if w.code == "no_key_leaders"]) == len(vacancies)
    bodies = pd.concat([s.bodies.assign(unit=s.unit, period=str(s.period)) for s in report.submissions])
    assert bodies[COUNT_COLUMNS].sum().to_dict() == history[COUNT_COLUMNS].sum().to_dict()


@pytest.mark.parametrize("name", sorted(UPLOADS))
def test_upload_samples_are_clean(sample_register, generator, model_rows, name):
    report = _check(SAMPLE / "upload_2026Q3" / name, sample_register)
    assert [i.code for i in report.issues] == []
    assert [(s.unit, str(s.period)) for s in report.submissions] == [(UPLOADS[name], "2026Q3")]
    got = report.submissions[0].bodies
    rows = generator.unit_bodies(model_rows, UPLOADS[name], generator.UPLOAD)
    assert sorted(got["body_name"]) == sorted(b["body_name"] for b in rows)
    for col in COUNT_COLUMNS:
        assert int(got[col].sum()) == sum(b[col] for b in rows)


@pytest.mark.parametrize("row", EXPECTED, ids=[r["file"] for r in EXPECTED])
def test_invalid_sample_gives_exactly_its_code(sample_register, row):
    report = _check(SAMPLE / "invalid" / row["file"], sample_register)
    errors = {i.code for i in report.errors}
    if row["severity"] == "error":
        assert errors == {row["code"]}, [i.message_en for i in report.issues]
        assert report.submissions == [] or not report.ok
    else:
        assert errors == set(), [i.message_en for i in report.errors]
        assert {i.code for i in report.warnings} == {row["code"]}, [i.message_en for i in report.warnings]
    first = next(i for i in report.issues if i.code == row["code"])
    if row["cell"]:
        assert first.cell == row["cell"], first.message_en


def test_encrypted_sample_is_really_encrypted():
    import msoffcrypto

    office = msoffcrypto.OfficeFile(io.BytesIO((SAMPLE / "invalid" / "encrypted_file.xlsx").read_bytes()))
    assert office.is_encrypted()
    office.load_key(password="HoiLHPN@2026")
    out = io.BytesIO()
    office.decrypt(out)
    assert out.getvalue()[:2] == b"PK"


def test_oversized_sample_is_small_but_expands_more_than_100_times():
    import zipfile

    path = SAMPLE / "invalid" / "file_too_large.xlsx"
    assert path.stat().st_size < 200_000
    with zipfile.ZipFile(path) as z:
        assert max(i.file_size / max(i.compress_size, 1) for i in z.infolist()) > 100
