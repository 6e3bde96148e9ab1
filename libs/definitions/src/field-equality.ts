import { parseDuration, sameValue as sameJson } from '@app/domain';
import { withoutNulls } from './without-nulls';

/*
 * When a field in the file says the same as the API's answer. The API answers in its own spelling
 * (UTC instants with milliseconds, services without repeats, the timeline in time order, nulls for
 * absent parts), so each side is brought to one form before comparing: applying twice is a no-op.
 */

const INSTANT_FIELDS = new Set(['occurredAt', 'resolvedAt', 'openedAt', 'dueAt', 'baselineEnd']);
const DURATION_FIELDS = new Set([
  'baselineWindow',
  'evaluationWindow',
  'sustainFor',
  'verifyWithin',
  'checkEvery',
  'step',
]);

function instant(value: unknown): unknown {
  return typeof value === 'string' ? new Date(value).toISOString() : value;
}

/** The field's value in the one form both sides are compared in. */
export function normalised(field: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (INSTANT_FIELDS.has(field)) return instant(value);
  if (DURATION_FIELDS.has(field) && typeof value === 'string') return parseDuration(value);
  if (field === 'services' && Array.isArray(value)) return [...new Set(value)];
  if (field === 'timeline' && Array.isArray(value)) {
    return (value as Array<{ at: string; text: string }>)
      .map((entry) => ({ at: instant(entry.at), text: entry.text }))
      .sort((a, b) => Date.parse(a.at as string) - Date.parse(b.at as string));
  }
  return withoutNulls(value);
}

export function sameValue(field: string, desired: unknown, current: unknown): boolean {
  return sameJson(normalised(field, desired), normalised(field, current));
}
