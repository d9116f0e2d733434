from django.urls import path

from budgets import views

app_name = "budgets"

urlpatterns = [
    path("allocations/", views.allocation_list, name="allocation_list"),
    path("allocations/new/", views.allocation_create, name="allocation_create"),
    path("allocations/<int:pk>/", views.allocation_edit, name="allocation_edit"),
    path("disbursements/", views.disbursement_list, name="disbursement_list"),
    path("disbursements/new/", views.disbursement_create_view, name="disbursement_create"),
    path("disbursements/<int:pk>/", views.disbursement_detail, name="disbursement_detail"),
]
