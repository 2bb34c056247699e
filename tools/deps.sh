#!/bin/sh
# deps.sh - make sure the Debian packages that building and testing mlpviz
# need are installed. Installs the missing ones when run as root (or through
# sudo when it is available without a password); otherwise names them.
# Usage: sh tools/deps.sh [extra-package ...]
set -u
need="gcc make pkg-config libncurses-dev libcjson-dev libcriterion-dev tmux $*"
missing=""
for p in $need; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo"
else
    echo "mlpviz: missing Debian packages; install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "mlpviz: installing$missing"
$run env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null ||
    { echo "mlpviz: could not install:$missing" >&2; exit 1; }
