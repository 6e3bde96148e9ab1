import { describe, expect, it } from '@jest/globals';
import type { SuccessMetricDefinition } from '@app/domain';
import { defaultBaselineEnd, toMetricSpec } from './metric-spec';

const definition: SuccessMetricDefinition = {
  name: 'checkout p95 latency',
  datasource: 'prometheus',
  query: 'up',
  selector: null,
  direction: 'decrease',
  target: { relativePercent: 25 },
  aggregation: 'p95',
  baselineWindow: '14d',
  baselineEnd: null,
  baseline: null,
  evaluationWindow: '7d',
  sustainFor: '0s',
  verifyWithin: '30d',
  checkEvery: '1h',
  step: null,
  confidence: 0.95,
};
const opened = new Date('2025-01-10T00:00:00Z');
const occurred = new Date('2025-01-08T12:00:00Z');

describe('toMetricSpec', () => {
  it('parses every duration to milliseconds and ends the baseline at the default', () => {
    expect(toMetricSpec(definition, opened)).toEqual({
      direction: 'decrease',
      target: { relativePercent: 25 },
      aggregation: 'p95',
      baselineWindowMs: 14 * 86_400_000,
      baselineEnd: opened.getTime(),
      evaluationWindowMs: 7 * 86_400_000,
      checkEveryMs: 3_600_000,
      stepMs: null,
      confidence: 0.95,
      seasonality: 'none',
      timeZone: 'UTC',
    });
  });

  it("keeps the metric's own baselineEnd and step", () => {
    const end = new Date('2024-12-01T00:00:00Z');
    const spec = toMetricSpec({ ...definition, baselineEnd: end, step: '5m' }, opened);
    expect(spec.baselineEnd).toBe(end.getTime());
    expect(spec.stepMs).toBe(300_000);
  });
});

describe('defaultBaselineEnd', () => {
  it("is the post-mortem's occurredAt when there is one, else the action's openedAt", () => {
    expect(defaultBaselineEnd({ openedAt: opened }, occurred)).toBe(occurred);
    expect(defaultBaselineEnd({ openedAt: opened }, null)).toBe(opened);
  });
});
