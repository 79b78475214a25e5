#!/usr/bin/env bash
# Trains both t2v models side by side into RUN (default .runs/t2v), resuming from RUN if it holds
# checkpoints, then exports the bundles with Debian's torch 1.13 when that python is here.
#   infra/models/t2v/train.sh BASE_MINUTES SCORER_MINUTES [RUN] [MODELS_OUT]
# One GPU runs both at once; on a CPU they run one after the other.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base_minutes="$1"; scorer_minutes="$2"; run="${3:-.runs/t2v}"
out="${4:-$here/../../../shared/generation/src/main/resources/framefleet/models}"
py="${PYTHON:-/usr/bin/python3}"
mkdir -p "$run"
resume=(); [ -e "$run/base.npz" ] && resume=(--resume)
if "$py" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)'; then
  PYTHONUNBUFFERED=1 "$py" "$here/train.py" base --minutes "$base_minutes" --out "$run" "${resume[@]}" > "$run/base.log" 2>&1 &
  pid=$!
  resume=(); [ -e "$run/scorer.npz" ] && resume=(--resume)
  PYTHONUNBUFFERED=1 "$py" "$here/train.py" scorer --minutes "$scorer_minutes" --out "$run" "${resume[@]}" > "$run/scorer.log" 2>&1
  wait "$pid"
else
  PYTHONUNBUFFERED=1 "$py" "$here/train.py" base --minutes "$base_minutes" --out "$run" "${resume[@]}" 2>&1 | tee "$run/base.log"
  resume=(); [ -e "$run/scorer.npz" ] && resume=(--resume)
  PYTHONUNBUFFERED=1 "$py" "$here/train.py" scorer --minutes "$scorer_minutes" --out "$run" "${resume[@]}" 2>&1 | tee "$run/scorer.log"
fi
grep -h final "$run/base.log" "$run/scorer.log" || true
if /usr/bin/python3 -c 'import torch, sys; sys.exit(0 if torch.__version__.startswith("1.13") else 1)' 2>/dev/null; then
  /usr/bin/python3 "$here/export.py" "$run" "$out"
else
  echo "export skipped: run infra/models/t2v/export.py $run OUT with Debian's torch 1.13"
fi
