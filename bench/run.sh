#!/usr/bin/env bash
# Runs the benchmarks and prints their results tables:  bench/run.sh [api|delivery|all] [delivery scenarios...]
#   api       start-up, idle memory, GET /v1/webhooks/{id} vs a bare Helidon route, POST /v1/webhooks (wrk)
#   delivery  ceiling, throughput, latency, isolation, deadendpoint, limit8, fan-out, jetstream (or only those named);
#             twoinstances needs -Dbench.postgres, see BENCH_JAVA_OPTS below; the embedded storage's
#             soak, writes and crashsoak run only when named (soak takes 20 minutes by default)
# Builds what it needs first (set BENCH_SKIP_BUILD=1 to reuse the last build). Everything runs on 127.0.0.1,
# each server as its own process in a fresh temp directory; output is also kept under bench/target/results/.
# BENCH_JAVA_OPTS goes to the bench JVM, e.g. -Dbench.serviceJar=other.jar or
# -Dbench.serviceJvmArgs=-XX:StartFlightRecording=filename=/tmp/svc.jfr (JVM options for the service process).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/find-jdk.sh"
JAVA_HOME="$(find_jdk_21_plus)"
what="${1:-all}"
[ $# -gt 0 ] && shift
case "$what" in
  api|delivery|all) ;;
  *) echo "usage: bench/run.sh [api|delivery|all] [ceiling|relay|throughput|latency|isolation|deadendpoint|limit8|fanout|twoinstances|jetstream|soak|writes|crashsoak ...]" >&2; exit 2 ;;
esac

ensure_wrk() {
  command -v wrk >/dev/null && return
  echo "[bench] installing wrk (Debian package)" >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq wrk >&2
}

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] building (./mvnw -q -B -DskipTests install)" >&2
  "$root/mvnw" -q -B -DskipTests install >&2
fi
[ "$what" = delivery ] || ensure_wrk

cd "$root"   # the benches find bootstrap/target/agent-webhooks.jar from here
mkdir -p bench/target/results
log="bench/target/results/$(date +%Y%m%d-%H%M%S)-$what.txt"
java=("$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp "$root/bench/target/webhooks-bench.jar")
{
  echo "[bench] nproc $(nproc), $(free -g | awk '/^Mem:/ {print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(date -Is)"
  if [ "$what" != delivery ]; then
    timeout 300 "${java[@]}" org.agenthooks.bench.ApiBenchmark
  fi
  if [ "$what" != api ]; then
    limit=1500   # the long storage scenarios, when named, get 3 hours more
    for scenario in "$@"; do case "$scenario" in soak|writes|crashsoak) limit=12300 ;; esac; done
    timeout "$limit" "${java[@]}" org.agenthooks.bench.DeliveryBenchmark "${@:-all}"
  fi
} 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "[bench] output kept in $log" >&2
exit "$status"
