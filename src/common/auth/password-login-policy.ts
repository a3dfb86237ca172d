import { Role } from 'src/common/auth/principal';

/**
 * Whether a person must sign in through their company's identity provider instead of a
 * password. Declared here and provided by the sso module (through a global provider), so the
 * auth module asks without importing sso, and sso can use auth's services without a cycle.
 */
export interface PasswordLoginPolicy {
  /** The URL to sign in with instead, or null when a password is fine for this person. */
  ssoUrlFor(user: { companyId: string; role: Role }): Promise<string | null>;
}

export const PASSWORD_LOGIN_POLICY = Symbol('PASSWORD_LOGIN_POLICY');
