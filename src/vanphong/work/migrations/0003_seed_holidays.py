"""Vietnam's public holidays 2025–2027 (Bộ luật Lao động 2019, Điều 112), for deadlines.

The days off are decided each year by the government (Thủ tướng; announced by the Ministry
in charge of labour, now Bộ Nội vụ): the bridge days, the make-up Saturdays (ngày làm bù) and
the days in lieu of holidays falling on a weekend. That decision must be followed: this table
is reference data that administrators edit (Django admin: Work and follow-up → holidays) when
it is published. Weekend days worked in exchange are rows with ``working=True``.

2025 follows Thông báo 6150/TB-LĐTBXH (Tết 25/01–02/02, 30/4–4/5 with 02/05 swapped for
Saturday 26/04) and the 2/9 schedule (01–02/09). 2026 follows the published schedules (Tết
14–22/02, Giỗ Tổ on Sunday 26/04 with Monday 27/04 in lieu, 2/9 with Monday 31/08 swapped for
Saturday 22/08) and Ngày Văn hóa Việt Nam 24/11 (Nghị quyết 80-NQ/TW, a paid day off from
2026). 2027 is an ESTIMATE by the Labour Code's rules (Tết Đinh Mùi falls on Saturday 06/02;
the extra Quốc khánh day taken as Friday 03/09): replace it with the government's decision.
"""

from __future__ import annotations

import datetime as dt

from django.db import migrations

D = dt.date
TET = "Tết Nguyên đán"
HUNG = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
APR30 = "Ngày Chiến thắng (30/4)"
MAY1 = "Ngày Quốc tế Lao động (1/5)"
SEP2 = "Quốc khánh (2/9)"
NEW_YEAR = "Tết Dương lịch"
CULTURE = "Ngày Văn hóa Việt Nam (24/11)"

# (date, name, working)
HOLIDAYS: list[tuple[dt.date, str, bool]] = [
    # 2025
    (D(2025, 1, 1), NEW_YEAR, False),
    (D(2025, 1, 27), f"{TET} (nghỉ bù thứ Bảy 01/02)", False),
    (D(2025, 1, 28), f"{TET} (giao thừa)", False),
    (D(2025, 1, 29), f"{TET} (mùng 1)", False),
    (D(2025, 1, 30), f"{TET} (mùng 2)", False),
    (D(2025, 1, 31), f"{TET} (mùng 3)", False),
    (D(2025, 2, 1), f"{TET} (mùng 4)", False),
    (D(2025, 4, 7), HUNG, False),
    (D(2025, 4, 26), "Làm bù cho thứ Sáu 02/05", True),
    (D(2025, 4, 30), APR30, False),
    (D(2025, 5, 1), MAY1, False),
    (D(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/04)", False),
    (D(2025, 9, 1), SEP2, False),
    (D(2025, 9, 2), SEP2, False),
    # 2026
    (D(2026, 1, 1), NEW_YEAR, False),
    (D(2026, 2, 16), f"{TET} (giao thừa)", False),
    (D(2026, 2, 17), f"{TET} (mùng 1)", False),
    (D(2026, 2, 18), f"{TET} (mùng 2)", False),
    (D(2026, 2, 19), f"{TET} (mùng 3)", False),
    (D(2026, 2, 20), f"{TET} (mùng 4)", False),
    (D(2026, 4, 26), HUNG, False),
    (D(2026, 4, 27), f"{HUNG}, nghỉ bù", False),
    (D(2026, 4, 30), APR30, False),
    (D(2026, 5, 1), MAY1, False),
    (D(2026, 8, 22), "Làm bù cho thứ Hai 31/08", True),
    (D(2026, 8, 31), "Nghỉ hoán đổi (làm bù thứ Bảy 22/08)", False),
    (D(2026, 9, 1), SEP2, False),
    (D(2026, 9, 2), SEP2, False),
    (D(2026, 11, 24), CULTURE, False),
    # 2027: estimated, to be replaced by the government's decision.
    (D(2027, 1, 1), NEW_YEAR, False),
    (D(2027, 2, 4), f"{TET} (nghỉ bù thứ Bảy 06/02, dự kiến)", False),
    (D(2027, 2, 5), f"{TET} (dự kiến)", False),
    (D(2027, 2, 8), f"{TET} (dự kiến)", False),
    (D(2027, 2, 9), f"{TET} (dự kiến)", False),
    (D(2027, 2, 10), f"{TET} (nghỉ bù Chủ nhật 07/02, dự kiến)", False),
    (D(2027, 4, 16), HUNG, False),
    (D(2027, 4, 30), APR30, False),
    (D(2027, 5, 3), f"{MAY1}, nghỉ bù thứ Bảy 01/05", False),
    (D(2027, 9, 2), SEP2, False),
    (D(2027, 9, 3), f"{SEP2} (dự kiến)", False),
    (D(2027, 11, 24), CULTURE, False),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    holiday = apps.get_model("work", "Holiday")
    holiday.objects.bulk_create(
        [holiday(date=day, name=name, working=working) for day, name, working in HOLIDAYS],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    holiday = apps.get_model("work", "Holiday")
    holiday.objects.filter(date__in=[day for day, _, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("work", "0002_rules_holidays_one_lead")]

    operations = [migrations.RunPython(seed, unseed)]
