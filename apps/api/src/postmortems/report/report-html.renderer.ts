import { htmlDocument, MARKDOWN_STYLE } from './html-document';
import { safeMarkdown } from './safe-markdown';

// Images from the service's own origin only (docs/reporting.md, "Post-mortem write-up").
const renderMarkdown = safeMarkdown('same-origin');

const STYLE = `
  :root { color-scheme: light; }
  body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
         color: #1b1b1b; background: #fff; max-width: 48rem; margin: 2.5rem auto; padding: 0 1.25rem; }
  h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; }
  h1 + p { color: #555; margin-top: 0; }
  h2 { font-size: 1.35rem; margin-top: 2.25rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d0d0; }
  h3 { font-size: 1.1rem; margin-top: 1.5rem; }
  h4, h5, h6 { font-size: 1rem; }
  ul { padding-left: 1.4rem; }
  li { margin: .15rem 0; }
${MARKDOWN_STYLE}  img { max-width: 100%; }
  @media print {
    body { margin: 0; max-width: none; font-size: 11pt; }
    a { color: inherit; text-decoration: underline; }
    h2, h3 { break-after: avoid; }
    li, pre, blockquote { break-inside: avoid; }
    pre { white-space: pre-wrap; }
  }`;

/** A complete, standalone HTML5 document for the report's Markdown: inline CSS, nothing external. */
export function renderReportHtml(reportMarkdown: string, title: string): string {
  return htmlDocument(title, `${STYLE}\n`, ['<main>', renderMarkdown(reportMarkdown).trimEnd(), '</main>'].join('\n'));
}
