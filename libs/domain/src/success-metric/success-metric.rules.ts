import { invalidInput } from '../domain.errors';
import { formatDuration, isDuration, parseDuration } from '../duration';
import { SEASONALITIES, type Direction, type MetricTarget } from '../types';
import { checkObject, checkSelector } from './metric-selector.rules';
import { DEFAULT_MAX_QUERY_RANGE_MS, promqlCostRefusal } from './promql-cost.rules';
import {
  DURATION_FIELDS,
  SUCCESS_METRIC_DEFAULTS,
  SUCCESS_METRIC_FIELDS,
  type SuccessMetricDefinition,
  type SuccessMetricField,
} from './success-metric-definition';

export const MAX_METRIC_NAME_LENGTH = 200;
export const MAX_QUERY_LENGTH = 10_000;
/** Prometheus refuses range queries of more than 11,000 points per series. */
export const MAX_POINTS_PER_QUERY = 11_000;
export const MIN_CHECK_EVERY_MS = 60_000;
/** The period a seasonal profile repeats over. */
export const SEASON_PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;
/** Five years: longer spans say nothing useful and overflow the date arithmetic of a check. */
export const MAX_METRIC_SPAN_MS = 5 * 365 * 86_400_000;

/** A definition as a request states it: the nested objects not yet checked. */
export type SuccessMetricDraft = Omit<SuccessMetricDefinition, 'selector' | 'target'> & {
  selector: unknown;
  target: unknown;
};

/** The fields of a request body, before defaults (dates still ISO strings). */
export type SuccessMetricInput = { [K in SuccessMetricField]?: K extends 'baselineEnd' ? string | null : unknown };

export type DatasourceKind = 'prometheus' | 'otlp';

/** A configured datasource, as far as a definition cares. */
export interface DatasourceRef {
  name: string;
  type: DatasourceKind;
}

/** The operator's limits on what a definition may ask of a datasource (config `limits`). */
export interface DefinitionLimits {
  /** Longest range a selector or subquery of a PromQL query may span (`limits.maxQueryRange`). */
  maxQueryRangeMs: number;
}

export const DEFAULT_DEFINITION_LIMITS: DefinitionLimits = { maxQueryRangeMs: DEFAULT_MAX_QUERY_RANGE_MS };

/** A new metric's draft: the defaults where the request says nothing (or null). */
export function draftFromInput(input: SuccessMetricInput): SuccessMetricDraft {
  const given = SUCCESS_METRIC_FIELDS.filter((field) => input[field] != null).map((field) => [
    field,
    readField(field, input[field]),
  ]);
  return { ...SUCCESS_METRIC_DEFAULTS, ...Object.fromEntries(given) } as SuccessMetricDraft;
}

/**
 * `current` with the fields a change gives (null clears a nullable field). Giving one of
 * query/selector (not null) without the other switches the kind of metric, so the other is
 * cleared rather than refused.
 */
export function mergeDraft(current: SuccessMetricDefinition, patch: SuccessMetricInput): SuccessMetricDraft {
  const given = SUCCESS_METRIC_FIELDS.filter((field) => patch[field] !== undefined).map((field) => [
    field,
    readField(field, patch[field]),
  ]);
  const merged = { ...current, ...Object.fromEntries(given) } as SuccessMetricDraft;
  if (patch.query != null && patch.selector === undefined) merged.selector = null;
  if (patch.selector != null && patch.query === undefined) merged.query = null;
  return merged;
}

function readField(field: SuccessMetricField, value: unknown): unknown {
  return field === 'baselineEnd' && typeof value === 'string' ? new Date(value) : value;
}

/**
 * The definition, checked as a whole; throws an invalid-input error naming the first offending
 * field. Returns clean copies of the nested selector and target (only the known keys).
 */
