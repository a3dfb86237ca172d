import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { AuthenticatedRequest } from 'src/common/auth/auth.decorators';
import { RateLimitPolicies, RateLimitPolicy } from 'src/common/rate-limit/rate-limit.policies';
import { RateLimiter, tooManyRequests } from 'src/common/rate-limit/rate-limiter.service';

const API_PREFIX = '/api/v1/';

/**
 * The API's shared budget: every authenticated /api/v1 request counts against its acting
 * company, whether it came with a login token, an API key or a machine token, in the store all
 * processes share. Each answer says where the company stands (`RateLimit-*`, IETF draft
 * `ratelimit-headers`); over the budget it is a 429 with `Retry-After`. It runs after the
 * guard, so the principal is known and unauthenticated calls (limited per IP) do not count.
 */
@Injectable()
export class CompanyRateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly policies: RateLimitPolicies,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    if (!req.principal || !req.path.startsWith(API_PREFIX)) {
      return next.handle();
    }
    const policy = RateLimitPolicy.ApiPerCompany;
    const status = await this.limiter.hit(
      policy,
      req.principal.actingCompanyId,
      this.policies.ruleFor(policy),
    );
    const res = http.getResponse<Response>();
    res.setHeader('RateLimit-Limit', String(status.limit));
    res.setHeader('RateLimit-Remaining', String(status.remaining));
    res.setHeader('RateLimit-Reset', String(status.retryAfterSeconds));
    if (status.isExceeded) {
      throw tooManyRequests(status.resetAt, 'This company has used its API requests for now');
    }

    return next.handle();
  }
}
