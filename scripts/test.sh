#!/usr/bin/env bash
# The project's test command: installs what the tests need that cargo does
# not (Debian's chromium, for the web page's browser tests), then runs
# `cargo test --workspace`. The README gives it; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
fi

cargo test --workspace "$@"
