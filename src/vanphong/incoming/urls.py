from django.urls import path

from vanphong.incoming import views, views_books, views_direction, views_document, views_files

app_name = "incoming"

urlpatterns = [
    path("", views.incoming_list, name="list"),
    path("new/", views.incoming_new, name="new"),
    path("registers/", views_books.incoming_books, name="books"),
    path("registers/prints/", views_books.incoming_book_prints, name="book-prints"),
    path("<int:pk>/", views_document.incoming_detail, name="detail"),
    path("<int:pk>/status/", views_document.incoming_text_status, name="status"),
    path("<int:pk>/panel/", views_document.incoming_review_panel, name="panel"),
    path("<int:pk>/register/", views_document.incoming_register_view, name="register"),
    path("<int:pk>/return/", views_document.incoming_return_view, name="return"),
    path("<int:pk>/cancel/", views_document.incoming_cancel_view, name="cancel"),
    path("<int:pk>/correct/", views_document.incoming_correct_view, name="correct"),
    path("<int:pk>/direct/", views_direction.incoming_direct_view, name="direct"),
    path("<int:pk>/reassign/", views_direction.incoming_reassign_view, name="reassign"),
    path("<int:pk>/replies/<int:document_id>/", views_files.incoming_reply, name="reply"),
    path("<int:pk>/preview.png", views_files.incoming_preview, name="preview"),
    path("<int:pk>/files/<int:file_id>/", views_files.incoming_file, name="file"),
    path(
        "<int:pk>/files/<int:file_id>/searchable/",
        views_files.incoming_searchable,
        name="searchable",
    ),
    path("<int:pk>/files/<int:file_id>/retry/", views_document.incoming_retry_view, name="retry"),
]
