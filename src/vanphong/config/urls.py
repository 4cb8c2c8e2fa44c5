from django.contrib import admin
from django.urls import include, path

from vanphong.api.urls import api
from vanphong.web import views as web_views

admin.site.site_header = "vanphong"
admin.site.site_title = "vanphong"

urlpatterns = [
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/", include("vanphong.web.account_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("vanphong.web.urls")),
]
