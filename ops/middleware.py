from django.http import HttpRequest, HttpResponse

from ops.security_log import log_event

# Answers that mean "you may not see this": 403, the lockout of django-axes (429),
# and 404 to a signed-in user, since scoped lookups (policy.access) answer 404
# for another unit's objects so as not to reveal that they exist.
REFUSED_STATUSES = {403, 429}


class RefusedAccessLogMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        user = getattr(request, "user", None)
        signed_in = user is not None and bool(user.is_authenticated)
        if status in REFUSED_STATUSES or (status == 404 and signed_in):
            log_event(
                "access_refused",
                username=user.get_username() if user is not None and signed_in else "",
                request=request,
                status=status,
                method=request.method,
            )
        return response
