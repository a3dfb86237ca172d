import { OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimitStore, RateLimitWindow } from 'src/common/rate-limit/rate-limit.store';

// INCR and the expiry in one script, so a window always gets its TTL even when two processes
// start it at once, and a key whose TTL was lost cannot live forever.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

export interface RedisStoreOptions {
  url: string;
  keyPrefix: string;
}

/** Counters in Redis (REDIS_URL): a key per window, expiring with it. */
export class RedisRateLimitStore implements RateLimitStore, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(options: RedisStoreOptions) {
    this.redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      // fail a request quickly instead of queueing it while Redis is away
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
  }

  async increment(key: string, windowSeconds: number): Promise<RateLimitWindow> {
    const [hits, ttl] = (await this.redis.eval(INCREMENT, 1, key, windowSeconds * 1000)) as [
      number,
      number,
    ];

    return { hits, resetAt: new Date(Date.now() + ttl) };
  }

  async get(key: string): Promise<RateLimitWindow | null> {
    const [[, value], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [
      [Error | null, string | null],
      [Error | null, number],
    ];
    if (value === null || ttl < 0) {
      return null;
    }

    return { hits: Number(value), resetAt: new Date(Date.now() + ttl) };
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async onModuleDestroy(): Promise<void> {
    // quit waits for pending replies, which a Redis that is away never sends
    if (this.redis.status === 'ready') {
      await this.redis.quit();
    } else {
      this.redis.disconnect();
    }
  }
}
