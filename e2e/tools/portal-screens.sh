#!/usr/bin/env bash
# Screenshots of the portal with a realistic caseload, to look at before calling a staff screen
# done: a physiotherapist ("An") with MOTHERS linked mothers (default 120) of 120 days of activity
# each, seeded in bulk by bench/scale/seed.py, at 390 px, 1366 px and 390 px with 200% text, in
# nl, fr and en. Not a test: it asserts nothing.
#
#   cd e2e && HANGMAT_BIN=../target/debug/hangmat tools/portal-screens.sh OUT_DIR [PATH ...]
#
# PATHs default to the list, one mother's page, her programme, her sessions and her summary.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-portal-screens}"
shift || true
bin="${HANGMAT_BIN:?HANGMAT_BIN names the binary}"
mothers="${MOTHERS:-120}"
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
serve() {
  "$bin" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 1 300); do
    base=$(sed -n 's/^hangmat listening on \(http:\/\/[^ ]*\).*/\1/p' "$work/out" | head -n 1)
    [[ -n "$base" ]] && return 0
    sleep 0.1
  done
  cat "$work/err" >&2
  exit 1
}
serve
kill "$pid"; wait "$pid" 2>/dev/null || true
python3 "$here/../../bench/scale/seed.py" --db "$work/data/hangmat.sqlite" --mothers "$mothers" \
  --cookies 1 --linked "$mothers" >/dev/null
serve
link="00000000-0000-4000-b000-000000000001"
if [[ $# -eq 0 ]]; then
  set -- /portal/mothers "/portal/mothers/$link" "/portal/mothers/$link/programme" \
    "/portal/mothers/$link/sessions" "/portal/mothers/$link/summary"
fi
node "$here/portal-screens.mjs" "$out" "$base" "$@"
