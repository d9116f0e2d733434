from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/overview/", views.overview_view, name="overview"),
    path("<str:code>/<str:kind>/", views.report_view, name="report"),
]
