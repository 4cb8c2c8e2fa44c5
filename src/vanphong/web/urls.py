from django.urls import path

from vanphong.web import delegation_views, manage_views, unit_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("acting/", views.switch_acting, name="switch_acting"),
    path("units/", unit_views.unit_list, name="units"),
    path("units/<slug:slug>/", unit_views.unit_detail, name="unit"),
    path("delegations/", delegation_views.delegation_list, name="delegations"),
    path(
        "delegations/<int:pk>/revoke/",
        delegation_views.delegation_revoke_view,
        name="delegation_revoke",
    ),
    path("manage/", manage_views.manage_home, name="manage"),
    path("manage/reorg-2025/", manage_views.manage_reorg, name="manage_reorg"),
    path("manage/jobs/", manage_views.manage_jobs, name="manage_jobs"),
    path("manage/jobs/<uuid:job_id>/retry/", manage_views.manage_job_retry, name="job_retry"),
    path("manage/audit/", manage_views.manage_audit, name="manage_audit"),
]
