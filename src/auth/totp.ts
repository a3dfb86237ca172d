import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const ISSUER = 'Patchworks';
/** RFC 4226 §4: at least 128 bits of secret, 160 recommended. */
const SECRET_BYTES = 20;

/** Lower-case letters and digits that cannot be misread (no i, l, o, 0, 1). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_GROUPS = 3;
const RECOVERY_GROUP_LENGTH = 4;

export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/...` URL an authenticator app reads from the QR code. */
export function otpauthUrl(secret: string, accountName: string): string {
  return new TOTP({ ...PARAMS, issuer: ISSUER, label: accountName, secret }).toString();
}

/**
 * The time step a code belongs to, when it is valid at `at` within ±1 step (clock drift), else
 * null. Callers accept the step only if it is later than the last one used (replay).
 */
export function totpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) {
    return null;
  }
  const timestamp = at.getTime();
  const delta = TOTP.validate({
    ...PARAMS,
    secret: Secret.fromBase32(secret),
    token: code,
    timestamp,
    window: 1,
  });

  return delta === null ? null : TOTP.counter({ period: PARAMS.period, timestamp }) + delta;
}

/** A recovery code as shown once to the user, e.g. `k7dm-qx2p-9hta` (about 59 bits). */
export function newRecoveryCode(): string {
  return Array.from({ length: RECOVERY_GROUPS }, () =>
    Array.from(
      { length: RECOVERY_GROUP_LENGTH },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join(''),
  ).join('-');
}

/** Case, spaces and dashes do not matter when a recovery code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}
