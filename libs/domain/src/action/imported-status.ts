import { invalidInput } from '../domain.errors';
import { transitionPath } from './transition-path';
import type { ActionStatus } from '../types';

/** An action created directly at a later status, with the dates it gives (an import of a past action item). */
export interface StatusImport {
  status: ActionStatus;
  openedAt: Date;
  implementedAt: Date | null;
  closedAt: Date | null;
  now: Date;
}

/** One move the import implies, at the time it happened. */
export interface DatedTransition {
  to: ActionStatus;
  at: Date;
  /** For `implemented`: when the fix shipped. */
  implementedAt?: Date;
}

const SHIPS: readonly ActionStatus[] = ['implemented', 'verified'];
const CLOSES: readonly ActionStatus[] = ['verified', 'wont_fix'];

/**
 * The moves from `open` to the requested status, each dated: work started when the action was
 * opened, the fix shipped at `implementedAt` and the action closed at `closedAt`. A date not given
 * is now (a verified action without `implementedAt` shipped when it closed). The dates must be in
 * order (openedAt ≤ implementedAt ≤ closedAt) and none in the future; a refusal names the field.
 */
export function importedTransitions(input: StatusImport): DatedTransition[] {
  const { status, openedAt, implementedAt, closedAt, now } = input;
  if (implementedAt && !SHIPS.includes(status))
    throw invalidInput('implementedAt: only with status implemented or verified');
  if (closedAt && !CLOSES.includes(status)) throw invalidInput('closedAt: only with status verified or wont_fix');
  checkDate('implementedAt', implementedAt, openedAt, now);
  checkDate('closedAt', closedAt, openedAt, now);
  if (implementedAt && closedAt && closedAt < implementedAt)
    throw invalidInput('closedAt: must not be before implementedAt');

  // A default never falls before openedAt, which may be a little ahead of this clock.
  const nowOrLater = new Date(Math.max(now.getTime(), openedAt.getTime()));
  const closed = closedAt ?? nowOrLater;
  const shipped = implementedAt ?? (status === 'verified' ? closed : nowOrLater);
  const timeOf: Record<ActionStatus, Date> = {
    open: openedAt,
    in_progress: openedAt,
    implemented: shipped,
    verified: closed,
    wont_fix: closed,
  };
  return (transitionPath('open', status) ?? []).map((to) =>
    to === 'implemented' ? { to, at: shipped, implementedAt: shipped } : { to, at: timeOf[to] },
  );
}

function checkDate(field: string, date: Date | null, openedAt: Date, now: Date): void {
  if (!date) return;
  if (date > now) throw invalidInput(`${field}: must not be in the future`);
  if (date < openedAt) throw invalidInput(`${field}: must not be before openedAt`);
}
