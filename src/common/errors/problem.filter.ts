import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { AppError, FieldError } from 'src/common/errors/app-error';
import { ERROR_STATUS, ErrorCode } from 'src/common/errors/error-codes';
import { RequestContext } from 'src/common/http/request-context';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  correlation_id?: string;
  [extension: string]: unknown;
}

/** body-parser and express errors carry `type` and `status` instead of being HttpExceptions. */
interface ExpressHttpError {
  type?: string;
  status?: number;
  statusCode?: number;
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  405: ErrorCode.MethodNotAllowed,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  422: ErrorCode.ValidationFailed,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

/**
 * The only place errors become HTTP: every failure is rendered once as
 * `application/problem+json` (RFC 9457) with our stable `code` as an extension member.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { problem, headers } = this.toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error('Unhandled error', exception instanceof Error ? exception : undefined);
    }
    if (res.headersSent) {
      return;
    }
    for (const [name, value] of Object.entries(headers)) {
      res.setHeader(name, value);
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): { problem: Problem; headers: Record<string, string> } {
    if (exception instanceof AppError) {
      const status = ERROR_STATUS[exception.code];
      const { errors, extensions, headers } = exception.options;

      return {
        problem: { ...extensions, ...this.base(exception.code, status, exception.message), errors },
        headers: headers ?? {},
      };
    }
    // Nest wraps body-parser failures in an HttpException; the cause says which failure it was.
    const cause = (exception as { cause?: ExpressHttpError })?.cause;
    if (exception instanceof HttpException && cause?.type) {
      return { problem: this.fromExpressError(cause), headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code =
        HTTP_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
      const detail = status === 404 ? 'No such route' : this.detailOf(exception);

      return {
        problem: this.base(code, status, status >= 500 ? 'Internal server error' : detail),
        headers: {},
      };
    }

    return { problem: this.fromExpressError(exception as ExpressHttpError), headers: {} };
  }

  private fromExpressError(error: ExpressHttpError): Problem {
    if (error?.type === 'entity.too.large') {
      return this.base(ErrorCode.PayloadTooLarge, 413, 'The request body is larger than 8 MB');
    }
    if (error?.type === 'entity.parse.failed') {
      return this.base(ErrorCode.MalformedBody, 422, 'The request body is not valid JSON');
    }
    const status = error?.status ?? error?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return this.base(
        HTTP_CODES[status] ?? ErrorCode.BadRequest,
        status,
        STATUS_CODES[status] ?? 'Bad request',
      );
    }

    return this.base(ErrorCode.Internal, 500, 'Internal server error');
  }

  private detailOf(exception: HttpException): string {
    const response = exception.getResponse();
    if (typeof response === 'string') {
      return response;
    }
    const message = (response as { message?: unknown }).message;

    return typeof message === 'string' ? message : exception.message;
  }

  private base(code: ErrorCode, status: number, detail: string): Problem {
    return {
      type: `urn:patchworks-identity:problem:${code.toLowerCase().replaceAll('_', '-')}`,
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      code,
      correlation_id: RequestContext.current()?.correlationId,
    };
  }
}
