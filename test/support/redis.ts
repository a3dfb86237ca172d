import { spawnSync } from 'node:child_process';

/** The Redis the Redis-store tests use; these machines run one on the default port. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Jest collects tests synchronously, so reachability is checked in a child process.
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const s = require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)});
    s.setTimeout(1000, () => process.exit(1));
    s.on('connect', () => s.write('PING\\r\\n'));
    s.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1));
    s.on('error', () => process.exit(1));`;

  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

/**
 * `describe` for tests that need Redis. They are skipped, with a line saying why, only when Redis
 * does not answer and CI is not set; in CI (CI=true) they always run, and fail without Redis.
 */
export function describeWithRedis(name: string, fn: () => void): void {
  if (process.env.CI === 'true' || redisAnswers(TEST_REDIS_URL)) {
    describe(name, fn);

    return;
  }
  process.stderr.write(`SKIPPED "${name}": no Redis answers at ${TEST_REDIS_URL} (CI unset)\n`);
  describe.skip(name, fn);
}
