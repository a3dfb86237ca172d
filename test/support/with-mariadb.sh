#!/usr/bin/env bash
# Runs a command (the jest suite) with TEST_MYSQL_URL naming a MySQL/MariaDB server on which each
# test file creates and drops a database of its own. The server is, in order:
#   1. the one in DATABASE_URL, when that is a mysql:// URL;
#   2. the machine's MariaDB at 127.0.0.1:3306 (root, no password), when it answers;
#   3. a throwaway MariaDB from Debian's mariadb-server-core (installed with apt when missing),
#      in a temporary data directory on a free loopback port, stopped when the command ends.
set -euo pipefail
cd "$(dirname "$0")/../.."

answers() { node scripts/mysql-admin.js "$1" 'SELECT 1' >/dev/null 2>&1; }

if [[ "${DATABASE_URL:-}" =~ ^(mysql|mariadb):// ]]; then
  server=$(node -e 'const u=new URL(process.argv[1]);u.pathname="/";console.log(u.toString())' \
    "$DATABASE_URL")
elif answers mysql://root@127.0.0.1:3306/; then
  server=mariadb://root@127.0.0.1:3306/
else
  if ! command -v mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null; then
    echo "with-mariadb: installing mariadb-server-core for a throwaway server" >&2
    apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      mariadb-server-core mariadb-client-core >/dev/null
  fi
  dir=$(mktemp -d)
  port=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
  mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" \
    --pid-file="$dir/mysqld.pid" --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
    --user=root --log-error="$dir/error.log" --innodb-buffer-pool-size=64M >/dev/null 2>&1 &
  stop() {
    kill -TERM "$(cat "$dir/mysqld.pid" 2>/dev/null)" 2>/dev/null || true
    while [ -f "$dir/mysqld.pid" ] && kill -0 "$(cat "$dir/mysqld.pid")" 2>/dev/null; do sleep 0.1; done
    rm -rf "$dir"
  }
  trap stop EXIT
  server=mariadb://root@127.0.0.1:$port/
  for _ in $(seq 1 100); do answers "${server/#mariadb:/mysql:}" && break; sleep 0.2; done
  answers "${server/#mariadb:/mysql:}" || { cat "$dir/error.log" >&2; exit 1; }
  echo "with-mariadb: throwaway MariaDB on 127.0.0.1:$port" >&2
fi

export TEST_MYSQL_URL=$server
"$@"
