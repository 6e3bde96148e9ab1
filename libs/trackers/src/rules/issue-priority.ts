import type { Priority } from '@app/domain';

// `P1`, `p1`, `priority:P1`, `priority: P1`, `priority/P1`, `priority-p1`.
const PRIORITY_LABEL = /^(?:priority\s*[:/-]\s*)?p([0-3])$/i;

/**
 * Jira's priority names, both schemes it ships: Highest…Lowest (five names for our four
 * priorities, so Low and Lowest both read P3) and Blocker…Trivial. Compared without case.
 */
export const JIRA_PRIORITIES: Readonly<Record<string, Priority>> = {
  highest: 'P0',
  high: 'P1',
  medium: 'P2',
  low: 'P3',
  lowest: 'P3',
  blocker: 'P0',
  critical: 'P1',
  major: 'P2',
  minor: 'P3',
  trivial: 'P3',
};

/**
 * The priority an issue states: a priority label (the most urgent one, if several), else the
 * tracker's priority field (Jira), else null (the action then takes the default). A label wins over
 * the field because a label in our spelling was put there for us.
 */
export function issuePriority(issue: { labels: readonly string[]; priority: string | null }): Priority | null {
  const fromLabels = issue.labels
    .map((label) => PRIORITY_LABEL.exec(label.trim()))
    .filter((match) => match !== null)
    .map((match) => `P${match[1]}` as Priority)
    .sort();
  if (fromLabels.length > 0) return fromLabels[0];
  const name = issue.priority?.trim().toLowerCase() ?? '';
  return Object.hasOwn(JIRA_PRIORITIES, name) ? JIRA_PRIORITIES[name] : null;
}
