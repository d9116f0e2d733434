from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create_view, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/outputs/", views.project_outputs, name="outputs"),
    path("<int:pk>/actions/<slug:action>/", views.project_action, name="action"),
    path("units/", views.unit_search, name="unit_search"),
    path("beneficiaries/", views.beneficiary_list, name="beneficiary_list"),
    path("beneficiaries/new/", views.beneficiary_create, name="beneficiary_create"),
    path("beneficiaries/<int:pk>/", views.beneficiary_detail, name="beneficiary_detail"),
    path("beneficiaries/<int:pk>/edit/", views.beneficiary_edit, name="beneficiary_edit"),
]
