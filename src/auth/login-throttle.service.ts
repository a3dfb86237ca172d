import { Injectable } from '@nestjs/common';
import { ErrorCode } from 'src/common/errors/error-codes';
import { RequestContext } from 'src/common/http/request-context';
import {
  RateLimiter,
  RateLimitRule,
  tooManyRequests,
} from 'src/common/rate-limit/rate-limiter.service';
import { normalizeEmail } from 'src/users/users.service';

/** api.md: 10 failures in 15 minutes lock the account's password sign-in for 15 minutes. */
const FAILURES: RateLimitRule = { limit: 10, windowSeconds: 15 * 60 };
const LOCK: RateLimitRule = { limit: 1, windowSeconds: 15 * 60 };
/** How long a source (account, IP) stays known after a sign-in or a reset from it. */
const KNOWN: RateLimitRule = { limit: 1, windowSeconds: 30 * 24 * 60 * 60 };

const Bucket = {
  AccountFailures: 'signin-failures',
  AccountLock: 'signin-lock',
  SourceFailures: 'signin-source-failures',
  SourceLock: 'signin-source-lock',
  KnownSource: 'signin-known-source',
} as const;

/**
 * Per-account brute-force limits on password sign-in (and the codes of its second step).
 *
 * Failures count per account (the email, known or not, so the answer reveals nothing) and per
 * source (account + client IP). 10 failures lock the account for 15 minutes, and 10 from one
 * source lock that source. The account lock does not apply to a known source: one this account
 * signed in from in the last 30 days, or used a reset link from. So an attacker can keep the
 * account locked for strangers, but never keep its owner out: the owner signs in from a usual
 * place, or proves the mailbox with a reset link and signs in from there; Google sign-in is
 * never locked. A known source that fails 10 times is locked like any other.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly limiter: RateLimiter) {}

  /** @throws AppError ACCOUNT_LOCKED (429, Retry-After) while the account or source is locked. */
  async assertAllowed(email: string): Promise<void> {
    const { account, source } = this.subjects(email);
    const [sourceLock, accountLock, known] = await Promise.all([
      this.limiter.peek(Bucket.SourceLock, source),
      this.limiter.peek(Bucket.AccountLock, account),
      this.limiter.peek(Bucket.KnownSource, source),
    ]);
    const lock = sourceLock ?? (known ? null : accountLock);
    if (lock) {
      throw tooManyRequests(
        lock.resetAt,
        'Too many failed sign-in attempts; try again later or reset your password',
        ErrorCode.AccountLocked,
      );
    }
  }

  /** Counts a failed attempt; true when this failure locked the account. */
  async recordFailure(email: string): Promise<boolean> {
    const { account, source } = this.subjects(email);
    const [accountFailures, sourceFailures] = await Promise.all([
      this.limiter.hit(Bucket.AccountFailures, account, FAILURES),
      this.limiter.hit(Bucket.SourceFailures, source, FAILURES),
    ]);
    if (sourceFailures.remaining === 0) {
      await this.limiter.hit(Bucket.SourceLock, source, LOCK);
    }
    if (accountFailures.remaining > 0) {
      return false;
    }
    const lock = await this.limiter.hit(Bucket.AccountLock, account, LOCK);

    return !lock.isExceeded;
  }

  /** A completed sign-in: the source's failures are forgiven and it becomes known. */
  async recordSuccess(email: string): Promise<void> {
    const { source } = this.subjects(email);
    await this.limiter.reset(Bucket.SourceFailures, source);
    await this.markKnown(source);
  }

  /** A used reset link proves the mailbox: its source is unlocked and known. */
  async recordProvenSource(email: string): Promise<void> {
    const { source } = this.subjects(email);
    await this.limiter.reset(Bucket.SourceFailures, source);
    await this.limiter.reset(Bucket.SourceLock, source);
    await this.markKnown(source);
  }

  private async markKnown(source: string): Promise<void> {
    // restart the window so the 30 days count from the latest success
    await this.limiter.reset(Bucket.KnownSource, source);
    await this.limiter.hit(Bucket.KnownSource, source, KNOWN);
  }

  private subjects(email: string): { account: string; source: string } {
    const account = normalizeEmail(email);
    const ip = RequestContext.current()?.ip ?? 'unknown';

    return { account, source: `${account}|${ip}` };
  }
}
