import { parser } from '@prometheus-io/lezer-promql';
import { formatDuration } from '../duration';

/**
 * What a caller's PromQL may cost Prometheus (docs/operation.md, "Query cost limits"). Only
 * costs are judged here: a query the parser cannot read is left to the datasource, whose own
 * message is the better answer.
 */
export interface PromqlCostLimits {
  /** Longest range a selector (`x[30d]`) or a subquery (`x[30d:5m]`) may span. */
  maxRangeMs: number;
  /**
   * The longest range the query is run over as a range query (the metric's longest window);
   * 0 for an instant query. A subquery is evaluated at every resolution step of it.
   */
  spanMs: number;
}

/** Default of `limits.maxQueryRange`: a month, so an SLO's `increase(x[30d])` still fits. */
export const DEFAULT_MAX_QUERY_RANGE_MS = 31 * 86_400_000;
/** Prometheus's own rule: at most 11,000 points per series in one range query. */
export const MAX_SUBQUERY_POINTS = 11_000;
/**
 * Instants one subquery, and all subqueries of a query together, are evaluated at over the whole
 * range query (resolution steps across the window plus the subquery's own range): ten times
 * Prometheus's per-query rule, so a 14-day window with a `[5m:1m]` subquery fits, and a year at
 * one second does not.
 */
export const MAX_SUBQUERY_STEPS = 110_000;
/** The resolution of `x[1h:]`: Prometheus's default global.evaluation_interval. */
export const DEFAULT_SUBQUERY_RESOLUTION_MS = 60_000;

const UNIT_MS: Record<string, number> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};
/** A node of the parsed query. */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const DURATION = /^(?:\d+(?:y|w|d|h|ms|m|s))+$/;
const DURATION_PART = /(\d+)(y|w|d|h|ms|m|s)/g;
/** PromQL's string literals: double- or single-quoted with escapes, or back-quoted raw. */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?/g;
/** A range `[R]` or a subquery `[R:res]` as written. */
const BRACKETED = /\[([^[\]:]+)(?::([^[\]]*))?\]/g;
/** How much of a query's text a refusal quotes. */
const QUOTED_CHARS = 80;

/**
 * Why `query` costs more than `limits` allow, or null when it does not (or cannot be parsed:
 * the datasource then says what is wrong). The first offending part is named, outermost first.
 */
export function promqlCostRefusal(query: string, limits: PromqlCostLimits): string | null {
  const tree = parser.parse(query);
  let broken = false;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) broken = true;
      return !broken;
    },
  });
  if (broken) return bracketRefusal(query, limits);
  const tally = { steps: 0 };
  return visit(tree.topNode, 0, query, limits, tally) ?? totalRefusal(tally, limits);
}

/** The instants all subqueries of a query are evaluated at, summed as the walk finds them. */
interface Tally {
  steps: number;
}

/** Many subqueries, each within the limits, still add up: their sum is held to the same bound. */
function totalRefusal(tally: Tally, limits: PromqlCostLimits): string | null {
  if (tally.steps <= MAX_SUBQUERY_STEPS) return null;
  const over = limits.spanMs > 0 ? ` over the metric's ${durationText(limits.spanMs)} window` : '';
  return `the subqueries are evaluated at ${tally.steps} instants in all${over}, more than ${MAX_SUBQUERY_STEPS}; use fewer subqueries or coarser resolutions`;
}

/**
 * A query the parser could not read whole (a syntax error, or nesting deeper than it follows while
 * Prometheus still would): its bracketed ranges outside string literals are checked one by one, so
 * wrapping an expensive range in thousands of parentheses does not slip it past the limits. A range
 * that is not a plain duration is left to the datasource.
 */
