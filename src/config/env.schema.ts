import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === 'true') {
    return true;
  }
  if (value === 'false') {
    return false;
  }

  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
const ALLOWANCE_ENTRY = '(trial|standard|professional|enterprise):[0-9]{1,6}';
const ALLOWANCE = new RegExp(`^${ALLOWANCE_ENTRY}(,${ALLOWANCE_ENTRY})*$`);
const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * Every environment variable the service reads, validated once at boot. Names listed in
 * api.md are fixed; the rest are ours. Defaults live in `AppConfig`, not here, because several
 * depend on each other (PUBLIC_URL on PORT, DEMO on NODE_ENV).
 */
export class EnvSchema {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsUrl(url)
  PUBLIC_URL?: string;

  @IsOptional()
  @IsUrl(url)
  DASHBOARD_URL?: string;

  @IsOptional()
  @Matches(/^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<file>, mysql://user:pass@host:port/db or mariadb://…',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_MIGRATE?: boolean;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be smtp://host:port or smtps://…' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://host:port' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-64 letters, digits or : _ . -',
  })
  REDIS_KEY_PREFIX?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUTH_RATE_LIMIT_PER_IP?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  API_RATE_LIMIT_PER_COMPANY?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SSO_ALLOW_INSECURE_ISSUERS?: boolean;

  @IsOptional()
  @Matches(/^(|https?:\/\/.+)$/, { message: 'BREACHED_PASSWORDS_URL must be an http(s) URL' })
  BREACHED_PASSWORDS_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  BREACHED_PASSWORDS_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  BREACHED_PASSWORDS_FAIL_CLOSED?: boolean;

  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_SECRET?: string;

  @IsOptional()
  @IsUrl(url)
  GOOGLE_ISSUER?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  DEMO_IDP_PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'TOKEN_SECRET must be at least 32 characters' })
  TOKEN_SECRET?: string;

  @IsOptional()
  @Matches(/^([A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]{43,44})(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]{43,44})*$/, {
    message: 'ENCRYPTION_KEYS must be id:base64key[,id:base64key…] with 32-byte keys',
  })
  ENCRYPTION_KEYS?: string;

  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[A-Za-z0-9.:/_,\s-]+)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count, or addresses/subnets/names',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(ALLOWANCE, {
    message:
      'LINKED_COMPANY_ALLOWANCE must be tier:count[,tier:count…] with tiers trial, standard, ' +
      'professional, enterprise',
  })
  LINKED_COMPANY_ALLOWANCE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36500)
  AUDIT_RETENTION_DAYS?: number;
}
