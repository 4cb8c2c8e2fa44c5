from django.urls import path

from vanphong.registers import views

app_name = "registers"

urlpatterns = [
    path("prints/<int:pk>/", views.print_download, name="print"),
]
