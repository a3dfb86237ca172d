import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { GoogleLogin } from 'src/auth/entities/google-login.entity';
import { GoogleRegistration } from 'src/auth/entities/google-registration.entity';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { MfaChallenge } from 'src/auth/entities/mfa-challenge.entity';
import { LOGIN_CODE_RETENTION_MS } from 'src/auth/login-codes.service';
import { Database } from 'src/database/database.service';
import { LessThan } from 'typeorm';

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes expired one-time rows (login codes, mfa_tokens, Google sign-ins under way, Google
 * registration links). Anyone can create the Google rows by opening /auth/google, so they must
 * not pile up; every process sweeps, and a sweep is one DELETE per table.
 */
@Injectable()
export class ExpiredRowsSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ExpiredRowsSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Database) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<void> {
    try {
      for (const entity of [GoogleLogin, GoogleRegistration, MfaChallenge]) {
        await this.db.repo(entity).delete({ expiresAt: LessThan(now) });
      }
      // login codes outlive their minute: SSO logout finds its session through them
      const codesCutoff = new Date(now.getTime() - LOGIN_CODE_RETENTION_MS);
      await this.db.repo(LoginCode).delete({ expiresAt: LessThan(codesCutoff) });
    } catch (error) {
      this.logger.error('Sweeping expired sign-in rows failed', error as Error);
    }
  }
}
