import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RequestContext } from 'src/common/http/request-context';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's correlation id when it looks like one (so ids from a gateway flow through)
 * and otherwise makes one; it is echoed back and stamped on every log line of the request.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(CORRELATION_HEADER);
  const correlationId = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  RequestContext.run(
    { correlationId, ip: req.ip, userAgent: req.header('user-agent')?.slice(0, 512) },
    next,
  );
}
