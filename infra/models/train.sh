#!/usr/bin/env bash
# Reproduces the four bundled super-resolution models.
#
#   infra/models/train.sh MINUTES DATA_DIR RUN_DIR
#
# DATA_DIR is built by sr/data.py when missing. On a CUDA machine the four models train in
# parallel on the one GPU, MINUTES of wall clock each, then they are timed on the GPU; on a
# CPU they train one after another, MINUTES each. Checkpoints (.npz) land in RUN_DIR; turn
# them into bundled models with sr/export.py and score them with sr/eval.py (see README.md).
set -euo pipefail
minutes=${1:?minutes}; data=${2:?data dir}; runs=${3:?run dir}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
[ -d "$data" ] || "$py" "$here/sr/data.py" "$data"
mkdir -p "$runs"
cuda=$("$py" -c 'import torch; print(int(torch.cuda.is_available()))')
models="quality:2 quality:4 fast:2 fast:4"
if [ "$cuda" = 1 ]; then
  pids=()
  for m in $models; do
    "$py" "$here/sr/train.py" --profile "${m%:*}" --scale "${m#*:}" --data "$data" --out "$runs" \
      --minutes "$minutes" --threads 3 --save-every 60 --seed "${m#*:}" &
    pids+=($!)
  done
  status=0
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  "$py" "$here/sr/bench_gpu.py" "$runs"
  exit $status
else
  for m in $models; do
    "$py" "$here/sr/train.py" --profile "${m%:*}" --scale "${m#*:}" --data "$data" --out "$runs" \
      --minutes "$minutes" --batch 16 --patch 48 --seed "${m#*:}"
  done
fi
