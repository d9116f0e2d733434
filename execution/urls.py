from django.urls import path

from execution import views

app_name = "execution"

urlpatterns = [
    path("projects/<int:pk>/inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("projects/<int:pk>/progress/new/", views.progress_create, name="progress_create"),
    path("progress/<int:pk>/", views.progress_detail, name="progress_detail"),
    path("projects/<int:pk>/effect/", views.effect_edit, name="effect_edit"),
    path("projects/<int:pk>/appraisals/new/", views.appraisal_create, name="appraisal_create"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="appraisal_detail"),
    path("projects/<int:pk>/parties/new/", views.party_create, name="party_create"),
]
