import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import pino from 'pino';
import 'reflect-metadata';
import { AppModule } from 'src/app.module';
import { SupportAccountsService } from 'src/auth/support-accounts.service';
import { AppError } from 'src/common/errors/app-error';
import { JsonLogger } from 'src/common/logging/json-logger';
import { AppConfig } from 'src/config/app-config';

/** Where the command writes: its result to `out`, problems to `err`. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = 'usage: npm run cli -- support:create --email <email> --password <password>';

function describe(error: AppError): string {
  const details = (error.options.errors ?? []).map((e) => `\n  - ${e.field} ${e.message}`);

  return `error: ${error.message}${details.join('')}`;
}

function parseSupportCreate(args: string[]): { email: string; password: string } | null {
  try {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, password: { type: 'string' } },
      strict: true,
    });

    return values.email && values.password
      ? { email: values.email, password: values.password }
      : null;
  } catch {
    return null;
  }
}

/**
 * The operators' command line, run against the service's own DATABASE_URL (migrations run
 * first). Returns the exit code: 0 done, 1 refused, 2 usage.
 */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CliOutput,
): Promise<number> {
  const [command, ...args] = argv;
  const input = command === 'support:create' ? parseSupportCreate(args) : null;
  if (!input) {
    output.err(USAGE);

    return 2;
  }
  const config = new AppConfig(env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new JsonLogger(config.logLevel, pino.destination(2)),
  });
  try {
    const user = await app.get(SupportAccountsService).create(input.email, input.password);
    output.out(`Created support account ${user.email} (${user.id})`);

    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      output.err(describe(error));

      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
