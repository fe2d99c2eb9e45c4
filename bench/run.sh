#!/usr/bin/env bash
# Benchmarks mlir-link against mlir-opt-22's parse-and-print (and, for the IREE components, against
# the real iree-link doing the same link), side by side in one run.
#
#   bench/run.sh            full run: (a) 20 000-function library, (b) 50 MB resource blob,
#                           (c) the MoE components, (d) size series 1/4/16/64 MB
#   bench/run.sh --smoke    tiny inputs, one run each: checks the harness works (CI runs this)
#
# Figures: wall-clock median of RUNS runs (cold: a new process each time, JVM start included),
# warm in-process median from InProcessLink, and each one's ratio to the reference (mlir-opt-22 on the same file, or iree-link on the same link).
# Memory: the in-process link is run once under -Xmx set to the target multiple of the input size.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/bench/out"
smoke=false
[[ "${1:-}" == "--smoke" ]] && smoke=true
runs=${RUNS:-5}
$smoke && runs=1

command -v mlir-opt-22 >/dev/null || { echo "mlir-opt-22 is missing: apt-get install -y mlir-22-tools" >&2; exit 1; }
iree_link=${MLIR_LINK_IREE_BIN:-$root/.venv/bin}/iree-link
[[ -x "$iree_link" ]] || { echo "iree-link is missing: bash .ci/install-tools" >&2; exit 1; }

mvn -B -q -ntp -DskipTests install
mvn -B -q -ntp -f bench/pom.xml package
jar="$root/bench/target/mlir-link-bench.jar"
gen() { java -cp "$jar" org.mlirlink.bench.GenerateInputs "$out" "$@"; }
mkdir -p "$out"

if $smoke; then
  lib_n=200; lib_k=20; blob_mb=1; series=(1)
else
  lib_n=20000; lib_k=1000; blob_mb=50; series=(1 4 16 64)
fi
gen lib $lib_n $lib_k
gen blob $blob_mb

# median wall seconds of a command run $runs times
median_time() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}

warm_ms() { # in-process median ms
  local warm=30 meas=15 # the scanner's loops need about 30 links to reach C2
  $smoke && { warm=1; meas=1; }
  java -Xss16m -cp "$jar" org.mlirlink.bench.InProcessLink $warm $meas "$@" | awk '{print $5}'
}

mb() { du -cb "$@" | tail -1 | awk '{printf "%.1f", $1/1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

printf '%-26s %8s %10s %10s %10s %12s %12s\n' case MB ref_s cli_s warm_s cli_speedup warm_speedup
row() { # name, reference ("FILE": mlir-opt-22 parses and prints it; "iree-link": the same link), main, modules...
  local name=$1 ref=$2; shift 2
  local main=$1; shift
  local args=()
  for m in "$@"; do args+=(--link-module "$m"); done
  bin/mlir-link "$main" "${args[@]}" -o "$out/linked.mlir" # also creates the class-data archive
  local opt cli warm
  if [[ "$ref" == iree-link ]]; then
    opt=$(median_time "$iree_link" "$main" "${args[@]}" -o "$out/ref.mlir")
  else
    opt=$(median_time mlir-opt-22 "$ref" -o "$out/opt.mlir")
  fi
  cli=$(median_time bin/mlir-link "$main" "${args[@]}" -o "$out/linked.mlir")
  warm=$(awk -v ms="$(warm_ms "$main" "$@")" 'BEGIN {printf "%.4f", ms/1000}')
  printf '%-26s %8s %10s %10s %10s %12s %12s\n' "$name" "$(mb "$main" "$@")" "$opt" "$cli" "$warm" \
    "$(ratio "$opt" "$cli")" "$(ratio "$opt" "$warm")"
}

row "(a) library $lib_n fns" "$out/lib_$lib_n.mlir" "$out/main_${lib_n}_$lib_k.mlir" "$out/lib_$lib_n.mlir"
row "(b) blob ${blob_mb} MB" "$out/blob_$blob_mb.mlir" "$out/blob_main_$blob_mb.mlir" "$out/blob_$blob_mb.mlir"
# (c): mlir-opt cannot parse the IREE components, so the reference column is the real iree-link
# doing the same link.
row "(c) MoE components" iree-link components/moe/moe_ffn_block.mlir \
  components/moe/mul_mat_id.mlir components/activation/swiglu.mlir

echo
echo "(d) size series: warm in-process MB/s over main + library, and mlir-opt-22's MB/s on the library"
printf '%-8s %10s %12s %12s\n' MB fns warm_MB/s mlir-opt_MB/s
for size in "${series[@]}"; do
  n=$(( size * 1000000 / 650 ))
  k=$(( n / 20 )) # declare 5% of the functions, so the work grows with the input
  gen lib "$n" "$k"
  files=("$out/main_${n}_$k.mlir" "$out/lib_$n.mlir")
  ms=$(warm_ms "${files[@]}")
  total=$(mb "${files[@]}")
  opt=$(median_time mlir-opt-22 "$out/lib_$n.mlir" -o "$out/opt.mlir")
  printf '%-8s %10s %12s %12s\n' "$size" "$n" "$(awk -v mb="$total" -v ms="$ms" 'BEGIN {printf "%.1f", mb/(ms/1000)}')" \
    "$(awk -v mb="$(mb "$out/lib_$n.mlir")" -v s="$opt" 'BEGIN {printf "%.1f", mb/s}')"
done

echo
echo "memory: one in-process link under -Xmx = target x input size"
heap_check() { # name, factor, files...
  local name=$1 factor=$2; shift 2
  local bytes limit
  bytes=$(du -cb "$@" | tail -1 | cut -f1)
  limit=$(awk -v b="$bytes" -v f="$factor" 'BEGIN {printf "%d", b*f/1048576 + 1}')
  if java -Xss16m -Xmx${limit}m -cp "$jar" org.mlirlink.bench.InProcessLink 0 1 "$@" >/dev/null 2>&1; then
    echo "$name: links within -Xmx${limit}m (${factor}x input): yes"
  else
    echo "$name: links within -Xmx${limit}m (${factor}x input): NO"
  fi
}
if $smoke; then
  # A heap a few times a 1 MB input is smaller than the JVM itself needs: check the harness only.
  heap_check "(smoke)" 64 "$out/blob_main_$blob_mb.mlir" "$out/blob_$blob_mb.mlir"
else
  heap_check "(a)" 4 "$out/main_${lib_n}_$lib_k.mlir" "$out/lib_$lib_n.mlir"
  heap_check "(b)" 2.5 "$out/blob_main_$blob_mb.mlir" "$out/blob_$blob_mb.mlir"
fi
