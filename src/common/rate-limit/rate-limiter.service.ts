import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import type { RateLimitStore, RateLimitWindow } from 'src/common/rate-limit/rate-limit.store';
import { RATE_LIMIT_STORE } from 'src/common/rate-limit/rate-limit.store';

/** At most `limit` hits in a fixed window of `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** Where a subject stands after a hit; enough for `RateLimit-*` and `Retry-After` headers. */
export interface RateLimitStatus {
  limit: number;
  remaining: number;
  resetAt: Date;
  isExceeded: boolean;
  /** Whole seconds until the window ends, at least 1. */
  retryAfterSeconds: number;
}

export function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

/** A 429 problem with `Retry-After`; `code` tells an account lock from a request rate. */
export function tooManyRequests(
  resetAt: Date,
  detail = 'Too many requests; try again later',
  code: ErrorCode = ErrorCode.RateLimited,
): AppError {
  const retryAfter = secondsUntil(resetAt);

  return new AppError(code, detail, {
    headers: { 'Retry-After': String(retryAfter) },
    extensions: { retry_after: retryAfter },
  });
}

/**
 * Counts hits per (bucket, subject) in the shared store. Subjects (an IP, an email, a company
 * id) are hashed into the key, so the store never holds them in clear. A store that cannot be
 * reached fails closed with 503: brute-force limits that vanish with Redis protect nothing.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);

  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  async hit(bucket: string, subject: string, rule: RateLimitRule): Promise<RateLimitStatus> {
    const window = await this.guarded(() =>
      this.store.increment(this.key(bucket, subject), rule.windowSeconds),
    );

    return {
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - window.hits),
      resetAt: window.resetAt,
      isExceeded: window.hits > rule.limit,
      retryAfterSeconds: secondsUntil(window.resetAt),
    };
  }

  /** The live window of (bucket, subject) without counting a hit; null when there is none. */
  peek(bucket: string, subject: string): Promise<RateLimitWindow | null> {
    return this.guarded(() => this.store.get(this.key(bucket, subject)));
  }

  reset(bucket: string, subject: string): Promise<void> {
    return this.guarded(() => this.store.delete(this.key(bucket, subject)));
  }

  private key(bucket: string, subject: string): string {
    return `${bucket}:${createHash('sha256').update(subject).digest('hex')}`;
  }

  private async guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.logger.error('The rate-limit store failed', error as Error);
      throw new AppError(ErrorCode.ServiceUnavailable, 'Please try again in a moment', {
        cause: error,
      });
    }
  }
}
