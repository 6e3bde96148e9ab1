import { createHash } from 'node:crypto';
import { MARKDOWN_STYLE } from '../../postmortems/report/html-document';

/**
 * The public page's only stylesheet. It is inline (the page loads nothing), and the page's policy
 * allows exactly this text by its hash, so no other style can run on it.
 */
export const PUBLIC_PAGE_STYLE = `
:root { color-scheme: light; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1b1b1b; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1.1rem; }
header p { color: #555; margin: .2rem 0; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d0d0; }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .3rem; }
h4, h5, h6 { font-size: 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ul, ol { padding-left: 1.3rem; }
li { margin: .2rem 0; }
${MARKDOWN_STYLE}
.category { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #555; }
.action { border: 1px solid #ddd; border-radius: 6px; padding: .2rem 1rem .8rem; margin: 1rem 0; }
.status { font-weight: 600; }
.outcome { margin: .4rem 0; }
.sparkline { display: block; width: 100%; max-width: 22rem; height: auto; margin: .3rem 0; }
.sparkline .line { fill: none; stroke: #0b57d0; stroke-width: 2; }
.sparkline .goal { stroke: #1a7f37; stroke-width: 1.5; stroke-dasharray: 5 4; }
.sparkline .baseline { stroke: #888; stroke-width: 1; stroke-dasharray: 2 3; }
.sparkline .last { fill: #0b57d0; }
.legend { font-size: .85rem; color: #555; margin: 0; }
footer { margin-top: 2.5rem; font-size: .85rem; color: #666; border-top: 1px solid #e0e0e0; padding-top: .6rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: underline; }
  h2, h3 { break-after: avoid; }
  .action, li, pre, blockquote { break-inside: avoid; }
  pre { white-space: pre-wrap; }
}
`;

/** The CSP source that allows the stylesheet above and nothing else. */
export const PUBLIC_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PUBLIC_PAGE_STYLE).digest('base64')}'`;

/**
 * Nothing loads, nothing runs, no form posts, no frame embeds the page: the only thing allowed is
 * its own stylesheet.
 */
export const PUBLIC_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PUBLIC_PAGE_STYLE_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
