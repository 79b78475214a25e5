#!/usr/bin/env bash
# Reproduces the four bundled super-resolution models.
#
#   infra/models/train.sh MINUTES DATA_DIR RUN_DIR
#
# DATA_DIR is built by sr/data.py when missing. On a CUDA machine the four models train in
# parallel on the one GPU, MINUTES of wall clock each, then they are timed on the GPU; on a
# CPU they train one after another, MINUTES each. Checkpoints (.npz) land in RUN_DIR; turn
# them into bundled models with sr/export.py and score them with sr/eval.py (see README.md).
#
# Environment: MODELS picks models (default "quality:2 quality:4 fast:2 fast:4"); INIT=DIR
# fine-tunes from DIR/sr-<profile>-x<scale>.npz or, failing that, the bundled
# DIR/sr-<profile>-x<scale>/model.pt (fresh optimizer, lower peak learning rate,
# cosine to zero over MINUTES); BENCH=0 skips the GPU timing.
set -euo pipefail
minutes=${1:?minutes}; data=${2:?data dir}; runs=${3:?run dir}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
[ -d "$data" ] || "$py" "$here/sr/data.py" "$data"
mkdir -p "$runs"
cuda=$("$py" -c 'import torch; print(int(torch.cuda.is_available()))')
models=${MODELS:-"quality:2 quality:4 fast:2 fast:4"}
init_args() {  # profile scale
  [ -n "${INIT:-}" ] || return 0
  local lr; lr=$([ "$1" = fast ] && echo 7e-4 || echo 2e-4)
  local w="$INIT/sr-$1-x$2.npz"
  [ -f "$w" ] || w="$INIT/sr-$1-x$2/model.pt"  # INIT may be the bundled models folder
  echo --init "$w" --lr "$lr" --lr-floor 0 --warmup 100
}
if [ "$cuda" = 1 ]; then
  pids=()
  for m in $models; do
    # shellcheck disable=SC2046
    "$py" "$here/sr/train.py" --profile "${m%:*}" --scale "${m#*:}" --data "$data" --out "$runs" \
      --minutes "$minutes" --threads 3 --save-every 60 --seed "${m#*:}" $(init_args "${m%:*}" "${m#*:}") &
    pids+=($!)
  done
  status=0
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  [ "${BENCH:-1}" = 0 ] || "$py" "$here/sr/bench_gpu.py" "$runs"
  exit $status
else
  for m in $models; do
    # shellcheck disable=SC2046
    "$py" "$here/sr/train.py" --profile "${m%:*}" --scale "${m#*:}" --data "$data" --out "$runs" \
      --minutes "$minutes" --batch 16 --patch 48 --seed "${m#*:}" $(init_args "${m%:*}" "${m#*:}")
  done
fi
