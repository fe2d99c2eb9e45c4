#!/usr/bin/env bash
# Writes the ahead-of-time cache bin/mlir-link starts with, when a JDK 25 or newer is installed:
# the classes a link loads, already parsed and linked, recorded by one training run of the command
# (C1 alone records no method profiles, so the cache holds none). Java 17 has nothing like it
# (only the class-data archive the build also writes), and the MoE link takes about a quarter less
# time on the cache.
#
#   aot-cache.sh JAR TRAINING-ARGUMENTS...
#
# writes JAR's name with .aot for .jar, and beside it NAME.aot.java, the java command that wrote
# it: a cache serves only the JVM that made it, so the launcher runs that one. The newest JDK of
# version 25 or more is taken from $JAVA_HOME and the usual JDK folders; MLIR_LINK_AOT_JDK=DIR
# names one, and MLIR_LINK_AOT_JDK=none writes no cache (the build and the launcher then use Java
# 17's archive alone, as on a machine without a newer JDK). Nothing found is no error.
set -euo pipefail
jar=$1
shift
aot="${jar%.jar}.aot"
rm -f -- "$aot" "$aot.java"

# The major version of the JDK in folder $1 (from its release file), or 0.
major() {
  local line
  line=$(grep -s '^JAVA_VERSION=' "$1/release") || { echo 0; return; }
  line=${line#JAVA_VERSION=\"}
  line=${line%%[.\"]*}
  [[ $line =~ ^[0-9]+$ ]] && echo "$line" || echo 0
}

if [[ -n ${MLIR_LINK_AOT_JDK:-} ]]; then
  [[ $MLIR_LINK_AOT_JDK == none ]] && exit 0
  candidates=("$MLIR_LINK_AOT_JDK")
else
  shopt -s nullglob
  candidates=(${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home)
fi
jdk= version=0
for dir in "${candidates[@]}"; do
  v=$(major "$dir")
  if ((v >= 25 && v > version)) && [[ -x $dir/bin/java ]]; then
    jdk=$(readlink -f "$dir") version=$v
  fi
done
if [[ -z $jdk ]]; then
  [[ -n ${MLIR_LINK_AOT_JDK:-} ]] && echo "warning: no JDK 25 or newer at $MLIR_LINK_AOT_JDK; no ahead-of-time cache written" >&2
  exit 0
fi

# The launcher's own flags: a cache is used only under the flags it was made with (a flag changed
# in one place and not the other shows in LauncherJvmTest, as classes no longer from the cache).
log="${jar%.jar}.aot.log"
if "$jdk/bin/java" -XX:AOTCacheOutput="$aot" -Xlog:aot=off -Xlog:cds=off \
  -XX:TieredStopAtLevel=1 -XX:Tier3BackEdgeThreshold=2000 -XX:+UseParallelGC \
  -XX:+UseTransparentHugePages -Xss16m -jar "$jar" "$@" >"$log" 2>&1 \
  && [[ -s $aot ]]; then
  echo "$jdk/bin/java" >"$aot.java"
  rm -f -- "$log"
else
  # A build on a JDK that cannot make the cache still works: the launcher falls back to Java 17.
  echo "warning: the ahead-of-time cache for $jdk could not be written (see $log)" >&2
  rm -f -- "$aot"
fi
