import { describe, expect, it } from '@jest/globals';
import { openAction } from '@app/domain';
import type { TrackerIssue } from '../tracker-client';
import { importedAction, MAX_IMPORTED_DESCRIPTION, MAX_IMPORTED_TITLE } from './imported-action';
import type { TeamMapping } from './issue-team';

const created = new Date('2026-03-01T10:00:00Z');
const closed = new Date('2026-03-20T16:30:00Z');
const now = new Date('2026-04-01T00:00:00Z');

const issue = (over: Partial<TrackerIssue> = {}): TrackerIssue => ({
  key: 'acme/checkout#12',
  url: 'https://github.com/acme/checkout/issues/12',
  title: 'Cap the retry budget',
  body: 'Retries amplified the outage.',
  state: 'open',
  closeReason: null,
  createdAt: created,
  closedAt: null,
  dueAt: null,
  labels: [],
  components: [],
  priority: null,
  ...over,
});

const mapping: TeamMapping = {
  defaultTeam: 'sre',
  teamByLabel: { payments: 'payments-team' },
  teamByComponent: { Billing: 'billing-team' },
};

const context = { id: '00000000-0000-4000-8000-000000000001', now, sloDays: { P0: 28, P1: 56, P2: 90, P3: null } };

describe('importedAction', () => {
  it('opens an open issue at its creation time, with its title, body and link, on the default team', () => {
    expect(importedAction(issue(), mapping)).toEqual({
      title: 'Cap the retry budget',
      description: 'Retries amplified the outage.',
      ownerTeam: 'sre',
      services: [],
      externalRef: 'https://github.com/acme/checkout/issues/12',
      openedAt: created,
      status: 'open',
    });
  });

  it('takes team, priority and services from the labels and components', () => {
    const request = importedAction(
      issue({ labels: ['payments', 'P1', 'service:checkout'], components: ['Billing'] }),
      mapping,
    );
    expect(request).toMatchObject({ ownerTeam: 'payments-team', priority: 'P1', services: ['checkout'] });
  });

  it('takes the team from a component, and the priority from the Jira field', () => {
    const request = importedAction(issue({ components: ['billing'], priority: 'Highest' }), mapping);
    expect(request).toMatchObject({ ownerTeam: 'billing-team', priority: 'P0' });
  });

  it('leaves the priority out when the issue states none, so the action takes the default', () => {
    expect(importedAction(issue({ labels: ['bug'] }), mapping)).not.toHaveProperty('priority');
  });

  it('keeps the issue due date; leaves it out (the SLO) when there is none or it precedes the issue', () => {
    const due = new Date('2026-05-01T00:00:00Z');
    expect(importedAction(issue({ dueAt: due }), mapping).dueAt).toEqual(due);
    expect(importedAction(issue({ dueAt: created }), mapping).dueAt).toEqual(created);
    expect(importedAction(issue({ dueAt: new Date('2026-02-28T00:00:00Z') }), mapping)).not.toHaveProperty('dueAt');
    expect(importedAction(issue(), mapping)).not.toHaveProperty('dueAt');
  });

  it('cuts a long title to 200 characters with an ellipsis, and trims it', () => {
    const title = importedAction(issue({ title: `  ${'word '.repeat(60)}` }), mapping).title;
    expect(title.length).toBeLessThanOrEqual(MAX_IMPORTED_TITLE);
    expect(title.endsWith('word…')).toBe(true);
    expect(importedAction(issue({ title: '  spaced  ' }), mapping).title).toBe('spaced');
    expect(importedAction(issue({ title: 'x'.repeat(200) }), mapping).title).toBe('x'.repeat(200));
  });

  it('titles an issue without a title by its key', () => {
    expect(importedAction(issue({ title: '   ' }), mapping).title).toBe('acme/checkout#12');
  });

  it('caps the body, saying where the rest is', () => {
    const description = importedAction(issue({ body: 'y'.repeat(MAX_IMPORTED_DESCRIPTION + 1) }), mapping).description!;
    expect(description.length).toBeLessThanOrEqual(MAX_IMPORTED_DESCRIPTION);
    expect(description).toMatch(/^y+\n\n… \(cut: the full text is in the issue\)$/);
    const whole = 'z'.repeat(MAX_IMPORTED_DESCRIPTION);
    expect(importedAction(issue({ body: whole }), mapping).description).toBe(whole);
  });

  it.each<[string, TrackerIssue['closeReason'], object]>([
    ['completed', 'completed', { status: 'implemented', implementedAt: closed }],
    ['with no reason given', null, { status: 'implemented', implementedAt: closed }],
    ['as not planned', 'not_planned', { status: 'wont_fix', closedAt: closed }],
  ])('imports an issue closed %s at its close time', (_case, closeReason, expected) => {
    const request = importedAction(issue({ state: 'closed', closeReason, closedAt: closed }), mapping);
    expect(request).toMatchObject(expected);
    expect(request).not.toHaveProperty(closeReason === 'not_planned' ? 'implementedAt' : 'closedAt');
  });

  it('leaves the close time to the workflow when the tracker gives none', () => {
    const request = importedAction(issue({ state: 'closed', closeReason: 'completed' }), mapping);
    expect(request.status).toBe('implemented');
    expect(request.implementedAt).toBeUndefined();
  });
});

describe('an imported issue, opened by the action workflow', () => {
  const moves = (i: TrackerIssue) =>
    openAction(importedAction(i, mapping), context).audit.map((entry) => [entry.type, entry.at.toISOString()]);

  it('is open since the issue was created', () => {
    const { action } = openAction(importedAction(issue(), mapping), context);
    expect([action.status, action.openedAt, action.dueAtFromSlo]).toEqual(['open', created, true]);
    expect(moves(issue())).toEqual([['created', created.toISOString()]]);
  });

  it('passes through in_progress to implemented at the close time when closed as completed', () => {
    const closedIssue = issue({ state: 'closed', closeReason: 'completed', closedAt: closed });
    const { action } = openAction(importedAction(closedIssue, mapping), context);
    expect([action.status, action.implementedAt, action.closedAt]).toEqual(['implemented', closed, null]);
    expect(moves(closedIssue)).toEqual([
      ['created', created.toISOString()],
      ['status_changed', created.toISOString()],
      ['status_changed', closed.toISOString()],
    ]);
  });

  it('is wont_fix at the close time when closed as not planned', () => {
    const closedIssue = issue({ state: 'closed', closeReason: 'not_planned', closedAt: closed });
    const { action } = openAction(importedAction(closedIssue, mapping), context);
    expect([action.status, action.closedAt, action.implementedAt]).toEqual(['wont_fix', closed, null]);
  });
});
