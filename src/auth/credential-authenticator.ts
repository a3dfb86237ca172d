import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { API_KEY_PREFIX, ApiKeysService } from 'src/auth/api-keys.service';
import { TokenAuthenticator } from 'src/auth/token-authenticator';
import { Authenticator } from 'src/common/auth/authenticator';
import { Principal } from 'src/common/auth/principal';

// api.md: a key is sent as `Authorization: <key>` or `Authorization: Bearer <key>`
const API_KEY = new RegExp(`^(?:bearer\\s+)?(${API_KEY_PREFIX}\\S+)$`, 'i');

/**
 * The service's AUTHENTICATOR: dispatches on the credential's shape to the API keys or to
 * login tokens, each of which checks its credential against the database on every request.
 */
@Injectable()
export class CredentialAuthenticator implements Authenticator {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly tokens: TokenAuthenticator,
  ) {}

  async authenticate(req: Request): Promise<Principal | null> {
    const key = API_KEY.exec(req.header('authorization')?.trim() ?? '')?.[1];
    if (key) {
      return this.apiKeys.authenticate(key);
    }

    return this.tokens.authenticate(req);
  }
}
