#!/usr/bin/env bash
# Records the ledgers the live forecast is tested on (agent/src/test/resources/traces/): real DL4J and DJL training
# runs with the agent attached, sampling every 0.5 s, each with a speed change real runs have:
#   djl-warmup         DJL; the input pipeline decodes and caches on the first epoch, which runs about 1.7x slower
#   dl4j-eval          DL4J; an evaluation pass over a held-out set after every epoch (time and energy, no steps)
#   dl4j-batch-change  DL4J; after 4 of 12 epochs the batch size doubles: the later steps are fewer a epoch and slower
# Each is recorded three times (NAME-1..3.jsonl): one recording says little about a forecast when the same run's
# speed wanders from one recording to the next. Record on an otherwise idle machine: other load on the cores shows
# up in the traces as speed changes. The committed traces were recorded on an idle 2-core VM under
# `nice -n -19 scripts/record-traces.sh`.
# Usage: scripts/record-traces.sh [OUT_DIR]   (default: agent/src/test/resources/traces)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-agent/src/test/resources/traces}
mkdir -p "$out"

./mvnw -B -q package -DskipTests -pl agent,examples/dl4j,examples/djl -am
agent=agent/target/opencarboneval-agent.jar
# One native compute thread: on a 2-core machine, OpenMP's two spinning threads (ND4J's and PyTorch's default) fight
# the JVM's own threads; DL4J's epochs then take 3x as long and vary by +-30%, with one thread by about 6%.
export OMP_NUM_THREADS=1
# glibc keeps the freed blocks of PyTorch's tensors instead of unmapping them and faulting them in again: a DJL run
# here took 6.3 M minor page faults and 9.7 s of kernel time without this (52 s wall), 0.26 M and 0.8 s with it (42 s),
# and its epoch times stopped swinging by +-25%. DL4J's were the same either way (0.73 M faults).
export MALLOC_MMAP_THRESHOLD_=2000000000 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=268435456
common="interval=0.5,console=false,port=0,region=DE"

# DL4J runs under the parallel collector with a small young generation. Under G1, ND4J's per-operation deallocation
# references pile up by the million on this machine (a heap that grows by a gigabyte a minute) and every epoch is
# slower than the one before: a memory leak, not the training dynamics the traces are for. Under the parallel
# collector with its default young generation, the survivors still grew (275 to 465 MB in 50 s) and young pauses
# lengthened from 0.16 to 0.67 s, one every epoch or two: epoch times varied by 10-20%. With a 128 MB young
# generation the pauses take 26 ms, the heap stays under 400 MB, and epoch times vary by 6%.
dl4j_gc="-XX:+UseParallelGC -Xmn128m"

record() {
    local name=$1 example=$2 main=$3 settings=$4 jvm=$5; shift 5
    local ledger="$out/$name-$recording.jsonl"
    rm -f "$ledger"
    echo "recording $name ($recording)"
    java $jvm "-javaagent:$agent=ledger=$ledger,run_id=trace-$name-$recording,$common$settings" \
        -cp "examples/$example/target/classes:$(cat "examples/$example/target/classpath.txt")" "$main" "$@" \
        > /dev/null
    echo "  $(grep -c '"type":"sample"' "$ledger") samples, $(tail -n 1 "$ledger" | grep -o '"steps":[0-9]*')"
}

for recording in 1 2 3; do
    record djl-warmup djl org.opencarboneval.examples.djl.DjlPhasedTraining "" "" 10 20000 50 12
    record dl4j-eval dl4j org.opencarboneval.examples.dl4j.Dl4jPhasedTraining ",total.epochs=20" "$dl4j_gc" eval 20 50000 50
    record dl4j-batch-change dl4j org.opencarboneval.examples.dl4j.Dl4jPhasedTraining ",total.steps=12000" "$dl4j_gc" \
        batch-change 12 75000 50
done
