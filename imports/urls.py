from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("template/", views.template, name="template"),
    path("upload/", views.upload, name="upload"),
    path("<int:batch_id>/", views.preview, name="preview"),
    path("<int:batch_id>/confirm/", views.confirm, name="confirm"),
    path("<int:batch_id>/status/", views.status, name="status"),
]
