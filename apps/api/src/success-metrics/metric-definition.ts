import {
  invalidInput,
  SELECTOR_STATISTICS,
  type Aggregation,
  type Direction,
  type MetricSelector,
  type MetricTarget,
  type SelectorTerm,
} from '@app/domain';
import { formatDuration, isDuration, parseDuration } from '@app/scoring';
import {
  MAX_ATTRIBUTE_KEY_LENGTH,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTES,
  MAX_DURATION_MS,
  MAX_POINTS_PER_QUERY,
  METRIC_DEFAULTS,
  MIN_CHECK_EVERY_MS,
  OTEL_METRIC_NAME,
} from './metric.constants';

/** What a success metric measures and how it is judged: every field a person sets. */
export interface MetricDefinition {
  name: string;
  datasource: string;
  query: string | null;
  selector: MetricSelector | null;
  direction: Direction;
  target: MetricTarget;
  aggregation: Aggregation;
  baselineWindow: string;
  baselineEnd: Date | null;
  baseline: number | null;
  evaluationWindow: string;
  sustainFor: string;
  verifyWithin: string;
  checkEvery: string;
  step: string | null;
  confidence: number | null;
}

/** A definition as a request states it: the nested objects not yet checked. */
export type MetricDraft = Omit<MetricDefinition, 'selector' | 'target'> & { selector: unknown; target: unknown };

/** The fields of a request body, before defaults (dates still ISO strings). */
export type MetricInput = { [K in keyof MetricDefinition]?: K extends 'baselineEnd' ? string | null : unknown };

export interface DatasourceRef {
  name: string;
  type: 'prometheus' | 'otlp';
}

/** A new metric's draft: the defaults where the request says nothing. */
export function draftFromInput(input: MetricInput): MetricDraft {
  return {
    name: input.name as string,
    datasource: input.datasource as string,
    query: (input.query as string | null | undefined) ?? null,
    selector: input.selector ?? null,
    direction: input.direction as Direction,
    target: input.target,
    aggregation: (input.aggregation as Aggregation | undefined) ?? METRIC_DEFAULTS.aggregation,
    baselineWindow: (input.baselineWindow as string | undefined) ?? METRIC_DEFAULTS.baselineWindow,
    baselineEnd: input.baselineEnd ? new Date(input.baselineEnd) : null,
    baseline: (input.baseline as number | null | undefined) ?? null,
    evaluationWindow: (input.evaluationWindow as string | undefined) ?? METRIC_DEFAULTS.evaluationWindow,
    sustainFor: (input.sustainFor as string | undefined) ?? METRIC_DEFAULTS.sustainFor,
    verifyWithin: (input.verifyWithin as string | undefined) ?? METRIC_DEFAULTS.verifyWithin,
    checkEvery: (input.checkEvery as string | undefined) ?? METRIC_DEFAULTS.checkEvery,
    step: (input.step as string | null | undefined) ?? null,
    confidence: (input.confidence as number | null | undefined) ?? null,
  };
}

/**
 * `current` with the fields a PATCH gives. Giving one of query/selector (not null) without the
 * other switches the kind of metric, so the other is cleared rather than refused.
 */
export function mergeDraft(current: MetricDefinition, patch: MetricInput): MetricDraft {
  const merged: MetricDraft = { ...current };
  for (const [field, value] of Object.entries(patch) as Array<[keyof MetricDefinition, unknown]>) {
    if (value === undefined) continue;
    (merged as Record<string, unknown>)[field] = field === 'baselineEnd' && typeof value === 'string' ? new Date(value) : value;
  }
  if (patch.query != null && patch.selector === undefined) merged.selector = null;
  if (patch.selector != null && patch.query === undefined) merged.query = null;
  return merged;
}

/**
 * The definition, checked as a whole; throws a 400 naming the first offending field. Returns
 * clean copies of the nested selector and target (only the known keys).
 */
