"""Official documents speak Vietnamese whatever language the screen speaks.

Reports to the People's Committee (PDF, Word, Excel) and the Excel import
templates are filed as they are; labels built while one of them is made
(status names, funding sources, filter descriptions) must not follow the
VI/EN switch of the person who asked for it.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def official_language() -> translation.override:
    return translation.override(settings.LANGUAGE_CODE)


def in_official_language[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Make a document-building function speak Vietnamese, whoever calls it."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with official_language():
            return func(*args, **kwargs)

    return wrapper


def vietnamese_downloads[**P, R](view: Callable[P, R]) -> Callable[P, R]:
    """Run the view in Vietnamese when it answers with a document (a POST or ?format=...)."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        request = args[0]
        assert isinstance(request, HttpRequest)  # noqa: S101  typing narrowing: a view's first argument
        if request.method == "POST" or request.GET.get("format"):
            with official_language():
                return view(*args, **kwargs)
        return view(*args, **kwargs)

    return wrapper
