import { Injectable } from '@nestjs/common';
import { TOKEN_TTL_SECONDS } from 'src/auth/token.service';
import { SecretBox } from 'src/common/crypto/secret-box';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { SsoSignIn } from 'src/sso/entities/sso-sign-in.entity';
import { LessThan, MoreThan } from 'typeorm';

/** A sign-in lives as long as the login token it led to. */
export const SIGN_IN_TTL_MS = TOKEN_TTL_SECONDS * 1000;

export interface NewSignIn {
  providerId: string;
  userId: string;
  loginCodeId: string;
  idToken: string;
}

export interface EndedSignIn {
  userId: string;
  loginCodeId: string;
  idToken: string;
}

/** Finished SSO sign-ins, each named by a random handle whose hash is stored. */
@Injectable()
export class SsoSignInsStore {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
  ) {}

  /** Records a sign-in; returns its handle (the only copy), for the browser's cookie. */
  async create(input: NewSignIn): Promise<string> {
    const handle = randomToken();
    const now = Date.now();
    await this.db.repo(SsoSignIn).delete({ expiresAt: LessThan(new Date(now)) });
    await this.db.repo(SsoSignIn).insert({
      id: newId(),
      handleHash: hashToken(handle),
      providerId: input.providerId,
      userId: input.userId,
      loginCodeId: input.loginCodeId,
      idTokenSealed: this.secrets.seal(input.idToken),
      expiresAt: new Date(now + SIGN_IN_TTL_MS),
    });

    return handle;
  }

  /** Removes and returns the live sign-in a handle names through this provider, if any. */
  async take(handle: string, providerId: string): Promise<EndedSignIn | null> {
    const repo = this.db.repo(SsoSignIn);
    const found = await repo.findOneBy({
      handleHash: hashToken(handle),
      providerId,
      expiresAt: MoreThan(new Date()),
    });
    const deleted = found && (await repo.delete({ id: found.id }));
    if (!found || deleted?.affected !== 1) {
      return null;
    }

    return {
      userId: found.userId,
      loginCodeId: found.loginCodeId,
      idToken: this.secrets.open(found.idTokenSealed),
    };
  }
}