function bracketRefusal(query: string, limits: PromqlCostLimits): string | null {
  const tally = { steps: 0 };
  const code = query.replace(STRING_LITERAL, (literal) => ' '.repeat(literal.length));
  for (const match of code.matchAll(BRACKETED)) {
    const [text, rangeText, resolutionText] = match;
    const range = literalMs(rangeText!.trim());
    if (range === null) continue;
    const quoted = `"${text}"`;
    const kind = resolutionText === undefined ? 'range selector' : 'subquery';
    if (range > limits.maxRangeMs) {
      return `the ${kind} ${quoted} spans ${durationText(range)}, longer than ${durationText(limits.maxRangeMs)} (limits.maxQueryRange)`;
    }
    if (resolutionText === undefined) continue;
    const given = resolutionText.trim() === '' ? undefined : (literalMs(resolutionText.trim()) ?? undefined);
    const refusal = subqueryCost(quoted, range, given, 0, limits, tally);
    if (refusal !== null) return refusal;
  }
  return totalRefusal(tally, limits);
}

/** `enclosingMs`: the ranges of the subqueries around `node`, which widen the range it is evaluated over. */
function visit(
  node: SyntaxNode,
  enclosingMs: number,
  query: string,
  limits: PromqlCostLimits,
  tally: Tally,
): string | null {
  let inner = enclosingMs;
  if (node.name === 'MatrixSelector' || node.name === 'SubqueryExpr') {
    const refusal =
      node.name === 'MatrixSelector'
        ? checkSelector(node, query, limits)
        : checkSubquery(node, enclosingMs, query, limits, tally);
    if (refusal !== null) return refusal;
    if (node.name === 'SubqueryExpr') inner += durationsOf(node, query)[0] ?? 0;
  }
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'DurationExpr') continue;
    const refusal = visit(child, inner, query, limits, tally);
    if (refusal !== null) return refusal;
  }
  return null;
}

function checkSelector(node: SyntaxNode, query: string, limits: PromqlCostLimits): string | null {
  const [range] = durationsOf(node, query);
  if (range === undefined) return unbounded(node, query);
  if (range > limits.maxRangeMs) return tooLong('range selector', node, range, query, limits);
  return null;
}

function checkSubquery(
  node: SyntaxNode,
  enclosingMs: number,
  query: string,
  limits: PromqlCostLimits,
  tally: Tally,
): string | null {
  const durations = durationsOf(node, query);
  const [range, given] = durations;
  const resolutionNode = node.getChildren('DurationExpr')[1];
  if (range === undefined || (resolutionNode && given === undefined)) return unbounded(node, query);
  if (range > limits.maxRangeMs) return tooLong('subquery', node, range, query, limits);
  return subqueryCost(quote(node, query), range, given, enclosingMs, limits, tally);
}

/** Why a subquery of this range and resolution (undefined: the default) costs too much, or null. */
function subqueryCost(
  quoted: string,
  range: number,
  given: number | undefined,
  enclosingMs: number,
  limits: PromqlCostLimits,
  tally: Tally,
): string | null {
  // Prometheus evaluates the inner expression once over its whole range at the resolution, the
  // ranges of enclosing subqueries included (a nested subquery widens what it covers).
  const resolution = given !== undefined && given > 0 ? given : DEFAULT_SUBQUERY_RESOLUTION_MS;
  const covered = range + enclosingMs;
  const points = Math.ceil(covered / resolution);
  const at = `${durationText(resolution)}${given === undefined ? ' (the default resolution)' : ''}`;
  if (points > MAX_SUBQUERY_POINTS) {
    const around = enclosingMs > 0 ? `, with the ${durationText(enclosingMs)} of the subqueries around it` : '';
    return (
      `the subquery ${quoted} takes ${points} points per series (${durationText(covered)}${around} at ${at}), ` +
      `more than ${MAX_SUBQUERY_POINTS}; use a resolution of at least ${leastResolution(covered, MAX_SUBQUERY_POINTS)}`
    );
  }
  const steps = Math.ceil((covered + limits.spanMs) / resolution);
  tally.steps += steps;
  if (steps > MAX_SUBQUERY_STEPS) {
    return (
      `the subquery ${quoted} is evaluated at ${steps} instants over the metric's ${durationText(limits.spanMs)} window ` +
      `(at ${at}), more than ${MAX_SUBQUERY_STEPS}; use a resolution of at least ${leastResolution(covered + limits.spanMs, MAX_SUBQUERY_STEPS)}`
    );
  }
  return null;
}

