import type { AdfBlock, AdfBulletList, AdfDocument, AdfInline, AdfListItem, AdfMark, AdfParagraph } from './adf';

/**
 * Markdown comments as ADF, for the little Markdown this service writes: paragraphs (a single line
 * break is kept as a hard break), `-`/`*` bullet lists nested by two-space indents, `inline code`,
 * **bold**, and [links](https://…). Everything else, HTML included, stays literal text: Jira shows
 * exactly what was written rather than something a converter guessed.
 */
export function markdownToAdf(markdown: string): AdfDocument {
  const content: AdfBlock[] = [];
  let paragraph: string[] = [];
  let items: Array<{ depth: number; text: string }> = [];

  const flushParagraph = () => {
    if (paragraph.length > 0) content.push(toParagraph(paragraph));
    paragraph = [];
  };
  const flushList = () => {
    if (items.length > 0) content.push(toList(items));
    items = [];
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const item = /^( *)[-*+] +(.*)$/.exec(line);
    if (item) {
      flushParagraph();
      items.push({ depth: Math.floor(item[1].length / 2), text: item[2] });
    } else if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else if (items.length > 0 && /^ {2,}\S/.test(line)) {
      // A lazy continuation line of the last list item.
      items[items.length - 1].text += ` ${line.trim()}`;
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return { type: 'doc', version: 1, content };
}

function toParagraph(lines: string[]): AdfParagraph {
  const content: AdfInline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) content.push({ type: 'hardBreak' });
    content.push(...inlineNodes(line));
  });
  return { type: 'paragraph', content };
}

function toList(items: Array<{ depth: number; text: string }>): AdfBulletList {
  const root: AdfBulletList = { type: 'bulletList', content: [] };
  // The open list at each depth: each item opens a (so far empty) list for deeper items to join; an
  // item indented more than one level below its parent counts as one level deeper.
  const open: AdfBulletList[] = [root];
  for (const { depth, text } of items) {
    const level = Math.min(depth, open.length - 1);
    open.length = level + 1;
    const listItem: AdfListItem = { type: 'listItem', content: [{ type: 'paragraph', content: inlineNodes(text) }] };
    open[level].content.push(listItem);
    const nested: AdfBulletList = { type: 'bulletList', content: [] };
    open.push(nested);
    listItem.content.push(nested);
  }
  return pruneEmptyLists(root);
}

// Every item was given a nested list in case a deeper item followed; ADF forbids empty lists.
function pruneEmptyLists(list: AdfBulletList): AdfBulletList {
  for (const item of list.content) {
    item.content = item.content
      .filter((child) => child.type !== 'bulletList' || child.content.length > 0)
      .map((child) => (child.type === 'bulletList' ? pruneEmptyLists(child) : child));
  }
  return list;
}

const SAFE_LINK = /^(https?:\/\/|mailto:)[^\s]+$/i;

/** Inline Markdown to text nodes; `marks` are the ones of the enclosing span (bold). */
function inlineNodes(source: string, marks: AdfMark[] = []): AdfInline[] {
  const nodes: AdfInline[] = [];
  let literal = '';
  const pushText = (text: string, textMarks: AdfMark[]) => {
    if (text === '') return;
    const last = nodes[nodes.length - 1];
    if (last?.type === 'text' && sameMarks(last.marks ?? [], textMarks)) last.text += text;
    else nodes.push(textMarks.length > 0 ? { type: 'text', text, marks: textMarks } : { type: 'text', text });
  };
  const flush = () => {
    pushText(literal, marks);
    literal = '';
  };

  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const escaped = /^\\([\\`*_[\]()#+\-.!<>])/.exec(rest);
    const code = /^`([^`]+)`/.exec(rest);
    const bold = /^\*\*(.+?)\*\*/.exec(rest);
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
    if (escaped) {
      literal += escaped[1];
      i += escaped[0].length;
    } else if (code) {
      flush();
      // ADF lets the code mark combine only with link, so bold is dropped inside code.
      pushText(code[1], [...marks.filter((m) => m.type === 'link'), { type: 'code' }]);
      i += code[0].length;
    } else if (bold && !marks.some((m) => m.type === 'strong')) {
      flush();
      for (const node of inlineNodes(bold[1], [...marks, { type: 'strong' }])) {
        if (node.type === 'text') pushText(node.text, node.marks ?? []);
      }
      i += bold[0].length;
    } else if (link && SAFE_LINK.test(link[2])) {
      flush();
      for (const node of inlineNodes(link[1], [...marks, { type: 'link', attrs: { href: link[2] } }])) {
        if (node.type === 'text') pushText(node.text, node.marks ?? []);
      }
      i += link[0].length;
    } else {
      literal += source[i];
      i += 1;
    }
  }
  flush();
  return nodes;
}

function sameMarks(a: AdfMark[], b: AdfMark[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
