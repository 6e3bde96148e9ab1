import { describe, expect, it } from '@jest/globals';
import { measure, outcomeWords } from './outcome-words';
import type { PublicAction, PublicMetric } from './public-view.model';

/** A metric whose last measured check is `value` against `goal`. */
const checked = (value: number, goal: number | null) => [
  { at: new Date('2026-11-12T00:00:00Z'), value: 0.75, goal },
  { at: new Date('2026-11-20T00:00:00Z'), value, goal },
];

const latency = (overrides: Partial<PublicMetric> = {}): PublicMetric => ({
  name: 'p99 latency',
  direction: 'decrease',
  baseline: 0.8,
  trend: checked(0.3, 0.56),
  ...overrides,
});

const action = (overrides: Partial<PublicAction> = {}): PublicAction => ({
  title: 'Cap the retry storm',
  status: 'verified',
  verification: 'telemetry',
  implementedAt: new Date('2026-11-01T00:00:00Z'),
  closedAt: new Date('2026-11-20T06:00:00Z'),
  flags: [],
  metrics: [latency()],
  ...overrides,
});

describe('outcomeWords', () => {
  it('says a fix verified by telemetry worked, with the measured change against its goal', () => {
    expect(outcomeWords(action())).toBe(
      'The fix worked — verified by telemetry on 2026-11-20: p99 latency 0.8 → 0.3 against a goal of 0.56.',
    );
  });

  it('says when a verified fix has slipped since', () => {
    const slipped = action({
      flags: ['regressed'],
      metrics: [latency({ trend: checked(0.7, 0.56) })],
    });
    expect(outcomeWords(slipped)).toBe(
      'The fix worked — verified by telemetry on 2026-11-20 — but has slipped since: p99 latency 0.8 → 0.7 against a goal of 0.56.',
    );
  });

  it('says a manual verification is not measured', () => {
    expect(outcomeWords(action({ verification: 'manual', metrics: [] }))).toBe(
      'Done — verified by a manual check on 2026-11-20; no telemetry measures it.',
    );
  });

  it('says a shipped fix is being measured, or that it has not moved the telemetry enough', () => {
    const shipped = action({ status: 'implemented', verification: null, closedAt: null });
    expect(outcomeWords(shipped)).toBe(
      'Shipped on 2026-11-01; measuring whether it works: p99 latency 0.8 → 0.3 against a goal of 0.56.',
    );
    expect(outcomeWords({ ...shipped, flags: ['ineffective'] })).toBe(
      'Shipped on 2026-11-01, but the telemetry has not moved enough: p99 latency 0.8 → 0.3 against a goal of 0.56.',
    );
    expect(outcomeWords({ ...shipped, metrics: [] })).toBe('Shipped on 2026-11-01; awaiting a manual check.');
  });

  it('credits an improvement that came before the fix elsewhere', () => {
    expect(outcomeWords(action({ flags: ['improved_before_fix'] }))).toMatch(
      /against a goal of 0\.56\. The telemetry had already improved before this fix shipped/,
    );
  });

  it('describes open, in-progress and abandoned actions without claiming an outcome', () => {
    const unmeasured = latency({ trend: [] });
    expect(outcomeWords(action({ status: 'open', verification: null, closedAt: null, metrics: [unmeasured] }))).toBe(
      'Planned. P99 latency not measured yet (baseline 0.8).',
    );
    expect(outcomeWords(action({ status: 'open', verification: null, closedAt: null, metrics: [] }))).toBe('Planned.');
    expect(outcomeWords(action({ status: 'in_progress', verification: null, closedAt: null }))).toBe(
      'In progress. So far: p99 latency 0.8 → 0.3 against a goal of 0.56.',
    );
    expect(outcomeWords(action({ status: 'wont_fix', verification: null }))).toBe('Not pursued.');
  });
});

describe('measure', () => {
  it('leaves out what is not known', () => {
    expect(measure(latency({ baseline: null }))).toBe('p99 latency 0.3 against a goal of 0.56');
    expect(measure(latency({ trend: [] }))).toBe('p99 latency not measured yet (baseline 0.8)');
    expect(measure(latency({ trend: checked(0.9, null) }))).toBe('p99 latency 0.8 → 0.9');
  });

  it('joins several metrics of one action', () => {
    const errors = latency({
      name: 'error ratio',
      baseline: 0.02,
      trend: checked(0.004, 0.01),
    });
    expect(outcomeWords(action({ metrics: [latency(), errors] }))).toContain(
      'p99 latency 0.8 → 0.3 against a goal of 0.56; error ratio 0.02 → 0.004 against a goal of 0.01.',
    );
  });
});
