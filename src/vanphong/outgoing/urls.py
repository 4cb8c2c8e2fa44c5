from django.urls import path

from vanphong.outgoing import (
    views,
    views_board,
    views_books,
    views_document,
    views_files,
    views_groups,
)

app_name = "outgoing"

urlpatterns = [
    path("", views.outgoing_list, name="list"),
    path("new/", views.outgoing_new, name="new"),
    path("<int:pk>/", views_document.outgoing_detail, name="detail"),
    path("<int:pk>/versions/", views_document.outgoing_version_view, name="version"),
    path("<int:pk>/comment/", views_document.outgoing_comment_view, name="comment"),
    path("<int:pk>/submit/", views_document.outgoing_submit_view, name="submit"),
    path("<int:pk>/approve/", views_document.outgoing_approve_view, name="approve"),
    path("<int:pk>/return/", views_document.outgoing_return_view, name="return"),
    path("<int:pk>/forward/", views_document.outgoing_forward_view, name="forward"),
    path("<int:pk>/sign/", views_document.outgoing_sign_view, name="sign"),
    path("<int:pk>/issue/", views_document.outgoing_issue_view, name="issue"),
    path("<int:pk>/cancel/", views_document.outgoing_cancel_view, name="cancel"),
    path("<int:pk>/recall/", views_document.outgoing_recall_view, name="recall"),
    path("<int:pk>/update/", views_document.outgoing_update_view, name="update"),
    path("<int:pk>/replace/", views_document.outgoing_replace_view, name="replace"),
    path("<int:pk>/file/", views_files.outgoing_signed_file, name="signed_file"),
    path(
        "<int:pk>/versions/<int:number>/file/",
        views_files.outgoing_version_file,
        name="version_file",
    ),
    path("<int:pk>/files/<int:file_id>/", views_files.outgoing_file, name="file"),
    path("registers/", views_books.outgoing_books, name="books"),
    path("registers/prints/", views_books.outgoing_book_prints, name="book-prints"),
    path("board/", views_board.outgoing_board, name="board"),
    path("groups/", views_groups.outgoing_groups, name="groups"),
]
