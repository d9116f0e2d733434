from django.urls import path

from guide import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("huong-dan-su-dung.pdf", views.pdf, name="pdf"),
    path("<slug:slug>/", views.chapter, name="chapter"),
    path("<slug:slug>/anh/<slug:step>.png", views.screenshot, name="screenshot"),
]
