import { apiGet, apiGetAll } from './api-client.js';
import { apiGetText } from './report-client.js';
import { fact, h, replaceChildren } from './dom.js';
import { date, dateTime, label } from './format.js';
import { canWrite } from './caller-role.js';
import { markdownBlocks } from './safe-markdown.js';
import { loadPublication, publicationSection } from './publication-panel.js';

const TZ = 'UTC';
const CATEGORIES = ['people', 'process', 'technology'];

function timeline(entries) {
  if (!entries.length) return h('p', { class: 'muted', id: 'postmortem-timeline' }, 'No timeline entries.');
  return h(
    'ol',
    { class: 'timeline', id: 'postmortem-timeline' },
    entries.map((e) => h('li', null, h('time', { datetime: e.at }, dateTime(e.at, TZ)), ' ', h('span', null, e.text))),
  );
}

/** Triggers and latent conditions, each grouped by people, process and technology. */
function factors(list) {
  if (!list.length) return h('p', { class: 'muted', id: 'postmortem-factors' }, 'No contributing factors recorded.');
  const group = (kind, title) => {
    const ofKind = list.filter((f) => f.kind === kind);
    return h(
      'div',
      { class: 'factor-group', 'data-kind': kind },
      h('h3', null, `${title} (${ofKind.length})`),
      ofKind.length
        ? h(
            'ul',
            null,
            CATEGORIES.flatMap((c) =>
              ofKind
                .filter((f) => f.category === c)
                .map((f) => h('li', { 'data-category': c }, h('span', { class: 'badge' }, c), ' ', f.text)),
            ),
          )
        : h('p', { class: 'muted' }, 'None.'),
    );
  };
  return h(
    'div',
    { id: 'postmortem-factors', class: 'factors' },
    group('trigger', 'Triggers'),
    group('latent', 'Latent conditions'),
  );
}

function outcome(action) {
  const metrics = action.metrics ?? [];
  if (action.status === 'verified') return `verified${action.verification ? ` (${action.verification})` : ''}`;
  if (!metrics.length) return 'no success metric';
  const verdicts = metrics.map((m) => (m.latest ? label(m.latest.verdict) : 'not scored yet'));
  return verdicts.join(', ');
}

function actionsTable(actions) {
  if (!actions.length) return h('p', { class: 'muted', id: 'postmortem-actions' }, 'No corrective actions yet.');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data', id: 'postmortem-actions' },
      h('caption', null, 'Corrective actions'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Action', 'Status', 'Priority', 'Team', 'Due (UTC)', 'Outcome'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        actions.map((a) =>
          h(
            'tr',
            { 'data-id': a.id },
            h('th', { scope: 'row' }, h('a', { href: `#/actions/${a.id}` }, a.title)),
            h('td', null, label(a.status)),
            h('td', null, h('span', { class: `priority ${a.priority}` }, a.priority)),
            h('td', null, a.ownerTeam),
            h('td', null, date(a.dueAt, TZ)),
            h('td', null, outcome(a)),
          ),
        ),
      ),
    ),
  );
}

/** A safe file name from the title: `checkout-outage.md`. */
const fileName = (title, ext) =>
  `${
    String(title)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'postmortem'
  }.${ext}`;

