import type { Sample } from '@app/scoring';
import { MalformedResponseError } from './prometheus-response.errors';

/**
 * Pure decoding of the Prometheus HTTP API envelope
 * (`{status, data: {resultType, result}, errorType, error, warnings}`), as client_golang's api.go
 * does it: by `resultType`. Extra fields (Thanos, Mimir, VictoriaMetrics add stats, `infos`,
 * `isPartial`…) are ignored rather than refused.
 */

export interface PromSeries {
  labels: Record<string, string>;
  samples: Sample[];
}

export type PromData =
  | { resultType: 'matrix'; series: PromSeries[] }
  /** One sample per series, at the query's evaluation time. */
  | { resultType: 'vector'; series: PromSeries[] }
  | { resultType: 'scalar'; sample: Sample }
  | { resultType: 'string'; at: number; value: string };

export type PromEnvelope<T = PromData> =
  | { status: 'success'; data: T; warnings: string[] }
  | { status: 'error'; errorType: string; error: string; warnings: string[] };

/** Parses a query's response body; throws MalformedResponseError when it is not a well-formed envelope. */
export function parseEnvelope(body: string): PromEnvelope {
  return parseEnvelopeOf(body, decodeData);
}

/** Parses a response body whose `data` `decode` reads (a query's result, a list of label values). */
export function parseEnvelopeOf<T>(body: string, decode: (data: unknown) => T): PromEnvelope<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedResponseError(`not JSON: ${excerpt(body)}`);
  }
  if (!isObject(json)) throw new MalformedResponseError(`not a Prometheus API envelope: ${excerpt(body)}`);
  const warnings = decodeWarnings(json.warnings);
  if (json.status === 'error') {
    return {
      status: 'error',
      errorType: String(json.errorType ?? 'unknown'),
      error: String(json.error ?? ''),
      warnings,
    };
  }
  if (json.status !== 'success')
    throw new MalformedResponseError(`envelope status is ${JSON.stringify(json.status)}, not "success" or "error"`);
  return { status: 'success', data: decode(json.data), warnings };
}

/** The `data` of the label values and label names endpoints: an array of strings. */
export function decodeStringList(data: unknown): string[] {
  if (!Array.isArray(data)) throw new MalformedResponseError('envelope data is not an array of strings');
  for (const value of data)
    if (typeof value !== 'string')
      throw new MalformedResponseError(`value ${excerpt(JSON.stringify(value) ?? '')} is not a string`);
  return data as string[];
}

/** Decodes `data` by its `resultType`. */
export function decodeData(data: unknown): PromData {
  if (!isObject(data)) throw new MalformedResponseError('envelope has no data object');
  const { resultType, result } = data;
  switch (resultType) {
    case 'matrix':
      return { resultType, series: asArray(result, 'matrix').map(decodeRangeSeries) };
    case 'vector':
      return { resultType, series: asArray(result, 'vector').map(decodeInstantSeries) };
    case 'scalar':
      return { resultType, sample: decodeSample(result) };
    case 'string': {
      const [at, value] = asPair(result);
      return { resultType, at: secondsToMillis(at), value: String(value) };
    }
    default:
      throw new MalformedResponseError(`unexpected resultType ${JSON.stringify(resultType)}`);
  }
}

/**
 * Sample values travel as strings because JSON has no NaN or infinities; Go formats them as
 * "NaN", "+Inf" and "-Inf", which Number() would not read (Number("+Inf") is NaN).
 */
export function parseSampleValue(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') throw new MalformedResponseError(`sample value ${JSON.stringify(raw)} is not a string`);
  switch (raw) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value))
    throw new MalformedResponseError(`sample value ${JSON.stringify(raw)} is not a number`);
  return value;
}

/**
 * Timestamps are float seconds with millisecond precision; rounding undoes binary float error
 * (1435781451.781 × 1000 is 1435781451781.0002).
 */
export function secondsToMillis(raw: unknown): number {
  const seconds = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds))
    throw new MalformedResponseError(`timestamp ${JSON.stringify(raw)} is not a number`);
  return Math.round(seconds * 1000);
}

/** A label set the way Prometheus prints one: `up{instance="a:9090", job="a"}`, or `{job="a"}` without a name. */
export function formatLabels(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((key) => `${key}=${JSON.stringify(rest[key])}`);
  return `${name ?? ''}{${pairs.join(', ')}}`;
}

function decodeRangeSeries(raw: unknown): PromSeries {
  if (!isObject(raw)) throw new MalformedResponseError('matrix element is not an object');
  // A native-histogram-only series has `histograms` and no `values`: no float samples to score.
  const values = raw.values === undefined ? [] : asArray(raw.values, 'matrix values');
  return { labels: decodeLabels(raw.metric), samples: values.map(decodeSample) };
}

function decodeInstantSeries(raw: unknown): PromSeries {
  if (!isObject(raw)) throw new MalformedResponseError('vector element is not an object');
  return { labels: decodeLabels(raw.metric), samples: raw.value === undefined ? [] : [decodeSample(raw.value)] };
}

function decodeSample(raw: unknown): Sample {
  const [at, value] = asPair(raw);
  return { at: secondsToMillis(at), value: parseSampleValue(value) };
}

function decodeLabels(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new MalformedResponseError('series labels are not an object');
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw new MalformedResponseError(`label ${key} is not a string`);
    labels[key] = value;
  }
  return labels;
}

function decodeWarnings(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new MalformedResponseError('warnings is not an array');
  return raw.map(String);
}

function asPair(raw: unknown): [unknown, unknown] {
  if (!Array.isArray(raw) || raw.length !== 2)
    throw new MalformedResponseError(`sample ${excerpt(JSON.stringify(raw) ?? '')} is not a [time, value] pair`);
  return [raw[0], raw[1]];
}

function asArray(raw: unknown, what: string): unknown[] {
  if (!Array.isArray(raw)) throw new MalformedResponseError(`${what} result is not an array`);
  return raw;
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || '(empty body)';
}
