/** The escape character of every LIKE pattern built here: `LIKE :pattern ESCAPE '!'`. */
export const LIKE_ESCAPE = '!';

/** A LIKE pattern matching `text` anywhere, with `%`, `_` and `!` in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}
