from django.contrib import admin
from django.urls import include, path, re_path

from vanphong.api.urls import api, api_not_found
from vanphong.web import views as web_views

admin.site.site_header = "vanphong"
admin.site.site_title = "vanphong"

urlpatterns = [
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/", include("vanphong.web.account_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Anything else under /api/ answers in JSON like the API, not with the web's HTML 404.
    re_path(r"^api/(?P<rest>.*)$", api_not_found, name="api-not-found"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("incoming/", include("vanphong.incoming.urls")),
    path("outgoing/", include("vanphong.outgoing.urls")),
    path("registers/", include("vanphong.registers.urls")),
    path("search/", include("vanphong.search.urls")),
    path("work/", include("vanphong.work.urls")),
    path("", include("vanphong.web.urls")),
]
