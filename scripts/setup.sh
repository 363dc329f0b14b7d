#!/usr/bin/env bash
# Set up TenderLens on a fresh machine: system packages (Tesseract for OCR; Chromium for the browser tests when
# asked with --test), a virtual environment in .venv, and every Python dependency. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--test" ] && want_browser=1

apt_pkgs=()
command -v tesseract >/dev/null 2>&1 || apt_pkgs+=(tesseract-ocr tesseract-ocr-eng)
if [ "$want_browser" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || apt_pkgs+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || apt_pkgs+=(poppler-utils)
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${apt_pkgs[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
  else
    echo "setup: please install ${apt_pkgs[*]} (e.g. sudo apt-get install ${apt_pkgs[*]}); continuing without them" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# torch first and pinned: the CPU build; an unpinned torch would pull gigabytes of CUDA packages.
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[train,dask,parquet,dev]"
echo "setup: done (.venv)"
