import { randomBytes } from 'node:crypto';
import { SecretBox } from 'src/common/crypto/secret-box';
import { AppConfig } from 'src/config/app-config';

const key = () => randomBytes(32).toString('base64');
const configWith = (keys: string) =>
  new AppConfig({ TOKEN_SECRET: 'x'.repeat(32), ENCRYPTION_KEYS: keys });

describe(SecretBox.name, () => {
  const old = `old:${key()}`;
  const current = `new:${key()}`;

  it('round-trips, and never stores the plaintext or repeats a ciphertext', () => {
    const sut = new SecretBox(configWith(current));
    const a = sut.seal('client-secret-value');
    const b = sut.seal('client-secret-value');

    expect(sut.open(a)).toBe('client-secret-value');
    expect(a).not.toContain('client-secret-value');
    expect(a).not.toBe(b);
  });

  it('opens values sealed with an older listed key, and reports them for resealing', () => {
    const sealedWithOld = new SecretBox(configWith(old)).seal('s3cret');
    const sut = new SecretBox(configWith(`${current},${old}`));

    expect(sut.open(sealedWithOld)).toBe('s3cret');
    expect(sut.needsResealing(sealedWithOld)).toBe(true);
    expect(sut.needsResealing(sut.seal('s3cret'))).toBe(false);
  });

  it('refuses an unknown key and a tampered value', () => {
    const sealed = new SecretBox(configWith(old)).seal('s3cret');
    const sut = new SecretBox(configWith(current));
    expect(() => sut.open(sealed)).toThrow(/unknown key old/);

    const own = new SecretBox(configWith(old));
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => own.open(parts.join(':'))).toThrow();
  });
});
