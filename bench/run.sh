#!/usr/bin/env sh
# The article's experiments on the emulated three-zone testbed (issue 7):
#   bench/run.sh [--quick|--full] [--out bench/results/<name>]
# quick: 3x1MB, 3x10MB and 2x10MB per edge zone, all modes, the echo4 time-split case, and the
# micro case in one JVM and across 3 JVMs (about 9 min on a 2-core machine); full adds 3x100MB and
# 2x100MB, more iterations and the switches. Needs root for the cgroup v1 CPU
# quotas (runs without them otherwise, and says so). Builds the bench jar first if needed (offline),
# i.e. also when a source is newer than the jar.
set -eu
cd "$(dirname "$0")/.."
# rebuild when the jar is missing, lacks the testbed, or any source or pom is newer than it (a stale jar
# would silently run yesterday's bench)
jar=bench/target/nearflow-bench.jar
if [ ! -f "$jar" ] || ! unzip -l "$jar" 2>/dev/null | grep -q 'io/nearflow/bench/testbed/BenchMain.class' \
   || [ -n "$(find pom.xml routing adapters verticles bench -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print 2>/dev/null | head -1)" ]; then
  mvn -B -o -q -pl bench -am package -DskipTests
fi
exec java -Xmx1g -cp bench/target/nearflow-bench.jar io.nearflow.bench.testbed.BenchMain "$@"
