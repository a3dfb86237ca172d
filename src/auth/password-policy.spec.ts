import { unmetPasswordRules } from 'src/auth/password-policy';

describe('unmetPasswordRules', () => {
  it('accepts a password meeting every rule', () => {
    expect(unmetPasswordRules('Str0ng!pass')).toEqual([]);
    expect(unmetPasswordRules('aB3%aaaa')).toEqual([]);
  });

  it('names each rule that is not met', () => {
    expect(unmetPasswordRules('')).toHaveLength(5);
    expect(unmetPasswordRules('alllowercase1!')).toEqual(['must contain an uppercase letter']);
    expect(unmetPasswordRules('NoSpecial123')).toEqual(['must contain one of ! $ # %']);
    expect(unmetPasswordRules('Sh0rt!')).toEqual(['must be at least 8 characters long']);
  });

  it('counts letters of any script, and only ! $ # % as specials', () => {
    expect(unmetPasswordRules('Éé1!abcd')).toEqual([]);
    expect(unmetPasswordRules('ÉÉ1!ABCD')).toEqual(['must contain a lowercase letter']);
    expect(unmetPasswordRules('Abcdefg1&')).toEqual(['must contain one of ! $ # %']);
  });
});
