"""Generate the sample data of gender_targets (deterministic: same output bytes on every run).

Usage (from the repository root)::

    python sample_data/generate.py            # rewrite the files in sample_data/
    python sample_data/generate.py --out DIR  # write them somewhere else

Writes, next to the hand-written register ``units.csv`` and ``targets.csv`` (copied when ``--out``
is another folder):

- ``history_2021Q4_2026Q2.xlsx``: the consolidated history in the long layout (SPEC §5), one row
  per unit, quarter and body, for the 12 old units and the district agency bloc (to 2025Q2) and the
  4 new communes (from 2025Q3);
- ``upload_2026Q3/``: one official-form workbook per new commune for 2026Q3;
- ``invalid/``: one workbook per common mistake (one error code each) and per warning, with
  ``invalid/expected.csv`` (file, code, severity, cell).

The numbers come from a small model with fixed seeds: every unit has a share of women in its
planning pool and of trained women that follows the area's path (I2 33% → 40%, I3 55% → 73% from
2021Q4 to 2025Q4, then slowly on) plus a unit offset; bodies keep their pool sizes and leaders
from quarter to quarter with small steps (stocks, not flows). I1 is driven by which I1-bodies have
a woman key leader. HM-TTN, and X-XTS after the merger, fall behind. Four unit-quarters are missing.
The script prints the area indicators so the targets above can be checked.

Timestamps inside the workbooks are fixed and the zip entries are written in a fixed order with
fixed dates, so a second run gives identical bytes (the encrypted sample uses seeded "random"
bytes for the same reason).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import pandas as pd  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from gender_targets.indicators import aggregate_bodies, ratio  # noqa: E402
from gender_targets.periods import Period, period_range  # noqa: E402
from gender_targets.schema import COUNT_COLUMNS, I1_BODY_TYPES, BodyType  # noqa: E402
from gender_targets.template import (  # noqa: E402
    COLUMNS,
    DATA_SHEET,
    FIRST_BODY_ROW,
    INFO_SHEET,
    build_template,
    total_row,
    workbook_bytes,
)
from gender_targets.units import Register, load_register  # noqa: E402

FIRST = Period(2021, 4)
LAST_HISTORY = Period(2026, 2)
UPLOAD = Period(2026, 3)
MERGER = Period(2025, 3)
QUARTERS = period_range(FIRST, UPLOAD)  # k = 0 (2021Q4) … 19 (2026Q3)
STAMP = dt.datetime(2026, 11, 20, 8, 0, 0)
HISTORY_FILE = "history_2021Q4_2026Q2.xlsx"

#: Unit-quarters with no workbook in the history.
MISSING: frozenset[tuple[str, str]] = frozenset(
    {("HM-XTD", "2022Q3"), ("HM-NB", "2023Q2"), ("HM-TC", "2024Q1"), ("X-DT", "2026Q1")}
)

#: Area path the units follow (percent at k, before calibration).
TARGET_PATH = {"I1": (45.0, 60.0, 0.5), "I2": (33.0, 40.0, 0.3), "I3": (55.0, 73.0, 0.6)}

OLD_UNITS = [
    "HM-TT",
    "HM-TH",
    "HM-TX",
    "HM-TTT",
    "HM-NB",
    "HM-DT",
    "HM-BD",
    "HM-XTT",
    "HM-TC",
    "HM-XTS",
    "HM-TTN",
    "HM-XTD",
]
NEW_UNITS = ["X-HM", "X-DT", "X-BD", "X-XTS"]
AGENCIES = "HM-KCQ"
LAGGING_OLD = "HM-TTN"
LAGGING_NEW = "X-XTS"

H, U, CM, D, M, S, K = (
    BodyType.HDND,
    BodyType.UBND,
    BodyType.CHUYEN_MON,
    BodyType.DANG,
    BodyType.MTTQ,
    BodyType.SU_NGHIEP,
    BodyType.KHAC,
)


@dataclass(frozen=True)
class BodySpec:
    """A kind of body: name ("{w}" = kind word), type, key leaders, pool size range, female weight."""

    name: str
    type: BodyType
    leaders: int
    pool: tuple[int, int]
    weight: float  # relative share of women in the pool
    woman_leader: float = 0.0  # probability a non-I1 body has a woman among key leaders


OLD_COMMUNE = [
    BodySpec("HĐND {w}", H, 2, (3, 5), 0.9),
    BodySpec("Ban Pháp chế HĐND {w}", H, 2, (3, 4), 0.9),
    BodySpec("Ban Kinh tế - Xã hội HĐND {w}", H, 2, (3, 4), 1.0),
    BodySpec("UBND {w}", U, 3, (6, 10), 0.8),
    BodySpec("Đảng ủy {w}", D, 3, (8, 14), 0.9, 0.3),
    BodySpec("Ủy ban MTTQ Việt Nam {w}", M, 3, (4, 7), 1.1, 0.4),
    BodySpec("Hội LHPN {w}", M, 2, (3, 5), 2.1, 1.0),
    BodySpec("Đoàn TNCS Hồ Chí Minh {w}", M, 2, (3, 5), 1.3, 0.4),
    BodySpec("Hội Nông dân {w}", M, 2, (3, 5), 0.7, 0.1),
    BodySpec("Hội Cựu chiến binh {w}", M, 2, (3, 4), 0.3, 0.0),
    BodySpec("Trạm Y tế {w}", S, 2, (3, 5), 1.6, 0.6),
]
OLD_COMMUNE_EXTRA = [
    BodySpec("Công an {w}", K, 3, (4, 8), 0.4, 0.0),
    BodySpec("Trường Mầm non {place}", S, 2, (3, 5), 2.0, 0.9),
    BodySpec("Trường Tiểu học {place}", S, 2, (3, 5), 1.7, 0.6),
    BodySpec("Trường THCS {place}", S, 2, (3, 5), 1.4, 0.4),
]
NEW_COMMUNE = [
    BodySpec("HĐND xã", H, 2, (5, 8), 0.9),
    BodySpec("Ban Pháp chế HĐND xã", H, 2, (3, 5), 0.9),
    BodySpec("Ban Kinh tế - Ngân sách HĐND xã", H, 2, (3, 5), 1.0),
    BodySpec("Ban Văn hóa - Xã hội HĐND xã", H, 2, (3, 5), 1.2),
    BodySpec("UBND xã", U, 4, (10, 15), 0.8),
    BodySpec("Văn phòng HĐND và UBND", CM, 3, (6, 10), 1.2),
    BodySpec("Phòng Kinh tế", CM, 3, (6, 10), 0.9),
    BodySpec("Phòng Văn hóa - Xã hội", CM, 3, (6, 10), 1.3),
    BodySpec("Đảng ủy xã", D, 4, (12, 15), 0.9, 0.3),
    BodySpec("Ủy ban MTTQ Việt Nam xã", M, 4, (6, 10), 1.1, 0.5),
    BodySpec("Hội LHPN xã", M, 3, (4, 8), 2.1, 1.0),
    BodySpec("Đoàn TNCS Hồ Chí Minh xã", M, 2, (4, 6), 1.3, 0.5),
    BodySpec("Hội Nông dân xã", M, 2, (4, 6), 0.7, 0.1),
    BodySpec("Hội Cựu chiến binh xã", M, 2, (3, 5), 0.3, 0.0),
    BodySpec("Trung tâm Phục vụ hành chính công", S, 3, (4, 8), 1.4, 0.5),
    BodySpec("Trạm Y tế xã", S, 2, (4, 6), 1.6, 0.6),
]
AGENCY_BLOC = [
    BodySpec("HĐND huyện", H, 2, (4, 6), 0.9),
    BodySpec("Ban Pháp chế HĐND huyện", H, 2, (3, 4), 0.9),
    BodySpec("Ban Kinh tế - Xã hội HĐND huyện", H, 2, (3, 4), 1.0),
    BodySpec("UBND huyện", U, 4, (8, 12), 0.7),
    BodySpec("Văn phòng HĐND và UBND huyện", CM, 3, (5, 9), 1.2),
    BodySpec("Phòng Nội vụ", CM, 3, (4, 7), 1.2),
    BodySpec("Phòng Tư pháp", CM, 2, (3, 5), 1.1),
    BodySpec("Phòng Tài chính - Kế hoạch", CM, 3, (4, 8), 1.3),
    BodySpec("Phòng Kinh tế", CM, 3, (4, 7), 0.9),
    BodySpec("Phòng Quản lý đô thị", CM, 3, (4, 8), 0.6),
    BodySpec("Phòng Tài nguyên và Môi trường", CM, 3, (4, 8), 0.8),
    BodySpec("Phòng Văn hóa và Thông tin", CM, 2, (3, 6), 1.2),
    BodySpec("Phòng Giáo dục và Đào tạo", CM, 3, (5, 9), 1.5),
    BodySpec("Phòng Y tế", CM, 2, (3, 5), 1.4),
    BodySpec("Phòng Lao động - Thương binh và Xã hội", CM, 3, (4, 7), 1.3),
    BodySpec("Thanh tra huyện", CM, 2, (3, 5), 0.7),
    BodySpec("Huyện ủy Hóc Môn", D, 4, (10, 15), 0.8, 0.3),
    BodySpec("Ban Tổ chức Huyện ủy", D, 3, (5, 8), 1.0, 0.5),
    BodySpec("Ban Tuyên giáo Huyện ủy", D, 3, (4, 7), 1.1, 0.5),
    BodySpec("Ủy ban Kiểm tra Huyện ủy", D, 3, (4, 7), 0.8, 0.3),
    BodySpec("Ủy ban MTTQ Việt Nam huyện", M, 3, (5, 8), 1.0, 0.4),
    BodySpec("Hội LHPN huyện", M, 3, (4, 7), 2.1, 1.0),
    BodySpec("Huyện đoàn Hóc Môn", M, 3, (4, 7), 1.2, 0.4),
    BodySpec("Hội Nông dân huyện", M, 3, (4, 6), 0.6, 0.1),
    BodySpec("Hội Cựu chiến binh huyện", M, 2, (3, 5), 0.3, 0.0),
    BodySpec("Trung tâm Y tế huyện", S, 3, (6, 10), 1.5, 0.6),
    BodySpec("Trung tâm Văn hóa - Thể thao huyện", S, 2, (3, 6), 1.1, 0.4),
    BodySpec("Ban Quản lý dự án đầu tư xây dựng khu vực huyện", S, 3, (5, 9), 0.6, 0.1),
]

#: (unit, body, first k, last k, note): I1-bodies with no key leader for a while (warning no_key_leaders).
VACANCIES = [
    (AGENCIES, "Phòng Y tế", 13, 14, "Khuyết Trưởng phòng, Phó Trưởng phòng; chờ sắp xếp bộ máy"),
    ("X-DT", "Ban Văn hóa - Xã hội HĐND xã", 15, 15, "Chưa kiện toàn lãnh đạo Ban"),
]


# ---- the model ---------------------------------------------------------------------------------
@dataclass
class Body:
    spec: BodySpec
    name: str
    order: int
    pool: list[int] = field(default_factory=list)  # pool_total per k
    leaders: list[int] = field(default_factory=list)  # key_leaders per k
    leader_woman_nonI1: int = 0
    trained_offset: float = 0.0
    note: dict[int, str] = field(default_factory=dict)

    @property
    def is_i1(self) -> bool:
        return self.spec.type in I1_BODY_TYPES


@dataclass
class UnitModel:
    code: str
    name: str
    ks: list[int]  # quarters (k) the unit exists
    bodies: list[Body]
    offset: dict[str, float]
    phase: float
    i1_order: list[int]  # which I1-bodies get a woman leader first (indices into bodies)
    slope: dict[str, float] = field(default_factory=dict)  # extra pp per quarter (lagging units)
    slope_from: int = 0


def _place_name(unit_name: str) -> str:
    for word in ("thị trấn ", "xã "):
        if unit_name.startswith(word):
            return unit_name[len(word) :]
    return unit_name


def _walk(rng: random.Random, lo: int, hi: int, n: int) -> list[int]:
    """Pool size over n quarters: starts in [lo, hi], moves ±1 now and then, stays in [3, 15]."""
    v = rng.randint(lo, hi)
    out = []
    for _ in range(n):
        out.append(v)
        r = rng.random()
        if r < 0.08:
            v = min(15, v + 1)
        elif r < 0.14:
            v = max(3, v - 1)
    return out


def build_unit(register: Register, code: str) -> UnitModel:
    rng = random.Random(f"unit|{code}")
    name = register.name(code)
    kind = register.kind(code)
    ks = [k for k, p in enumerate(QUARTERS) if register.is_active(code, p)]
    if code == AGENCIES:
        specs = list(AGENCY_BLOC)
    elif code in NEW_UNITS:
        specs = list(NEW_COMMUNE)
        if code != "X-DT":
            specs.append(BodySpec("Công an xã", K, 3, (6, 10), 0.4, 0.0))
    else:
        specs = list(OLD_COMMUNE)
        extras = rng.sample(OLD_COMMUNE_EXTRA, rng.randint(0, 3))
        specs += sorted(extras, key=OLD_COMMUNE_EXTRA.index)
    bodies = []
    n = len(QUARTERS)
    for i, spec in enumerate(specs):
        brng = random.Random(f"body|{code}|{spec.name}")
        bname = spec.name.format(w=kind, place=_place_name(name))
        body = Body(spec, bname, i)
        body.pool = _walk(brng, *spec.pool, n)
        body.leaders = [spec.leaders] * n
        if brng.random() < 0.15 and spec.leaders >= 3:  # a deputy post vacant for a few quarters
            start = brng.randrange(0, n - 3)
            for k in range(start, start + brng.randint(2, 4)):
                if k < n:
                    body.leaders[k] = spec.leaders - 1
                    body.note[k] = "Khuyết 01 cấp phó"
        if not body.is_i1:
            body.leader_woman_nonI1 = spec.leaders if spec.woman_leader >= 1 else int(brng.random() < spec.woman_leader)
        body.trained_offset = brng.uniform(-0.08, 0.08)
        bodies.append(body)
    for unit, bname, k0, k1, note in VACANCIES:
        if unit == code:
            body = next(b for b in bodies if b.name == bname)
            for k in range(k0, k1 + 1):
                body.leaders[k] = 0
                body.note[k] = note
    offset = {"I1": rng.uniform(-0.10, 0.10), "I2": rng.uniform(-4.0, 4.0), "I3": rng.uniform(-7.0, 7.0)}
    i1 = [b.order for b in bodies if b.is_i1]
    rng.shuffle(i1)
    model = UnitModel(code, name, ks, bodies, offset, rng.random(), i1)
    if code == LAGGING_OLD:
        model.offset.update({"I1": -0.2, "I2": -4.0, "I3": -4.0})
        model.slope = {"I2": -0.55, "I3": -1.35}
    return model


def area_path(ind: str, k: int) -> float:
    start, mid, after = TARGET_PATH[ind]
    return start + (mid - start) * min(k, 16) / 16 + after * max(0, k - 16)


def share(model: UnitModel, ind: str, k: int, correction: dict[tuple[str, int], float]) -> float:
    """The unit's target share for I2/I3 in percent at quarter k."""
    v = area_path(ind, k) + correction.get((ind, k), 0.0) + model.offset[ind]
    v += model.slope.get(ind, 0.0) * max(0, k - model.slope_from)
    return min(max(v, 5.0), 97.0)


