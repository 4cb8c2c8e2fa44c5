from django.urls import path

from vanphong.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("acting/", views.switch_acting, name="switch_acting"),
]
