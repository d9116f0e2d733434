"""Files written whole or not at all.

Django's FileSystemStorage leaves the bytes it managed to write when a write fails half-way
(a full disk): a file nobody refers to, and one that a later reader could take for a finished
one. `save_whole` removes that part and says whether the failure was a full store.
"""

from __future__ import annotations

import contextlib
import errno

from django.core.files.base import File
from django.db.models.fields.files import FieldFile

# "No space left on device" and "disk quota exceeded": the store is full, not broken.
STORE_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def is_store_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in STORE_FULL_ERRNOS


def save_whole(field_file: FieldFile, name: str, content: File) -> None:
    """`field_file.save(name, content, save=False)`, leaving no partial file when the write fails."""
    field = field_file.field
    storage = field_file.storage
    target = storage.get_available_name(field.generate_filename(field_file.instance, name), max_length=field.max_length)
    try:
        saved = storage.save(target, content, max_length=field.max_length)
    except OSError:
        # The storage opened `target` exclusively (O_EXCL) a moment after choosing it as free,
        # so what is there now is this write's own part.
        with contextlib.suppress(OSError):
            storage.delete(target)
        raise
    field_file.name = saved
    setattr(field_file.instance, field.attname, saved)
    field_file._committed = True  # type: ignore[attr-defined]  # as FieldFile.save sets it
