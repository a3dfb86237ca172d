import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, IS_PUBLIC } from 'src/common/auth/auth.decorators';
import type { Authenticator } from 'src/common/auth/authenticator';
import { AUTHENTICATOR } from 'src/common/auth/authenticator';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';

/** Global guard: every route needs valid credentials unless it is marked `@Public()`. */
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

    return true;
  }
}
