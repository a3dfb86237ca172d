const DEFAULT_MAX_STEPS = 10;

export interface LoginCredentials {
  login: string;
  password: string;
}

export interface FollowOptions {
  /** Cookies to send and keep; pass one jar to stay signed in across calls. */
  jar?: CookieJar;
  maxSteps?: number;
}

interface PendingRequest {
  body?: URLSearchParams;
  url: string;
}

/**
 * The cookies of one host, keyed by name: paths and domains are ignored, which is enough because
 * every test-idp tenant uses its own cookie names.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(setCookieHeaders: string[]): void {
    for (const header of setCookieHeaders) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || attributes.some(isExpiry)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }
}

/**
 * Drives a login the way a browser would, without one: follows redirects from `authorizeUrl`,
 * fills the test-idp login form with `credentials` when it appears, and stops at the first
 * redirect to the `redirect_uri` seen on the way, returning that URL (with `code` and `state`, or
 * `error`) without fetching it.
 * @throws Error when the credentials are rejected, an unexpected page appears, or there are too
 * many steps.
 */
export async function followLogin(
  authorizeUrl: string,
  credentials: LoginCredentials,
  options: FollowOptions = {},
): Promise<string> {
  const jar = options.jar ?? new CookieJar();
  let request: PendingRequest = { url: authorizeUrl };
  let redirectUri: string | undefined;
  let hasPostedCredentials = false;

  for (let step = 0; step < (options.maxSteps ?? DEFAULT_MAX_STEPS); step++) {
    redirectUri = new URL(request.url).searchParams.get('redirect_uri') ?? redirectUri;
    const response = await send(request, jar);
    const location = redirectTarget(response, request.url);
    if (location) {
      if (redirectUri && isSameEndpoint(location, redirectUri)) {
        return location;
      }
      request = { url: location };
      continue;
    }

    const html = await response.text();
    if (hasPostedCredentials) {
      throw new Error(`followLogin: login rejected with ${response.status}: ${excerpt(html)}`);
    }
    request = loginSubmission(html, request.url, credentials, response.status);
    hasPostedCredentials = true;
  }

  throw new Error('followLogin: too many steps');
}

/**
 * Follows redirects from an end-session URL and returns the first redirect to its
 * `post_logout_redirect_uri` (not fetched), or the URL of the first non-redirect answer.
 * @throws Error when there are too many steps.
 */
export async function followLogout(
  endSessionUrl: string,
  options: FollowOptions = {},
): Promise<string> {
  const jar = options.jar ?? new CookieJar();
  const target = new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri');
  let url = endSessionUrl;

  for (let step = 0; step < (options.maxSteps ?? DEFAULT_MAX_STEPS); step++) {
    const location = redirectTarget(await send({ url }, jar), url);
    if (!location || (target && isSameEndpoint(location, target))) {
      return location ?? url;
    }
    url = location;
  }

  throw new Error('followLogout: too many steps');
}

async function send(request: PendingRequest, jar: CookieJar): Promise<Response> {
  const headers: Record<string, string> = { cookie: jar.header() };
  if (request.body) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const response = await fetch(request.url, {
    body: request.body,
    headers,
    method: request.body ? 'POST' : 'GET',
    redirect: 'manual',
  });
  jar.store(response.headers.getSetCookie());

  return response;
}

// every redirect becomes a GET, as 301/302/303 do in browsers; test-idp sends no 307/308
function redirectTarget(response: Response, base: string): string | undefined {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    return undefined;
  }
  void response.body?.cancel();

  return new URL(location, base).href;
}

function loginSubmission(
  html: string,
  pageUrl: string,
  credentials: LoginCredentials,
  status: number,
): PendingRequest {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form || !/name="password"/.test(form[2] ?? '')) {
    throw new Error(`followLogin: no login form at ${pageUrl} (${status}): ${excerpt(html)}`);
  }

  const body = new URLSearchParams();
  for (const [, attributes = ''] of (form[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const name = attributeOf(attributes, 'name');
    if (name && attributeOf(attributes, 'type') === 'hidden') {
      body.set(name, attributeOf(attributes, 'value') ?? '');
    }
  }
  body.set('login', credentials.login);
  body.set('password', credentials.password);

  return { body, url: new URL(attributeOf(form[1] ?? '', 'action') ?? '', pageUrl).href };
}

function attributeOf(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attributes);

  return match?.[1]
    ?.replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function isSameEndpoint(url: string, endpoint: string): boolean {
  const a = new URL(url);
  const b = new URL(endpoint);

  return a.origin === b.origin && a.pathname === b.pathname;
}

function isExpiry(attribute: string): boolean {
  const [key = '', value = ''] = attribute.split('=').map((part) => part.trim());
  if (/^max-age$/i.test(key)) {
    return Number(value) <= 0;
  }

  return /^expires$/i.test(key) && Date.parse(value) <= Date.now();
}

function excerpt(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