function tooLong(kind: string, node: SyntaxNode, range: number, query: string, limits: PromqlCostLimits): string {
  return `the ${kind} ${quote(node, query)} spans ${durationText(range)}, longer than ${durationText(limits.maxRangeMs)} (limits.maxQueryRange)`;
}

/** A range computed from step() or range() depends on how the query is run: it cannot be bounded beforehand. */
function unbounded(node: SyntaxNode, query: string): string {
  return `the range of ${quote(node, query)} must be a fixed duration (e.g. 5m, 1h) so its cost can be checked`;
}

/** The values of a selector's or subquery's own duration expressions: [range, resolution?]; undefined when not fixed. */
function durationsOf(node: SyntaxNode, source: string): Array<number | undefined> {
  return node.getChildren('DurationExpr').map((d) => {
    const ms = evaluate(d, source);
    return ms === null || Number.isNaN(ms) ? undefined : ms;
  });
}

/**
 * The milliseconds a duration expression stands for (`5m`, `300` seconds, `1h*24`, `max_of(1h, 2h)`),
 * or null when it depends on the query's step or range.
 */
function evaluate(node: SyntaxNode | null, source: string): number | null {
  if (!node) return null;
  switch (node.name) {
    case 'NumberDurationLiteralInDurationContext':
      return literalMs(source.slice(node.from, node.to));
    case 'DurationStep':
    case 'DurationRange':
      return null;
    case 'DurationExpr':
      return evaluateExpr(node, source);
    default:
      return null;
  }
}

function evaluateExpr(node: SyntaxNode, source: string): number | null {
  const children: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
  const [first, second, third] = children;
  if (!first) return null;
  if (children.length === 1) return evaluate(first, source);
  if (first.name === 'UnaryOp') {
    const value = evaluate(second ?? null, source);
    return value === null ? null : source.slice(first.from, first.to) === '-' ? -value : value;
  }
  if (first.name === 'DurationMinOf' || first.name === 'DurationMaxOf') {
    const args = children.filter((c) => c.name === 'DurationExpr').map((c) => evaluate(c, source));
    if (args.length !== 2 || args.some((a) => a === null)) return null;
    return first.name === 'DurationMinOf' ? Math.min(args[0]!, args[1]!) : Math.max(args[0]!, args[1]!);
  }
  if (first.name === 'DurationStep' || first.name === 'DurationRange') return null;
  if (children.length === 3 && second) {
    const [a, b] = [evaluate(first, source), evaluate(third ?? null, source)];
    if (a === null || b === null) return null;
    // Arithmetic on durations is in seconds (Prometheus's duration expressions).
    const [x, y] = [a / 1000, b / 1000];
    switch (second.name) {
      case 'Add':
        return (x + y) * 1000;
      case 'Sub':
        return (x - y) * 1000;
      case 'Mul':
        return x * y * 1000;
      case 'Div':
        return (x / y) * 1000;
      case 'Mod':
        return (x % y) * 1000;
      case 'Pow':
        return x ** y * 1000;
    }
  }
  return null;
}

/** A duration (`1h30m`) or a number of seconds (`300`, `1.5`, `0x10`, `1e3`, `1_000`, `Inf`). */
function literalMs(text: string): number | null {
  const lower = text.toLowerCase();
  if (DURATION.test(lower)) {
    let ms = 0;
    for (const [, n, unit] of lower.matchAll(DURATION_PART)) ms += Number(n) * UNIT_MS[unit!]!;
    return ms;
  }
  if (lower === 'inf' || lower === '+inf') return Infinity;
  const seconds = Number(lower.replaceAll('_', ''));
  return Number.isNaN(seconds) ? null : seconds * 1000;
}

function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return 'Inf';
  return Number.isInteger(ms) && ms > 0 ? formatDuration(ms) : `${ms / 1000}s`;
}

/** The least resolution that keeps `covered` within `points`, rounded up to a whole second. */
function leastResolution(covered: number, points: number): string {
  return formatDuration(Math.ceil(covered / points / 1000) * 1000);
}

function quote(node: SyntaxNode, query: string): string {
  const text = query.slice(node.from, node.to);
  return `"${text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text}"`;
}
