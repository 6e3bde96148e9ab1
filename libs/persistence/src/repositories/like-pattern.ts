/**
 * A `LIKE`/`ILIKE` pattern matching `text` anywhere, with the pattern's own wildcards (`%`, `_`)
 * and the escape character (`\`) in `text` taken literally: used with `ESCAPE '\'`, so a search for
 * "100%" or "db_pool" finds those words, not everything (docs/api.md, "Post-mortems").
 */
export function containsPattern(text: string): string {
  return `%${literalPattern(text)}%`;
}

/** A `LIKE` pattern matching what starts with `text`, taken literally as in `containsPattern`. */
export function prefixPattern(text: string): string {
  return `${literalPattern(text)}%`;
}

function literalPattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQL a `title` search adds, with `containsPattern`'s escape character. */
export const TITLE_CONTAINS_SQL = (column: string, param: string): string => `${column} ILIKE :${param} ESCAPE '\\'`;
