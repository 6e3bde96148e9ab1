import type { ContributingFactor } from '@app/persistence';
import { htmlDocument } from '../../postmortems/report/html-document';
import { embedMarkdown } from '../../postmortems/report/markdown-text';
import { escapeHtml } from '../../postmortems/report/html-escape';
import { formatInstant, formatSpan, statusLabel } from '../../postmortems/report/report-values';
import { safeMarkdown } from '../../postmortems/report/safe-markdown';
import { FEED_PATH } from './atom-feed';
import { formatDay, outcomeWords } from './outcome-words';
import { PUBLIC_PAGE_STYLE } from './public-page-style';
import type { PublicAction, PublicPostmortem } from './public-view.model';
import { sparklineSvg } from './sparkline';

// The page loads nothing: an image in the summary becomes a link or its alt text.
const renderMarkdown = safeMarkdown('none');

const KIND_LABELS: Record<PublicPostmortem['kind'], string> = {
  incident: 'Incident post-mortem',
  success: 'Success review',
  premortem: 'Pre-mortem',
};

const CATEGORY_ORDER: ContributingFactor['category'][] = ['technology', 'process', 'people'];

export interface PublicPageOptions {
  /** Who publishes: the organisation's name, shown in the footer. */
  publisher: string;
}

/**
 * The public page of a published post-mortem: a complete HTML document, readable on a phone and on
 * paper, that loads nothing and runs nothing. Pure: the view in, the document out. Every user text
 * is escaped, and the public summary's Markdown is rendered without raw HTML.
 */
export function renderPublicPage(view: PublicPostmortem, options: PublicPageOptions): string {
  const body = [
    header(view),
    '<main>',
    facts(view),
    section('Summary', renderMarkdown(embedMarkdown(view.summary, 2)).trim() || '<p>No summary.</p>'),
    view.timeline === null ? '' : section('Timeline', timeline(view.timeline)),
    section('Contributing factors', factors(view.contributingFactors)),
    view.actions === null ? '' : section('Corrective actions and their measured outcomes', actions(view.actions)),
    '</main>',
    footer(view, options),
  ];
  // Feed readers find the feed from any published page; the link itself loads nothing.
  const feed = `<link rel="alternate" type="application/atom+xml" title="Published post-mortems" href="${FEED_PATH}">`;
  return htmlDocument(view.title, PUBLIC_PAGE_STYLE, body.filter((part) => part !== '').join('\n'), feed);
}

function header(view: PublicPostmortem): string {
  const severity = view.severity ? ` · ${view.severity}` : '';
  return [
    '<header>',
    `<p class="category">${KIND_LABELS[view.kind]}${severity}</p>`,
    `<h1>${escapeHtml(view.title)}</h1>`,
    `<p>Published ${time(view.publishedAt, formatDay(view.publishedAt))}${
      view.updatedAt.getTime() > view.publishedAt.getTime()
        ? ` · updated ${time(view.updatedAt, formatDay(view.updatedAt))}`
        : ''
    }</p>`,
    '</header>',
  ].join('\n');
}

function facts(view: PublicPostmortem): string {
  const rows: Array<[string, string]> = [['Kind', KIND_LABELS[view.kind]]];
  if (view.severity) rows.push(['Severity', view.severity]);
  if (view.occurredAt) rows.push(['Began', time(view.occurredAt, formatInstant(view.occurredAt))]);
  if (view.resolvedAt) rows.push(['Resolved', time(view.resolvedAt, formatInstant(view.resolvedAt))]);
  if (view.occurredAt && view.resolvedAt)
    rows.push(['Duration', formatSpan(view.resolvedAt.getTime() - view.occurredAt.getTime())]);
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function timeline(entries: NonNullable<PublicPostmortem['timeline']>): string {
  if (entries.length === 0) return '<p>No timeline recorded.</p>';
  const ordered = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const items = ordered.map((entry) => {
    const at = new Date(entry.at);
    return `<li>${time(at, formatInstant(at))} — ${multiline(entry.text)}</li>`;
  });
  return `<ol>${items.join('')}</ol>`;
}

/** Triggers (the sharp end) and latent conditions (the blunt end), each by technology, process, people. */
function factors(all: ContributingFactor[]): string {
  if (all.length === 0) return '<p>None recorded.</p>';
  const group = (kind: ContributingFactor['kind'], title: string) => {
    const chosen = all
      .filter((f) => f.kind === kind)
      .sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
    if (chosen.length === 0) return '';
    const items = chosen.map((f) => `<li><span class="category">${f.category}</span> ${multiline(f.text)}</li>`);
    return `<h3>${title}</h3><ul>${items.join('')}</ul>`;
  };
  return group('trigger', 'What triggered it') + group('latent', 'Conditions that let it happen');
}

function actions(list: PublicAction[]): string {
  if (list.length === 0) return '<p>No corrective actions recorded.</p>';
  const verified = list.filter((a) => a.status === 'verified');
  const byTelemetry = verified.filter((a) => a.verification === 'telemetry').length;
  const overview = `${list.length} corrective ${list.length === 1 ? 'action' : 'actions'}: ${verified.length} verified (${byTelemetry} by telemetry), ${list.length - verified.length} not yet.`;
  const legend =
    '<p class="legend">Charts: each check of the metric (solid), its goal (dashed) and its level before the fix (dotted).</p>';
  return [
    `<p>${overview}</p>`,
    list.some((a) => a.metrics.some((m) => m.trend.length)) ? legend : '',
    ...list.map(action),
  ].join('\n');
}

function action(item: PublicAction): string {
  const charts = item.metrics
    .map((metric) => sparklineSvg(metric))
    .filter((svg): svg is string => svg !== null)
    .join('');
  return [
    '<article class="action">',
    `<h3>${escapeHtml(item.title)}</h3>`,
    `<p class="status">${capitalise(statusLabel(item.status))}</p>`,
    `<p class="outcome">${escapeHtml(outcomeWords(item))}</p>`,
    charts,
    '</article>',
  ].join('');
}

function footer(view: PublicPostmortem, options: PublicPageOptions): string {
  return [
    '<footer>',
    `<p>Published by ${escapeHtml(options.publisher)}. Outcomes are measured from production telemetry: an action counts as verified by telemetry only when its metric reached its goal and held it.</p>`,
    `<p>Last updated ${time(view.updatedAt, formatInstant(view.updatedAt))}.</p>`,
    '</footer>',
  ].join('\n');
}

function section(title: string, content: string): string {
  return `<section>\n<h2>${title}</h2>\n${content}\n</section>`;
}

function time(at: Date, text: string): string {
  return `<time datetime="${at.toISOString()}">${escapeHtml(text)}</time>`;
}

/** Plain text that keeps its line breaks. */
function multiline(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeHtml(line.trim()))
    .filter((line) => line !== '')
    .join('<br>');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
