#!/usr/bin/env bash
# Compares the bridge's GPU energy with nvidia-smi's on a real NVIDIA machine (issue 3, item 6).
# While a GPU workload runs (a PyTorch matmul loop when torch with CUDA is importable, else the GPUs idle), it runs
#   java -jar opencarboneval-agent.jar devices --watch SECONDS     (energy counter, or power integration)
#   nvidia-smi --query-gpu=timestamp,index,power.draw -lms 200      (power samples)
# integrates nvidia-smi's power over the agent's window (trapezoid rule) and prints both energies and their ratio.
# Needs: nvidia-smi, python3 (for the comparison), a Java 17+ runtime (--runtime, made by scripts/make-runtime.sh,
# or java on the PATH) and the agent jar.
# Usage: scripts/gpu-check.sh [--runtime DIR] [--jar FILE] [--seconds N] [--out DIR]
set -euo pipefail

runtime=./oce-runtime
jar=./opencarboneval-agent.jar
seconds=60
out=./gpu-check-out
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runtime) runtime=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "gpu-check: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

java=$runtime/bin/java
if [[ ! -x "$java" ]]; then
    java=$(command -v java || true)
    [[ -n "$java" ]] || { echo "gpu-check: no runtime at $runtime and no java on the PATH" >&2; exit 1; }
    echo "gpu-check: no runtime at $runtime, using $java"
fi
[[ -f "$jar" ]] || { echo "gpu-check: agent jar $jar not found (--jar)" >&2; exit 1; }
command -v nvidia-smi >/dev/null || { echo "gpu-check: nvidia-smi not found: not an NVIDIA machine?" >&2; exit 1; }
command -v python3 >/dev/null || { echo "gpu-check: python3 is needed to compare the energies" >&2; exit 1; }
mkdir -p "$out"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

workload_seconds=$((seconds + 10))
if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    echo "gpu-check: workload: torch matmul loop on every visible GPU for ${workload_seconds} s"
    python3 - "$workload_seconds" > "$out/workload.log" 2>&1 <<'PY' &
import sys, time, torch
end = time.time() + float(sys.argv[1])
devices = [torch.device("cuda", i) for i in range(torch.cuda.device_count())]
pairs = [(torch.randn(8192, 8192, device=d), torch.randn(8192, 8192, device=d)) for d in devices]
while time.time() < end:
    for a, b in pairs:
        a @ b
    torch.cuda.synchronize()
PY
    pids+=($!)
    sleep 3  # let the clocks ramp up before the window opens
else
    echo "gpu-check: torch with CUDA not importable: the GPUs idle (idle-power check only)"
fi

nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv,noheader,nounits -lms 200 > "$out/nvidia-smi.csv" &
pids+=($!)
sleep 1

"$java" -jar "$jar" devices --watch "$seconds" > "$out/agent.jsonl" 2> "$out/agent.err"
kill "${pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
cat "$out/agent.err"

python3 - "$out/agent.jsonl" "$out/nvidia-smi.csv" <<'PY'
import csv, json, sys
from collections import defaultdict
from datetime import datetime

summary = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
start, end = summary["window_start_epoch_ms"] / 1000, summary["window_end_epoch_ms"] / 1000
samples = defaultdict(list)
for row in csv.reader(open(sys.argv[2])):
    if len(row) < 3:
        continue
    try:
        t = datetime.strptime(row[0].strip(), "%Y/%m/%d %H:%M:%S.%f").timestamp()
        samples[int(row[1])].append((t, float(row[2])))
    except ValueError:
        continue  # "[N/A]" power or a partial line

def integrate(points):
    """Trapezoid integral of power over [start, end], clipping the first and last intervals to the window."""
    joules = 0.0
    for (t0, p0), (t1, p1) in zip(points, points[1:]):
        a, b = max(t0, start), min(t1, end)
        if b > a:
            slope = (p1 - p0) / (t1 - t0) if t1 > t0 else 0
            pa, pb = p0 + slope * (a - t0), p0 + slope * (b - t0)
            joules += (pa + pb) / 2 * (b - a)
    return joules

print(f"window: {end - start:.1f} s; nvml: {summary['nvml_status']}")
print(f"{'gpu':>3} {'method':<18} {'agent J':>12} {'nvidia-smi J':>13} {'ratio':>7}")
for gpu in summary["gpus"]:
    smi = integrate(sorted(samples.get(gpu["index"], [])))
    ratio = gpu["energy_j"] / smi if smi > 0 and gpu["energy_j"] is not None else float("nan")
    print(f"{gpu['index']:>3} {gpu['energy_method']:<18} {gpu['energy_j'] or 0:>12.1f} {smi:>13.1f} {ratio:>7.3f}")
PY
