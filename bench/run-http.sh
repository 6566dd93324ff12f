#!/usr/bin/env bash
# HTTP load benchmark of the decision API (issue 4): the orchestrator jar in its own JVM pinned to CPU 0, the load
# generator (HttpBench + LoadGenerator, closed loop, keep-alive, no coordinated-omission correction) pinned to CPU 1.
# Scenarios health / replay / deny / allow at 1, 8 and 64 connections, interleaved, 3 fresh servers per variant;
# variants: Java 17 platform threads, then Temurin 25 with --virtual-threads (skipped when it is not installed).
#
# Prerequisite (this script builds nothing): mvn -B -o -q package -DskipTests
# Usage: bench/run-http.sh [HttpBench options, e.g. --runs 1 --seconds 3]
# Environment: JAVA17 (default: java on PATH), JAVA25 (default: /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
#              OUT (markdown tables appended there; default bench/target/http-bench.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/benchmarks.jar"
server_jar="$root/controller/target/orchestrator.jar"
for f in "$bench_jar" "$server_jar"; do
  [ -f "$f" ] || { echo "run-http.sh: $f is missing: run mvn -B -o -q package -DskipTests first" >&2; exit 1; }
done
java17="${JAVA17:-$(command -v java)}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
out="${OUT:-$root/bench/target/http-bench.md}"

client=()
server_cpus=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  client=(taskset -c 1)
  server_cpus=(--server-cpus 0)
fi

{
  echo
  echo "## HTTP bench $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "* machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "* uptime at start: $(uptime)"
  echo "* server pinned: ${server_cpus[*]:-no}, client: ${client[*]:-not pinned}"
  echo
} | tee -a "$out"

run() {
  "${client[@]}" "$java17" -Xms256m -Xmx1g -cp "$bench_jar" com.portfolioorchestrator.bench.load.HttpBench \
    --repo "$root" --jar "$server_jar" "${server_cpus[@]}" --out "$out" "$@"
}

run --java "$java17" --label "j17-platform" "$@"
if [ -x "$java25" ]; then
  run --java "$java25" --virtual-threads --label "j25-virtual" "$@"
else
  echo "run-http.sh: $java25 not found: the Java 25 virtual-thread variant is skipped" | tee -a "$out"
fi
echo "tables appended to $out"
