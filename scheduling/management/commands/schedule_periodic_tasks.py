from django.core.management.base import BaseCommand

from scheduling.models import SchedulerState
from scheduling.services import scheduler_start


class Command(BaseCommand):
    help = (
        "Đưa bộ điều phối tác vụ định kỳ vào hàng đợi của worker (manage.py db_worker), nếu chưa có. "
        "Chạy lại bao nhiêu lần cũng chỉ có một bộ điều phối đang chờ."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--restart", action="store_true", help="Điều phối ngay; bộ điều phối đang chờ (nếu có) sẽ tự dừng."
        )

    def handle(self, *args, restart: bool = False, **options) -> None:
        enqueued = scheduler_start(restart=restart)
        state = SchedulerState.objects.get(pk=1)
        if enqueued:
            self.stdout.write(f"Đã đưa bộ điều phối vào hàng đợi (tác vụ {state.pending_result_id}).")
        else:
            when = f"{state.wakes_at:%d/%m/%Y %H:%M}" if state.wakes_at else "—"
            self.stdout.write(f"Bộ điều phối đã có trong hàng đợi (tác vụ {state.pending_result_id}, lúc {when}).")
