#!/usr/bin/env bash
# One entry point for people and CI: installs what is missing, then runs the job asked for.
#   bash scripts/run.sh demo    install, then analyse the committed sample packet problems-01
#   bash scripts/run.sh test    install with test tools, then run the whole test suite
#   bash scripts/run.sh bench   install with test tools, then run the accuracy/speed benchmark
# Idempotent: a second run installs nothing and starts at once.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
job=${1:-demo}
shift || true

SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-chi-sim)
# Fonts the sample generator draws with (the held-out AR PL pair included) and the browser the
# reviewer-page tests drive, Ghostscript for the OCRmyPDF comparison, PostgreSQL for the
# service's database tests.
DEV_PACKAGES=(fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming
              fonts-arphic-gbsn00lp fonts-arphic-gkai00mp chromium chromium-driver ghostscript postgresql)

need_apt() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

pick_python() {
  for candidate in python3.11 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 13)))' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  need_apt python3 python3-venv python3-dev
  echo python3
}

install() {
  local dev=$1
  local packages=("${SYSTEM_PACKAGES[@]}")
  [[ $dev == dev ]] && packages+=("${DEV_PACKAGES[@]}")
  need_apt "${packages[@]}"
  local python; python=$(pick_python)
  if [[ ! -x $VENV/bin/python ]]; then
    "$python" -m venv "$VENV" 2>/dev/null || { need_apt python3-venv; rm -rf "$VENV"; "$python" -m venv "$VENV"; }
  fi
  local stamp="$VENV/.installed-$dev"
  local wanted
  wanted=$(cat requirements.txt requirements-nodeps.txt pyproject.toml \
           $([[ $dev == dev ]] && echo requirements-dev.txt) | sha256sum | cut -c1-16)
  if [[ ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
    echo "installing Python packages into .venv" >&2
    "$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip >/dev/null
    "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements.txt \
      $([[ $dev == dev ]] && echo "-r requirements-dev.txt")
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r requirements-nodeps.txt
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -e . >/dev/null
    # Exactly one OpenCV: the headless build (rapidocr's metadata asks for the GUI one).
    if "$VENV/bin/pip" show opencv-python >/dev/null 2>&1; then
      echo "the GUI opencv-python got installed beside the headless build; remove it" >&2; exit 1
    fi
    echo "$wanted" > "$stamp"
  fi
}

case $job in
  demo)
    install runtime
    mkdir -p out
    "$VENV/bin/packetcheck" analyze samples/packets/problems-01 \
      -o out/problems-01.report.json --html out/problems-01.report.html "$@"
    echo "report: out/problems-01.report.json  page: out/problems-01.report.html"
    ;;
  test)
    install dev
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  bench)
    install dev
    exec "$VENV/bin/python" -m bench "$@"
    ;;
  *)
    echo "usage: bash scripts/run.sh demo|test|bench [args]" >&2
    exit 2
    ;;
esac
