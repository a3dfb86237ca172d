import type { Response } from 'express';

export interface BrowserCookie {
  name: string;
  /** null clears the cookie. */
  value: string | null;
  path: string;
  maxAgeSeconds: number;
  isSecure: boolean;
}

/** Where a browser flow sends the browser next, and the cookie it sets or clears on the way. */
export interface BrowserRedirect {
  url: string;
  cookie?: BrowserCookie;
}

/** Answers a browser flow: 302 to the URL, with an httpOnly, SameSite=Lax cookie if any. */
export function sendRedirect(res: Response, redirect: BrowserRedirect): void {
  const { cookie } = redirect;
  if (cookie) {
    const options = {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: cookie.isSecure,
      path: cookie.path,
    };
    if (cookie.value === null) {
      res.clearCookie(cookie.name, options);
    } else {
      res.cookie(cookie.name, cookie.value, { ...options, maxAge: cookie.maxAgeSeconds * 1000 });
    }
  }
  res.redirect(302, redirect.url);
}

/** The value of one cookie in a `Cookie` request header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }

  return null;
}
