import { SsoProviderResponseDto } from 'src/sso/dto/sso-provider.dto';
import { providerUrls, SsoProviderView } from 'src/sso/sso.types';

/** The API's view of a provider: the secret only as `client_secret_set`. */
export function toProviderResponse(
  provider: SsoProviderView,
  publicUrl: string,
): SsoProviderResponseDto {
  const urls = providerUrls(publicUrl, provider.id);

  return {
    id: provider.id,
    type: provider.type,
    name: provider.name,
    base_url: provider.baseUrl,
    issuer: provider.issuer,
    client_id: provider.clientId,
    client_secret_set: provider.clientSecretSealed !== null,
    enabled: provider.enabled,
    jit_provisioning: provider.jitProvisioning,
    default_role: provider.defaultRole,
    enforce_sso: provider.enforceSso,
    domains: [...provider.domains],
    urls: { initiate_sign_in: urls.initiateSignIn, callback: urls.callback, logout: urls.logout },
    created_at: provider.createdAt.toISOString(),
    updated_at: provider.updatedAt.toISOString(),
  };
}
