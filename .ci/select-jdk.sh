# Sourced by .ci/run and deploy/local/run: exports JAVA_HOME pointing at a JDK >= 21.
# Honours an existing JAVA_HOME if it is new enough, then looks under /usr/lib/jvm (newest first).

java_major() { # prints the major version of the java binary in $1/bin, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 21 or newer found: set JAVA_HOME to one (checked \$JAVA_HOME and /usr/lib/jvm)." >&2
  return 1
}
