import { Injectable, Logger } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { AuditService } from 'src/audit/audit.service';
import {
  MfaChallengeResponseDto,
  MfaCodeDto,
  MfaSetupResponseDto,
  RecoveryCodesResponseDto,
} from 'src/auth/dto/mfa.dto';
import { MfaChallenge } from 'src/auth/entities/mfa-challenge.entity';
import { MfaFactor } from 'src/auth/entities/mfa-factor.entity';
import { RecoveryCode } from 'src/auth/entities/recovery-code.entity';
import {
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUrl,
  totpStep,
} from 'src/auth/totp';
import { Principal } from 'src/common/auth/principal';
import { Clock } from 'src/common/clock';
import { SecretBox } from 'src/common/crypto/secret-box';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { AppError, assertFound, validationError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { RateLimiter, tooManyRequests } from 'src/common/rate-limit/rate-limiter.service';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { UsersService } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';
import { IsNull, LessThan, MoreThan, Not } from 'typeorm';

const CHALLENGE_TTL_SECONDS = 5 * 60;
const RECOVERY_CODE_COUNT = 10;
/** Wrong codes at confirm or disable, per user: the sign-in lock's numbers. */
const CODE_FAILURES = { limit: 10, windowSeconds: 15 * 60 };

export type SecondFactor = 'totp' | 'recovery_code';

/** A live, unused `mfa_token`. */
export interface PendingChallenge {
  id: string;
  userId: string;
  tokenVersion: number;
}

const alreadyEnabled = (): AppError =>
  new AppError(ErrorCode.MfaAlreadyEnabled, 'Two-factor authentication is already on');

/**
 * TOTP two-factor authentication: setup (secret sealed at rest), confirmation with a first code
 * (then 2FA is on and 10 recovery codes are shown once), disabling with a code, and the second
 * step of sign-in. Every TOTP code is accepted once: a code must belong to a later time step
 * than the last accepted one. Recovery codes are stored hashed and work once.
 */
@Injectable()
export class MfaService {
  private readonly logger = new Logger(MfaService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
    private readonly users: UsersService,
  ) {}

  /** Starts (or restarts) a setup; 2FA stays off until `confirm`. */
  async startSetup(principal: Principal): Promise<MfaSetupResponseDto> {
    const user = await this.userOf(principal);
    if (await this.db.repo(MfaFactor).existsBy({ userId: user.id, confirmedAt: Not(IsNull()) })) {
      throw alreadyEnabled();
    }

    const secret = newTotpSecret();
    try {
      await this.db.transaction(async () => {
        await this.db.repo(MfaFactor).delete({ userId: user.id, confirmedAt: IsNull() });
        await this.db.repo(MfaFactor).insert({
          id: newId(),
          userId: user.id,
          secretSealed: this.box.seal(secret),
          confirmedAt: null,
          lastUsedStep: 0,
        });
      });
    } catch (error) {
      // two setups racing for one user: the unique index keeps one
      throw isUniqueViolation(error) ? alreadyEnabled() : error;
    }
    const url = otpauthUrl(secret, user.email);

    return { secret, otpauth_url: url, qr_code: await QRCode.toDataURL(url) };
  }

  /** Turns 2FA on with a first correct code; answers the recovery codes, shown this once. */
  async confirm(principal: Principal, dto: MfaCodeDto): Promise<RecoveryCodesResponseDto> {
    const user = await this.userOf(principal);
    const factor = await this.db.repo(MfaFactor).findOneBy({ userId: user.id });
    if (!factor) {
      throw new AppError(ErrorCode.MfaSetupRequired, 'Start the setup first: POST /api/v1/me/mfa');
    }
    if (factor.confirmedAt) {
      throw alreadyEnabled();
    }
    await this.checkCode(user.id, () => this.acceptTotp(factor, dto.code));

    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.db.transaction(async () => {
      await this.db.repo(MfaFactor).update({ id: factor.id }, { confirmedAt: this.clock.now() });
      await this.db.repo(RecoveryCode).delete({ userId: user.id });
      await this.db.repo(RecoveryCode).insert(
        codes.map((code) => ({
          id: newId(),
          userId: user.id,
          codeHash: hashToken(normalizeRecoveryCode(code)),
          usedAt: null,
        })),
      );
      await this.users.setMfaEnabled(user.id, true);
      await this.recordChange(principal, 'auth.mfa.enabled');
    });
    this.logger.log(`Two-factor authentication on for user ${user.id}`);

    return { recovery_codes: codes };
  }

  /** Turns 2FA off; needs a code from the app, or a recovery code. */
  async disable(principal: Principal, dto: MfaCodeDto): Promise<void> {
    const user = await this.userOf(principal);
    const factor = await this.confirmedFactor(user.id);
    if (!factor) {
      throw new AppError(ErrorCode.MfaNotEnabled, 'Two-factor authentication is not on');
    }
    await this.checkCode(user.id, () =>
      /^\d{6}$/.test(dto.code)
        ? this.acceptTotp(factor, dto.code)
        : this.acceptRecoveryCode(user.id, dto.code),
    );

    await this.db.transaction(async () => {
      await this.db.repo(MfaFactor).delete({ userId: user.id });
      await this.db.repo(RecoveryCode).delete({ userId: user.id });
      await this.users.setMfaEnabled(user.id, false);
      await this.recordChange(principal, 'auth.mfa.disabled');
    });
    this.logger.log(`Two-factor authentication off for user ${user.id}`);
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.confirmedFactor(userId)) !== null;
  }

  /** The `mfa_token` for a sign-in whose password was right. */
  async createChallenge(user: UserView): Promise<MfaChallengeResponseDto> {
    const token = randomToken();
    await this.db.repo(MfaChallenge).insert({
      id: newId(),
      tokenHash: hashToken(token),
      userId: user.id,
      tokenVersion: user.tokenVersion,
      expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
      usedAt: null,
    });

    return {
      message: 'Enter the code from your authenticator app',
      mfa_required: true,
      mfa_token: token,
      expires_in: CHALLENGE_TTL_SECONDS,
    };
  }

  async findChallenge(token: string): Promise<PendingChallenge | null> {
    const challenge = await this.db.repo(MfaChallenge).findOneBy({
      tokenHash: hashToken(token),
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });

    return challenge
      ? { id: challenge.id, userId: challenge.userId, tokenVersion: challenge.tokenVersion }
      : null;
  }

  /** Uses a challenge up; false when another request did first (or it expired meanwhile). */
  async consumeChallenge(id: string): Promise<boolean> {
    const result = await this.db
      .repo(MfaChallenge)
      .update({ id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) }, { usedAt: new Date() });

    return result.affected === 1;
  }

  /** Checks the second factor of a sign-in: a TOTP code or a recovery code, each once. */
  async verifySecondFactor(
    userId: string,
    input: { code?: string; recoveryCode?: string },
  ): Promise<SecondFactor | null> {
    const factor = await this.confirmedFactor(userId);
    if (!factor) {
      return null;
    }
    if (input.code !== undefined) {
      return (await this.acceptTotp(factor, input.code)) ? 'totp' : null;
    }

    return (await this.acceptRecoveryCode(userId, input.recoveryCode ?? ''))
      ? 'recovery_code'
      : null;
  }

  private async acceptTotp(factor: MfaFactor, code: string): Promise<boolean> {
    const step = totpStep(this.box.open(factor.secretSealed), code, this.clock.now());
    if (step === null) {
      return false;
    }
    // the conditional write makes each step usable once, even for two requests at once
    const claimed = await this.db
      .repo(MfaFactor)
      .update({ id: factor.id, lastUsedStep: LessThan(step) }, { lastUsedStep: step });

    return claimed.affected === 1;
  }

  private async acceptRecoveryCode(userId: string, code: string): Promise<boolean> {
    const used = await this.db
      .repo(RecoveryCode)
      .update(
        { userId, codeHash: hashToken(normalizeRecoveryCode(code)), usedAt: IsNull() },
        { usedAt: new Date() },
      );

    return used.affected === 1;
  }

  /** Runs a code check under a per-user limit of wrong codes; a wrong code is a 422. */
  private async checkCode(userId: string, isAccepted: () => Promise<boolean>): Promise<void> {
    const failures = await this.limiter.peek('mfa-code-failures', userId);
    if (failures && failures.hits >= CODE_FAILURES.limit) {
      throw tooManyRequests(failures.resetAt, 'Too many wrong codes; try again later');
    }
    if (!(await isAccepted())) {
      await this.limiter.hit('mfa-code-failures', userId, CODE_FAILURES);
      throw validationError('code', 'is incorrect');
    }
  }

  private confirmedFactor(userId: string): Promise<MfaFactor | null> {
    return this.db.repo(MfaFactor).findOneBy({ userId, confirmedAt: Not(IsNull()) });
  }

  private async userOf(principal: Principal): Promise<UserView> {
    return assertFound(await this.users.findById(principal.userId ?? ''), 'User not found');
  }

  private recordChange(principal: Principal, event: string): Promise<void> {
    return this.audit.record({
      companyId: principal.companyId,
      actor: { type: 'user', principal },
      event,
      action: 'update',
      target: { type: 'user', id: principal.userId },
    });
  }
}
