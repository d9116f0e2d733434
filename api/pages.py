"""The account page «Mã truy cập API»: a user lists, creates and revokes their own tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api.models import ApiToken
from api.services import NAME_MAX_LENGTH, api_token_create, api_token_revoke
from khuyencong.problems import RecordInvalid
from policy.access import SignedInRequest


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: SignedInRequest) -> HttpResponse:
    created = None
    error = None
    name = ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            record, token = api_token_create(user=request.user, name=name)
        except RecordInvalid as invalid:
            error = invalid.errors.get("name") or str(invalid)
        else:
            # The token is shown in this one response and never again: only its digest is kept.
            created = {"record": record, "token": token}
            name = ""
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        "created": created,
        "error": error,
        "name": name,
        "name_max_length": NAME_MAX_LENGTH,
    }
    return render(request, "api/token_list.html", context, status=400 if error else 200)


@login_required
@require_POST
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    # Another user's token answers 404: its existence is not revealed.
    token = ApiToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404(_("Không tìm thấy."))
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Đã thu hồi mã truy cập «%(name)s».") % {"name": token.name})
    return redirect("api_tokens")
