import { escapeHtml, page, sendHtml } from 'libs/test-idp/html';
import type { ProviderInstance } from 'libs/test-idp/oidc-provider.loader';
import type { TestUser } from 'libs/test-idp/types';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction } from 'oidc-provider';

const MAX_BODY_BYTES = 64 * 1024;

export interface LoginDirectory {
  findByLogin(login: string): TestUser | undefined;
  isAutoLogin(): boolean;
}

/**
 * Serves `<mount>/interaction/:uid`: the login form (GET), its submission (POST), the headless
 * `login_hint` shortcut when auto-login is on, and an automatic consent fallback.
 * @throws oidc-provider's SessionNotFound when the interaction cookie is missing or stale.
 */
export async function handleInteraction(
  req: IncomingMessage,
  res: ServerResponse,
  provider: ProviderInstance,
  directory: LoginDirectory,
): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);

  if (interaction.prompt.name === 'consent') {
    return grantConsent(req, res, provider, interaction);
  }
  if (req.method === 'POST') {
    return submitLogin(req, res, provider, directory);
  }

  const hinted = directory.isAutoLogin() ? hintedUser(interaction, directory) : undefined;
  if (hinted) {
    return finishLogin(req, res, provider, hinted);
  }

  sendHtml(res, 200, loginForm(req, interaction.params.login_hint));
}

async function submitLogin(
  req: IncomingMessage,
  res: ServerResponse,
  provider: ProviderInstance,
  directory: LoginDirectory,
): Promise<void> {
  const form = await readForm(req);
  const login = form.get('login') ?? '';
  const user = directory.findByLogin(login);

  if (!user || user.password !== form.get('password')) {
    // 401 so a scripted client sees the failure; a browser shows the form again either way
    return sendHtml(res, 401, loginForm(req, login, 'Invalid login or password'));
  }

  return finishLogin(req, res, provider, user);
}

function finishLogin(
  req: IncomingMessage,
  res: ServerResponse,
  provider: ProviderInstance,
  user: TestUser,
): Promise<void> {
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  );
}

// loadExistingGrant normally grants everything; this covers what it cannot see (e.g. resources)
async function grantConsent(
  req: IncomingMessage,
  res: ServerResponse,
  provider: ProviderInstance,
  interaction: Interaction,
): Promise<void> {
  const details = interaction.prompt.details;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({
        accountId: interaction.session?.accountId,
        clientId: String(interaction.params.client_id),
      });
  if (!grant) {
    throw new Error('Grant of the interaction not found');
  }

  grant.addOIDCScope(asStrings(details.missingOIDCScope));
  grant.addOIDCClaims(asStrings(details.missingOIDCClaims));
  const grantId = await grant.save();

  return provider.interactionFinished(
    req,
    res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

function hintedUser(interaction: Interaction, directory: LoginDirectory): TestUser | undefined {
  const hint = interaction.params.login_hint;

  return typeof hint === 'string' ? directory.findByLogin(hint) : undefined;
}

function loginForm(req: IncomingMessage, login: unknown, error?: string): string {
  const action = escapeHtml((req.url ?? '').split('?')[0] ?? '');
  const value = typeof login === 'string' ? escapeHtml(login) : '';
  const alert = error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : '';

  return page(
    'Sign in',
    `<h1>Sign in</h1>${alert}
<form method="post" action="${action}">
  <label>Email or username <input name="login" autocomplete="username" value="${value}" autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <button id="submit" type="submit">Sign in</button>
</form>`,
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error('Login form body too large');
    }
    chunks.push(buffer);
  }

  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
