#!/usr/bin/env bash
# Installs Debian's Chromium and its matching ChromeDriver for the browser tests, when they are missing.
# Test tools never download browsers themselves here (the network only reaches package registries).
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian packages chromium and chromium-driver for the browser tests..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
chromium --version
