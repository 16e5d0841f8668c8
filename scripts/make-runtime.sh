#!/usr/bin/env bash
# Builds the jlink'ed Java runtime that ships beside opencarboneval-agent.jar for GPU machines without Java
# (DESIGN.md section 6: runtime and jar together under 64 MiB).
# Usage: scripts/make-runtime.sh [OUTPUT_DIR]   (default ./oce-runtime; needs a JDK 17+ jlink, or set JLINK)
set -euo pipefail

output=${1:-oce-runtime}
jlink=${JLINK:-$(command -v jlink || true)}
if [[ -z "$jlink" && -n "${JAVA_HOME:-}" ]]; then
    jlink="$JAVA_HOME/bin/jlink"
fi
if [[ -z "$jlink" || ! -x "$jlink" ]]; then
    echo "make-runtime: no jlink found; install a JDK 17+ or set JLINK=/path/to/jlink" >&2
    exit 1
fi

rm -rf "$output"
"$jlink" \
    --add-modules java.base,java.instrument,java.management,jdk.attach,jdk.httpserver,jdk.unsupported,java.logging \
    --strip-debug --no-header-files --no-man-pages --compress=2 \
    --output "$output"

runtime_kib=$(du -sk "$output" | cut -f1)
echo "runtime: $output $((runtime_kib / 1024)) MiB (${runtime_kib} KiB)"
jar=$(dirname "$0")/../agent/target/opencarboneval-agent.jar
if [[ -f "$jar" ]]; then
    jar_kib=$(( $(stat -c %s "$jar") / 1024 ))
    echo "agent jar: $((jar_kib / 1024)) MiB; together $(((runtime_kib + jar_kib) / 1024)) MiB (budget 64 MiB)"
fi