export function checkSuccessMetric(
  draft: SuccessMetricDraft,
  datasources: readonly DatasourceRef[],
  limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS,
): SuccessMetricDefinition {
  const source = datasources.find((ds) => ds.name === draft.datasource);
  if (!source) {
    const configured = datasources.map((ds) => ds.name).join(', ') || 'none';
    throw invalidInput(`datasource: unknown datasource "${draft.datasource}"; configured: ${configured}`);
  }
  if (draft.query === null && draft.selector === null) {
    throw invalidInput('query: give either query (PromQL) or selector (an OpenTelemetry metric)');
  }
  if (draft.query !== null && draft.selector !== null)
    throw invalidInput('selector: give either query or selector, not both');
  if (draft.query !== null && source.type !== 'prometheus') {
    throw invalidInput(
      `query: PromQL needs a prometheus datasource; "${source.name}" is ${source.type} (use selector)`,
    );
  }
  const selector = draft.selector === null ? null : checkSelector(draft.selector);
  const target = checkTarget(draft.target, draft.direction);
  checkDurations(draft);
  if (draft.confidence !== null && !(draft.confidence > 0 && draft.confidence < 1)) {
    throw invalidInput('confidence: must be between 0 and 1 (exclusive), e.g. 0.95');
  }
  checkSeasonality(draft);
  if (draft.query !== null) checkQueryCost(draft, limits);
  return { ...draft, selector, target };
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
      throw invalidInput(
        'target.relativePercent: at most 100 for a decrease (a value cannot fall by more than all of it)',
      );
    }
    out.relativePercent = target.relativePercent;
  }
  if (out.absolute === undefined && out.relativePercent === undefined) {
    throw invalidInput('target: give absolute, relativePercent or both');
  }
  return out;
}

function checkDurations(draft: SuccessMetricDraft): void {
  const ms: Partial<Record<(typeof DURATION_FIELDS)[number], number>> = {};
  for (const field of DURATION_FIELDS) {
    const text = draft[field];
    if (text === null) continue;
    if (!isDuration(text)) throw invalidInput(`${field}: not a duration "${text}" (expected e.g. 30m, 6h, 14d)`);
    ms[field] = parseDuration(text);
    // sustainFor 0 means "verify at the first met check"; every other span must have a length.
    if (ms[field] === 0 && field !== 'sustainFor') throw invalidInput(`${field}: must be longer than 0`);
    if (ms[field]! > MAX_METRIC_SPAN_MS)
      throw invalidInput(`${field}: at most ${formatDuration(MAX_METRIC_SPAN_MS)}, got "${text}"`);
  }
  if (ms.checkEvery! < MIN_CHECK_EVERY_MS) throw invalidInput(`checkEvery: at least 1m, got "${draft.checkEvery}"`);
  if (ms.step !== undefined) {
    if (ms.step > ms.evaluationWindow!)
      throw invalidInput(`step: must not be longer than evaluationWindow (${draft.evaluationWindow})`);
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

/**
 * Caller-written PromQL is run by the scorer as range queries over the metric's windows: its
 * ranges and subqueries are bounded so no definition (or preview) can exhaust Prometheus
 * (docs/operation.md, "Query cost limits"). Translated selectors are ours, and bounded already.
 */
function checkQueryCost(draft: SuccessMetricDraft, limits: DefinitionLimits): void {
  const spanMs = Math.max(parseDuration(draft.baselineWindow), parseDuration(draft.evaluationWindow));
  const refusal = promqlCostRefusal(draft.query!, { maxRangeMs: limits.maxQueryRangeMs, spanMs });
  if (refusal !== null) throw invalidInput(`query: ${refusal}`);
}

/** A seasonal profile needs every phase in the baseline: a whole day (daily) or week (weekly) at least. */
function checkSeasonality(draft: SuccessMetricDraft): void {
  if (!(SEASONALITIES as readonly unknown[]).includes(draft.seasonality))
    throw invalidInput(`seasonality: must be one of ${SEASONALITIES.join(', ')}`);
  if (!isTimeZone(draft.timeZone))
    throw invalidInput(`timeZone: not an IANA time zone "${String(draft.timeZone)}" (e.g. UTC, Europe/Berlin)`);
  if (draft.seasonality === 'none') return;
  const period = SEASON_PERIOD_MS[draft.seasonality];
  if (parseDuration(draft.baselineWindow) < period) {
    throw invalidInput(
      `baselineWindow: a ${draft.seasonality} seasonality needs a baseline window of at least one whole period (${formatDuration(period)}), got "${draft.baselineWindow}"`,
    );
  }
}

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