/** Hands a Blob to the browser through a temporary link: a download, or a new tab. */
function follow(url, attrs) {
  const a = h('a', { href: url, hidden: true, ...attrs });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The write-up needs the key, so a plain link to it would be refused: it is fetched with the key and
 * handed over as a Blob. An HTML write-up opened in a tab is a blob: page of the dashboard's origin
 * and keeps the dashboard's Content-Security-Policy (no script, no inline style): it reads unstyled
 * there; the downloaded file keeps its own print styling (docs/reporting.md, "Dashboard").
 */
function writeUp(pm) {
  const status = h('p', { class: 'muted', id: 'report-status', role: 'status' });
  const fetchReport = async (format, type) => {
    status.textContent = 'Preparing the write-up…';
    try {
      const text = await apiGetText(`/api/v1/postmortems/${pm.id}/report`, { format });
      status.textContent = '';
      return URL.createObjectURL(new Blob([text], { type }));
    } catch (err) {
      status.textContent = `The write-up could not be fetched: ${err.message}`;
      return null;
    }
  };
  const markdown = async () => {
    const url = await fetchReport('markdown', 'text/markdown;charset=utf-8');
    if (url) follow(url, { download: fileName(pm.title, 'md') });
  };
  const html = (asFile) => async () => {
    const url = await fetchReport('html', 'text/html;charset=utf-8');
    if (url) follow(url, asFile ? { download: fileName(pm.title, 'html') } : { target: '_blank', rel: 'noopener' });
  };
  return h(
    'div',
    { class: 'report-links' },
    h(
      'button',
      { type: 'button', class: 'button', id: 'report-markdown', onclick: markdown },
      'Download write-up (Markdown)',
    ),
    h(
      'button',
      { type: 'button', class: 'button secondary', id: 'report-html', onclick: html(false) },
      'Open write-up (HTML)',
    ),
    h(
      'button',
      { type: 'button', class: 'button secondary', id: 'report-html-file', onclick: html(true) },
      'Download write-up (HTML)',
    ),
    status,
  );
}

/**
 * One post-mortem: its facts, summary, timeline, contributing factors, corrective actions and its
 * public summary.
 */
export async function renderPostmortemPage(root, id, isCurrent) {
  const [pm, actions, writer, publication] = await Promise.all([
    apiGet(`/api/v1/postmortems/${id}`),
    apiGetAll('/api/v1/actions', { postmortemId: id }),
    canWrite(),
    loadPublication(id),
  ]);
  if (!isCurrent()) return;
  const verified = actions.filter((a) => a.status === 'verified').length;
  replaceChildren(
    root,
    h('p', null, h('a', { href: '#/postmortems', class: 'back' }, '← Post-mortems')),
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'postmortem-title' }, pm.title),
      writer
        ? h('a', { href: `#/postmortems/${pm.id}/edit`, class: 'button secondary', id: 'edit-postmortem' }, 'Edit')
        : null,
    ),
    h(
      'section',
      { class: 'card', 'aria-label': 'Facts' },
      h(
        'dl',
        { class: 'facts' },
        fact('Kind', label(pm.kind), 'postmortem-kind'),
        fact('Severity', pm.severity ?? '—', 'postmortem-severity'),
        fact('Services', pm.services.join(', ') || '—', 'postmortem-services'),
        fact('Occurred', dateTime(pm.occurredAt, TZ), 'postmortem-occurred'),
        fact('Resolved', dateTime(pm.resolvedAt, TZ), 'postmortem-resolved'),
        fact('Actions verified', `${verified} of ${actions.length}`, 'postmortem-outcome'),
      ),
      writeUp(pm),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'summary-title' },
      h('h2', { id: 'summary-title' }, 'Summary'),
      pm.summary
        ? h('div', { class: 'summary', id: 'postmortem-summary' }, markdownBlocks(pm.summary))
        : h('p', { class: 'muted', id: 'postmortem-summary' }, 'No summary yet.'),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'Timeline (UTC)'),
      timeline(pm.timeline),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'factors-title' },
      h('h2', { id: 'factors-title' }, 'Contributing factors'),
      factors(pm.contributingFactors),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'actions-title' },
      h('h2', { id: 'actions-title' }, 'Corrective actions'),
      writer
        ? h(
            'p',
            null,
            h(
              'a',
              { href: `#/actions/new?postmortemId=${pm.id}`, class: 'button secondary', id: 'add-action' },
              'Add action',
            ),
          )
        : null,
      actionsTable(actions),
    ),
    publicationSection(pm.id, publication, writer),
  );
}
