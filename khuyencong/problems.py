"""A broken rule, said once: the field it concerns and the Vietnamese message every way in shows.

The validators of the domain apps return lists of these; the page puts each on its form field, the
import on its sheet, row and column, the admin on its form. Kept here, with no domain import, so that
every app can stand on it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str | None  # the model field it concerns; None for the record as a whole
    message: str


class RecordInvalid(Exception):
    """A record breaks one or more rules; `problems` lists every one of them."""

    def __init__(self, problems: Iterable[Problem] | Mapping[str | None, str]):
        if isinstance(problems, Mapping):
            problems = [Problem(name, message) for name, message in problems.items()]
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(problem.message for problem in self.problems))

    @property
    def errors(self) -> dict[str | None, str]:
        """The problems by field, several on one field joined (for callers that show one message per field)."""
        joined: dict[str | None, str] = {}
        for problem in self.problems:
            joined[problem.field] = (
                f"{joined[problem.field]} {problem.message}" if problem.field in joined else problem.message
            )
        return joined
