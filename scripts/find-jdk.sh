# Sourced by ./verdict and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Looks at JAVA_HOME, then java on PATH, then the usual install folders; fails clearly if none.

verdict_java_major() {
  # prints the major version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

verdict_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  # VERDICT_JDK_DIRS (colon-separated folders that hold JDKs) replaces the usual install folders
  local roots=(/usr/lib/jvm /opt/java /opt /usr/local "$HOME"/.sdkman/candidates/java "$HOME"/.jdks) d root
  if [ -n "${VERDICT_JDK_DIRS:-}" ]; then IFS=: read -r -a roots <<<"$VERDICT_JDK_DIRS"; fi
  for root in "${roots[@]}"; do
    for d in "$root"/*; do
      [ -d "$d" ] && candidates+=("$d")
    done
  done
  local best="" best_major=0 major
  for d in "${candidates[@]}"; do
    major="$(verdict_java_major "$d")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$d"
      best_major="$major"
    fi
    # an explicit JAVA_HOME >= 21 wins over anything newer found later
    if [ -n "$best" ] && [ "$d" = "${JAVA_HOME:-}" ]; then break; fi
  done
  if [ -z "$best" ]; then
    echo "verdict: no JDK 21 or newer found (looked at JAVA_HOME, the PATH and ${roots[*]})." >&2
    echo "verdict: install one (e.g. Temurin 21+) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
