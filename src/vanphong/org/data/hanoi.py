"""The demonstration network: the Hà Nội Party organisation of 2016, and its 2025 reorganisation.

Reference data for the demo, not an authoritative register. Names follow DOMAIN.md §9 and
Nghị quyết 1656/NQ-UBTVQH15 (16/06/2025) on the commune-level units of Hà Nội; organisation
identifiers are demonstration codes in the NNN.NN.NN.XNN shape (the real codes are issued by
the Party's own directory), and each new commune is listed under the one district it mainly
comes from.
"""

from __future__ import annotations

import datetime as dt

CITY = {
    "slug": "thanhuy",
    "kind": "thanh_uy",
    "full_name": "Thành ủy Hà Nội",
    "short_name": "Thành ủy",
    "issuer_code": "TU",
    "organ_id": "000.00.00.T26",
    "valid_from": dt.date(2008, 8, 1),
    "address": "Số 2 Lê Lai, Hoàn Kiếm, Hà Nội",
    "email": "thanhuy@demo.vanphong.test",
}

# (slug suffix, kind, full name, short name, issuer code)
BOARDS = [
    ("vp", "van_phong", "Văn phòng Thành ủy", "Văn phòng", "VPTU"),
    ("btc", "ban", "Ban Tổ chức Thành ủy", "Ban Tổ chức", "BTCTU"),
    ("btg", "ban", "Ban Tuyên giáo Thành ủy", "Ban Tuyên giáo", "BTGTU"),
    ("bdv", "ban", "Ban Dân vận Thành ủy", "Ban Dân vận", "BDVTU"),
    ("bnc", "ban", "Ban Nội chính Thành ủy", "Ban Nội chính", "BNCTU"),
    ("ubkt", "ban", "Ủy ban Kiểm tra Thành ủy", "Ủy ban Kiểm tra", "UBKTTU"),
]

# (slug, kind, place name) in the order of DOMAIN.md §9 and DESIGN.md §6.
DISTRICTS = [
    ("badinh", "quan_uy", "Ba Đình"),
    ("hoankiem", "quan_uy", "Hoàn Kiếm"),
    ("tayho", "quan_uy", "Tây Hồ"),
    ("longbien", "quan_uy", "Long Biên"),
    ("caugiay", "quan_uy", "Cầu Giấy"),
    ("dongda", "quan_uy", "Đống Đa"),
    ("haibatrung", "quan_uy", "Hai Bà Trưng"),
    ("hoangmai", "quan_uy", "Hoàng Mai"),
    ("thanhxuan", "quan_uy", "Thanh Xuân"),
    ("hadong", "quan_uy", "Hà Đông"),
    ("bactuliem", "quan_uy", "Bắc Từ Liêm"),
    ("namtuliem", "quan_uy", "Nam Từ Liêm"),
    ("bavi", "huyen_uy", "Ba Vì"),
    ("chuongmy", "huyen_uy", "Chương Mỹ"),
    ("danphuong", "huyen_uy", "Đan Phượng"),
    ("donganh", "huyen_uy", "Đông Anh"),
    ("gialam", "huyen_uy", "Gia Lâm"),
    ("hoaiduc", "huyen_uy", "Hoài Đức"),
    ("melinh", "huyen_uy", "Mê Linh"),
    ("myduc", "huyen_uy", "Mỹ Đức"),
    ("phuxuyen", "huyen_uy", "Phú Xuyên"),
    ("phuctho", "huyen_uy", "Phúc Thọ"),
    ("quocoai", "huyen_uy", "Quốc Oai"),
    ("socson", "huyen_uy", "Sóc Sơn"),
    ("thachthat", "huyen_uy", "Thạch Thất"),
    ("thanhoai", "huyen_uy", "Thanh Oai"),
    ("thanhtri", "huyen_uy", "Thanh Trì"),
    ("thuongtin", "huyen_uy", "Thường Tín"),
    ("unghoa", "huyen_uy", "Ứng Hòa"),
    ("sontay", "thi_uy", "Sơn Tây"),
]

# Bắc Từ Liêm and Nam Từ Liêm were formed from Từ Liêm district on 01/04/2014.
DISTRICT_SINCE = {"bactuliem": dt.date(2014, 4, 1), "namtuliem": dt.date(2014, 4, 1)}

DISTRICT_PREFIX = {"quan_uy": "Quận ủy", "huyen_uy": "Huyện ủy", "thi_uy": "Thị ủy"}
DISTRICT_CODE = {"quan_uy": "QU", "huyen_uy": "HU", "thi_uy": "TU"}

REORG_2025 = dt.date(2025, 7, 1)
REORG_2025_DECISION = "Nghị quyết 1656/NQ-UBTVQH15"

