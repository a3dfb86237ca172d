import type { Request } from 'express';
import { Principal } from 'src/common/auth/principal';

/**
 * Resolves a request's credentials to a principal. Declared here and provided by the auth
 * module, so the guard in common/ needs no import from a feature module.
 */
export interface Authenticator {
  /** Null when the request carries no credentials; throws AppError when they are invalid. */
  authenticate(req: Request): Promise<Principal | null>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
