import { afterEach, describe, expect, it } from '@jest/globals';
import { batchSpanOptionsFromEnv, samplerFromEnv, spanLimitsFromEnv } from './tracing.env';

const VARIABLES = [
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_EVENT_COUNT_LIMIT',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_BSP_MAX_QUEUE_SIZE',
];

function withEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
}

describe('tracing configuration from the standard OTEL_* variables', () => {
  afterEach(() => {
    for (const name of VARIABLES) delete process.env[name];
  });

  it.each([
    [
      {},
      'ParentBased{root=AlwaysOnSampler, remoteParentSampled=AlwaysOnSampler, remoteParentNotSampled=AlwaysOffSampler, localParentSampled=AlwaysOnSampler, localParentNotSampled=AlwaysOffSampler}',
    ],
    [{ OTEL_TRACES_SAMPLER: 'always_on' }, 'AlwaysOnSampler'],
    [{ OTEL_TRACES_SAMPLER: 'always_off' }, 'AlwaysOffSampler'],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }, 'TraceIdRatioBased{0.25}'],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }, 'TraceIdRatioBased{1}'],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio' }, 'TraceIdRatioBased{1}'],
  ])('picks the sampler for %j', (env, expected) => {
    withEnv(env);
    expect(samplerFromEnv().toString()).toBe(expected);
  });

  it.each([
    [{ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, /^ParentBased\{root=AlwaysOffSampler,/],
    [
      { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' },
      /^ParentBased\{root=TraceIdRatioBased\{0.1\},/,
    ],
    [{ OTEL_TRACES_SAMPLER: 'no_such_sampler' }, /^ParentBased\{root=AlwaysOnSampler,/],
  ])('picks a parent-based sampler for %j', (env, expected) => {
    withEnv(env);
    expect(samplerFromEnv().toString()).toMatch(expected);
  });

  it('reads span limits, the span-specific variable winning over the general one', () => {
    withEnv({ OTEL_ATTRIBUTE_COUNT_LIMIT: '64', OTEL_SPAN_EVENT_COUNT_LIMIT: '16' });
    expect(spanLimitsFromEnv()).toEqual({ attributeCountLimit: 64, eventCountLimit: 16 });
    withEnv({ OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '32' });
    expect(spanLimitsFromEnv()).toEqual({ attributeCountLimit: 32, eventCountLimit: 16 });
  });

  it('reads the batch processor options, leaving unset ones to the SDK defaults', () => {
    expect(batchSpanOptionsFromEnv()).toEqual({});
    withEnv({ OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_BSP_MAX_QUEUE_SIZE: 'many' });
    expect(batchSpanOptionsFromEnv()).toEqual({ scheduledDelayMillis: 100 });
  });
});
