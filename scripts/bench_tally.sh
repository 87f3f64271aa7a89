#!/usr/bin/env bash
# Times `qatysu tally` (whole process: read + count) against pabutools 1.2.3 (read + count, via
# scripts/pabutools/gen_fixtures.py --one) on the same files, and prints per rule the ratio and
# the peak memory of each (GNU time -v, "Maximum resident set size").
#
#   scripts/bench_tally.sh [FILE.pb ...]     default: the three largest approval files
#
# Environment: QATYSU_BIN (default target/release/qatysu, built if missing),
# QATYSU_PABULIB_DIR (default ../shared/data/pabulib), PABUTOOLS_TIMEOUT seconds per pabutools run
# (default 300; a run cut short gives a lower bound on the ratio, shown as ">"), RULES.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${QATYSU_PABULIB_DIR:-$root/../shared/data/pabulib}
bin=${QATYSU_BIN:-$root/target/release/qatysu}
limit=${PABUTOOLS_TIMEOUT:-300}
rules=${RULES:-"greedy greedy-ratio mes mes-add1 mes-add1-greedy phragmen max-welfare greedy-no-skip greedy-threshold mes-add1-pabulib"}
pabutools_rules=" greedy greedy-ratio mes mes-add1 mes-add1-greedy phragmen max-welfare "
if [ $# -gt 0 ]; then files=("$@"); else
  files=(Poland_Lodz_2022.pb Poland_Warszawa_2026.pb Poland_Lodz_2023.pb)
fi
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install -y time" >&2; exit 1; }
if [ ! -x "$bin" ]; then (cd "$root" && cargo build --release --bin qatysu); fi
python3 -c 'import pabutools' 2>/dev/null || { echo "pip install pabutools==1.2.3" >&2; exit 1; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# seconds and peak KiB from `time -v` output
measure() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; secs = s }
              /Maximum resident set size/ { kb = $2 }
              END { printf "%.3f %d\n", secs, kb }' "$1"
}

printf '%-26s %-17s %10s %9s %12s %9s %10s\n' file rule qatysu_s qatysu_MB pabutools_s pabut_MB ratio
for f in "${files[@]}"; do
  for r in $rules; do
    /usr/bin/time -v "$bin" tally "$dir/$f" --rule "$r" --format json > /dev/null 2> "$tmp/ours" || { echo "$f $r: qatysu failed" >&2; cat "$tmp/ours" >&2; continue; }
    read -r os okb < <(measure "$tmp/ours")
    if [[ "$pabutools_rules" != *" $r "* ]]; then
      printf '%-26s %-17s %10s %9.1f %12s %9s %10s\n' "${f%.pb}" "$r" "$os" "$(echo "$okb/1024" | bc -l)" "-" "-" "n/a"
      continue
    fi
    set +e
    /usr/bin/time -v timeout "$limit" python3 "$root/scripts/pabutools/gen_fixtures.py" --one "$dir/$f" "$r" > "$tmp/py.out" 2> "$tmp/py"
    code=$?
    set -e
    read -r ps pkb < <(measure "$tmp/py")
    if [ "$code" -eq 124 ]; then prefix=">"; ps_shown=">$limit"; else prefix=""; ps_shown=$ps; fi
    ratio=$(echo "$ps / ($os + 0.0005)" | bc -l)
    printf '%-26s %-17s %10s %9.1f %12s %9.1f %10s\n' "${f%.pb}" "$r" "$os" "$(echo "$okb/1024" | bc -l)" "$ps_shown" "$(echo "$pkb/1024" | bc -l)" "$prefix$(printf '%.0f' "$ratio")x"
  done
done
