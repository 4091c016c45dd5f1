#!/usr/bin/env sh
# The WAN EMULATION testbed (issue 11): one network namespace per zone + a router namespace whose relay
# delays and paces ALL TCP between zones; measures the current design (edge-local chain with delays on
# and at zero, shuffle4 3x1MB, a partition of edge1 under edge1-local and edge1->cloud1 runs, 120 s by default):
#   bench/wan.sh [--quick|--full] [--out bench/results/<name>] [--cut-seconds N]
# Must run as root (namespaces, iptables; installs Debian's iptables if missing). quick: 4 node JVMs
# (edge1-a, edge1-b, edge2-a, cloud1-a), 4-6 min here with a 60 s cut (244-326 s in the earlier runs;
# the 120 s cut adds 1-2 min: see the committed report); full: 6 node JVMs, more runs.
# Builds the bench jar first if needed (offline), as run.sh does.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "wan.sh: the WAN EMULATION needs root (network namespaces, iptables)" >&2
  exit 3
fi
jar=bench/target/nearflow-bench.jar
if [ ! -f "$jar" ] || ! unzip -l "$jar" 2>/dev/null | grep -q 'io/nearflow/bench/testbed/WanMain.class' \
   || [ -n "$(find pom.xml routing adapters verticles bench -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print 2>/dev/null | head -1)" ]; then
  mvn -B -o -q -pl bench -am package -DskipTests
fi
# BENCH_OPTS: development knobs, e.g. BENCH_OPTS="-Dbench.wan.cases=local -Dbench.wan.localRuns=5"
exec java -Xmx512m ${BENCH_OPTS:-} -cp "$(pwd)/$jar" io.nearflow.bench.testbed.WanMain "$@"
