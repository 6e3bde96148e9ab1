import { h } from './dom.js';

/**
 * A list page's filters live in the hash (`#/postmortems?kind=incident&q=pool`), so a filtered view
 * is a link. The form applies on submit (Enter or the Apply button) so typing does not reload.
 */
export function listHash(base, values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `#${base}?${query}` : `#${base}`;
}

/** A labelled <select>; `options` are `[value, text]` pairs. */
export function selectField(name, text, options, value) {
  const id = `filter-${name}`;
  return h(
    'label',
    { class: 'field', for: id },
    h('span', null, text),
    h(
      'select',
      { id, name },
      options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)),
    ),
  );
}

/** A labelled <input>. */
export function inputField(name, text, value, type = 'text', extra = {}) {
  const id = `filter-${name}`;
  return h(
    'label',
    { class: 'field', for: id },
    h('span', null, text),
    h('input', { id, name, type, value: value ?? '', ...extra }),
  );
}

/**
 * The filter form: on submit, every named control's non-empty value goes into the hash (which
 * re-renders the page from the first page); Clear goes back to the unfiltered list.
 */
export function filterForm(base, id, fields, toHash = (values) => values) {
  return h(
    'form',
    {
      class: 'filters',
      id,
      role: 'search',
      'aria-label': 'Filters',
      onsubmit: (e) => {
        e.preventDefault();
        const values = {};
        for (const [name, value] of new FormData(e.target)) values[name] = String(value).trim();
        window.location.hash = listHash(base, toHash(values));
      },
    },
    fields,
    h(
      'div',
      { class: 'field actions-row' },
      h('button', { type: 'submit', class: 'button', id: `${id}-apply` }, 'Apply filters'),
      h('a', { href: `#${base}`, class: 'button secondary', id: `${id}-clear` }, 'Clear'),
    ),
  );
}

/** "Next page" follows the API's cursor; "First page" drops it. */
export function pager(base, params, nextCursor, what) {
  const current = Object.fromEntries(params);
  const links = [];
  if (params.get('cursor'))
    links.push(h('a', { href: listHash(base, { ...current, cursor: '' }), id: 'page-first' }, 'First page'));
  if (nextCursor)
    links.push(
      h(
        'a',
        {
          href: listHash(base, { ...current, cursor: nextCursor }),
          id: 'page-next',
          'aria-label': `Next page of ${what}`,
        },
        'Next page →',
      ),
    );
  return links.length ? h('nav', { class: 'pager', 'aria-label': `${what} pages` }, links) : null;
}

/**
 * A date filter (`2026-11-02`, a UTC day) as the instant the API wants: the day's start, or with
 * `nextDay` the next day's start, so "to" includes the whole day it names.
 */
export function toInstant(value, nextDay = false) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) return undefined;
  const start = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(start) ? undefined : new Date(start + (nextDay ? 86_400_000 : 0)).toISOString();
}
