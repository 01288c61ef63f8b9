# Sourced by the scripts that run node:test suites. `report_summary LOG STATUS` prints the plain
# closing line "N passed, N failed" from the spec reporter's summary in LOG and exits with
# STATUS. The spec reporter is named explicitly by the callers: Node 20 wrote TAP ("# pass N")
# when piped, Node >= 22 writes the spec format ("ℹ pass N") everywhere. No summary at all is a
# failure, never a pass.
report_summary() {
  local log=$1 status=$2 pass fail
  pass=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$log" | tail -1)
  fail=$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$log" | tail -1)
  if [ -z "$pass" ] || [ -z "$fail" ]; then
    echo "0 passed, 1 failed (no test summary in the runner's output)"
    exit 1
  fi
  echo "$pass passed, $fail failed"
  exit "$status"
}
