#!/usr/bin/env bash
# Generates a migration named $1 for both dialects from the difference between the entities and
# a database migrated to the latest committed migration, then rewrites each dialect's index.ts.
# Needs a MySQL/MariaDB server: MYSQL_ADMIN_URL (default mariadb://root@127.0.0.1:3306).
set -euo pipefail
name=${1:?usage: npm run migration:generate -- <Name>}
cd "$(dirname "$0")/.."
admin=${MYSQL_ADMIN_URL:-mariadb://root@127.0.0.1:3306}
tmp=$(mktemp -d)
db="gen_$(date +%s)_$$"
trap 'rm -rf "$tmp"; node scripts/mysql-admin.js "$admin" "DROP DATABASE IF EXISTS $db" || true' EXIT

bash scripts/write-migration-indexes.sh
npx nest build >/dev/null
generate() { # dialect url
  DATABASE_URL=$2 npx typeorm migration:run -d dist/ormconfig.js >/dev/null
  DATABASE_URL=$2 npx typeorm migration:generate -p "src/database/migrations/$1/$name" \
    -d dist/ormconfig.js || true
}
generate sqlite "sqlite:$tmp/gen.sqlite"
node scripts/mysql-admin.js "$admin" "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
generate mysql "${admin%/}/$db"
bash scripts/write-migration-indexes.sh

echo "Generated $name for sqlite and mysql; review both files before committing."
