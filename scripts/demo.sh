#!/usr/bin/env bash
# The README's main command: builds the agent and the DL4J example, then trains the example for a minute or two with
# the agent attached. The agent prints where its metrics and status page are, a progress line every 5 s, and the
# run's summary at the end. Open the status page in a browser while it trains.
#
# Any agent setting can be added through the environment, e.g. OCE_REGION=DE bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool is not installed; JDK 17 and Maven 3.8.7+ are needed (.ci/run installs them)" >&2
    exit 1
  fi
done

echo "== building the agent and the DL4J example (the first build downloads the dependencies: a few minutes)"
mvn -B -q package -DskipTests -pl agent,examples/dl4j -am

# The example's class path, written by its build (the end-to-end tests use the same file).
classpath="examples/dl4j/target/classes:$(cat examples/dl4j/target/classpath.txt)"
echo "== training the DL4J example with the agent attached"
java -javaagent:agent/target/opencarboneval-agent.jar=port=9464,run_id=dl4j-demo \
  -cp "$classpath" org.opencarboneval.examples.dl4j.Dl4jTraining 1000 2000 50
