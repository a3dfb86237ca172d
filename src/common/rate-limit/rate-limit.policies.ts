import { Injectable } from '@nestjs/common';
import { RateLimitRule } from 'src/common/rate-limit/rate-limiter.service';
import { AppConfig } from 'src/config/app-config';

/** Named request limits that routes opt into with `@RateLimit(policy)`. */
export enum RateLimitPolicy {
  /** Sign-in, MFA, password and SSO-code routes, per client IP (AUTH_RATE_LIMIT_PER_IP). */
  AuthPerIp = 'auth-ip',
  /** Every authenticated /api/v1 request, per acting company (API_RATE_LIMIT_PER_COMPANY). */
  ApiPerCompany = 'api-company',
}

/** Each policy's rule, read from configuration when the app starts. */
@Injectable()
export class RateLimitPolicies {
  private readonly rules: Record<RateLimitPolicy, RateLimitRule>;

  constructor(config: AppConfig) {
    this.rules = {
      [RateLimitPolicy.AuthPerIp]: { limit: config.authRateLimitPerIp, windowSeconds: 60 },
      [RateLimitPolicy.ApiPerCompany]: { limit: config.apiRateLimitPerCompany, windowSeconds: 60 },
    };
  }

  ruleFor(policy: RateLimitPolicy): RateLimitRule {
    return this.rules[policy];
  }
}
