import { Injectable } from '@nestjs/common';
import { Session } from 'src/auth/entities/session.entity';
import { TOKEN_TTL_SECONDS, TokenService } from 'src/auth/token.service';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { IsNull, MoreThan } from 'typeorm';

export interface IssuedToken {
  token: string;
  expires_in: number;
}

export interface IssuedSession extends IssuedToken {
  sessionId: string;
}

export interface SessionView {
  id: string;
  userId: string;
  actingCompanyId: string;
  tokenVersion: number;
}

/** The user a session is issued for: its token version ties the session to the credentials. */
export interface SessionSubject {
  id: string;
  tokenVersion: number;
}

/** Issues and revokes login sessions; a token is valid only while its session row is. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
  ) {}

  async issue(user: SessionSubject, actingCompanyId: string, method: string): Promise<IssuedToken> {
    const { token, expires_in } = await this.issueSession(user, actingCompanyId, method);

    return { token, expires_in };
  }

  /** As `issue`, also naming the session, for flows that must end it later (SSO logout). */
  async issueSession(
    user: SessionSubject,
    actingCompanyId: string,
    method: string,
  ): Promise<IssuedSession> {
    const expiresAt = new Date(Date.now() + TOKEN_TTL_SECONDS * 1000);
    const session = {
      id: newId(),
      userId: user.id,
      tokenVersion: user.tokenVersion,
      actingCompanyId,
      method,
      expiresAt,
      revokedAt: null,
    };
    await this.db.repo(Session).insert(session);
    const token = await this.tokens.sign({ userId: user.id, sessionId: session.id }, expiresAt);

    return { sessionId: session.id, token, expires_in: TOKEN_TTL_SECONDS };
  }

  /** The live session a token names, or null when it is unknown, revoked or expired. */
  async findLive(token: string): Promise<SessionView | null> {
    const claims = await this.tokens.verify(token);
    if (!claims) {
      return null;
    }
    const session = await this.db.repo(Session).findOneBy({
      id: claims.sessionId,
      userId: claims.userId,
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });

    return session
      ? {
          id: session.id,
          userId: session.userId,
          actingCompanyId: session.actingCompanyId,
          tokenVersion: session.tokenVersion,
        }
      : null;
  }

  /**
   * Moves one session to the user's new token version, so it outlives a credential change that
   * ended every other session.
   */
  async adoptTokenVersion(sessionId: string, tokenVersion: number): Promise<void> {
    await this.db.repo(Session).update({ id: sessionId, revokedAt: IsNull() }, { tokenVersion });
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db
      .repo(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
