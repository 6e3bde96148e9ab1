import { MAX_ATTRIBUTE_DEPTH } from './attribute-limits';
import { type IntegerRejectReason, signedProblem, unsignedProblem } from './json-int64';
import type { ExportRequestObject } from './otlp-request.types';

type Raw = Record<string, unknown>;

const POINT_KINDS = ['gauge', 'sum', 'histogram'] as const;

/**
 * Marks, on the decoded request, every resource, scope and point whose JSON 64-bit integers are
 * not whole numbers within range (docs/operation.md, "OTLP receiver limits"): asInt and int
 * attributes as int64, counts and timestamps as fixed64. Reads the parsed JSON as sent, since the
 * decoded copy already holds the wrapped or truncated values; both have the same arrays in the same
 * order.
 */
export function markIntegerRefusals(raw: unknown, decoded: ExportRequestObject): void {
  eachRecord(asRecord(raw)?.resourceMetrics, (rm, i) => {
    const resource = decoded.resourceMetrics?.[i];
    if (!resource) return;
    const resourceProblem = attributesProblem(asRecord(rm.resource)?.attributes);
    if (resourceProblem) resource.refused = resourceProblem;
    eachRecord(rm.scopeMetrics, (sm, j) => {
      const scope = resource.scopeMetrics?.[j];
      if (!scope) return;
      const scopeProblem = attributesProblem(asRecord(sm.scope)?.attributes);
      if (scopeProblem) scope.refused = scopeProblem;
      eachRecord(sm.metrics, (m, k) => {
        const metric = scope.metrics?.[k];
        if (!metric) return;
        for (const kind of POINT_KINDS) {
          const points = metric[kind]?.dataPoints;
          eachRecord(asRecord(m[kind])?.dataPoints, (p, l) => {
            const point = points?.[l];
            const problem = point ? pointProblem(p, kind === 'histogram') : null;
            if (point && problem) point.refused = problem;
          });
        }
      });
    });
  });
}

/** The first integer problem of one data point as sent in JSON, or null. */
export function pointProblem(p: Raw, histogram: boolean): IntegerRejectReason | null {
  let own: IntegerRejectReason | null;
  if (histogram) {
    own = unsignedProblem(p.count, true);
    const counts: unknown[] = Array.isArray(p.bucketCounts) ? p.bucketCounts : [];
    for (const c of counts) own ??= unsignedProblem(c, true);
  } else {
    own = signedProblem(p.asInt);
  }
  return (
    own ?? unsignedProblem(p.timeUnixNano) ?? unsignedProblem(p.startTimeUnixNano) ?? attributesProblem(p.attributes)
  );
}

/** An int attribute value past int64, at any depth the attribute limits allow, or null. */
export function attributesProblem(list: unknown, depth = 0): IntegerRejectReason | null {
  let problem: IntegerRejectReason | null = null;
  eachRecord(list, (kv) => {
    problem ??= valueProblem(asRecord(kv.value), depth);
  });
  return problem;
}

function valueProblem(value: Raw | null, depth: number): IntegerRejectReason | null {
  // Deeper values are refused for their depth anyway (attributes_too_deep).
  if (!value || depth > MAX_ATTRIBUTE_DEPTH) return null;
  let problem = signedProblem(value.intValue);
  eachRecord(asRecord(value.arrayValue)?.values, (item) => {
    problem ??= valueProblem(item, depth + 1);
  });
  return problem ?? attributesProblem(asRecord(value.kvlistValue)?.values, depth + 1);
}

function asRecord(value: unknown): Raw | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : null;
}

/** Calls `fn` with each object of an array and its index (other elements are skipped). */
function eachRecord(value: unknown, fn: (item: Raw, index: number) => void): void {
  if (!Array.isArray(value)) return;
  value.forEach((item: unknown, index) => {
    const record = asRecord(item);
    if (record) fn(record, index);
  });
}
