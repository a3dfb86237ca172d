import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { RateLimitPolicies, RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';
import { RateLimiter, tooManyRequests } from 'src/common/rate-limit/rate-limiter.service';

const RATE_LIMIT_POLICY = 'rateLimit:policy';

/** Counts each request against its route's policy, per client IP; over the limit, 429. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly policies: RateLimitPolicies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(
      RATE_LIMIT_POLICY,
      [context.getHandler(), context.getClass()],
    );
    if (!policy) {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const status = await this.limiter.hit(
      policy,
      req.ip ?? 'unknown',
      this.policies.ruleFor(policy),
    );
    if (status.isExceeded) {
      throw tooManyRequests(status.resetAt);
    }

    return true;
  }
}

/**
 * Puts a route (or every route of a controller) under a per-IP policy. It runs after the
 * authentication guard, so on authenticated routes only authenticated requests count.
 */
export function RateLimit(policy: RateLimitPolicy): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_POLICY, policy),
    UseGuards(RateLimitGuard),
    ApiProblems(429),
  );
}
