import { Global, Module } from '@nestjs/common';
import { PASSWORD_LOGIN_POLICY } from 'src/common/auth/password-login-policy';
import { SsoLoginPolicyService } from 'src/sso/sso-login-policy.service';

/**
 * Provides the password-login policy to the auth module without auth importing sso (which
 * imports auth for its one-time login codes): the token is declared in common/ and made
 * global here, the way AUTHENTICATOR reaches the guard.
 */
@Global()
@Module({
  providers: [
    SsoLoginPolicyService,
    { provide: PASSWORD_LOGIN_POLICY, useExisting: SsoLoginPolicyService },
  ],
  exports: [PASSWORD_LOGIN_POLICY],
})
export class SsoLoginPolicyModule {}
