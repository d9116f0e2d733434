from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("locks/", views.year_locks, name="locks"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/years/<int:year>/plan/", views.plan_grid, name="plan"),
    path("<int:pk>/years/<int:year>/lock/", views.year_lock_set, name="lock"),
    path("<int:pk>/targets/new/", views.target_create, name="target_create"),
    path("<int:pk>/results/", views.result_list, name="results"),
    path("<int:pk>/results/new/", views.result_create, name="result_create"),
    path("results/<int:pk>/edit/", views.result_edit, name="result_edit"),
]
