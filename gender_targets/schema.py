"""Columns, body types, indicators and targets: the vocabulary every other module shares (SPEC §2, §5).

Indicators (values in percent, pooled as Σ numerators / Σ denominators, null when the denominator
is 0 — never a mean of percentages):

- I1: I1-bodies (type HĐND, UBND or Cơ quan chuyên môn) with ``key_leaders_female ≥ 1`` over
  I1-bodies with ``key_leaders ≥ 1``. An I1-body with ``key_leaders = 0`` is left out.
- I2: Σ ``pool_female`` / Σ ``pool_total``.
- I3: Σ ``pool_female_trained`` / Σ ``pool_female``.

Targets are floors (``value ≥ target`` meets it) and are data: a table
``indicator, year, target_percent``; ``DEFAULT_TARGETS`` holds the plan's six rows.
"""

from __future__ import annotations

import enum
import io
import re
from dataclasses import dataclass

import pandas as pd

from .errors import GenderTargetsError
from .i18n import t
from .text import fold_text

__all__ = [
    "BODY_COLUMNS",
    "COUNT_COLUMNS",
    "DEFAULT_TARGETS",
    "I1_BODY_TYPES",
    "INDICATORS",
    "MAX_COUNT",
    "BodyType",
    "Indicator",
    "TargetsError",
    "load_targets",
    "match_body_type",
    "targets_frame",
]

#: Whole-number count columns of a body row, in template order.
COUNT_COLUMNS: list[str] = [
    "key_leaders",
    "key_leaders_female",
    "pool_total",
    "pool_female",
    "pool_female_trained",
]

#: security (second attack pass): the largest head count one row may hold. No agency has a million
#: leaders; a larger number is a typing slip or an attack (past 2**63 it was stored as a negative
#: number), and the check refuses it (``not_a_number``, variant ``too_large``).
MAX_COUNT = 1_000_000

#: All columns of a body row as read from a workbook.
BODY_COLUMNS: list[str] = ["body_name", "body_type", *COUNT_COLUMNS, "note"]


class BodyType(enum.StrEnum):
    """The seven body types; the value is the Vietnamese label written in workbooks."""

    HDND = "HĐND"
    UBND = "UBND"
    CHUYEN_MON = "Cơ quan chuyên môn"
    DANG = "Cơ quan Đảng"
    MTTQ = "MTTQ - đoàn thể"
    SU_NGHIEP = "Đơn vị sự nghiệp"
    KHAC = "Khác"

    @property
    def label_en(self) -> str:
        return _BODY_TYPE_EN[self]


_BODY_TYPE_EN = {
    BodyType.HDND: "People's Council",
    BodyType.UBND: "People's Committee",
    BodyType.CHUYEN_MON: "Specialised agency",
    BodyType.DANG: "Party body",
    BodyType.MTTQ: "Fatherland Front / mass organisation",
    BodyType.SU_NGHIEP: "Public service unit",
    BodyType.KHAC: "Other",
}

#: Body types that count for I1 (state management agencies and local governments).
I1_BODY_TYPES: frozenset[BodyType] = frozenset({BodyType.HDND, BodyType.UBND, BodyType.CHUYEN_MON})

# Loose spellings people use for each type, folded. Exact folded labels are added below.
_BODY_TYPE_ALIASES: dict[str, BodyType] = {
    "hdnd": BodyType.HDND,
    "hoi dong nhan dan": BodyType.HDND,
    "thuong truc hdnd": BodyType.HDND,
    "ubnd": BodyType.UBND,
    "uy ban nhan dan": BodyType.UBND,
    "co quan chuyen mon": BodyType.CHUYEN_MON,
    "chuyen mon": BodyType.CHUYEN_MON,
    "co quan chuyen mon thuoc ubnd": BodyType.CHUYEN_MON,
    "co quan qlnn": BodyType.CHUYEN_MON,
    "co quan quan ly nha nuoc": BodyType.CHUYEN_MON,
    "phong ban": BodyType.CHUYEN_MON,
    "phong ban chuyen mon": BodyType.CHUYEN_MON,
    "co quan dang": BodyType.DANG,
    "dang": BodyType.DANG,
    "dang uy": BodyType.DANG,
    "cap uy": BodyType.DANG,
    "mttq doan the": BodyType.MTTQ,
    "mttq va doan the": BodyType.MTTQ,
    "mttq cac doan the": BodyType.MTTQ,
    "mat tran to quoc": BodyType.MTTQ,
    "mttq": BodyType.MTTQ,
    "doan the": BodyType.MTTQ,
    "to chuc chinh tri xa hoi": BodyType.MTTQ,
    "don vi su nghiep": BodyType.SU_NGHIEP,
    "su nghiep": BodyType.SU_NGHIEP,
    "dvsn": BodyType.SU_NGHIEP,
    "khac": BodyType.KHAC,
    "other": BodyType.KHAC,
    "people s council": BodyType.HDND,
    "people s committee": BodyType.UBND,
    "specialised agency": BodyType.CHUYEN_MON,
    "specialized agency": BodyType.CHUYEN_MON,
    "party body": BodyType.DANG,
    "public service unit": BodyType.SU_NGHIEP,
}
for _bt in BodyType:
    _BODY_TYPE_ALIASES.setdefault(fold_text(_bt.value), _bt)


