import type { AdfNode } from './adf';

// Blocks whose children are laid out one per line rather than run together.
const LIST = new Set(['bulletList', 'orderedList', 'taskList', 'decisionList']);
const LIST_ITEM = new Set(['listItem', 'taskItem', 'decisionItem']);

/**
 * Plain text of an ADF document: paragraphs separated by a blank line, list items as `- item`,
 * mentions and emoji by their text, links by their URL. Unknown nodes give their children's text,
 * so a node type Jira adds later loses its formatting, never its words.
 */
export function adfToText(document: unknown): string {
  if (!isNode(document)) return '';
  return blocks(document.content ?? []).trim();
}

function blocks(nodes: AdfNode[], depth = 0): string {
  return nodes
    .map((node) => block(node, depth))
    .filter((text) => text !== '')
    .join(depth === 0 ? '\n\n' : '\n');
}

function block(node: AdfNode, depth: number): string {
  if (LIST.has(node.type)) {
    return (node.content ?? [])
      .map((item, index) => {
        const marker = node.type === 'orderedList' ? `${index + 1}.` : '-';
        const text = LIST_ITEM.has(item.type) ? blocks(item.content ?? [], depth + 1) : inline(item);
        return `${'  '.repeat(depth)}${marker} ${text}`;
      })
      .join('\n');
  }
  if (node.type === 'rule') return '---';
  if (node.content && node.content.some((child) => !isInline(child))) return blocks(node.content, depth);
  return inline(node);
}

function inline(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'emoji':
    case 'status':
      return stringAttr(node, 'text') ?? stringAttr(node, 'shortName') ?? '';
    case 'inlineCard':
      return stringAttr(node, 'url') ?? '';
    default:
      return (node.content ?? []).map(inline).join('');
  }
}

function isInline(node: AdfNode): boolean {
  return ['text', 'hardBreak', 'mention', 'emoji', 'status', 'inlineCard', 'date'].includes(node.type);
}

function stringAttr(node: AdfNode, name: string): string | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : undefined;
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as AdfNode).type === 'string';
}
