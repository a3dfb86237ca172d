import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves `<mount>/__test-idp/logout-confirm?xsrf=…` by posting oidc-provider's own confirmation
 * form (`logout=yes`) on the caller's behalf with the caller's cookies, then relaying the answer:
 * normally a 303 to the `post_logout_redirect_uri` and the cleared session cookie.
 */
export async function confirmLogout(
  req: IncomingMessage,
  res: ServerResponse,
  confirmUrl: string,
): Promise<void> {
  const xsrf = new URL(req.url ?? '', confirmUrl).searchParams.get('xsrf') ?? '';
  const answer = await fetch(confirmUrl, {
    body: new URLSearchParams({ logout: 'yes', xsrf }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: req.headers.cookie ?? '',
    },
    method: 'POST',
    redirect: 'manual',
  });

  res.statusCode = answer.status;
  for (const name of ['cache-control', 'content-type', 'location']) {
    const value = answer.headers.get(name);
    if (value !== null) {
      res.setHeader(name, value);
    }
  }
  res.setHeader('set-cookie', answer.headers.getSetCookie());
  res.end(Buffer.from(await answer.arrayBuffer()));
}
