"""The account page for API tokens, under /accounts/api-tokens/."""

from django.urls import path

from api import pages

urlpatterns = [
    path("", pages.token_list, name="api_tokens"),
    path("<int:pk>/revoke/", pages.token_revoke, name="api_token_revoke"),
]
