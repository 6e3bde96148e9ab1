import type { ActionStatus, FlagKind, MetricSelector, MetricTarget, Direction, SelectorTerm } from '@app/domain';

/** `2025-01-31 14:05 UTC`; seconds only when there are some. */
export function formatInstant(at: Date): string {
  const iso = at.toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : ':' + seconds} UTC`;
}

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
];

/** The two largest units of a span, e.g. `1 d 4 h`, `2 h 15 min`, `40 s`. */
export function formatSpan(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${unit}`);
  }
  return parts
    .slice(0, 2)
    .filter((part) => !part.startsWith('0 '))
    .join(' ');
}

/** Up to six significant digits, without exponent noise for ordinary magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) || Math.abs(value) >= 1e6) return String(Math.round(value));
  return String(Number(value.toPrecision(6)));
}

export function statusLabel(status: ActionStatus): string {
  return status === 'wont_fix' ? "won't fix" : status.replace('_', ' ');
}

/** `no_telemetry` → `no telemetry`; `improved_before_fix` → `improved before the fix`. */
export function flagLabel(kind: FlagKind): string {
  return kind === 'improved_before_fix' ? 'improved before the fix' : kind.replaceAll('_', ' ');
}

/** Progress 0..1 as a whole percentage; never rounds up to 100 % before the goal is reached. */
export function formatProgress(progress: number): string {
  const percent = progress >= 1 ? 100 : Math.min(99, Math.round(progress * 100));
  return `${percent} %`;
}

/** "decrease to ≤ 250 and by ≥ 20 % from the baseline": both parts must hold when both are given. */
export function describeTarget(direction: Direction, target: MetricTarget): string {
  const parts: string[] = [];
  if (target.absolute !== undefined && target.absolute !== null) {
    parts.push(`to ${direction === 'decrease' ? '≤' : '≥'} ${formatNumber(target.absolute)}`);
  }
  if (target.relativePercent !== undefined && target.relativePercent !== null) {
    parts.push(
      `by ≥ ${formatNumber(target.relativePercent)} % ${direction === 'decrease' ? 'from' : 'over'} the baseline`,
    );
  }
  return parts.length ? `${direction} ${parts.join(' and ')}` : direction;
}

/** An OpenTelemetry selector in one line, e.g. `p99(http.server.duration{route="/pay"})`. */
export function describeSelector(selector: MetricSelector): string {
  const term = describeTerm(selector);
  return selector.denominator ? `${term} / ${describeTerm(selector.denominator)}` : term;
}

function describeTerm(term: SelectorTerm): string {
  const attributes = Object.entries(term.attributes ?? {})
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');
  return `${term.statistic}(${term.metric}${attributes ? `{${attributes}}` : ''})`;
}
