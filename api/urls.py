from django.urls import path

from api import pages
from api.views import api

# The account page for tokens (under /accounts/) and the API itself (under /api/v1/).
token_urlpatterns = [
    path("", pages.token_list, name="api_tokens"),
    path("<int:pk>/revoke/", pages.token_revoke, name="api_token_revoke"),
]

api_urls = api.urls
