#!/usr/bin/env bash
# The project's test command: installs what the tests need that cargo does
# not (Debian's chromium, for the web page's browser tests), then runs
# `cargo test --workspace`, then the Spark job's check (scripts/spark-check.sh:
# the Python wheel of crates/python in Spark local mode on the BBC corpus,
# a few minutes; HEARSAY_SKIP_SPARK=1 leaves it out). The README gives it;
# .ci/run calls it.
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

if [ "${HEARSAY_SKIP_SPARK:-0}" != 1 ]; then
    bash scripts/spark-check.sh
fi
