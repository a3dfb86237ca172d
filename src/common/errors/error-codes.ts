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
  // company profile
  CompanyFieldForbidden = 'COMPANY_FIELD_FORBIDDEN',
  // users and roles: each refused role change names the rule of product.md §3.2 it broke
  RoleChangeOwnRole = 'ROLE_CHANGE_OWN_ROLE',
  RoleChangeAdministratorSupportOnly = 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY',
  RoleChangeAboveLimit = 'ROLE_CHANGE_ABOVE_LIMIT',
  RoleChangeTargetNotBelow = 'ROLE_CHANGE_TARGET_NOT_BELOW',
  UserNotBelowYou = 'USER_NOT_BELOW_YOU',
  UserDeleteSelf = 'USER_DELETE_SELF',
  UserDeleted = 'USER_DELETED',
  UserNotDeleted = 'USER_NOT_DELETED',
  RoleNameTaken = 'ROLE_NAME_TAKEN',
  // single sign-on
  SsoRequired = 'SSO_REQUIRED',
  LoginCodeInvalid = 'LOGIN_CODE_INVALID',
  SsoProviderNameTaken = 'SSO_PROVIDER_NAME_TAKEN',
  SsoDomainTaken = 'SSO_DOMAIN_TAKEN',
  SsoProviderNotReady = 'SSO_PROVIDER_NOT_READY',
  // linked companies and team-member access (product.md §2.3, §3.4-3.6)
  LinkedCompanyAllowanceExceeded = 'LINKED_COMPANY_ALLOWANCE_EXCEEDED',
  LinkedCompanyCannotBeParent = 'LINKED_COMPANY_CANNOT_BE_PARENT',
  LinkedCompanyNotGranted = 'LINKED_COMPANY_NOT_GRANTED',
  LinkedCompanyLastGrant = 'LINKED_COMPANY_LAST_GRANT',
  TeamMemberNotManager = 'TEAM_MEMBER_NOT_MANAGER',
  SwitchedAccessEnded = 'SWITCHED_ACCESS_ENDED',
  // settings: notification groups (issue #7)
  NotificationGroupNameTaken = 'NOTIFICATION_GROUP_NAME_TAKEN',
  RecipientExists = 'RECIPIENT_EXISTS',
  // settings: OAuth 2 token endpoint (issue #7); RFC 6749 §5.2 names go in an `error` member
  InvalidClient = 'INVALID_CLIENT',
  OAuthInvalidRequest = 'OAUTH_INVALID_REQUEST',
  UnsupportedGrantType = 'UNSUPPORTED_GRANT_TYPE',
  // account security (sign-in limits, breached passwords, 2FA)
  AccountLocked = 'ACCOUNT_LOCKED',
  PasswordCheckUnavailable = 'PASSWORD_CHECK_UNAVAILABLE',
  MfaTokenInvalid = 'MFA_TOKEN_INVALID',
  MfaAlreadyEnabled = 'MFA_ALREADY_ENABLED',
  MfaNotEnabled = 'MFA_NOT_ENABLED',
  MfaSetupRequired = 'MFA_SETUP_REQUIRED',
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
  [ErrorCode.CompanyFieldForbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.RoleChangeOwnRole]: HttpStatus.FORBIDDEN,
  [ErrorCode.RoleChangeAdministratorSupportOnly]: HttpStatus.FORBIDDEN,
  [ErrorCode.RoleChangeAboveLimit]: HttpStatus.FORBIDDEN,
  [ErrorCode.RoleChangeTargetNotBelow]: HttpStatus.FORBIDDEN,
  [ErrorCode.UserNotBelowYou]: HttpStatus.FORBIDDEN,
  [ErrorCode.UserDeleteSelf]: HttpStatus.FORBIDDEN,
  [ErrorCode.UserDeleted]: HttpStatus.CONFLICT,
  [ErrorCode.UserNotDeleted]: HttpStatus.CONFLICT,
  [ErrorCode.RoleNameTaken]: HttpStatus.CONFLICT,
  [ErrorCode.SsoRequired]: HttpStatus.FORBIDDEN,
  [ErrorCode.LoginCodeInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.SsoProviderNameTaken]: HttpStatus.CONFLICT,
  [ErrorCode.SsoDomainTaken]: HttpStatus.CONFLICT,
  [ErrorCode.SsoProviderNotReady]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LinkedCompanyAllowanceExceeded]: HttpStatus.FORBIDDEN,
  [ErrorCode.LinkedCompanyCannotBeParent]: HttpStatus.FORBIDDEN,
  [ErrorCode.LinkedCompanyNotGranted]: HttpStatus.FORBIDDEN,
  [ErrorCode.LinkedCompanyLastGrant]: HttpStatus.CONFLICT,
  [ErrorCode.TeamMemberNotManager]: HttpStatus.FORBIDDEN,
  [ErrorCode.SwitchedAccessEnded]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.NotificationGroupNameTaken]: HttpStatus.CONFLICT,
  [ErrorCode.RecipientExists]: HttpStatus.CONFLICT,
  [ErrorCode.InvalidClient]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.OAuthInvalidRequest]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UnsupportedGrantType]: HttpStatus.BAD_REQUEST,
  [ErrorCode.AccountLocked]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.PasswordCheckUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.MfaTokenInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.MfaAlreadyEnabled]: HttpStatus.CONFLICT,
  [ErrorCode.MfaNotEnabled]: HttpStatus.CONFLICT,
  [ErrorCode.MfaSetupRequired]: HttpStatus.CONFLICT,
};