def unit_rows(model: UnitModel, correction: dict[tuple[str, int], float], only: list[int] | None = None) -> list[dict]:
    """Body rows of the unit for every quarter it exists (or those of ``only``)."""
    rows = []
    for k in model.ks:
        if only is not None and k not in only:
            continue
        period = QUARTERS[k]
        s2 = share(model, "I2", k, correction) / 100
        s3 = share(model, "I3", k, correction) / 100
        pools = [b.pool[k] for b in model.bodies]
        wsum = sum(p * b.spec.weight for p, b in zip(pools, model.bodies, strict=True)) / sum(pools)
        # I1: how many I1-bodies (with leaders) have a woman key leader
        staffed = [i for i in model.i1_order if model.bodies[i].leaders[k] >= 1]
        i1_level = area_path("I1", k) / 100 + model.offset["I1"] + correction.get(("I1", k), 0.0)
        if model.slope.get("I1"):
            i1_level += model.slope["I1"] * max(0, k - model.slope_from)
        m = min(len(staffed), max(0, math.floor(len(staffed) * i1_level + model.phase)))
        women_led = set(staffed[:m])
        for b in model.bodies:
            pool = b.pool[k]
            female = min(pool, max(0, math.floor(pool * min(0.95, s2 * b.spec.weight / wsum) + 0.5)))
            trained = min(female, max(0, math.floor(female * min(1.0, max(0.0, s3 + b.trained_offset)) + 0.5)))
            kl = b.leaders[k]
            klf = (1 if b.order in women_led else 0) if b.is_i1 else min(kl, b.leader_woman_nonI1)
            rows.append(
                {
                    "unit": model.code,
                    "unit_name": model.name,
                    "period": str(period),
                    "k": k,
                    "body_name": b.name,
                    "body_type": b.spec.type.value,
                    "key_leaders": kl,
                    "key_leaders_female": min(kl, klf),
                    "pool_total": pool,
                    "pool_female": female,
                    "pool_female_trained": trained,
                    "note": b.note.get(k, ""),
                }
            )
    return rows


