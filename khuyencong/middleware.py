"""Vietnamese first: the interface language is Vietnamese unless the user chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, and
many office computers run an English system; so only the user's own choice
(the language cookie set by the VI/EN switch) changes the language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # The thread serves the next request, or runs a test's service calls,
        # in the default language, not in the last visitor's choice.
        translation.deactivate()
        return response
