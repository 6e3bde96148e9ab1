import type { MetricEvidence, NotificationEvent } from '../notification-event';
import type { FlagKind } from '../types';
import type { Action } from './action';
import { flagEvents, type ReportedFlag } from './action-notifications';

/** The kinds active when receivers last heard and active no more. */
export function clearedKinds(heard: readonly ReportedFlag[], active: readonly ReportedFlag[]): FlagKind[] {
  const activeKinds = new Set(active.map((f) => f.kind));
  return [...new Set(heard.map((f) => f.kind))].filter((kind) => !activeKinds.has(kind));
}

/** The active flags of kinds receivers have not heard of as active. */
export function raisedFlags<F extends ReportedFlag>(heard: readonly ReportedFlag[], active: readonly F[]): F[] {
  const heardKinds = new Set(heard.map((f) => f.kind));
  return active.filter((f) => !heardKinds.has(f.kind));
}

/** Whether receivers have anything to hear: a kind of flag raised or cleared since they last heard. */
export function flagsChanged(heard: readonly ReportedFlag[], active: readonly ReportedFlag[]): boolean {
  return raisedFlags(heard, active).length > 0 || clearedKinds(heard, active).length > 0;
}

export interface FlagChange {
  /** The active flags as receivers last heard of them. */
  heard: readonly ReportedFlag[];
  /** The active flags now. */
  active: readonly ReportedFlag[];
  /** The newest flag of each cleared kind, if one is still stored. */
  latest: readonly ReportedFlag[];
  now: Date;
  /** The action's metrics' latest reasons, carried by every event. */
  evidence: readonly MetricEvidence[];
}

/**
 * A scoring that replays history raises and clears flags at their own past times, perhaps many
 * times over; receivers want to hear what changed, not the history. So the net effect, compared by
 * kind: a kind active now that was not before is raised, one active before and not now is cleared.
 * A flag the replay found never held (raised since the replayed time) has no row left: receivers
 * heard it raised, so they hear it cleared, now.
 */
export function flagChangeEvents(action: Action, change: FlagChange): NotificationEvent[] {
  const { heard, active, latest, now, evidence } = change;
  const cleared = clearedKinds(heard, active).map((kind) => {
    const row = latest.find((f) => f.kind === kind && f.clearedAt !== null);
    const told = heard.find((f) => f.kind === kind)!;
    return row ?? { ...told, clearedAt: new Date(Math.max(now.getTime(), told.raisedAt.getTime())) };
  });
  return [
    ...raisedFlags(heard, active).flatMap((f) => flagEvents(action, 'flag.raised', f, evidence)),
    ...cleared.flatMap((f) => flagEvents(action, 'flag.cleared', f, evidence)),
  ];
}
