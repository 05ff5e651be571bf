#!/usr/bin/env bash
# Installs, when missing, the Debian packages the stack needs beyond a JDK:
#   scripts/install-packages.sh [browser] [haproxy]     (no argument: both, as the integration tests need)
#   browser: chromium and chromium-driver for the browser tests (test tools never download browsers here: the network
#            only reaches package registries); haproxy: the cluster's load balancer (./run-local --cluster, ClusterIT).
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(browser haproxy)
missing=()
for what in "${wanted[@]}"; do
  case "$what" in
    browser)
      command -v chromium >/dev/null || missing+=(chromium)
      command -v chromedriver >/dev/null || missing+=(chromium-driver) ;;
    haproxy)
      [ -x /usr/sbin/haproxy ] || missing+=(haproxy) ;;
    *) echo "unknown package set '$what' (use browser, haproxy)" >&2; exit 2 ;;
  esac
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian packages: ${missing[*]}..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
