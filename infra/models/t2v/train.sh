#!/usr/bin/env bash
# Trains the t2v base model and scorer into RUN (default .runs/t2v), then exports what was trained into the
# bundles with Debian's torch 1.13 when that python is here.
#   infra/models/t2v/train.sh BASE_MINUTES SCORER_MINUTES [RUN] [MODELS_OUT]
# Each kind resumes RUN/<kind>.npz when it exists, else starts from the bundled weights in MODELS_OUT, so
# the shipped model is always the one a run continues. A kind given 0 minutes is left alone. One GPU
# trains both at once; a CPU one after the other.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base_minutes="$1"; scorer_minutes="$2"; run="${3:-.runs/t2v}"
out="${4:-$here/../../../shared/generation/src/main/resources/framefleet/models}"
py="${PYTHON:-/usr/bin/python3}"
mkdir -p "$run"

positive() { awk -v m="$1" 'BEGIN { exit !(m > 0) }'; }

train() { # kind minutes bundle
  positive "$2" || return 0
  PYTHONUNBUFFERED=1 "$py" "$here/train.py" "$1" --minutes "$2" --out "$run" --resume --init "$out/$3" \
    > "$run/$1.log" 2>&1
}

if "$py" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)'; then
  train base "$base_minutes" t2v-shapes & pid=$!
  train scorer "$scorer_minutes" t2v-scorer
  wait "$pid"
else
  train base "$base_minutes" t2v-shapes
  train scorer "$scorer_minutes" t2v-scorer
fi
grep -h final "$run"/*.log 2>/dev/null || true
if /usr/bin/python3 -c 'import torch, sys; sys.exit(0 if torch.__version__.startswith("1.13") else 1)' 2>/dev/null; then
  kinds=()
  positive "$base_minutes" && kinds+=(base)
  positive "$scorer_minutes" && kinds+=(scorer)
  /usr/bin/python3 "$here/export.py" "$run" "$out" --only "${kinds[@]}"
else
  echo "export skipped: run infra/models/t2v/export.py $run OUT with Debian's torch 1.13"
fi
