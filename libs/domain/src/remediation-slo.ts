import type { Priority } from './types';

const DAY_MS = 86_400_000;

/** The default due date: `openedAt` plus the priority's remediation SLO in days (null: none). */
export function defaultDueAt(
  openedAt: Date,
  priority: Priority,
  sloDays: Record<Priority, number | null>,
): Date | null {
  const days = sloDays[priority];
  return days == null ? null : new Date(openedAt.getTime() + days * DAY_MS);
}
