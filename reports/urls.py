from django.urls import path

from reports import job_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/overview/", views.overview_view, name="overview"),
    path("<str:code>/<str:kind>/", views.report_view, name="report"),
    # Background export jobs (keep at the end). Every path has one or three segments after
    # reports/, so the two-segment report path <code>/<kind>/ above never captures them.
    path("jobs/", job_views.job_list, name="job_list"),
    path("jobs/<int:pk>/progress/", job_views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/status/", job_views.job_status, name="job_status"),
    path("jobs/<int:pk>/download/", job_views.job_download, name="job_download"),
]
