from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in (p[0] if isinstance(p, tuple) else p)))
        for extension, rules in patterns
    )


class ProductionStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files, served by whitenoise.

    Vendor bundles (Bootstrap's minified JS and CSS) end with a sourceMappingURL
    comment naming a .map file that is not shipped; Django would stop
    collectstatic on the missing file. Browsers fetch maps only with their
    developer tools open, so those comments are left as they are.
    """

    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
