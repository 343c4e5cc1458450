#!/usr/bin/env bash
# scripts/spark.sh INPUT OUT: hearsay on Spark in local mode, from a fresh
# machine. Installs Java (Debian's openjdk-17-jre-headless) when there is
# none, makes a venv under target/ with pinned PySpark, pyarrow, pandas and
# maturin (once; a second run reuses it), builds the `hearsay` wheel from
# crates/python and installs it, then runs examples/spark/job.py on INPUT with
# master local[2], writing OUT. The last line is `articles N statements M`.
#
# Environment: SPARK_MASTER (default local[2]), HEARSAY_SPARK_FORMAT
# (auto, files, parquet or json; default auto), PYTHON (default python3).
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: scripts/spark.sh INPUT OUT" >&2
    exit 2
fi
input=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
cd "$(dirname "$0")/.."
root=$(pwd)

# The pins: what was measured to work together (mapInArrow imports pandas,
# which must stay below 3 for PySpark 4.3).
pins=("pyspark[sql]==4.3.0" "pyarrow==26.0.1" "pandas==2.3.3" "maturin==1.16.0")

if ! command -v java >/dev/null 2>&1; then
    echo "spark.sh: installing Java (openjdk-17-jre-headless)" >&2
    sudo_=""
    if [ "$(id -u)" != 0 ]; then sudo_=sudo; fi
    $sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

venv="$root/target/spark-venv"
stamp="$venv/.hearsay-pins"
if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "${pins[*]}" ]; then
    echo "spark.sh: installing ${pins[*]} into target/spark-venv (PySpark builds from source: about a minute)" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}"
    echo "${pins[*]}" >"$stamp"
fi

# The wheel: its own Cargo workspace and target folder (crates/python/Cargo.toml
# says why); cargo rebuilds only what changed.
rm -rf "$root/target/python-wheels"
CARGO_TARGET_DIR="$root/target/python" "$venv/bin/maturin" build --release --quiet \
    -m crates/python/Cargo.toml --out "$root/target/python-wheels" >&2
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$root"/target/python-wheels/hearsay-*.whl

# Workers must run the venv's interpreter, not python3 from PATH.
export PYSPARK_PYTHON="$venv/bin/python"
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec "$venv/bin/python" examples/spark/job.py "$input" "$out" \
    --master "${SPARK_MASTER:-local[2]}" --format "${HEARSAY_SPARK_FORMAT:-auto}"
