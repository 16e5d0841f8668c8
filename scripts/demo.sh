#!/usr/bin/env bash
# The README's main command: builds the agent and the DL4J example, then trains the example for a minute or two with
# the agent attached. The agent prints where its metrics and status page are, a progress line every 5 s, and the
# run's summary at the end. Open the status page in a browser while it trains.
#
# Any agent setting can be added through the environment, e.g. OCE_REGION=DE bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null; then
  echo "error: java is not installed; a JDK 17 is needed (.ci/run installs one)" >&2
  exit 1
fi

echo "== building the agent and the DL4J example (the first build downloads Maven and the dependencies: a few minutes)"
./mvnw -B -q package -DskipTests -pl agent,examples/dl4j -am

# The example's class path, written by its build (the end-to-end tests use the same file).
classpath="examples/dl4j/target/classes:$(cat examples/dl4j/target/classpath.txt)"
echo "== training the DL4J example with the agent attached"
java -javaagent:agent/target/opencarboneval-agent.jar=port=9464,run_id=dl4j-demo \
  -cp "$classpath" org.opencarboneval.examples.dl4j.Dl4jTraining 1000 2000 50
