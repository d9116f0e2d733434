"""Stop keeping an upload as soon as it passes the size limit, before it is stored or unzipped."""

from typing import IO

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

from imports.safety import MAX_FILE_BYTES

# The multipart envelope (boundaries, headers, the CSRF field) around the file itself.
ENVELOPE_ALLOWANCE = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """Put first in request.upload_handlers. Past the limit (by Content-Length, or counted as bytes
    arrive) the file's bytes are swallowed: no later handler stores them, while the small form
    fields, the CSRF token among them, are still read so the person gets a message, not an error."""

    def __init__(self, request: HttpRequest | None = None, limit: int = MAX_FILE_BYTES) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def handle_raw_input(
        self,
        input_data: IO[bytes],
        META: dict[str, str],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        if content_length and content_length > self.limit + ENVELOPE_ALLOWANCE:
            self._mark()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._mark()
        return None if self.too_large else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return None

    def _mark(self) -> None:
        self.too_large = True
        if self.request is not None:
            self.request.upload_too_large = True  # type: ignore[attr-defined]  # a flag the upload view reads
