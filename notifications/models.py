"""What the application tells a user: in the application always, by e-mail when the user chose so."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PROJECT_WAITING = "project_waiting", _("Đề án chờ bạn xử lý")
    PROJECT_RETURNED = "project_returned", _("Đề án bị trả lại")
    REPORT_DUE = "report_due", _("Báo cáo sắp đến hạn")
    REPORT_LATE = "report_late", _("Báo cáo quá hạn")
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")
    REPORT_ACCEPTED = "report_accepted", _("Báo cáo được chấp nhận")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=NotificationKind.choices)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    # A path inside the site (e.g. "/de-an/12/"); the e-mail makes it absolute with SITE_URL.
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    # Repeated reminders for the same thing (the same round, the same day) are sent once.
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            # A project's step settles what it waited for: its unread notifications are found by link.
            models.Index(fields=["url"], condition=Q(read_at__isnull=True), name="notification_unread_by_url"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"),
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], condition=~Q(dedup_key=""), name="notification_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class EmailPreference(models.Model):
    """A user's choice of e-mail for one kind; without a row, e-mail is sent (the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=NotificationKind.choices)
    by_email = models.BooleanField(_("gửi thư điện tử"), default=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thư")
        verbose_name_plural = _("lựa chọn nhận thư")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_email_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} ({'thư' if self.by_email else 'không thư'})"
