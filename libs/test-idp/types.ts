/** The vendor an OpenID Provider tenant imitates: its issuer shape, routes and claims. */
export type TenantType = 'pingone' | 'okta' | 'entra';

/**
 * A way for a tenant to break the protocol on purpose, so security tests can prove the RP refuses
 * it. ID token misbehaviours apply to every ID token the token endpoint returns (code and refresh
 * grants) until cleared with `setMisbehaviour(null)`.
 */
export type Misbehaviour =
  | { kind: 'wrong-issuer' }
  | { kind: 'wrong-audience' }
  | { kind: 'wrong-nonce' }
  | { kind: 'expired' }
  | { kind: 'bad-signature' }
  | { kind: 'unsigned' }
  | { kind: 'hmac' }
  | { kind: 'userinfo-other-sub' }
  | { kind: 'missing-azp-multi-aud' }
  | { kind: 'future-iat' };

export type MisbehaviourKind = Misbehaviour['kind'];

/** A confidential client that authenticates with `client_secret_post`. */
export interface TestClient {
  clientId: string;
  clientSecret: string;
  postLogoutRedirectUris?: string[];
  redirectUris: string[];
}

/** A person who can sign in; `login` on the form matches `email` (any case) or `sub`. */
export interface TestUser {
  email: string;
  emailVerified?: boolean;
  familyName?: string;
  givenName?: string;
  password: string;
  /** Profile picture URL, sent as `picture` (Google's avatar) by the PingOne and Okta shapes. */
  picture?: string;
  sub: string;
}

export interface AddTenantOptions {
  /** Skip the login form when the request carries a `login_hint` naming a known user. */
  autoLogin?: boolean;
  /** PingOne environment id, Okta org prefix or Entra tenant GUID; generated when absent. */
  id?: string;
  type: TenantType;
}

export interface TestTenant {
  /** What an administrator pastes as the provider's base URL (PingOne env, Okta org, Entra authority). */
  readonly baseUrl: string;
  readonly discoveryUrl: string;
  readonly id: string;
  readonly issuer: string;
  readonly type: TenantType;
  /** @throws Error when the client id is already registered on this tenant. */
  addClient(client: TestClient): void;
  /** @throws Error when the sub is already registered on this tenant. */
  addUser(user: TestUser): void;
  /**
   * Signs with a fresh key from now on. The JWKS keeps the previous key (so old ID tokens still
   * work as `id_token_hint`), but a JWKS cached before the call cannot verify new tokens.
   */
  rotateKeys(): Promise<void>;
  setAutoLogin(isEnabled: boolean): void;
  setMisbehaviour(misbehaviour: Misbehaviour | null): void;
}

export interface TestIdp {
  /** Origin of the server, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** @throws Error when the id is malformed for the type or already taken on this server. */
  addTenant(options: AddTenantOptions): Promise<TestTenant>;
  close(): Promise<void>;
}

export interface StartTestIdpOptions {
  /** Port on 127.0.0.1; a random free one when absent. */
  port?: number;
}
