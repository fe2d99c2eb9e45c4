#!/usr/bin/env bash
# Benchmarks mlir-link against the tool it replaces, the real iree-link (the pinned release in .venv/)
# doing the same link, and against mlir-opt-22's parse-and-print of the same file, side by side in
# one run.
#
#   bench/run.sh            full run: (a) 20 000-function library, (b) 50 MB resource blob,
#                           (c) the MoE components, (d) size series 1/4/16/64 MB,
#                           (e) blob size series 1/64/512/2000/4000 MB, (f) call chains of
#                           200 000 and 1 000 000 functions, (g) the workspace API over the library
#                           and components/: first diagnostics cold, diagnostics and definition warm,
#                           (h) the Maven plugin: the time a no-change rebuild spends in it,
#                           (i) bytecode inputs: the MoE link, and a blob library of BC_BLOB_MB MB,
#                           (j) rows (a) to (c) again beside a CPU-bound process
#   bench/run.sh --smoke    tiny inputs, one run each: checks the harness works (CI runs this)
#
# MB is 10^6 bytes throughout (so the 2000 MB blob is 2 * 10^9 bytes, just under 2^31).
# BLOB_SERIES_MB="1 64" and CHAIN_SERIES="200000" replace the (e) and (f) series.
#
# Figures: wall-clock median of RUNS runs (cold: a new process each time, JVM start included; in
# rows (a) to (c) and (j) ours and iree-link's runs alternate, and the ratio is the median of the
# pairs' ratios),
# warm in-process median from InProcessLink, and ratios ours / iree-link on the same link (lower is
# better; the targets are printed beside them), with mlir-opt-22 on the same file as a second column.
# Peak RSS (e, f): /usr/bin/time's maximum resident set size, the largest of the runs.
# mlir-opt-22 in (e) and (f) runs under `timeout 120` and an address-space cap of 16 GiB.
# Memory: the in-process link is run once under -Xmx set to the target multiple of the input size,
# or to a fixed heap.
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
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install -y time" >&2; exit 1; }
command -v prlimit >/dev/null || { echo "prlimit is missing: apt-get install -y util-linux" >&2; exit 1; }

