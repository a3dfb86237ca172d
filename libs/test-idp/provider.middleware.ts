import { otherSub, tamperIdToken, type TamperKeys } from 'libs/test-idp/misbehaviour';
import type { Misbehaviour } from 'libs/test-idp/types';
import type { KoaContextWithOIDC } from 'oidc-provider';

/** Path, under the tenant mount, that turns a GET into the end-session confirmation POST. */
export const LOGOUT_CONFIRM_PATH = '/__test-idp/logout-confirm';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => Promise<void>;

export interface MisbehaviourSource extends TamperKeys {
  currentMisbehaviour(): Misbehaviour | null;
}

/**
 * Rewrites token and userinfo answers after oidc-provider produced them, so a misbehaving tenant
 * is a real OP with one defect rather than a hand-written fake.
 */
export function misbehaviourMiddleware(source: MisbehaviourSource): Middleware {
  return async (ctx, next) => {
    await next();

    const misbehaviour = source.currentMisbehaviour();
    const body = ctx.body;
    if (!misbehaviour || ctx.status !== 200 || !isRecord(body)) {
      return;
    }

    const route = routeOf(ctx);
    if (route === 'token' && typeof body.id_token === 'string') {
      const idToken = await tamperIdToken(body.id_token, misbehaviour.kind, source);
      ctx.body = { ...body, id_token: idToken };
    } else if (route === 'userinfo' && misbehaviour.kind === 'userinfo-other-sub') {
      ctx.body = { ...body, sub: otherSub(String(body.sub)) };
    }
  };
}

/**
 * oidc-provider answers the end-session endpoint with a confirmation form (or an auto-submitting
 * one when nobody is signed in), which a redirect-following HTTP client cannot get past. This
 * turns that page into a redirect to our GET confirmation route, which posts the form for it.
 */
export function logoutRedirectMiddleware(mountPath: string): Middleware {
  return async (ctx, next) => {
    await next();

    const secret = ctx.oidc?.session?.state?.secret;
    if (routeOf(ctx) !== 'end_session' || ctx.status !== 200 || typeof secret !== 'string') {
      return;
    }

    // the session, holding the xsrf secret, was persisted by the route before we got here
    ctx.status = 303;
    ctx.redirect(`${mountPath}${LOGOUT_CONFIRM_PATH}?xsrf=${encodeURIComponent(secret)}`);
  };
}

// ctx.oidc only exists on routes oidc-provider matched
function routeOf(ctx: KoaContextWithOIDC): string | undefined {
  return (ctx.oidc as KoaContextWithOIDC['oidc'] | undefined)?.route;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value);
}
