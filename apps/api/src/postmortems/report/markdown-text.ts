/**
 * Putting user text into Markdown without letting it change the document's structure: single-line
 * fields (titles, team names) are escaped, code is fenced safely, multi-line plain text keeps its
 * lines but cannot start a list, quote or heading, and embedded Markdown cannot swallow what follows.
 */

const NEWLINES = /\s*[\r\n]+\s*/g;
// Inline-significant characters. `#` too (a trailing "#" would close an ATX heading), `&` (an
// entity would render as another character) and `<` (autolinks, raw HTML).
const INLINE_SPECIAL = /[\\`*_[\]<>|~#&]/g;

/** A single line of literal text; line breaks become spaces. */
export function escapeInline(text: string): string {
  return text
    .replace(NEWLINES, ' ')
    .trim()
    .replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/** One line that may land at the start of a Markdown line: also neutralises list, heading and rule markers. */
function escapeLineStart(line: string): string {
  return escapeInline(line)
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

/**
 * Literal multi-line text inside a list item: each line kept (as a hard line break), continuation
 * lines indented by `indent` so they stay inside the item.
 */
export function escapeMultiline(text: string, indent: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(escapeLineStart)
    .join(`\\\n${indent}`);
}

/** An inline code span for any text: the fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const content = text.replace(NEWLINES, ' ');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each side when both are present; pad so the content survives.
  const pad =
    content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^( {0,3})(#{1,6})(?=\s|$)/;

/**
 * User-written Markdown placed under a section of the report: its headings move down by
 * `headingShift` levels (so a "# " in a summary does not compete with the report's title), and a
 * code fence left open is closed, so it cannot turn the rest of the report into code.
 */
export function embedMarkdown(markdown: string, headingShift: number): string {
  const out: string[] = [];
  let open: { char: string; length: number } | null = null;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    if (open) {
      const close = new RegExp(`^ {0,3}${open.char === '`' ? '`' : '~'}{${open.length},}\\s*$`);
      if (close.test(line)) open = null;
      out.push(line);
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    // A backtick fence's info string may not contain backticks (then the line is inline code).
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      open = { char: fence[1][0], length: fence[1].length };
      out.push(line);
      continue;
    }
    out.push(
      line.replace(
        ATX_HEADING,
        (_m, lead: string, hashes: string) => lead + '#'.repeat(Math.min(6, hashes.length + headingShift)),
      ),
    );
  }
  if (open) out.push(open.char.repeat(open.length));
  return out.join('\n').trim();
}
