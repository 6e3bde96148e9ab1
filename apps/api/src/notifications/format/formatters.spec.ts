import { describe, expect, it } from '@jest/globals';
import type { MetricEvidence, NotifiedAction } from '@app/domain';
import { jsonBody } from './json-body.formatter';
import { slackBody } from './slack-body.formatter';
import type { OutgoingEvent } from './outgoing-event';

const ACTION: NotifiedAction = {
  id: '11111111-1111-4111-8111-111111111111',
  title: 'Cap retries <fast> & safe',
  ownerTeam: 'payments',
  priority: 'P1',
  status: 'in_progress',
  dueAt: '2026-12-01T00:00:00.000Z',
};
const OCCURRED = new Date('2026-11-20T10:00:00Z');
const EVIDENCE: MetricEvidence[] = [
  {
    metric: 'checkout p99 <latency>',
    reason: 'p99 0.41 over 13–20 Nov (2016 samples) vs goal ≤ 0.30 & <b>x</b>: not met.',
  },
  { metric: 'retry rate', reason: null },
];
const flagEvent = (
  type: OutgoingEvent['type'],
  clearedAt: string | null = null,
  evidence: MetricEvidence[] = [],
): OutgoingEvent => ({
  id: 'e-1',
  type,
  occurredAt: OCCURRED,
  body: {
    action: ACTION,
    flag: { kind: 'stalled', reason: 'no progress in 14 days', raisedAt: '2026-11-20T10:00:00.000Z', clearedAt },
    evidence,
  },
});
const verifiedEvent = (verification: 'telemetry' | 'manual', evidence: MetricEvidence[] = []): OutgoingEvent => ({
  id: 'e-3',
  type: 'action.verified',
  occurredAt: OCCURRED,
  body: { action: { ...ACTION, status: 'verified' }, verification, closedAt: '2026-11-20T10:00:00.000Z', evidence },
});
/** The evidence lines as the Slack message shows them: names bold, Slack's three control characters escaped. */
const EVIDENCE_LINES = [
  '• *checkout p99 &lt;latency&gt;*: p99 0.41 over 13–20 Nov (2016 samples) vs goal ≤ 0.30 &amp; &lt;b&gt;x&lt;/b&gt;: not met.',
  '• *retry rate*: _no reason yet_',
];
const digestEvent = (n: number, truncated = false): OutgoingEvent => ({
  id: 'e-2',
  type: 'digest.weekly',
  occurredAt: OCCURRED,
  body: {
    team: 'payments',
    week: '2026-W47',
    counts: { open: n + (truncated ? 5 : 0), overdue: 1, stalled: 0 },
    actions: Array.from({ length: n }, (_, i) => ({ ...ACTION, id: `a-${i}`, overdue: i === 0, stalled: false })),
    truncated,
  },
});

describe('jsonBody', () => {
  it('is the envelope and the body, with no url when the public URL is unknown', () => {
    expect(JSON.parse(jsonBody(flagEvent('flag.raised'), null))).toEqual({
      id: 'e-1',
      type: 'flag.raised',
      occurredAt: '2026-11-20T10:00:00.000Z',
      action: ACTION,
      flag: {
        kind: 'stalled',
        reason: 'no progress in 14 days',
        raisedAt: '2026-11-20T10:00:00.000Z',
        clearedAt: null,
      },
      evidence: [],
    });
  });

  it("carries each metric's latest reason as written: the receiver escapes for its own medium", () => {
    expect(JSON.parse(jsonBody(flagEvent('flag.raised', null, EVIDENCE), null)).evidence).toEqual(EVIDENCE);
    expect(JSON.parse(jsonBody(verifiedEvent('telemetry', EVIDENCE), null)).evidence).toEqual(EVIDENCE);
  });

  it('links the action under the public URL, one slash between', () => {
    const payload = JSON.parse(jsonBody(flagEvent('flag.raised'), 'https://rt.example.com/'));
    expect(payload.action.url).toBe(`https://rt.example.com/api/v1/actions/${ACTION.id}`);
  });

  it('links every action of a digest', () => {
    const payload = JSON.parse(jsonBody(digestEvent(2), 'https://rt.example.com'));
    expect(payload.actions.map((a: { url: string }) => a.url)).toEqual([
      'https://rt.example.com/api/v1/actions/a-0',
      'https://rt.example.com/api/v1/actions/a-1',
    ]);
    expect(payload).toMatchObject({
      type: 'digest.weekly',
      team: 'payments',
      week: '2026-W47',
      counts: { open: 2, overdue: 1, stalled: 0 },
    });
  });
});

