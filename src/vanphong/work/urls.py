from django.urls import path

from vanphong.work import views

app_name = "work"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("unit/", views.unit_inbox, name="unit"),
    path("<int:pk>/", views.assignment_detail, name="assignment"),
    path("<int:pk>/accept/", views.assignment_accept_view, name="accept"),
    path("<int:pk>/read/", views.assignment_read_view, name="read"),
    path("<int:pk>/progress/", views.assignment_progress_view, name="progress"),
    path("<int:pk>/complete/", views.assignment_complete_view, name="complete"),
    path("<int:pk>/comment/", views.assignment_comment_view, name="comment"),
    path("<int:pk>/attach/", views.assignment_attach_view, name="attach"),
    path("<int:pk>/hand-over/", views.assignment_hand_over_view, name="hand_over"),
    path("<int:pk>/give-back/", views.assignment_give_back_view, name="give_back"),
    path("<int:pk>/remind/", views.assignment_remind_view, name="remind"),
]
