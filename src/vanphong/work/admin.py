"""Django admin for the work app's reference data: holidays and units' deadline rules.

Saving goes through the services, so every change is in the audit journal.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from vanphong.work.models import Holiday, WorkRules
from vanphong.work.services import RULE_FIELDS, holiday_remove, holiday_set, work_rules_set


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ("date", "name", "working")
    list_filter = ("working",)
    date_hierarchy = "date"
    search_fields = ("name",)
    actions = None

    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        if change and "date" in form.changed_data:
            old = Holiday.objects.get(pk=obj.pk)
            holiday_remove(by=request.user, holiday=old)  # type: ignore[arg-type]
        saved = holiday_set(
            by=request.user,  # type: ignore[arg-type]
            day=obj.date,
            name=obj.name,
            working=obj.working,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        holiday_remove(by=request.user, holiday=obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        for holiday in queryset:
            self.delete_model(request, holiday)


@admin.register(WorkRules)
class WorkRulesAdmin(admin.ModelAdmin[WorkRules]):
    list_display = ("unit", *RULE_FIELDS)
    list_select_related = ("unit",)
    autocomplete_fields = ()
    raw_id_fields = ("unit",)

    def save_model(self, request: HttpRequest, obj: WorkRules, form: Any, change: bool) -> None:
        saved = work_rules_set(
            by=request.user,  # type: ignore[arg-type]
            unit=obj.unit,
            **{name: getattr(obj, name) for name in RULE_FIELDS},
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
