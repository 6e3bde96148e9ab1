import { escapeHtml } from './html-escape';

/**
 * How rendered Markdown reads in the service's standalone documents (the write-up, the public
 * page): code, quotes, tables that scroll on a phone, links that wrap.
 */
export const MARKDOWN_STYLE = `
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f2f2f2;
       padding: .1em .3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: #f6f6f6; padding: .75rem 1rem; border-radius: 4px; overflow-x: auto; }
pre code { background: none; padding: 0; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #ccc; color: #444; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
a { color: #0b57d0; overflow-wrap: anywhere; }
`;

/**
 * A complete HTML5 document, readable on a phone: its one stylesheet inline, nothing external.
 * `head` adds elements that load nothing (a feed's alternate link).
 */
export function htmlDocument(title: string, style: string, body: string, head = ''): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    ...(head ? [head] : []),
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