def pooled(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    agg = aggregate_bodies(frame, tuple(keys)).groupby(keys).sum().reset_index()
    for ind in ("I1", "I2", "I3"):
        agg[ind] = ratio(agg[f"{ind}_num"], agg[f"{ind}_den"])
    return agg


def _align_new_units(register: Register, models: dict[str, UnitModel], correction: dict) -> None:
    """New units start where their predecessors were at 2025Q2 (continuity across the merger)."""
    old = pd.DataFrame([r for c in [*OLD_UNITS, AGENCIES] for r in unit_rows(models[c], correction, only=[14])])
    for code in NEW_UNITS:
        v = pooled(old[old["unit"].isin(register.predecessors(code))].assign(g=code), ["g"]).iloc[0]
        model = models[code]
        for ind in ("I2", "I3"):
            model.offset[ind] = v[ind] - area_path(ind, 15) - correction.get((ind, 15), 0.0)
        model.offset["I1"] = (v["I1"] - area_path("I1", 15)) / 100
        if code == LAGGING_NEW:
            model.slope = {"I2": -0.9, "I3": -1.8, "I1": -0.02}
            model.slope_from = 15


def simulate(register: Register, iterations: int = 12) -> pd.DataFrame:
    """All body rows from 2021Q4 to 2026Q3 (before removing the missing unit-quarters).

    The area's pooled values are pulled toward ``TARGET_PATH`` by a damped correction of the units'
    common level: per quarter for I2 and I3, a straight line per era (before / after the merger)
    for I1, so that no unit's I1 goes up and down for the sake of calibration.
    """
    models = {c: build_unit(register, c) for c in [*OLD_UNITS, AGENCIES, *NEW_UNITS]}
    correction: dict[tuple[str, int], float] = {}
    eras = [list(range(0, 15)), list(range(15, len(QUARTERS)))]
    for _ in range(iterations):
        _align_new_units(register, models, correction)
        rows = pd.DataFrame([r for m in models.values() for r in unit_rows(m, correction)])
        area = pooled(rows.assign(g="HM"), ["g", "k"]).set_index("k")
        for k in range(len(QUARTERS)):
            for ind in ("I2", "I3"):
                correction[(ind, k)] = correction.get((ind, k), 0.0) + 0.5 * (area_path(ind, k) - area.loc[k, ind])
        for ks in eras:
            errs = [(area_path("I1", k) - area.loc[k, "I1"]) / 100 for k in ks]
            n = len(ks)
            mk, me = sum(ks) / n, sum(errs) / n
            slope = sum((k - mk) * (e - me) for k, e in zip(ks, errs, strict=True)) / sum((k - mk) ** 2 for k in ks)
            for k in ks:
                correction[("I1", k)] = correction.get(("I1", k), 0.0) + 0.5 * (me + slope * (k - mk))
    _align_new_units(register, models, correction)
    return pd.DataFrame([r for m in models.values() for r in unit_rows(m, correction)])


def history_frame(rows: pd.DataFrame) -> pd.DataFrame:
    keep = rows[(rows["k"] <= QUARTERS.index(LAST_HISTORY))]
    missing = keep.apply(lambda r: (r["unit"], r["period"]) in MISSING, axis=1)
    return keep[~missing].reset_index(drop=True)


# ---- workbook helpers ---------------------------------------------------------------------------
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Times New Roman"


def _font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=_FONT, size=size, bold=bold, italic=italic)