# District slug → (kind of the new units, names), the first name being the unit that takes over
# what is still addressed to the district (its primary successor).
COMMUNES_2025: dict[str, tuple[str, list[str]]] = {
    "badinh": ("phuong", ["Ba Đình", "Ngọc Hà", "Giảng Võ"]),
    "hoankiem": ("phuong", ["Hoàn Kiếm", "Cửa Nam", "Hồng Hà"]),
    "tayho": ("phuong", ["Tây Hồ", "Phú Thượng"]),
    "longbien": ("phuong", ["Long Biên", "Bồ Đề", "Việt Hưng", "Phúc Lợi"]),
    "caugiay": ("phuong", ["Cầu Giấy", "Nghĩa Đô", "Yên Hòa"]),
    "dongda": ("phuong", ["Đống Đa", "Kim Liên", "Văn Miếu - Quốc Tử Giám", "Láng", "Ô Chợ Dừa"]),
    "haibatrung": ("phuong", ["Hai Bà Trưng", "Vĩnh Tuy", "Bạch Mai"]),
    "hoangmai": (
        "phuong",
        ["Hoàng Mai", "Lĩnh Nam", "Vĩnh Hưng", "Tương Mai", "Định Công", "Hoàng Liệt", "Yên Sở"],
    ),
    "thanhxuan": ("phuong", ["Thanh Xuân", "Khương Đình", "Phương Liệt"]),
    "hadong": ("phuong", ["Hà Đông", "Dương Nội", "Yên Nghĩa", "Phú Lương", "Kiến Hưng"]),
    "bactuliem": ("phuong", ["Phú Diễn", "Tây Tựu", "Xuân Đỉnh", "Đông Ngạc", "Thượng Cát"]),
    "namtuliem": ("phuong", ["Từ Liêm", "Xuân Phương", "Tây Mỗ", "Đại Mỗ"]),
    "bavi": (
        "xa",
        ["Ba Vì", "Minh Châu", "Quảng Oai", "Vật Lại", "Cổ Đô", "Bất Bạt", "Suối Hai", "Yên Bài"],
    ),
    "chuongmy": (
        "mixed",
        ["Chương Mỹ", "Phú Nghĩa", "Xuân Mai", "Trần Phú", "Hòa Phú", "Quảng Bị"],
    ),
    "danphuong": ("xa", ["Đan Phượng", "Ô Diên", "Liên Minh"]),
    "donganh": ("xa", ["Đông Anh", "Phúc Thịnh", "Thư Lâm", "Thiên Lộc", "Vĩnh Thanh"]),
    "gialam": ("xa", ["Gia Lâm", "Thuận An", "Bát Tràng", "Phù Đổng"]),
    "hoaiduc": ("xa", ["Hoài Đức", "Dương Hòa", "Sơn Đồng", "An Khánh"]),
    "melinh": ("xa", ["Mê Linh", "Yên Lãng", "Tiến Thắng", "Quang Minh"]),
    "myduc": ("xa", ["Mỹ Đức", "Hồng Sơn", "Phúc Sơn", "Hương Sơn"]),
    "phuxuyen": ("xa", ["Phú Xuyên", "Phượng Dực", "Chuyên Mỹ", "Đại Xuyên"]),
    "phuctho": ("xa", ["Phúc Thọ", "Phúc Lộc", "Hát Môn"]),
    "quocoai": ("xa", ["Quốc Oai", "Hưng Đạo", "Kiều Phú", "Phú Cát"]),
    "socson": ("xa", ["Sóc Sơn", "Kim Anh", "Trung Giã", "Đa Phúc", "Nội Bài"]),
    "thachthat": ("xa", ["Thạch Thất", "Hạ Bằng", "Tây Phương", "Hòa Lạc", "Yên Xuân"]),
    "thanhoai": ("xa", ["Thanh Oai", "Bình Minh", "Tam Hưng", "Dân Hòa"]),
    "thanhtri": ("mixed", ["Thanh Trì", "Đại Thanh", "Nam Phù", "Ngọc Hồi", "Thanh Liệt"]),
    "thuongtin": ("xa", ["Thường Tín", "Thượng Phúc", "Chương Dương", "Hồng Vân"]),
    "unghoa": ("xa", ["Ứng Hòa", "Vân Đình", "Ứng Thiên", "Hòa Xá"]),
    "sontay": ("mixed", ["Sơn Tây", "Tùng Thiện", "Đoài Phương"]),
}

# In the districts marked "mixed", these became wards; the rest communes.
WARDS_IN_MIXED = {"Chương Mỹ", "Thanh Liệt", "Sơn Tây", "Tùng Thiện"}

BOARD_MERGER_2025 = {
    "sources": ["btg", "bdv"],
    "slug": "btgdv",
    "full_name": "Ban Tuyên giáo và Dân vận Thành ủy",
    "short_name": "Ban Tuyên giáo và Dân vận",
    "issuer_code": "BTGDVTU",
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng", "Ngọc", "Thanh", "Hữu", "Phương"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Trung",
    "Tuấn",
    "Việt",
    "Yến",
    "Đạt",
    "Đông",
    "Hiếu",
    "Hòa",
    "Huy",
    "Kiên",
    "Lộc",
    "Minh",
    "Ngân",
    "Oanh",
]

# Committee terms (nhiệm kỳ), from each congress. Dates are approximate demo data: Party
# numbering restarts with each term, so an administrator must record the real congress dates.
CITY_TERMS = [
    ("XVI (2015–2020)", dt.date(2015, 10, 1)),
    ("XVII (2020–2025)", dt.date(2020, 10, 14)),
    ("XVIII (2025–2030)", dt.date(2025, 10, 16)),
]
DISTRICT_TERMS = [("2015–2020", dt.date(2015, 7, 1)), ("2020–2025", dt.date(2020, 7, 1))]
COMMUNE_TERMS = [("2025–2030", REORG_2025)]
