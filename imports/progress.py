"""Progress of a workbook checked or applied by the task worker.

A row goes through up to three steps: read from the file, compared with what is
stored, written. The bar shows "rows done" as the rows through every step,
each step weighted by its measured share of the time (scripts/bench_import.py:
reading, comparing and writing 2.000 project rows take about 2,4 s, 2,3 s and
1,6 s), so it moves evenly instead of sitting still through a step.

The worker publishes from its own autocommitted connection: the apply runs in
one transaction, and progress written through that transaction would be seen
by nobody until the end, or never when it is rolled back.
"""

from collections.abc import Callable, Iterable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from imports.models import ImportBatch

READ, COMPARE, WRITE = "read", "compare", "write"
STEP_WEIGHTS = {READ: 1.0, COMPARE: 1.0, WRITE: 0.7}
CHECK_STEPS = (READ, COMPARE)
APPLY_STEPS = (READ, COMPARE, WRITE)
PUBLISH_EVERY = 500  # row-steps between two writes: about 60 small UPDATEs (0,3 s) over a 10.000-row import


class Progress:
    """Reports nothing: the import made inside a request."""

    def set_total(self, rows: int) -> None:
        pass

    def advance(self, step: str, rows: int = 1) -> None:
        pass


NO_PROGRESS = Progress()


class PublishedProgress(Progress):
    """Counts rows per step and calls `publish(done, total)` every `every` rows and at each new total."""

    def __init__(
        self,
        *,
        steps: Iterable[str],
        total: int | None,
        publish: Callable[[int, int | None], None],
        every: int = PUBLISH_EVERY,
    ) -> None:
        self.steps = tuple(steps)
        self.counts = dict.fromkeys(self.steps, 0)
        self.total = total
        self.publish = publish
        self.every = every
        self._since = 0

    def set_total(self, rows: int) -> None:
        """The real number of data rows, once the file is read (until then, the sheets' declared size)."""
        self.total = max(0, rows)
        self.flush()

    def advance(self, step: str, rows: int = 1) -> None:
        if step not in self.counts:
            return
        self.counts[step] += rows
        self._since += rows
        if self._since >= self.every:
            self.flush()

    @property
    def done(self) -> int:
        if not self.total:
            return 0
        weight = sum(STEP_WEIGHTS[step] for step in self.steps)
        through = sum(min(self.counts[step], self.total) * STEP_WEIGHTS[step] for step in self.steps)
        return min(self.total, int(through / weight))

    def flush(self) -> None:
        self._since = 0
        self.publish(self.done, self.total)


class BatchProgressWriter:
    """Writes a batch's progress through a second connection of its own, committed at once."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self._connection: BaseDatabaseWrapper | None = None

    def __call__(self, done: int, total: int | None) -> None:
        if self._connection is None:
            self._connection = connections[DEFAULT_DB_ALIAS].copy()
            with self._connection.cursor() as cursor:
                # A progress figure lost in a crash is harmless: its commits need not wait for the disk
                # (about 10 ms each on a busy machine, 1 s over a 10.000-row import).
                cursor.execute("SET synchronous_commit TO OFF")
        with self._connection.cursor() as cursor:
            cursor.execute(  # the table's name is ours, not input
                f"UPDATE {ImportBatch._meta.db_table} SET progress_done = %s, progress_total = %s WHERE id = %s",  # noqa: S608  the table name is the model's, the values are parameters
                [done, total, self.batch_id],
            )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