def save(wb: Workbook) -> bytes:
    return workbook_bytes(wb, STAMP)


HISTORY_HEADERS = [
    ("unit", "Mã đơn vị", 12),
    ("unit_name", "Tên đơn vị", 24),
    ("period", "Kỳ báo cáo", 12),
    ("body_name", "Tên cơ quan, đơn vị", 40),
    ("body_type", "Loại cơ quan", 20),
    ("key_leaders", "Số lãnh đạo chủ chốt", 14),
    ("key_leaders_female", "Số lãnh đạo chủ chốt là nữ", 14),
    ("pool_total", "Số cán bộ trong diện quy hoạch", 16),
    ("pool_female", "Số nữ trong diện quy hoạch", 14),
    ("pool_female_trained", "Số nữ được đào tạo, tập huấn", 16),
    ("note", "Ghi chú", 36),
]


def history_workbook(frame: pd.DataFrame) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    for col, (_, header, width) in enumerate(HISTORY_HEADERS, start=1):
        c = ws.cell(1, col, header)
        c.font = _font(11, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.border = _BORDER
        ws.column_dimensions[c.column_letter].width = width
    ws.row_dimensions[1].height = 45
    order = {p: i for i, p in enumerate(map(str, QUARTERS))}
    units = [*OLD_UNITS, AGENCIES, *NEW_UNITS]
    frame = frame.assign(_p=frame["period"].map(order), _u=frame["unit"].map(units.index))
    frame = frame.sort_values(["_p", "_u"], kind="stable")
    for r in frame.itertuples(index=False):
        ws.append([getattr(r, key) if getattr(r, key) != "" else None for key, _, _ in HISTORY_HEADERS])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:K{ws.max_row}"
    wb.properties.title = "Số liệu cán bộ nữ lãnh đạo, quản lý - khu vực Hóc Môn - 2021Q4 đến 2026Q2"
    wb.properties.creator = "Hội LHPN"
    return save(wb)


def fill_template(wb: Workbook, bodies: list[dict], *, totals: bool = True, start_no: int = 1) -> None:
    """Write body rows into a template built by ``build_template`` and literal totals."""
    ws = wb[DATA_SHEET]
    tot = total_row()
    for row in range(FIRST_BODY_ROW, tot):
        for col in COLUMNS:
            ws[f"{col.letter}{row}"].value = None
    for i, body in enumerate(bodies):
        row = FIRST_BODY_ROW + i
        ws[f"A{row}"] = start_no + i
        for col in COLUMNS[1:]:
            value = body.get(col.name)
            ws[f"{col.letter}{row}"] = None if value == "" else value
    for col in COLUMNS:
        if col.name in COUNT_COLUMNS:
            ws[f"{col.letter}{tot}"] = sum(_num(b[col.name]) for b in bodies) if totals else None


def _num(value: object) -> int | float:
    """A cell as Excel's SUM sees it: numbers count, text and blanks do not."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def set_identity(wb: Workbook, code: str | None, name: str | None, period: Period | None, **lines: str | None) -> None:
    """Overwrite the unit and period on the Thông tin sheet and the title block."""
    info = wb[INFO_SHEET]
    info["B1"].value = code
    info["B2"].value = name
    info["B3"].value = period.year if period else None
    info["B4"].value = period.quarter if period else None
    ws = wb[DATA_SHEET]
    if "org" in lines:
        ws["A2"].value = lines["org"]
    if "unit_line" in lines:
        ws["A5"].value = lines["unit_line"]
    if "period_line" in lines:
        ws["A6"].value = lines["period_line"]


@dataclass(frozen=True)
class FormColumn:
    field: str  # internal name, "stt", or "" for an empty spacer column
    parent: str | None
    header: str
    width: float = 11


def official_form(
    *,
    sheet: str,
    top_lines: list[tuple[str, str]],
    title_lines: list[str],
    columns: list[FormColumn],
    bodies: list[dict],
    total_label: str,
    footer_place: str,
    signers: tuple[str, str],
    header_row: int,
    first_col: int = 1,
    number_row: bool = True,
    title_font: str = "Times New Roman",
) -> Workbook:
    """A hand-made official form: title block, merged two-level header, (1)(2)… row, totals, footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ncol = len(columns)
    last_col = first_col + ncol - 1

    def cell(r: int, c: int, v: object = None, **style):
        x = ws.cell(r, c)
        if v is not None:
            x.value = v
        for k, val in style.items():
            setattr(x, k, val)
        return x

    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = 1
    for left, right in top_lines:
        if left:
            cell(row, first_col, left, font=Font(name=title_font, size=11, bold=row > 1), alignment=center)
            ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=first_col + 2)
        if right:
            cell(row, first_col + 4, right, font=Font(name=title_font, size=11, bold=True), alignment=center)
            ws.merge_cells(start_row=row, start_column=first_col + 4, end_row=row, end_column=last_col)
        row += 1
    row += 1
    for i, line in enumerate(title_lines):
        cell(row, first_col, line, font=Font(name=title_font, size=13 if i == 0 else 12, bold=i == 0), alignment=center)
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
        row += 1
    assert row < header_row, "title block overlaps the header"

    top, sub = header_row, header_row + 1
    head_font = Font(name=title_font, size=11, bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    groups: dict[str, list[int]] = {}
    for j, col in enumerate(columns):
        c = first_col + j
        ws.column_dimensions[get_column_letter(c)].width = col.width
        if col.parent is None:
            cell(top, c, col.header or None)
            ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
        else:
            cell(sub, c, col.header)
            groups.setdefault(col.parent, []).append(c)
    for parent, cs in groups.items():
        cell(top, cs[0], parent)
        ws.merge_cells(start_row=top, start_column=cs[0], end_row=top, end_column=cs[-1])
    for r in (top, sub):
        ws.row_dimensions[r].height = 40
        for j in range(ncol):
            cell(r, first_col + j, font=head_font, alignment=center, border=_BORDER, fill=fill)
    row = sub + 1
    if number_row:
        for j in range(ncol):
            cell(
                row,
                first_col + j,
                f"({j + 1})",
                font=Font(name=title_font, size=10, italic=True),
                alignment=center,
                border=_BORDER,
            )
        row += 1
    body_font = Font(name=title_font, size=11)
    first_body = row
    for i, body in enumerate(bodies):
        for j, col in enumerate(columns):
            value = i + 1 if col.field == "stt" else body.get(col.field) if col.field else None
            x = cell(row, first_col + j, None if value == "" else value, font=body_font, border=_BORDER)
            x.alignment = Alignment(
                horizontal="left" if col.field in ("body_name", "note") else "center", vertical="center", wrap_text=True
            )
        row += 1
    name_col = next(j for j, c in enumerate(columns) if c.field == "body_name")
    cell(row, first_col + name_col, total_label, font=Font(name=title_font, size=11, bold=True))
    for j, col in enumerate(columns):
        x = cell(row, first_col + j, border=_BORDER, font=Font(name=title_font, size=11, bold=True))
        x.alignment = Alignment(horizontal="left" if col.field == "body_name" else "center")
        if col.field in COUNT_COLUMNS:
            x.value = sum(_num(b[col.field]) for b in bodies)
    row += 2
    cell(row, first_col + 4, footer_place, font=Font(name=title_font, size=12, italic=True), alignment=center)
    ws.merge_cells(start_row=row, start_column=first_col + 4, end_row=row, end_column=last_col)
    row += 1
    cell(row, first_col + 1, "Người lập biểu", font=Font(name=title_font, size=12, bold=True), alignment=center)
    cell(row, first_col + 4, "Thủ trưởng đơn vị", font=Font(name=title_font, size=12, bold=True), alignment=center)
    ws.merge_cells(start_row=row, start_column=first_col + 4, end_row=row, end_column=last_col)
    row += 4
    cell(row, first_col + 1, signers[0], font=Font(name=title_font, size=12, bold=True), alignment=center)
    cell(row, first_col + 4, signers[1], font=Font(name=title_font, size=12, bold=True), alignment=center)
    ws.merge_cells(start_row=row, start_column=first_col + 4, end_row=row, end_column=last_col)
    ws.freeze_panes = ws.cell(first_body, first_col + name_col + 1).coordinate
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:{ws.cell(row, last_col).coordinate}"
    return wb


# ---- the samples --------------------------------------------------------------------------------
def unit_bodies(rows: pd.DataFrame, unit: str, period: Period) -> list[dict]:
    sel = rows[(rows["unit"] == unit) & (rows["period"] == str(period))]
    return [dict(r) for r in sel[["body_name", "body_type", *COUNT_COLUMNS, "note"]].to_dict("records")]


def template_sample(register: Register, unit: str, period: Period, bodies: list[dict], **kw) -> Workbook:
    wb = build_template(
        register, unit, period, prepared_by=kw.pop("prepared_by", "Nguyễn Thị Thu Hà"), today=dt.date(2026, 10, 5)
    )
    fill_template(wb, bodies, **kw)
    return wb


def upload_samples(register: Register, rows: pd.DataFrame) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    # X-HM: the app's template, filled in
    out["X-HM_2026Q3.xlsx"] = save(template_sample(register, "X-HM", UPLOAD, unit_bodies(rows, "X-HM", UPLOAD)))
    # X-XTS: the template too, with another preparer and their own order of bodies
    xts = unit_bodies(rows, "X-XTS", UPLOAD)
    xts = [b for b in xts if b["body_type"] in ("HĐND", "UBND", "Cơ quan chuyên môn")] + [
        b for b in xts if b["body_type"] not in ("HĐND", "UBND", "Cơ quan chuyên môn")
    ]
    out["X-XTS_2026Q3.xlsx"] = save(template_sample(register, "X-XTS", UPLOAD, xts, prepared_by="Trần Thị Mỹ Linh"))
    # X-DT: hand-made, no Thông tin sheet: unit and period only in the title block
    dt_cols = [
        FormColumn("stt", None, "STT", 6),
        FormColumn("body_name", None, "Cơ quan, đơn vị", 40),
        FormColumn("body_type", None, "Loại hình", 20),
        FormColumn("key_leaders", "Lãnh đạo chủ chốt", "Tổng số"),
        FormColumn("key_leaders_female", "Lãnh đạo chủ chốt", "Nữ"),
        FormColumn("pool_total", "Cán bộ trong diện quy hoạch", "Tổng số"),
        FormColumn("pool_female", "Cán bộ trong diện quy hoạch", "Nữ"),
        FormColumn("pool_female_trained", "Cán bộ trong diện quy hoạch", "Nữ được đào tạo, bồi dưỡng", 14),
        FormColumn("note", None, "Ghi chú", 28),
    ]
    wb = official_form(
        sheet="Biểu 01",
        top_lines=[
            ("ỦY BAN MTTQ VIỆT NAM XÃ ĐÔNG THẠNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("HỘI LHPN XÃ ĐÔNG THẠNH", "Độc lập - Tự do - Hạnh phúc"),
        ],
        title_lines=[
            "BIỂU TỔNG HỢP CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ VÀ QUY HOẠCH",
            "Đơn vị: xã Đông Thạnh",
            "Quý III năm 2026",
        ],
        columns=dt_cols,
        bodies=unit_bodies(rows, "X-DT", UPLOAD),
        total_label="Cộng",
        footer_place="Đông Thạnh, ngày 06 tháng 10 năm 2026",
        signers=("Lê Thị Ngọc Hân", "Phạm Thị Kim Oanh"),
        header_row=8,
        first_col=2,
    )
    out["X-DT 2026 Q3.xlsx"] = save(wb)
    # X-BD: another hand-made layout, no Ghi chú column, unit and period only in the file name
    bd_cols = [
        FormColumn("stt", None, "TT", 5),
        FormColumn("body_name", None, "Tên cơ quan, đơn vị", 42),
        FormColumn("body_type", None, "Loại cơ quan", 22),
        FormColumn("key_leaders", "Lãnh đạo chủ chốt", "Tổng số", 10),
        FormColumn("key_leaders_female", "Lãnh đạo chủ chốt", "Trong đó nữ", 10),
        FormColumn("pool_total", "Cán bộ trong diện quy hoạch", "Tổng số", 10),
        FormColumn("pool_female", "Cán bộ trong diện quy hoạch", "Trong đó nữ", 10),
        FormColumn("pool_female_trained", "Cán bộ trong diện quy hoạch", "Nữ được đào tạo, bồi dưỡng", 14),
    ]
    wb = official_form(
        sheet="Sheet1",
        top_lines=[("HỘI LHPN XÃ BÀ ĐIỂM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("", "Độc lập - Tự do - Hạnh phúc")],
        title_lines=["BÁO CÁO SỐ LƯỢNG CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ"],
        columns=bd_cols,
        bodies=unit_bodies(rows, "X-BD", UPLOAD),
        total_label="TỔNG CỘNG",
        footer_place="Bà Điểm, ngày 03 tháng 10 năm 2026",
        signers=("Võ Thị Thanh Tâm", "Nguyễn Thị Bích Ngọc"),
        header_row=6,
        title_font="Arial",
    )
    out["Bà Điểm - Quý 3 - 2026.xlsx"] = save(wb)
    return out


def _row_of(bodies: list[dict], name: str) -> int:
    return FIRST_BODY_ROW + next(i for i, b in enumerate(bodies) if b["body_name"] == name)


def _letter(field: str) -> str:
    return next(c.letter for c in COLUMNS if c.name == field)


def invalid_samples(register: Register, rows: pd.DataFrame) -> tuple[dict[str, bytes], list[dict]]:
    """One workbook per mistake and per warning, and the expected issue of each."""
    files: dict[str, bytes] = {}
    expected: list[dict] = []
    base = unit_bodies(rows, "X-BD", UPLOAD)

    def add(filename: str, data: bytes, code: str, severity: str, cell: str = "") -> None:
        files[filename] = data
        expected.append({"file": filename, "code": code, "severity": severity, "cell": cell})

    def variant(change) -> tuple[list[dict], Workbook]:
        bodies = [dict(b) for b in base]
        change(bodies)
        return bodies, template_sample(register, "X-BD", UPLOAD, bodies)

    def body(bodies: list[dict], name: str) -> dict:
        return next(b for b in bodies if b["body_name"] == name)

    # female_exceeds_total: more women than key leaders (and in the pool)
    def c1(bs):
        body(bs, "Phòng Kinh tế")["key_leaders_female"] = 4  # key_leaders 3
        b = body(bs, "Hội Nông dân xã")
        b["pool_female"] = b["pool_total"] + 2
        b["pool_female_trained"] = min(b["pool_female_trained"], b["pool_female"])

    bodies, wb = variant(c1)
    cell = f"{_letter('key_leaders_female')}{_row_of(bodies, 'Phòng Kinh tế')}"
    add("female_exceeds_total.xlsx", save(wb), "female_exceeds_total", "error", cell)

    def c2(bs):
        b = body(bs, "Văn phòng HĐND và UBND")
        b["pool_female_trained"] = b["pool_female"] + 1

    bodies, wb = variant(c2)
    cell = f"{_letter('pool_female_trained')}{_row_of(bodies, 'Văn phòng HĐND và UBND')}"
    add("trained_exceeds_female.xlsx", save(wb), "trained_exceeds_female", "error", cell)

    def c3(bs):
        body(bs, "Đảng ủy xã")["pool_female_trained"] = "hai"
        body(bs, "Hội LHPN xã")["pool_female_trained"] = "đủ"

    bodies, wb = variant(c3)
    cell = f"{_letter('pool_female_trained')}{_row_of(bodies, 'Đảng ủy xã')}"
    add("not_a_number.xlsx", save(wb), "not_a_number", "error", cell)

    def c4(bs):
        body(bs, "UBND xã")["pool_total"] = body(bs, "UBND xã")["pool_total"] + 0.5

    bodies, wb = variant(c4)
    cell = f"{_letter('pool_total')}{_row_of(bodies, 'UBND xã')}"
    add("not_whole_number.xlsx", save(wb), "not_whole_number", "error", cell)

    def c5(bs):
        body(bs, "Trạm Y tế xã")["pool_female_trained"] = -1

    bodies, wb = variant(c5)
    cell = f"{_letter('pool_female_trained')}{_row_of(bodies, 'Trạm Y tế xã')}"
    add("negative_number.xlsx", save(wb), "negative_number", "error", cell)

    def c6(bs):
        body(bs, "Trung tâm Phục vụ hành chính công")["body_type"] = "Ban ngành"

    bodies, wb = variant(c6)
    cell = f"{_letter('body_type')}{_row_of(bodies, 'Trung tâm Phục vụ hành chính công')}"
    add("unknown_body_type.xlsx", save(wb), "unknown_body_type", "error", cell)

    def c7(bs):
        i = next(i for i, b in enumerate(bs) if b["body_name"] == "Hội Cựu chiến binh xã")
        bs.insert(i + 1, {**bs[5], "note": "Nhập trùng"})  # Văn phòng HĐND và UBND, again

    bodies, wb = variant(c7)
    second = FIRST_BODY_ROW + [i for i, b in enumerate(bodies) if b["body_name"] == bodies[5]["body_name"]][1]
    add("duplicate_body.xlsx", save(wb), "duplicate_body", "error", f"{_letter('body_name')}{second}")

    # missing_column: an old form without the training column
    cols = [
        FormColumn("stt", None, "STT", 6),
        FormColumn("body_name", None, "Tên cơ quan, đơn vị", 40),
        FormColumn("body_type", None, "Loại cơ quan", 20),
        FormColumn("key_leaders", "Lãnh đạo chủ chốt", "Tổng số"),
        FormColumn("key_leaders_female", "Lãnh đạo chủ chốt", "Trong đó nữ"),
        FormColumn("pool_total", "Cán bộ trong diện quy hoạch", "Tổng số"),
        FormColumn("pool_female", "Cán bộ trong diện quy hoạch", "Trong đó nữ"),
        FormColumn("note", None, "Ghi chú", 24),
    ]
    wb = official_form(
        sheet="Số liệu",
        top_lines=[("HỘI LHPN XÃ BÀ ĐIỂM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("", "Độc lập - Tự do - Hạnh phúc")],
        title_lines=["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ", "Đơn vị: xã Bà Điểm", "Quý III năm 2026"],
        columns=cols,
        bodies=base,
        total_label="Tổng cộng",
        footer_place="Bà Điểm, ngày 05 tháng 10 năm 2026",
        signers=("", ""),
        header_row=8,
    )
    add("missing_column.xlsx", save(wb), "missing_column", "error")

    # unit and period
    wb = template_sample(register, "X-BD", UPLOAD, base)
    set_identity(wb, "X-TL", "xã Tân Lập", UPLOAD, org="HỘI LHPN XÃ TÂN LẬP", unit_line="Đơn vị: xã Tân Lập (X-TL)")
    add("unknown_unit.xlsx", save(wb), "unknown_unit", "error")

    old = unit_bodies(rows, "HM-TTN", Period(2025, 2))
    wb = template_sample(register, "X-XTS", UPLOAD, old)
    set_identity(
        wb,
        "HM-TTN",
        "xã Tân Thới Nhì",
        UPLOAD,
        org="HỘI LHPN XÃ TÂN THỚI NHÌ",
        unit_line="Đơn vị: xã Tân Thới Nhì (HM-TTN)",
    )
    add("unit_not_active.xlsx", save(wb), "unit_not_active", "error")

    wb = template_sample(register, "X-BD", UPLOAD, base)
    set_identity(wb, "X-BD", "xã Bà Điểm", None, period_line=None)
    add("missing_period.xlsx", save(wb), "missing_period", "error")

    wb = template_sample(register, "X-BD", UPLOAD, base)
    set_identity(wb, "X-BD", "xã Bà Điểm", None, period_line="Quý 5 năm 2026")
    wb[INFO_SHEET]["B3"].value, wb[INFO_SHEET]["B4"].value = 2026, 5
    add("invalid_period.xlsx", save(wb), "invalid_period", "error")

    # no body rows: the empty form (suggested names removed)
    wb = template_sample(register, "X-BD", UPLOAD, [])
    add("no_data_rows.xlsx", save(wb), "no_data_rows", "error")

    # no data sheet: a written report instead of the table
    wb = template_sample(register, "X-BD", UPLOAD, [])
    del wb[DATA_SHEET]
    ws = wb.create_sheet("Báo cáo")
    text = [
        "HỘI LHPN XÃ BÀ ĐIỂM",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH 63/KH-BTV QUÝ III NĂM 2026",
        "Trong quý, Hội đã phối hợp giới thiệu cán bộ nữ vào diện quy hoạch và cử cán bộ nữ đi bồi dưỡng.",
        "Số liệu chi tiết sẽ gửi sau.",
    ]
    for i, line in enumerate(text, start=1):
        ws.cell(i, 1, line)
    wb.active = wb.sheetnames.index("Báo cáo")
    add("no_data_sheet.xlsx", save(wb), "no_data_sheet", "error")

    # a formula typed in a body cell, saved by a program that does not compute it
    bodies = [dict(b) for b in base]
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    row = _row_of(bodies, "UBND xã")
    letter = _letter("pool_total")
    ws = wb[DATA_SHEET]
    ws[f"{letter}{row}"] = "=7+5"
    ws[f"{letter}{total_row()}"] = (
        sum(b["pool_total"] for b in bodies) - bodies[row - FIRST_BODY_ROW]["pool_total"] + 12
    )
    body_f = bodies[row - FIRST_BODY_ROW]
    assert body_f["pool_female"] <= 12
    add("formula_without_value.xlsx", save(wb), "formula_without_value", "error", f"{letter}{row}")

    # an Excel error value in a count cell: the formula lost its source (#REF!), calamine reads it as ""
    bodies = [dict(b) for b in base]
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    row = _row_of(bodies, "Hội LHPN xã")
    letter = _letter("pool_female")
    wb[DATA_SHEET][f"{letter}{row}"] = "#REF!"  # openpyxl stores it as an error value (t="e")
    add("error_value.xlsx", save(wb), "error_value", "error", f"{letter}{row}")

    # one count merged over two bodies: whose number it is cannot be told
    bodies = [dict(b) for b in base]
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    row = _row_of(bodies, "Hội Nông dân xã")
    letter = _letter("pool_female_trained")
    wb[DATA_SHEET][f"{letter}{row + 1}"] = None
    wb[DATA_SHEET].merge_cells(f"{letter}{row}:{letter}{row + 1}")
    add("merged_count.xlsx", save(wb), "merged_count", "error", f"{letter}{row}")

    # last quarter's key-leader column kept (hidden) beside the table: two columns for one count
    bodies = [dict(b) for b in base]
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    ws = wb[DATA_SHEET]
    ws["J9"] = "Số lãnh đạo chủ chốt (quý trước)"
    for i, b in enumerate(bodies):
        ws[f"J{FIRST_BODY_ROW + i}"] = b["key_leaders"] + (1 if i == 3 else 0)
    ws.column_dimensions["J"].hidden = True
    add("duplicate_column.xlsx", save(wb), "duplicate_column", "error", "J9")

    # a table split over two sheets that name different quarters in their titles
    half = len(base) // 2
    wb = template_sample(register, "X-BD", UPLOAD, base[half : 2 * half])
    copy = wb.copy_worksheet(wb[DATA_SHEET])
    copy.title = "Số liệu (2)"
    copy["A6"].value = "Quý II năm 2026"
    fill_template(wb, base[:half])
    add("sheets_disagree.xlsx", save(wb), "sheets_disagree", "error", "A6")

    # not a spreadsheet
    csv_text = "Tên cơ quan, đơn vị;Loại cơ quan;Tổng số;Nữ\nHĐND xã;HĐND;2;1\nUBND xã;UBND;4;1\n"
    add("unreadable_file.xlsx", csv_text.encode("utf-8"), "unreadable_file", "error")

    good = save(template_sample(register, "X-BD", UPLOAD, base))
    add("encrypted_file.xlsx", encrypt(good, "HoiLHPN@2026"), "encrypted_file", "error")
    add("file_too_large.xlsx", inflate_entry(good, f"xl/worksheets/sheet{3}.xml", 6_000_000), "file_too_large", "error")

    # warnings
    bodies = [dict(b) for b in base]
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    letter = _letter("pool_female")
    wb[DATA_SHEET][f"{letter}{total_row()}"] = sum(b["pool_female"] for b in bodies) + 3
    add("warning_total_mismatch.xlsx", save(wb), "total_mismatch", "warning", f"{letter}{total_row()}")

    bodies = [dict(b) for b in base]
    bodies.append(
        {
            "body_name": "Ban Chỉ huy Quân sự xã",
            "body_type": "Khác",
            **dict.fromkeys(COUNT_COLUMNS, ""),
            "note": "Chưa có số liệu",
        }
    )
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    add(
        "warning_body_skipped.xlsx",
        save(wb),
        "body_skipped",
        "warning",
        f"{_letter('body_name')}{FIRST_BODY_ROW + len(bodies) - 1}",
    )

    bodies = [dict(b) for b in base]
    b = body(bodies, "Ban Văn hóa - Xã hội HĐND xã")
    b.update(key_leaders=0, key_leaders_female=0, note="Chưa kiện toàn lãnh đạo Ban")
    wb = template_sample(register, "X-BD", UPLOAD, bodies)
    add(
        "warning_no_key_leaders.xlsx",
        save(wb),
        "no_key_leaders",
        "warning",
        f"{_letter('key_leaders')}{_row_of(bodies, 'Ban Văn hóa - Xã hội HĐND xã')}",
    )

    wb = template_sample(register, "X-BD", UPLOAD, base)
    set_identity(wb, "X-BD", "xã Bà Điểm", UPLOAD, period_line="Quý II năm 2026")
    add("warning_period_conflict.xlsx", save(wb), "period_conflict", "warning", "A6")

    wb = template_sample(register, "X-BD", UPLOAD, base)
    set_identity(wb, "X-BD", "xã Bà Điểm", UPLOAD, unit_line="Đơn vị: xã Đông Thạnh")
    add("warning_unit_conflict.xlsx", save(wb), "unit_conflict", "warning", "A5")

    # last quarter's table kept on a hidden sheet: named, not read
    wb = template_sample(register, "X-BD", UPLOAD, base)
    old_sheet = wb.copy_worksheet(wb[DATA_SHEET])
    old_sheet.title = "Quý II (cũ)"
    old_sheet.sheet_state = "hidden"
    add("warning_sheet_not_read.xlsx", save(wb), "sheet_not_read", "warning")
    return files, expected


def encrypt(data: bytes, password: str) -> bytes:
    """Password-protect an .xlsx (ECMA-376 agile encryption), reproducibly.

    msoffcrypto draws salts from ``secrets`` and stamps the container with ``datetime.now()``;
    both are swapped for seeded / fixed values while encrypting, so every run gives the same bytes.
    """
    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class _FixedClock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return STAMP

    rng = random.Random(f"encrypt|{password}")
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = rng.randbytes
    ecma376_encrypted.datetime = _FixedClock
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
    return out.getvalue()


def inflate_entry(data: bytes, entry: str, padding: int) -> bytes:
    """Pad one zip entry with whitespace so it expands far more than 100 times (still valid XML)."""
    out = io.BytesIO()
    stamp = (STAMP.year, STAMP.month, STAMP.day, STAMP.hour, STAMP.minute, STAMP.second)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == entry:
                content = content.replace(b"<sheetData>", b"<sheetData>" + b" " * padding, 1)
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, content, compresslevel=9)
    return out.getvalue()


# ---- checks and output --------------------------------------------------------------------------
def area_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pooled(frame.assign(g="HM"), ["g", "period"]).set_index("period")[["I1", "I2", "I3"]]


def check_steps(frame: pd.DataFrame) -> list[str]:
    """Units whose indicator moves more than 25 points between consecutive available quarters."""
    per = pooled(frame, ["unit", "k"]).sort_values(["unit", "k"])
    problems = []
    for unit, g in per.groupby("unit"):
        for ind in ("I1", "I2", "I3"):
            d = g[ind].diff().abs()
            if (d > 25).any():
                problems.append(f"{unit} {ind}: max step {d.max():.1f}")
    return problems


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def generate(out: Path, quiet: bool = False) -> dict[str, pd.DataFrame]:
    register = load_register((HERE / "units.csv").read_bytes())
    out.mkdir(parents=True, exist_ok=True)
    for name in ("units.csv", "targets.csv"):
        if (out / name).resolve() != (HERE / name).resolve():
            shutil.copyfile(HERE / name, out / name)
    rows = simulate(register)
    hist = history_frame(rows)
    problems = check_steps(rows[~rows.apply(lambda r: (r["unit"], r["period"]) in MISSING, axis=1)])
    if problems:
        raise SystemExit("large steps in the sample data: " + "; ".join(problems))
    write(out / HISTORY_FILE, history_workbook(hist))
    for name, data in upload_samples(register, rows).items():
        write(out / "upload_2026Q3" / name, data)
    files, expected = invalid_samples(register, rows)
    for name, data in files.items():
        write(out / "invalid" / name, data)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["file", "code", "severity", "cell"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(expected)
    write(out / "invalid" / "expected.csv", buf.getvalue().encode("utf-8"))
    area = area_table(pd.concat([hist, rows[rows["period"] == str(UPLOAD)]]))
    if not quiet:
        print(f"history: {len(hist)} body rows, {hist.groupby(['unit', 'period']).ngroups} unit-quarters")
        print("area indicators (pooled over the units existing each quarter; 2026Q3 = the uploads):")
        print(area.round(1).to_string())
    return {"rows": rows, "history": hist, "area": area}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: sample_data/)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    generate(args.out, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
