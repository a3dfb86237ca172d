import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CompanyTier } from 'src/common/auth/principal';
import { EnvSchema } from 'src/config/env.schema';
import { InvalidEnvironmentError, validateEnv } from 'src/config/validate-env';

export type DatabaseKind = 'sqlite' | 'mysql';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const DEV_SECRETS_FILE = 'data/dev-secrets.json';
const DEFAULT_BREACHED_PASSWORDS_URL = 'https://api.pwnedpasswords.com/range/';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface GoogleClientConfig {
  clientId: string;
  clientSecret: string;
  issuer: string;
}

/**
 * The platform's Google client, or null when GOOGLE_CLIENT_ID is unset. The issuer must be https;
 * plain http is allowed only for a loopback host with SSO_ALLOW_INSECURE_ISSUERS=true (tests,
 * demo), the same rule as for company providers.
 */
function googleClient(e: EnvSchema, allowInsecure: boolean): GoogleClientConfig | null {
  if (!e.GOOGLE_CLIENT_ID) {
    return null;
  }
  const issuer = (e.GOOGLE_ISSUER ?? 'https://accounts.google.com').replace(/\/+$/, '');
  const url = new URL(issuer);
  const problems: string[] = [];
  if (url.protocol !== 'https:' && !(allowInsecure && LOOPBACK_HOSTS.has(url.hostname))) {
    problems.push(
      'GOOGLE_ISSUER: must be https (http only on loopback with SSO_ALLOW_INSECURE_ISSUERS=true)',
    );
  }
  if (!e.GOOGLE_CLIENT_SECRET) {
    problems.push('GOOGLE_CLIENT_SECRET: must be set when GOOGLE_CLIENT_ID is');
  }
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(problems);
  }

  return { clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET ?? '', issuer };
}

/** How many linked companies a parent may have, by its tier (product.md §2.3). */
export type LinkedCompanyAllowance = Readonly<Record<CompanyTier, number>>;

const DEFAULT_LINKED_COMPANY_ALLOWANCE: LinkedCompanyAllowance = {
  [CompanyTier.Trial]: 0,
  [CompanyTier.Standard]: 5,
  [CompanyTier.Professional]: 25,
  [CompanyTier.Enterprise]: 100,
};

/** `standard:10,enterprise:500`: the tiers listed replace their defaults, the others keep them. */
function parseAllowance(value: string | undefined): LinkedCompanyAllowance {
  const allowance = { ...DEFAULT_LINKED_COMPANY_ALLOWANCE };
  for (const entry of (value ?? '').split(',').filter(Boolean)) {
    const [tier, count] = entry.split(':');
    allowance[tier as CompanyTier] = Number(count);
  }

  return allowance;
}

interface DevSecrets {
  tokenSecret: string;
  encryptionKeys: string;
}

/**
 * Outside production a missing TOKEN_SECRET or ENCRYPTION_KEYS is generated once and kept under
 * ./data, so `npm start` needs no configuration and a restart neither signs everyone out nor
 * makes stored client secrets unreadable.
 */
function loadDevSecrets(file: string): DevSecrets {
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  }
  const secrets: DevSecrets = {
    tokenSecret: randomBytes(32).toString('base64url'),
    encryptionKeys: `dev1:${randomBytes(32).toString('base64')}`,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });

  return secrets;
}

function parseEncryptionKeys(value: string): EncryptionKey[] {
  return value.split(',').map((entry) => {
    const [id, material] = entry.split(':');

    return { id, key: Buffer.from(material, 'base64') };
  });
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }

  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Typed, validated configuration; nothing outside src/config reads process.env. */
export class AppConfig {
  readonly nodeEnv: string;
  readonly isProduction: boolean;
  readonly port: number;
  readonly publicUrl: string;
  readonly dashboardUrl: string;
  readonly databaseUrl: string;
  readonly databaseKind: DatabaseKind;
  readonly migrateOnStart: boolean;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly redisUrl: string | null;
  readonly redisKeyPrefix: string;
  /** Requests a minute per client IP on sign-in, MFA, password and SSO-code routes. */
  readonly authRateLimitPerIp: number;
  /** Express's `trust proxy`: which hops' X-Forwarded-For to believe for the client IP. */
  readonly trustProxy: boolean | number | string;
  /** Requests a minute per company on /api/v1, tokens and keys together. */
  readonly apiRateLimitPerCompany: number;
  readonly ssoAllowInsecureIssuers: boolean;
  readonly breachedPasswordsUrl: string | null;
  readonly breachedPasswordsTimeoutMs: number;
  /** Refuse passwords while the range service cannot be reached, instead of accepting them. */
  readonly breachedPasswordsFailClosed: boolean;
  readonly google: GoogleClientConfig | null;
  readonly demo: boolean;
  /** Loopback port of the demo IdP; 0 picks a free one. */
  readonly demoIdpPort: number;
  readonly tokenSecret: Buffer;
  readonly encryptionKeys: EncryptionKey[];
  readonly logLevel: string;
  readonly linkedCompanyAllowance: LinkedCompanyAllowance;
  /** Days an audit entry is kept; 0 keeps entries forever. */
  readonly auditRetentionDays: number;

