import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Principal } from 'src/common/auth/principal';

export const IS_PUBLIC = 'auth:isPublic';

/** Routes are authenticated unless marked public. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The principal of an authenticated route (the guard guarantees one is present). */
export const Auth = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();

  return req.principal as Principal;
});
