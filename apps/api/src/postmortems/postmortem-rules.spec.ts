import { describe, expect, it } from '@jest/globals';
import { DomainError, DomainErrorCode } from '@app/domain';
import { assertPostmortemRules, orderTimeline, uniqueServices } from './postmortem-rules';

const OCCURRED = new Date('2025-01-05T14:00:00Z');

function failure(fn: () => void): DomainError {
  try {
    fn();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a failure');
}

describe('assertPostmortemRules', () => {
  it.each([
    [
      'an incident with severity and occurredAt',
      { kind: 'incident', severity: 'SEV1', occurredAt: OCCURRED, resolvedAt: null },
    ],
    ['a success review with neither', { kind: 'success', severity: null, occurredAt: null, resolvedAt: null }],
    ['a pre-mortem with a severity only', { kind: 'premortem', severity: 'SEV3', occurredAt: null, resolvedAt: null }],
    [
      'resolution at the same instant',
      { kind: 'incident', severity: 'SEV4', occurredAt: OCCURRED, resolvedAt: OCCURRED },
    ],
    ['resolution without an occurrence', { kind: 'success', severity: null, occurredAt: null, resolvedAt: OCCURRED }],
  ] as const)('accepts %s', (_name, fields) => {
    expect(() => assertPostmortemRules(fields)).not.toThrow();
  });

  it.each([
    [
      'an incident without severity',
      { kind: 'incident', severity: null, occurredAt: OCCURRED, resolvedAt: null },
      'severity',
    ],
    [
      'an incident without occurredAt',
      { kind: 'incident', severity: 'SEV2', occurredAt: null, resolvedAt: null },
      'occurredAt',
    ],
    [
      'resolution before occurrence',
      { kind: 'success', severity: null, occurredAt: OCCURRED, resolvedAt: new Date(OCCURRED.getTime() - 1) },
      'resolvedAt',
    ],
  ] as const)('refuses %s, naming the field', (_name, fields, field) => {
    const error = failure(() => assertPostmortemRules(fields));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(DomainErrorCode.InvalidInput);
    expect(error.message.startsWith(field)).toBe(true);
  });
});

describe('uniqueServices', () => {
  it('drops repeats and keeps the first-given order', () => {
    expect(uniqueServices(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    expect(uniqueServices([])).toEqual([]);
  });
});

describe('orderTimeline', () => {
  it('orders by instant, not by spelling, and stores UTC ISO', () => {
    const ordered = orderTimeline([
      { at: '2025-01-05T15:30:00+02:00', text: 'second' }, // 13:30Z
      { at: '2025-01-05T14:00:00Z', text: 'third' },
      { at: '2025-01-05T13:00:00Z', text: 'first' },
    ]);
    expect(ordered).toEqual([
      { at: '2025-01-05T13:00:00.000Z', text: 'first' },
      { at: '2025-01-05T13:30:00.000Z', text: 'second' },
      { at: '2025-01-05T14:00:00.000Z', text: 'third' },
    ]);
  });

  it('keeps entries at the same instant in the order written', () => {
    const ordered = orderTimeline([
      { at: '2025-01-05T14:00:00Z', text: 'b' },
      { at: '2025-01-05T13:00:00Z', text: 'a' },
      { at: '2025-01-05T14:00:00Z', text: 'c' },
    ]);
    expect(ordered.map((e) => e.text)).toEqual(['a', 'b', 'c']);
  });
});
