"""text.fold_text and strip_kind_word: the matching key of everything people type by hand."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_targets.text import KIND_WORDS, fold_text, strip_kind_word

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
texts = st.text(alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " ,.;:-_()/\n\t0123456789"), max_size=40)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Số nữ được\nĐÀO TẠO, bồi dưỡng", "so nu duoc dao tao boi duong"),
        ("  Lãnh đạo   chủ chốt ", "lanh dao chu chot"),
        ("LĐCC", "ldcc"),
        ("Tên cơ quan, đơn vị", "ten co quan don vi"),
        ("(1)", "1"),
        ("Quý III/2024", "quy iii 2024"),
        ("", ""),
        (None, ""),
        (12.0, "12 0"),
        ("Ủy ban MTTQ - đoàn thể", "uy ban mttq doan the"),
    ],
)
def test_fold_text_examples(raw, folded):
    assert fold_text(raw) == folded


@given(texts)
def test_fold_text_is_idempotent(text):
    once = fold_text(text)
    assert fold_text(once) == once


@given(texts)
def test_fold_text_ignores_case(text):
    assert fold_text(text.upper()) == fold_text(text.lower()) == fold_text(text)


@given(texts)
def test_fold_text_ignores_diacritics(text):
    stripped = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(ch)
    )
    assert fold_text(stripped) == fold_text(text)


@given(texts, st.lists(st.sampled_from([" ", "  ", "\n", "\t", " , "]), min_size=1, max_size=3))
def test_fold_text_ignores_extra_spaces_and_punctuation(text, pads):
    padded = pads[0] + text.replace(" ", "".join(pads)) + pads[-1]
    assert fold_text(padded) == fold_text(text)


@given(texts)
def test_fold_text_is_plain_ascii_words(text):
    folded = fold_text(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in folded)


def test_fold_text_same_in_nfc_and_nfd():
    word = "Điểm Bà Hóc Môn"
    assert fold_text(unicodedata.normalize("NFC", word)) == fold_text(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize(
    ("folded", "stripped"),
    [
        ("xa ba diem", "ba diem"),
        ("thi tran hoc mon", "hoc mon"),
        ("phuong 1", "1"),
        ("xa", "xa"),
        ("xuan thoi son", "xuan thoi son"),
        ("khoi co quan", "khoi co quan"),
    ],
)
def test_strip_kind_word(folded, stripped):
    assert strip_kind_word(folded) == stripped


def test_kind_words_are_folded():
    assert all(fold_text(w) == w for w in KIND_WORDS)


def _fold_reference(value: object) -> str:
    """fold_text as first written: NFKD, marks dropped, lower case, punctuation to spaces."""
    import re

    text = str(value).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


@given(st.text(max_size=40) | texts | texts.map(lambda t: unicodedata.normalize("NFD", t)))
def test_fold_text_by_table_equals_nfkd(text):
    """The translation table is only a faster road to the same key (any text, decomposed marks too)."""
    assert fold_text(text) == _fold_reference(text)
