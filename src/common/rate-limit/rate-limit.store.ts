/** One counting window of a key: how many hits it holds and when it ends. */
export interface RateLimitWindow {
  hits: number;
  resetAt: Date;
}

/**
 * Fixed-window counters that every process shares (the database, or Redis when REDIS_URL is
 * set). Implementations must make `increment` atomic: concurrent calls on one key each see a
 * distinct count.
 */
export interface RateLimitStore {
  /** Adds one hit; a key with no live window starts one of `windowSeconds`. */
  increment(key: string, windowSeconds: number): Promise<RateLimitWindow>;
  /** The live window of a key, or null when there is none. */
  get(key: string): Promise<RateLimitWindow | null>;
  delete(key: string): Promise<void>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
