import { Injectable } from '@nestjs/common';
import { PasswordLoginPolicy } from 'src/common/auth/password-login-policy';
import { Role } from 'src/common/auth/principal';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { SsoProvider } from 'src/sso/entities/sso-provider.entity';
import { providerUrls } from 'src/sso/sso.types';

/**
 * `enforce_sso`: a company with an enabled, enforcing provider signs its people in through
 * it. Administrators keep their password, so a broken IdP cannot lock the company out.
 */
@Injectable()
export class SsoLoginPolicyService implements PasswordLoginPolicy {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  async ssoUrlFor(user: { companyId: string; role: Role }): Promise<string | null> {
    if (user.role === Role.Administrator) {
      return null;
    }
    const provider = await this.db.repo(SsoProvider).findOne({
      where: { companyId: user.companyId, enabled: true, enforceSso: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });

    return provider ? providerUrls(this.config.publicUrl, provider.id).initiateSignIn : null;
  }
}
