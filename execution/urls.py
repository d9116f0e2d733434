from django.urls import path

from execution import views

app_name = "execution"

urlpatterns = [
    path("projects/<int:pk>/inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
]
