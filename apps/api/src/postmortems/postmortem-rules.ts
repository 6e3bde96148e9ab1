import { invalidInput } from '@app/domain';
import type { ContributingFactor, PostmortemKind, Severity, TimelineEntry } from '@app/persistence';

/** A post-mortem's own fields, as stored (before id and timestamps). */
export interface PostmortemFields {
  kind: PostmortemKind;
  title: string;
  severity: Severity | null;
  occurredAt: Date | null;
  resolvedAt: Date | null;
  services: string[];
  summary: string;
  timeline: TimelineEntry[];
  contributingFactors: ContributingFactor[];
}

/** Services without repeats, in the order first given. */
export function uniqueServices(services: readonly string[]): string[] {
  return [...new Set(services)];
}

/**
 * The timeline as stored: instants in one spelling (UTC ISO), ordered by `at`. The sort is stable,
 * so two entries at the same instant keep the order they were written in.
 */
export function orderTimeline(entries: ReadonlyArray<{ at: string; text: string }>): TimelineEntry[] {
  return entries
    .map((entry) => ({ at: new Date(entry.at).toISOString(), text: entry.text }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The rules that span fields. Checked on the whole post-mortem, after a PATCH is merged too, so a
 * partial update can never leave an incident without its severity or resolved before it occurred.
 * Throws an invalid-input error naming the field to fix.
 */
export function assertPostmortemRules(
  fields: Pick<PostmortemFields, 'kind' | 'severity' | 'occurredAt' | 'resolvedAt'>,
): void {
  if (fields.kind === 'incident' && fields.severity === null)
    throw invalidInput('severity is required for an incident');
  if (fields.kind === 'incident' && fields.occurredAt === null)
    throw invalidInput('occurredAt is required for an incident');
  if (fields.resolvedAt && fields.occurredAt && fields.resolvedAt.getTime() < fields.occurredAt.getTime()) {
    throw invalidInput('resolvedAt must not be before occurredAt');
  }
}
