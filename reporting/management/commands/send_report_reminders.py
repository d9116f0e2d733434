import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from reporting.tasks import remind_senders


class Command(BaseCommand):
    help = "Nhắc các đơn vị có báo cáo sắp đến hạn hoặc quá hạn (theo quy định của từng loại kỳ báo cáo)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày tính hạn (yyyy-mm-dd); mặc định hôm nay.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"Ngày không hợp lệ: «{options['date']}» (định dạng yyyy-mm-dd).") from None
        counts = remind_senders(today)
        self.stdout.write(f"Đã nhắc: {counts['due']} thông báo sắp đến hạn, {counts['late']} thông báo quá hạn.")
