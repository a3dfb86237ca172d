import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from 'src/app.factory';
import { JsonLogger } from 'src/common/logging/json-logger';
import { AppConfig } from 'src/config/app-config';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';

export interface TestApp {
  app: NestExpressApplication;
  /** The app's origin, e.g. http://127.0.0.1:41234 */
  url: string;
  config: AppConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Receives every log line (JSON) when given; pair with LOG_LEVEL to choose how many. */
  logs?: string[];
}

/**
 * Boots the whole service on a loopback port over a database of its own, with migrations run
 * as in production. `env` overrides any variable; pass `database` to share one between apps.
 * The app listens on PORT when it is set (so PUBLIC_URL can name it), else on a free port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  shared?: TestDatabase,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = shared ?? (await createTestDatabase());
  const config = new AppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    TOKEN_SECRET: 'test-token-secret-0123456789abcdef0123456789',
    ENCRYPTION_KEYS: `test1:${randomBytes(32).toString('base64')}`,
    BREACHED_PASSWORDS_URL: '',
    // suites send hundreds of requests a minute per company; the budget's own test sets it low
    API_RATE_LIMIT_PER_COMPANY: '1000000',
    DEMO: 'false',
    PORT: '0',
    ...env,
  });
  const logs = options.logs;
  const sink = logs
    ? new Writable({
        write(chunk: Buffer, _encoding, done) {
          logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      })
    : undefined;
  const app = await createApp(config, new JsonLogger(config.logLevel, sink));
  await app.listen(config.port, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    database,
    close: async () => {
      await app.close();
      if (!shared) {
        await database.drop();
      }
    },
  };
}
