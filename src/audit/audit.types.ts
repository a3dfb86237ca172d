import { Principal } from 'src/common/auth/principal';

export type AuditActor =
  | { type: 'user' | 'api_key' | 'machine'; principal: Principal }
  | { type: 'user'; id: string; name: string; companyId: string }
  | { type: 'system' | 'anonymous' };

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'login',
  'logout',
  'refuse',
  'other',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntryInput {
  /** The company the event belongs to; null for events outside any company. */
  companyId: string | null;
  actor: AuditActor;
  /** Dotted name, e.g. `auth.login.succeeded`, `sso.provider.updated`. */
  event: string;
  action: AuditAction;
  target?: { type: string; id: string | null };
  /** Before/after values; callers leave secrets out, the service strips known secret keys. */
  changes?: Record<string, unknown>;
}
