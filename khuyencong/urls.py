from django.contrib import admin
from django.urls import include, path

# Apps are named by string: khuyencong (settings, URLs, generic helpers) imports no app.
urlpatterns = [
    path("", include("home.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/api-tokens/", include("api.token_urls")),
    path("accounts/", include("accounts.urls")),
    path("programmes/", include("programs.urls")),
    path("projects/", include("projects.urls")),
    path("budgets/", include("budgets.urls")),
    path("reports/", include("reports.urls")),
    path("reporting/", include("reporting.urls")),
    path("imports/", include("imports.urls")),
    path("files/", include("attachments.urls")),
    path("portal/", include("portal.urls")),
    path("notifications/", include("notifications.urls")),
    path("execution/", include("execution.urls")),
    path("huong-dan/", include("guide.urls")),
    path("api/v1/", include("api.v1_urls", namespace="api")),
    path("", include("ops.urls")),
]

# A database that cannot be reached: the Vietnamese 503 page (khuyencong/unavailable.py).
handler500 = "khuyencong.unavailable.server_error_or_unavailable"
