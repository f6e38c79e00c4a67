#!/usr/bin/env bash
# Times argsat beside another ICCMA 2023 solver on a folder of instances: a thin wrapper
# over `argsat bench`, which kills each run at the limit, checks every answer, and prints
# per task the runs solved, PAR-2, and the median and worst time ratio argsat/other.
#
#   benches/corpus.sh [-t TASKS] [-l SECONDS] [-j JOBS] [-a ARGSAT] [-o RESULTS] DIR [OTHER]
#
# TASKS: comma-separated (default SE-GR), or `main`. DC/DS queries come from `X.af.arg`.
# RESULTS (JSON lines, default a temporary file) keeps every run; re-running with the same
# file resumes. `argsat bench --help` has the rest (memory limit, shards, plots).
set -euo pipefail
tasks=SE-GR
limit=60
jobs=1
argsat=""
results=""
while getopts "t:l:j:a:o:" opt; do
    case $opt in
        t) tasks=$OPTARG ;;
        l) limit=$OPTARG ;;
        j) jobs=$OPTARG ;;
        a) argsat=$OPTARG ;;
        o) results=$OPTARG ;;
        *) echo "usage: $0 [-t TASKS] [-l SECONDS] [-j JOBS] [-a ARGSAT] [-o RESULTS] DIR [OTHER]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
dir=${1:?usage: $0 [-t TASKS] [-l SECONDS] [-j JOBS] [-a ARGSAT] [-o RESULTS] DIR [OTHER]}
other=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$argsat" ]; then
    cargo build --release --quiet --manifest-path "$here/Cargo.toml"
    argsat="$here/target/release/argsat"
fi
if [ -z "$results" ]; then
    results=$(mktemp --suffix .jsonl)
    rm -f "$results"
fi
solvers=(-s "argsat=$argsat")
if [ -n "$other" ]; then solvers+=(-s "other=$other"); fi
"$argsat" bench "$dir" "${solvers[@]}" --tasks "$tasks" --timeout "$limit" --jobs "$jobs" -o "$results"
echo "every run: $results"
