/**
 * The minimal dashboard this service serves when DASHBOARD_URL is left at its default: enough
 * to finish an SSO sign-in (trade the one-time code) and to show who is signed in. Helmet's CSP
 * forbids inline scripts, so the script is a file of its own, and it writes text only through
 * textContent.
 */

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;
padding:0 1rem;color:#1d2433}
h1{font-size:1.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{color:#5b6475}button,input{font:inherit;padding:.4rem .8rem}.error{color:#a4262c}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script src="/dashboard/app.js" defer></script>
</body>
</html>
`;
}

export const DASHBOARD_PAGE = page(
  'Patchworks dashboard',
  `<h1>Patchworks dashboard</h1>
<p id="status" role="status">Signing you in…</p>
<section id="signed-in" hidden>
  <dl>
    <dt>Signed in as</dt><dd id="name"></dd>
    <dt>Email</dt><dd id="email"></dd>
    <dt>Role</dt><dd id="role"></dd>
    <dt>Company</dt><dd id="company"></dd>
    <dt>Signed in through</dt><dd id="method"></dd>
  </dl>
  <button id="sign-out" type="button">Sign out</button>
</section>
<p><a id="to-login" href="/dashboard/login" hidden>Sign in</a></p>`,
);

export const LOGIN_PAGE = page(
  'Sign in · Patchworks',
  `<h1>Sign in</h1>
<p id="error" class="error" role="alert" hidden></p>
<form id="sso-form">
  <label>Work email
    <input id="sso-email" name="email" type="email" autocomplete="email" required>
  </label>
  <button type="submit">Continue with SSO</button>
</form>
<p id="status" role="status"></p>`,
);

export const DASHBOARD_SCRIPT = `'use strict';
(() => {
  const TOKEN = 'patchworks.token';
  const MESSAGES = {
    provider_unavailable: 'This sign-in link is not active. Ask your administrator.',
    discovery_failed: 'Your identity provider could not be reached. Try again shortly.',
    issuer_mismatch: 'The sign-in came from an identity provider this link does not belong to.',
    invalid_request: 'The sign-in response was incomplete. Start again.',
    invalid_state: 'This sign-in has expired or was already used. Start again.',
    access_denied: 'The sign-in was cancelled or refused by your identity provider.',
    idp_error: 'Your identity provider reported an error.',
    token_exchange_failed: 'Your identity provider did not confirm the sign-in.',
    invalid_id_token: 'The identity provider sent an answer that failed our checks.',
    invalid_userinfo: 'The identity provider described someone else.',
    email_missing: 'Your identity provider did not share your email address.',
    account_not_found: 'There is no account for you here. Ask your administrator.',
    account_inactive: 'Your account is deactivated.',
    company_inactive: 'Your company no longer has access.',
    server_error: 'Something went wrong on our side.',
  };
  const byId = (id) => document.getElementById(id);
  const say = (text) => { byId('status').textContent = text; };
  const call = async (path, init = {}) => {
    const headers = { accept: 'application/json', ...init.headers };
    const res = await fetch(path, { ...init, headers });
    const body = await res.json().catch(() => ({}));
    return { ok: res.ok, body };
  };
  const bearer = (token) => ({ authorization: 'Bearer ' + token });

  async function dashboard() {
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    if (code) {
      params.delete('code');
      history.replaceState(null, '', location.pathname + (params.size ? '?' + params : ''));
      const traded = await call('/api/v1/login/sso', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if (!traded.ok) {
        byId('to-login').hidden = false;
        return say('This sign-in link has expired or was already used. Sign in again.');
      }
      sessionStorage.setItem(TOKEN, traded.body.token);
    }
    const token = sessionStorage.getItem(TOKEN);
    const me = token ? await call('/api/v1/me', { headers: bearer(token) }) : { ok: false };
    if (!me.ok) {
      sessionStorage.removeItem(TOKEN);
      byId('to-login').hidden = false;
      return say('You are not signed in.');
    }
    byId('name').textContent = me.body.first_name + ' ' + me.body.last_name;
    byId('email').textContent = me.body.email;
    byId('role').textContent = me.body.role;
    byId('company').textContent = me.body.company.name;
    byId('method').textContent = me.body.sso_provider_id ? 'single sign-on' : 'password';
    byId('signed-in').hidden = false;
    say('You are signed in.');
    byId('sign-out').addEventListener('click', async () => {
      await call('/api/v1/logout', { method: 'POST', headers: bearer(token) });
      sessionStorage.removeItem(TOKEN);
      const provider = me.body.sso_provider_id;
      const idpLogout = '/sso/' + encodeURIComponent(provider) + '/logout';
      location.assign(provider ? idpLogout : '/dashboard/login');
    });
  }

  function login() {
    const error = new URLSearchParams(location.search).get('error');
    if (error) {
      byId('error').textContent = (MESSAGES[error] || 'The sign-in failed.') + ' (' + error + ')';
      byId('error').hidden = false;
    }
    byId('sso-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const email = byId('sso-email').value;
      const found = await call('/api/v1/sso/discover?email=' + encodeURIComponent(email));
      if (found.ok) {
        location.assign(found.body.sso_url);
      } else {
        say('No single sign-on is set up for that email domain.');
      }
    });
  }

  if (byId('sso-form')) {
    login();
  } else {
    dashboard().catch(() => say('Something went wrong on our side.'));
  }
})();
`;
