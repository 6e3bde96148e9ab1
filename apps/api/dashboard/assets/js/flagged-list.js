import { h } from './dom.js';
import { date, label, relativeDays } from './format.js';

/** Why each action is flagged: every active flag with its reason and since when. */
export function flaggedList(entries, tz) {
  const flagCount = entries.reduce((n, e) => n + e.flags.length, 0);
  return h(
    'section',
    { class: 'card', id: 'flagged', 'aria-labelledby': 'flagged-title' },
    h(
      'h2',
      { id: 'flagged-title' },
      'Flagged actions ',
      h('span', { class: 'count', id: 'flagged-count' }, String(entries.length)),
    ),
    h(
      'p',
      { class: 'muted' },
      entries.length ? `${flagCount} active ${flagCount === 1 ? 'flag' : 'flags'}` : 'Nothing is flagged.',
    ),
    h(
      'ul',
      { class: 'flagged-list' },
      entries.map(({ action, flags }) =>
        h(
          'li',
          { class: 'flagged-item', 'data-action-id': action.id },
          h(
            'div',
            { class: 'flagged-head' },
            h('a', { href: `#/actions/${action.id}`, class: 'action-link' }, action.title),
            h(
              'span',
              { class: 'meta' },
              h('span', { class: `priority ${action.priority}` }, action.priority),
              ` ${action.ownerTeam} · ${label(action.status)}`,
            ),
          ),
          h(
            'ul',
            { class: 'flags' },
            flags.map((flag) =>
              h(
                'li',
                { class: 'flag', 'data-kind': flag.kind },
                h('span', { class: `badge flag-${flag.kind}` }, label(flag.kind)),
                h('span', { class: 'reason' }, flag.reason),
                h(
                  'time',
                  { datetime: flag.raisedAt, class: 'since', title: date(flag.raisedAt, tz) },
                  `since ${date(flag.raisedAt, tz)} (${relativeDays(flag.raisedAt)})`,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
