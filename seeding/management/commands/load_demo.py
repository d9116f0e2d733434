from typing import Any

from django.core.management.base import BaseCommand

from seeding.demo.loader import DemoLoader
from seeding.logins import BENEFICIARY_LOGIN, DEMO_PASSWORD, DEMO_USERS, REPORTING_LEADER_LOGIN


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa từ các văn bản nguồn (chạy lại không thay đổi gì)."

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        counts = DemoLoader().load()
        self.stdout.write(
            self.style.SUCCESS(
                "Đã nạp dữ liệu minh họa: {programmes} chương trình, {projects} đề án, "
                "{beneficiaries} đối tượng thụ hưởng, {disbursements} khoản giải ngân.".format(**counts)
            )
        )
        if settings.DEMO_ENABLED:
            self.stdout.write(f"Tài khoản minh họa (mật khẩu: {DEMO_PASSWORD}):")
            logins = [(u, name, role) for u, name, role, _org in (*DEMO_USERS, REPORTING_LEADER_LOGIN)]
            for username, full_name, role in [*logins, BENEFICIARY_LOGIN]:
                self.stdout.write(f"  {username:<11} {full_name} — {role.label}")
