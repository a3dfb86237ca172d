import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';

/** A client-credentials token request, read and checked (RFC 6749 §4.4.2, §2.3.1). */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  /** The client authenticated with HTTP Basic, so a refusal must carry WWW-Authenticate. */
  isBasic: boolean;
}

const PARAMETERS = ['grant_type', 'client_id', 'client_secret', 'scope'] as const;
type Parameter = (typeof PARAMETERS)[number];

/**
 * An RFC 6749 §5.2 error as problem+json: our `code`, plus the `error` (and
 * `error_description`) members OAuth clients read. Token responses are never cached.
 */
function oauthError(
  code: ErrorCode,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): AppError {
  return new AppError(code, description, {
    extensions: { error, error_description: description },
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  });
}

const invalidRequest = (description: string): AppError =>
  oauthError(ErrorCode.OAuthInvalidRequest, 'invalid_request', description);

/** 401 `invalid_client`; with the Basic challenge RFC 6749 requires after a Basic attempt. */
export function invalidClient(isBasic: boolean): AppError {
  const challenge: Record<string, string> = isBasic
    ? { 'WWW-Authenticate': 'Basic realm="patchworks-identity", charset="UTF-8"' }
    : {};

  return oauthError(
    ErrorCode.InvalidClient,
    'invalid_client',
    'Client authentication failed',
    challenge,
  );
}

/** Form or JSON parameters; others are ignored, as RFC 6749 §3.2 asks. */
function readParameters(body: unknown): Partial<Record<Parameter, string>> {
  if (body === undefined || body === null) {
    return {};
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The body must be a form or a JSON object');
  }
  const params: Partial<Record<Parameter, string>> = {};
  for (const name of PARAMETERS) {
    const value = (body as Record<string, unknown>)[name];
    if (value === undefined) {
      continue;
    }
    // a repeated form parameter arrives as an array: RFC 6749 §3.2 forbids repeats
    if (typeof value !== 'string') {
      throw invalidRequest(`${name} must be given once, as a string`);
    }
    params[name] = value;
  }

  return params;
}

const formDecode = (value: string): string => decodeURIComponent(value.replace(/\+/g, ' '));

/** HTTP Basic client credentials, each form-urlencoded first (RFC 6749 §2.3.1). */
function readBasic(authorization: string | undefined): Omit<TokenRequest, 'isBasic'> | null {
  const encoded = /^basic\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (!encoded) {
    return null;
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    throw invalidClient(true);
  }
  try {
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    // a malformed %-escape
    throw invalidClient(true);
  }
}

/**
 * Reads a token request: the grant must be client_credentials, and the client authenticates
 * with HTTP Basic or with client_id and client_secret in the body, not both.
 * @throws AppError 400 invalid_request / unsupported_grant_type, 401 invalid_client.
 */
export function parseTokenRequest(body: unknown, authorization?: string): TokenRequest {
  const params = readParameters(body);
  const basic = readBasic(authorization);
  if (!params.grant_type) {
    throw invalidRequest('grant_type is required');
  }
  if (params.grant_type !== 'client_credentials') {
    throw oauthError(
      ErrorCode.UnsupportedGrantType,
      'unsupported_grant_type',
      'Only the client_credentials grant is supported',
    );
  }
  if (
    basic &&
    (params.client_secret !== undefined || (params.client_id ?? basic.clientId) !== basic.clientId)
  ) {
    throw invalidRequest(
      'Authenticate with HTTP Basic or with client_secret in the body, not both',
    );
  }

  const clientId = basic?.clientId ?? params.client_id;
  const clientSecret = basic?.clientSecret ?? params.client_secret;
  if (!clientId || !clientSecret) {
    throw invalidClient(basic !== null);
  }

  return { clientId, clientSecret, isBasic: basic !== null };
}
