import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, IS_PUBLIC } from 'src/common/auth/auth.decorators';
import type { Authenticator } from 'src/common/auth/authenticator';
import { AUTHENTICATOR } from 'src/common/auth/authenticator';
import { Refusal, refusalOf, REQUIRED_PERMISSION } from 'src/common/auth/permission';
import { Permission, PERMISSIONS } from 'src/common/auth/permissions';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';

const REFUSAL_DETAIL: Record<Refusal, string> = {
  role: 'Your role does not allow this',
  custom_role: 'Your custom role does not allow this',
  tier: "Your company's subscription tier does not include this",
  add_on: 'Your company does not have the add-on this needs',
  support: 'Only platform support may do this',
  credential: 'API keys and machine clients may not do this; a signed-in person must',
};

/**
 * The one guard: every route needs valid credentials unless it is `@Public()`, and a route
 * marked `@RequirePermission(p)` also needs the principal to pass rule p of the matrix.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticator.authenticate(req);
    if (!principal) {
      throw new AppError(ErrorCode.Unauthenticated, 'Authentication is required');
    }
    req.principal = principal;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    const refusal = permission ? refusalOf(PERMISSIONS[permission], principal) : null;
    if (refusal) {
      throw new AppError(ErrorCode.Forbidden, REFUSAL_DETAIL[refusal], {
        extensions: { permission, refused_by: refusal },
      });
    }

    return true;
  }
}
