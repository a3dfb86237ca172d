import { SsoProvider } from 'src/sso/entities/sso-provider.entity';

const AUDITED: ReadonlyArray<[string, keyof SsoProvider]> = [
  ['name', 'name'],
  ['base_url', 'baseUrl'],
  ['issuer', 'issuer'],
  ['client_id', 'clientId'],
  ['enabled', 'enabled'],
  ['jit_provisioning', 'jitProvisioning'],
  ['default_role', 'defaultRole'],
  ['enforce_sso', 'enforceSso'],
  ['domains', 'domains'],
];

/**
 * What an update changes, as `{field: {from, to}}` for the audit entry. A new client secret
 * appears only as `client_secret_changed: true`, never as a value.
 */
export function providerChanges(current: SsoProvider, next: SsoProvider): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [field, key] of AUDITED) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) {
      changes[field] = { from: current[key], to: next[key] };
    }
  }
  if (current.clientSecretSealed !== next.clientSecretSealed) {
    changes.client_secret_changed = true;
  }

  return changes;
}
