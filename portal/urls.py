from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("dang-ky/", views.register, name="register"),
    path("", views.my_file, name="home"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("registrations/", views.registration_list, name="registration_list"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("registrations/<int:pk>/activate/", views.registration_activate_view, name="registration_activate"),
    path("registrations/<int:pk>/refuse/", views.registration_refuse_view, name="registration_refuse"),
]
