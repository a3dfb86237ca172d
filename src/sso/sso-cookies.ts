import type { Request, Response } from 'express';
import { randomToken } from 'src/common/crypto/tokens';

/** Ties a login transaction to the browser that began it (RFC 6749 §10.12). */
export const BINDING_COOKIE = 'pwi_sso_binding';
/** Names the SSO sign-in that `GET /sso/{id}/logout` ends; scoped to that path. */
export const SIGN_IN_COOKIE = 'pwi_sso_sign_in';

const BINDING_MAX_AGE_MS = 10 * 60 * 1000;
const COOKIE_VALUE = /^[A-Za-z0-9_-]{16,128}$/;

export interface CookieScope {
  path: string;
  isSecure: boolean;
  maxAgeMs: number;
}

/** A cookie of ours from the request, or null when absent or not shaped like ours. */
export function readCookie(req: Request, name: string): string | null {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim();

      return COOKIE_VALUE.test(value) ? value : null;
    }
  }

  return null;
}

/**
 * The browser's binding value: the one it already has, so logins in two tabs both finish, or
 * a new one. Its lifetime is renewed to cover this login's transaction. HttpOnly and
 * SameSite=Lax, which browsers still send on the IdP's top-level redirect back.
 */
export function bindBrowser(req: Request, res: Response, isSecure: boolean): string {
  const value = readCookie(req, BINDING_COOKIE) ?? randomToken();
  setCookie(res, BINDING_COOKIE, value, { isSecure, maxAgeMs: BINDING_MAX_AGE_MS, path: '/sso/' });

  return value;
}

export function setCookie(res: Response, name: string, value: string, scope: CookieScope): void {
  res.cookie(name, value, {
    httpOnly: true,
    maxAge: scope.maxAgeMs,
    path: scope.path,
    sameSite: 'lax',
    secure: scope.isSecure,
  });
}

export function clearCookie(res: Response, name: string, scope: Omit<CookieScope, 'maxAgeMs'>) {
  res.clearCookie(name, {
    httpOnly: true,
    path: scope.path,
    sameSite: 'lax',
    secure: scope.isSecure,
  });
}
