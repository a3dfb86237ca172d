import { generateSigningKey, type SigningKey } from 'libs/test-idp/keys';
import { handleInteraction } from 'libs/test-idp/login.interaction';
import { confirmLogout } from 'libs/test-idp/logout.confirm';
import { MemoryStore } from 'libs/test-idp/memory.adapter';
import type { OidcProviderModule, ProviderInstance } from 'libs/test-idp/oidc-provider.loader';
import { createProvider, type TenantRuntime } from 'libs/test-idp/provider.factory';
import { LOGOUT_CONFIRM_PATH } from 'libs/test-idp/provider.middleware';
import type { Misbehaviour, TestClient, TestTenant, TestUser } from 'libs/test-idp/types';
import type { VendorShape } from 'libs/test-idp/vendors';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdapterPayload } from 'oidc-provider';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** One vendor-shaped OP mounted on the shared server; see `TestTenant` for the public contract. */
export class TenantHost implements TestTenant {
  private readonly clients = new Map<string, TestClient>();
  private isAutoLogin: boolean;
  // newest first: oidc-provider signs with the first key, the others stay in the JWKS
  private keys: SigningKey[] = [];
  private misbehaviour: Misbehaviour | null = null;
  private provider: ProviderInstance | undefined;
  private providerHandler: Handler | undefined;
  private readonly runtime: TenantRuntime;
  private readonly users = new Map<string, TestUser>();

  private constructor(
    private readonly oidc: OidcProviderModule,
    private readonly shape: VendorShape,
    private readonly origin: string,
    isAutoLogin: boolean,
  ) {
    this.isAutoLogin = isAutoLogin;
    this.runtime = this.createRuntime();
  }

  static async create(
    oidc: OidcProviderModule,
    shape: VendorShape,
    origin: string,
    isAutoLogin: boolean,
  ): Promise<TenantHost> {
    const tenant = new TenantHost(oidc, shape, origin, isAutoLogin);
    await tenant.rotateKeys();

    return tenant;
  }

  get baseUrl(): string {
    return this.shape.baseUrl;
  }

  get discoveryUrl(): string {
    return `${this.shape.issuer}/.well-known/openid-configuration`;
  }

  get id(): string {
    return this.shape.id;
  }

  get issuer(): string {
    return this.shape.issuer;
  }

  get mountPath(): string {
    return this.shape.mountPath;
  }

  get type(): TestTenant['type'] {
    return this.shape.type;
  }

  addClient(client: TestClient): void {
    if (this.clients.has(client.clientId)) {
      throw new Error(`Client ${client.clientId} already exists on tenant ${this.id}`);
    }

    this.clients.set(client.clientId, { ...client });
  }

  addUser(user: TestUser): void {
    if (this.users.has(user.sub)) {
      throw new Error(`User ${user.sub} already exists on tenant ${this.id}`);
    }

    this.users.set(user.sub, { ...user });
  }

  async rotateKeys(): Promise<void> {
    const key = await generateSigningKey();
    this.keys = [key, ...this.keys.slice(0, 1)];

    // jwks is fixed at construction; the store and cookie keys carry sessions over
    this.provider = createProvider(this.oidc, this.runtime);
    this.providerHandler = this.provider.callback();
  }

  setAutoLogin(isEnabled: boolean): void {
    this.isAutoLogin = isEnabled;
  }

  setMisbehaviour(misbehaviour: Misbehaviour | null): void {
    this.misbehaviour = misbehaviour;
  }

  /** Does this tenant answer `pathname`? Returns the matched prefix length, or 0. */
  matchLength(pathname: string): number {
    if (pathname === this.shape.discoveryAlias) {
      return pathname.length;
    }
    const mount = this.shape.mountPath;

    return pathname === mount || pathname.startsWith(`${mount}/`) ? mount.length : 0;
  }

  /** Serves one request whose path `matchLength` accepted. Never rejects. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    try {
      await this.route(req, res, pathname);
    } catch (error) {
      if (!res.headersSent) {
        const status = (error as { status?: unknown }).status;
        res.statusCode = typeof status === 'number' ? status : 500;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      }
      res.end(error instanceof Error ? error.message : 'Internal error');
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const { provider, providerHandler } = this;
    if (!provider || !providerHandler) {
      throw new Error(`Tenant ${this.id} has no provider yet`);
    }

    const local = pathname.slice(this.shape.mountPath.length);
    if (local.startsWith('/interaction/')) {
      return handleInteraction(req, res, provider, {
        findByLogin: (login) => this.findByLogin(login),
        isAutoLogin: () => this.isAutoLogin,
      });
    }
    if (local === LOGOUT_CONFIRM_PATH && req.method === 'GET') {
      return confirmLogout(req, res, this.logoutConfirmUrl());
    }

    return providerHandler(this.mount(req), res);
  }

  // what express's app.use(mountPath, …) does; oidc-provider reads the mount from originalUrl
  private mount(req: IncomingMessage): IncomingMessage {
    const url = req.url ?? '/';
    const { discoveryAlias, mountPath } = this.shape;
    const originalUrl =
      discoveryAlias && url.startsWith(discoveryAlias)
        ? `${mountPath}/.well-known/openid-configuration${url.slice(discoveryAlias.length)}`
        : url;

    return Object.assign(req, { originalUrl, url: originalUrl.slice(mountPath.length) || '/' });
  }

  private currentKey(): SigningKey {
    const [key] = this.keys;
    if (!key) {
      throw new Error(`Tenant ${this.id} has no signing key yet`);
    }

    return key;
  }

  private logoutConfirmUrl(): string {
    return `${this.origin}${this.shape.mountPath}${this.shape.routes.end_session}/confirm`;
  }

  private findByLogin(login: string): TestUser | undefined {
    const wanted = login.trim().toLowerCase();

    return (
      this.users.get(login) ??
      [...this.users.values()].find((user) => user.email.toLowerCase() === wanted)
    );
  }

  private createRuntime(): TenantRuntime {
    return {
      clientMetadata: (clientId) => this.clientMetadata(clientId),
      clientSecret: (clientId) => this.clients.get(clientId)?.clientSecret,
      cookieKeys: [randomBytes(32).toString('base64url')],
      currentMisbehaviour: () => this.misbehaviour,
      findUser: (sub) => this.users.get(sub),
      shape: this.shape,
      signingJwks: () => this.keys.map((key) => key.privateJwk),
      signingKey: () => this.currentKey().privateKey,
      store: new MemoryStore(),
    };
  }

  private clientMetadata(clientId: string): AdapterPayload | undefined {
    const client = this.clients.get(clientId);

    return (
      client && {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        grant_types: ['authorization_code', 'refresh_token'],
        post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
        redirect_uris: client.redirectUris,
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      }
    );
  }
}
