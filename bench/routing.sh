#!/usr/bin/env sh
# Runs the routing decision benchmark (about four minutes on a 2-core machine) and writes
# bench/results/routing/summary.json and report.md. Builds the benchmark jar first if needed,
# offline and restricted to the routing and bench modules.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f bench/target/nearflow-bench.jar ]; then
  mvn -B -o -q -pl routing,bench package -DskipTests
fi
exec java -cp bench/target/nearflow-bench.jar io.nearflow.bench.routing.RoutingBenchReport bench/results/routing
