#!/usr/bin/env sh
# The article's experiments on the emulated three-zone testbed (issue 7):
#   bench/run.sh [--quick|--full] [--out bench/results/<name>]
# quick: 3x1MB and 3x10MB per edge zone, all modes, plus the one-JVM micro case (about 10 min
# on a 2-core machine); full adds 2x10MB, 3x100MB and 2x100MB. Needs root for the cgroup v1 CPU
# quotas (runs without them otherwise, and says so). Builds the bench jar first if needed (offline).
set -eu
cd "$(dirname "$0")/.."
if [ ! -f bench/target/nearflow-bench.jar ] || ! unzip -l bench/target/nearflow-bench.jar 2>/dev/null | grep -q 'io/nearflow/bench/testbed/BenchMain.class'; then
  mvn -B -o -q -pl bench -am package -DskipTests
fi
exec java -Xmx1g -cp bench/target/nearflow-bench.jar io.nearflow.bench.testbed.BenchMain "$@"
