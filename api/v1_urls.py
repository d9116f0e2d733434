"""The read API itself, under /api/v1/ (django-ninja's app name, included with the namespace `api`)."""

from api.views import api

urlpatterns, app_name, _namespace = api.urls
