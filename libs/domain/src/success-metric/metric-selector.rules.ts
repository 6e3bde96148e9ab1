import { invalidInput } from '../domain.errors';
import { isMetricName, METRIC_NAME_RULE } from '../metric-name-pattern';
import { SELECTOR_STATISTICS, type MetricSelector, type SelectorTerm } from '../types';

export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_KEY_LENGTH = 255;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 1000;

const TERM_FIELDS = ['metric', 'attributes', 'statistic'] as const;

/**
 * An OpenTelemetry metric selector, checked: throws an invalid-input error naming the first
 * offending field under `path`. Returns a clean copy (only the known keys).
 */
export function checkSelector(value: unknown, path = 'selector'): MetricSelector {
  const selector: MetricSelector = checkTerm(value, path, [...TERM_FIELDS, 'denominator']);
  const denominator = (value as Record<string, unknown>).denominator;
  if (denominator != null) selector.denominator = checkTerm(denominator, `${path}.denominator`, TERM_FIELDS);
  return selector;
}

function checkTerm(value: unknown, path: string, keys: readonly string[]): SelectorTerm {
  const term = checkObject(value, path, keys);
  if (!isMetricName(term.metric)) throw invalidInput(`${path}.metric: must be ${METRIC_NAME_RULE}`);
  if (!SELECTOR_STATISTICS.includes(term.statistic as never)) {
    throw invalidInput(`${path}.statistic: must be one of ${SELECTOR_STATISTICS.join(', ')}`);
  }
  const out: SelectorTerm = { metric: term.metric, statistic: term.statistic as SelectorTerm['statistic'] };
  if (term.attributes != null) out.attributes = checkAttributes(term.attributes, `${path}.attributes`);
  return out;
}

function checkAttributes(value: unknown, path: string): Record<string, string> {
  if (!isPlainObject(value)) throw invalidInput(`${path}: must be an object of attribute names to string values`);
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES) throw invalidInput(`${path}: at most ${MAX_ATTRIBUTES} attributes`);
  for (const [key, v] of entries) {
    if (key.length === 0 || key.length > MAX_ATTRIBUTE_KEY_LENGTH) {
      throw invalidInput(`${path}: attribute names are 1..${MAX_ATTRIBUTE_KEY_LENGTH} characters`);
    }
    if (typeof v !== 'string' || v.length > MAX_ATTRIBUTE_VALUE_LENGTH) {
      throw invalidInput(`${path}.${key}: must be a string of at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** `value` as an object with only `keys`; the error names the path and, for a stray key, the key. */
export function checkObject(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidInput(`${path}: must be an object with ${keys.join(', ')}`);
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw invalidInput(`${path}.${key}: unknown field`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
