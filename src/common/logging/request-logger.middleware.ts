import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/** One line per request: method, path (no query string, it may hold codes), status and time. */
export function requestLoggerMiddleware(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = `${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`;
    if (res.statusCode >= 500) {
      logger.error(line);
    } else {
      logger.debug(line);
    }
  });
  next();
}
