// Characters that start Markdown formatting inline (GitHub's and the Jira converter's).
const INLINE_SYNTAX = /[\\`*_{}[\]<>|~#]/g;
// A mention or team mention (`@alice`, `@acme/sre`) would notify people from the service's account.
const MENTION = /@(?=[a-z0-9])/gi;
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Text from people (a title, a metric's name, a reason quoting them) as Markdown that shows it as
 * typed, on one line: no formatting, no links, no headings, and no one notified.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(INLINE_SYNTAX, (c) => `\\${c}`)
    .replace(MENTION, `@${ZERO_WIDTH_SPACE}`);
}
