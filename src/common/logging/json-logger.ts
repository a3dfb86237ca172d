import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { RequestContext } from 'src/common/http/request-context';

/** Keys whose values never reach a log line, wherever they sit in a logged object. */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'current_password',
  'password_confirmation',
  'secret',
  'client_secret',
  'clientSecret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'idToken',
  'code',
  'code_verifier',
  'mfa_token',
  'recovery_code',
  'key',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.headers.${k}`]);

/**
 * The one logger behind Nest's `Logger`: JSON lines via pino, with the request's correlation id
 * and secrets redacted. Classes keep using `new Logger(Class.name)`.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(level: string, destination?: pino.DestinationStream) {
    this.pino = pino(
      {
        level,
        base: undefined,
        redact: { paths: redactPaths, censor: '[redacted]' },
        mixin: () => {
          const ctx = RequestContext.current();

          return ctx ? { correlation_id: ctx.correlationId } : {};
        },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes (message, ...optional, context) and for errors (message, stack, context). */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    for (const extra of rest) {
      if (typeof extra === 'string') {
        fields.stack = extra;
      } else if (extra instanceof Error) {
        fields.err = extra;
      } else if (extra && typeof extra === 'object') {
        Object.assign(fields, extra);
      }
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
