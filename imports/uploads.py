"""Stop keeping an upload as soon as it passes the size limit, before it is stored or unzipped."""

from django.core.files.uploadhandler import FileUploadHandler

from imports.safety import MAX_FILE_BYTES

# The multipart envelope (boundaries, headers, the CSRF field) around the file itself.
ENVELOPE_ALLOWANCE = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """Put first in request.upload_handlers. Past the limit (by Content-Length, or counted as bytes
    arrive) the file's bytes are swallowed: no later handler stores them, while the small form
    fields, the CSRF token among them, are still read so the person gets a message, not an error."""

    def __init__(self, request=None, limit: int = MAX_FILE_BYTES):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > self.limit + ENVELOPE_ALLOWANCE:
            self._mark()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._mark()
        return None if self.too_large else raw_data

    def file_complete(self, file_size):
        return None

    def _mark(self):
        self.too_large = True
        if self.request is not None:
            self.request.upload_too_large = True
