import {
  ATTRIBUTE_REJECT_REASONS,
  MAX_ATTRIBUTE_DEPTH,
  MAX_ATTRIBUTE_TEXT,
  MAX_ATTRIBUTES,
} from '../decode/attribute-limits';
import { INTEGER_REJECT_REASONS } from '../decode/json-int64';
import type { OtlpPoint } from '../decode/otlp-metric.model';
import { TEXT_REJECT_REASONS } from '../decode/text-rules';

/** Why points were refused: reported to the sender in partialSuccess. */
export const REJECT_REASONS = [
  'no_value',
  'not_finite',
  'bad_histogram',
  'count_mismatch',
  'no_timestamp',
  'too_old',
  'in_future',
  'out_of_order',
  'kind_conflict',
  'series_limit',
  'series_budget',
  'unsupported_kind',
  ...ATTRIBUTE_REJECT_REASONS,
  ...TEXT_REJECT_REASONS,
  ...INTEGER_REJECT_REASONS,
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * Why points were dropped: the operator chose not to keep them (otlp.keep). Not the sender's fault,
 * so not reported back as rejected (a sender cannot act on it); counted on /metrics only.
 */
export const DROP_REASONS = ['not_kept'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface SeriesLimits {
  maxSeriesPerMetric: number;
  maxSeries: number;
}

export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  no_value: 'carry no value',
  not_finite: 'have a NaN or infinite value',
  bad_histogram: 'are malformed histograms (bucket counts must be one more than the finite, ascending bounds)',
  count_mismatch: 'have bucket counts that do not add up to count',
  no_timestamp: 'have no timeUnixNano',
  too_old: 'are older than the retention',
  in_future: 'are too far in the future',
  out_of_order: "are older than their series' newest stored point",
  kind_conflict: 'change the kind or temporality of an existing series',
  series_limit: 'would create series beyond the per-metric series limit',
  series_budget: 'would create series beyond the overall series budget',
  unsupported_kind: 'are exponential histograms or summaries, which are not supported',
  attributes_too_deep: `have an attribute value nested more than ${MAX_ATTRIBUTE_DEPTH} arrays or maps deep`,
  attribute_too_long: `have an attribute key or value longer than ${MAX_ATTRIBUTE_TEXT} characters`,
  too_many_attributes: `have more than ${MAX_ATTRIBUTES} attributes (resource, scope and point)`,
  invalid_unicode: 'have a metric name, unit or attribute that is not valid Unicode (a lone surrogate)',
  nul_in_text: 'have a metric name, unit or attribute holding NUL (U+0000)',
  bad_integer: 'carry an integer that is not a whole number within its 64-bit range',
  negative_count: 'have a negative histogram count',
};

// DataPointFlags.FLAG_NO_RECORDED_VALUE: a staleness marker, not a measurement.
const NO_RECORDED_VALUE = 1;
const MAX_BIGINT = 2n ** 63n - 1n;

export interface ClassifyClock {
  nowUs: bigint;
  /** Points older than nowUs - retentionUs are refused: the purge would delete them anyway. */
  retentionUs: bigint;
  /** Clock skew tolerated ahead of now; a point further ahead would block its series' later points. */
  futureToleranceUs: bigint;
}

/** Nanoseconds (a decimal string, as decoded) to microseconds, the database's precision. */
export function nanosToMicros(nanos: string): bigint {
  return BigInt(nanos) / 1000n;
}

/** Microseconds since the epoch as ISO-8601 with six fractional digits (exact, unlike a Date). */
export function microsToIso(us: bigint): string {
  const ms = us / 1000n;
  const rest = us % 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, 23)}${rest.toString().padStart(3, '0')}Z`;
}

/**
 * microsToIso with a memo, for one export: its points share a few timestamps (one collection time,
 * one start time per sender), so each distinct time is formatted once. Not meant to outlive the
 * export (the memo grows with the distinct times it sees).
 */
export function memoizedMicrosToIso(): (us: bigint) => string {
  const texts = new Map<bigint, string>();
  return (us) => {
    let text = texts.get(us);
    if (text === undefined) texts.set(us, (text = microsToIso(us)));
    return text;
  };
}

/** Checks that need no stored state: the point's own value and time. */
export function checkPoint(point: OtlpPoint, clock: ClassifyClock): { atUs: bigint } | { reject: RejectReason } {
  if ((point.flags & NO_RECORDED_VALUE) !== 0) return { reject: 'no_value' };
  if (point.histogram) {
    const rejected = histogramProblem(point.histogram);
    if (rejected) return { reject: rejected };
  } else {
    if (point.value === null) return { reject: 'no_value' };
    if (!Number.isFinite(point.value)) return { reject: 'not_finite' };
  }
  const atUs = nanosToMicros(point.timeUnixNano);
  if (atUs <= 0n) return { reject: 'no_timestamp' };
  if (atUs < clock.nowUs - clock.retentionUs) return { reject: 'too_old' };
  if (atUs > clock.nowUs + clock.futureToleranceUs) return { reject: 'in_future' };
  return { atUs };
}

/**
 * What is wrong with a histogram's shape or counts, or null. The counts are uint64 on the wire (the
 * JSON decoder already refuses a negative one; checked again so no path stores one) and bigint
 * (signed) in the database; OTLP requires count to be the sum of the bucket counts.
 */
export function histogramProblem(h: NonNullable<OtlpPoint['histogram']>): RejectReason | null {
  const { bounds, counts, sum } = h;
  if (sum !== null && !Number.isFinite(sum)) return 'not_finite';
  // One pass over the counts, no intermediate arrays: this runs for every histogram point.
  const count = BigInt(h.count);
  let negative = count < 0n;
  let tooLarge = count > MAX_BIGINT;
  let total = 0n;
  for (const text of counts) {
    const c = BigInt(text);
    if (c < 0n) negative = true;
    else if (c > MAX_BIGINT) tooLarge = true;
    total += c;
  }
  if (negative) return 'negative_count';
  if (counts.length !== bounds.length + 1 || tooLarge) return 'bad_histogram';
  for (let i = 0; i < bounds.length; i++) {
    if (!Number.isFinite(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1]))) return 'bad_histogram';
  }
  if (total !== count) return 'count_mismatch';
  return null;
}

/**
 * A point against its series' newest stored time: newer is stored; the same time is a retried
 * export (accepted, stored once); older is out of order and refused, for every kind — a cumulative
 * value older than the last would otherwise read as a counter reset.
 */
export function checkOrder(atUs: bigint, lastAtUs: bigint | null): 'new' | 'duplicate' | 'out_of_order' {
  if (lastAtUs === null || atUs > lastAtUs) return 'new';
  return atUs === lastAtUs ? 'duplicate' : 'out_of_order';
}

/** The partialSuccess errorMessage: how many points were refused, and why. */
export function describeRejections(
  counts: Map<RejectReason, number>,
  limitedMetrics: string[],
  limits: SeriesLimits,
): string {
  const parts = [...counts.entries()]
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => {
      const text = `${n} point${n === 1 ? '' : 's'} ${REJECT_REASON_TEXT[reason]}`;
      if (reason === 'series_limit') {
        return `${text} (${limits.maxSeriesPerMetric} series per metric; at the limit: ${limitedMetrics.slice(0, 5).join(', ')})`;
      }
      if (reason === 'series_budget') return `${text} (otlp.maxSeries: ${limits.maxSeries} series across all metrics)`;
      return text;
    });
  return parts.join('; ');
}