mvn -B -q -ntp -DskipTests install
mvn -B -q -ntp -f bench/pom.xml package
jar="$root/bench/target/mlir-link-bench.jar"
gen() { java -cp "$jar" org.mlirlink.bench.GenerateInputs "$out" "$@"; }
mkdir -p "$out"
# Scratch files of the harness, and the current (e) size's folder: removed however the run ends.
scratch=$(mktemp -d "$out/scratch.XXXXXX")
tmp=
load_pid=
cleanup() {
  rm -rf -- "$scratch" ${tmp:+"$tmp"}
  [[ -z $load_pid ]] || { kill -CONT "$load_pid" && kill "$load_pid"; } 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if $smoke; then
  lib_n=200; lib_k=20; blob_mb=1; series=(1)
  blob_series=(1); chain_series=(2000)
else
  lib_n=20000; lib_k=1000; blob_mb=50; series=(1 4 16 64)
  blob_series=(1 64 512 2000 4000); chain_series=(200000 1000000)
fi
[[ -n "${BLOB_SERIES_MB:-}" ]] && read -r -a blob_series <<<"$BLOB_SERIES_MB"
[[ -n "${CHAIN_SERIES:-}" ]] && read -r -a chain_series <<<"$CHAIN_SERIES"
gen lib $lib_n $lib_k
gen blob $blob_mb

# median_of VALUES...: the median (the lower middle one of an even count)
median_of() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# time_ms CMD...: runs CMD, its output discarded; prints its wall time in ms
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# median wall seconds of a command run $runs times
median_time() {
  local i times=()
  for ((i = 0; i < runs; i++)); do
    times+=("$(time_ms "$@")")
  done
  seconds "$(median_of "${times[@]}")"
}

warm_ms() { # in-process median ms
  local warm=30 meas=15 # the scanner's loops need about 30 links to reach C2
  $smoke && { warm=1; meas=1; }
  java -Xss16m -cp "$jar" org.mlirlink.bench.InProcessLink $warm $meas "$@" | awk '{print $5}'
}

# once CMD...: runs CMD once, its output discarded. Prints "WALL_S PEAK_KB" (wall from the shell's
# clock, in ms steps as median_time's; peak RSS from /usr/bin/time) and succeeds, or prints the
# row entry saying why not ("did not finish (timeout)", "did not finish (out of memory)" or
# "failed: <first line of its stderr>") and fails.
once() {
  local rc=0 start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$scratch/time" "$@" >/dev/null 2>"$scratch/err" || rc=$?
  end=$(date +%s%N)
  if ((rc == 0)); then
    printf '%s %s\n' "$(awk -v ns=$((end - start)) 'BEGIN {printf "%.3f", int(ns / 1e6) / 1000}')" \
      "$(tail -1 "$scratch/time")"
    return 0
  fi
  if ((rc == 124)); then
    echo "did not finish (timeout)"
  elif ((rc == 137)) || grep -qiE 'out of memory|bad_alloc|cannot allocate memory|OutOfMemoryError' "$scratch/err"; then
    echo "did not finish (out of memory)"
  else
    echo "failed: $(head -1 "$scratch/err")"
  fi
  return 1
}

# measure N OUTPUT CMD...: runs CMD N times, removing OUTPUT (the file CMD writes) before each run.
# Prints "MEDIAN_WALL_S MAX_PEAK_KB", or the first failed run's entry (and fails).
measure() {
  local n=$1 output=$2 i r peak=0 walls=()
  shift 2
  for ((i = 0; i < n; i++)); do
    rm -f -- "$output"
    r=$(once "$@") || { echo "$r"; return 1; }
    walls+=("${r% *}")
    ((${r#* } > peak)) && peak=${r#* }
  done
  printf '%s %s\n' "$(median_of "${walls[@]}")" "$peak"
}

# mlir-opt-22 as the reference in (e) and (f): given 120 s and 16 GiB of address space.
capped=(timeout 120 prlimit --as=$((16 * 1024 * 1024 * 1024)))

mb() { du -cb "$@" | tail -1 | awk '{printf "%.1f", $1/1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
ratio_or_dash() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a/b; else printf "-"}'; }
kb_mb() { awk -v kb="$1" 'BEGIN {printf "%.0f", kb * 1024 / 1e6}'; } # KiB (time's %M) to MB

# paired A -- B: runs A and B in turn, $runs times each (A B A B ...: a drift of the machine's speed
# during the runs moves both alike). Prints "MEDIAN_A_S MEDIAN_B_S MEDIAN_OF_A/B".
paired() {
  local i ta=() tb=() ratios=() a b r
  for ((i = 0; i < runs; i++)); do
    read -r a b r < <(pair_once "$@")
    ta+=("$a") tb+=("$b") ratios+=("$r")
  done
  printf '%.3f %.3f %.2f\n' "$(seconds "$(median_of "${ta[@]}")")" \
    "$(seconds "$(median_of "${tb[@]}")")" "$(median_of "${ratios[@]}")"
}

# pair_once A -- B: runs A, then B, once. Prints "A_MS B_MS A/B" (the ratio from the clock's ns).
pair_once() {
  local a=() start mid end
  while [[ $1 != -- ]]; do a+=("$1"); shift; done
  shift
  start=$(date +%s%N)
  "${a[@]}" >/dev/null
  mid=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "$(((mid - start) / 1000000)) $(((end - mid) / 1000000))" \
    "$(awk -v a=$((mid - start)) -v b=$((end - mid)) 'BEGIN {printf "%.4f", a / b}')"
}

seconds() { awk -v ms="$1" 'BEGIN {printf "%.3f", ms / 1000}'; } # ms to seconds, 3 decimals

printf '%-26s %8s %9s %9s %9s %9s %9s %9s %7s\n' case MB iree_s opt_s cli_s warm_s cli/iree \
  warm/iree target
row() { # name, file mlir-opt-22 parses and prints ("-": none it can read), target, main, modules...
  local name=$1 opt_file=$2 target=$3; shift 3
  local main=$1; shift
  local args=()
  for m in "$@"; do args+=(--link-module "$m"); done
  bin/mlir-link "$main" "${args[@]}" -o "$out/linked.mlir" # also creates the class-data archive
  local iree opt=- cli warm r
  read -r cli iree r < <(paired bin/mlir-link "$main" "${args[@]}" -o "$out/linked.mlir" -- \
    "$iree_link" "$main" "${args[@]}" -o "$out/ref.mlir")
  [[ "$opt_file" == - ]] || opt=$(median_time mlir-opt-22 "$opt_file" -o "$out/opt.mlir")
  warm=$(awk -v ms="$(warm_ms "$main" "$@")" 'BEGIN {printf "%.4f", ms/1000}')
  printf '%-26s %8s %9s %9s %9s %9s %9s %9s %7s\n' "$name" "$(mb "$main" "$@")" "$iree" "$opt" \
    "$cli" "$warm" "$r" "$(ratio "$warm" "$iree")" "$target"
}
# The rows' commands, by name, for (j) to run again under load.
declare -A row_args
small_rows=("(a) library $lib_n fns" "(b) blob ${blob_mb} MB" "(c) MoE components")
row_args[${small_rows[0]}]="$out/main_${lib_n}_$lib_k.mlir $out/lib_$lib_n.mlir"
row_args[${small_rows[1]}]="$out/blob_main_$blob_mb.mlir $out/blob_$blob_mb.mlir"
row_args[${small_rows[2]}]="components/moe/moe_ffn_block.mlir components/moe/mul_mat_id.mlir components/activation/swiglu.mlir"

# shellcheck disable=SC2086 # the file lists above have no spaces
row "${small_rows[0]}" "$out/lib_$lib_n.mlir" "<= 0.4" ${row_args[${small_rows[0]}]}
# shellcheck disable=SC2086
row "${small_rows[1]}" "$out/blob_$blob_mb.mlir" "<= 0.4" ${row_args[${small_rows[1]}]}
# (c): mlir-opt cannot parse the IREE components.
# shellcheck disable=SC2086
row "${small_rows[2]}" - "<= 0.7" ${row_args[${small_rows[2]}]}

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

if $smoke; then
  # Each way a measured command can fail becomes a row entry, not the end of the run.
  r=$(measure 1 "$scratch/none" bin/mlir-link "$scratch/missing.mlir" -o "$scratch/none") || true
  [[ "$r" == "failed: "* ]] || { echo "harness: a failed link gave '$r'" >&2; exit 1; }
  r=$(measure 1 "$scratch/none" timeout 1 sleep 5) || true
  [[ "$r" == "did not finish (timeout)" ]] || { echo "harness: a timeout gave '$r'" >&2; exit 1; }
  r=$(measure 1 "$scratch/none" sh -c 'echo "LLVM ERROR: out of memory" >&2; exit 134') || true
  [[ "$r" == "did not finish (out of memory)" ]] || { echo "harness: out of memory gave '$r'" >&2; exit 1; }
fi

echo
echo "(e) blob size series: one dense_resource blob of SIZE MB in a library, linked from a small main;"
echo "    cp of the same file is the physical limit; iree-link does the same link and mlir-opt-22 parses"
echo "    and prints the library (each given 120 s and 16 GiB)"
printf '%-8s %9s %8s %8s %11s %8s %8s %11s %9s %8s %11s  %s\n' size_MB file_MB cp_s cli_s cli_rss_MB \
  cli/cp iree_s iree_rss_MB cli/iree opt_s opt_rss_MB notes
for size in "${blob_series[@]}"; do
  # Input, the copy and one output at a time; the link's output is about the input's size.
  need=$((size * 2500000))
  avail=$(df -P -B1 "$out" | awk 'NR == 2 {print $4}')
  if ((avail < need)); then
    printf '%-8s skipped: needs %.1f GB free, %.1f GB available\n' "$size" \
      "$(awk -v b=$need 'BEGIN {print b / 1e9}')" "$(awk -v b="$avail" 'BEGIN {print b / 1e9}')"
    continue
  fi
  tmp=$(mktemp -d "$out/blob.XXXXXX")
  java -cp "$jar" org.mlirlink.bench.GenerateInputs "$tmp" blob "$size"
  file="$tmp/blob_$size.mlir"
  main="$tmp/blob_main_$size.mlir"
  n=$runs
  ((size >= 2000)) && n=1
  notes=()
  cp_r=$(measure "$n" "$tmp/copy.mlir" cp "$file" "$tmp/copy.mlir") || { notes+=("cp: $cp_r"); cp_r="- -"; }
  rm -f "$tmp/copy.mlir"
  cli_r=$(measure "$n" "$tmp/linked.mlir" bin/mlir-link "$main" --link-module "$file" -o "$tmp/linked.mlir") \
    || { notes+=("cli: $cli_r"); cli_r="- -"; }
  rm -f "$tmp/linked.mlir"
  iree_r=$(measure "$n" "$tmp/iree.mlir" "${capped[@]}" "$iree_link" "$main" --link-module "$file" \
    -o "$tmp/iree.mlir") || { notes+=("iree-link: $iree_r"); iree_r="- -"; }
  rm -f "$tmp/iree.mlir"
  opt_r=$(measure "$n" "$tmp/opt.mlir" "${capped[@]}" mlir-opt-22 "$file" -o "$tmp/opt.mlir") \
    || { notes+=("mlir-opt-22: $opt_r"); opt_r="- -"; }
  rm -f "$tmp/opt.mlir"
  read -r cp_s _ <<<"$cp_r"
  read -r cli_s cli_kb <<<"$cli_r"
  read -r iree_s iree_kb <<<"$iree_r"
  read -r opt_s opt_kb <<<"$opt_r"
  printf '%-8s %9s %8s %8s %11s %8s %8s %11s %9s %8s %11s  %s\n' "$size" "$(mb "$file")" "$cp_s" \
    "$cli_s" "$([[ $cli_kb == - ]] && echo - || kb_mb "$cli_kb")" \
    "$([[ $cli_s == - || $cp_s == - ]] && echo - || ratio_or_dash "$cli_s" "$cp_s")" "$iree_s" \
    "$([[ $iree_kb == - ]] && echo - || kb_mb "$iree_kb")" \
    "$([[ $cli_s == - || $iree_s == - ]] && echo - || ratio_or_dash "$cli_s" "$iree_s")" "$opt_s" \
    "$([[ $opt_kb == - ]] && echo - || kb_mb "$opt_kb")" "$(IFS=';'; echo "${notes[*]}")"
  rm -rf -- "$tmp"
  tmp=
done

echo
echo "(f) call chain: module @lib of N functions, each calling the next, all linked from a main calling"
echo "    the first; iree-link does the same link and mlir-opt-22 parses and prints the library (each"
echo "    given 120 s and 16 GiB); targets: cli/iree <= 0.25 in time, rss/iree <= 0.5"
printf '%-8s %8s %8s %11s %8s %11s %9s %9s %8s %11s %8s %11s %8s  %s\n' N file_MB iree_s \
  iree_rss_MB cli_s cli_rss_MB cli/iree rss/iree opt_s opt_rss_MB cli/opt cli_rss/in warm_s notes
for n in "${chain_series[@]}"; do
  gen chain "$n"
  files=("$out/chain_main_$n.mlir" "$out/chain_$n.mlir")
  bytes=$(du -cb "${files[@]}" | tail -1 | cut -f1)
  notes=()
  iree_r=$(measure "$runs" "$out/ref.mlir" "${capped[@]}" "$iree_link" "${files[0]}" --link-module \
    "${files[1]}" -o "$out/ref.mlir") || { notes+=("iree-link: $iree_r"); iree_r="- -"; }
  opt_r=$(measure "$runs" "$out/opt.mlir" "${capped[@]}" mlir-opt-22 "$out/chain_$n.mlir" -o "$out/opt.mlir") \
    || { notes+=("mlir-opt-22: $opt_r"); opt_r="- -"; }
  read -r iree_s iree_kb <<<"$iree_r"
  cli_r=$(measure "$runs" "$out/linked.mlir" bin/mlir-link "${files[0]}" --link-module "${files[1]}" \
    -o "$out/linked.mlir") || { notes+=("cli: $cli_r"); cli_r="- -"; }
  read -r opt_s opt_kb <<<"$opt_r"
  read -r cli_s cli_kb <<<"$cli_r"
  warm=-
  if [[ $cli_s != - ]]; then
    # The link is right: @run and all N functions defined, and mlir-opt-22 verifies every call.
    defs=$(grep -c '^ *func\.func .*{$' "$out/linked.mlir" || true)
    ((defs == n + 1)) || notes+=("WRONG: $defs function definitions linked, not $((n + 1))")
    v=$(measure 1 "$scratch/verified.mlir" "${capped[@]}" mlir-opt-22 "$out/linked.mlir" \
      -o "$scratch/verified.mlir") || notes+=("WRONG: mlir-opt-22 on the linked output: $v")
    rm -f "$scratch/verified.mlir"
    # One link takes seconds: a few warm-up links reach C2.
    if $smoke; then w=(1 1); else w=(5 3); fi
    warm=$(java -Xss16m -cp "$jar" org.mlirlink.bench.InProcessLink "${w[@]}" "${files[@]}" 2>/dev/null \
      | awk '{printf "%.3f", $5 / 1000}') || { warm=-; notes+=("warm: the in-process link failed"); }
  fi
  printf '%-8s %8s %8s %11s %8s %11s %9s %9s %8s %11s %8s %11s %8s  %s\n' "$n" "$(mb "${files[@]}")" \
    "$iree_s" "$([[ $iree_kb == - ]] && echo - || kb_mb "$iree_kb")" "$cli_s" \
    "$([[ $cli_kb == - ]] && echo - || kb_mb "$cli_kb")" \
    "$([[ $cli_s == - || $iree_s == - ]] && echo - || ratio_or_dash "$cli_s" "$iree_s")" \
    "$([[ $cli_kb == - || $iree_kb == - ]] && echo - || ratio_or_dash "$cli_kb" "$iree_kb")" \
    "$opt_s" "$([[ $opt_kb == - ]] && echo - || kb_mb "$opt_kb")" \
    "$([[ $cli_s == - || $opt_s == - ]] && echo - || ratio_or_dash "$cli_s" "$opt_s")" \
    "$([[ $cli_kb == - ]] && echo - || awk -v kb="$cli_kb" -v b="$bytes" 'BEGIN {printf "%.1f", kb * 1024 / b}')" \
    "$warm" "$(IFS=';'; echo "${notes[*]}")"
done

echo
echo "(g) workspace: the editor-facing index over a folder of lib_$lib_n.mlir and a copy of components/;"
echo "    cold: a new JVM (the launcher's flags and a class-data archive of the bench jar) creates it and"
echo "    answers the MoE block's diagnostics; warm: after a one-line edit of the block, its diagnostics and"
echo "    a definition query at @moe_components.mul_mat_id (medians); x_ref: the figure over the"
echo "    reference below it, taken in the same run"
ws_root="$scratch/workspace"
mkdir -p "$ws_root"
cp "$out/lib_$lib_n.mlir" "$ws_root/"
cp -r components "$ws_root/"
block="$ws_root/components/moe/moe_ffn_block.mlir"
# bin/mlir-link's flags, with the bench jar's own class-data archive written by a first, untimed run
ws_java=(java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:+UseTransparentHugePages -Xss16m
  -Xlog:cds=off -Xlog:cds+dynamic=off)
"${ws_java[@]}" -XX:ArchiveClassesAtExit="$scratch/workspace.jsa" -cp "$jar" \
  org.mlirlink.bench.WorkspaceBench cold "$ws_root" "$block" >/dev/null
field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) {print $(i + 1); exit}}'; }
after() { awk -v k="$1" -v n="$2" '{for (i = 1; i < NF; i++) if ($i == k) {print $(i + n); exit}}'; }
walls=() inproc=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  r=$("${ws_java[@]}" -XX:SharedArchiveFile="$scratch/workspace.jsa" -Xshare:auto -cp "$jar" \
    org.mlirlink.bench.WorkspaceBench cold "$ws_root" "$block")
  end=$(date +%s%N)
  walls+=("$(awk -v ns=$((end - start)) 'BEGIN {printf "%.3f", int(ns / 1e6) / 1000}')")
  inproc+=("$(field jvm_to_diagnostics_ms <<<"$r" | awk '{printf "%.3f", $1 / 1000}')")
done
cold_wall=$(median_of "${walls[@]}")
cold_jvm=$(median_of "${inproc[@]}")
if $smoke; then ws_edits=(5 5); else ws_edits=(300 300); fi
r=$(java -Xss16m -cp "$jar" org.mlirlink.bench.WorkspaceBench warm "$ws_root" "$block" "${ws_edits[@]}")
diag_ms=$(after diagnostics_ms 4 <<<"$r")
def_ms=$(after definition_ms 4 <<<"$r")
def_first_ms=$(after definition_after_edit_ms 4 <<<"$r")
retained_mb=$(field retained_heap_mb <<<"$r")
# References in the same run, for a machine whose speed drifts: the CLI's cold link of (a), which
# reads the same library, and the warm in-process link of the MoE block of (c).
ref_cold=$(median_time bin/mlir-link "$out/main_${lib_n}_$lib_k.mlir" --link-module "$out/lib_$lib_n.mlir" \
  -o "$out/linked.mlir")
ref_warm=$(warm_ms components/moe/moe_ffn_block.mlir components/moe/mul_mat_id.mlir \
  components/activation/swiglu.mlir)
met() { awk -v v="$1" -v t="$2" 'BEGIN {print (v < t) ? "yes" : "NO"}'; }
g_row() { printf '%-54s %9s %7s %4s %7s\n' "$@"; }
g_ref() { printf '%-54s %9s\n' "$@"; }
g_row figure measured target met x_ref
g_row "cold: process wall to first diagnostics (s)" "$cold_wall" "< 1" "$(met "$cold_wall" 1)" \
  "$(ratio_or_dash "$cold_wall" "$ref_cold")"
g_row "cold: JVM start to first diagnostics, in-process (s)" "$cold_jvm" "< 1" "$(met "$cold_jvm" 1)" \
  "$(ratio_or_dash "$cold_jvm" "$ref_cold")"
g_ref "  reference: bin/mlir-link, (a)'s link cold (s)" "$ref_cold"
g_row "warm: diagnostics after a one-line edit (ms)" "$diag_ms" "< 20" "$(met "$diag_ms" 20)" \
  "$(ratio_or_dash "$diag_ms" "$ref_warm")"
g_row "warm: definition, after the diagnostics (ms)" "$def_ms" "< 5" "$(met "$def_ms" 5)" \
  "$(ratio_or_dash "$def_ms" "$ref_warm")"
g_row "warm: definition, first query after an edit (ms)" "$def_first_ms" "-" "-" \
  "$(ratio_or_dash "$def_first_ms" "$ref_warm")"
g_ref "  reference: (c)'s link in-process, warm (ms)" "$ref_warm"
g_ref "warm: heap the workspace keeps, after a full GC (MB)" "$retained_mb"
rm -rf -- "$ws_root"

echo
echo "(h) Maven plugin: a sample project whose build links the MoE block, its dependencies found"
echo "    through a library path; built once, then built again with nothing changed: the link is"
echo "    skipped. plugin_ms: the plugin's own time from its log line (median of the rebuilds);"
echo "    mvn_s: the whole rebuild, Maven's start included, for scale"
mvn_root="$scratch/maven"
mkdir -p "$mvn_root"
cp -r components "$mvn_root/mlir"
version=$(awk -F'[<>]' '/<version>/ {print $3; exit}' pom.xml) # the project's own, first in pom.xml
sed -e "s/@project.groupId@/org.mlirlink/" -e "s/@project.artifactId@/mlir-link-maven-plugin/" \
  -e "s/@project.version@/$version/" linker-maven-plugin/src/it/incremental/pom.xml >"$mvn_root/pom.xml"
(cd "$mvn_root" && mvn -B -q -o -ntp generate-resources) >/dev/null
plugin_ms=() mvn_s=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  log=$(cd "$mvn_root" && mvn -B -o -ntp generate-resources)
  end=$(date +%s%N)
  skipped=$(grep -o 'link skipped ([0-9]* ms)' <<<"$log" | grep -o '[0-9]*' || true)
  [[ -n "$skipped" ]] || { echo "(h): the rebuild did not skip the link:" >&2; echo "$log" >&2; exit 1; }
  plugin_ms+=("$skipped")
  mvn_s+=("$(awk -v ns=$((end - start)) 'BEGIN {printf "%.3f", int(ns / 1e6) / 1000}')")
done
h_ms=$(median_of "${plugin_ms[@]}")
h_s=$(median_of "${mvn_s[@]}")
printf '%-54s %9s %7s %4s %7s\n' figure measured target met mvn_s
printf '%-54s %9s %7s %4s %7s\n' "no-change rebuild: time in the plugin (ms)" "$h_ms" "< 100" \
  "$(met "$h_ms" 100)" "$h_s"
rm -rf -- "$mvn_root"

echo
echo "(i) bytecode inputs: the MoE link with its three inputs written as bytecode by iree-opt, against"
echo "    the same link from text (cold, medians); and a library holding one dense_resource blob of"
echo "    BC_BLOB_MB MB as bytecode, linked from a small main to text: time against cp of the output,"
echo "    and peak RSS"
iree_opt=$(dirname "$iree_link")/iree-opt
bc="$scratch/bc"
mkdir -p "$bc"
for f in components/moe/moe_ffn_block.mlir components/moe/mul_mat_id.mlir components/activation/swiglu.mlir; do
  "$iree_opt" --emit-bytecode "$f" -o "$bc/$(basename "$f" .mlir).mlirbc"
done
text_s=$(median_time bin/mlir-link components/moe/moe_ffn_block.mlir --link-module components/moe/mul_mat_id.mlir \
  --link-module components/activation/swiglu.mlir -o "$bc/text_linked.mlir")
bc_s=$(median_time bin/mlir-link "$bc/moe_ffn_block.mlirbc" --link-module "$bc/mul_mat_id.mlirbc" \
  --link-module "$bc/swiglu.mlirbc" -o "$bc/bc_linked.mlir")
iree_bc_s=$(median_time "$iree_link" "$bc/moe_ffn_block.mlirbc" --link-module "$bc/mul_mat_id.mlirbc" \
  --link-module "$bc/swiglu.mlirbc" -o "$bc/iree_linked.mlir")
printf '%-54s %9s %9s %9s %7s\n' figure text_s bytecode_s ratio target
printf '%-54s %9s %9s %9s %7s\n' "MoE link, cold" "$text_s" "$bc_s" "$(ratio "$bc_s" "$text_s")" "<= 1.2"
printf '%-54s %9s %9s %9s\n' figure iree_s cli_s cli/iree
printf '%-54s %9s %9s %9s\n' "MoE link from bytecode, cold, against iree-link" "$iree_bc_s" "$bc_s" \
  "$(ratio "$bc_s" "$iree_bc_s")"
if $smoke; then bc_blob_mb=1; else bc_blob_mb=${BC_BLOB_MB:-2000}; fi
gen blob "$bc_blob_mb"
"$iree_opt" --emit-bytecode "$out/blob_$bc_blob_mb.mlir" -o "$bc/blob.mlirbc"
bc_r=$(measure "$runs" "$bc/blob_linked.mlir" bin/mlir-link "$out/blob_main_$bc_blob_mb.mlir" \
  --link-module "$bc/blob.mlirbc" -o "$bc/blob_linked.mlir") || { echo "(i): $bc_r" >&2; exit 1; }
cp_r=$(measure "$runs" "$bc/copy.mlir" cp "$bc/blob_linked.mlir" "$bc/copy.mlir")
read -r bc_blob_s bc_blob_kb <<<"$bc_r"
read -r cp_s _ <<<"$cp_r"
printf '%-54s %9s %9s %9s %9s\n' figure bytecode_MB cli_s cp_s cli/cp
printf '%-54s %9s %9s %9s %9s\n' "blob library as bytecode, linked to text" "$(mb "$bc/blob.mlirbc")" \
  "$bc_blob_s" "$cp_s" "$(ratio "$bc_blob_s" "$cp_s")"
echo "peak RSS of that link: $(kb_mb "$bc_blob_kb") MB (target: under 300 MB)"
rm -rf -- "$bc"
[[ "$bc_blob_mb" == "$blob_mb" ]] || rm -f -- "$out/blob_$bc_blob_mb.mlir" "$out/blob_main_$bc_blob_mb.mlir"

echo
echo "(j) under load: rows (a) to (c) again, quiet and beside one CPU-bound process (a shell busy"
echo "    loop, so one of the two cores is taken) in turn: each of the RUNS rounds runs ours and"
echo "    iree-link quiet, then both again with the loop running, so a drift of the shared machine"
echo "    moves both conditions alike; load/quiet is the median cli/iree ratio under load over the"
echo "    quiet one (target: <= 1.2, the ratios hold within 20%); cli_x and iree_x are each tool's"
echo "    own median time under load over its quiet one (a ratio of ratios moves with either)"
printf '%-26s %9s %9s %11s %11s %11s %7s %7s %7s\n' case iree_s cli_s cli/iree quiet load/quiet \
  target cli_x iree_x
busy() { while :; do :; done; }
busy &
load_pid=$!
kill -STOP "$load_pid" # started once, then only stopped and continued: no fork in the timed rounds
for name in "${small_rows[@]}"; do
  # shellcheck disable=SC2086
  set -- ${row_args[$name]}
  main=$1
  shift
  args=()
  for m in "$@"; do args+=(--link-module "$m"); done
  cli_q=() iree_q=() cli_l=() iree_l=() ratio_q=() ratio_l=()
  for ((i = 0; i < runs; i++)); do
    read -r c r q < <(pair_once bin/mlir-link "$main" "${args[@]}" -o "$out/linked.mlir" -- \
      "$iree_link" "$main" "${args[@]}" -o "$out/ref.mlir")
    cli_q+=("$c") iree_q+=("$r") ratio_q+=("$q")
    kill -CONT "$load_pid"
    read -r c r q < <(pair_once bin/mlir-link "$main" "${args[@]}" -o "$out/linked.mlir" -- \
      "$iree_link" "$main" "${args[@]}" -o "$out/ref.mlir")
    kill -STOP "$load_pid"
    cli_l+=("$c") iree_l+=("$r") ratio_l+=("$q")
  done
  cli=$(median_of "${cli_l[@]}") iree=$(median_of "${iree_l[@]}")
  q=$(median_of "${ratio_q[@]}") l=$(median_of "${ratio_l[@]}")
  printf '%-26s %9s %9s %11.2f %11.2f %11s %7s %7s %7s\n' "$name" "$(seconds "$iree")" \
    "$(seconds "$cli")" "$l" "$q" "$(ratio "$l" "$q")" "<= 1.2" \
    "$(ratio "$cli" "$(median_of "${cli_q[@]}")")" "$(ratio "$iree" "$(median_of "${iree_q[@]}")")"
done
kill -CONT "$load_pid" # a stopped process does not die of SIGTERM until it runs again
kill "$load_pid"
wait "$load_pid" 2>/dev/null || true
load_pid=

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
heap_within() { # name, -Xmx in MB, files...
  local name=$1 limit=$2; shift 2
  local factor
  factor=$(du -cb "$@" | tail -1 | awk -v l="$limit" '{printf "%.1f", l * 1048576 / $1}')
  if java -Xss16m -Xmx${limit}m -cp "$jar" org.mlirlink.bench.InProcessLink 0 1 "$@" >/dev/null 2>&1; then
    echo "$name: links within -Xmx${limit}m (${factor}x input): yes"
  else
    echo "$name: links within -Xmx${limit}m (${factor}x input): NO"
  fi
}
if $smoke; then
  # A heap a few times a 1 MB input is smaller than the JVM itself needs: check the harness only.
  heap_check "(smoke)" 64 "$out/blob_main_$blob_mb.mlir" "$out/blob_$blob_mb.mlir"
  heap_within "(smoke)" 64 "$out/main_${lib_n}_$lib_k.mlir" "$out/lib_$lib_n.mlir"
else
  heap_check "(a)" 4 "$out/main_${lib_n}_$lib_k.mlir" "$out/lib_$lib_n.mlir"
  heap_check "(b)" 2.5 "$out/blob_main_$blob_mb.mlir" "$out/blob_$blob_mb.mlir"
  heap_within "(a)" 32 "$out/main_${lib_n}_$lib_k.mlir" "$out/lib_$lib_n.mlir"
  heap_within "(b)" 64 "$out/blob_main_$blob_mb.mlir" "$out/blob_$blob_mb.mlir"
fi
