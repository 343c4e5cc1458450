#!/usr/bin/env bash
# The project's test command: installs what the tests need that cargo does
# not (Debian's chromium, for the web page's browser tests), then runs
# `cargo test --workspace` under scripts/with-postgres.sh, so that the
# PostgreSQL tests run against a real, throwaway server, then the Spark job's
# check (scripts/spark-check.sh: the Python wheel of crates/python in Spark
# local mode on the BBC corpus, a few minutes; HEARSAY_SKIP_SPARK=1 leaves it
# out). The README gives it; .ci/run calls it.
#
# The server's URL reaches the tests as HEARSAY_TEST_PG (each test makes its
# own database there), with HEARSAY_REQUIRE_PG=1 so that a missing server
# fails them instead of skipping. HEARSAY_DB is unset for cargo: tests that
# run `hearsay` without --db must not reach the shared server.
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

bash scripts/with-postgres.sh bash -c \
    'exec env -u HEARSAY_DB HEARSAY_TEST_PG="$HEARSAY_DB" HEARSAY_REQUIRE_PG=1 cargo test --workspace "$@"' test-sh "$@"

if [ "${HEARSAY_SKIP_SPARK:-0}" != 1 ]; then
    bash scripts/spark-check.sh
fi
