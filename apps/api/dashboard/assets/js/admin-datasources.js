import { h } from './dom.js';
import { dateTime, label } from './format.js';

/** A circuit in words: `closed`, `open until 14:05 (timeout: …)`, or none for `otlp`. */
function circuitText(circuit) {
  if (!circuit) return 'none (not called)';
  if (circuit.state === 'open')
    return `open until ${dateTime(circuit.retryAt, 'UTC')}${circuit.lastFailure ? ` (${circuit.lastFailure})` : ''}`;
  return label(circuit.state);
}

/** GET /api/v1/datasources as a table: the operator configures them, so nothing here is editable. */
export function datasourceTable(datasources) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'datasources-title' },
    h('h2', { id: 'datasources-title' }, 'Datasources'),
    h(
      'p',
      { class: 'muted' },
      'Configured by the operator in the service’s configuration; the circuit is its state in the process that answered.',
    ),
    h(
      'div',
      // Focusable, so a keyboard can scroll it when it is wider than a phone.
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'datasources-title' },
      h(
        'table',
        { class: 'data text-table', id: 'datasource-list' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Name', 'Type', 'URL', 'Timeout', 'Circuit'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          datasources.map((ds) =>
            h(
              'tr',
              { 'data-name': ds.name, 'data-circuit': ds.circuit?.state ?? 'none' },
              h('th', { scope: 'row' }, ds.name),
              h('td', null, ds.type),
              h('td', { class: 'url' }, ds.url ?? '—'),
              h('td', null, `${ds.timeoutMs} ms`),
              h('td', { class: ds.circuit?.state === 'open' ? 'caution' : null }, circuitText(ds.circuit)),
            ),
          ),
        ),
      ),
    ),
  );
}
