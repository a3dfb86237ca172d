import { HttpStatus } from '@nestjs/common';

/**
 * Every error code a client can see. Each module throws `AppError` with one of these; the
 * record below maps each to its HTTP status, and being exhaustive, a code without a status
 * fails `tsc`.
 */
export enum ErrorCode {
  // generic HTTP
  BadRequest = 'BAD_REQUEST',
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedBody = 'MALFORMED_BODY',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
  // authentication and authorisation
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Forbidden = 'FORBIDDEN',
  // resources
  NotFound = 'NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  // passwords
  PasswordLinkInvalid = 'PASSWORD_LINK_INVALID',
  // account security (sign-in limits, breached passwords, 2FA, one-time login codes)
  AccountLocked = 'ACCOUNT_LOCKED',
  PasswordCheckUnavailable = 'PASSWORD_CHECK_UNAVAILABLE',
  MfaTokenInvalid = 'MFA_TOKEN_INVALID',
  MfaAlreadyEnabled = 'MFA_ALREADY_ENABLED',
  MfaNotEnabled = 'MFA_NOT_ENABLED',
  MfaSetupRequired = 'MFA_SETUP_REQUIRED',
  LoginCodeInvalid = 'LOGIN_CODE_INVALID',
}

export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.BadRequest]: HttpStatus.BAD_REQUEST,
  [ErrorCode.ValidationFailed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.MalformedBody]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.RouteNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.MethodNotAllowed]: HttpStatus.METHOD_NOT_ALLOWED,
  [ErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [ErrorCode.PasswordLinkInvalid]: HttpStatus.GONE,
  [ErrorCode.AccountLocked]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.PasswordCheckUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.MfaTokenInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.MfaAlreadyEnabled]: HttpStatus.CONFLICT,
  [ErrorCode.MfaNotEnabled]: HttpStatus.CONFLICT,
  [ErrorCode.MfaSetupRequired]: HttpStatus.CONFLICT,
  [ErrorCode.LoginCodeInvalid]: HttpStatus.UNAUTHORIZED,
};
