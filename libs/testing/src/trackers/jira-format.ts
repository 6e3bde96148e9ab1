/** Jira's date-time format: millisecond precision and an offset without a colon. */
export function jiraDateTime(at: Date): string {
  return at.toISOString().replace('Z', '+0000');
}

/** Plain text as the ADF document Jira stores: paragraphs on blank lines, hard breaks within. */
export function textToAdf(text: string): { type: 'doc'; version: 1; content: unknown[] } {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p
        .split('\n')
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line === '' ? [] : [{ type: 'text', text: line }]),
        ]),
    })),
  };
}

/** All the words of an ADF document, one block per line: enough for a test to read a comment. */
export function adfWords(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, content } = node as { type?: string; text?: string; content?: unknown[] };
  if (type === 'text') return text ?? '';
  if (type === 'hardBreak') return '\n';
  const children = (content ?? []).map(adfWords);
  const inline = (content ?? []).every((c) => ['text', 'hardBreak'].includes((c as { type?: string }).type ?? ''));
  return children.join(inline ? '' : '\n');
}
