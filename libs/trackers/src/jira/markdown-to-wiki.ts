import { markdownToAdf } from './markdown-to-adf';
import type { AdfBlock, AdfInline } from './adf';

/**
 * Markdown as Jira wiki markup, the rich text of Jira Data Center's REST v2 comments. It goes
 * through the same ADF tree as Cloud comments, so both deployments read the same Markdown the same
 * way: `*bold*`, `{{code}}`, `[text|url]`, `*`/`**` bullets, and a backslash before any character
 * wiki markup would otherwise read as formatting.
 */
export function markdownToWiki(markdown: string): string {
  return markdownToAdf(markdown)
    .content.map((block) => wikiBlock(block, 1))
    .join('\n\n');
}

function wikiBlock(block: AdfBlock, depth: number): string {
  if (block.type === 'paragraph') return block.content.map(wikiInline).join('');
  return block.content
    .map((item) =>
      item.content
        .map((child) =>
          child.type === 'paragraph' ? `${'*'.repeat(depth)} ${wikiBlock(child, depth)}` : wikiBlock(child, depth + 1),
        )
        .join('\n'),
    )
    .join('\n');
}

function wikiInline(node: AdfInline): string {
  if (node.type === 'hardBreak') return '\n';
  const marks = node.marks ?? [];
  const code = marks.some((m) => m.type === 'code');
  // Inside {{…}} only braces need escaping; elsewhere every formatting character does.
  let text = code ? `{{${node.text.replace(/([{}])/g, '\\$1')}}}` : escapeWiki(node.text);
  if (marks.some((m) => m.type === 'strong')) text = `*${text}*`;
  const link = marks.find((m) => m.type === 'link');
  if (link && link.type === 'link') text = `[${text}|${link.attrs.href}]`;
  return text;
}

function escapeWiki(text: string): string {
  return text.replace(/([*_{}[\]|+^~?!#\\-])/g, '\\$1');
}