  constructor(env: NodeJS.ProcessEnv) {
    const e = validateEnv(env);
    this.nodeEnv = e.NODE_ENV ?? 'development';
    this.isProduction = this.nodeEnv === 'production';
    this.port = e.PORT ?? 3000;
    this.publicUrl = (e.PUBLIC_URL ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
    this.dashboardUrl = (e.DASHBOARD_URL ?? `${this.publicUrl}/dashboard`).replace(/\/+$/, '');
    this.databaseUrl = e.DATABASE_URL ?? 'sqlite:data/patchworks.sqlite';
    this.databaseKind = this.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'mysql';
    this.migrateOnStart = e.DATABASE_MIGRATE ?? true;
    this.smtpUrl = e.SMTP_URL ?? null;
    this.mailFrom = e.MAIL_FROM ?? 'Patchworks Identity <no-reply@localhost>';
    this.redisUrl = e.REDIS_URL ?? null;
    this.redisKeyPrefix = e.REDIS_KEY_PREFIX ?? 'patchworks:';
    this.authRateLimitPerIp = e.AUTH_RATE_LIMIT_PER_IP ?? 300;
    this.trustProxy = parseTrustProxy(e.TRUST_PROXY ?? 'loopback');
    this.apiRateLimitPerCompany = e.API_RATE_LIMIT_PER_COMPANY ?? 240;
    this.ssoAllowInsecureIssuers = e.SSO_ALLOW_INSECURE_ISSUERS ?? false;
    const breached = e.BREACHED_PASSWORDS_URL ?? DEFAULT_BREACHED_PASSWORDS_URL;
    this.breachedPasswordsUrl = breached === '' ? null : breached;
    this.breachedPasswordsTimeoutMs = e.BREACHED_PASSWORDS_TIMEOUT_MS ?? 3000;
    this.breachedPasswordsFailClosed = e.BREACHED_PASSWORDS_FAIL_CLOSED ?? false;
    this.google = googleClient(e, this.ssoAllowInsecureIssuers);
    // never in production, even when asked: the demo IdP signs anyone in with a known password
    this.demo = !this.isProduction && (e.DEMO ?? true);
    this.demoIdpPort = e.DEMO_IDP_PORT ?? 3001;
    this.logLevel = e.LOG_LEVEL ?? 'info';
    this.linkedCompanyAllowance = parseAllowance(e.LINKED_COMPANY_ALLOWANCE);
    this.auditRetentionDays = e.AUDIT_RETENTION_DAYS ?? 365;
    const secrets = this.resolveSecrets(e.TOKEN_SECRET, e.ENCRYPTION_KEYS);
    this.tokenSecret = Buffer.from(secrets.tokenSecret);
    this.encryptionKeys = parseEncryptionKeys(secrets.encryptionKeys);
  }

  /** The key new secrets are encrypted with: the first one listed. */
  get currentEncryptionKey(): EncryptionKey {
    return this.encryptionKeys[0];
  }

  private resolveSecrets(tokenSecret?: string, encryptionKeys?: string): DevSecrets {
    if (tokenSecret && encryptionKeys) {
      return { tokenSecret, encryptionKeys };
    }
    if (this.isProduction) {
      const missing = [!tokenSecret && 'TOKEN_SECRET', !encryptionKeys && 'ENCRYPTION_KEYS'];
      throw new Error(
        `Invalid environment:\n  - ${missing.filter(Boolean).join(' and ')} must be set in production`,
      );
    }
    const dev = loadDevSecrets(DEV_SECRETS_FILE);

    return {
      tokenSecret: tokenSecret ?? dev.tokenSecret,
      encryptionKeys: encryptionKeys ?? dev.encryptionKeys,
    };
  }
}
