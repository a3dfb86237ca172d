import { LoginTransaction, LoginTransactionsStore } from 'src/sso/login-transactions.store';
import { OidcStateStore } from 'src/sso/oidc/pkce-openidconnect.strategy';

/**
 * passport-openidconnect's state store, one per request, over the database: `store` writes
 * the transaction of a starting login, `verify` consumes the one a callback names.
 */
export class TransactionStateStore implements OidcStateStore {
  pending: { codeVerifier: string; target: string | null } | null = null;
  restored: LoginTransaction | null = null;

  constructor(
    private readonly transactions: LoginTransactionsStore,
    private readonly providerId: string,
    private readonly bindingHash: string,
  ) {}

  store(
    _req: unknown,
    ctx: { nonce?: string },
    _appState: unknown,
    _meta: unknown,
    callback: (error: Error | null, handle?: string) => void,
  ): void {
    if (!this.pending || !ctx.nonce) {
      callback(new Error('A login transaction needs a nonce and a code verifier'));

      return;
    }
    this.transactions
      .create({
        ...this.pending,
        bindingHash: this.bindingHash,
        nonce: ctx.nonce,
        providerId: this.providerId,
      })
      .then(
        (handle) => callback(null, handle),
        (error: Error) => callback(error),
      );
  }

  verify(
    _req: unknown,
    handle: string,
    callback: (error: Error | null, ctx?: false | { nonce?: string }, info?: unknown) => void,
  ): void {
    this.transactions.consume(handle, this.providerId, this.bindingHash).then(
      (result) => {
        if ('refusal' in result) {
          callback(null, false, new StateRefusal(result.refusal));

          return;
        }
        this.restored = result.transaction;
        callback(null, { nonce: result.transaction.nonce });
      },
      (error: Error) => callback(error),
    );
  }
}

export class StateRefusal {
  constructor(readonly refusal: string) {}
}
