from django.contrib import admin
from django.urls import include, path

from api.urls import api_urls, token_urlpatterns
from khuyencong import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/api-tokens/", include(token_urlpatterns)),
    path("accounts/", include("accounts.urls")),
    path("programmes/", include("programs.urls")),
    path("projects/", include("projects.urls")),
    path("budgets/", include("budgets.urls")),
    path("reports/", include("reports.urls")),
    path("imports/", include("imports.urls")),
    path("files/", include("attachments.urls")),
    path("portal/", include("portal.urls")),
    path("execution/", include("execution.urls")),
    path("huong-dan/", include("guide.urls")),
    path("api/v1/", api_urls),
    path("", include("ops.urls")),
]
