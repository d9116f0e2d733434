from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.matrix, name="index"),
    path("remind-late/", views.remind_late, name="remind_late"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/rollup/", views.rollup, name="rollup"),
    path("rounds/<int:pk>/rollup/export/<str:fmt>/", views.rollup_export, name="rollup_export"),
    path("senders/<int:pk>/", views.sender_detail, name="sender_detail"),
    path("senders/<int:pk>/diff/", views.diff, name="diff"),
    path("senders/<int:pk>/<str:action>/", views.sender_action, name="sender_action"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/download/<str:fmt>/", views.submission_file, name="submission_file"),
    path("submissions/<int:pk>/decide/<str:action>/", views.submission_decide, name="submission_decide"),
]
