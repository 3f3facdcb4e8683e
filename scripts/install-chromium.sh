#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing.
# Playwright's own browser download cannot work here (only the npm registry
# and Debian's packages are reachable), so the tests drive the system's
# Chromium at /usr/bin/chromium (override with CHROMIUM_PATH).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "chromium: $("$chromium" --version 2>/dev/null || echo present) at $chromium"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
  command -v sudo >/dev/null || { echo "install-chromium: $chromium is missing and this user cannot run apt-get (no root, no sudo); install Debian's chromium package" >&2; exit 1; }
else
  sudo=
fi
echo "install-chromium: installing Debian's chromium package"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$chromium" ]; then
  echo "install-chromium: apt installed chromium, but there is still nothing at $chromium; set CHROMIUM_PATH" >&2
  exit 1
fi
echo "chromium: $("$chromium" --version) at $chromium"
