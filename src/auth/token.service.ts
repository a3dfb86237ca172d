import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from 'src/config/app-config';

export const TOKEN_TTL_SECONDS = 86400;
const AUDIENCE = 'patchworks-identity';

export interface TokenClaims {
  userId: string;
  sessionId: string;
}

/** Login tokens: HS256 JWTs naming a session row, so revocation is a database fact. */
@Injectable()
export class TokenService {
  constructor(private readonly config: AppConfig) {}

  sign(claims: TokenClaims, expiresAt: Date): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.config.publicUrl)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.config.tokenSecret);
  }

  /** The claims of a valid token, or null for anything forged, expired or malformed. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.config.tokenSecret, {
        algorithms: ['HS256'],
        issuer: this.config.publicUrl,
        audience: AUDIENCE,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        return null;
      }

      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        return null;
      }
      throw error;
    }
  }
}
