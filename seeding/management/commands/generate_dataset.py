import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seeding.dataset import SEED, DatasetExists, generate_dataset


class Command(BaseCommand):
    help = (
        "Tạo bộ dữ liệu tổng hợp quy mô toàn quốc, xác định (cùng hạt giống cho cùng dữ liệu). "
        "--scale 1: 34 tỉnh, 100.000 đề án, 50.000 đối tượng, 1.000.000 khoản giải ngân."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1 = national scale; 0.01 for tests")
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args: Any, scale: float, seed: int, **options: Any) -> None:
        started = time.perf_counter()
        log = (lambda message: self.stdout.write(message)) if options["verbosity"] > 1 else None
        try:
            counts = generate_dataset(scale, seed=seed, log=log)
        except DatasetExists as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{name} {value}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Đã tạo bộ dữ liệu (scale {scale}) trong {elapsed:.1f} s: {summary}"))