# The short forms offices write for the words of a body type (folded), expanded before matching:
# "CQ chuyên môn", "ĐV sự nghiệp", "CQCM", "ĐVSN", "UBMTTQ", "QLNN", "TT HĐND".
_BODY_TYPE_WORDS: dict[str, str] = {
    "cq": "co quan",
    "dv": "don vi",
    "sn": "su nghiep",
    "cm": "chuyen mon",
    "ql": "quan ly",
    "nn": "nha nuoc",
    "qlnn": "quan ly nha nuoc",
    "cqcm": "co quan chuyen mon",
    "cqd": "co quan dang",
    "dvsn": "don vi su nghiep",
    "dvsncl": "don vi su nghiep",
    "mt": "mat tran",
    "mttqvn": "mttq",
    "ubmttq": "mttq",
    "ubmt": "mttq",
    "dt": "doan the",
    "tt": "thuong truc",
    "ttr": "thuong truc",
    "tctt": "to chuc chinh tri",
    "ctxh": "chinh tri xa hoi",
}
# words around a body type that do not change it: "Khối …", "các", "và", "… thuộc UBND", "… cấp xã"
_BODY_TYPE_LEAD = ("khoi ", "nhom ", "linh vuc ", "cac ")
_BODY_TYPE_TAIL = re.compile(
    r"\s+(?:(?:truc )?thuoc (?:ubnd|uy ban nhan dan)(?:\s.*)?|cap (?:xa|huyen|tinh)|xa|phuong|thi tran|huyen"
    r"|tinh|thanh pho|tp|cong lap|viet nam|vn)$"
)
_BODY_TYPE_FILLER = re.compile(r"\b(?:va|cac|voi)\b")
_BODY_TYPE_MORE: dict[str, BodyType] = {
    "phong chuyen mon": BodyType.CHUYEN_MON,
    "quan ly nha nuoc": BodyType.CHUYEN_MON,
    "co quan quan ly nha nuoc chuyen mon": BodyType.CHUYEN_MON,
    "ban dang": BodyType.DANG,
    "co quan dang uy": BodyType.DANG,
    "to chuc dang": BodyType.DANG,
    "dang bo": BodyType.DANG,
    "co quan tham muu dang": BodyType.DANG,
    "mat tran": BodyType.MTTQ,
    "mat tran doan the": BodyType.MTTQ,
    "uy ban mttq": BodyType.MTTQ,
    "mttq doan the chinh tri xa hoi": BodyType.MTTQ,
    "mttq to chuc chinh tri xa hoi": BodyType.MTTQ,
    "doan the chinh tri xa hoi": BodyType.MTTQ,
    "to chuc chinh tri xa hoi": BodyType.MTTQ,
    "hoi doan the": BodyType.MTTQ,
    "loai khac": BodyType.KHAC,
    "co quan khac": BodyType.KHAC,
    "don vi khac": BodyType.KHAC,
    "to chuc khac": BodyType.KHAC,
}


def _body_type_key(key: str) -> str:
    """A folded body type with its short forms expanded and the words around it dropped."""
    words = " ".join(_BODY_TYPE_WORDS.get(w, w) for w in key.split())
    words = " ".join(_BODY_TYPE_FILLER.sub(" ", words).split())
    for _ in range(3):
        before = words
        if words.startswith(_BODY_TYPE_LEAD) and len(words.split()) > 1:
            words = words.split(" ", 1)[1]
        words = _BODY_TYPE_TAIL.sub("", words)
        if words == before:
            break
    return words


def match_body_type(value: object) -> BodyType | None:
    """The body type a cell names, matched loosely (case, diacritics, punctuation, the short forms
    offices write — "CQ chuyên môn", "ĐV sự nghiệp", "MTTQ, đoàn thể", "Đảng", "Khối Đảng", "ĐVSN",
    "UBND xã"); None if unknown. Unit names are never matched this way (SPEC §4)."""
    key = fold_text(value)
    if not key:
        return None
    for candidate in dict.fromkeys((key, _body_type_key(key))):
        if candidate in _BODY_TYPE_ALIASES:
            return _BODY_TYPE_ALIASES[candidate]
        if candidate in _BODY_TYPE_MORE:
            return _BODY_TYPE_MORE[candidate]
        squeezed = candidate.replace(" ", "")
        for alias, bt in _BODY_TYPE_ALIASES.items():
            if alias.replace(" ", "") == squeezed:
                return bt
    return None


