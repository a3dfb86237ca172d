import { SsoLoginFailure } from 'src/sso/sso.types';

/**
 * A refused SSO sign-in: `failure` is the stable code the dashboard and the audit entry get,
 * `reason` the detail for the logs. Neither ever holds a token, a code or a claim value.
 */
export class SsoLoginError extends Error {
  constructor(
    readonly failure: SsoLoginFailure,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${failure}: ${reason}`, options);
    this.name = 'SsoLoginError';
  }
}
