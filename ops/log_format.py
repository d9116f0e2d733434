import logging
import time


class UTCFormatter(logging.Formatter):
    """Log lines stamped in UTC (ISO 8601 with a Z), whatever the server's time zone."""

    converter = time.gmtime  # type: ignore[assignment]  # same signature; typeshed disagrees

    def __init__(self) -> None:
        super().__init__(fmt="%(asctime)s %(levelname)s %(name)s %(message)s", datefmt="%Y-%m-%dT%H:%M:%SZ")
