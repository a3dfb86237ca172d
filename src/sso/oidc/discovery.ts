/**
 * OpenID Provider discovery as a pipeline of small steps, each failing with its own code:
 *   1. compute the discovery URL from the issuer (OIDC Discovery §4);
 *   2. check the URL against the policy (https, public host);
 *   3. fetch it with a timeout, without following redirects;
 *   4. check the document's issuer (§4.3: it must be the one asked for);
 *   5. check the fields a code flow needs, and that each endpoint passes the policy too.
 */

export type DiscoveryErrorCode =
  | 'url_refused'
  | 'timeout'
  | 'unreachable'
  | 'http_status'
  | 'invalid_document'
  | 'issuer_mismatch'
  | 'missing_field'
  | 'endpoint_refused'
  | 'keys_unavailable';

/** A discovery step failed; the message is safe to show an administrator. */
export class DiscoveryError extends Error {
  constructor(
    readonly code: DiscoveryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DiscoveryError';
  }
}

/** The parts of a provider's metadata this service uses. */
export interface OidcMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly userinfo_endpoint?: string;
  readonly end_session_endpoint?: string;
}

export interface DiscoveryOptions {
  /** Why a URL may not be used, or null (see IssuerUrlPolicy). */
  refusalOf(url: URL): string | null;
  /** The issuer to keep given the document's, or null to refuse it (see OidcPlugin). */
  acceptIssuer(discovered: string): string | null;
  timeoutMs: number;
}

const MAX_DOCUMENT_BYTES = 512 * 1024;
const REQUIRED_ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
const OPTIONAL_ENDPOINTS = ['userinfo_endpoint', 'end_session_endpoint'] as const;

/** @throws DiscoveryError */
export async function discover(issuer: string, options: DiscoveryOptions): Promise<OidcMetadata> {
  const url = discoveryUrlFor(issuer);
  checkUrl(url, options, 'url_refused', 'The discovery URL');
  const document = await fetchJson(url, options.timeoutMs, 'discovery document');
  const acceptedIssuer = checkIssuer(document, issuer, options);

  return checkFields(document, acceptedIssuer, options);
}

/** Fetches a JSON document the way discovery does: a timeout, no redirects, a size cap. */
export async function fetchJson(
  url: URL,
  timeoutMs: number,
  what: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    const isTimeout = (cause as Error).name === 'TimeoutError';
    throw new DiscoveryError(
      isTimeout ? 'timeout' : 'unreachable',
      isTimeout
        ? `The ${what} did not answer within ${timeoutMs} ms`
        : `The ${what} could not be reached`,
      { cause },
    );
  }

  return readJsonObject(response, what);
}

function discoveryUrlFor(issuer: string): URL {
  try {
    return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  } catch (cause) {
    throw new DiscoveryError('url_refused', 'The issuer is not a URL', { cause });
  }
}

function checkUrl(
  url: URL,
  options: DiscoveryOptions,
  code: DiscoveryErrorCode,
  what: string,
): void {
  const refusal = options.refusalOf(url);
  if (refusal) {
    throw new DiscoveryError(code, `${what} ${refusal}`);
  }
}

async function readJsonObject(response: Response, what: string): Promise<Record<string, unknown>> {
  if (response.status !== 200) {
    void response.body?.cancel();
    throw new DiscoveryError('http_status', `The ${what} answered HTTP ${response.status}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length <= MAX_DOCUMENT_BYTES ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DiscoveryError('invalid_document', `The ${what} is not a JSON object`);
  }

  return body as Record<string, unknown>;
}

function checkIssuer(
  document: Record<string, unknown>,
  expected: string,
  options: DiscoveryOptions,
): string {
  const discovered = document.issuer;
  const accepted = typeof discovered === 'string' ? options.acceptIssuer(discovered) : null;
  if (!accepted) {
    throw new DiscoveryError(
      'issuer_mismatch',
      `The discovery document names the issuer ${JSON.stringify(discovered ?? null)}, ` +
        `not ${expected}`,
    );
  }

  return accepted;
}

function checkFields(
  document: Record<string, unknown>,
  issuer: string,
  options: DiscoveryOptions,
): OidcMetadata {
  const endpoints: Record<string, string> = {};
  for (const field of [...REQUIRED_ENDPOINTS, ...OPTIONAL_ENDPOINTS]) {
    const value = document[field];
    if (value === undefined && !(REQUIRED_ENDPOINTS as readonly string[]).includes(field)) {
      continue;
    }
    const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null;
    if (!url) {
      throw new DiscoveryError('missing_field', `The discovery document has no valid ${field}`);
    }
    checkUrl(url, options, 'endpoint_refused', `The ${field}`);
    endpoints[field] = url.href;
  }

  return { ...(endpoints as Omit<OidcMetadata, 'issuer'>), issuer };
}
