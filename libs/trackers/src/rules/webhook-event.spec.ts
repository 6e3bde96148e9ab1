import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@app/domain';
import { webhookEventOf } from './webhook-event';
import type { WebhookHeaders } from './webhook-reading';

const closedAt = '2026-03-20T16:30:00Z';
const updatedAt = '2026-03-21T08:00:00Z';

function malformed(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).message;
  }
  throw new Error('expected a refusal, got none');
}

describe('webhookEventOf: GitHub', () => {
  const headers = (event = 'issues', delivery: string | string[] = 'd-1'): WebhookHeaders => ({
    'x-github-event': event,
    'x-github-delivery': delivery,
    'content-type': 'application/json',
  });
  const issues = (action: string, issue: Record<string, unknown> = {}) => ({
    action,
    issue: {
      number: 12,
      state: 'closed',
      state_reason: 'completed',
      closed_at: closedAt,
      updated_at: updatedAt,
      ...issue,
    },
    repository: { full_name: 'Acme/Checkout' },
  });
  const read = (payload: unknown, h: WebhookHeaders = headers()) => webhookEventOf('github', h, payload);

  it.each<[string, Record<string, unknown>, string | null]>([
    ['completed', { state_reason: 'completed' }, 'completed'],
    ['not planned', { state_reason: 'not_planned' }, 'not_planned'],
    ['as a duplicate', { state_reason: 'duplicate' }, 'not_planned'],
    ['without a reason', { state_reason: null }, null],
  ])('reads an issue closed %s, keyed and timed by the issue', (_case, issue, reason) => {
    expect(read(issues('closed', issue))).toEqual({
      kind: 'event',
      deliveryId: 'd-1',
      key: 'acme/checkout#12',
      event: { kind: 'closed', reason, at: new Date(closedAt) },
    });
  });

  it('times a close without closed_at by updated_at', () => {
    expect(read(issues('closed', { closed_at: null }))).toMatchObject({ event: { at: new Date(updatedAt) } });
  });

  it('reads a reopened issue at its update time', () => {
    expect(read(issues('reopened', { state: 'open', state_reason: 'reopened', closed_at: null }))).toEqual({
      kind: 'event',
      deliveryId: 'd-1',
      key: 'acme/checkout#12',
      event: { kind: 'reopened', at: new Date(updatedAt) },
    });
  });

  it('finds the headers whatever their case, and takes the first of a repeated one', () => {
    const h = { 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': ['d-7', 'd-8'] };
    expect(read(issues('closed'), h)).toMatchObject({ deliveryId: 'd-7' });
  });

  it.each<[string, WebhookHeaders, unknown, RegExp]>([
    ['a ping', headers('ping'), { zen: 'Keep it simple' }, /^ping/],
    ['another event', headers('push'), {}, /"push" events are not used: subscribe to Issues only/],
    ['issue comments', headers('issue_comment'), issues('created'), /"issue_comment" events are not used/],
    ['a label added', headers(), issues('labeled'), /issues "labeled" changes nothing here/],
    ['an edit', headers(), issues('edited'), /issues "edited"/],
    ['a new issue', headers(), issues('opened'), /issues "opened"/],
    ['a pull request', headers(), issues('closed', { pull_request: { url: 'x' } }), /a pull request/],
  ])('ignores %s, saying why', (_case, h, payload, reason) => {
    const reading = read(payload, h);
    expect(reading.kind).toBe('ignored');
    expect(reading.kind === 'ignored' && reading.reason).toMatch(reason);
  });

  it.each<[string, WebhookHeaders, unknown, RegExp]>([
    ['no event header', { 'x-github-delivery': 'd-1' }, issues('closed'), /no X-GitHub-Event header/],
    ['a blank event header', { 'x-github-event': ' ', 'x-github-delivery': 'd-1' }, {}, /no X-GitHub-Event/],
    ['no delivery header', { 'x-github-event': 'issues' }, issues('closed'), /no X-GitHub-Delivery header/],
    ['an empty delivery list', headers('issues', []), issues('closed'), /no X-GitHub-Delivery header/],
    ['no body', headers(), null, /no "action"/],
    ['a list for a body', headers(), [issues('closed')], /no "action"/],
    ['no issue', headers(), { action: 'closed', repository: { full_name: 'a/b' } }, /no "issue"/],
    ['no repository', headers(), { ...issues('closed'), repository: undefined }, /no "repository.full_name"/],
    ['no issue number', headers(), issues('closed', { number: '12' }), /no "issue.number"/],
    ['no time at all', headers(), issues('closed', { closed_at: null, updated_at: null }), /no "issue.closed_at"/],
    ['a time that is not one', headers(), issues('closed', { closed_at: 'soon', updated_at: 'x' }), /closed_at/],
    ['a reopen without time', headers(), issues('reopened', { updated_at: undefined }), /no "issue.updated_at"/],
    ['a bad repository name', headers(), { ...issues('closed'), repository: { full_name: 'nope' } }, /tracker\.key/],
  ])('refuses a delivery with %s', (_case, h, payload, message) => {
    expect(malformed(() => read(payload, h))).toMatch(message);
  });
});

describe('webhookEventOf: Jira', () => {
  const timestamp = Date.parse('2026-03-20T16:30:00Z');
  const headers: WebhookHeaders = { 'x-atlassian-webhook-identifier': 'jw-1', 'x-atlassian-webhook-retry': '0' };
  const item = (field: string, fromString: string | null, toString: string | null) => ({
    field,
    fieldtype: 'jira',
    fieldId: field,
    from: fromString && '1',
    fromString,
    to: toString && '2',
    toString,
  });
  const updated = (
    items: unknown[],
    { category = 'indeterminate', resolution = null as string | null, extra = {} as Record<string, unknown> } = {},
  ) => ({
    timestamp,
    webhookEvent: 'jira:issue_updated',
    issue_event_type_name: 'issue_generic',
    issue: {
      id: '10042',
      key: 'ops-42',
      fields: {
        status: { name: 'Whatever', statusCategory: { key: category } },
        resolution: resolution === null ? null : { name: resolution },
      },
    },
    changelog: { id: '55001', items },
    ...extra,
  });
  const read = (payload: unknown, h: WebhookHeaders = headers) => webhookEventOf('jira', h, payload);
  const at = new Date(timestamp);

  it.each<[string, unknown, object]>([
    [
      'a resolution set to Done: closed as completed',
      updated([item('status', 'In Progress', 'Done'), item('resolution', null, 'Done')], { category: 'done' }),
      { kind: 'closed', reason: 'completed', at },
    ],
    [
      "a resolution set to Won't Do: closed as not planned",
      updated([item('resolution', null, "Won't Do")], { category: 'done' }),
      { kind: 'closed', reason: 'not_planned', at },
    ],
    [
      'a resolution of a name we do not know: closed without a reason',
      updated([item('resolution', null, 'Shipped')]),
      { kind: 'closed', reason: null, at },
    ],
    [
      'a resolution cleared: reopened',
      updated([item('status', 'Done', 'In Progress'), item('resolution', 'Done', null)]),
      { kind: 'reopened', at },
    ],
    [
      'a move into a done status without resolutions: closed, no reason',
      updated([item('status', 'In Progress', 'Done')], { category: 'done' }),
      { kind: 'closed', reason: null, at },
    ],
    [
      'a move into a done status with a resolution already set: its reason',
      updated([item('status', 'Resolved', 'Closed')], { category: 'done', resolution: 'Duplicate' }),
      { kind: 'closed', reason: 'not_planned', at },
    ],
    [
      'the Issue Reopened event: reopened',
      updated([item('status', 'Closed', 'Reopened')], { extra: { issue_event_type_name: 'issue_reopened' } }),
      { kind: 'reopened', at },
    ],
    [
      'a field named by its id only',
      updated([{ fieldId: 'resolution', toString: 'Fixed' }]),
      { kind: 'closed', reason: 'completed', at },
    ],
    [
      'a field named by its name only, in another case',
      updated([{ field: 'Resolution', to: '10000', toString: 'Done' }]),
      { kind: 'closed', reason: 'completed', at },
    ],
  ])('reads %s', (_case, payload, event) => {
    expect(read(payload)).toEqual({ kind: 'event', deliveryId: 'jw-1', key: 'OPS-42', event });
  });

  it('falls back to the changelog id for the delivery id (Jira Data Center sends no identifier)', () => {
    expect(read(updated([item('resolution', null, 'Done')]), {})).toMatchObject({ deliveryId: 'changelog-55001' });
    const numeric = {
      ...updated([item('resolution', null, 'Done')]),
      changelog: { id: 55002, items: [item('resolution', null, 'Done')] },
    };
    expect(read(numeric, {})).toMatchObject({ deliveryId: 'changelog-55002' });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'another event',
      { ...updated([]), webhookEvent: 'jira:issue_created' },
      /"jira:issue_created" events are not used/,
    ],
    ['a comment', { webhookEvent: 'comment_created' }, /"comment_created" events are not used/],
    ['an update of other fields', updated([item('summary', 'a', 'b')]), /no resolution or status change/],
    ['an update without changelog', { ...updated([]), changelog: undefined }, /no resolution or status change/],
    ['changelog items that are not objects', updated(['status', null]), /no resolution or status change/],
    [
      'a move between statuses that are not done',
      updated([item('status', 'To Do', 'In Progress')]),
      /moved to "In Progress", not a done status, without a resolution change/,
    ],
    [
      'a move out of done without a resolution or a reopen event',
      updated([{ field: 'status', fromString: 'Done' }]),
      /moved to "another status"/,
    ],
  ])('ignores %s, saying why', (_case, payload, reason) => {
    const reading = read(payload);
    expect(reading.kind).toBe('ignored');
    expect(reading.kind === 'ignored' && reading.reason).toMatch(reason);
  });

  it.each<[string, unknown, WebhookHeaders, RegExp]>([
    ['no webhookEvent', { issue: { key: 'OPS-1' } }, headers, /no "webhookEvent"/],
    ['no body', undefined, headers, /no "webhookEvent"/],
    ['no issue key', { ...updated([]), issue: { id: '1' } }, headers, /no "issue.key"/],
    [
      'a bad issue key',
      { ...updated([]), issue: { key: 'OPS' } },
      headers,
      /tracker\.key: "OPS" is not a Jira issue key/,
    ],
    [
      'no timestamp',
      { ...updated([item('resolution', null, 'Done')]), timestamp: undefined },
      headers,
      /no "timestamp"/,
    ],
    [
      'no delivery id of any kind',
      { ...updated([item('resolution', null, 'Done')]), changelog: { items: [item('resolution', null, 'Done')] } },
      {},
      /no X-Atlassian-Webhook-Identifier header and no "changelog.id"/,
    ],
  ])('refuses a delivery with %s', (_case, payload, h, message) => {
    expect(malformed(() => read(payload, h))).toMatch(message);
  });
});
