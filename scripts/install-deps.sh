#!/usr/bin/env bash
# Installs the system packages orgmap needs at run time (OpenGL, X11/Wayland client libraries)
# and for its tests (Xvfb, a virtual display; poppler's PDF tools; Chromium and chromedriver),
# when they are missing.
# Debian/Ubuntu.
set -euo pipefail

packages=(
    libgl1 libegl1 libgl1-mesa-dri          # OpenGL, software rendering where there is no GPU
    libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libwayland-client0
    xvfb xauth xdotool                      # a virtual display for the window tests, driven
    poppler-utils                           # pdftotext and pdfinfo, to check PDF exports
    git                                     # the git drivers of orgmap diff and merge (tests)
    fonts-noto-cjk                          # Chinese, Japanese and Korean names (and their tests)
    chromium chromium-driver                # a real browser for the web page's tests (WebDriver)
)

missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "orgmap needs these packages (or your system's equivalents): ${missing[*]}" >&2
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
