from hypothesis import given
from hypothesis import strategies as st

from vanphong.core.text import clean, fold, nfc, sort_key


def test_fold_removes_marks_and_folds_d():
    assert fold("Đảng ủy") == "dang uy"
    assert fold("Tham mưu GIỎI") == "tham muu gioi"
    # Stacked marks (circumflex + tone) are the ones remove_diacritics 1 misses.
    assert fold("Ấp Bắc, Hội đồng, Ứng Hòa") == "ap bac, hoi dong, ung hoa"


def test_fold_is_the_same_for_nfc_and_nfd():
    import unicodedata

    text = "Thường trực Thành ủy"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_clean_gives_nfc_and_single_spaces():
    import unicodedata

    assert clean(unicodedata.normalize("NFD", "  Quận ủy \n Ba   Đình ")) == nfc("Quận ủy Ba Đình")


def test_sort_key_orders_like_a_vietnamese_dictionary():
    names = [
        "Gia Lâm",
        "Đống Đa",
        "Dương Nội",
        "Ba Vì",
        "Ba Đình",
        "Bắc Từ Liêm",
        "Ứng Hòa",
        "Uy Nỗ",
    ]
    assert sorted(names, key=sort_key) == [
        "Ba Đình",
        "Ba Vì",
        "Bắc Từ Liêm",
        "Dương Nội",
        "Đống Đa",
        "Gia Lâm",
        "Uy Nỗ",
        "Ứng Hòa",
    ]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ "
)


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1))
def test_fold_of_vietnamese_is_plain_ascii(text):
    assert fold(text).isascii()
