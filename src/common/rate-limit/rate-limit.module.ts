import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompanyRateLimitInterceptor } from 'src/common/rate-limit/company-rate-limit.interceptor';
import { DatabaseRateLimitStore } from 'src/common/rate-limit/database-rate-limit.store';
import { RateLimitCounter } from 'src/common/rate-limit/rate-limit-counter.entity';
import { RateLimitGuard } from 'src/common/rate-limit/rate-limit.guard';
import { RateLimitPolicies } from 'src/common/rate-limit/rate-limit.policies';
import { RATE_LIMIT_STORE, RateLimitStore } from 'src/common/rate-limit/rate-limit.store';
import { RateLimiter } from 'src/common/rate-limit/rate-limiter.service';
import { RedisRateLimitStore } from 'src/common/rate-limit/redis-rate-limit.store';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';

/** The shared rate-limit store (Redis when REDIS_URL is set, else the database) and its users. */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitCounter])],
  providers: [
    { provide: APP_INTERCEPTOR, useClass: CompanyRateLimitInterceptor },
    RateLimitGuard,
    RateLimitPolicies,
    RateLimiter,
    {
      provide: RATE_LIMIT_STORE,
      inject: [AppConfig, Database],
      useFactory: (config: AppConfig, db: Database): RateLimitStore =>
        config.redisUrl
          ? new RedisRateLimitStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix })
          : new DatabaseRateLimitStore(db),
    },
  ],
  exports: [RateLimitGuard, RateLimitPolicies, RateLimiter],
})
export class RateLimitModule {}
