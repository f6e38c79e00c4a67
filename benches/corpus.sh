#!/usr/bin/env bash
# Times argsat beside another ICCMA 2023 solver on a folder of instances.
#
#   benches/corpus.sh [-t TASKS] [-l SECONDS] [-a ARGSAT] DIR [OTHER_SOLVER_COMMAND]
#
# TASKS is a comma-separated list (default SE-GR). Each instance `X.af` under DIR is run
# with every task; DC/DS tasks take their query from `X.af.arg`. Each run has a wall-time
# limit (default 60 s). Prints one row per run (times, answers, ratio argsat/other) and,
# per task, instances solved by each and the median and worst time ratio on instances
# both solved. Answers (the first output line) that differ are flagged DISAGREE.
set -euo pipefail
tasks=SE-GR
limit=60
argsat=""
while getopts "t:l:a:" opt; do
    case $opt in
        t) tasks=$OPTARG ;;
        l) limit=$OPTARG ;;
        a) argsat=$OPTARG ;;
        *) echo "usage: $0 [-t TASKS] [-l SECONDS] [-a ARGSAT] DIR [OTHER]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
dir=${1:?usage: $0 [-t TASKS] [-l SECONDS] [-a ARGSAT] DIR [OTHER]}
other=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$argsat" ]; then
    cargo build --release --quiet --manifest-path "$here/Cargo.toml"
    argsat="$here/target/release/argsat"
fi

# run CMD... -> prints "SECONDS ANSWER" (ANSWER is TIMEOUT or ERROR when it failed)
run() {
    local start end out status
    start=$(date +%s.%N)
    set +e
    # The whole output goes to a file (a solver killed by SIGPIPE would look failed), then
    # its first line is read.
    timeout --kill-after=2 "$limit" "$@" > "$scratch" 2>/dev/null
    status=$?
    out=$(head -n 1 "$scratch")
    set -e
    end=$(date +%s.%N)
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then out=TIMEOUT
    elif [ "$status" != 0 ] || [ -z "$out" ]; then out=ERROR; fi
    # Only the kind of answer is compared: YES/NO, or whether an extension exists.
    case $out in w*) out=EXT ;; esac
    printf '%s %s\n' "$(echo "$end - $start" | bc -l)" "$out"
}

results=$(mktemp)
scratch=$(mktemp)
trap 'rm -f "$results" "$scratch"' EXIT
printf '%-50s %-7s %9s %-8s %9s %-8s %7s\n' instance task argsat answer other answer ratio
find "$dir" -name '*.af' | sort | while read -r f; do
    query=$(cat "$f.arg" 2>/dev/null || echo 1)
    for task in ${tasks//,/ }; do
        read -r ta aa < <(run "$argsat" -p "$task" -f "$f" -a "$query")
        to=- ao=- ratio=-
        if [ -n "$other" ]; then
            # shellcheck disable=SC2086
            read -r to ao < <(run $other -p "$task" -f "$f" -a "$query")
            case "$aa/$ao" in
                TIMEOUT/*|*/TIMEOUT|ERROR/*|*/ERROR) ;;
                *) ratio=$(echo "$ta / ($to + 0.000001)" | bc -l) ;;
            esac
            if [ "$ratio" != - ] && [ "$aa" != "$ao" ]; then ao="$ao:DISAGREE"; fi
        fi
        printf '%-50s %-7s %9.3f %-8s %9s %-8s %7s\n' "${f#"$dir"/}" "$task" "$ta" "$aa" "$to" "$ao" \
            "$( [ "$ratio" = - ] && echo - || printf '%.2f' "$ratio")"
        echo "$task $aa $ao $ratio" >> "$results"
    done
done
echo
printf '%-7s %8s %8s %8s %12s %11s\n' task runs argsat other median_ratio worst_ratio
for task in ${tasks//,/ }; do
    awk -v t="$task" '
        $1 == t { n++; if ($2 != "TIMEOUT" && $2 != "ERROR") a++; if ($3 != "TIMEOUT" && $3 != "ERROR" && $3 != "-") o++;
                  if ($4 != "-") r[++k] = $4 }
        END {
            if (k > 0) {
                # insertion sort, then the median and the worst
                for (i = 2; i <= k; i++) { v = r[i]; j = i - 1; while (j > 0 && r[j] > v) { r[j+1] = r[j]; j-- } r[j+1] = v }
                med = (k % 2) ? r[(k+1)/2] : (r[k/2] + r[k/2+1]) / 2
                printf "%-7s %8d %8d %8d %12.2f %11.2f\n", t, n, a, o, med, r[k]
            } else printf "%-7s %8d %8d %8d %12s %11s\n", t, n, a, o, "-", "-"
        }' "$results"
done
