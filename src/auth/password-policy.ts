/** The product's password rules; every unmet rule is reported, not only the first. */
const RULES: ReadonlyArray<[RegExp, string]> = [
  [/^.{8,}$/su, 'must be at least 8 characters long'],
  // Letters in any script count, so an É or a ß satisfies the rule like an E or an s.
  [/\p{Ll}/u, 'must contain a lowercase letter'],
  [/\p{Lu}/u, 'must contain an uppercase letter'],
  [/[0-9]/, 'must contain a digit'],
  [/[!$#%]/, 'must contain one of ! $ # %'],
];

export const MAX_PASSWORD_LENGTH = 256;

export function unmetPasswordRules(password: string): string[] {
  const unmet = RULES.filter(([rule]) => !rule.test(password)).map(([, message]) => message);
  if (password.length > MAX_PASSWORD_LENGTH) {
    unmet.push(`must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  }

  return unmet;
}
