import { TrackerError } from '../tracker-client';

/** A Jira issue key taken apart: `OPS-42` is project `OPS`, number 42. */
export interface JiraIssueKey {
  project: string;
  number: number;
}

// Jira's default project-key rule: an uppercase letter, then uppercase letters, digits or underscores.
// Lowercase keys are refused rather than upper-cased, so a key never silently names another issue.
const KEY = /^([A-Z][A-Z0-9_]{1,9})-([1-9][0-9]{0,9})$/;

/** Reads `PROJ-42`; anything else (spaces, lowercase, URLs, `PROJ-0`) is refused before any request. */
export function parseJiraIssueKey(tracker: string, key: string): JiraIssueKey {
  const match = KEY.exec(key);
  if (!match) throw new TrackerError(tracker, 'refused', `"${key}" is not a Jira issue key (like PROJ-42)`);
  return { project: match[1], number: Number(match[2]) };
}