@dataclass(frozen=True)
class Indicator:
    """One indicator: id, names, and the count columns of its numerator and denominator."""

    id: str
    name_vi: str
    name_en: str
    short_vi: str
    short_en: str
    unit_vi: str  # what the denominator counts, for hovers: "cơ quan", "cán bộ"
    unit_en: str

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" else self.name_vi

    def short(self, lang: str = "vi") -> str:
        return self.short_en if lang == "en" else self.short_vi


INDICATORS: dict[str, Indicator] = {
    "I1": Indicator(
        "I1",
        "Tỷ lệ cơ quan QLNN, chính quyền địa phương có lãnh đạo chủ chốt là nữ",
        "Share of state agencies and local governments with a woman among their key leaders",
        "Cơ quan có lãnh đạo chủ chốt nữ",
        "Agencies with a woman key leader",
        "cơ quan",
        "agencies",
    ),
    "I2": Indicator(
        "I2",
        "Tỷ lệ cán bộ nữ trong diện quy hoạch lãnh đạo, quản lý",
        "Share of women in the leadership planning pool",
        "Nữ trong diện quy hoạch",
        "Women in the planning pool",
        "cán bộ",
        "officials",
    ),
    "I3": Indicator(
        "I3",
        "Tỷ lệ cán bộ nữ trong diện quy hoạch được đào tạo, tập huấn",
        "Share of women in the planning pool who were trained",
        "Nữ quy hoạch được đào tạo",
        "Women in the pool trained",
        "cán bộ nữ",
        "women",
    ),
}

DEFAULT_TARGETS = pd.DataFrame(
    {
        "indicator": ["I1", "I1", "I2", "I2", "I3", "I3"],
        "year": [2025, 2030, 2025, 2030, 2025, 2030],
        "target_percent": [60.0, 75.0, 40.0, 50.0, 75.0, 90.0],
    }
)


class TargetsError(GenderTargetsError, ValueError):
    """A targets table that cannot be used; ``problems`` lists every reason as (code, params),
    each worded by the catalogue entry ``targets.<code>``."""

    code = "invalid"
    prefix = "targets"

    def messages(self, lang: str = "vi") -> list[str]:
        """One phrase per problem, in ``lang``."""
        return [t(f"targets.{code}", lang, **params) for code, params in self.problems]


def targets_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate a targets table and return it typed and sorted by indicator and year.

    Every indicator needs at least one row; years are whole numbers from 2020 to 2100; targets
    lie within [0, 100]; (indicator, year) is unique.
    """
    problems: list[tuple[str, dict]] = []
    cols = {fold_text(c).replace(" ", "_"): c for c in frame.columns}
    need = ["indicator", "year", "target_percent"]
    missing = [c for c in need if c not in cols]
    if missing:
        raise TargetsError(problems=[("missing_columns", {"columns": ", ".join(missing)})])
    out = pd.DataFrame(
        {
            "indicator": frame[cols["indicator"]].astype(str).str.strip().str.upper(),
            "year": pd.to_numeric(frame[cols["year"]], errors="coerce"),
            "target_percent": pd.to_numeric(
                frame[cols["target_percent"]].astype(str).str.replace(",", ".").str.strip(),
                errors="coerce",
            ),
        }
    )
    bad_ind = sorted(set(out["indicator"]) - set(INDICATORS))
    if bad_ind:
        problems.append(("unknown_indicators", {"items": ", ".join(bad_ind)}))
    if out["year"].isna().any() or (out["year"] % 1 != 0).any():
        problems.append(("year_not_whole", {}))
    elif ((out["year"] < 2020) | (out["year"] > 2100)).any():
        problems.append(("year_range", {}))
    if out["target_percent"].isna().any():
        problems.append(("target_not_number", {}))
    elif ((out["target_percent"] < 0) | (out["target_percent"] > 100)).any():
        problems.append(("target_range", {}))
    if out.duplicated(["indicator", "year"]).any():
        problems.append(("duplicate", {}))
    absent = [i for i in INDICATORS if i not in set(out["indicator"])]
    if absent:
        problems.append(("no_target", {"items": ", ".join(absent)}))
    if problems:
        raise TargetsError(problems=problems)
    out["year"] = out["year"].astype(int)
    out["target_percent"] = out["target_percent"].astype(float)
    return out.sort_values(["indicator", "year"]).reset_index(drop=True)


def load_targets(data: bytes | str) -> pd.DataFrame:
    """Read a targets CSV (bytes or a path) and validate it with ``targets_frame``."""
    try:
        frame = pd.read_csv(io.BytesIO(data) if isinstance(data, bytes) else data, dtype=str, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise TargetsError(problems=[("unreadable", {})]) from exc
    return targets_frame(frame)
