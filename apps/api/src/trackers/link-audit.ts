import type { AuditEntry } from '@app/domain';
import type { LinkChange } from './tracker-link.service';

/**
 * The audit entries of a change with the link change recorded as `changes.tracker`: in the
 * change's own entry when the action changed too (one event per change), else in an `updated`
 * entry of its own.
 */
export function withLinkChange(audit: AuditEntry[], change: LinkChange | null, at: Date): AuditEntry[] {
  if (!change) return audit;
  const tracker = { from: change.from, to: change.to };
  if (audit.length === 0) return [{ type: 'updated', changes: { tracker }, at }];
  const [first, ...rest] = audit;
  return [{ ...first, changes: { ...first.changes, tracker } }, ...rest];
}
