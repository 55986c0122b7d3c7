#!/usr/bin/env bash
# System packages chitieu needs beyond PyPI: Tesseract with its Vietnamese model (OCR of scanned PDFs),
# Chromium and its driver (the browser tests of `chitieu serve`).
# Debian/Ubuntu; run as root or with sudo available. Does nothing when they are already there.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie \
  && command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-vie chromium chromium-driver >/dev/null
tesseract --version | head -1
chromium --version
