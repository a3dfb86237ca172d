import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from 'src/config/app-config';

const FORMAT = 'v1';

/**
 * AES-256-GCM for secrets that must be read back (IdP client secrets, TOTP secrets). The sealed
 * form names its key id, so keys rotate: new values use the first key of ENCRYPTION_KEYS, and
 * values sealed with any listed key still open.
 */
@Injectable()
export class SecretBox {
  constructor(private readonly config: AppConfig) {}

  seal(plaintext: string): string {
    const { id, key } = this.config.currentEncryptionKey;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${FORMAT}:${id}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));

    return [FORMAT, id, ...parts].join(':');
  }

  /** @throws Error when the value was not sealed by a listed key or has been altered. */
  open(sealed: string): string {
    const [format, id, iv, tag, body] = sealed.split(':');
    const entry = this.config.encryptionKeys.find((k) => k.id === id);
    if (format !== FORMAT || !entry || !iv || !tag || body === undefined) {
      throw new Error(`Cannot open a secret sealed with unknown key ${id}`);
    }
    const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${FORMAT}:${id}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));

    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** True when the value was sealed with a key other than the current one. */
  needsResealing(sealed: string): boolean {
    return sealed.split(':')[1] !== this.config.currentEncryptionKey.id;
  }
}
