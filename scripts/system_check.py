"""Name the system libraries that PDF export (WeasyPrint) needs and that are missing."""

import ctypes.util
import sys

NEEDED = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "fontconfig": "libfontconfig1",
}


def main() -> int:
    missing = [package for library, package in NEEDED.items() if ctypes.util.find_library(library) is None]
    if missing:
        print(
            "Thiếu thư viện hệ thống cho xuất PDF (missing system packages for PDF export): "
            + " ".join(missing)
            + "\n  sudo apt-get install "
            + " ".join(missing),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
