import { isTerminal, type FlagKind } from '@app/domain';
import type { ReportAction } from './postmortem-report.model';
import { flagLabel } from './report-values';

// Shown only when some action carries them; overdue and stalled are always shown, as the two
// numbers a reader of a remediation report looks for first.
const OTHER_FLAGS: FlagKind[] = ['ineffective', 'regressed', 'no_telemetry', 'source_error', 'improved_before_fix'];

/**
 * One line on where the remediation stands, e.g.
 * `3 of 5 actions verified (2 by telemetry, 1 manually) · 1 overdue · 1 stalled`.
 * Overdue is judged against `now` like each action's due date line; the other counts are of
 * active flags.
 */
export function outcomeOverview(actions: ReportAction[], now: Date): string {
  const verified = actions.filter((a) => a.status === 'verified');
  const byTelemetry = verified.filter((a) => a.verification === 'telemetry').length;
  const manually = verified.filter((a) => a.verification === 'manual').length;
  const how = verified.length > 0 ? ` (${byTelemetry} by telemetry, ${manually} manually)` : '';
  const overdue = actions.filter(
    (a) => a.dueAt !== null && a.dueAt.getTime() < now.getTime() && !isTerminal(a.status),
  ).length;
  const flagged = (kind: FlagKind) => actions.filter((a) => a.flags.some((f) => f.kind === kind)).length;
  const parts = [
    `${verified.length} of ${actions.length} ${actions.length === 1 ? 'action' : 'actions'} verified${how}`,
    `${overdue} overdue`,
    `${flagged('stalled')} stalled`,
    ...OTHER_FLAGS.filter((kind) => flagged(kind) > 0).map((kind) => `${flagged(kind)} ${flagLabel(kind)}`),
  ];
  const wontFix = actions.filter((a) => a.status === 'wont_fix').length;
  if (wontFix > 0) parts.push(`${wontFix} won't fix`);
  return parts.join(' · ');
}
