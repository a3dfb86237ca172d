import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { AppConfig } from 'src/config/app-config';

/** Access tokens of machine clients live an hour; the client gets a new one with its secret. */
export const MACHINE_TOKEN_TTL_SECONDS = 3600;
// RFC 9068: JWT access tokens are typed at+jwt; the audience differs from login tokens', so
// neither kind of token is ever taken for the other
const TYPE = 'at+jwt';
const AUDIENCE = 'patchworks-identity/machine';

/**
 * Access tokens of the client-credentials grant: HS256 JWTs naming the client. A token is
 * honoured only while its client exists (checked on each request), so deleting the client
 * stops its tokens at once.
 */
@Injectable()
export class MachineTokenService {
  constructor(private readonly config: AppConfig) {}

  /** True when the token is shaped as a machine access token (says nothing of validity). */
  static isMachineToken(token: string): boolean {
    try {
      return decodeProtectedHeader(token).typ === TYPE;
    } catch {
      return false;
    }
  }

  sign(client: { id: string; clientId: string }): Promise<string> {
    return new SignJWT({ client_id: client.clientId })
      .setProtectedHeader({ alg: 'HS256', typ: TYPE })
      .setSubject(client.id)
      .setIssuer(this.config.publicUrl)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${MACHINE_TOKEN_TTL_SECONDS}s`)
      .sign(this.config.tokenSecret);
  }

  /** The id of the client a valid token names, or null for anything forged or expired. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.config.tokenSecret, {
        algorithms: ['HS256'],
        typ: TYPE,
        issuer: this.config.publicUrl,
        audience: AUDIENCE,
      });

      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        return null;
      }
      throw error;
    }
  }
}
