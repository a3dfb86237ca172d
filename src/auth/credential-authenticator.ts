import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { API_KEY_PREFIX, ApiKeysService } from 'src/auth/api-keys.service';
import { MachineTokenService } from 'src/auth/machine-token.service';
import { OAuthClientsService } from 'src/auth/oauth-clients.service';
import { TokenAuthenticator } from 'src/auth/token-authenticator';
import { Authenticator } from 'src/common/auth/authenticator';
import { Principal } from 'src/common/auth/principal';

// api.md: a key is sent as `Authorization: <key>` or `Authorization: Bearer <key>`
const API_KEY = new RegExp(`^(?:bearer\\s+)?(${API_KEY_PREFIX}\\S+)$`, 'i');
const BEARER = /^bearer\s+(\S+)$/i;

/**
 * The service's AUTHENTICATOR: dispatches on the credential's shape to the API keys, the
 * machine access tokens (JWTs typed at+jwt) or the login tokens, each of which checks its
 * credential against the database on every request.
 */
@Injectable()
export class CredentialAuthenticator implements Authenticator {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly oauthClients: OAuthClientsService,
    private readonly tokens: TokenAuthenticator,
  ) {}

  async authenticate(req: Request): Promise<Principal | null> {
    const header = req.header('authorization')?.trim() ?? '';
    const key = API_KEY.exec(header)?.[1];
    if (key) {
      return this.apiKeys.authenticate(key);
    }
    const bearer = BEARER.exec(header)?.[1];
    if (bearer && MachineTokenService.isMachineToken(bearer)) {
      return this.oauthClients.authenticateToken(bearer);
    }

    return this.tokens.authenticate(req);
  }
}
