from django.urls import path

from vanphong.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_results, name="results"),
    path("suggest", views.search_suggest, name="suggest"),
    path("saved/", views.saved_search_save, name="save"),
    path("saved/<int:pk>/delete/", views.saved_search_delete_view, name="delete"),
]
