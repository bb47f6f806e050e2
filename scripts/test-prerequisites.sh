#!/usr/bin/env bash
# Before `npm test`: the suite needs a PostgreSQL server on 127.0.0.1:5432 and Debian's Chromium for
# the browser tests. On a fresh machine of this project's kind, start / install them when possible;
# otherwise say exactly what is missing. Skipped parts are named, never hidden.
set -u

engines="${KOERS_TEST_ENGINES:-sqlite,postgres}"

if [[ "$engines" == *postgres* ]]; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      echo "test prerequisites: starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
      for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "test prerequisites: no PostgreSQL server on 127.0.0.1:5432 (trust auth). Start one, or run KOERS_TEST_ENGINES=sqlite npm test." >&2
    exit 1
  fi
fi

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test prerequisites: installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    echo "test prerequisites: the browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)." >&2
    exit 1
  fi
fi
exit 0
