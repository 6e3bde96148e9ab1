import { h } from './dom.js';

/**
 * A post-mortem summary's Markdown, shown as structure but never as markup: headings, bullet and
 * numbered lists and paragraphs become elements whose text is set as text, so nothing a writer typed
 * can become HTML or script. Inline emphasis and links stay literal; the write-up
 * (`/api/v1/postmortems/:id/report?format=html`) is the fully rendered version.
 */
export function markdownBlocks(source) {
  const blocks = [];
  let list = null;
  let paragraph = [];
  const flush = () => {
    if (paragraph.length) blocks.push(h('p', null, paragraph.join(' ')));
    paragraph = [];
  };
  for (const raw of String(source ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flush();
      const tag = bullet ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== tag) blocks.push((list = h(tag)));
      list.append(h('li', null, (bullet ?? numbered)[1]));
      continue;
    }
    list = null;
    if (heading) {
      flush();
      // Summary headings sit below the page's own h2 sections.
      blocks.push(h(`h${Math.min(6, heading[1].length + 2)}`, null, heading[2]));
    } else if (!line) flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}
