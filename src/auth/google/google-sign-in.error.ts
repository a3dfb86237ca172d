/** Why a Google sign-in failed; the dashboard gets it as `/login?error=<code>`. */
export type GoogleFailure =
  | 'access_denied'
  | 'invalid_state'
  | 'invalid_request'
  | 'idp_unavailable'
  | 'token_exchange_failed'
  | 'invalid_id_token'
  | 'email_not_verified'
  | 'google_not_registered'
  | 'google_account_mismatch'
  | 'google_account_in_use'
  | 'registration_invalid'
  | 'registration_email_mismatch'
  | 'email_taken'
  | 'account_inactive';

/** A refused Google sign-in: the code is for the browser, the message and cause for the log. */
export class GoogleSignInError extends Error {
  constructor(
    readonly failure: GoogleFailure,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'GoogleSignInError';
  }
}
