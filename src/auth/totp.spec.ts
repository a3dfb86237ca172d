import { Secret, TOTP } from 'otpauth';
import {
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUrl,
  totpStep,
} from 'src/auth/totp';

const codeAt = (secret: string, at: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

describe('totp', () => {
  const secret = newTotpSecret();
  const at = Date.UTC(2026, 0, 1, 12, 0, 15);
  const step = Math.floor(at / 30_000);

  it('makes a 160-bit secret and an otpauth URL for it', () => {
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    const url = new URL(otpauthUrl(secret, 'ada@acme.test'));

    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Patchworks');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toBe('/Patchworks:ada@acme.test');
  });

  it('accepts a code of the current step and of one step either side, naming its step', () => {
    expect(totpStep(secret, codeAt(secret, at), new Date(at))).toBe(step);
    expect(totpStep(secret, codeAt(secret, at - 30_000), new Date(at))).toBe(step - 1);
    expect(totpStep(secret, codeAt(secret, at + 30_000), new Date(at))).toBe(step + 1);
  });

  it('refuses codes two steps away, of another secret, or not six digits', () => {
    expect(totpStep(secret, codeAt(secret, at - 60_000), new Date(at))).toBeNull();
    expect(totpStep(secret, codeAt(secret, at + 60_000), new Date(at))).toBeNull();
    expect(totpStep(secret, codeAt(newTotpSecret(), at), new Date(at))).toBeNull();
    expect(totpStep(secret, ` ${codeAt(secret, at)}`, new Date(at))).toBeNull();
    expect(totpStep(secret, 'abcdef', new Date(at))).toBeNull();
  });

  it('makes distinct, readable recovery codes that survive retyping', () => {
    const codes = new Set(Array.from({ length: 200 }, newRecoveryCode));

    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
    }
    expect(normalizeRecoveryCode(' K7DM-qx2p 9hta ')).toBe('k7dmqx2p9hta');
  });
});
