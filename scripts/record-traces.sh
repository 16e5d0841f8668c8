#!/usr/bin/env bash
# Records the ledgers the live forecast is tested on (agent/src/test/resources/traces/): real DL4J and DJL training
# runs with the agent attached, sampling every 0.25 s, each with a speed change real runs have:
#   djl-warmup         DJL; the input pipeline decodes and caches on the first epoch, which runs about 2x slower
#   dl4j-eval          DL4J; an evaluation pass over a held-out set after every epoch (time and energy, no steps)
#   dl4j-batch-change  DL4J; after 4 of 12 epochs the batch size doubles: the later steps are fewer a epoch and slower
# Record on an otherwise idle machine: other load on the cores shows up in the traces as speed changes. The committed
# traces were recorded on a 2-core VM with other builds running, under `nice -n -19 scripts/record-traces.sh`.
# Usage: scripts/record-traces.sh [OUT_DIR]   (default: agent/src/test/resources/traces)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-agent/src/test/resources/traces}
mkdir -p "$out"

mvn -B -q package -DskipTests -pl agent,examples/dl4j,examples/djl -am
agent=agent/target/opencarboneval-agent.jar
common="interval=0.25,console=false,port=0,region=DE"

record() {
    local name=$1 example=$2 main=$3 settings=$4; shift 4
    local ledger="$out/$name.jsonl"
    rm -f "$ledger"
    echo "recording $name"
    java "-javaagent:$agent=ledger=$ledger,run_id=trace-$name,$common$settings" \
        -cp "examples/$example/target/classes:$(cat "examples/$example/target/classpath.txt")" "$main" "$@" \
        > /dev/null
    echo "  $(grep -c '"type":"sample"' "$ledger") samples, $(tail -n 1 "$ledger" | grep -o '"steps":[0-9]*')"
}

record djl-warmup djl org.opencarboneval.examples.djl.DjlPhasedTraining "" 10 10000 50
record dl4j-eval dl4j org.opencarboneval.examples.dl4j.Dl4jPhasedTraining ",total.epochs=20" eval 20 10000 50
record dl4j-batch-change dl4j org.opencarboneval.examples.dl4j.Dl4jPhasedTraining ",total.steps=1600" \
    batch-change 12 10000 50
