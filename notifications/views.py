"""The bell's pages: the user's own notifications, marking them read, and the e-mail choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from notifications import selectors
from notifications.forms import EmailPreferencesForm
from notifications.services import email_preferences_save, notification_mark_read, notifications_mark_all_read
from policy.access import SignedInRequest

PAGE_SIZE = 20


@login_required
@require_safe
def notification_list(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.user_notifications(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_safe
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    """Following a notification's link marks it read, then goes to the page it is about."""
    notification = selectors.get_notification_for(request.user, pk)
    notification_mark_read(notification=notification, user=request.user)
    # The link is stored by the application, but only a path on this site is ever followed.
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = selectors.get_notification_for(request.user, pk)
    notification_mark_read(notification=notification, user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: SignedInRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request: SignedInRequest) -> HttpResponse:
    form = EmailPreferencesForm(request.POST or None, initial=selectors.email_choices(request.user))
    if request.method == "POST" and form.is_valid():
        email_preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Đã lưu lựa chọn nhận thư."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
