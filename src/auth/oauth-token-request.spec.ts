import { parseTokenRequest } from 'src/auth/oauth-token-request';
import { AppError } from 'src/common/errors/app-error';

const basic = (raw: string): string => `Basic ${Buffer.from(raw).toString('base64')}`;
const errorOf = (body: unknown, authorization?: string): unknown => {
  try {
    parseTokenRequest(body, authorization);

    return null;
  } catch (error) {
    return (error as AppError).options.extensions?.error;
  }
};

describe(parseTokenRequest.name, () => {
  it('form-decodes HTTP Basic credentials (RFC 6749 §2.3.1)', () => {
    const sut = parseTokenRequest({ grant_type: 'client_credentials' }, basic('my+id:p%3Ass%25'));

    expect(sut).toEqual({ clientId: 'my id', clientSecret: 'p:ss%', isBasic: true });
  });

  it('takes body credentials and ignores unknown parameters', () => {
    const sut = parseTokenRequest({
      grant_type: 'client_credentials',
      client_id: 'id',
      client_secret: 'secret',
      audience: 'ignored',
    });

    expect(sut).toEqual({ clientId: 'id', clientSecret: 'secret', isBasic: false });
  });

  it('names the RFC 6749 error of each malformed request', () => {
    expect(errorOf(undefined)).toBe('invalid_request');
    expect(errorOf('grant_type=client_credentials')).toBe('invalid_request');
    expect(errorOf({ grant_type: 'refresh_token' })).toBe('unsupported_grant_type');
    expect(errorOf({ grant_type: 'client_credentials', client_id: 'id' })).toBe('invalid_client');
    expect(errorOf({ grant_type: 'client_credentials', client_id: 'x' }, basic('id:s'))).toBe(
      'invalid_request',
    );
    expect(errorOf({ grant_type: 'client_credentials' }, basic(':secret'))).toBe('invalid_client');
  });
});
