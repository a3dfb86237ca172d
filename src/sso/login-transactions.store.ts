import { Injectable } from '@nestjs/common';
import { SecretBox } from 'src/common/crypto/secret-box';
import { hashToken, randomToken, safeEqual } from 'src/common/crypto/tokens';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { SsoLoginTransaction } from 'src/sso/entities/sso-login-transaction.entity';
import { IsNull, LessThan, MoreThan } from 'typeorm';

export const LOGIN_TRANSACTION_TTL_MS = 10 * 60 * 1000;
// kept an hour past expiry so a late callback reads "expired" in the logs, then deleted
const RETENTION_MS = 60 * 60 * 1000;

export interface NewLoginTransaction {
  providerId: string;
  nonce: string;
  codeVerifier: string;
  bindingHash: string;
  target: string | null;
}

export interface LoginTransaction {
  providerId: string;
  nonce: string;
  codeVerifier: string;
  target: string | null;
}

export type ConsumeResult =
  | { transaction: LoginTransaction }
  | { refusal: 'unknown' | 'used_or_expired' | 'other_provider' | 'other_browser' };

/**
 * Login transactions in the database, keyed by the hash of their state handle: any process
 * can finish a login another began, and the handle alone is useless without the browser's
 * binding cookie.
 */
@Injectable()
export class LoginTransactionsStore {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
  ) {}

  /** Stores a transaction and returns its state handle (the only copy). */
  async create(input: NewLoginTransaction): Promise<string> {
    const handle = randomToken();
    const now = Date.now();
    const repo = this.db.repo(SsoLoginTransaction);
    await repo.delete({ expiresAt: LessThan(new Date(now - RETENTION_MS)) });
    await repo.insert({
      id: newId(),
      stateHash: hashToken(handle),
      providerId: input.providerId,
      nonce: input.nonce,
      codeVerifierSealed: this.secrets.seal(input.codeVerifier),
      bindingHash: input.bindingHash,
      target: input.target,
      expiresAt: new Date(now + LOGIN_TRANSACTION_TTL_MS),
      consumedAt: null,
    });

    return handle;
  }

  /**
   * Uses a transaction up, whatever happens next: the conditional update lets exactly one of
   * two racing callbacks have it. A transaction of another provider or browser is burnt too.
   */
  async consume(handle: string, providerId: string, bindingHash: string): Promise<ConsumeResult> {
    const repo = this.db.repo(SsoLoginTransaction);
    const found = await repo.findOneBy({ stateHash: hashToken(handle) });
    if (!found) {
      return { refusal: 'unknown' };
    }
    const claimed = await repo.update(
      { id: found.id, consumedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { consumedAt: new Date() },
    );
    if (claimed.affected !== 1) {
      return { refusal: 'used_or_expired' };
    }
    if (found.providerId !== providerId) {
      return { refusal: 'other_provider' };
    }
    if (!safeEqual(found.bindingHash, bindingHash)) {
      return { refusal: 'other_browser' };
    }

    return {
      transaction: {
        providerId: found.providerId,
        nonce: found.nonce,
        codeVerifier: this.secrets.open(found.codeVerifierSealed),
        target: found.target,
      },
    };
  }

  async deleteForProvider(providerId: string): Promise<void> {
    await this.db.repo(SsoLoginTransaction).delete({ providerId });
  }
}
