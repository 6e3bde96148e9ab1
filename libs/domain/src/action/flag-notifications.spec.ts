import { describe, expect, it } from '@jest/globals';
import { anAction, NOW } from '../testing/action.factory';
import type { ReportedFlag } from './action-notifications';
import { clearedKinds, flagChangeEvents, flagsChanged, raisedFlags } from './flag-notifications';

const T1 = new Date('2026-11-01T00:00:00.000Z');
const T2 = new Date('2026-11-10T00:00:00.000Z');
const LATER = new Date('2026-12-05T00:00:00.000Z');
const flag = (kind: ReportedFlag['kind'], raisedAt = T1, clearedAt: Date | null = null): ReportedFlag => ({
  kind,
  reason: `${kind} reason`,
  raisedAt,
  clearedAt,
});
const action = anAction({ status: 'implemented' });
const summary = (events: ReturnType<typeof flagChangeEvents>) =>
  events.map((e) => {
    const f = (e.body as { flag: { kind: string; raisedAt: string; clearedAt: string | null } }).flag;
    return `${e.type} ${f.kind} at ${e.occurredAt.toISOString()}`;
  });

describe('clearedKinds', () => {
  it.each<[ReportedFlag[], ReportedFlag[], string[]]>([
    [[], [], []],
    [[flag('stalled')], [], ['stalled']],
    [[flag('stalled')], [flag('stalled', T2)], []],
    [[flag('stalled'), flag('overdue')], [flag('overdue')], ['stalled']],
    [[], [flag('overdue')], []],
  ])('heard %j, active %j → %j', (heard, active, kinds) => {
    expect(clearedKinds(heard, active)).toEqual(kinds);
  });
});

describe('raisedFlags and flagsChanged', () => {
  it.each<[ReportedFlag[], ReportedFlag[], string[], boolean]>([
    [[], [], [], false],
    [[flag('stalled')], [flag('stalled', T2)], [], false],
    [[], [flag('overdue')], ['overdue'], true],
    [[flag('stalled')], [flag('stalled'), flag('overdue')], ['overdue'], true],
    [[flag('stalled')], [], [], true],
  ])('heard %j, active %j → raised %j, changed %j', (heard, active, raised, changed) => {
    expect(raisedFlags(heard, active).map((f) => f.kind)).toEqual(raised);
    expect(flagsChanged(heard, active)).toBe(changed);
  });
});

describe('flagChangeEvents', () => {
  it("gives every event the metrics' evidence", () => {
    const evidence = [{ metric: 'checkout latency', reason: 'avg 390 vs goal ≤ 300: not met.' }];
    const events = flagChangeEvents(action, {
      heard: [flag('stalled')],
      active: [flag('ineffective', T2)],
      latest: [flag('stalled', T1, T2)],
      now: NOW,
      evidence,
    });
    expect(events.map((e) => e.type)).toEqual(['flag.raised', 'action.ineffective', 'flag.cleared']);
    for (const event of events) expect(event.body).toMatchObject({ evidence });
  });

  it('says nothing when the same kinds are active, even as other rows', () => {
    expect(
      flagChangeEvents(action, {
        heard: [flag('stalled')],
        active: [flag('stalled', T2)],
        latest: [],
        now: NOW,
        evidence: [],
      }),
    ).toEqual([]);
  });

  it('raises a kind newly active, at its raisedAt', () => {
    expect(
      summary(
        flagChangeEvents(action, { heard: [], active: [flag('overdue', T2)], latest: [], now: NOW, evidence: [] }),
      ),
    ).toEqual([`flag.raised overdue at ${T2.toISOString()}`]);
  });

  it('raises an ineffective flag also as action.ineffective', () => {
    expect(
      flagChangeEvents(action, { heard: [], active: [flag('ineffective')], latest: [], now: NOW, evidence: [] }).map(
        (e) => e.type,
      ),
    ).toEqual(['flag.raised', 'action.ineffective']);
  });

  it('clears a kind no longer active at the clearedAt of its stored row', () => {
    const events = flagChangeEvents(action, {
      heard: [flag('stalled')],
      active: [],
      latest: [flag('stalled', T1, T2)],
      now: NOW,
      evidence: [],
    });
    expect(summary(events)).toEqual([`flag.cleared stalled at ${T2.toISOString()}`]);
  });

  it('ignores a latest row of the kind that is not cleared', () => {
    const events = flagChangeEvents(action, {
      heard: [flag('stalled')],
      active: [],
      latest: [flag('stalled', T2)],
      now: NOW,
      evidence: [],
    });
    expect(summary(events)).toEqual([`flag.cleared stalled at ${NOW.toISOString()}`]);
  });

  it('clears a flag the replay found never held, now', () => {
    const events = flagChangeEvents(action, {
      heard: [flag('regressed')],
      active: [],
      latest: [],
      now: NOW,
      evidence: [],
    });
    expect(events[0].body).toMatchObject({
      flag: { kind: 'regressed', raisedAt: T1.toISOString(), clearedAt: NOW.toISOString() },
    });
  });

  it('never clears before the flag was raised, when it was raised ahead of this clock', () => {
    const events = flagChangeEvents(action, {
      heard: [flag('regressed', LATER)],
      active: [],
      latest: [],
      now: NOW,
      evidence: [],
    });
    expect(events[0].occurredAt).toEqual(LATER);
  });

  it('lists raised flags before cleared ones', () => {
    const events = flagChangeEvents(action, {
      heard: [flag('stalled')],
      active: [flag('overdue', T2)],
      latest: [flag('stalled', T1, T2)],
      now: NOW,
      evidence: [],
    });
    expect(events.map((e) => e.type)).toEqual(['flag.raised', 'flag.cleared']);
  });
});
