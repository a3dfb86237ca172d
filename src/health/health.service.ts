import { Injectable, Logger } from '@nestjs/common';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { Database } from 'src/database/database.service';

const PING_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(private readonly db: Database) {}

  async ready(): Promise<{ status: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.db.ping(), timeout]);
    } catch (error) {
      this.logger.warn(`Database is not ready: ${(error as Error).message}`);
      throw new AppError(ErrorCode.ServiceUnavailable, 'The database does not answer');
    } finally {
      clearTimeout(timer);
    }

    return { status: 'ok' };
  }
}