describe('slackBody', () => {
  const slack = (event: OutgoingEvent, url: string | null = null) => JSON.parse(slackBody(event, url));

  it('is an incoming-webhook message: text, a section with it, and a context naming the event', () => {
    const message = slack(flagEvent('flag.raised'));
    expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
    expect(message.text).toBe(
      'Flagged stalled: *Cap retries &lt;fast&gt; &amp; safe* (P1, team payments, in progress)',
    );
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: message.text } },
      { type: 'section', text: { type: 'mrkdwn', text: 'no progress in 14 days' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'flag.raised · 2026-11-20T10:00:00.000Z · event e-1' }] },
    ]);
  });

  it('links the title when the public URL is known', () => {
    expect(slack(flagEvent('flag.raised'), 'https://rt.example.com').text).toContain(
      `<https://rt.example.com/api/v1/actions/${ACTION.id}|Cap retries &lt;fast&gt; &amp; safe>`,
    );
  });

  it.each([
    ['flag.cleared', 'No longer stalled: '],
    ['action.ineffective', 'Fix did not move the telemetry: '],
  ] as const)('words %s', (type, start) => {
    expect(
      slack(flagEvent(type, type === 'flag.cleared' ? '2026-11-21T00:00:00.000Z' : null)).text.startsWith(start),
    ).toBe(true);
  });

  it.each([
    ['telemetry', 'Verified by telemetry: '],
    ['manual', 'Verified manually: '],
  ] as const)('words a %s verification', (verification, start) => {
    const message = slack(verifiedEvent(verification));
    expect(message.text.startsWith(start)).toBe(true);
    // Without a success metric there is no evidence to show.
    expect(message.blocks).toHaveLength(2);
  });

  it("shows a verification's evidence: each metric's name and its latest reason", () => {
    const message = slack(verifiedEvent('telemetry', EVIDENCE));
    expect(message.blocks).toHaveLength(3);
    expect(message.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: EVIDENCE_LINES.join('\n') } });
  });

  it.each(['flag.raised', 'action.ineffective'] as const)('shows a %s flag reason, then the evidence', (type) => {
    const message = slack(flagEvent(type, null, EVIDENCE));
    expect(message.blocks[1].text.text.split('\n')).toEqual(['no progress in 14 days', ...EVIDENCE_LINES]);
  });

  it('shows the evidence of a cleared flag, and no detail block without any', () => {
    const cleared = '2026-11-21T00:00:00.000Z';
    expect(slack(flagEvent('flag.cleared', cleared, EVIDENCE)).blocks[1].text.text).toBe(EVIDENCE_LINES.join('\n'));
    expect(slack(flagEvent('flag.cleared', cleared)).blocks).toHaveLength(2);
  });

  it('formats an event recorded before events carried evidence', () => {
    const event = flagEvent('flag.raised');
    const { evidence: _none, ...older } = event.body as { evidence: MetricEvidence[] };
    const message = slack({ ...event, body: older as OutgoingEvent['body'] });
    expect(message.blocks[1].text.text).toBe('no progress in 14 days');
  });

  it('lists a digest with overdue and stalled marks, and says how many more there are', () => {
    const message = slack(digestEvent(2, true));
    expect(message.text).toBe('Weekly digest for team payments (2026-W47): 7 open, 1 overdue, 0 stalled');
    const lines = message.blocks[1].text.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^• \*Cap retries.* — \*overdue\*$/);
    expect(lines[1]).not.toContain('overdue');
    expect(lines[2]).toBe('… and 5 more');
  });

  it('keeps a long digest within the 3,000 characters Slack accepts in a section', () => {
    const message = slack(digestEvent(50));
    expect(message.blocks[1].text.text.length).toBe(3000);
    expect(message.blocks[1].text.text.endsWith('…')).toBe(true);
  });

  it('sends an empty-listing digest without a detail block', () => {
    expect(slack(digestEvent(0)).blocks).toHaveLength(2);
  });
});
