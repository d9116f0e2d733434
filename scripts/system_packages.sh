#!/usr/bin/env bash
# Debian packages that PDF export (Pango, a Times New Roman-metric font) and the tests
# (poppler to read PDFs back, Chromium for the browser tests; redis-server, PostgreSQL 15's
# server programs and nginx for the fault and replica tests, which start instances of their
# own) need. Installed when we can (root with apt-get, as on the project's machines); otherwise named, never fatal.
set -uo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 poppler-utils chromium libreoffice-calc-nogui openjdk-17-jre-headless redis-server postgresql-15 postgresql-client-15 nginx)
command -v dpkg >/dev/null 2>&1 || exit 0

missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Cài gói hệ thống (installing system packages): ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "Không cài được (could not install): ${missing[*]}" >&2
else
  echo "Thiếu gói hệ thống (missing system packages): ${missing[*]}" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
fi
exit 0