export function checkMetricDefinition(draft: MetricDraft, datasources: readonly DatasourceRef[]): MetricDefinition {
  const source = datasources.find((ds) => ds.name === draft.datasource);
  if (!source) {
    const configured = datasources.map((ds) => ds.name).join(', ') || 'none';
    throw invalidInput(`datasource: unknown datasource "${draft.datasource}"; configured: ${configured}`);
  }
  if (draft.query === null && draft.selector === null) {
    throw invalidInput('query: give either query (PromQL) or selector (an OpenTelemetry metric)');
  }
  if (draft.query !== null && draft.selector !== null) throw invalidInput('selector: give either query or selector, not both');
  if (draft.query !== null && source.type !== 'prometheus') {
    throw invalidInput(`query: PromQL needs a prometheus datasource; "${source.name}" is ${source.type} (use selector)`);
  }
  const selector = draft.selector === null ? null : checkSelector(draft.selector);
  const target = checkTarget(draft.target, draft.direction);
  checkDurations(draft);
  if (draft.confidence !== null && !(draft.confidence > 0 && draft.confidence < 1)) {
    throw invalidInput('confidence: must be between 0 and 1 (exclusive), e.g. 0.95');
  }
  return { ...draft, selector, target };
}

function checkSelector(value: unknown): MetricSelector {
  const selector = checkTerm(value, 'selector', true) as MetricSelector;
  const denominator = (value as Record<string, unknown>).denominator;
  if (denominator != null) selector.denominator = checkTerm(denominator, 'selector.denominator', false);
  return selector;
}

function checkTerm(value: unknown, path: string, withDenominator: boolean): SelectorTerm {
  const keys = withDenominator ? ['metric', 'attributes', 'statistic', 'denominator'] : ['metric', 'attributes', 'statistic'];
  const term = checkObject(value, path, keys);
  if (typeof term.metric !== 'string' || !OTEL_METRIC_NAME.test(term.metric)) {
    throw invalidInput(
      `${path}.metric: must be an OpenTelemetry metric name (a letter, then letters, digits, "_", ".", "-", "/"; at most 255)`,
    );
  }
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

function checkTarget(value: unknown, direction: Direction): MetricTarget {
  const target = checkObject(value, 'target', ['absolute', 'relativePercent']);
  const out: MetricTarget = {};
  if (target.absolute != null) {
    if (!isFiniteNumber(target.absolute)) throw invalidInput('target.absolute: must be a number');
    out.absolute = target.absolute;
  }
  if (target.relativePercent != null) {
    if (!isFiniteNumber(target.relativePercent) || target.relativePercent <= 0) {
      throw invalidInput('target.relativePercent: must be a number greater than 0');
    }
    if (direction === 'decrease' && target.relativePercent > 100) {
      throw invalidInput('target.relativePercent: at most 100 for a decrease (a value cannot fall by more than all of it)');
    }
    out.relativePercent = target.relativePercent;
  }
  if (out.absolute === undefined && out.relativePercent === undefined) {
    throw invalidInput('target: give absolute, relativePercent or both');
  }
  return out;
}

const DURATION_FIELDS = ['baselineWindow', 'evaluationWindow', 'sustainFor', 'verifyWithin', 'checkEvery', 'step'] as const;

function checkDurations(draft: MetricDraft): void {
  const ms: Partial<Record<(typeof DURATION_FIELDS)[number], number>> = {};
  for (const field of DURATION_FIELDS) {
    const text = draft[field];
    if (text === null) continue;
    if (!isDuration(text)) throw invalidInput(`${field}: not a duration "${text}" (expected e.g. 30m, 6h, 14d)`);
    ms[field] = parseDuration(text);
    // sustainFor 0 means "verify at the first met check"; every other span must have a length.
    if (ms[field] === 0 && field !== 'sustainFor') throw invalidInput(`${field}: must be longer than 0`);
    if (ms[field]! > MAX_DURATION_MS) throw invalidInput(`${field}: at most ${formatDuration(MAX_DURATION_MS)}, got "${text}"`);
  }
  if (ms.checkEvery! < MIN_CHECK_EVERY_MS) throw invalidInput(`checkEvery: at least 1m, got "${draft.checkEvery}"`);
  if (ms.step !== undefined) {
    if (ms.step > ms.evaluationWindow!) throw invalidInput(`step: must not be longer than evaluationWindow (${draft.evaluationWindow})`);
    for (const window of ['baselineWindow', 'evaluationWindow'] as const) {
      if (ms[window]! / ms.step > MAX_POINTS_PER_QUERY) {
        const least = formatDuration(Math.ceil(ms[window]! / MAX_POINTS_PER_QUERY / 1000) * 1000);
        throw invalidInput(
          `step: "${draft.step}" gives more than ${MAX_POINTS_PER_QUERY} points over ${window} ${draft[window]}; use at least ${least}`,
        );
      }
    }
  }
}

function checkObject(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidInput(`${path}: must be an object with ${keys.join(', ')}`);
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw invalidInput(`${path}.${key}: unknown field`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
