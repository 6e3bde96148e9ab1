import { formatNumber } from '../../postmortems/report/report-values';
import type { PublicAction, PublicMetric } from './public-view.model';

/** `2026-11-20`: a public reader needs the day, not the minute. */
export function formatDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * A corrective action's measured outcome in one sentence a reader outside the company understands,
 * e.g. "The fix worked — verified by telemetry on 2026-11-20: p99 latency 0.8 → 0.3 against a goal
 * of 0.56." It says what the telemetry showed, including when it did not move or slipped later.
 */
export function outcomeWords(action: PublicAction): string {
  const flagged = (kind: PublicAction['flags'][number]) => action.flags.includes(kind);
  const measured = measures(action.metrics);
  const credit = flagged('improved_before_fix')
    ? ' The telemetry had already improved before this fix shipped, so some of the credit may belong elsewhere.'
    : '';
  switch (action.status) {
    case 'verified': {
      const on = action.closedAt ? ` on ${formatDay(action.closedAt)}` : '';
      if (action.verification === 'manual') return `Done — verified by a manual check${on}; no telemetry measures it.`;
      if (flagged('regressed'))
        return `The fix worked — verified by telemetry${on} — but has slipped since: ${measured}.${credit}`;
      return `The fix worked — verified by telemetry${on}: ${measured}.${credit}`;
    }
    case 'implemented': {
      const shipped = action.implementedAt ? `Shipped on ${formatDay(action.implementedAt)}` : 'Shipped';
      if (action.metrics.length === 0) return `${shipped}; awaiting a manual check.`;
      if (flagged('ineffective')) return `${shipped}, but the telemetry has not moved enough: ${measured}.${credit}`;
      return `${shipped}; measuring whether it works: ${measured}.${credit}`;
    }
    case 'in_progress':
      return action.metrics.length ? `In progress. So far: ${measured}.` : 'In progress.';
    case 'open':
      return action.metrics.length ? `Planned. ${capitalise(measured)}.` : 'Planned.';
    case 'wont_fix':
      return 'Not pursued.';
  }
}

function measures(metrics: PublicMetric[]): string {
  return metrics.map(measure).join('; ');
}

/** "p99 latency 0.8 → 0.3 against a goal of 0.56"; what is not known yet is said so. */
export function measure(metric: PublicMetric): string {
  const last = metric.trend.at(-1);
  if (!last) {
    const baseline = metric.baseline === null ? '' : ` (baseline ${formatNumber(metric.baseline)})`;
    return `${metric.name} not measured yet${baseline}`;
  }
  const from = metric.baseline === null ? '' : `${formatNumber(metric.baseline)} → `;
  const against = last.goal === null ? '' : ` against a goal of ${formatNumber(last.goal)}`;
  return `${metric.name} ${from}${formatNumber(last.value)}${against}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
