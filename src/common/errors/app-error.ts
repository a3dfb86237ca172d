import { ErrorCode } from 'src/common/errors/error-codes';

export interface FieldError {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  /** Validation problems, rendered as `errors: [{field, message}]`. */
  errors?: FieldError[];
  /** Extra members of the problem document (e.g. `sso_url`); never secrets. */
  extensions?: Record<string, unknown>;
  /** Response headers such as `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type services throw. Its code decides the HTTP status (see ERROR_STATUS); its
 * message is the problem's `detail` and must be safe to show to the caller.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
  }
}

/** One-line guard: `const user = assertFound(await find(), 'User not found')`. */
export function assertFound<T>(value: T | null | undefined, detail = 'Not found'): T {
  if (value === null || value === undefined) {
    throw new AppError(ErrorCode.NotFound, detail);
  }

  return value;
}

export function validationError(field: string, message: string): AppError {
  return new AppError(ErrorCode.ValidationFailed, 'The request is invalid', {
    errors: [{ field, message }],
  });
}
