import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from 'src/config/app-config';

/** What the range service says of a password; `unavailable` when it could not be asked. */
export type BreachStatus = 'breached' | 'not_found' | 'unavailable' | 'not_checked';

/**
 * How often a SHA-1 suffix appears in a range response (`SUFFIX:COUNT` lines). Padding lines,
 * added so the response size says nothing about the prefix, carry a count of 0 and never match.
 */
export function breachCount(rangeBody: string, suffix: string): number {
  const wanted = suffix.toUpperCase();
  for (const line of rangeBody.split(/\r?\n/)) {
    const [candidate, count] = line.trim().split(':');
    if (candidate?.toUpperCase() === wanted) {
      const n = Number(count);

      return Number.isInteger(n) && n > 0 ? n : 0;
    }
  }

  return 0;
}

/**
 * The k-anonymity range protocol (haveibeenpwned's): only the first 5 hex characters of the
 * password's SHA-1 leave the process, as `<BREACHED_PASSWORDS_URL><prefix>`, and the response's
 * suffixes are compared here. Off when the URL is empty.
 */
@Injectable()
export class BreachedPasswordsClient {
  private readonly logger = new Logger(BreachedPasswordsClient.name);

  constructor(private readonly config: AppConfig) {}

  async check(password: string): Promise<BreachStatus> {
    const url = this.config.breachedPasswordsUrl;
    if (!url) {
      return 'not_checked';
    }
    const sha1 = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
    const prefix = sha1.slice(0, 5);
    try {
      const res = await fetch(`${url}${prefix}`, {
        headers: { 'add-padding': 'true', 'user-agent': 'patchworks-identity' },
        signal: AbortSignal.timeout(this.config.breachedPasswordsTimeoutMs),
      });
      if (!res.ok) {
        this.logger.warn(`The breached-password range service answered ${res.status}`);

        return 'unavailable';
      }

      return breachCount(await res.text(), sha1.slice(5)) > 0 ? 'breached' : 'not_found';
    } catch (error) {
      this.logger.warn(`The breached-password range service is unreachable: ${String(error)}`);

      return 'unavailable';
    }
  }
}
