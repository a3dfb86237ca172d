// Runs one SQL statement against a MySQL/MariaDB server: node scripts/mysql-admin.js URL SQL.
// Used by the migration and test scripts, which must not depend on a mysql client binary.
const mysql = require('mysql2/promise');

async function main() {
  const [url, sql] = process.argv.slice(2);
  const uri = url.replace(/^mariadb:/, 'mysql:');
  const connection = await mysql.createConnection({ uri, connectTimeout: 3000 });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
